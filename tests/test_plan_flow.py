"""The stored plan stays current: every command that changes the record re-plans, and
`list`, `show` and `demo` say what the plan says. Through the real entry point, on SQLite.

"Now" is conftest's Sunday 22 Nov 2026, 10:00 in New York. The stored plan is read
straight from the database file, before any `plan` or `due` (which re-plan themselves)
could have written it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import CLI, Result

DANA = "Dana Rivera <dana@acme.com>, Analytics Manager"
KENJI = "Kenji Sato <kenji@acme.jp>, Recruiter [Asia/Tokyo]"
ITEM_KEYS = [
    "kind", "recipient", "channel", "earliest", "target", "latest", "rule", "reason", "status",
    "id", "interview_id", "number", "done_at", "overdue",
]  # fmt: skip


def ok(result: Result) -> Result:
    assert result.code == 0, result
    assert "Traceback" not in result.err
    return result


def json_of(result: Result) -> Any:
    return json.loads(ok(result).out)


def stored(home: dict[str, str], **where: Any) -> list[dict[str, Any]]:
    """The follow-ups in the database file, with the recipient's name, by ID."""
    path = Path(home["FOLLOWUP_DATA_DIR"]) / "followup.db"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute(
            "SELECT f.*, c.name AS recipient FROM followups AS f "
            "LEFT JOIN contacts AS c ON c.id = f.recipient_id ORDER BY f.id"
        ).fetchall()
    finally:
        conn.close()
    found = [dict(r) for r in rows]
    return [r for r in found if all(r[k] == v for k, v in where.items())]


def add(cli: CLI, *args: str) -> None:
    ok(cli("add", "-c", "Acme", "-r", "Data Analyst", *args))


@pytest.fixture
def me(cli: CLI) -> None:
    ok(cli("init", "--name", "Sam Lee", "--country", "US"))


def first_pending(cli: CLI, application_id: int) -> dict[str, Any]:
    document = json_of(cli("plan", str(application_id), "--format", "json"))
    return next(s for s in document["followups"] if s["status"] in ("planned", "drafted"))


# Every change re-plans in its own transaction ------------------------------------------------


def test_add_stores_the_plan(cli: CLI, home: dict[str, str], me: None) -> None:
    add(cli, "-s", "2026-11-20T16:15", "--end", "17:00", "-i", DANA)

    rows = stored(home)
    assert {(r["kind"], r["recipient"], r["status"]) for r in rows} >= {
        ("reflection", None, "planned"),
        ("thank-you", "Dana Rivera", "planned"),
        ("linkedin", "Dana Rivera", "planned"),
        ("check-in", "Dana Rivera", "planned"),
        ("close-the-loop", "Dana Rivera", "planned"),
    }
    thank_you = stored(home, kind="thank-you")[0]
    assert thank_you["rule"] == "thank-you.same-evening"
    assert thank_you["target"].startswith("2026-11-20 23:00:00")  # 18:00 in New York, as UTC
    # `plan` re-plans: a stored plan that is current changes nothing.
    before = stored(home)
    ok(cli("plan", "1"))
    assert stored(home) == before


def test_editing_the_decision_date_moves_the_check_in(
    cli: CLI, home: dict[str, str], me: None
) -> None:
    add(cli, "-s", "2026-11-20T16:15", "--end", "17:00", "-i", DANA, "--decision", "2026-11-25")
    (check_in,) = stored(home, kind="check-in", number=1)
    assert check_in["rule"] == "check-in.after-decision-date"
    assert check_in["target"].startswith("2026-12-02 14:00:00")  # Wed 2 Dec 09:00 EST

    ok(cli("edit", "1", "--decision", "2026-12-04"))

    (moved,) = stored(home, kind="check-in", number=1)
    assert moved["id"] == check_in["id"]  # the same follow-up, moved
    assert moved["target"].startswith("2026-12-11 14:00:00")  # Fri 11 Dec: D + 7 days
    assert "Fri 04 Dec" in moved["reason"]
    assert first_pending(cli, 1)["kind"] == "reflection"
    steps = json_of(cli("plan", "1", "--format", "json"))["followups"]
    check_ins = [s["target"] for s in steps if s["kind"] == "check-in"]
    assert check_ins[0] == "2026-12-11T09:00:00-05:00"


def test_a_new_round_cancels_the_earlier_rounds_check_ins(
    cli: CLI, home: dict[str, str], me: None
) -> None:
    add(cli, "-s", "2026-11-19T10:00", "-i", DANA)
    first = stored(home, kind="check-in", interview_id=1)
    assert [r["status"] for r in first] == ["planned", "planned"]

    add(cli, "-s", "2026-11-21T10:00", "-i", DANA, "--round", "second")

    assert [r["status"] for r in stored(home, kind="check-in", interview_id=1)] == [
        "cancelled",
        "cancelled",
    ]
    assert all(
        "the check-ins now follow the latest round, interview #2" in r["reason"]
        for r in stored(home, kind="check-in", interview_id=1)
    )
    assert [r["status"] for r in stored(home, kind="check-in", interview_id=2)] == [
        "planned",
        "planned",
    ]


def test_reflect_marks_the_reflection_step_done(cli: CLI, home: dict[str, str], me: None) -> None:
    add(cli, "-s", "2026-11-20T16:15", "--end", "17:00", "-i", DANA)
    assert json_of(cli("list", "--format", "json"))["applications"][0]["next_step"]["kind"] == (
        "reflection"
    )

    ok(cli("reflect", "1", "--went-well", "The churn case study landed."))

    (reflection,) = stored(home, kind="reflection")
    assert reflection["status"] == "done"
    assert reflection["done_at"].startswith("2026-11-22 15:00:00")
    step = json_of(cli("list", "--format", "json"))["applications"][0]["next_step"]
    assert (step["kind"], step["recipient"]) == ("thank-you", "Dana Rivera")


def test_a_refused_change_leaves_the_plan_as_it_was(
    cli: CLI, home: dict[str, str], me: None
) -> None:
    add(cli, "-s", "2026-11-20T16:15", "--end", "17:00", "-i", DANA)
    before = stored(home)
    refused = cli("add", "-c", "Acme", "-r", "Data Analyst", "-s", "2026-11-20T16:15")
    assert refused.code == 2, refused
    assert cli("edit", "1", "--decision", "someday soon").code == 2
    assert stored(home) == before


def test_a_new_application_takes_the_keep_applying_step(
    cli: CLI, home: dict[str, str], me: None
) -> None:
    add(cli, "-s", "2026-11-19T10:00", "-i", DANA)
    assert [r["status"] for r in stored(home, kind="keep-applying")] == ["planned"]

    ok(cli("add", "-c", "Globex", "-r", "Analyst", "-s", "2026-11-20T11:00", "-i", "Kim Ode"))

    acme, globex = stored(home, kind="keep-applying")
    assert (acme["application_id"], acme["status"]) == (1, "cancelled")
    assert (globex["application_id"], globex["status"]) == (2, "planned")
    assert "only 2 applications are active" in globex["reason"]


def test_an_interview_moved_to_another_application_takes_its_history(
    cli: CLI, home: dict[str, str], me: None
) -> None:
    add(cli, "-s", "2026-11-19T10:00", "-i", DANA)
    add(cli, "-s", "2026-11-20T10:00", "-i", KENJI)
    ok(cli("done", "1", "thank-you", "--interview", "2", "--to", "all"))

    moved = ok(cli("edit", "2", "--role", "Analytics Engineer"))
    assert "to a new application 2" in moved.out

    assert not [r for r in stored(home, interview_id=2) if r["application_id"] == 1]
    (thanks,) = stored(home, kind="thank-you", interview_id=2)
    assert (thanks["application_id"], thanks["status"]) == (2, "done")  # not asked for again
    assert {r["status"] for r in stored(home, kind="check-in", interview_id=1)} == {"planned"}
    assert {r["status"] for r in stored(home, kind="check-in", interview_id=2)} == {"planned"}
    assert all(r["application_id"] == 2 for r in stored(home, interview_id=2))


def test_a_csv_import_plans_the_active_applications_in_its_transaction(
    cli: CLI, home: dict[str, str], me: None, tmp_path: Path
) -> None:
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(
        "Company,Job Title,Status,Interview Date\n"
        "Globex,Data Scientist,Phone Screen,2026-11-20 14:30\n"
        "Initech,Product Manager,Rejected,2026-11-18 10:00\n",
        encoding="utf-8",
    )
    ok(cli("import", str(tracker)))

    assert {r["application_id"] for r in stored(home)} == {1}  # the rejected one: no plan
    assert {"reflection", "thank-you", "check-in"} <= {r["kind"] for r in stored(home)}
    listed = json_of(cli("list", "--format", "json"))["applications"]
    assert listed[0]["company"] == "Globex" and listed[0]["next_step"]["source"] == "plan"


# list and show speak with the plan's voice ---------------------------------------------------


@pytest.mark.parametrize(
    ("people", "reflect", "kind", "offset"),
    [
        ((DANA,), False, "reflection", "-05:00"),
        ((KENJI,), True, "thank-you", "+09:00"),  # on Kenji's clock, in Tokyo
        ((DANA, KENJI), True, "panel-note", "-05:00"),
    ],
)
def test_list_and_show_give_the_plans_earliest_pending_step(
    cli: CLI, me: None, people: tuple[str, ...], reflect: bool, kind: str, offset: str
) -> None:
    flags = [flag for person in people for flag in ("-i", person)]
    add(cli, "-s", "2026-11-20T16:15", "--end", "17:00", *flags)
    if reflect:
        ok(cli("reflect", "1", "--went-well", "Rapport"))

    listed = json_of(cli("list", "--format", "json"))["applications"][0]["next_step"]
    shown = json_of(cli("show", "1", "--format", "json"))["next_step"]
    text = ok(cli("list")).out
    show_text = ok(cli("show", "1")).out
    expected = first_pending(cli, 1)

    assert expected["kind"] == kind and expected["target"].endswith(offset)
    for step in (listed, shown):
        assert {k: step[k] for k in ITEM_KEYS} == expected
        assert step["source"] == "plan"
        assert step["due"] == expected["target"]
        assert step["seed"] == expected["reason"][5:8]  # "Seed 001: ..." cites 001
        assert step["urgent"] is True  # its target has passed
    headline = f"{kind} to {expected['recipient']} by email" if expected["recipient"] else kind
    assert listed["text"] == headline
    assert f"! {headline} (overdue)" in text
    assert f"Next: {headline}: target " in show_text
    assert expected["reason"] in show_text


def test_a_plan_with_nothing_pending_says_to_wait(cli: CLI, me: None) -> None:
    add(cli, "-s", "2026-11-20T16:15", "--end", "17:00", "-i", DANA)
    ok(cli("reflect", "1", "--went-well", "Rapport"))
    for kind in ("thank-you", "linkedin", "keep-applying"):
        ok(cli("done", "1", kind))
    ok(cli("replied", "1"))  # the check-ins are cancelled: nothing left to chase

    step = json_of(cli("list", "--format", "json"))["applications"][0]["next_step"]
    assert (step["source"], step["kind"]) == ("summary", None)
    assert step["text"].startswith("Nothing pending in the plan: wait for their answer")
    assert "Nothing pending in the plan" in ok(cli("show", "1")).out


def test_an_interview_still_ahead_says_prepare(cli: CLI, me: None) -> None:
    add(cli, "-s", "2026-11-24T10:00", "-i", DANA)
    step = json_of(cli("list", "--format", "json"))["applications"][0]["next_step"]
    assert step["text"] == "Prepare for the first interview"
    assert step["source"] == "summary"


# The demo ------------------------------------------------------------------------------------


def test_the_demo_shows_its_plan_history_and_what_is_due_this_week(
    cli: CLI, home: dict[str, str]
) -> None:
    text = ok(cli("demo")).out
    assert "seeded 6 interviews" in text
    assert text.index("6 applications, 4 active.") < text.index("Due within a week (")
    assert "- check-in to Elena Rossi by email: target Fri 20 Nov 09:00 GMT" in text
    assert "Draft it: followup draft 2 --kind check-in\n  Done? followup done 2 check-in" in text
    assert "- call to Marcus Lee by phone: target Mon 23 Nov 09:00 PST" in text

    document = json_of(cli("demo", "--format", "json"))
    due = {(d["company"], d["kind"]) for d in document["due"]}
    assert ("Harbor & Stone Bank", "check-in") in due
    assert ("Northwind Analytics", "linkedin") in due
    rows = {a["company"]: a["next_step"] for a in document["applications"]}
    assert (rows["Northwind Analytics"]["kind"], rows["Northwind Analytics"]["source"]) == (
        "linkedin",
        "plan",
    )

    db = str(Path(home["FOLLOWUP_DATA_DIR"]) / "demo.db")
    northwind = json_of(cli("--db", db, "plan", "1", "--format", "json"))["followups"]
    assert [s["status"] for s in northwind if s["kind"] == "thank-you"] == ["done"]
    kestrel = json_of(cli("--db", db, "show", "3", "--format", "json"))
    assert len(kestrel["replies"]) == 1
    assert [f["status"] for f in kestrel["followups"] if f["kind"] == "availability-request"] == [
        "done"
    ]
    assert "seeded 6" in ok(cli("demo", "--reset")).out


def test_the_flow_on_both_databases(cli: CLI, db_url: str) -> None:
    def run(*args: str) -> Result:
        return ok(cli("--db", db_url, *args))

    run("init", "--name", "Sam Lee", "--country", "US")
    run("add", "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T16:15", "-i", KENJI)
    run("reflect", "1", "--went-well", "Rapport")
    run("edit", "1", "--decision", "2026-11-25")

    listed = json.loads(run("list", "--format", "json").out)["applications"][0]["next_step"]
    document = json.loads(run("plan", "1", "--format", "json").out)["followups"]
    expected = next(s for s in document if s["status"] == "planned")
    assert {k: listed[k] for k in ITEM_KEYS} == expected
    assert (expected["kind"], expected["target"]) == ("thank-you", "2026-11-21T09:00:00+09:00")
    check_in = next(s for s in document if s["kind"] == "check-in")
    assert check_in["rule"] == "check-in.after-decision-date"
