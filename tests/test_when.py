"""Parsing the dates and times a user types: ISO 8601, words, time zones, DST."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.domain.when import (
    add_duration,
    duration,
    localize,
    parse_date,
    parse_datetime,
    parse_end,
)
from followup.errors import InputError

NY = "America/New_York"
#: Sunday 22 Nov 2026, 10:00 in New York.
NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


def at(text: str, *, zone: str = NY, prefer: str = "past", now: datetime = NOW) -> datetime:
    return parse_datetime("--start", text, now=now, zone=zone, prefer=prefer)  # type: ignore[arg-type]


def local(*args: int, zone: str = NY) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20T14:00", local(2026, 11, 20, 14, 0)),
        ("2026-11-20 14:00", local(2026, 11, 20, 14, 0)),
        ("2026-11-20T14:00:00-08:00", local(2026, 11, 20, 17, 0)),
        ("2026-11-20T19:00Z", local(2026, 11, 20, 14, 0)),
        ("20261120T1400", local(2026, 11, 20, 14, 0)),
    ],
)
def test_iso_without_offset_is_in_the_zone_with_offset_is_that_instant(
    text: str, expected: datetime
) -> None:
    parsed = at(text)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=-5)  # expressed in the zone


def test_iso_in_another_zone_keeps_the_wall_clock() -> None:
    assert at("2026-11-20T14:00", zone="Europe/Paris") == local(
        2026, 11, 20, 14, zone="Europe/Paris"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday 3pm", local(2026, 11, 21, 15, 0)),
        ("today 14:30", local(2026, 11, 22, 14, 30)),
        ("2 days ago 10am", local(2026, 11, 20, 10, 0)),
        ("Tue 10:00", local(2026, 11, 17, 10, 0)),
        ("last friday at 2:30pm", local(2026, 11, 20, 14, 30)),
        ("noon yesterday", local(2026, 11, 21, 12, 0)),
        ("9am", local(2026, 11, 22, 9, 0)),  # earlier today: the past
        ("3pm", local(2026, 11, 21, 15, 0)),  # later today would be the future: yesterday
        ("Sunday 9:00", local(2026, 11, 22, 9, 0)),  # today is Sunday: today, not a week ago
        ("yesterday 15h30", local(2026, 11, 21, 15, 30)),  # the European way to write 15:30
        ("2h ago", local(2026, 11, 22, 8, 0)),  # ...but a duration stays a duration
    ],
)
def test_natural_times_prefer_the_past(text: str, expected: datetime) -> None:
    assert at(text) == expected


def test_prefer_future_reads_a_weekday_forward() -> None:
    assert at("Tue 10:00", prefer="future") == local(2026, 11, 24, 10, 0)
    assert at("3pm", prefer="future") == local(2026, 11, 22, 15, 0)


def test_a_time_with_a_zone_abbreviation_is_that_instant() -> None:
    assert at("yesterday 3pm PST") == local(2026, 11, 21, 18, 0)


@pytest.mark.parametrize("text", ["next friday", "in two weeks", "2026-11-20", "tomorrow"])
def test_a_day_without_a_time_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="no time of day") as caught:
        at(text)
    assert caught.value.field == "--start"


def test_garbage_names_the_field_and_shows_both_syntaxes() -> None:
    with pytest.raises(InputError) as caught:
        at("blah")
    assert str(caught.value) == (
        "--start: 'blah' is not a date or time. "
        "Use ISO 8601 like 2026-11-20T14:00 or words like 'yesterday 3pm'."
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2026-13-01T10:00", "not a valid ISO 8601"),
        ("yesterday 25:00", "25:00 is not a time of day"),  # not "no time of day"
        ("tomorrow 9:75", "9:75 is not a time of day"),
        ("12", "is not a date or time"),  # dateparser reads a month: not a time
        ("yesterday 3pm blah", "is not a date or time"),
        ("", "is empty"),
        ("1850-01-01T10:00", "year 1850"),
        ("yesterday\n3pm", "line break"),
    ],
)
def test_bad_times_are_refused(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        at(text)


def test_an_unknown_zone_is_refused() -> None:
    with pytest.raises(InputError, match="unknown time zone 'Mars/Olympus'"):
        at("2026-11-20T14:00", zone="Mars/Olympus")


def test_a_time_in_the_spring_forward_gap_is_refused_with_the_shifted_time() -> None:
    with pytest.raises(InputError) as caught:
        at("2026-03-08T02:30")
    message = str(caught.value)
    assert "2026-03-08 02:30 does not exist in America/New_York" in message
    assert "Did you mean 03:30?" in message
    assert "2026-03-08T02:30-05:00" in message


def test_an_explicit_offset_in_the_gap_is_that_instant() -> None:
    assert at("2026-03-08T02:30-05:00") == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


def test_a_repeated_hour_is_the_first_one_unless_an_offset_says_otherwise() -> None:
    first = at("2026-11-01T01:30")
    assert first.utcoffset() == timedelta(hours=-4)  # still daylight time
    # (== across zones is always False for a time in the fold, PEP 495: compare in UTC)
    assert first.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    second = at("2026-11-01T01:30-05:00")
    assert second.astimezone(UTC) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)


def test_localize_refuses_the_gap_in_words_too() -> None:
    with pytest.raises(InputError, match="does not exist"):
        localize("--start", datetime(2026, 3, 29, 2, 30), "Europe/Paris")  # noqa: DTZ001


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("next Friday", date(2026, 11, 27)),
        ("friday", date(2026, 11, 27)),
        ("in two weeks", date(2026, 12, 6)),
        ("tomorrow", date(2026, 11, 23)),
        ("Dec 1", date(2026, 12, 1)),
        ("2026-12-01T01:00+09:00", date(2026, 11, 30)),  # that instant is the 30th in New York
    ],
)
def test_decision_dates_prefer_the_future(text: str, expected: date) -> None:
    assert parse_date("--decision", text, now=NOW, zone=NY) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [("Dec", "names a month"), ("someday", "is not a date"), ("2026-02-30", "not a valid date")],
)
def test_bad_decision_dates_name_the_field(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as caught:
        parse_date("--decision", text, now=NOW, zone=NY)
    assert caught.value.field == "--decision"


def test_a_bare_end_time_is_on_the_start_day() -> None:
    start = local(2026, 11, 20, 14, 0)
    assert parse_end("--end", "15:30", start=start, now=NOW, zone=NY) == local(2026, 11, 20, 15, 30)
    assert parse_end("--end", "4pm", start=start, now=NOW, zone=NY) == local(2026, 11, 20, 16, 0)
    full = parse_end("--end", "2026-11-20T15:00", start=start, now=NOW, zone=NY)
    assert full == local(2026, 11, 20, 15, 0)


def test_the_result_depends_only_on_now() -> None:
    later = NOW + timedelta(days=3)
    assert at("yesterday 3pm", now=later) == local(2026, 11, 24, 15, 0)


def test_iso_never_imports_dateparser_and_words_do() -> None:
    code = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from followup.domain.when import parse_datetime, parse_date\n"
        "now = datetime(2026, 11, 22, 15, tzinfo=UTC)\n"
        "parse_datetime('--start', '2026-11-20T14:00', now=now, zone='UTC')\n"
        "parse_date('--decision', '2026-12-01', now=now, zone='UTC')\n"
        "parse_datetime('--start', '14:00', now=now, zone='UTC')\n"
        "print('dateparser' in sys.modules)\n"
        "parse_datetime('--start', 'yesterday 3pm', now=now, zone='UTC')\n"
        "print('dateparser' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]


# Lengths across daylight saving, and years that cannot be converted --------------------------


@pytest.mark.parametrize(
    ("wall", "utc_start", "utc_end", "wall_end"),
    [
        # Clocks go back at 02:00 EDT: 01:30 EDT + 45 min is 01:15 EST (not 02:15 EST).
        ("2026-11-01T01:30", (5, 30), (6, 15), "01:15-05:00"),
        # Clocks go forward at 02:00 EST: 01:30 EST + 45 min is 03:15 EDT.
        ("2026-03-08T01:30", (6, 30), (7, 15), "03:15-04:00"),
    ],
)
def test_add_duration_is_elapsed_time(
    wall: str, utc_start: tuple[int, int], utc_end: tuple[int, int], wall_end: str
) -> None:
    start = at(wall)
    end = add_duration(start, timedelta(minutes=45))
    day = start.astimezone(UTC).date()
    assert start.astimezone(UTC) == datetime.combine(day, time(*utc_start), tzinfo=UTC)
    assert end.astimezone(UTC) == datetime.combine(day, time(*utc_end), tzinfo=UTC)
    assert end.isoformat(timespec="minutes").endswith(wall_end)  # still in the zone
    assert duration(start, end) == timedelta(minutes=45)
    assert end - start != timedelta(minutes=45)  # Python's wall-clock arithmetic: why it exists


def test_duration_needs_aware_times() -> None:
    with pytest.raises(ValueError, match="aware"):
        duration(datetime(2026, 1, 1), datetime(2026, 1, 2))  # noqa: DTZ001
    with pytest.raises(ValueError, match="aware"):
        add_duration(datetime(2026, 1, 1), timedelta(1))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("0001-01-01T00:30", "Asia/Tokyo"),
        ("0001-01-01T00:30+05:00", NY),
        ("9999-12-31T23:30", NY),
        ("9999-12-31T23:30-05:00", "UTC"),
    ],
)
def test_years_that_cannot_be_converted_are_refused_not_a_crash(text: str, zone: str) -> None:
    with pytest.raises(InputError) as refused:
        at(text, zone=zone)
    assert refused.value.field == "--start"
    assert "followup takes dates from 1970 to 2100" in str(refused.value)
    with pytest.raises(InputError):
        parse_date("--decision", text, now=NOW, zone=zone)
    with pytest.raises(InputError):
        localize("--start", datetime.fromisoformat(text).replace(tzinfo=None), zone)
