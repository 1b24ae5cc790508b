"""One row of a job tracker's CSV: cells to a validated application (and interview).

Statuses of trackers are mapped to followup's, dates read in the formats trackers and
spreadsheets write, and every value checked with :mod:`followup.domain.validate`. Errors
name the CSV row (the header is row 1) and the column. Pure: no file, no database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from followup.domain import validate, when
from followup.domain.model import Application, Format, Interview, Round, Status
from followup.errors import InputError

E = TypeVar("E", bound=StrEnum)

#: The words trackers use for each of our statuses (after normalize()).
_STATUS_WORDS: dict[Status, str] = {
    Status.APPLIED: "wishlist|saved|bookmarked|interested|to apply|applying|applied|"
    "application sent|submitted",
    Status.INTERVIEWING: "interviewing|interview|interviews|phone screen|screen|screening|"
    "onsite|on site|technical interview|final interview|in progress",
    Status.OFFER: "offer|offered|offer received|accepted|negotiating",
    Status.REJECTED: "rejected|declined|not selected|no offer",
    Status.WITHDRAWN: "withdrawn|withdrew|archived",
    Status.NO_RESPONSE: "no response|ghosted|no reply",
}
#: Tracker statuses (normalized) and what they mean here.
STATUSES: dict[str, Status] = {
    word: status for status, words in _STATUS_WORDS.items() for word in words.split("|")
}

#: A placeholder start for an interview whose date has no time of day.
UNKNOWN_TIME = time(9, 0)

_SLASHED = re.compile(r"^(\d{1,4})[/.](\d{1,2})[/.](\d{2,4})$")
_WITH_TIME = re.compile(
    r"^(?P<day>.+?)[\sT,]+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?$",
    re.IGNORECASE,
)
_NAMED_MONTH = ("%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y")
_DATE_FIX = "Use YYYY-MM-DD (with HH:MM for an interview), MM/DD/YYYY or 'Mar 14, 2026'."


class CsvRowError(InputError):
    """A bad cell: names the file, the row (the header is row 1) and the column."""

    def __init__(self, name: str, row: int, column: str, problem: str, fix: str | None) -> None:
        super().__init__(f"import: {name} row {row}, column {column!r}", problem, fix=fix)
        self.name = name
        self.row = row
        self.column = column


@dataclass(frozen=True)
class TrackerRow:
    """One CSV row, validated: an application and perhaps an interview."""

    row: int
    application: Application
    interview: Interview | None


@dataclass
class Options:
    """How to read the rows: fixed for a whole file."""

    profile_id: int
    timezone: str
    interview_minutes: int
    status_map: Mapping[str, Status] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)
    day_first: bool = False


def normalize(text: str) -> str:
    """A header or status as compared: case-folded, separators as single spaces."""
    return " ".join(re.sub(r"[_\-:*]+", " ", text).casefold().split())


def tracker_status(value: str, status_map: Mapping[str, Status]) -> Status | None:
    """The status a tracker's status means here (None when unknown); --status-map wins."""
    key = normalize(value)
    if key in status_map:
        return status_map[key]
    for option in Status:
        if key == normalize(option.value):
            return option
    return STATUSES.get(key)


def day_first(name: str, cells: list[tuple[int, str, str]]) -> bool:
    """Whether slashed dates are day/month/year: only if some day is over 12 and no month.

    ``cells`` are (row, column, value). Raises CsvRowError when the file mixes both.
    """
    first_dm: tuple[int, str, str] | None = None
    first_md: tuple[int, str, str] | None = None
    for cell in cells:
        words = cell[2].split()
        match = _SLASHED.match(words[0]) if words else None
        if not match or len(match[1]) == 4:
            continue
        if int(match[1]) > 12 and first_dm is None:
            first_dm = cell
        if int(match[2]) > 12 and first_md is None:
            first_md = cell
    if first_dm and first_md:
        row, column, value = max(first_dm, first_md)
        raise CsvRowError(
            name,
            row,
            column,
            f"{value.strip()!r} mixes date orders: row {first_dm[0]} has day/month/year and "
            f"row {first_md[0]} month/day/year.",
            _DATE_FIX,
        )
    return first_dm is not None


def parse_when(value: str, *, dayfirst: bool = False) -> tuple[date, time | None, tzinfo | None]:
    """A date, maybe with a time of day and an offset; ValueError when it is none of them."""
    try:
        return _parse_when(value.strip(), dayfirst)
    except ValueError:
        raise ValueError(f"{value!r} is not a date") from None


def _parse_when(text: str, dayfirst: bool) -> tuple[date, time | None, tzinfo | None]:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text), None, None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        return moment.date(), moment.timetz().replace(tzinfo=None), moment.tzinfo
    clock: time | None = None
    match = _WITH_TIME.match(text)
    if match:
        text = match["day"].strip()
        hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
        if match["ampm"]:
            if not 1 <= hour <= 12:
                raise ValueError(text)
            hour = hour % 12 + (12 if match["ampm"][0].lower() == "p" else 0)
        clock = time(hour, minute, second)
    slashed = _SLASHED.match(text)
    if slashed:
        p1, p2, p3 = slashed.groups()
        if len(p1) == 4:
            year, month, day = int(p1), int(p2), int(p3)
        else:
            year = int(p3) + (2000 if len(p3) == 2 else 0)
            month, day = (int(p2), int(p1)) if dayfirst else (int(p1), int(p2))
        return date(year, month, day), clock, None
    cleaned = " ".join(text.replace(",", " ").replace(".", " ").split())
    for pattern in _NAMED_MONTH:
        try:
            return datetime.strptime(cleaned, pattern).date(), clock, None  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(text)


class _Row:
    """The cells of one row, with the file's defaults, and errors that name the cell."""

    def __init__(
        self, name: str, number: int, cells: Mapping[str, tuple[str, str]], options: Options
    ) -> None:
        self.name, self.number, self.cells, self.options = name, number, cells, options

    def raw(self, key: str) -> tuple[str, str]:
        """(column, value) of a field: the cell, else its --default, else empty."""
        column, value = self.cells.get(key, (f"--default {key}", ""))
        if not value.strip() and self.options.defaults.get(key):
            return f"--default {key}", self.options.defaults[key]
        return column, value

    def error(self, column: str, problem: str, fix: str | None) -> CsvRowError:
        return CsvRowError(self.name, self.number, column, problem, fix)

    def line(self, key: str, *, required: bool = False) -> str | None:
        column, value = self.raw(key)
        try:
            return validate.line(key, value, required=required)
        except InputError as exc:
            raise self.error(column, exc.problem, exc.fix) from None

    def text(self, key: str) -> str:
        column, value = self.raw(key)
        try:
            return validate.text(key, value)
        except InputError as exc:
            raise self.error(column, exc.problem, exc.fix) from None

    def url(self, key: str) -> str | None:
        column, value = self.raw(key)
        value = value.strip()
        if value and "://" not in value and "." in value.split("/")[0]:
            value = "https://" + value  # trackers often drop the scheme: www.example.com/jobs/1
        try:
            return validate.url(key, value)
        except InputError as exc:
            raise self.error(column, exc.problem, exc.fix) from None

    def moment(self, key: str) -> tuple[date, time | None, tzinfo | None] | None:
        """A date cell: (day, time of day or None, offset or None); years 1970-2100 only."""
        column, value = self.raw(key)
        if not value.strip():
            return None
        try:
            parsed = parse_when(value, dayfirst=self.options.day_first)
        except ValueError:
            raise self.error(
                column, f"{value.strip()!r} is not a date this import reads.", _DATE_FIX
            ) from None
        try:
            when.checked_year(key, value.strip(), parsed[0])
        except InputError as exc:
            raise self.error(column, exc.problem, exc.fix) from None
        return parsed

    def choice(self, key: str, options: type[E], default: E) -> E:
        column, value = self.raw(key)
        if not value.strip():
            return default
        try:
            return validate.choice(key, value, options)
        except InputError as exc:
            raise self.error(column, exc.problem, exc.fix) from None

    def status(self, default: Status) -> Status:
        column, value = self.raw("status")
        if not value.strip():
            return default
        status = tracker_status(value, self.options.status_map)
        if status is None:
            known = ", ".join(s.value for s in Status)
            raise self.error(
                column,
                f"{value.strip()!r} is not a status followup knows ({known}).",
                f"Map it with --status-map '{value.strip()}=applied' (or another status).",
            )
        return status


def convert(
    name: str, number: int, cells: Mapping[str, tuple[str, str]], options: Options
) -> TrackerRow:
    """One row as an application (and interview); CsvRowError names the bad cell.

    ``cells`` maps a field to (column header, raw value); a field's default from
    ``options.defaults`` fills an empty or missing cell.
    """
    row = _Row(name, number, cells, options)
    company = row.line("company", required=True)
    role = row.line("role", required=True)
    assert company is not None and role is not None
    industry = row.line("industry")
    notes = row.text("notes")
    location = row.line("location")
    if location:
        # The job's location (not the interview's) has no field of its own: it joins the notes,
        # which must still fit the notes' limit.
        notes = f"{notes}\n\nLocation: {location}".strip()
        if len(notes) > validate.MAX_TEXT:
            raise row.error(
                row.raw("notes")[0],
                f"with the location added, the notes are {len(notes):,} characters; "
                f"the limit is {validate.MAX_TEXT:,}.",
                "Shorten the notes.",
            )
    posting_url = row.url("posting_url")
    applied = row.moment("applied_on")
    interview = _interview(row)
    status = row.status(Status.INTERVIEWING if interview else Status.APPLIED)
    application = Application(
        company=company,
        role=role,
        profile_id=options.profile_id,
        posting_url=posting_url,
        industry=industry,
        status=status,
        applied_on=applied[0] if applied else None,
        notes=notes,
    )
    return TrackerRow(number, application, interview)


def _interview(row: _Row) -> Interview | None:
    """The row's interview, if it has an interview date.

    A time without an offset is a wall-clock time in the file's zone, read by
    :func:`when.localize` (a time skipped by daylight saving is refused, naming the cell);
    the end is the usual length later in elapsed time, whatever the clocks do meanwhile.
    """
    moment = row.moment("interview_at")
    if moment is None:
        return None
    day, clock, offset = moment
    notes = ""
    if clock is None:
        clock = UNKNOWN_TIME
        notes = "Imported from a CSV without a time of day: the start time is a placeholder."
    zone = row.options.timezone
    if offset is None:
        try:
            start = when.localize("interview_at", datetime.combine(day, clock), zone)
        except InputError as exc:
            raise row.error(row.raw("interview_at")[0], exc.problem, exc.fix) from None
    else:
        start = datetime.combine(day, clock, tzinfo=offset).astimezone(ZoneInfo(zone))
    return Interview(
        application_id=None,
        start=start,
        end=when.add_duration(start, timedelta(minutes=row.options.interview_minutes)),
        timezone=row.options.timezone,
        round=row.choice("interview_round", Round, Round.FIRST),
        format=row.choice("interview_format", Format, Format.VIDEO),
        notes=notes,
    )
