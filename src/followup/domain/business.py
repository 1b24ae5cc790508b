"""The business calendar: working days, public holidays and office hours, per country and zone.

The policy asks three kinds of question, always in the *recipient's* terms:

- is this day a working day for them (not Saturday or Sunday, not a public holiday of
  their country)? :func:`is_business_day`, :func:`holiday_name`;
- what is the first working day on or after a day, or n working days later?
  :func:`next_business_day`, :func:`add_business_days`;
- what instant is "9:00 on that day" where they are? :func:`at`.

Holidays come from the ``holidays`` package (national holidays only: a subdivision's
days off are not known from a time zone). Each (country, year) is computed once and kept
as a plain dict, because computing a year costs about a millisecond and the planner asks
millions of times (the benchmark plans 100,000 interviews). The package itself is
imported on first use: it takes about 90 ms, which the CLI's cold start must not pay.

A country can be derived from an IANA zone (``Asia/Tokyo`` -> ``JP``) through the zone
table that ships with ``tzdata``: read once, package data only.

Weekends are Saturday and Sunday everywhere. Some countries rest on Friday and Saturday;
the ``holidays`` package does not say which, and a wrong guess would move every target,
so the common week is kept and the note in docs/policy.md says so.

Pure apart from reading package data; no clock.
"""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

#: Weekday numbers (Monday 0) that are never working days.
WEEKEND = frozenset({5, 6})
_ONE_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)


@cache
def _holidays(country: str, year: int) -> dict[date, str]:
    """The public holidays of ``country`` in ``year``: {day: name}. Unknown country: none."""
    import holidays  # 90 ms to import: only the planner needs it, on first use

    try:
        # Some calendars warn for years beyond their tables (India after 2035) and keep
        # the holidays they know: best effort, and no Python warning on the user's stderr.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            calendar = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        return {}
    return {day: str(name) for day, name in calendar.items() if day.year == year}


def holiday_name(day: date, country: str | None) -> str | None:
    """The name of the public holiday on ``day`` in ``country``, or None."""
    if country is None:
        return None
    return _holidays(country, day.year).get(day)


def is_business_day(day: date, country: str | None) -> bool:
    """True when ``day`` is neither a weekend day nor a public holiday in ``country``."""
    if day.weekday() in WEEKEND:
        return False
    return country is None or day not in _holidays(country, day.year)


@cache
def next_business_day(day: date, country: str | None) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while not is_business_day(day, country):
        day += _ONE_DAY
    return day


@cache
def add_business_days(day: date, count: int, country: str | None) -> date:
    """The working day ``count`` working days after ``day`` (``day`` need not be one)."""
    for _ in range(count):
        day = next_business_day(day + _ONE_DAY, country)
    return day


@cache
def days_off_between(first: date, last: date, country: str | None) -> tuple[str, ...]:
    """Why the days from ``first`` to ``last`` (inclusive) are off: "Thu 26 Nov (Thanksgiving)".

    Used by the reasons, so a user sees why a target skipped a day.
    """
    if first > last:
        return ()
    off: list[str] = []
    day = first
    while day <= last:
        name = holiday_name(day, country)
        if name is not None:
            off.append(f"{day:%a %d %b} ({name})")
        elif day.weekday() in WEEKEND:
            off.append(f"{day:%a %d %b} (weekend)")
        day += _ONE_DAY
    return tuple(off)


def in_office(
    moment: datetime, zone: ZoneInfo, country: str | None, start: time, end: time
) -> datetime:
    """``moment`` if it falls in office hours, else the next opening of the office.

    Office hours run from ``start`` to ``end`` on a working day of ``country``: a message
    sent then arrives in the recipient's workday.
    """
    local = moment.astimezone(zone)
    day = local.date()
    if is_business_day(day, country):
        if start <= local.time() < end:
            return moment
        if local.time() < start:
            return at(day, start, zone)
    return at(next_business_day(day + _ONE_DAY, country), start, zone)


@cache
def at(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The instant when the wall clock in ``zone`` shows ``clock`` on ``day``.

    Office hours never fall in a daylight-saving gap in practice (the changes happen at
    night), but a zone that changes at 09:00 would make the wall time skipped: then the
    first valid instant after the gap is used, as a person's clock would show it.
    """
    wall = datetime.combine(day, clock, tzinfo=zone)
    there = wall.astimezone(UTC).astimezone(zone)
    if there.hour == wall.hour and there.minute == wall.minute:
        return wall
    # In a gap: the change happens between the two readings of the wall time (after
    # the gap's offset, and before it); find the instant it happens, to the minute.
    low = wall.replace(fold=1).astimezone(UTC)
    high = wall.replace(fold=0).astimezone(UTC)
    if low > high:
        low, high = high, low
    after = high.astimezone(zone).utcoffset()
    while high - low > _MINUTE:
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == after:
            high = middle
        else:
            low = middle
    return high.replace(second=0, microsecond=0).astimezone(zone)


@cache
def zone(name: str) -> ZoneInfo:
    """A ZoneInfo, cached (ZoneInfo caches too, but the call costs a lookup each time)."""
    return ZoneInfo(name)


@cache
def _zone_countries() -> dict[str, str]:
    """IANA zone -> ISO 3166 country code, from the ``zone.tab`` that ships with tzdata."""
    from importlib import resources

    table: dict[str, str] = {}
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return table
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            table[parts[2]] = parts[0]
    return table


def country_of_zone(name: str | None) -> str | None:
    """The country whose zone ``name`` is (``Asia/Tokyo`` -> ``JP``); None for UTC and the like."""
    if not name:
        return None
    return _zone_countries().get(name)
