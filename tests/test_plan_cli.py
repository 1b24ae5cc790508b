"""`followup due`, `plan`, `done`, `replied` through the real entry point, on SQLite.

The interview of most tests: Friday 20 Nov 2026, 16:15-17:00 in New York, with Dana
Rivera. "Now" is conftest's Sunday 22 Nov 10:00 New York unless a test moves it.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import CLI, Result

DANA = "Dana Rivera <dana@acme.com>, Analytics Manager"
KENJI = "Kenji Sato <kenji@acme.jp>, Recruiter [Asia/Tokyo]"
CONTRACT = ["kind", "recipient", "channel", "earliest", "target", "latest", "rule", "reason"]


def at(text: str) -> dict[str, str]:
    """The environment that makes "now" this instant."""
    return {"FOLLOWUP_NOW": text}


@pytest.fixture
def acme(cli: CLI) -> None:
    """A profile and one interview: application 1, interview #1."""
    assert cli("init", "--name", "Sam Lee", "--country", "US").code == 0
    added = cli(
        "add", "-c", "Acme", "-r", "Data Analyst", "-s", "2026-11-20T16:15", "--end", "17:00",
        "-i", DANA,
    )  # fmt: skip
    assert added.code == 0, added


def ok(result: Result) -> Result:
    assert result.code == 0, result
    assert "Traceback" not in result.err
    return result


def json_of(result: Result) -> Any:
    return json.loads(ok(result).out)


def plan(cli: CLI, *args: str, env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    document = json_of(cli("plan", "1", *args, "--format", "json", env=env))
    assert set(document) >= {"application", "followups"}
    return list(document["followups"])


def steps(found: list[dict[str, Any]], kind: str, status: str | None = None) -> list[dict]:
    return [s for s in found if s["kind"] == kind and (status is None or s["status"] == status)]


def dump(home: dict[str, str]) -> list[str]:
    path = Path(home["FOLLOWUP_DATA_DIR"]) / "followup.db"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


# due -----------------------------------------------------------------------------------------


def test_due_with_nothing_recorded_says_so(cli: CLI) -> None:
    ok(cli("init", "--name", "Sam Lee"))
    result = ok(cli("due"))
    assert result.out == "Nothing is due now. See what is ahead with `followup due --week`.\n"
    assert json_of(cli("due", "--format", "json"))["due"] == []


def test_due_without_a_profile_is_bad_input(cli: CLI) -> None:
    result = cli("due")
    assert result.code == 2
    assert "followup init" in result.err


def test_due_lists_what_to_do_now_with_reasons(cli: CLI, acme: None) -> None:
    result = ok(cli("due"))
    assert result.out.startswith("Due now (2 steps; times on their clock):\n")
    assert "Acme — Data Analyst (application 1, interview #1)" in result.out
    assert "- thank-you to Dana Rivera by email: target Fri 20 Nov 18:00 EST" in result.out
    assert "OVERDUE" in result.out
    assert "Seed 001: send a thank-you within 24 hours" in result.out
    assert "Done? followup done 1 thank-you --to 'Dana Rivera'" in result.out
    assert "Draft it: followup draft 1 --kind thank-you --to 'Dana Rivera'" in result.out
    # The reflection is the user's own step: nothing to draft.
    assert "followup draft 1 --kind reflection" not in result.out
    assert result.out.count("Draft it: ") == 1
    document = json_of(cli("due", "--format", "json"))
    kinds = [d["kind"] for d in document["due"]]
    assert kinds == ["reflection", "thank-you"]
    first = document["due"][1]
    assert list(first)[:3] == ["application_id", "company", "role"]
    assert (first["application_id"], first["company"], first["role"]) == (1, "Acme", "Data Analyst")
    assert all(key in first for key in CONTRACT)
    assert first["overdue"] is True  # its window closed Sat 21 Nov 17:00
    assert first["target"] == "2026-11-20T18:00:00-05:00"


def test_due_today_and_week_look_further(cli: CLI, acme: None) -> None:
    today = json_of(cli("due", "--today", "--format", "json"))
    week = json_of(cli("due", "--week", "--format", "json"))
    assert [d["kind"] for d in today["due"]] == ["reflection", "thank-you"]
    assert [d["kind"] for d in week["due"]] == [
        "reflection",
        "thank-you",
        "linkedin",
        "keep-applying",
    ]
    assert today["until"] == "2026-11-23T00:00:00-05:00"
    assert week["until"] == "2026-11-29T15:00:00+00:00"
    refused = cli("due", "--today", "--week")
    assert (refused.code, refused.out) == (2, "")
    assert "--today: and --week exclude each other" in refused.err


# plan ----------------------------------------------------------------------------------------


def test_plan_shows_the_whole_timeline_with_reasons(cli: CLI, acme: None) -> None:
    text = ok(cli("plan", "1")).out
    assert text.startswith("Acme — Data Analyst  [interviewing]  (application 1)\n")
    assert "Interview #1: first round, Fri 20 Nov 2026 16:15–17:00 America/New_York" in text
    assert "check-in to Dana Rivera by email: target Thu 03 Dec 09:00 EST" in text
    assert "Seeds 000, 002: after 2 check-ins with no answer" in text
    found = plan(cli)
    assert [s["kind"] for s in found] == [
        "reflection",
        "thank-you",
        "linkedin",
        "keep-applying",
        "check-in",
        "check-in",
        "close-the-loop",
    ]
    assert all(list(s)[: len(CONTRACT)] == CONTRACT for s in found)
    assert [s["number"] for s in steps(found, "check-in")] == [1, 2]
    assert {s["status"] for s in found} == {"planned"}
    assert all(s["id"] is not None for s in found), "every planned step is stored"


def test_plan_shows_the_users_own_time_beside_a_recipient_elsewhere(cli: CLI) -> None:
    ok(cli("init", "--name", "Sam Lee"))
    ok(cli("add", "-c", "Acme", "-r", "Analyst", "-s", "2026-11-17T10:00", "-i", KENJI))
    text = ok(cli("plan", "1")).out
    assert (
        "thank-you to Kenji Sato by email: target Wed 18 Nov 09:00 JST (you: Tue 17 Nov 19:00)"
        in text
    )
    (thanks,) = steps(plan(cli), "thank-you")
    assert thanks["target"] == "2026-11-18T09:00:00+09:00"


def test_plan_of_one_interview_and_bad_combinations(cli: CLI, acme: None) -> None:
    ok(cli("add", "-c", "Acme", "-r", "Data Analyst", "-s", "2026-11-21T09:00", "-i", DANA))
    only = plan(cli, "--interview", "2")
    assert only and {s["interview_id"] for s in only} == {2}
    for args, words in [
        (("plan", "1", "--interview", "7"), "--interview: interview #7 is not one of"),
        (("plan", "1", "--context", "x.json"), "--context: plans from a file"),
        (("plan", "1", "--now", "2026-11-21T12:00:00-05:00"), "--now: only goes with --context"),
        (("plan",), "APPLICATION_ID: is missing"),
        (("plan", "9"), "no application with ID 9"),
        (("plan", "0"), "0"),
    ]:
        result = cli(*args)
        assert (result.code, result.out) == (2, ""), (args, result)
        assert words in result.err


def test_the_stateless_contract_goes_through_plan_context(
    cli: CLI, tmp_path: Path, home: dict[str, str]
) -> None:
    context = tmp_path / "context.json"
    context.write_text(
        json.dumps(
            {
                "company": "Acme",
                "interviewers": [{"name": "Dana Rivera"}],
                "interview_start": "2026-11-20T16:15:00-05:00",
                "interview_end": "2026-11-20T17:00:00-05:00",
                "company_timezone": "America/New_York",
            }
        ),
        encoding="utf-8",
    )
    args = ("plan", "--context", str(context), "--now", "2026-11-21T12:00:00-05:00")
    document = json_of(cli(*args, "--format", "json"))
    assert list(document) == ["followups"]
    assert all(list(s) == [*CONTRACT, "status"] for s in document["followups"])
    (thanks,) = [s for s in document["followups"] if s["kind"] == "thank-you"]
    assert (thanks["rule"], thanks["target"]) == (
        "thank-you.same-evening",
        "2026-11-20T18:00:00-05:00",
    )
    text = ok(cli(*args)).out
    assert "thank-you.same-evening" in text and "Dana Rivera" in text
    assert not (Path(home["FOLLOWUP_DATA_DIR"]) / "followup.db").exists(), "no database"


# done ----------------------------------------------------------------------------------------


def test_done_marks_the_step_and_refuses_it_twice(cli: CLI, acme: None) -> None:
    result = ok(cli("done", "1", "thank-you", "--at", "yesterday 9am"))
    assert result.out.startswith(
        "Marked done: thank-you to Dana Rivera (Acme), Sat 21 Nov 09:00 EST.\n"
    )
    (thanks,) = steps(plan(cli), "thank-you")
    assert (thanks["status"], thanks["done_at"]) == ("done", "2026-11-21T09:00:00-05:00")
    again = cli("done", "1", "thank-you")
    assert (again.code, again.out) == (2, "")
    assert "done: no thank-you is pending for Acme: it was marked done on Sat 21 Nov" in again.err
    assert "--force" in again.err


def test_done_for_a_panel_asks_whom_then_takes_all(cli: CLI) -> None:
    ok(cli("init", "--name", "Sam Lee"))
    ok(cli("add", "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T10:00", "-i", DANA, "-i", KENJI))
    asked = cli("done", "1", "panel-note")
    assert (asked.code, asked.out) == (2, "")
    assert "--to: a panel-note is pending for 2 people: Dana Rivera, Kenji Sato." in asked.err
    assert "--to all" in asked.err
    one = ok(cli("done", "1", "thank-you", "--to", "kenji"))  # a first name; either kind name
    assert "Marked done: panel-note to Kenji Sato" in one.out
    rest = ok(cli("done", "1", "panel-note", "--to", "all"))
    assert "Marked done: panel-note to Dana Rivera" in rest.out
    assert {s["status"] for s in steps(plan(cli), "panel-note")} == {"done"}


def test_done_skip_and_force(cli: CLI, acme: None) -> None:
    ok(cli("done", "1", "linkedin", "--skip"))
    (linkedin,) = steps(plan(cli), "linkedin")
    assert linkedin["status"] == "skipped"
    refused = cli("done", "1", "call")
    assert refused.code == 2
    assert "a call is planned only after they answer an availability request (seed 003)" in (
        refused.err
    )
    forced = ok(cli("done", "1", "call", "--force"))
    assert "outside the plan" in forced.out
    (call,) = steps(plan(cli), "call")
    assert (call["status"], call["rule"], call["channel"]) == ("done", "manual", "phone")


def test_a_third_check_in_is_refused(cli: CLI, acme: None) -> None:
    ok(cli("done", "1", "check-in", env=at("2026-12-02T15:00:00+00:00")))
    ok(cli("done", "1", "check-in", env=at("2026-12-14T15:00:00+00:00")))
    third = cli("done", "1", "check-in", env=at("2026-12-15T15:00:00+00:00"))
    assert (third.code, third.out) == (2, "")
    assert third.err.startswith(
        "followup: done: no check-in is pending for Acme: 2 check-ins were sent, the most the "
        "plan allows (seeds 000, 002); the next step is close-the-loop to Dana Rivera, "
    )


# replied, outcome ------------------------------------------------------------------------------


def test_a_reply_cancels_the_pending_check_ins(cli: CLI, acme: None) -> None:
    ok(cli("plan", "1"))
    document = json_of(cli("replied", "1", "--at", "today 9am", "--format", "json"))
    assert document["reopened"] is False
    assert document["reply"]["decision_date"] is None
    assert sorted(s["kind"] for s in document["cancelled"]) == [
        "check-in",
        "check-in",
        "close-the-loop",
    ]
    assert document["planned"] == []
    found = plan(cli)
    assert {s["status"] for s in steps(found, "check-in")} == {"cancelled"}
    assert steps(found, "thank-you", "planned"), "the courtesies stay"
    text = ok(cli("replied", "1")).out
    assert text.startswith("Recorded a reply from Acme (Sun 22 Nov 10:00 EST).\n")


def test_a_reply_with_a_decision_date_plans_after_it(cli: CLI, acme: None) -> None:
    ok(cli("plan", "1"))
    result = ok(cli("replied", "1", "--decision-date", "2026-12-04"))
    assert "They will decide by Fri 04 Dec 2026." in result.out
    first = steps(plan(cli), "check-in", "planned")[0]
    assert first["rule"] == "check-in.after-decision-date"
    assert first["target"] == "2026-12-11T09:00:00-05:00"


def test_an_outcome_cancels_everything_pending_and_reopen_plans_again(cli: CLI, acme: None) -> None:
    before = {(s["kind"], s["number"]) for s in plan(cli) if s["status"] == "planned"}
    ok(cli("outcome", "1", "rejected"))
    after = plan(cli)
    assert {s["kind"] for s in after if s["status"] == "planned"} == {"reflection", "keep-applying"}
    assert all("closed (rejected)" in s["reason"] for s in after if s["status"] == "cancelled")
    ok(cli("outcome", "1", "reopen"))
    assert {(s["kind"], s["number"]) for s in plan(cli) if s["status"] == "planned"} == before


def test_no_answer_closes_the_file_and_a_reply_reopens_it(cli: CLI, acme: None) -> None:
    for when, kind in [
        ("2026-12-02T15:00:00+00:00", "check-in"),
        ("2026-12-14T15:00:00+00:00", "check-in"),
        ("2026-12-24T15:00:00+00:00", "close-the-loop"),
    ]:
        ok(cli("done", "1", kind, env=at(when)))
    later = at("2027-01-08T15:00:00+00:00")
    result = ok(cli("due", env=later))
    assert result.out.startswith(
        "Application 1 (Acme — Data Analyst) is now no-response: No answer 14 days after the "
        "close-the-loop message"
    )
    listed = json_of(cli("list", "--format", "json", env=later))
    assert listed["applications"][0]["status"] == "no-response"
    reply = ok(cli("replied", "1", env=later))
    assert "Application 1 is open again (interviewing)." in reply.out
    listed = json_of(cli("list", "--format", "json", env=later))
    assert listed["applications"][0]["status"] == "interviewing"


# Bad input: exit 2, the field named, nothing changed -------------------------------------------


BAD = [
    (("done", "1", "bogus"), "KIND: 'bogus' is not a kind of follow-up"),
    (("done", "1", "thank-you", "--at", "tomorrow 3pm"), "--at: Mon 23 Nov 2026 15:00"),
    (("done", "1", "thank-you", "--at", "2026-11-20T16:30"), "is before interview #1 ended"),
    (("done", "1", "thank-you", "--at", "whenever"), "--at: 'whenever' is not a date"),
    (("done", "1", "thank-you", "--interview", "5"), "--interview: interview #5 is not one of"),
    (("done", "1", "thank-you", "--to", "Nobody"), "--to: no thank-you is pending for 'Nobody'"),
    (("done", "1", "thank-you", "--to", " "), "--to: is empty"),
    (("done", "9", "thank-you"), "no application with ID 9"),
    (("replied", "1", "--at", "next year"), "--at"),
    (
        ("replied", "1", "--decision-date", "2026-11-01"),
        "--decision-date: Sun 01 Nov 2026 is before",
    ),
    (("replied", "1", "--decision-date", "soonish"), "--decision-date"),
    (("replied", "2"), "no application with ID 2"),
    (("due", "--format", "xml"), "'xml' is not one of: text, json"),
]


@pytest.mark.parametrize(("args", "words"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_changes_nothing(
    cli: CLI, acme: None, home: dict[str, str], args: tuple[str, ...], words: str
) -> None:
    ok(cli("plan", "1"))  # the plan is stored: nothing left for a refused command to settle
    before = dump(home)
    result = cli(*args)
    assert (result.code, result.out) == (2, ""), result
    assert words in result.err
    assert "Traceback" not in result.err
    assert dump(home) == before


def test_a_refused_done_leaves_even_the_first_plan_unwritten(
    cli: CLI, acme: None, home: dict[str, str]
) -> None:
    # `add` stores the plan now: make this a database written before plans were stored.
    conn = sqlite3.connect(Path(home["FOLLOWUP_DATA_DIR"]) / "followup.db")
    with conn:
        conn.execute("DELETE FROM followups")
    conn.close()
    before = dump(home)
    assert not any('INSERT INTO "followups"' in line for line in before)
    result = cli("done", "1", "thank-you", "--to", "Nobody")
    assert result.code == 2
    assert dump(home) == before


def test_done_at_is_read_in_the_users_zone(cli: CLI, acme: None) -> None:
    ok(cli("done", "1", "thank-you", "--at", "2026-11-20T18:30"))
    (thanks,) = steps(plan(cli), "thank-you")
    assert datetime.fromisoformat(thanks["done_at"]) == datetime.fromisoformat(
        "2026-11-20T18:30:00-05:00"
    )
