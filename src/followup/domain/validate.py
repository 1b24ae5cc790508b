"""Validation of everything a user types: each failure names the field and the fix.

Pure functions; each returns the cleaned value or raises :class:`InputError`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from followup.errors import InputError

E = TypeVar("E", bound=StrEnum)

# Length limits. Each one-line limit is at most the length of the column the value is
# stored in (tests/test_limits.py holds every String(n) column of the schema against the
# validator that feeds it); free text goes to unbounded Text columns.

#: The longest one-line value (a name, a company, a location, a decision note).
MAX_LINE = 200
#: The longest item of a list (a topic, a question, a concern): stored as Text.
MAX_ITEM = 1_000
#: The longest free text (notes, a reflection): far beyond any real note,
#: small enough that a pasted file by mistake is refused instead of stored.
MAX_TEXT = 20_000
#: RFC 5321's limit for an address in a mail path.
MAX_EMAIL = 254
#: The longest web address (a job posting, a LinkedIn profile).
MAX_URL = 2_000
#: The longest IANA time zone name accepted (the longest real one has 32 characters).
MAX_ZONE = 64
#: The longest country code accepted before the two-letter check.
MAX_COUNTRY = 8

#: C0 and C1 control characters (C1 holds an 8-bit escape that terminals obey), and the
#: bidirectional embeddings, overrides and isolates that can make text display as what it
#: is not. Tabs and line breaks are judged separately.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_LINE_BREAK = re.compile(r"[\r\n\u0085\u2028\u2029]")
#: Lone surrogates: what Python makes of bytes that are not UTF-8 in an argument or a
#: file (``$'\xff'`` in a shell). They cannot be stored or written out as text.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _utf8(field: str, value: str) -> None:
    if _SURROGATE.search(value):
        raise InputError(
            field,
            "holds bytes that are not UTF-8 text (from a terminal or file in another encoding).",
            fix="Type it again, or convert the file to UTF-8.",
        )


_COUNTRY = re.compile(r"^[A-Z]{2}$")


def line(
    field: str, value: str | None, *, required: bool = False, max_len: int = MAX_LINE
) -> str | None:
    """A single-line value: no CR, LF or control characters (they could inject headers)."""
    if value is None or not value.strip():
        if required:
            raise InputError(field, "is required.", fix=f"Give a value for {field}.")
        return None
    _utf8(field, value)
    if _LINE_BREAK.search(value):
        raise InputError(
            field,
            "contains a line break (CR or LF); it must be a single line.",
            fix="Remove the line break.",
        )
    if _CONTROL.search(value) or "\t" in value:
        raise InputError(
            field,
            "contains a control character (a tab, an escape or a text-direction override).",
            fix="Remove it and try again.",
        )
    cleaned = unicodedata.normalize("NFC", value.strip())
    if len(cleaned) > max_len:
        raise InputError(
            field,
            f"is {len(cleaned):,} characters long; the limit is {max_len:,}.",
            fix="Shorten it.",
        )
    return cleaned


def required_line(field: str, value: str | None, *, max_len: int = MAX_LINE) -> str:
    """A single-line value that must be present."""
    cleaned = line(field, value, required=True, max_len=max_len)
    assert cleaned is not None
    return cleaned


def text(field: str, value: str | None, *, max_len: int = MAX_TEXT) -> str:
    """Free text: line breaks allowed, other control characters refused, length bounded."""
    if value is None:
        return ""
    if len(value) > max_len:
        size = len(value.encode("utf-8", "surrogatepass"))
        raise InputError(
            field,
            f"is {_human_size(size)} ({len(value):,} characters); "
            f"the limit is {max_len:,} characters.",
            fix="Keep notes short, or store the document elsewhere and note where it is.",
        )
    _utf8(field, value)
    if _CONTROL.search(value.replace("\t", " ")):
        raise InputError(field, "contains a control character.", fix="Remove it and try again.")
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n").strip())


def items(field: str, values: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """A list of short notes (topics, questions): each one line, blanks dropped, no repeats."""
    cleaned: dict[str, None] = {}
    for index, value in enumerate(values or (), start=1):
        item = line(f"{field} #{index}", value, max_len=MAX_ITEM)
        if item:
            cleaned[item] = None
    return tuple(cleaned)


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def timezone(field: str, value: str | None) -> str:
    """An IANA time zone name, such as ``Europe/Paris``."""
    name = required_line(field, value, max_len=MAX_ZONE)
    if name in _zones() or name == "UTC":
        return name
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(name, sorted(_zones()), n=3, cutoff=0.6)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise InputError(
            field,
            f"unknown time zone {name!r}.",
            fix=f"Use an IANA name such as Europe/Paris or America/New_York.{hint}",
        ) from None
    return name


def email(field: str, value: str | None, *, required: bool = False) -> str | None:
    """An email address, normalized; no deliverability check (that would need the network)."""
    address = line(field, value, required=required, max_len=MAX_EMAIL)
    if address is None:
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        raise InputError(
            field, f"{address!r} is not a valid email address ({exc}).", fix="Use name@example.com."
        ) from None
    return str(result.normalized)


def country(field: str, value: str | None, *, assigned: bool = True) -> str | None:
    """An ISO 3166-1 alpha-2 country code (US, GB, DE), used for public holidays.

    ``assigned``: one of the codes ISO assigned (XX and UK are refused). A backup's check
    passes False: older versions stored any two capitals, and a backup must import.
    """
    code = line(field, value, max_len=MAX_COUNTRY)
    if code is None:
        return None
    code = code.upper()
    if not _COUNTRY.match(code):
        raise InputError(
            field,
            f"{value!r} is not a two-letter country code.",
            fix="Use an ISO 3166 code such as US, GB, DE or JP.",
        )
    known = _countries() if assigned else frozenset()
    if known and code not in known:
        # XX passed the shape check and planned with no holidays at all, silently.
        hint = "The United Kingdom's is GB. " if code == "UK" else ""
        raise InputError(
            field,
            f"{value!r} is not an ISO 3166 country code.",
            fix=f"{hint}Use an ISO 3166 code such as US, GB, DE or JP.",
        )
    return code


@cache
def _countries() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes, from the ``iso3166.tab`` that ships with tzdata.

    Empty when the table cannot be read: then the two-letter check alone applies.
    """
    from importlib import resources

    try:
        text = resources.files("tzdata.zoneinfo").joinpath("iso3166.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    return frozenset(
        row.split("\t", 1)[0] for row in text.splitlines() if row and not row.startswith("#")
    )


def url(field: str, value: str | None) -> str | None:
    """An http(s) address."""
    address = line(field, value, max_len=MAX_URL)
    if address is None:
        return None
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", address, re.IGNORECASE):
        raise InputError(field, f"{address!r} is not a web address.", fix="Start it with https://.")
    return address


def iso_date(field: str, value: str | None) -> date | None:
    """A calendar date as YYYY-MM-DD."""
    raw = line(field, value, max_len=32)
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InputError(
            field, f"{raw!r} is not a date.", fix="Use YYYY-MM-DD, for example 2026-03-14."
        ) from None


def choice(field: str, value: str | None, options: type[E]) -> E:
    """One of an enum's values, with the valid choices in the message."""
    raw = (value or "").strip().lower()
    for option in options:
        if raw == option.value:
            return option
    valid = ", ".join(option.value for option in options)
    raise InputError(field, f"{value!r} is not one of: {valid}.", fix=f"Choose one of: {valid}.")


def interval(start: datetime, end: datetime) -> None:
    """An interview's end must come after its start, and both must be aware.

    Compared as instants (in UTC): two datetimes of the same zone compare by their wall
    clocks, which is wrong in the hour repeated when clocks go back.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise InputError("start", "has no time zone.", fix="Give a time zone or an offset.")
    length = end.astimezone(UTC) - start.astimezone(UTC)
    if length <= timedelta(0):
        raise InputError(
            "end",
            f"{end.isoformat()} is not after the start {start.isoformat()}.",
            fix="Give an end after the start, or a duration with --minutes.",
        )
    if length.days >= 1:
        raise InputError(
            "end",
            "is a day or more after the start.",
            fix="Record each day of a multi-day interview as its own round.",
        )


def _human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"
