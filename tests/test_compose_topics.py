"""Whose topic a note cites: the reader's own and the interview's, never another member's.

A topic given as "Dana: customer churn dashboard" is Dana's alone: Kenji, who discussed
nothing recorded, gets a warm note without it (or one about a general topic), never
"the chance to talk with you about customer churn dashboard". A bare noun phrase reads
with its article ("about the customer churn dashboard"); other topics stay as typed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from conftest import CLI
from draft_support import draft, ok
from followup.domain.compose.composer import compose
from followup.domain.compose.facts import topics_for
from followup.domain.compose.model import SPECS, Brief, ConcernNote, DraftKind, Member, Sender
from followup.domain.compose.prompt import user_prompt
from followup.domain.compose.templates import library

DANA = "Dana Rivera <dana@acme.com>, Analytics Manager"
KENJI = "Kenji Sato <kenji@acme.com>, Recruiter"
EVENING = {"FOLLOWUP_NOW": "2026-11-20T23:00:00+00:00"}
#: Words of Dana's topic: none may reach a note to Kenji.
DANAS = ("churn", "dashboard")


def _record(cli: CLI, *topics: str) -> None:
    ok(cli("init", "--name", "Zoë Martín", "--email", "zoe@example.com"))
    flags = [x for t in topics for x in ("--topic", t)]
    ok(cli("add", "-c", "Acme", "-r", "Data Analyst", "-s", "2026-11-20T16:15", "--end", "17:00",
           "--mode", "panel", "--decision", "2026-12-04", "--interviewer", DANA,
           "--interviewer", KENJI, *flags, env=EVENING))  # fmt: skip


def _notes(cli: CLI) -> dict[str, str]:
    """Each reader's panel note, by first name."""
    notes: list[dict[str, Any]] = draft(cli, "1", "--kind", "panel-note")
    return {n["to"].split()[0]: n["body"] for n in notes}


def _check_in(cli: CLI, to: str) -> str:
    body: str = draft(cli, "1", "--kind", "check-in", "--to", to)["body"]
    return body


def test_a_members_topic_is_cited_to_that_member_only(cli: CLI) -> None:
    _record(cli, "Dana: customer churn dashboard")
    notes = _notes(cli)
    assert "about the customer churn dashboard" in notes["Dana"]
    kenji_notes = (notes["Kenji"], _check_in(cli, "kenji"))
    for body in kenji_notes:
        assert body.startswith("Dear Kenji,\n\n")
        for word in DANAS:
            assert word not in body.casefold(), body
    assert "the customer churn dashboard" in _check_in(cli, "dana")


def test_a_general_topic_may_reach_every_member(cli: CLI) -> None:
    _record(cli, "Dana: customer churn dashboard", "the quarterly roadmap")
    notes = _notes(cli)
    kenji = (notes["Kenji"], _check_in(cli, "kenji"))
    for body in kenji:
        assert "the quarterly roadmap" in body, body
        assert not any(word in body.casefold() for word in DANAS), body
    assert "the customer churn dashboard" in notes["Dana"]


def test_a_note_without_a_topic_of_its_own_asks_for_one(cli: CLI) -> None:
    _record(cli, "Dana: customer churn dashboard")
    notes: list[dict[str, Any]] = draft(cli, "1", "--kind", "panel-note")
    missing = {n["to"]: [m["field"] for m in n["missing"]] for n in notes}
    assert "topics" in missing["Kenji Sato"]
    assert "topics" not in missing["Dana Rivera"]


# Every kind and every built-in variant ----------------------------------------------------

END = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
DANA_M = Member("Dana Rivera", "Analytics Manager", "dana@acme.com", ("customer churn dashboard",))
KENJI_M = Member("Kenji Sato", "Recruiter", "kenji@acme.com")


def _brief(topics: tuple[str, ...] = ()) -> Brief:
    return Brief(
        company="Acme",
        role="Data Analyst",
        format="panel",
        interviewers=(DANA_M, KENJI_M),
        topics=topics,
        concerns=(ConcernNote("SQL window functions", "I would partition by customer."),),
        forgotten=("my Tableau certification",),
        decision_date=date(2026, 12, 4),
        interview_start=END - timedelta(minutes=45),
        interview_end=END,
        sender=Sender("Zoë Martín", phone="+1 555 0100"),
    )


VARIANTS = [(kind, v.name) for kind, variants in library().items() for v in variants]


@pytest.mark.parametrize(("kind", "variant"), VARIANTS, ids=[f"{k.value}-{v}" for k, v in VARIANTS])
def test_no_variant_cites_danas_topic_to_kenji(kind: DraftKind, variant: str) -> None:
    brief = _brief()
    kenji = compose(brief, kind, KENJI_M, seat=1, variant=variant)
    assert not any(word in kenji.text.casefold() for word in DANAS), kenji.text
    dana = compose(brief, kind, DANA_M, seat=0, variant=variant)
    if "churn" in dana.text:
        assert "the customer churn dashboard" in dana.text, dana.text
    if SPECS[kind].per_person:  # a note that thanks her names what she discussed
        assert "the customer churn dashboard" in dana.text, dana.text


def test_a_reader_draws_on_their_own_topics_then_the_general_ones() -> None:
    brief = _brief(("team rituals",))
    assert topics_for(brief, DANA_M) == ["the customer churn dashboard", "team rituals"]
    assert topics_for(brief, KENJI_M) == ["team rituals"]
    assert topics_for(_brief(), KENJI_M) == []
    team = Brief(company="Acme", topics=("team rituals",))
    assert topics_for(team, None) == ["team rituals"]


def test_the_model_is_told_whose_topic_is_whose() -> None:
    user = user_prompt(_brief(), DraftKind.PANEL_NOTE, KENJI_M, "Dear Kenji,")
    assert (
        "Discussed with another interviewer, not with Kenji Sato (never write as if Kenji "
        "Sato discussed it): customer churn dashboard"
    ) in user
    assert "What Kenji Sato discussed" not in user


# The article -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "quoted"),
    [
        ("customer churn dashboard", "the customer churn dashboard"),
        ("churn model", "the churn model"),
        ("Looker dashboard", "the Looker dashboard"),
        ("Q3 roadmap", "the Q3 roadmap"),
        ("migration of the billing platform", "the migration of the billing platform"),
        ("hiring plan", "the hiring plan"),
        # Kept as typed: an article or a possessive already, a plural, an uncountable
        # head, a practice, a clause, a gerund phrase, a name.
        ("the churn model", "the churn model"),
        ("a churn model", "a churn model"),
        ("our data platform", "our data platform"),
        ("Acme's roadmap", "Acme's roadmap"),
        ("team rituals", "team rituals"),
        ("SQL performance", "SQL performance"),
        ("SQL window functions", "SQL window functions"),
        ("dashboard adoption", "dashboard adoption"),
        ("month-end close", "month-end close"),
        ("customer service", "customer service"),
        ("code review", "code review"),
        ("stress testing", "stress testing"),
        ("onboarding new customers", "onboarding new customers"),
        ("how the team plans its sprint", "how the team plans its sprint"),
        ("building a dashboard", "building a dashboard"),
        ("Kubernetes", "Kubernetes"),
        ("data", "data"),
    ],
)
def test_a_bare_noun_phrase_takes_the_article(topic: str, quoted: str) -> None:
    from followup.domain.compose.shorten import the_phrase

    assert the_phrase(topic) == quoted
