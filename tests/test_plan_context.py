"""The stateless plan contract: `followup plan --context FILE --now ISO --format json`.

The contract (DESIGN.md) is public: these tests hold its exact shape, its statuses, and
the exit status 2 with the field named and nothing on stdout for every bad input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import CLI, Result

KEYS = ["kind", "recipient", "channel", "earliest", "target", "latest", "rule", "reason", "status"]
#: Friday 20 Nov 2026: the interview ends at 17:00 in New York.
FRIDAY_5PM: dict[str, Any] = {
    "company": "Acme",
    "role": "Data Analyst",
    "interviewers": [
        {"name": "Dana Rivera", "title": "Analytics Manager", "email": "dana@acme.com"}
    ],
    "interview_start": "2026-11-20T16:15:00-05:00",
    "interview_end": "2026-11-20T17:00:00-05:00",
    "round": "first",
    "company_timezone": "America/New_York",
    "user_timezone": "America/New_York",
}
NOW = "2026-11-21T12:00:00-05:00"
Plan = Callable[..., Result]


@pytest.fixture
def run_plan(cli: CLI) -> Callable[..., Result]:
    """The contract on a file: `followup plan --context PATH [--now NOW] --format json`."""

    def run(path: Path, now: str | None = NOW, env: dict[str, str] | None = None) -> Result:
        args = ["plan", "--context", str(path), "--format", "json"]
        return cli(*args, *(["--now", now] if now is not None else []), env=env)

    return run


@pytest.fixture
def plan(run_plan: Callable[..., Result], tmp_path: Path) -> Plan:
    """Run the contract on a context: a dict (written as JSON), text or bytes (as they are)."""

    def run(context: Any, now: str | None = NOW, env: dict[str, str] | None = None) -> Result:
        path = tmp_path / "context.json"
        if isinstance(context, bytes):
            path.write_bytes(context)
        else:
            text = context if isinstance(context, str) else json.dumps(context)
            path.write_text(text, encoding="utf-8")
        return run_plan(path, now, env)

    return run


def _steps(result: Result) -> list[dict[str, Any]]:
    assert result.code == 0, result
    assert result.err == ""
    document = json.loads(result.out)
    assert list(document) == ["followups"]
    return list(document["followups"])


def _one(steps: list[dict[str, Any]], kind: str, recipient: str | None = None) -> dict[str, Any]:
    found = [
        s for s in steps if s["kind"] == kind and (recipient is None or s["recipient"] == recipient)
    ]
    assert len(found) == 1, (kind, recipient, found)
    return found[0]


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# The shape of the answer ---------------------------------------------------------------------


def test_every_followup_has_exactly_the_contract_keys_and_offsets(plan: Plan) -> None:
    steps = _steps(plan(FRIDAY_5PM))
    assert {s["kind"] for s in steps} >= {"reflection", "thank-you", "linkedin", "check-in"}
    offset = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}$")
    for step in steps:
        assert list(step) == KEYS
        for key in ("earliest", "target", "latest"):
            assert offset.match(step[key]), step[key]
        assert _at(step["earliest"]) <= _at(step["target"]) <= _at(step["latest"])
        assert step["status"] in ("planned", "done", "cancelled")
        assert step["channel"] in ("email", "linkedin", "phone", "self")
        assert step["rule"] and step["reason"]
    targets = [_at(s["target"]) for s in steps]
    assert targets == sorted(targets)


def test_the_same_context_gives_the_same_plan(plan: Plan) -> None:
    assert plan(FRIDAY_5PM).out == plan(FRIDAY_5PM).out


def test_friday_5pm_thank_you_goes_the_same_evening(plan: Plan) -> None:
    # Seed 001: "within 24 hours"; Monday 9:00 would be 64 hours later.
    thanks = _one(_steps(plan(FRIDAY_5PM)), "thank-you", "Dana Rivera")
    assert thanks["rule"] == "thank-you.same-evening"
    assert thanks["target"] == "2026-11-20T18:00:00-05:00"
    assert thanks["earliest"] == "2026-11-20T17:30:00-05:00"
    assert thanks["latest"] == "2026-11-21T17:00:00-05:00"
    assert thanks["channel"] == "email"
    assert thanks["status"] == "planned"
    assert "Seed 001" in thanks["reason"]


def test_own_steps_are_on_the_users_clock(plan: Plan) -> None:
    context = {**FRIDAY_5PM, "user_timezone": "Europe/Paris"}
    steps = _steps(plan(context))
    reflection = _one(steps, "reflection")
    assert reflection["recipient"] is None
    assert reflection["channel"] == "self"
    assert reflection["earliest"] == "2026-11-20T23:00:00+01:00"
    assert _one(steps, "thank-you")["target"].endswith("-05:00")


def test_a_recruiter_in_tokyo_is_planned_on_tokyo_time(plan: Plan) -> None:
    context = {
        **FRIDAY_5PM,
        "interviewers": [
            {"name": "Kenji Sato", "title": "Recruiter", "timezone": "Asia/Tokyo"},
            {"name": "Dana Rivera", "title": "Analytics Manager"},
        ],
    }
    steps = _steps(plan(context))
    kenji = _one(steps, "panel-note", "Kenji Sato")
    assert kenji["target"].endswith("+09:00")
    assert _one(steps, "panel-note", "Dana Rivera")["target"].endswith("-05:00")


def test_without_any_zone_a_whole_hour_offset_is_the_interviews_zone(plan: Plan) -> None:
    context = {
        "interviewers": [{"name": "Kenji Sato"}],
        "interview_end": "2026-11-20T11:00:00+09:00",
    }
    thanks = _one(_steps(plan(context, now="2026-11-20T03:00:00+00:00")), "thank-you")
    assert thanks["target"] == "2026-11-20T12:00:00+09:00"


def test_a_start_alone_ends_interview_minutes_later(plan: Plan) -> None:
    context = {k: v for k, v in FRIDAY_5PM.items() if k != "interview_end"}
    context["interview_start"] = "2026-11-20T10:00:00-05:00"
    steps = _steps(plan(context, env={"FOLLOWUP_INTERVIEW_MINUTES": "60"}))
    assert _one(steps, "reflection")["earliest"] == "2026-11-20T11:00:00-05:00"


def test_unknown_keys_and_the_check_contracts_keys_are_ignored(plan: Plan) -> None:
    context = {
        **FRIDAY_5PM,
        "send_at": "2026-11-20T18:00:00-05:00",
        "to": "Dana Rivera",
        "other_companies": ["Globex"],
        "attachments": ["portfolio.pdf"],
        "a_future_field": {"anything": [1, 2]},
    }
    assert _steps(plan(context)) == _steps(plan(FRIDAY_5PM))


# History: what was done, what was heard, how it ended ---------------------------------------


def test_previous_followups_mark_steps_done(plan: Plan) -> None:
    context = {
        **FRIDAY_5PM,
        "previous_followups": [{"kind": "thank-you", "sent_at": "2026-11-20T19:10:00-05:00"}],
    }
    steps = _steps(plan(context))
    assert _one(steps, "thank-you")["status"] == "done"
    assert _one(steps, "linkedin")["status"] == "planned"


def test_a_previous_followup_to_one_panel_member_marks_only_theirs(plan: Plan) -> None:
    context = {
        **FRIDAY_5PM,
        "interviewers": [{"name": "Dana Rivera"}, {"name": "Kim Ode"}],
        "previous_followups": [
            {"kind": "panel-note", "sent_at": "2026-11-20T19:10:00-05:00", "to": "kim  ode"}
        ],
    }
    steps = _steps(plan(context))
    assert _one(steps, "panel-note", "Kim Ode")["status"] == "done"
    assert _one(steps, "panel-note", "Dana Rivera")["status"] == "planned"


def test_a_reply_after_the_first_check_in_cancels_the_chase(plan: Plan) -> None:
    first = next(s for s in _steps(plan(FRIDAY_5PM)) if s["kind"] == "check-in")
    assert first["rule"] == "check-in.no-date"
    sent = _at(first["target"]) + timedelta(hours=2)
    reply = sent + timedelta(days=1)
    context = {
        **FRIDAY_5PM,
        "previous_followups": [
            {"kind": "thank-you", "sent_at": "2026-11-20T19:10:00-05:00"},
            {"kind": "check-in", "sent_at": sent.isoformat()},
        ],
        "replies": [{"at": reply.isoformat()}],
    }
    steps = _steps(plan(context, now=(reply + timedelta(hours=1)).isoformat()))
    chase = [s for s in steps if s["kind"] in ("check-in", "close-the-loop")]
    assert [s["status"] for s in chase if s["kind"] == "check-in"] == ["done", "cancelled"]
    assert _one(steps, "close-the-loop")["status"] == "cancelled"
    assert _one(steps, "thank-you")["status"] == "done"


def test_a_reply_with_a_new_decision_date_replans_the_check_in(plan: Plan) -> None:
    context = {
        **FRIDAY_5PM,
        "replies": [{"at": "2026-11-24T10:00:00-05:00", "decision_date": "2026-12-04"}],
    }
    steps = _steps(plan(context, now="2026-11-24T11:00:00-05:00"))
    planned = [s for s in steps if s["kind"] == "check-in" and s["status"] == "planned"]
    assert planned[0]["rule"] == "check-in.after-decision-date"
    assert _at(planned[0]["target"]).date() >= date(2026, 12, 11)


def test_an_outcome_cancels_all_but_the_users_own_steps(plan: Plan) -> None:
    steps = _steps(plan({**FRIDAY_5PM, "outcome": "rejected"}))
    for step in steps:
        if step["kind"] in ("reflection", "keep-applying"):
            assert step["status"] != "cancelled", step
        else:
            assert step["status"] == "cancelled", step


def test_active_applications_decides_the_keep_applying_step(plan: Plan) -> None:
    thin = _steps(plan(FRIDAY_5PM))
    assert _one(thin, "keep-applying")["channel"] == "self"
    busy = _steps(plan({**FRIDAY_5PM, "active_applications": 5}))
    assert [s for s in busy if s["kind"] == "keep-applying"] == []


def test_the_measured_preset_allows_48_hours(plan: Plan) -> None:
    thanks = _one(_steps(plan(FRIDAY_5PM, env={"FOLLOWUP_POLICY": "measured"})), "thank-you")
    assert thanks["latest"] == "2026-11-22T17:00:00-05:00"


def test_a_policy_setting_contradiction_is_a_config_error(plan: Plan) -> None:
    result = plan(FRIDAY_5PM, env={"FOLLOWUP_POLICY_BUSINESS_END": "15:00"})
    assert (result.code, result.out) == (4, "")
    assert "policy_same_day_cutoff" in result.err


# Bad input: exit 2, the field named, nothing on stdout -------------------------------------------

BAD: list[tuple[str, Any, str]] = [
    ("not JSON", "{'company': 'Acme'}", "--context: "),
    ("an array", "[1, 2]", "not a JSON object"),
    ("a repeated key", '{"round": "first", "round": "final"}', "appears twice"),
    ("NaN", '{"active_applications": NaN}', "NaN"),
    ("too deep", "[" * 100_000 + "]" * 100_000, "--context"),
    ("not UTF-8", b'{"company": "Acme \xff"}', "not UTF-8"),
    ("a wrong type", {**FRIDAY_5PM, "interviewers": "Dana"}, "context.interviewers: is text"),
    ("an unknown round", {**FRIDAY_5PM, "round": "onsite"}, "screen, first, second, third, final"),
    ("no times", {"company": "Acme"}, "context.interview_end: is required"),
    ("a naive time", {**FRIDAY_5PM, "interview_end": "2026-11-20T17:00"}, "no UTC offset"),
    ("not a time", {**FRIDAY_5PM, "interview_end": "Friday 5pm"}, "context.interview_end"),
    ("end before start", {**FRIDAY_5PM, "interview_end": "2026-11-20T16:00:00-05:00"}, "not after"),
    ("a year typo", {**FRIDAY_5PM, "interview_end": "2062-11-20T17:00:00-05:00"}, "a day or more"),
    (
        "an unknown zone",
        {**FRIDAY_5PM, "company_timezone": "Mars/Olympus"},
        "context.company_timezone",
    ),
    (
        "a person's bad zone",
        {
            **FRIDAY_5PM,
            "interviewers": [{"name": "A"}, {"name": "B"}, {"name": "C", "timezone": "Tokyo"}],
        },
        "context.interviewers[2].timezone",
    ),
    (
        "a nameless person",
        {**FRIDAY_5PM, "interviewers": [{"email": "x@acme.com"}]},
        "interviewers[0].name",
    ),
    (
        "a person twice",
        {**FRIDAY_5PM, "interviewers": [{"name": "Kim"}, {"name": "kim"}]},
        "interviewers[1].name",
    ),
    (
        "a bad email",
        {**FRIDAY_5PM, "interviewers": [{"name": "Kim", "email": "kim@"}]},
        "interviewers[0].email",
    ),
    (
        "a bad kind",
        {**FRIDAY_5PM, "previous_followups": [{"kind": "fax", "sent_at": NOW}]},
        "previous_followups[0].kind",
    ),
    (
        "a missing sent_at",
        {**FRIDAY_5PM, "previous_followups": [{"kind": "check-in"}]},
        "previous_followups[0].sent_at",
    ),
    ("a reply without at", {**FRIDAY_5PM, "replies": [{}]}, "context.replies[0].at"),
    ("a bad decision date", {**FRIDAY_5PM, "decision_date": "2026-02-30"}, "context.decision_date"),
    (
        "a bad outcome",
        {**FRIDAY_5PM, "outcome": "ghosted"},
        "offer, rejected, withdrawn, no-response",
    ),
    ("the self channel", {**FRIDAY_5PM, "preferred_channel": "self"}, "context.preferred_channel"),
    ("a bad culture", {**FRIDAY_5PM, "culture": "relaxed"}, "formal, neutral, casual"),
    ("a bad country", {**FRIDAY_5PM, "company_country": "USA"}, "context.company_country"),
    ("a negative count", {**FRIDAY_5PM, "active_applications": -1}, "context.active_applications"),
    ("a boolean count", {**FRIDAY_5PM, "active_applications": True}, "is true or false"),
    ("a control character", {**FRIDAY_5PM, "company": "Acme\u202e"}, "context.company"),
    ("a topic that is not text", {**FRIDAY_5PM, "topics": ["ok", 3]}, "context.topics[1]"),
    (
        "a panel of a hundred",
        {**FRIDAY_5PM, "interviewers": [{"name": f"P{i}"} for i in range(100)]},
        "limit is 50",
    ),
]


@pytest.mark.parametrize(
    ("context", "fragment"), [(c, f) for _, c, f in BAD], ids=[n for n, _, _ in BAD]
)
def test_bad_context_exits_2_naming_the_field(plan: Plan, context: Any, fragment: str) -> None:
    result = plan(context)
    assert result.code == 2, result
    assert result.out == ""
    assert fragment in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("now", "fragment"),
    [
        ("2026-11-21T12:00", "--now: '2026-11-21T12:00' has no UTC offset"),
        ("tomorrow", "--now: 'tomorrow' is not an ISO 8601 time"),
        ("1900-01-01T00:00:00+00:00", "--now"),
    ],
)
def test_bad_now_exits_2(plan: Plan, now: str, fragment: str) -> None:
    result = plan(FRIDAY_5PM, now=now)
    assert (result.code, result.out) == (2, "")
    assert fragment in result.err


def test_a_missing_file_a_directory_and_a_huge_file_are_refused(
    run_plan: Callable[..., Result], tmp_path: Path
) -> None:
    huge = tmp_path / "huge.json"
    huge.write_text('{"notes": "' + "x" * 5_000_001 + '"}', encoding="utf-8")
    for path, fragment in [
        (tmp_path / "missing.json", "does not exist"),
        (tmp_path, "is a directory"),
        (huge, "larger than 5 MB"),
    ]:
        result = run_plan(path)
        assert (result.code, result.out) == (2, ""), result
        assert fragment in result.err


def test_stdin_and_the_pinned_clock_stand_in_for_the_file_and_now(cli: CLI, plan: Plan) -> None:
    from conftest import NOW as PINNED  # FOLLOWUP_NOW in the test home: Sun 22 Nov 15:00 UTC

    # Sent between NOW (Sat 12:00 in New York) and the pinned clock: what counts depends on now.
    sent = {"kind": "thank-you", "sent_at": "2026-11-21T20:00:00-05:00"}
    context = {**FRIDAY_5PM, "previous_followups": [sent]}
    from_stdin = cli("plan", "--context", "-", "--format", "json", input=json.dumps(context))
    without_now = plan(context, now=None)
    assert _steps(from_stdin) == _steps(without_now) == _steps(plan(context, PINNED.isoformat()))
    assert _one(_steps(without_now), "thank-you")["status"] == "done"
    assert _one(_steps(plan(context)), "thank-you")["status"] == "planned"
