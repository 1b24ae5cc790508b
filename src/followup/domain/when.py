"""Dates and times as a person types them: ISO 8601 or words, relative to a given `now`.

Contract:

- :func:`parse_datetime` returns an aware datetime in ``zone``; :func:`parse_date` a plain
  date; :func:`parse_end` an interview's end, where a bare time of day ("15:30", "4pm")
  means that time on the start's day.
- ISO 8601 (``2026-11-20T14:00``, ``2026-11-20 14:00-05:00``, ``...Z``) is parsed by the
  standard library alone: the fast path never imports ``dateparser``. A time without an
  offset is a wall-clock time in ``zone``; with an offset it is that instant.
- Anything else goes to ``dateparser`` (imported lazily, English only, for speed and
  predictability), relative to ``now`` seen in ``zone``. ``prefer`` settles what the words
  leave open: "Tue 10:00" is last Tuesday with ``"past"`` (when an interview happened),
  next Tuesday with ``"future"`` (when a decision is promised). A weekday that is today
  means today when that fits ``prefer``.
- A time of day is required for :func:`parse_datetime`: "next friday" names a day, and an
  interview "at midnight" is never what was meant.
- Daylight saving time. A wall-clock time that does not exist (the hour skipped when
  clocks go forward) is refused, with the time one would get by moving past the gap as
  the suggestion: guessing could shift an interview by an hour and the thank-you window
  with it. A wall-clock time that happens twice (the hour repeated when clocks go back)
  is the first of the two (PEP 495 ``fold=0``); an explicit offset selects the second.
- Lengths are elapsed time: :func:`add_duration` and :func:`duration` work on the instants
  (through UTC), never on the wall clock. Python's ``+``/``-`` on two datetimes of the same
  zone use the wall clock, so a 45-minute interview starting at 01:30 on the night clocks
  go back would end at 02:15, an hour and three quarters later.
- Years outside 1970-2100 are refused (:func:`checked_year`): they are typos, and the
  first and last days of ``datetime`` cannot even be converted to UTC.
- Pure: no clock, no I/O. Every failure is an :class:`InputError` naming ``field``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal, TypeVar
from zoneinfo import ZoneInfo

from followup.domain import validate
from followup.errors import InputError

Prefer = Literal["past", "future"]
_D = TypeVar("_D", bound=date)

#: Years outside this range are typos (2062 for 2026), not interviews.
_FIRST_YEAR, _LAST_YEAR = 1970, 2100

_ISO = re.compile(r"^\d{4}-?\d{2}-?\d{2}(?:[T ]\S|$)")
_ISO_DATE_ONLY = re.compile(r"^\d{4}-?\d{2}-?\d{2}$")
# A time of day as typed: 14:30, 9:05, 3pm, 3:30 p.m., noon, midnight.
_CLOCK = re.compile(
    r"(?<![\d:])(?:(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?!\s*[ap]\.?m\b)"
    r"|(?P<h12>1[0-2]|0?[1-9])(?::(?P<m12>[0-5]\d))?\s*(?P<ampm>[ap])\.?m\.?)(?![\d:])",
    re.IGNORECASE,
)
_NOON = re.compile(r"\b(noon|midday|midnight)\b", re.IGNORECASE)
_ONLY_TIME = re.compile(
    r"^\s*(?:at\s+)?(?:(?:[01]?\d|2[0-3]):[0-5]\d|(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s*[ap]\.?m\.?"
    r"|noon|midday|midnight)\s*$",
    re.IGNORECASE,
)
# "15h" / "15h30", as much of Europe writes a time of day ("2h ago" stays a duration).
_H_CLOCK = re.compile(r"(?<![\d:])([01]?\d|2[0-3])h([0-5]\d)?\b(?!\s*ago)", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.IGNORECASE)
_RELATIVE_WORD = re.compile(r"\b(last|next|ago|previous|this|coming)\b", re.IGNORECASE)

_TIME_FIX = "Use ISO 8601 like 2026-11-20T14:00 or words like 'yesterday 3pm'."
_DATE_FIX = "Use a date like 2026-12-01 or words like 'next Friday' or 'in two weeks'."


def parse_datetime(
    field: str, text: str | None, *, now: datetime, zone: str, prefer: Prefer = "past"
) -> datetime:
    """A date with a time of day, as an aware datetime in ``zone``."""
    raw = _clean(field, text, _TIME_FIX, what="a date and time")
    tz = _zone(zone)
    if _ISO.match(raw):
        if _ISO_DATE_ONLY.match(raw):
            raise _no_time(field, raw)
        return checked_year(field, raw, _from_iso(field, raw, tz, _TIME_FIX))
    if _ONLY_TIME.match(_words(raw)):
        return _time_on(field, _words(raw), _local(now, tz).date(), tz, now, prefer)
    parsed, period = _natural(_words(raw), now, tz, prefer)
    if parsed is None or period in ("month", "year"):
        raise InputError(field, f"{raw!r} is not a date or time.", fix=_TIME_FIX)
    if period != "time" and _typed_clock(_words(raw)) != (parsed.hour, parsed.minute):
        raise _no_time(field, raw)
    if parsed.tzinfo is not None:
        return checked_year(field, raw, parsed.astimezone(tz))
    parsed = _weekday_today(raw, parsed, _local(now, tz), prefer)
    return checked_year(field, raw, localize(field, parsed, zone))


def parse_date(
    field: str, text: str | None, *, now: datetime, zone: str, prefer: Prefer = "future"
) -> date:
    """A calendar day, such as a promised decision date; words count from ``now`` in ``zone``."""
    raw = _clean(field, text, _DATE_FIX, what="a date")
    tz = _zone(zone)
    if _ISO.match(raw):
        if _ISO_DATE_ONLY.match(raw):
            try:
                day = date.fromisoformat(raw)
            except ValueError:
                raise InputError(field, f"{raw!r} is not a valid date.", fix=_DATE_FIX) from None
        else:
            day = _from_iso(field, raw, tz, _DATE_FIX).date()
        return checked_year(field, raw, day)
    parsed, period = _natural(_words(raw), now, tz, prefer)
    if parsed is None:
        raise InputError(field, f"{raw!r} is not a date.", fix=_DATE_FIX)
    if period in ("month", "year"):
        raise InputError(
            field, f"{raw!r} names a {period}, not a day.", fix="Name the day, e.g. 2026-12-01."
        )
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(tz).replace(tzinfo=None)
    parsed = _weekday_today(raw, parsed, _local(now, tz), prefer, whole_day=True)
    return checked_year(field, raw, parsed.date())


def parse_end(
    field: str, text: str | None, *, start: datetime, now: datetime, zone: str
) -> datetime:
    """An interview's end: a bare time of day is on the start's day; else like a start."""
    raw = _clean(field, text, _TIME_FIX, what="a date and time")
    tz = _zone(zone)
    if _ONLY_TIME.match(_words(raw)):
        hour, minute = _clock_of(_words(raw))
        return localize(field, datetime.combine(_local(start, tz).date(), time(hour, minute)), zone)
    return parse_datetime(field, raw, now=now, zone=zone, prefer="past")


def add_duration(start: datetime, length: timedelta) -> datetime:
    """The instant ``length`` of elapsed time after ``start``, in ``start``'s zone.

    ``start`` must be aware. Across a daylight-saving change the wall-clock difference
    differs from ``length`` (by design: an interview lasts as long as it lasts).
    """
    if start.tzinfo is None:
        raise ValueError("add_duration needs an aware datetime")
    return (start.astimezone(UTC) + length).astimezone(start.tzinfo)


def duration(start: datetime, end: datetime) -> timedelta:
    """The elapsed time from ``start`` to ``end`` (both aware), whatever their zones."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("duration needs aware datetimes")
    return end.astimezone(UTC) - start.astimezone(UTC)


def localize(field: str, wall: datetime, zone: str) -> datetime:
    """A wall-clock time in ``zone`` as an aware datetime, by the DST rule in the module doc.

    A time in a year outside 1970-2100 is refused like any other bad input.
    """
    tz = _zone(zone)
    naive = checked_year(field, f"{wall:%Y-%m-%d %H:%M}", wall.replace(tzinfo=None, fold=0))
    aware = naive.replace(tzinfo=tz)
    round_trip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if round_trip != naive:
        # In the gap, fold=0 applies the offset from before the change; the round trip
        # lands where the clock reads after it.
        raise InputError(
            field,
            f"{naive:%Y-%m-%d %H:%M} does not exist in {zone}: the clocks were put forward "
            "that night (daylight saving time).",
            fix=f"Did you mean {round_trip:%H:%M}? Or give an explicit UTC offset, "
            f"like {naive:%Y-%m-%dT%H:%M}{_offset(aware)}.",
        )
    return aware


# Helpers ---------------------------------------------------------------------------------


def _clean(field: str, text: str | None, fix: str, *, what: str) -> str:
    if text is None or not text.strip():
        raise InputError(field, f"is empty; expected {what}.", fix=fix)
    return " ".join(validate.required_line(field, text, max_len=100).split())


def _words(raw: str) -> str:
    """The text as dateparser and the time patterns read it: "15h30" becomes "15:30"."""
    return _H_CLOCK.sub(lambda m: f"{m.group(1)}:{m.group(2) or '00'}", raw)


def _zone(zone: str) -> ZoneInfo:
    return ZoneInfo(validate.timezone("timezone", zone))


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    """``moment`` as a naive wall-clock time in ``tz`` (an aware ``moment`` is required)."""
    if moment.tzinfo is None:
        raise ValueError("now/start must be timezone-aware")
    return moment.astimezone(tz).replace(tzinfo=None)


def _offset(aware: datetime) -> str:
    text = aware.strftime("%z")
    return f"{text[:3]}:{text[3:]}"


#: A clock time as typed, valid or not ("25:00", "9:75").
_ANY_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])")


def _no_time(field: str, raw: str) -> InputError:
    for m in _ANY_CLOCK.finditer(raw):
        if int(m.group(1)) > 23 or int(m.group(2)) > 59:
            # dateparser drops the impossible time and keeps the day: say what is wrong.
            return InputError(
                field,
                f"{raw!r}: {m.group(0)} is not a time of day (hours 0 to 23, minutes 0 to 59).",
                fix="Give a real time, e.g. 'tomorrow 23:00' or '2026-11-20T14:00'.",
            )
    return InputError(
        field,
        f"{raw!r} gives a day but no time of day.",
        fix="Add the time, e.g. '2026-11-20T14:00' or 'yesterday 3pm'.",
    )


def _from_iso(field: str, raw: str, tz: ZoneInfo, fix: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise InputError(field, f"{raw!r} is not a valid ISO 8601 date or time.", fix=fix) from None
    checked_year(field, raw, parsed)  # before any conversion: year 1 or 9999 would overflow
    if parsed.tzinfo is None:
        return localize(field, parsed, str(tz.key))
    return parsed.astimezone(tz)


def checked_year(field: str, raw: str, value: _D) -> _D:
    """``value`` when its year is within 1970-2100; else an InputError naming ``field``."""
    if not _FIRST_YEAR <= value.year <= _LAST_YEAR:
        raise InputError(
            field,
            f"{raw!r} is in the year {value.year}.",
            fix=f"Check the year: followup takes dates from {_FIRST_YEAR} to {_LAST_YEAR}.",
        )
    return value


def _clock_of(raw: str) -> tuple[int, int]:
    found = _typed_clock(raw)
    if found is None:  # pragma: no cover - _ONLY_TIME guarantees a match
        raise ValueError(raw)
    return found


def _typed_clock(raw: str) -> tuple[int, int] | None:
    """The time of day written in the text, if there is exactly one."""
    words = _NOON.search(raw)
    if words:
        return (0, 0) if words.group(1).lower() == "midnight" else (12, 0)
    matches = list(_CLOCK.finditer(raw))
    if len(matches) != 1:
        return None
    m = matches[0]
    if m.group("h24") is not None:
        return int(m.group("h24")), int(m.group("m24"))
    hour = int(m.group("h12")) % 12 + (12 if m.group("ampm").lower() == "p" else 0)
    return hour, int(m.group("m12") or 0)


def _time_on(
    field: str, raw: str, day: date, tz: ZoneInfo, now: datetime, prefer: Prefer
) -> datetime:
    """A bare time of day: today, or the day before/after when today's is on the wrong side."""
    hour, minute = _clock_of(raw)
    wall = datetime.combine(day, time(hour, minute))
    local_now = _local(now, tz)
    if prefer == "past" and wall > local_now:
        wall -= timedelta(days=1)
    elif prefer == "future" and wall < local_now:
        wall += timedelta(days=1)
    return localize(field, wall, str(tz.key))


def _natural(
    raw: str, now: datetime, tz: ZoneInfo, prefer: Prefer
) -> tuple[datetime | None, str | None]:
    """Words to a (naive wall-clock or aware) datetime and dateparser's period for it."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": _local(now, tz),
            "PREFER_DATES_FROM": prefer,
            "RETURN_TIME_AS_PERIOD": True,
        },
    )
    try:
        data = parser.get_date_data(raw)
    except (ValueError, OverflowError):
        return None, None
    return data.date_obj, data.period


def _weekday_today(
    raw: str, parsed: datetime, local_now: datetime, prefer: Prefer, *, whole_day: bool = False
) -> datetime:
    """Today's weekday said alone ("Sun 10:00" on a Sunday) means today when that fits.

    dateparser moves it a week away whenever the weekday is today's.
    """
    if not _WEEKDAY.search(raw) or _RELATIVE_WORD.search(raw):
        return parsed
    step = timedelta(days=7)
    if prefer == "past" and parsed < local_now:
        candidate = parsed + step
        fits = candidate.date() == local_now.date() and (whole_day or candidate <= local_now)
    elif prefer == "future" and parsed > local_now:
        candidate = parsed - step
        fits = candidate.date() == local_now.date() and (whole_day or candidate >= local_now)
    else:
        return parsed
    return candidate if fits else parsed
