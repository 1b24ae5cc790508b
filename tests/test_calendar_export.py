"""`followup calendar export` through the real entry point, read back by two parsers.

The record: a panel on Wednesday 28 Oct 2026, 16:15-17:00 in New York (daylight time),
for "Acme, Inc; Labs" (a comma and a semicolon to escape), with Dana Rivera, Zoë O'Neil
(non-ASCII, an apostrophe for the shell) and Kenji Sato in Tokyo; "now" is that evening,
18:00 in New York. New York leaves daylight time on Sunday 1 Nov, so the panel notes fall
in EDT and Kenji's check-in (09:00 in Tokyo on 11 Nov) in EST: the wall time shows whether
the file's time zone is right.

Every file is parsed by icalendar and by vobject, a second, independent parser. Golden
files: `FOLLOWUP_UPDATE_GOLDEN=1 pytest tests/test_calendar_export.py` writes them again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from conftest import CLI, Result, _entry_point, refused

EVENING = {"FOLLOWUP_NOW": "2026-10-28T22:00:00+00:00"}
LATER = {"FOLLOWUP_NOW": "2026-10-29T15:00:00+00:00"}
NEW_YORK = ZoneInfo("America/New_York")
GOLDEN = Path(__file__).parent / "golden" / "calendar"
PEOPLE = ["Dana Rivera", "Zoë O'Neil", "Kenji Sato"]
UID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@followup$")


def ok(result: Result) -> Result:
    assert result.code == 0, result
    assert "Traceback" not in result.err
    return result


@dataclass(frozen=True)
class Built:
    """The record, built once for the module, and the calendars exported from it then."""

    data_dir: Path
    events: bytes
    todos: bytes


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Application 1 (see the module doc) recorded and exported that evening, once.

    The CLI runs as conftest's `cli` runs it, in a home of its own; each test then starts
    from a copy of the database (fixture `panel`): recording costs a second a test.
    """
    base = tmp_path_factory.mktemp("calendar")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env.update(
        FOLLOWUP_DATA_DIR=str(base / "data"),
        FOLLOWUP_CONFIG=str(base / "config.toml"),
        FOLLOWUP_TIMEZONE="America/New_York",
        NO_COLOR="1",
        **EVENING,
    )

    def run(*args: str) -> str:
        done = subprocess.run(
            [*_entry_point(), *args], input="", capture_output=True, text=True, env=env,
            timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    run("init", "--name", "Sam Lee", "--country", "US")
    run("add", "-c", "Acme, Inc; Labs", "-r", "Data Analyst", "-s", "2026-10-28T16:15",
        "--end", "17:00", "-i", "Dana Rivera <dana@acme.com>, Analytics Manager",
        "-i", "Zoë O'Neil <zoe@acme.com>, Lead",
        "-i", "Kenji Sato <kenji@acme.jp>, Recruiter [Asia/Tokyo]",
        "--decision", "2026-11-04")  # fmt: skip
    template = base / "template"
    shutil.copytree(base / "data", template)  # before any export: each test re-plans itself
    run("calendar", "export", str(base / "events.ics"))
    run("calendar", "export", str(base / "todos.ics"), "--as", "todos", "--alarm", "15")
    return Built(template, (base / "events.ics").read_bytes(), (base / "todos.ics").read_bytes())


@pytest.fixture
def panel(built: Built, home: dict[str, str]) -> None:
    """This test's own copy of the module's record."""
    shutil.copytree(built.data_dir, home["FOLLOWUP_DATA_DIR"])


def export(cli: CLI, tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> bytes:
    """Export to a file and return its bytes."""
    target = tmp_path / "followups.ics"
    result = ok(cli("calendar", "export", str(target), *args, env=env or EVENING))
    assert result.out.startswith("Wrote "), result
    return target.read_bytes()


def both(data: bytes) -> tuple[icalendar.Calendar, Any]:
    """The calendar as icalendar and as vobject read it."""
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


def by_summary(calendar: icalendar.Calendar, name: str = "VEVENT") -> dict[str, Any]:
    return {str(c["SUMMARY"]): c for c in calendar.walk(name)}


def test_events_round_trip_through_two_parsers(cli: CLI, panel: None, built: Built) -> None:
    data = built.events
    ours, theirs = both(data)
    events = by_summary(ours)
    plan = ok(cli("plan", "1", "--format", "json", env=EVENING)).out
    assert len(events) == plan.count('"status": "planned"') == 11
    # vobject reads the same events, the same UIDs, summaries and escaping undone.
    other = {e.summary.value: e for e in theirs.vevent_list}
    assert set(other) == set(events)
    assert [str(e["UID"]) for e in ours.walk("VEVENT")] == [e.uid.value for e in theirs.vevent_list]
    assert all(UID.match(e.uid.value) for e in theirs.vevent_list)
    assert len({e.uid.value for e in theirs.vevent_list}) == 11
    note = "Panel note to Zoë O'Neil — Acme, Inc; Labs (Data Analyst)"
    assert note in other
    assert b"Acme\\, Inc\\; Labs" in data  # escaped on the wire, read back whole
    # The window is the event; the reminder is at the target (09:00 the next morning).
    dana = other["Panel note to Dana Rivera — Acme, Inc; Labs (Data Analyst)"]
    start = dana.dtstart.value
    assert start == datetime(2026, 10, 28, 17, 30, tzinfo=NEW_YORK)
    assert start.utcoffset() == timedelta(hours=-4)
    assert dana.dtend.value == datetime(2026, 10, 29, 17, 0, tzinfo=NEW_YORK)
    assert dana.valarm.action.value == "DISPLAY"
    assert start + dana.valarm.trigger.value == datetime(2026, 10, 29, 9, 0, tzinfo=NEW_YORK)
    assert dana.transp.value == "TRANSPARENT" and dana.status.value == "CONFIRMED"
    lines = dana.description.value.split("\n")
    assert lines[0].startswith("Seed 001: send a separate, different note")
    assert lines[-2:] == [
        "Draft it: followup draft 1 --kind panel-note --to 'Dana Rivera'",
        "Done? followup done 1 panel-note --to 'Dana Rivera'",
    ]
    zoe = other[note].description.value
    assert "--to 'Zoë O'\"'\"'Neil'" in zoe  # pastes into a shell as it is
    # Across the change to standard time: 09:00 in Tokyo is 19:00 in New York, EST.
    check_in = other["Check-in with Kenji Sato — Acme, Inc; Labs (Data Analyst)"]
    when = check_in.dtstart.value
    assert (when.hour, when.minute, when.utcoffset()) == (19, 0, timedelta(hours=-5))
    assert "On their clock: Wed 11 Nov 2026 09:00 JST (Asia/Tokyo)." in check_in.description.value
    assert b"DTSTART;TZID=America/New_York:20261110T190000\r\n" in data
    # The file's own VTIMEZONE (not the parser's zone database) gives both offsets.
    zone = theirs.vtimezone.gettzinfo()
    assert datetime(2026, 10, 28, 17, 30, tzinfo=zone).utcoffset() == timedelta(hours=-4)
    assert datetime(2026, 11, 10, 19, 0, tzinfo=zone).utcoffset() == timedelta(hours=-5)
    # The user's own steps say how to settle them, with nothing to draft.
    reflect = other["Reflect on the interview — Acme, Inc; Labs (Data Analyst)"]
    assert "followup draft" not in reflect.description.value
    assert reflect.description.value.endswith("Done? followup done 1 reflection")


def test_the_file_is_crlf_and_folded_at_75_octets(built: Built) -> None:
    data = built.events
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long descriptions were folded
    data.decode("utf-8")  # a fold never splits a character: the whole file still decodes
    for line in lines:
        line.decode("utf-8")


def test_todos_alarm_minutes_and_no_alarm(cli: CLI, panel: None, tmp_path: Path) -> None:
    result = ok(cli("calendar", "export", "-", "--as", "todos", "--alarm", "30", env=EVENING))
    ours, theirs = both(result.out.encode("utf-8"))
    assert ours.walk("VEVENT") == [] and len(ours.walk("VTODO")) == 11
    todo = {t.summary.value: t for t in theirs.vtodo_list}[
        "Panel note to Dana Rivera — Acme, Inc; Labs (Data Analyst)"
    ]
    assert todo.due.value == datetime(2026, 10, 29, 17, 0, tzinfo=NEW_YORK)
    assert todo.status.value == "NEEDS-ACTION"
    start = todo.dtstart.value
    assert start + todo.valarm.trigger.value == datetime(2026, 10, 29, 8, 30, tzinfo=NEW_YORK)
    quiet = ok(cli("calendar", "export", "-", "--no-alarm", env=EVENING)).out
    assert "BEGIN:VEVENT" in quiet and "VALARM" not in quiet


def test_a_second_export_updates_instead_of_duplicating(
    cli: CLI, panel: None, tmp_path: Path
) -> None:
    first = by_summary(
        icalendar.Calendar.from_ical(export(cli, tmp_path, "--as", "todos")), "VTODO"
    )
    ok(cli("done", "1", "panel-note", "--to", "Dana", env=LATER))
    ok(cli("reflect", "1", "--went-well", "the SQL exercise", env=LATER))
    again = icalendar.Calendar.from_ical(export(cli, tmp_path, "--as", "todos", env=LATER))
    second = by_summary(again, "VTODO")
    assert set(second) == set(first)  # the same items, settled ones included
    assert {str(t["UID"]) for t in second.values()} == {str(t["UID"]) for t in first.values()}
    dana = "Panel note to Dana Rivera — Acme, Inc; Labs (Data Analyst)"
    kenji = "Panel note to Kenji Sato — Acme, Inc; Labs (Data Analyst)"
    assert (
        str(second[dana]["STATUS"]) == "COMPLETED"
        and "VALARM" not in second[dana].to_ical().decode()
    )
    assert second[dana]["SEQUENCE"] > first[dana]["SEQUENCE"] == 0
    assert second[dana]["COMPLETED"].dt == datetime.fromisoformat(LATER["FOLLOWUP_NOW"])
    assert second[dana]["LAST-MODIFIED"].dt > first[dana]["LAST-MODIFIED"].dt
    assert second[kenji]["SEQUENCE"] == first[kenji]["SEQUENCE"]  # unchanged: not re-sent
    assert second[kenji]["DTSTAMP"].dt > first[kenji]["DTSTAMP"].dt
    # The export re-plans first: the reflection written since settles its step.
    reflect = "Reflect on the interview — Acme, Inc; Labs (Data Analyst)"
    assert str(second[reflect]["STATUS"]) == "COMPLETED"
    # As events, a settled step is cancelled, so the calendar drops it on re-import.
    events = by_summary(icalendar.Calendar.from_ical(export(cli, tmp_path, env=LATER)))
    assert str(events[dana]["STATUS"]) == "CANCELLED"
    assert str(events[kenji]["STATUS"]) == "CONFIRMED"
    # The summary says what the settled items are there for, in words.
    said = ok(cli("calendar", "export", str(tmp_path / "again.ics"), env=LATER)).out
    assert said.startswith(f"Wrote {tmp_path / 'again.ics'}: ") and " events to do, and " in said
    assert said.endswith(" done or cancelled that a re-import removes.\n")


def test_days_and_application_narrow_the_calendar(cli: CLI, panel: None, tmp_path: Path) -> None:
    ok(cli("add", "-c", "Globex", "-r", "Analyst", "-s", "2026-10-27T10:00", "--end", "11:00",
           "-i", "Ann Lee <ann@globex.com>, Manager", env=EVENING))  # fmt: skip
    everything = by_summary(both(export(cli, tmp_path))[0])
    soon = by_summary(both(export(cli, tmp_path, "--days", "3"))[0])
    acme = by_summary(both(export(cli, tmp_path, "--application", "1"))[0])
    assert set(soon) < set(everything) and set(acme) < set(everything)
    assert all("Globex" not in name for name in acme)
    assert any("Globex" in name for name in everything)
    assert not any(name.startswith("Check-in") for name in soon)  # 13 days away
    limit = datetime.fromisoformat(EVENING["FOLLOWUP_NOW"]) + timedelta(days=3)
    assert all(e["DTSTART"].dt <= limit for e in soon.values())


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--application", "7"), "--application: no application with ID 7"),
        (("--days", "-1"), "--days: -1 is not a number of days"),
        (("--alarm", "-5"), "--alarm: -5 is not a number of minutes"),
        (("--as", "tasks"), "--as: 'tasks' is not one of: events, todos"),
    ],
)
def test_bad_options_write_nothing(
    cli: CLI, panel: None, tmp_path: Path, args: tuple[str, ...], named: str
) -> None:
    target = tmp_path / "followups.ics"
    target.write_bytes(b"the old calendar")
    refused(cli("calendar", "export", str(target), *args, env=EVENING), named)
    assert target.read_bytes() == b"the old calendar"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_path_that_cannot_be_written_is_bad_input(cli: CLI, panel: None, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    for target, named in [
        (tmp_path / "missing" / "f.ics", "does not exist"),
        (tmp_path, "is a directory"),
        (tmp_path / "a-file" / "f.ics", "does not exist"),
    ]:
        refused(
            cli("calendar", "export", str(target), env=EVENING), "FILE: ", named, "- for stdout"
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "data"]


def test_nothing_pending_still_writes_a_valid_calendar(cli: CLI, tmp_path: Path) -> None:
    ok(cli("init", "--name", "Sam Lee"))
    target = tmp_path / "empty.ics"
    result = ok(cli("calendar", "export", str(target)))
    assert "no pending follow-up" in result.err
    assert result.out == f"Wrote {target}: 0 events to do.\n"
    ours, theirs = both(target.read_bytes())
    assert ours.walk("VEVENT") == [] and str(ours["VERSION"]) == "2.0"
    assert theirs.name == "VCALENDAR" and not hasattr(theirs, "vevent")


def test_without_a_profile_says_to_run_init(cli: CLI, tmp_path: Path) -> None:
    refused(cli("calendar", "export", str(tmp_path / "f.ics")), "followup init")
    assert not (tmp_path / "f.ics").exists()


@pytest.mark.parametrize("kind", ["events", "todos"])
def test_golden(built: Built, kind: str) -> None:
    """The whole file, byte for byte; the clock is fixed, the random UIDs numbered."""
    data = getattr(built, kind)
    numbered: dict[str, str] = {}

    def number(found: re.Match[bytes]) -> bytes:
        name = numbered.setdefault(found.group(0).decode(), f"uid-{len(numbered) + 1}")
        return name.encode()

    # "UID:" and a uuid fit one line: never folded, so the pattern sees each one whole.
    text = re.sub(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", number, data)
    path = GOLDEN / f"panel-{kind}.ics"
    if os.environ.get("FOLLOWUP_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)
    assert path.is_file(), f"{path} is missing: run with FOLLOWUP_UPDATE_GOLDEN=1"
    assert text == path.read_bytes()


def test_a_profile_in_utc_gets_utc_times_and_no_time_zone() -> None:
    from followup.adapters.calendar.feed import Entry, State, to_ical

    start = datetime(2026, 11, 2, 9, 0, tzinfo=NEW_YORK)
    entry = Entry(
        uid="1@followup", summary="Call Ann", description="Line 1\nLine 2", start=start,
        end=start + timedelta(hours=1), state=State.PLANNED, sequence=3, modified=start,
        alarm_at=start,
    )  # fmt: skip
    data = to_ical([entry], zone="UTC", now=start)
    assert b"DTSTART:20261102T140000Z\r\n" in data and b"VTIMEZONE" not in data
    event = vobject.readOne(data.decode()).vevent
    assert event.dtstart.value == start and event.valarm.trigger.value == timedelta(0)
    assert event.description.value == "Line 1\nLine 2" and event.sequence.value == "3"
