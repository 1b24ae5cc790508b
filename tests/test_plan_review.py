"""Review of issue 3's services, CLI and storage: each test holds a defect found by use.

- a lone surrogate (``"\\ud800"``) in CONTEXT.json crashed the JSON and text output with a
  traceback instead of exit 2;
- the stateless contract took a reply's ``decision_date`` before the reply itself, which
  `followup replied --decision-date` refuses, and planned check-ins from it afresh;
- `followup plan ID --interview N` with an N not of the application stored the re-plan it
  had started with, then exited 2;
- `followup done ID check-in` typed twice marked check-in 2 done at the same moment as
  check-in 1, spending the cap in one go against the 7-day spacing (seed 000);
- on PostgreSQL, two re-plans of one application at once stored every step twice;
- a huge ``active_applications`` (``1e300``) printed a number of 300 digits;
- a backup's ``followups.number`` of 0 or below was imported;
- ``--context ""`` said that ``.`` is a directory.

And the flows the review walked through that hold (backup round trip with follow-ups and
replies, a 0001 backup, two applications at one company), so they stay that way.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from conftest import CLI, Result

DANA = "Dana Rivera <dana@acme.com>, Analytics Manager"
NY = ZoneInfo("America/New_York")
CONTEXT: dict[str, Any] = {
    "company": "Acme",
    "interviewers": [{"name": "Dana Rivera"}],
    "interview_start": "2026-11-20T14:00:00-05:00",
    "interview_end": "2026-11-20T15:00:00-05:00",
    "company_timezone": "America/New_York",
}
NOW = "2026-11-23T12:00:00-05:00"


def ok(result: Result) -> Result:
    assert result.code == 0, result
    assert "Traceback" not in result.err
    return result


def refused(result: Result, *words: str) -> Result:
    """Exit 2, nothing on stdout, every fragment in the message, no traceback."""
    assert (result.code, result.out) == (2, ""), result
    assert "Traceback" not in result.err, result
    for word in words:
        assert word in result.err, (word, result)
    return result


def dump(home: dict[str, str], name: str = "followup.db") -> list[str]:
    """Every table of the test home's database, as SQL."""
    path = Path(home["FOLLOWUP_DATA_DIR"]) / name
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def stateless(cli: CLI, tmp_path: Path, text: str, *args: str) -> Result:
    path = tmp_path / "context.json"
    path.write_text(text, encoding="utf-8")
    return cli("plan", "--context", str(path), "--now", NOW, *args)


def timeline(cli: CLI, app: str = "1", env: dict[str, str] | None = None) -> list[dict]:
    result = ok(cli("plan", app, "--format", "json", env=env))
    return list(json.loads(result.out)["followups"])


@pytest.fixture
def acme(cli: CLI) -> None:
    """A profile and one interview with Dana: application 1, interview #1 (Fri 20 Nov)."""
    ok(cli("init", "--name", "Sam Lee", "--country", "US"))
    ok(cli("add", "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00", "--end", "15:00",
           "-i", DANA))  # fmt: skip


# The stateless contract ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_lone_surrogate_in_the_context_is_refused(cli: CLI, tmp_path: Path, fmt: str) -> None:
    # json.dumps writes "\\ud800" as the six characters of a JSON escape: valid JSON, no text.
    context = {**CONTEXT, "interviewers": [{"name": "Dana \ud800"}]}
    result = stateless(cli, tmp_path, json.dumps(context), "--format", fmt)
    refused(result, "--context", "surrogate")


def test_a_lone_surrogate_anywhere_in_the_file_is_refused(cli: CLI, tmp_path: Path) -> None:
    refused(stateless(cli, tmp_path, json.dumps({**CONTEXT, "notes": ["\udc80"]})), "surrogate")
    # A pair of surrogates is one character (an emoji): fine.
    ok(stateless(cli, tmp_path, json.dumps({**CONTEXT, "company": "Acme \U0001f600"})))


def test_a_reply_decision_date_before_the_reply_is_refused(cli: CLI, tmp_path: Path) -> None:
    reply = {"at": "2026-11-21T10:00:00-05:00", "decision_date": "2026-11-01"}
    result = stateless(cli, tmp_path, json.dumps({**CONTEXT, "replies": [reply]}))
    refused(result, "context.replies[0].decision_date", "before the reply")
    # The reply's own day is fine (as `followup replied --decision-date` takes it).
    same_day = {**reply, "decision_date": "2026-11-21"}
    ok(stateless(cli, tmp_path, json.dumps({**CONTEXT, "replies": [same_day]})))


def test_a_huge_active_count_gets_a_short_message(cli: CLI, tmp_path: Path) -> None:
    text = json.dumps(CONTEXT)[:-1] + ', "active_applications": 1e300}'
    result = refused(stateless(cli, tmp_path, text), "context.active_applications")
    assert len(result.err) < 300, result.err


def test_an_empty_context_path_is_named_as_empty(cli: CLI) -> None:
    result = cli("plan", "--context", "", "--now", NOW)
    refused(result, "--context")
    assert "directory" not in result.err


# plan ID --interview N ------------------------------------------------------------------------


def test_plan_with_an_interview_of_another_application_changes_nothing(
    cli: CLI, acme: None, home: dict[str, str], tmp_path: Path
) -> None:
    # Three weeks on, a re-plan has something to write: the stale courtesies are cancelled.
    later = {"FOLLOWUP_NOW": "2026-12-14T15:00:00+00:00"}
    before = dump(home)
    result = cli("plan", "1", "--interview", "9", env=later)
    refused(result, "--interview: interview #9 is not one of")
    assert dump(home) == before
    ok(cli("plan", "1", env=later))
    assert dump(home) != before, "the same re-plan, accepted, writes"


# done, twice ---------------------------------------------------------------------------------


def test_done_check_in_twice_does_not_spend_the_second(
    cli: CLI, acme: None, home: dict[str, str]
) -> None:
    ok(cli("done", "1", "check-in"))
    before = dump(home)
    again = cli("done", "1", "check-in")
    refused(again, "check-in", "seed 000", "--force")
    assert dump(home) == before
    check_ins = sorted((s["number"], s["status"]) for s in timeline(cli) if s["kind"] == "check-in")
    assert check_ins == [(1, "done"), (2, "planned")]
    # A week and more later it is the second check-in, as planned.
    later = {"FOLLOWUP_NOW": "2026-12-03T15:00:00+00:00"}
    ok(cli("done", "1", "check-in", env=later))
    statuses = [s["status"] for s in timeline(cli, env=later) if s["kind"] == "check-in"]
    assert statuses == ["done", "done"]


def test_done_check_in_twice_with_force_records_it(cli: CLI, acme: None) -> None:
    ok(cli("done", "1", "check-in"))
    ok(cli("done", "1", "check-in", "--force"))
    statuses = [s["status"] for s in timeline(cli) if s["kind"] == "check-in"]
    assert statuses == ["done", "done"]


def test_a_check_in_sent_early_is_still_recorded(cli: CLI, acme: None) -> None:
    # The first check-in opens Thu 03 Dec; the user checked in early, before any other chase.
    result = ok(cli("done", "1", "check-in"))
    assert "Marked done: check-in to Dana Rivera" in result.out


# Backups --------------------------------------------------------------------------------------


def test_backup_round_trip_keeps_follow_ups_replies_and_the_plan(
    cli: CLI, acme: None, tmp_path: Path, home: dict[str, str]
) -> None:
    ok(cli("done", "1", "thank-you", "--at", "2026-11-20T17:00"))
    ok(cli("replied", "1", "--at", "2026-11-21T10:00", "--decision-date", "2026-12-04"))
    first = tmp_path / "one.json"
    ok(cli("export", str(first)))
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["tables"]["replies"][0]["decision_date"] == "2026-12-04"
    assert sorted(r["number"] for r in data["tables"]["followups"] if r["kind"] == "check-in") == [
        1,
        2,
    ]
    other = {"FOLLOWUP_DATA_DIR": str(tmp_path / "other")}
    ok(cli("import", str(first), env=other))
    second = tmp_path / "two.json"
    ok(cli("export", str(second), env=other))
    assert second.read_bytes() == first.read_bytes()
    assert timeline(cli, env=other) == timeline(cli)


def test_a_0001_backup_imports_and_plans(cli: CLI, acme: None, tmp_path: Path) -> None:
    ok(cli("replied", "1", "--at", "2026-11-21T10:00"))
    path = tmp_path / "new.json"
    ok(cli("export", str(path)))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema_revision"] = "0001"
    for row in data["tables"]["replies"]:
        del row["decision_date"]
    data["tables"]["followups"] = []  # 0001 had no planner: nothing wrote follow-ups
    path.write_text(json.dumps(data), encoding="utf-8")
    other = {"FOLLOWUP_DATA_DIR": str(tmp_path / "other")}
    ok(cli("import", str(path), env=other))
    found = timeline(cli, env=other)
    assert {s["status"] for s in found if s["kind"] == "check-in"} == {"cancelled"}, "replied"
    assert all(s["id"] is not None for s in found if s["status"] == "planned")


@pytest.mark.parametrize("number", [0, -3])
def test_a_backup_follow_up_number_below_one_is_refused(
    cli: CLI, acme: None, tmp_path: Path, number: int
) -> None:
    ok(cli("plan", "1"))
    path = tmp_path / "backup.json"
    ok(cli("export", str(path)))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["tables"]["followups"][0]["number"] = number
    path.write_text(json.dumps(data), encoding="utf-8")
    other = {"FOLLOWUP_DATA_DIR": str(tmp_path / "other")}
    refused(cli("import", str(path), env=other), "followups row 1", "'number'")


# Two applications at one company ------------------------------------------------------------


def test_two_applications_at_one_company_space_their_check_ins(cli: CLI, acme: None) -> None:
    ok(cli("add", "-c", "ACME", "-r", "Engineer", "-s", "2026-11-20T16:00", "--end", "16:45",
           "-i", DANA))  # fmt: skip
    ok(cli("done", "1", "check-in", env={"FOLLOWUP_NOW": "2026-12-03T15:00:00+00:00"}))
    later = {"FOLLOWUP_NOW": "2026-12-03T16:00:00+00:00"}
    other = [s for s in timeline(cli, "2", env=later) if s["kind"] == "check-in"]
    first = datetime.fromisoformat(other[0]["target"])
    assert first >= datetime(2026, 12, 10, 10, tzinfo=NY), other[0]
    assert "7" in other[0]["reason"] or "week" in other[0]["reason"]


# PostgreSQL: re-plans at the same time -------------------------------------------------------


@pytest.fixture
def pg_contexts(pg_url: str, tmp_path: Path) -> Iterator[list[Any]]:
    from followup.services.context import AppContext
    from followup.settings import Settings

    def make() -> AppContext:
        settings = Settings(
            flags={"database_url": pg_url},
            env={"FOLLOWUP_DATA_DIR": str(tmp_path / "data"), "FOLLOWUP_TIMEZONE": "UTC"},
            config_file=tmp_path / "absent.toml",
        )
        return AppContext(settings, clock=lambda: datetime(2026, 11, 22, 12, tzinfo=NY))

    contexts = [make(), make(), make()]
    try:
        yield contexts
    finally:
        for context in contexts:
            context.close()


def test_replans_at_the_same_time_store_each_step_once(
    pg_contexts: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.domain.model import Application, Contact, Interview, Interviewer, Profile
    from followup.services import plan, plan_store
    from followup.services.plan_store import row_key

    setup, *racers = pg_contexts
    setup.store.save_profile(Profile(name="Sam Lee", timezone="America/New_York", country="US"))
    profile = setup.profile()
    start = datetime(2026, 11, 10, 10, tzinfo=NY)
    application, _ = setup.store.record_interview(
        Application("Acme", "Analyst", profile_id=profile.id),
        Interview(
            None,
            start,
            start + timedelta(hours=1),
            "America/New_York",
            interviewers=(Interviewer(Contact(name="Dana Rivera")),),
        ),
    )
    assert application.id is not None
    # Both re-plans read the application before either writes, when nothing serializes
    # them; a lock makes the second wait, and the barrier then times out for the first.
    barrier = threading.Barrier(2, timeout=3)
    real_load = plan_store.load

    def load(*args: Any, **kwargs: Any) -> Any:
        found = real_load(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return found

    monkeypatch.setattr(plan, "load", load)
    for context in racers:
        context.profile()  # open the stores before the race
    errors: list[BaseException] = []

    def run(context: Any) -> None:
        try:
            plan.replan(context, application.id)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(c,)) for c in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    rows = setup.store.followups(application_id=application.id)
    keys = [row_key(r) for r in rows]
    assert rows and len(keys) == len(set(keys)), [(r.id, row_key(r)) for r in rows]
