"""Read a calendar invitation (.ics) into what `followup add --from-ics` can use.

Contract of :func:`read_invite`:

- The first VEVENT counts (a warning says when there are more). Its DTSTART and DTEND (or
  DURATION) become aware datetimes in the user's zone:
  - ``TZID=<IANA name>``, a Windows name ("Eastern Standard Time"), a "globally unique"
    ``/vendor/Area/City`` id, or a custom VTIMEZONE (by its X-LIC-LOCATION, else the IANA
    zone whose offsets match it all year, the user's own zone first) give
    :attr:`Invite.timezone`, the organizer's zone: a hint for the company's time zone;
  - UTC ("Z") times are instants with no zone hint;
  - floating times (no zone at all) are wall-clock times in the user's zone.
- An all-day event has no start time: InputError, unless ``need_times`` is False (the user
  gave ``--start``), in which case start and end are None.
- ATTENDEEs become interviewer candidates, except the user (by email, else by name),
  rooms and resources (CUTYPE=ROOM, RESOURCE or GROUP) and calendar-service addresses.
  With no attendee left, the organizer is the candidate (a hiring manager's own invite).
- The organizer's email domain hints at the company unless it is a personal mailbox
  (gmail.com, outlook.com...) or a service (calendar.google.com, calendly.com...); then the
  attendees' most common company domain is used.
- A Zoom, Teams, Meet or Webex link anywhere in the event hints ``format=video`` and is
  :attr:`Invite.meeting_url` (at most ``validate.MAX_URL`` characters; a longer one is
  ignored with a warning).
- :attr:`Invite.location` fits the location column (``validate.MAX_LINE`` characters): the
  LOCATION property, else the meeting link when it is that short. A longer LOCATION is
  shortened (with a warning), unless it is the meeting link: a cut link is useless, so
  the location is then None and the link is left to the caller (``record`` puts it in
  the interview's notes).
- An unreadable, empty, non-UTF-8, corrupt or VEVENT-less file is an InputError naming
  ``--from-ics`` and saying what to do instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from followup.domain import validate, when
from followup.errors import InputError

FIELD = "--from-ics"
#: Invitations are a few kilobytes; anything this large is not one.
MAX_BYTES = 5_000_000

_FIX = (
    "Export the invitation again from your calendar (the .ics attached to the email), "
    "or give --start and --end instead."
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PERSONAL_DOMAINS = frozenset(
    _words(
        """gmail.com googlemail.com outlook.com hotmail.com hotmail.co.uk live.com msn.com
        yahoo.com yahoo.co.uk ymail.com icloud.com me.com mac.com aol.com proton.me pm.me
        protonmail.com gmx.com gmx.de gmx.net web.de yandex.com yandex.ru mail.com zoho.com
        fastmail.com hey.com tutanota.com qq.com 163.com naver.com"""
    )
)
SERVICE_DOMAINS = frozenset(
    _words(
        """calendar.google.com group.calendar.google.com resource.calendar.google.com
        calendly.com greenhouse.io lever.co ashbyhq.com goodtime.io myworkday.com workday.com
        smartrecruiters.com icims.com zoom.us teams.microsoft.com calendar.yahoo.com"""
    )
)
_ROOM_KINDS = frozenset({"ROOM", "RESOURCE", "GROUP"})
_MEETING = re.compile(
    r"https?://[^\s<>\"'()]*(?:zoom\.us|zoomgov\.com|teams\.microsoft\.com|teams\.live\.com"
    r"|meet\.google\.com|webex\.com)[^\s<>\"'()]*",
    re.IGNORECASE,
)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc"})
#: Tried first when matching a custom VTIMEZONE by its offsets: the zones people mean.
_LIKELY_ZONES = _words(
    """America/New_York America/Chicago America/Denver America/Phoenix America/Los_Angeles
    America/Anchorage Pacific/Honolulu America/Toronto America/Vancouver America/Sao_Paulo
    America/Mexico_City Europe/London Europe/Dublin Europe/Lisbon Europe/Paris Europe/Berlin
    Europe/Madrid Europe/Amsterdam Europe/Athens Europe/Helsinki Europe/Moscow Asia/Dubai
    Asia/Kolkata Asia/Singapore Asia/Shanghai Asia/Tokyo Asia/Seoul Australia/Sydney
    Australia/Perth Pacific/Auckland Africa/Johannesburg Africa/Lagos UTC"""
)


@dataclass(frozen=True, slots=True)
class Attendee:
    """A person on the invitation: a display name and, when known, a valid email."""

    name: str
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Invite:
    """What an invitation says about an interview. Times are aware, in the user's zone."""

    start: datetime | None
    end: datetime | None
    timezone: str | None = None
    summary: str | None = None
    location: str | None = None
    attendees: tuple[Attendee, ...] = ()
    organizer: Attendee | None = None
    company_domain: str | None = None
    company_hint: str | None = None
    meeting_url: str | None = None
    format_hint: str | None = None
    warnings: tuple[str, ...] = field(default=())


def read_invite(
    path: str | Path,
    *,
    zone: str,
    user_emails: Collection[str] = (),
    user_name: str | None = None,
    need_times: bool = True,
) -> Invite:
    """Read the invitation at ``path``; ``zone`` is the user's IANA zone (see module doc)."""
    text = _read_text(Path(path))
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(text)
        events = calendar.walk("VEVENT")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise InputError(FIELD, f"{path} is not a valid calendar file ({exc}).", fix=_FIX) from None
    if not events:
        raise InputError(FIELD, f"{path} holds no event (VEVENT).", fix=_FIX)
    try:
        return _invite(calendar, events, zone, user_emails, user_name, need_times)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, OverflowError) as exc:
        # icalendar raises these for properties it cannot read (a DTSTART of "soon");
        # OverflowError: a time in year 1 or 9999 that cannot be converted to UTC.
        raise InputError(FIELD, f"{path} has a broken event ({exc}).", fix=_FIX) from None


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:  # not even read: it is not an invitation
            raise InputError(FIELD, f"{path} is too large for an invitation.", fix=_FIX)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            FIELD, f"cannot read {path}: {exc.strerror or exc}.", fix="Check the file's path."
        ) from None
    if not data.strip():
        raise InputError(FIELD, f"{path} is empty.", fix=_FIX)
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        raise InputError(
            FIELD, f"{path} is not UTF-8 text, as iCalendar files must be.", fix=_FIX
        ) from None


def _invite(
    calendar: Any,
    events: list[Any],
    zone: str,
    user_emails: Collection[str],
    user_name: str | None,
    need_times: bool,
) -> Invite:
    event = events[0]
    warnings: list[str] = []
    if len(events) > 1:
        warnings.append(f"the file holds {len(events)} events; the first one was used.")
    if str(calendar.get("METHOD", "")).upper() == "CANCEL" or (
        str(event.get("STATUS", "")).upper() == "CANCELLED"
    ):
        warnings.append("the invitation is a cancellation.")
    vtimezones = {str(tz.get("TZID", "")): tz for tz in calendar.walk("VTIMEZONE")}
    start, tz_hint = _moment(event.get("DTSTART"), "DTSTART", zone, vtimezones, warnings)
    if start is None:
        if need_times:
            raise InputError(
                FIELD,
                "the event is an all-day event or has no start time; an interview needs one.",
                fix="Give --start (and --end) with --from-ics, e.g. --start 2026-11-20T14:00.",
            )
        end = None
    else:
        end = _end(event, start, zone, vtimezones, warnings)
    mine = {e.casefold() for e in user_emails if e}
    me = (user_name or "").casefold()
    people = [
        p
        for p in _people(_as_list(event.get("ATTENDEE")), warnings)
        if not (p.email and p.email.casefold() in mine) and p.name.casefold() != me
    ]
    organizer = next(iter(_people(_as_list(event.get("ORGANIZER")), warnings)), None)
    if organizer and organizer.email and organizer.email.casefold() in mine:
        organizer = None
    if not people and organizer and _company_domain(organizer.email):
        people = [organizer]
    domain = _company_domain(organizer.email if organizer else None) or _common_domain(people)
    url = _meeting_url(event, warnings)
    return Invite(
        start=start,
        end=end,
        timezone=tz_hint,
        summary=_one_line(event.get("SUMMARY")),
        location=_location(event.get("LOCATION"), url, warnings),
        attendees=tuple(_unique(people)),
        organizer=organizer,
        company_domain=domain,
        company_hint=company_from_domain(domain) if domain else None,
        meeting_url=url,
        format_hint="video" if url else None,
        warnings=tuple(warnings),
    )


# Times ------------------------------------------------------------------------------------


def _moment(
    prop: Any, name: str, zone: str, vtimezones: dict[str, Any], warnings: list[str]
) -> tuple[datetime | None, str | None]:
    """A DTSTART/DTEND as an aware datetime in ``zone``, and the IANA zone it was given in."""
    if prop is None:
        return None, None
    value = prop.dt
    if not isinstance(value, datetime):
        if isinstance(value, date):
            return None, None
        raise ValueError(f"{name} is not a date-time")
    user = ZoneInfo(zone)
    tzid = str(prop.params.get("TZID") or "") or None
    if tzid is None:
        if value.tzinfo is None:  # floating: the user's wall clock
            return when.localize(FIELD, value, zone), None
        return value.astimezone(user), None  # UTC ("Z")
    iana = iana_zone(tzid, value, vtimezones.get(tzid), prefer=zone)
    if iana is None:
        warnings.append(f"unknown time zone {tzid!r} in {name}; its times were read as {zone}.")
        if value.tzinfo is None:
            return when.localize(FIELD, value, zone), None
        return value.astimezone(user), None
    if value.tzinfo is None:
        return when.localize(FIELD, value, iana).astimezone(user), iana
    return value.astimezone(user), iana


def _end(
    event: Any, start: datetime, zone: str, vtimezones: dict[str, Any], warnings: list[str]
) -> datetime | None:
    end, _ = _moment(event.get("DTEND"), "DTEND", zone, vtimezones, warnings)
    if end is None and event.get("DURATION") is not None:
        length = event.get("DURATION").dt
        if isinstance(length, timedelta):
            end = when.add_duration(start, length)  # elapsed time, across a DST change too
    if end is not None and when.duration(start, end) <= timedelta(0):
        warnings.append("the event ends before it starts; its end was ignored.")
        return None
    return end


def iana_zone(
    tzid: str, value: datetime, vtimezone: Any | None = None, *, prefer: str | None = None
) -> str | None:
    """The IANA name for an invitation's TZID, checked against the offset it gives ``value``."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    cleaned = tzid.strip().strip("/")
    candidates = [cleaned]
    candidates += ["/".join(cleaned.split("/")[i:]) for i in range(1, cleaned.count("/"))]
    candidates.append(WINDOWS_TO_OLSON.get(cleaned, ""))
    if vtimezone is not None:
        candidates.append(str(vtimezone.get("X-LIC-LOCATION", "")))
    known = _zones()
    for name in candidates:
        if name in known and _same_offset(ZoneInfo(name), value):
            return name
    if value.tzinfo is None:
        return None
    # A custom VTIMEZONE: the zone whose offsets agree with it around the year.
    samples = [value] + [
        datetime(value.year, month, day, 12, tzinfo=UTC)
        for month in range(1, 13)
        for day in (1, 15)
    ]
    wanted = [s.astimezone(value.tzinfo).utcoffset() for s in samples]
    order = [prefer or "", *_LIKELY_ZONES, *sorted(known)]
    for name in order:
        if name in known and ("/" in name or name == "UTC"):
            tz = ZoneInfo(name)
            if [s.astimezone(tz).utcoffset() for s in samples] == wanted:
                return name
    return None


def _same_offset(tz: ZoneInfo, value: datetime) -> bool:
    if value.tzinfo is None:
        return True
    return value.replace(tzinfo=None).replace(tzinfo=tz).utcoffset() == value.utcoffset()


def _zones() -> frozenset[str]:
    return frozenset(available_timezones()) | {"UTC"}


# People and hints ---------------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _people(addresses: Iterable[Any], warnings: list[str]) -> list[Attendee]:
    out = []
    for address in addresses:
        params = getattr(address, "params", {})
        if str(params.get("CUTYPE", "")).upper() in _ROOM_KINDS:
            continue
        raw = str(address).strip()
        raw = raw[7:] if raw.lower().startswith("mailto:") else raw
        email = None
        if raw:
            try:
                email = validate.email(FIELD, raw)
            except InputError:
                warnings.append(f"skipped the malformed address {raw[:80]!r}.")
        if email and _is_service(email.rsplit("@", 1)[1].lower()):
            continue
        name = _one_line(params.get("CN"))
        if not name or "@" in name:
            name = _name_from_email(email) if email else None
        if name:
            out.append(Attendee(name=name, email=email))
    return out


def _unique(people: list[Attendee]) -> list[Attendee]:
    seen: set[str] = set()
    out = []
    for person in people:
        key = (person.email or person.name).casefold()
        if key not in seen:
            seen.add(key)
            out.append(person)
    return out


def _name_from_email(email: str) -> str:
    """dana.rivera@acme.com -> Dana Rivera (a readable default; the user can edit it)."""
    local = email.split("@", 1)[0].split("+", 1)[0]
    words = [w for w in re.split(r"[._-]+", local) if w]
    return " ".join(w.capitalize() for w in words) or local


def _is_service(domain: str) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in SERVICE_DOMAINS)


def _company_domain(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    domain = email.rsplit("@", 1)[1].lower()
    if domain in PERSONAL_DOMAINS or _is_service(domain):
        return None
    return domain


def _common_domain(people: list[Attendee]) -> str | None:
    counts = Counter(d for p in people if (d := _company_domain(p.email)))
    return counts.most_common(1)[0][0] if counts else None


def company_from_domain(domain: str) -> str:
    """A readable company name from a domain: mail.acme-analytics.co.uk -> Acme Analytics."""
    labels = domain.lower().split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        label = labels[-3]
    else:
        label = labels[-2] if len(labels) >= 2 else labels[0]
    return " ".join(w.capitalize() for w in re.split(r"[-_]+", label) if w) or domain


def _meeting_url(event: Any, warnings: list[str]) -> str | None:
    for name in ("CONFERENCE", "X-GOOGLE-CONFERENCE", "URL", "LOCATION", "DESCRIPTION"):
        for value in _as_list(event.get(name)):
            found = _MEETING.search(str(value))
            if found:
                link = found.group(0).rstrip(".,;:>")
                if len(link) <= validate.MAX_URL:
                    return link
                warnings.append(
                    f"a meeting link of {len(link):,} characters was ignored (the limit is "
                    f"{validate.MAX_URL:,})."
                )
    return None


def _location(value: Any, url: str | None, warnings: list[str]) -> str | None:
    """The location as the module doc says: at most MAX_LINE characters, never a cut link."""
    text = _one_line(value, limit=None)
    if text is None:
        return url if url and len(url) <= validate.MAX_LINE else None
    if len(text) <= validate.MAX_LINE:
        return text
    if url and url in text:
        return url if len(url) <= validate.MAX_LINE else None
    warnings.append(f"the location was shortened to {validate.MAX_LINE} characters.")
    return text[: validate.MAX_LINE - 1].rstrip() + "…"


def _one_line(value: Any, *, limit: int | None = validate.MAX_LINE) -> str | None:
    """A property's text on one line, without control characters, cut at ``limit``."""
    if value is None:
        return None
    text = re.sub(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+", " ", str(value))
    text = " ".join(text.split()).strip("\"'")
    return text[:limit].strip() or None
