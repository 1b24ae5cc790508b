"""Write follow-ups as an iCalendar (RFC 5545) file: events or to-dos, with alarms.

Contract of :func:`to_ical`:

- One VEVENT (or VTODO) per :class:`Entry`. Its UID is the entry's, so a calendar that
  imports the file again (or polls it as a subscription) updates the item instead of adding
  a second one; SEQUENCE and LAST-MODIFIED come from the entry, DTSTAMP is ``now``.
- Times are written in ``zone`` (an IANA name) with its VTIMEZONE in the file, covering a
  year either side of the items, so every client shows the same wall-clock time, also
  across a daylight-saving change; a zone of UTC writes UTC times ("Z").
- An event spans the entry's window (start..end) and is "free" time (TRANSP:TRANSPARENT):
  a reminder to act, not a meeting. A to-do has DTSTART at the window's start and DUE at
  its end.
- A pending entry with ``alarm_at`` gets a VALARM (ACTION:DISPLAY) triggered that long
  after the start; a finished one has none.
- Finished entries stay in the file so a re-import settles them: an event is
  STATUS:CANCELLED; a to-do is COMPLETED (done) or CANCELLED (skipped, cancelled).
- Text is escaped and lines folded at 75 octets, with CRLF line ends, by icalendar.

:func:`summary` and :func:`description` say what a follow-up's item says.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from followup.domain.model import (
    OWN_KINDS,
    PENDING,
    Channel,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
)

if TYPE_CHECKING:
    import icalendar

PRODID = "-//followup//calendar export//EN"
#: How much of the time zone's rules the VTIMEZONE carries beyond the items.
_ZONE_MARGIN = timedelta(days=366)
#: Subscribed calendars poll at most this often (RFC 7986 REFRESH-INTERVAL).
REFRESH = timedelta(hours=1)  # X-PUBLISHED-TTL below says the same: PT1H


class State(StrEnum):
    """Where an entry stands, as a calendar can say it."""

    PLANNED = "planned"
    #: Drafted or scheduled: work has started (IN-PROCESS for a to-do).
    STARTED = "started"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def pending(self) -> bool:
        """True while the entry still waits for the user."""
        return self in (State.PLANNED, State.STARTED)


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of the calendar. Datetimes are aware; ``end`` is after ``start``."""

    uid: str
    summary: str
    description: str
    start: datetime
    end: datetime
    state: State
    sequence: int
    modified: datetime
    alarm_at: datetime | None = None
    done_at: datetime | None = None


def to_ical(
    entries: Sequence[Entry],
    *,
    zone: str,
    now: datetime,
    todos: bool = False,
    name: str = "Follow-ups",
) -> bytes:
    """The calendar holding ``entries`` (see the module doc), as the bytes of a .ics file."""
    import icalendar

    tz = ZoneInfo(zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")  # Outlook's and Apple's older spelling of the same
    stamp = now.astimezone(UTC)
    for entry in entries:
        calendar.add_component(_item(entry, tz, stamp, todos))
    if entries and not _is_utc(tz):
        moments = [m for e in entries for m in (e.start, e.end)]
        first = min(moments).astimezone(tz).date() - _ZONE_MARGIN
        last = max(moments).astimezone(tz).date() + _ZONE_MARGIN
        calendar.add_missing_timezones(first_date=max(first, date(1971, 1, 1)), last_date=last)
    data: bytes = calendar.to_ical()
    return data


def _item(entry: Entry, tz: ZoneInfo, stamp: datetime, todos: bool) -> icalendar.Component:
    import icalendar

    item = icalendar.Todo() if todos else icalendar.Event()
    item.add("uid", entry.uid)
    item.add("dtstamp", stamp)
    item.add("last-modified", entry.modified.astimezone(UTC))
    item.add("sequence", entry.sequence)
    item.add("summary", entry.summary)
    item.add("description", entry.description)
    item.add("dtstart", _local(entry.start, tz))
    if todos:
        item.add("due", _local(entry.end, tz))
        item.add("status", _todo_status(entry.state))
        if entry.state is State.DONE:
            item.add("percent-complete", 100)
            item.add("completed", (entry.done_at or entry.modified).astimezone(UTC))
    else:
        item.add("dtend", _local(entry.end, tz))
        item.add("transp", "TRANSPARENT")
        item.add("status", "CONFIRMED" if entry.state.pending else "CANCELLED")
    if entry.state.pending and entry.alarm_at is not None:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.summary)
        # Relative to the start (RFC 5545's default, read by every client); it may be after
        # the start, since the reminder falls inside the window, at the target.
        alarm.add("trigger", entry.alarm_at - entry.start)
        item.add_component(alarm)
    return item


def _todo_status(state: State) -> str:
    return {
        State.PLANNED: "NEEDS-ACTION",
        State.STARTED: "IN-PROCESS",
        State.DONE: "COMPLETED",
        State.CANCELLED: "CANCELLED",
    }[state]


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(UTC if _is_utc(tz) else tz)


def _is_utc(tz: ZoneInfo) -> bool:
    return tz.key in ("UTC", "Etc/UTC", "Etc/UCT", "Etc/Zulu", "UCT", "Zulu", "Etc/GMT", "GMT")


# What an item says ---------------------------------------------------------------------------

_WHAT = {
    FollowUpKind.REFLECTION: "Reflect on the interview",
    FollowUpKind.THANK_YOU: "Thank-you note to {who}",
    FollowUpKind.PANEL_NOTE: "Panel note to {who}",
    FollowUpKind.LINKEDIN: "LinkedIn request to {who}",
    FollowUpKind.CHECK_IN: "Check-in with {who}",
    FollowUpKind.CLOSE_THE_LOOP: "Close-the-loop note to {who}",
    FollowUpKind.AVAILABILITY_REQUEST: "Ask {who} for a time to call",
    FollowUpKind.CALL: "Call {who}",
    FollowUpKind.ADDITIONAL_INFO: "Additional information to {who}",
    FollowUpKind.ADDRESS_CONCERN: "Note on a concern to {who}",
    FollowUpKind.KEEP_APPLYING: "Keep applying",
}
#: Kinds of which a panel has one per person: the commands name the person (`--to`), as
#: `followup due` prints them.
_PER_PERSON = frozenset({FollowUpKind.THANK_YOU, FollowUpKind.PANEL_NOTE, FollowUpKind.LINKEDIN})


def summary(step: FollowUp, who: str | None, company: str, role: str) -> str:
    """One line: "Thank-you note to Dana Rivera — Acme (Data Analyst)"."""
    text = _WHAT[step.kind].format(who=who or "the hiring team")
    if step.kind is FollowUpKind.CHECK_IN and step.number > 1:
        text = text.replace("Check-in", f"Check-in {step.number}", 1)
    by = step.channel in (Channel.PHONE, Channel.MAIL, Channel.LINKEDIN)
    if by and step.kind not in (FollowUpKind.LINKEDIN, FollowUpKind.CALL):
        text += f" by {step.channel.value}"
    return f"{text} — {company} ({role})"


def description(
    step: FollowUp,
    application_id: int | None,
    who: str | None,
    theirs: str | None,
    zone: str,
    *,
    queued: Sequence[tuple[int, datetime | None]] = (),
    now: datetime | None = None,
) -> str:
    """The reason, the target (on their clock too), and the commands that draft and settle it.

    ``theirs`` is the recipient's zone, ``zone`` the user's. A scheduled step's message is
    written and waits in the outbox: ``queued`` (its messages' numbers and send times)
    replaces "Draft it" (drafting again would only make a second one) with when each goes
    out, or was due as of ``now`` (the file is read later than it is written).
    """
    tz = ZoneInfo(zone)
    lines = [step.reason] if step.reason else []
    if step.status not in PENDING:
        when = f" {_clock(step.done_at, tz)}" if step.done_at else ""
        lines.append(f"{step.status.value.capitalize()}{when}: nothing left to do.")
        return "\n".join(lines)
    if step.target is not None:
        lines.append(f"Target: {_clock(step.target, tz)}.")
        if theirs and theirs != zone:
            lines.append(f"On their clock: {_clock(step.target, ZoneInfo(theirs))} ({theirs}).")
    # shlex.quote: the line pastes into a shell as it is, an apostrophe in a name included.
    to = f" --to {shlex.quote(who)}" if who and step.kind in _PER_PERSON else ""
    if step.status is FollowUpStatus.SCHEDULED:
        lines.append(_in_outbox(queued, now, tz))
    elif step.kind not in OWN_KINDS:
        lines.append(f"Draft it: followup draft {application_id} --kind {step.kind.value}{to}")
    lines.append(f"Done? followup done {application_id} {step.kind.value}{to}")
    return "\n".join(lines)


def _in_outbox(
    queued: Sequence[tuple[int, datetime | None]], now: datetime | None, tz: ZoneInfo
) -> str:
    """The line of a scheduled step: its messages in the outbox and when they go out."""
    timed = [(number, at) for number, at in queued if at is not None]
    if not timed:
        return "In the outbox: `followup outbox` shows when it goes out."
    late = [at for _, at in timed if now is not None and at <= now]
    said = ", ".join(
        f"#{number} {'was due' if at in late else 'goes out'} {_clock(at, tz)}"
        for number, at in timed
    )
    line = f"In the outbox: {said}; `followup outbox` shows it."
    if late:
        line += " `followup outbox --send` sends what is due (or a running `followup watch`)."
    return line


def state_of(status: FollowUpStatus) -> State:
    """A follow-up's status as a calendar item's state."""
    if status is FollowUpStatus.PLANNED:
        return State.PLANNED
    if status in PENDING:
        return State.STARTED
    if status in (FollowUpStatus.DONE, FollowUpStatus.SENT):
        return State.DONE
    return State.CANCELLED


def _clock(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{local:%a %d %b %Y %H:%M} {local.tzname() or ''}".rstrip()
