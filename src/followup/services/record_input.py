"""The raw input of the record use cases and its validation: flags in, domain values out.

Pure functions (no store, no clock). Each failure is an InputError naming the flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from followup.domain import validate
from followup.domain.model import (
    Application,
    Channel,
    Concern,
    Culture,
    Format,
    Interviewer,
    Round,
)
from followup.errors import InputError
from followup.services.people import dedupe_people, parse_interviewer

_PHONE = re.compile(r"^\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?)\s*\d{1,6})?$", re.IGNORECASE)

#: The longest phone number (the column is wider; no real number comes near).
MAX_PHONE = 40
#: The longest signature (free text; a few lines).
MAX_SIGNATURE = 2_000
#: The limit of each one-line field of `add`/`edit`, by InterviewInput field: each is at
#: most the length of the column it is stored in (see tests/test_limits.py).
LINE_LIMITS = {
    "company": validate.MAX_LINE,
    "role": validate.MAX_LINE,
    "location": validate.MAX_LINE,
    "decision_note": validate.MAX_LINE,
    "industry": validate.MAX_LINE,
}


@dataclass
class ProfileInput:
    """`followup init` as typed; None means not given."""

    name: str | None = None
    email: str | None = None
    signature: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    timezone: str | None = None
    country: str | None = None


@dataclass
class InterviewInput:
    """`followup add`/`edit` as typed; None means not given (for edit: unchanged).

    For edit, a list replaces the stored list, and an empty string clears an optional field.
    """

    company: str | None = None
    role: str | None = None
    round: str | None = None
    mode: str | None = None
    start: str | None = None
    end: str | None = None
    minutes: str | None = None
    timezone: str | None = None
    interviewers: list[str] | None = None
    topics: list[str] | None = None
    standouts: list[str] | None = None
    asked: list[str] | None = None
    concerns: list[str] | None = None
    forgot: list[str] | None = None
    ask: list[str] | None = None
    decision: str | None = None
    decision_note: str | None = None
    location: str | None = None
    notes: str | None = None
    industry: str | None = None
    culture: str | None = None
    company_timezone: str | None = None
    company_country: str | None = None
    channel: str | None = None
    posting_url: str | None = None
    from_ics: str | None = None

    def is_empty(self) -> bool:
        """True when no field was given."""
        return all(getattr(self, f.name) is None for f in fields(self))


def profile_fields(data: ProfileInput) -> dict[str, Any]:
    """The given profile fields, validated: only those given appear in the result."""
    out: dict[str, Any] = {}
    if data.name is not None:
        out["name"] = validate.required_line("--name", data.name)
    if data.email is not None:
        out["email"] = validate.email("--email", data.email)
    if data.signature is not None:
        out["signature"] = (
            validate.text("--signature", data.signature, max_len=MAX_SIGNATURE) or None
        )
    if data.phone is not None:
        out["phone"] = phone("--phone", data.phone)
    if data.linkedin is not None:
        link = validate.line("--linkedin", data.linkedin, max_len=validate.MAX_URL)
        if link and not link.lower().startswith(("http://", "https://")):
            link = "https://" + link
        out["linkedin"] = validate.url("--linkedin", link)
    if data.timezone is not None:
        out["timezone"] = validate.timezone("--timezone", data.timezone)
    if data.country is not None:
        out["country"] = validate.country("--country", data.country)
    return out


def phone(field: str, value: str | None) -> str | None:
    """A phone number as people write it: digits, spaces, + ( ) . - /, an extension."""
    number = validate.line(field, value, max_len=MAX_PHONE)
    if number is None:
        return None
    if not _PHONE.match(number) or sum(ch.isdigit() for ch in number) < 5:
        raise InputError(
            field, f"{number!r} is not a phone number.", fix="Write it like +1 555 010 7788."
        )
    return number


# Interviewers, topics, concerns -------------------------------------------------------------


def parse_concern(raw: str) -> Concern:
    """``what went wrong => the better answer`` (the part after ``=>`` is optional)."""
    text, _, better = raw.partition("=>")
    cleaned = validate.line("--concern", text, max_len=validate.MAX_ITEM)
    if cleaned is None:
        raise InputError(
            "--concern",
            f"{raw!r} has no concern before '=>'.",
            fix='Write it as "the concern => the better answer".',
        )
    return Concern(cleaned, validate.line("--concern", better, max_len=validate.MAX_ITEM))


def match_company(hint: str, known: Iterable[str]) -> str:
    """A company named in a hint, spelled as the user already spells it if they know it."""
    squash = re.sub(r"[^0-9a-z]", "", hint.casefold())
    for name in known:
        if re.sub(r"[^0-9a-z]", "", name.casefold()) == squash:
            return name
    return hint


# Lists, times, application fields ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lists:
    """The list fields of an interview, validated."""

    interviewers: tuple[Interviewer, ...] = ()
    topics: tuple[str, ...] = ()
    standouts: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()
    concerns: tuple[Concern, ...] = ()
    forgot: tuple[str, ...] = ()
    ask: tuple[str, ...] = ()
    #: What the user should be told about the lists (merged repeats).
    notes: tuple[str, ...] = ()


def clean_lists(data: InterviewInput) -> Lists:
    """Every list field validated; blanks dropped, repeats removed (see dedupe_people)."""
    people, notes = dedupe_people(
        [parse_interviewer(raw) for raw in data.interviewers or () if raw.strip()]
    )
    return Lists(
        interviewers=people,
        topics=_items("--topic", data.topics),
        standouts=_items("--standout", data.standouts),
        asked=_items("--asked", data.asked),
        concerns=tuple(parse_concern(c) for c in data.concerns or () if c.strip()),
        forgot=_items("--forgot", data.forgot),
        ask=_items("--ask", data.ask),
        notes=notes,
    )


def _items(flag: str, values: list[str] | None) -> tuple[str, ...]:
    try:
        return validate.items(flag, values)
    except InputError as exc:  # "--topic #2: ..." names the flag and which one
        raise InputError(exc.field, exc.problem, fix=exc.fix) from None


def one_line(field: str, value: str | None) -> str | None:
    """A one-line field of InterviewInput, checked against its limit in LINE_LIMITS."""
    return validate.line(flag_of(field), value, max_len=LINE_LIMITS.get(field, validate.MAX_LINE))


def minutes(data: InterviewInput) -> int | None:
    """--minutes as a whole number of minutes, not combined with --end."""
    if data.minutes is None or not str(data.minutes).strip():
        return None
    if data.end:
        raise InputError("--minutes", "cannot be combined with --end.", fix="Give one of them.")
    try:
        value = int(str(data.minutes).strip())
    except ValueError:
        value = 0
    if not 0 < value < 24 * 60:
        raise InputError(
            "--minutes",
            f"{data.minutes!r} is not a length in minutes.",
            fix="Give a whole number such as 45.",
        )
    return value


def check_interval(start: datetime, end: datetime) -> None:
    """End after start, less than a day later; errors name --end."""
    try:
        validate.interval(start, end)
    except InputError as exc:
        raise InputError(f"--{exc.field}", exc.problem, fix=exc.fix) from None


#: The channels a hiring team can prefer (Channel.SELF is for the user's own steps).
PREFERRED_CHANNELS = (Channel.EMAIL, Channel.LINKEDIN, Channel.PHONE, Channel.MAIL)


def preferred_channel(value: str) -> Channel:
    """--channel: how the hiring team wants to be reached, one of PREFERRED_CHANNELS."""
    raw = value.strip().lower()
    for option in PREFERRED_CHANNELS:
        if raw == option.value:
            return option
    valid = ", ".join(option.value for option in PREFERRED_CHANNELS)
    problem = (
        "'self' is not a way to reach the company (it marks your own steps)."
        if raw == Channel.SELF.value
        else f"{value!r} is not one of: {valid}."
    )
    raise InputError("--channel", problem, fix=f"Choose one of: {valid}.")


@dataclass(frozen=True, slots=True)
class AppFields:
    """The application flags given, validated; :meth:`apply` writes them onto an application."""

    values: dict[str, Any]

    @classmethod
    def parse(cls, data: InterviewInput) -> AppFields:
        """Validate the application flags that were given ("" clears an optional one)."""
        out: dict[str, Any] = {}
        if data.industry is not None:
            out["industry"] = one_line("industry", data.industry)
        if data.culture is not None:
            out["culture"] = validate.choice("--culture", data.culture, Culture)
        if data.company_timezone is not None:
            out["company_timezone"] = (
                validate.timezone("--company-timezone", data.company_timezone)
                if data.company_timezone.strip()
                else None
            )
        if data.company_country is not None:
            out["company_country"] = validate.country("--company-country", data.company_country)
        if data.channel is not None:
            out["preferred_channel"] = (
                preferred_channel(data.channel) if data.channel.strip() else None
            )
        if data.posting_url is not None:
            out["posting_url"] = validate.url("--posting-url", data.posting_url)
        return cls(out)

    def apply(self, application: Application) -> Application:
        """The application with these fields set."""
        return replace(application, **self.values) if self.values else application


# The interactive walk-through ---------------------------------------------------------------

#: Walk-through fields that hold lists (asked one item at a time, empty answer ends).
LIST_FIELDS = ("interviewers", "topics", "standouts", "asked", "concerns", "forgot", "ask")


_FLAGS = {
    "interviewers": "--interviewer",
    "topics": "--topic",
    "standouts": "--standout",
    "concerns": "--concern",
}


def flag_of(field: str) -> str:
    """The command-line flag of an InterviewInput field: interviewers -> --interviewer."""
    return _FLAGS.get(field, "--" + field.replace("_", "-"))


def check_field(
    field: str, value: str, *, zone: str, now: datetime, start: datetime | None = None
) -> tuple[str, str | None]:
    """Validate one answer of the walk-through.

    Returns the value to keep (dates as ISO 8601, so they are not read twice) and, for
    dates, how the answer was understood, to show the user.
    """
    from followup.domain import when
    from followup.domain.model import Format, Round

    flag = flag_of(field)
    if field in ("company", "role"):
        return validate.required_line(flag, value, max_len=LINE_LIMITS[field]), None
    if field == "round":
        return validate.choice(flag, value, Round).value, None
    if field == "mode":
        return validate.choice(flag, value, Format).value, None
    if field in ("start", "end"):
        if field == "start":
            moment = when.parse_datetime(flag, value, now=now, zone=zone, prefer="past")
        else:
            assert start is not None
            moment = when.parse_end(flag, value, start=start, now=now, zone=zone)
            check_interval(start, moment)
        return moment.isoformat(), f"{moment:%a %d %b %Y %H:%M} {zone}"
    if field == "minutes":
        return str(minutes(InterviewInput(minutes=value))), None
    if field == "decision":
        day = when.parse_date(flag, value, now=now, zone=zone)
        return day.isoformat(), f"{day:%a %d %b %Y}"
    if field == "interviewers":
        parse_interviewer(value)
        return value, None
    if field == "concerns":
        parse_concern(value)
        return value, None
    if field in LIST_FIELDS:
        return validate.required_line(flag, value, max_len=validate.MAX_ITEM), None
    if field == "timezone":
        return validate.timezone(flag, value), None
    return one_line(field, value) or "", None


@dataclass(frozen=True, slots=True)
class Checked:
    """The fields of `add` and `edit` that need no database, validated."""

    zone: str | None
    company: str | None
    role: str | None
    app_fields: AppFields
    lists: Lists
    length: int | None
    round: Round | None
    format: Format | None
    location: str | None
    decision_note: str | None
    notes: str | None  # None: --notes was not given

    @classmethod
    def parse(cls, data: InterviewInput) -> Checked:
        """Validate everything first: bad input fails before the store is opened."""
        return cls(
            zone=validate.timezone("--timezone", data.timezone) if data.timezone else None,
            company=one_line("company", data.company),
            role=one_line("role", data.role),
            app_fields=AppFields.parse(data),
            lists=clean_lists(data),
            length=minutes(data),
            round=validate.choice("--round", data.round, Round) if data.round else None,
            format=validate.choice("--mode", data.mode, Format) if data.mode else None,
            location=one_line("location", data.location),
            decision_note=one_line("decision_note", data.decision_note),
            notes=validate.text("--notes", data.notes) if data.notes is not None else None,
        )
