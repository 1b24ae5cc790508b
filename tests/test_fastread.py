"""The SQLAlchemy-free SQLite reader answers exactly as the Store does, or not at all."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from followup.adapters.store.fastread import SqliteReader
from followup.adapters.store.store import Store
from followup.domain.model import (
    Application,
    Channel,
    Contact,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Interview,
    Interviewer,
    Profile,
    Round,
    Status,
)

START = datetime(2026, 3, 8, 6, 30, 15, 123456, tzinfo=UTC)  # the night US clocks change


def _fill(url: str) -> tuple[int, int]:
    store = Store.open(url)
    first = store.save_profile(Profile(name="Ana", timezone="America/New_York", country="US"))
    second = store.save_profile(Profile(name="Ben", timezone="Asia/Tokyo"))
    for n in range(6):
        app = Application(
            company=f"Company {n} Ünïcode",
            role="Analyst",
            profile_id=first.id if n < 5 else second.id,
            status=[Status.INTERVIEWING, Status.APPLIED, Status.OFFER][n % 3],
            preferred_channel=Channel.LINKEDIN if n == 2 else None,
            applied_on=date(2026, 2, n + 1),
        )
        if n == 4:  # an application with no interview at all
            store.add_application(app)
            continue
        app, first_round = store.record_interview(
            app,
            Interview(
                application_id=None,
                start=START + timedelta(days=n),
                end=START + timedelta(days=n, minutes=45),
                timezone="America/New_York",
                round=Round.FIRST,
                interviewers=(
                    Interviewer(
                        Contact(f"Person {n}", timezone="Asia/Tokyo" if n == 1 else None),
                        ("topic",),
                    ),
                ),
                decision_date=date(2026, 3, 20) if n % 2 else None,
                decision_note="two weeks" if n == 1 else None,
                notes="line one\nline two",
            ),
        )
        later = Interview(
            application_id=app.id,
            start=START + timedelta(days=n + 7),
            end=START + timedelta(days=n + 7, hours=1),
            timezone="Europe/Berlin",
            round=Round.FINAL,
            location="HQ",
        )
        store.record_interview(app, later)
        if n == 3:  # a tie on the latest start: the lower interview ID wins in both
            store.record_interview(app, later)
        assert app.id is not None
        store.add_followup(
            FollowUp(
                application_id=app.id,
                interview_id=first_round.id,
                kind=FollowUpKind.THANK_YOU,
                status=FollowUpStatus.DONE,
                target=None if n == 0 else START + timedelta(hours=n),
                done_at=START,
                rule="thank-you.within-24h",
                reason="seed 001",
            )
        )
        if n == 1:  # a stored plan: pending steps to a person, to no one, a second check-in
            person = first_round.interviewers[0].contact.id
            for kind, status, number, recipient in (
                (FollowUpKind.CHECK_IN, FollowUpStatus.PLANNED, 2, person),
                (FollowUpKind.CHECK_IN, FollowUpStatus.DRAFTED, 1, person),
                (FollowUpKind.KEEP_APPLYING, FollowUpStatus.SCHEDULED, 1, None),
                (FollowUpKind.LINKEDIN, FollowUpStatus.CANCELLED, 0, person),
                (FollowUpKind.CALL, FollowUpStatus.PLANNED, 0, None),
            ):
                store.add_followup(
                    FollowUp(
                        application_id=app.id,
                        interview_id=first_round.id,
                        recipient_id=recipient,
                        kind=kind,
                        status=status,
                        earliest=START + timedelta(days=9),
                        target=START + timedelta(days=9 + number) if number else None,
                        latest=START + timedelta(days=12 + number),
                        rule="check-in.again",
                        reason="Seed 000: space follow-ups.",
                        number=number or 1,
                    )
                )
        if n == 3:  # pending, with no target at all
            store.add_followup(
                FollowUp(
                    application_id=app.id,
                    kind=FollowUpKind.ADDITIONAL_INFO,
                    reason="Seeds 000, 002.",
                )
            )
    store.close()
    assert first.id is not None and second.id is not None
    return first.id, second.id


def test_reader_answers_exactly_as_the_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.db'}"
    profiles = _fill(url)
    store = Store.open(url)
    reader = SqliteReader.open(url)
    assert reader is not None
    try:
        assert reader.get_profile() == store.get_profile()
        for profile_id in profiles:
            assert reader.get_profile(profile_id) == store.get_profile(profile_id)
            assert reader.followups(profile_id=profile_id) == store.followups(profile_id=profile_id)
            fast, full = reader.pipeline(profile_id), store.pipeline(profile_id)
            assert fast == full
            assert len(full) == (5 if profile_id == profiles[0] else 1)
            pending = store.first_pending_followups(profile_id)
            assert reader.first_pending_followups(profile_id) == pending
            assert reader.planned_applications(profile_id) == store.planned_applications(profile_id)
        assert reader.get_profile(999) is None
    finally:
        reader.close()
        store.close()


def test_the_stored_plan_reads_the_same_on_both_databases(db_url: str) -> None:
    profiles = _fill(db_url)
    store = Store.open(db_url)
    try:
        pending = store.first_pending_followups(profiles[0])
        # Each application's pending rows at its earliest pending target: not the later
        # check-in 2, nor a row without a target, nor the cancelled one; all of them
        # where no pending row has a target.
        assert [(p.followup.kind, p.followup.number, p.followup.status) for p in pending] == [
            (FollowUpKind.CHECK_IN, 1, FollowUpStatus.DRAFTED),
            (FollowUpKind.KEEP_APPLYING, 1, FollowUpStatus.SCHEDULED),
            (FollowUpKind.ADDITIONAL_INFO, 1, FollowUpStatus.PLANNED),
        ]
        assert [(p.recipient, p.recipient_timezone, p.interview_timezone) for p in pending] == [
            ("Person 1", "Asia/Tokyo", "America/New_York"),
            (None, None, "America/New_York"),
            (None, None, None),
        ]
        assert pending[0].followup.target == START + timedelta(days=10)
        assert pending[2].followup.target is None
        assert store.planned_applications(profiles[0]) == {
            a.id for a, _, _ in store.pipeline(profiles[0]) if a.company != "Company 4 Ünïcode"
        }
    finally:
        store.close()


def test_no_reader_where_the_store_must_decide(tmp_path: Path) -> None:
    assert SqliteReader.open("postgresql+psycopg://u@h/db") is None
    assert SqliteReader.open(f"sqlite:///{tmp_path / 'missing.db'}") is None
    assert not (tmp_path / "missing.db").exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    assert SqliteReader.open(f"sqlite:///{junk}") is None
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    assert SqliteReader.open(f"sqlite:///{other}") is None
    older = tmp_path / "older.db"
    Store.open(f"sqlite:///{older}").close()
    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0000'")
    assert SqliteReader.open(f"sqlite:///{older}") is None


def test_list_never_imports_sqlalchemy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.db'}"
    _fill(url)
    probe = (
        "import sys\n"
        "from followup.cli.main import app\n"
        "app(args=['--db', sys.argv[1], 'list', '--format', 'json'], standalone_mode=False)\n"
        "heavy = [m for m in ('sqlalchemy', 'followup.domain.policy', 'holidays') "
        "if m in sys.modules]\n"
        "print(heavy or 'LIGHT', file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, url],
        capture_output=True,
        text=True,
        check=True,
        env={"FOLLOWUP_NOW": "2026-03-30T12:00:00+00:00", "PATH": ""},
    )
    assert proc.stderr.strip().endswith("LIGHT"), proc.stderr
    listed = {a["company"]: a for a in json.loads(proc.stdout)["applications"]}
    assert len(listed) == 5
    # The stored plan's earliest pending step, on the recipient's clock (Tokyo).
    step = listed["Company 1 Ünïcode"]["next_step"]
    assert (step["source"], step["kind"], step["number"], step["status"]) == (
        "plan",
        "check-in",
        1,
        "drafted",
    )
    assert (step["recipient"], step["target"]) == ("Person 1", "2026-03-18T15:30:15.123456+09:00")
    assert step["seed"] == "000" and step["overdue"] is True
    assert listed["Company 0 Ünïcode"]["next_step"]["source"] == "summary"


def test_a_failure_while_reading_is_a_storage_error(tmp_path: Path) -> None:
    from followup.errors import StorageError

    url = f"sqlite:///{tmp_path / 'f.db'}"
    profiles = _fill(url)
    reader = SqliteReader.open(url)
    assert reader is not None
    with sqlite3.connect(tmp_path / "f.db") as conn:
        conn.execute("DROP TABLE replies")
        conn.execute("DROP TABLE messages")
        conn.execute("DROP TABLE followups")
    try:
        with pytest.raises(StorageError, match=r"cannot read the database .*no such table"):
            reader.followups(profile_id=profiles[0])
    finally:
        reader.close()


def test_list_on_a_damaged_database_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "f.db"
    _fill(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE replies")
        conn.execute("DROP TABLE messages")
        conn.execute("DROP TABLE followups")
    proc = subprocess.run(
        [sys.executable, "-m", "followup", "--db", str(path), "list"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "", "FOLLOWUP_CONFIG": str(tmp_path / "none.toml")},
    )
    assert proc.returncode == 3, proc
    assert "cannot read the database" in proc.stderr
    assert "Traceback" not in proc.stderr
