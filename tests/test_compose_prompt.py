"""The language model's prompt (the record and the seeds' rules) and its answer parsed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from followup.domain.compose.composer import compose_all, tidy
from followup.domain.compose.model import Brief, ConcernNote, DraftKind, Member, Sender
from followup.domain.compose.prompt import messages, parse_reply

AMARA = Member("Amara Okafor", "Head of Data", topics=("the churn model", "dashboard adoption"))
JOSE = Member("José Núñez", "Analyst", topics=("SQL performance",))
BRIEF = Brief(
    company="Northwind Labs",
    role="Data Analyst",
    round="second",
    format="video",
    interviewers=(AMARA, JOSE),
    topics=("team rituals",),
    standouts=("we sketched the churn funnel together",),
    concerns=(ConcernNote("SQL window functions", "I would partition by customer and use LAG()"),),
    forgotten=("my Tableau certification",),
    questions=("How is the analytics team organised after the merger?",),
    decision_date=date(2026, 12, 18),
    interview_start=datetime(2026, 12, 1, 15, tzinfo=UTC),
    interview_end=datetime(2026, 12, 1, 16, tzinfo=UTC),
    sender=Sender("Sam Rivera", "Sam Rivera\n+1 555 0100"),
    send_at=datetime(2026, 12, 1, 23, tzinfo=UTC),
    other_companies=("Contoso Analytics", "Globex"),
    people_elsewhere=("Priya Shah",),
)


def _chat(kind: DraftKind = DraftKind.PANEL_NOTE, member: Member | None = AMARA) -> tuple[str, str]:
    template = compose_all(BRIEF, kind, to=member.name if member else None)[0].text
    system, user = messages(BRIEF, kind, member, template)
    assert (system["role"], user["role"]) == ("system", "user")
    return system["content"], user["content"]


def test_the_system_message_gives_the_seeds_rules_with_their_seeds() -> None:
    system, _ = _chat(DraftKind.THANK_YOU)
    for rule in (
        "within 24 hours (seeds 001, 002)",
        "specific points that were discussed",
        "address it with the better answer given (seed 003)",
        "forgot to mention something, offer it (seed 003)",
        "one the company's website does not answer (seed 003)",
        "Be brief: 50 to 150 words in the body",
        "Never pushy, never desperate",
        "Never generic",
        "Never a placeholder or a bracket",
        "Name no company but Northwind Labs (seed 002)",
        "Spell every name exactly as given",
        "The first line is 'Subject: ' and 3 to 6 words",
        "no preamble",
    ):
        assert rule in system, rule


@pytest.mark.parametrize(
    ("kind", "length", "form"),
    [
        (DraftKind.LINKEDIN, "under 300 characters", "No subject line and no signature"),
        (DraftKind.VOICEMAIL, "under 80 words", "Only the words to say aloud"),
        (DraftKind.CALL, "60 to 150 words", "first asks whether now is a good time"),
        (DraftKind.CARD, "30 to 80 words", "No subject line: a greeting"),
    ],
)
def test_each_kind_gets_its_length_and_form(kind: DraftKind, length: str, form: str) -> None:
    system, user = messages(BRIEF, kind, AMARA, "Hi Amara, thank you.")
    assert length in system["content"]
    assert form in system["content"] + user["content"]
    assert "Subject: '" not in system["content"]


def test_the_user_message_carries_this_interviews_record_and_the_template() -> None:
    _, user = _chat()
    template = compose_all(BRIEF, DraftKind.PANEL_NOTE, to="Amara")[0].text
    for fact in (
        "To: Amara Okafor, Head of Data.",
        "What Amara Okafor discussed: the churn model; dashboard adoption",
        "one of 2 interviewers",
        "Company: Northwind Labs",
        "Role: Data Analyst",
        "Interview date: Tuesday, December 1, 2026",
        "Other topics of the interview: team rituals; SQL performance",
        "A standout moment: we sketched the churn funnel together",
        "A concern from the interview: SQL window functions",
        "The better answer to it: I would partition by customer and use LAG()",
        "forgot to mention: my Tableau certification",
        "still has: How is the analytics team organised after the merger?",
        "Decision expected by: Friday, December 18, 2026",
        "    +1 555 0100",
        template.strip(),
    ):
        assert fact in user, fact


def test_other_companies_and_other_interviews_people_never_reach_the_model() -> None:
    for kind in (DraftKind.THANK_YOU, DraftKind.PANEL_NOTE):
        system, user = _chat(kind)
        for name in ("Contoso", "Globex", "Priya", "Shah"):
            assert name not in system and name not in user


def test_a_note_to_the_team_and_an_empty_record_leave_out_what_is_unknown() -> None:
    bare = Brief(company="Northwind Labs")
    _, user = messages(bare, DraftKind.CHECK_IN, None, "Dear Northwind Labs team,")
    assert "To: the Northwind Labs team." in user["content"]
    for absent in ("Role:", "concern", "Decision", "None", "Signature"):
        assert absent not in user["content"], absent
    nameless = messages(Brief(), DraftKind.CHECK_IN, None, "Hello")[0]["content"]
    assert "Name no company but the company that interviewed the candidate" in nameless


def test_long_record_text_is_cut_and_put_on_one_line() -> None:
    rambling = Brief(topics=("the\nquarterly   roadmap " + "and more " * 100,))
    user = messages(rambling, DraftKind.CHECK_IN, None, "Hello")[1]["content"]
    line = next(x for x in user.splitlines() if x.startswith("Other topics"))
    assert line.startswith("Other topics of the interview: the quarterly roadmap and more")
    assert line.endswith("…") and len(line) < 360


# The answer -----------------------------------------------------------------------------------

DRAFT = (
    "Subject: Thank you, Amara\n\nDear Amara,\n\nThank you for the talk.\n\nBest regards,\nSam\n"
)


@pytest.mark.parametrize(
    "answer",
    [
        DRAFT,
        "```\n" + DRAFT + "```",
        "```text\n" + DRAFT + "```\n\nI kept it short.",
        "Here is your draft:\n\n" + DRAFT,
        "Sure! Here's a revised version of the email:\n" + DRAFT,
        "Certainly.\n\n" + DRAFT,
        "**Subject:** Thank you, Amara\n\nDear Amara,\n\nThank you for the **talk**.\n\n"
        "Best regards,\nSam",
        "Subject line: Thank you, Amara\r\n\r\nDear Amara,\r\n\r\nThank you for the talk.\r\n\r\n"
        "Best regards,\r\nSam",
        DRAFT + "\n---\n\nNote: I mentioned the churn model as you asked.",
        DRAFT + "\nLet me know if you'd like any changes!",
        '"' + DRAFT.strip() + '"',
        "  \ufeff" + DRAFT.replace("\n\n", "\n\n\n\n") + "   \n",
    ],
)
def test_what_models_wrap_around_a_draft_is_taken_off(answer: str) -> None:
    assert parse_reply(answer) == DRAFT


@pytest.mark.parametrize(
    "draft",
    [
        "Hello Ms. Okafor, this is Sam Rivera calling about the Data Analyst role.\n",
        "This is Sam Rivera. Thank you again for Tuesday.\n\nI hope that our paths cross.\n",
        "Subject: Thank you\n\nDear Dr. Okafor:\n\nI have been thinking about our talk.\n",
        "I have been thinking about the churn model since Tuesday.\n",
        "Here is the article on churn I mentioned. Thank you again!\n\nSam\n",
        "Hi Amara, thank you for Tuesday.\n\nThis note is late, I know.\n",
    ],
)
def test_a_drafts_own_words_are_left_alone(draft: str) -> None:
    assert tidy(draft) == draft
    assert parse_reply(draft) == draft


@pytest.mark.parametrize("answer", ["", "   \n", "```\n```", "Here is your draft:"])
def test_an_answer_with_no_draft_is_empty(answer: str) -> None:
    assert parse_reply(answer) == ""
