"""Interview lengths across daylight-saving changes, through the real entry point.

A length is elapsed time: 45 minutes from 01:30 EDT on the night clocks go back ends at
01:15 EST (06:15 UTC), not at 02:15 EST. Each test reads the UTC instants the database
holds. Times in New York: clocks go forward on 8 Mar 2026 at 02:00 (EST -> EDT) and back
on 1 Nov 2026 at 02:00 (EDT -> EST).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from conftest import CLI


@pytest.fixture
def db(tmp_path: Path, cli: CLI) -> Path:
    path = tmp_path / "dst.db"
    assert cli("--db", str(path), "init", "--name", "Alex Candidate").code == 0
    return path


def stored(db: Path) -> list[tuple[str, str]]:
    """(start, end) of every interview, as the UTC times the database holds (HH:MM dates)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT starts_at, ends_at FROM interviews ORDER BY id").fetchall()
    conn.close()
    return [
        (
            f"{datetime.fromisoformat(s):%Y-%m-%d %H:%M}",
            f"{datetime.fromisoformat(e):%Y-%m-%d %H:%M}",
        )
        for s, e in rows
    ]


def add(cli: CLI, db: Path, *args: str) -> dict:
    result = cli("--db", str(db), "add", "-c", "Acme", "-r", "Analyst", *args, "-f", "json")
    assert result.code == 0, result
    return json.loads(result.out)["interview"]


def test_the_default_length_on_the_night_clocks_go_back(cli: CLI, db: Path) -> None:
    iv = add(cli, db, "-s", "2026-11-01T01:30")  # the first 01:30 (EDT)
    assert stored(db) == [("2026-11-01 05:30", "2026-11-01 06:15")]  # 45 minutes
    assert (iv["start"], iv["end"]) == ("2026-11-01T01:30:00-04:00", "2026-11-01T01:15:00-05:00")


def test_minutes_on_the_night_clocks_go_forward(cli: CLI, db: Path) -> None:
    iv = add(cli, db, "-s", "2026-03-08T01:30", "--minutes", "60")
    assert stored(db) == [("2026-03-08 06:30", "2026-03-08 07:30")]
    assert iv["end"] == "2026-03-08T03:30:00-04:00"


def test_an_end_in_the_repeated_hour_after_the_start(cli: CLI, db: Path) -> None:
    # 01:50 EDT to 01:10 EST (given with its offset): 20 minutes, not "before the start".
    add(cli, db, "-s", "2026-11-01T01:50", "--end", "2026-11-01T01:10-05:00")
    assert stored(db) == [("2026-11-01 05:50", "2026-11-01 06:10")]


def test_the_length_of_an_invitation_is_elapsed_time(cli: CLI, db: Path, tmp_path: Path) -> None:
    invite = tmp_path / "invite.ics"
    invite.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nBEGIN:VEVENT\nUID:x\n"
        # 01:00 EDT to 01:30 EST: 90 minutes, though the wall clocks are 30 minutes apart.
        "DTSTART:20261101T050000Z\nDTEND:20261101T063000Z\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    add(cli, db, "--from-ics", str(invite), "-s", "2026-11-01T00:30")
    assert stored(db) == [("2026-11-01 04:30", "2026-11-01 06:00")]  # 90 minutes


def test_edit_keeps_the_length_when_the_start_moves_onto_the_change(cli: CLI, db: Path) -> None:
    add(cli, db, "-s", "2026-10-31T01:30")
    result = cli("--db", str(db), "edit", "1", "-s", "2026-11-01T01:30")
    assert result.code == 0, result
    assert stored(db) == [("2026-11-01 05:30", "2026-11-01 06:15")]
    longer = cli("--db", str(db), "edit", "1", "--minutes", "60")
    assert longer.code == 0, longer
    assert stored(db) == [("2026-11-01 05:30", "2026-11-01 06:30")]


# CSV imports ---------------------------------------------------------------------------------


def import_csv(cli: CLI, db: Path, tmp_path: Path, when: str) -> object:
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(f"Company,Title,Interview Date\nAcme,Analyst,{when}\n", encoding="utf-8")
    return cli("--db", str(db), "import", str(tracker))


def test_a_csv_interview_on_the_night_clocks_go_forward(cli: CLI, db: Path, tmp_path: Path) -> None:
    result = import_csv(cli, db, tmp_path, "2026-03-08 01:30")
    assert result.code == 0, result
    # 01:30 EST + 45 minutes = 03:15 EDT, 07:15 UTC.
    assert stored(db) == [("2026-03-08 06:30", "2026-03-08 07:15")]


def test_a_csv_interview_on_the_night_clocks_go_back(cli: CLI, db: Path, tmp_path: Path) -> None:
    result = import_csv(cli, db, tmp_path, "2026-11-01 01:30")
    assert result.code == 0, result
    assert stored(db) == [("2026-11-01 05:30", "2026-11-01 06:15")]


def test_a_csv_interview_with_an_offset_is_that_instant(cli: CLI, db: Path, tmp_path: Path) -> None:
    result = import_csv(cli, db, tmp_path, "2026-11-01T01:30:00-05:00")  # the second 01:30
    assert result.code == 0, result
    assert stored(db) == [("2026-11-01 06:30", "2026-11-01 07:15")]


@pytest.mark.parametrize(
    ("when", "problem"),
    [
        ("2026-03-08 02:30", "2026-03-08 02:30 does not exist in America/New_York"),
        ("0001-01-01 00:30", "'0001-01-01 00:30' is in the year 1."),
        ("9999-12-31 23:30", "is in the year 9999."),
    ],
)  # fmt: skip
def test_a_csv_time_that_cannot_be_stored_names_the_row_and_column(
    cli: CLI, db: Path, tmp_path: Path, when: str, problem: str
) -> None:
    result = import_csv(cli, db, tmp_path, when)
    assert result.code == 2, result
    assert result.err.startswith("followup: import: tracker.csv row 2, column 'Interview Date': ")
    assert problem in result.err
    assert "Traceback" not in result.err
    assert stored(db) == []


def test_a_csv_application_date_in_the_year_one_is_refused(
    cli: CLI, db: Path, tmp_path: Path
) -> None:
    tracker = tmp_path / "tracker.csv"
    tracker.write_text("Company,Title,Date Applied\nAcme,Analyst,0001-01-01\n", encoding="utf-8")
    result = cli("--db", str(db), "import", str(tracker))
    assert result.code == 2, result
    assert result.err.startswith("followup: import: tracker.csv row 2, column 'Date Applied': ")
    assert "in the year 1." in result.err
