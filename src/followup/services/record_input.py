"""The raw input of the record use cases and its validation: flags in, domain values out.

Pure functions (no store, no clock). Each failure is an InputError naming the flag.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any, Protocol

from followup.domain import validate
from followup.domain.model import (
    Application,
    Channel,
    Concern,
    Contact,
    Culture,
    Interviewer,
)
from followup.errors import InputError

_PERSON = re.compile(r"^(?P<name>[^<>,]*?)\s*(?:<(?P<email>[^<>]*)>)?\s*(?:,\s*(?P<title>.*))?$")
_PERSON_FIX = (
    'Write it as "Dana Rivera <dana@acme.com>, Analytics Manager" (email and title optional).'
)
_PHONE = re.compile(r"^\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?)\s*\d{1,6})?$", re.IGNORECASE)


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
    format: str | None = None
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
        out["signature"] = validate.text("--signature", data.signature, max_len=2_000) or None
    if data.phone is not None:
        out["phone"] = phone("--phone", data.phone)
    if data.linkedin is not None:
        link = validate.line("--linkedin", data.linkedin, max_len=2_000)
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
    number = validate.line(field, value, max_len=40)
    if number is None:
        return None
    if not _PHONE.match(number) or sum(ch.isdigit() for ch in number) < 5:
        raise InputError(
            field, f"{number!r} is not a phone number.", fix="Write it like +1 555 010 7788."
        )
    return number


# Interviewers, topics, concerns -------------------------------------------------------------


def parse_interviewer(raw: str) -> Interviewer:
    """``Name <email>, Title`` -> Interviewer; a bare address gives a name from its local part."""
    text = validate.required_line("--interviewer", raw, max_len=500)
    match = _PERSON.match(text)
    if match is None:
        raise InputError("--interviewer", f"cannot read {text!r}.", fix=_PERSON_FIX)
    name, email = match.group("name").strip(), match.group("email")
    if not name and email is None:
        raise InputError("--interviewer", f"{text!r} has no name.", fix=_PERSON_FIX)
    if email is None and "@" in name:
        name, email = "", name
    address = validate.email("--interviewer", email.strip()) if email is not None else None
    if not name and address:
        name = " ".join(w.capitalize() for w in re.split(r"[._-]+", address.split("@")[0]) if w)
    name = validate.required_line("--interviewer", name)
    if not any(ch.isalpha() for ch in name):
        raise InputError("--interviewer", f"{name!r} is not a name.", fix=_PERSON_FIX)
    title = validate.line("--interviewer", match.group("title"))
    return Interviewer(Contact(name=name, title=title, email=address))


def parse_concern(raw: str) -> Concern:
    """``what went wrong => the better answer`` (the part after ``=>`` is optional)."""
    text, _, better = raw.partition("=>")
    cleaned = validate.line("--concern", text, max_len=1_000)
    if cleaned is None:
        raise InputError(
            "--concern",
            f"{raw!r} has no concern before '=>'.",
            fix='Write it as "the concern => the better answer".',
        )
    return Concern(cleaned, validate.line("--concern", better, max_len=1_000))


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip()


def assign_topics(
    topics: Sequence[str], people: Sequence[Interviewer], *, replace_all: bool = False
) -> tuple[tuple[str, ...], tuple[Interviewer, ...]]:
    """Split topics into the interview's and each interviewer's ("Dana: churn dashboard").

    The prefix before ":" must be an interviewer's first or full name (case-insensitive);
    anything else is a topic of the whole interview. ``replace_all`` drops the topics the
    interviewers had.
    """
    own: list[list[str]] = [[] if replace_all else list(p.topics) for p in people]
    general: list[str] = []
    for topic in topics:
        prefix, colon, rest = topic.partition(":")
        key = _key(prefix)
        found = [
            i
            for i, p in enumerate(people)
            if colon and key and key in (_key(p.contact.name), _key(p.contact.name).split()[0])
        ]
        if len(found) > 1:
            raise InputError(
                "--topic",
                f"{prefix.strip()!r} matches more than one interviewer.",
                fix="Use the full name before the colon.",
            )
        if found and rest.strip():
            own[found[0]].append(rest.strip())
        else:
            general.append(topic)
    people_out = tuple(
        replace(p, topics=tuple(dict.fromkeys(t))) for p, t in zip(people, own, strict=True)
    )
    return tuple(dict.fromkeys(general)), people_out


class _Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def email(self) -> str | None: ...


def merge_people(
    people: Iterable[Interviewer],
    attendees: Iterable[_Named] = (),
    *,
    keep: Iterable[Interviewer] = (),
) -> tuple[Interviewer, ...]:
    """Interviewers as typed, completed from what is known.

    An invitation's attendee with the same name supplies a missing email; an interviewer
    already on the interview (same email, else same name) keeps its contact ID, its other
    details and its topics, so an edit updates the person instead of adding a new one.
    """
    by_name = {_key(a.name): a for a in attendees}
    known = list(keep)
    out = []
    for person in people:
        contact = person.contact
        if contact.email is None and _key(contact.name) in by_name:
            contact = replace(contact, email=by_name[_key(contact.name)].email)
        old = next(
            (k for k in known if contact.email and k.contact.email == contact.email), None
        ) or next((k for k in known if _key(k.contact.name) == _key(contact.name)), None)
        if old is not None:
            known.remove(old)
            contact = replace(
                old.contact,
                name=contact.name,
                email=contact.email or old.contact.email,
                title=contact.title or old.contact.title,
            )
            out.append(Interviewer(contact, old.topics))
        else:
            out.append(Interviewer(contact, person.topics))
    return tuple(out)


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


def clean_lists(data: InterviewInput) -> Lists:
    """Every list field validated; blanks dropped, repeats removed."""
    people = [parse_interviewer(raw) for raw in data.interviewers or () if raw.strip()]
    seen: set[str] = set()
    for person in people:
        key = person.contact.email or _key(person.contact.name)
        if key in seen:
            raise InputError(
                "--interviewer", f"{person.contact.name!r} is given twice.", fix="Give each once."
            )
        seen.add(key)
    return Lists(
        interviewers=tuple(people),
        topics=_items("--topic", data.topics),
        standouts=_items("--standout", data.standouts),
        asked=_items("--asked", data.asked),
        concerns=tuple(parse_concern(c) for c in data.concerns or () if c.strip()),
        forgot=_items("--forgot", data.forgot),
        ask=_items("--ask", data.ask),
    )


def _items(flag: str, values: list[str] | None) -> tuple[str, ...]:
    try:
        return validate.items(flag, values)
    except InputError as exc:  # "--topic #2: ..." names the flag and which one
        raise InputError(exc.field, exc.problem, fix=exc.fix) from None


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


@dataclass(frozen=True, slots=True)
class AppFields:
    """The application flags given, validated; :meth:`apply` writes them onto an application."""

    values: dict[str, Any]

    @classmethod
    def parse(cls, data: InterviewInput) -> AppFields:
        """Validate the application flags that were given ("" clears an optional one)."""
        out: dict[str, Any] = {}
        if data.industry is not None:
            out["industry"] = validate.line("--industry", data.industry)
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
                validate.choice("--channel", data.channel, Channel)
                if data.channel.strip()
                else None
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
        return validate.required_line(flag, value), None
    if field == "round":
        return validate.choice(flag, value, Round).value, None
    if field == "format":
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
        return validate.required_line(flag, value, max_len=1_000), None
    if field == "timezone":
        return validate.timezone(flag, value), None
    return validate.line(flag, value, max_len=1_000) or "", None
