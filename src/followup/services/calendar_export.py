"""The follow-ups still to do as a calendar: `followup calendar export`, and the web's feed.

:func:`feed` is the one code path: the command writes what it returns to a file, the web
app will serve it as a subscribable feed. It

- checks every option first (nothing is re-planned or written on bad input);
- re-plans (as `followup due` does) unless ``refresh`` is False, so the calendar shows the
  plan as of now;
- writes one item per pending step (planned, drafted, scheduled), in the profile's time
  zone, with the reason, the `followup draft` command (for a scheduled step instead: it is
  in the outbox, and when it goes out), the `followup done` command, and an alarm
  ``alarm`` minutes before the target (None: no alarm);
- keeps the steps settled (done, sent, skipped, cancelled) in the last
  :data:`FINISHED_DAYS` days, as cancelled events or completed / cancelled to-dos, so a
  calendar that imported them before removes or ticks them off on the next import. Older
  ones are left out: a re-import leaves what the calendar already has, and the file stays
  small however long the search. A deleted application's steps cannot be settled this way.

UIDs are the follow-up rows' own uids (``<uid>@followup``), stable for the life of the
row. SEQUENCE counts the seconds from the row's creation to its last change (or its
application's: a new company name shows too), so it grows with every change and never
goes backwards; LAST-MODIFIED is that change.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from followup.domain.model import PENDING, Application, Contact, FollowUp, MessageStatus
from followup.errors import InputError
from followup.services.context import AppContext

if TYPE_CHECKING:
    from followup.adapters.calendar.feed import Entry
    from followup.adapters.store.store import Store

AS_CHOICES: tuple[str, ...] = ("events", "todos")
#: Settled steps stay in the calendar this long, so a re-import removes or ticks them.
FINISHED_DAYS = 30
#: The length of a step that has a target and no window.
DEFAULT_LENGTH = timedelta(minutes=30)
MAX_DAYS = 36_500
#: Four weeks, in minutes: an earlier reminder is no reminder.
MAX_ALARM = 40_320
STDIO = "-"


class Feed(bytes):
    """The bytes of a .ics file, and how many steps it holds (for the command's notes)."""

    pending: int
    finished: int
    #: Pending steps with no time at all: not in the calendar.
    untimed: int

    def __new__(cls, data: bytes, pending: int, finished: int, untimed: int) -> Feed:
        """The calendar ``data`` with its counts."""
        made = super().__new__(cls, data)
        made.pending, made.finished, made.untimed = pending, finished, untimed
        return made


@dataclass(frozen=True, slots=True)
class _Stamp:
    uid: str
    created: datetime
    modified: datetime


def feed(
    ctx: AppContext,
    *,
    as_: str = "events",
    days: int | None = None,
    application: int | None = None,
    alarm: int | None = 0,
    refresh: bool = True,
) -> Feed:
    """The calendar of the profile's follow-ups (see the module doc); InputError on bad input."""
    profile = ctx.profile()
    check_options(as_=as_, days=days, alarm=alarm)
    store = ctx.store
    assert profile.id is not None
    apps = {a.id: a for a in store.applications(profile.id)}
    if application is not None and application not in apps:
        raise InputError(
            "--application",
            f"no application with ID {application}.",
            fix="Run `followup list` to see the IDs, or leave --application out.",
        )
    if refresh:
        from followup.services.plan import due, replan

        if application is None:
            due(ctx)
        else:
            replan(ctx, application, profile=profile)
        apps = {a.id: a for a in store.applications(profile.id)}
    now = ctx.clock()
    zone = profile.timezone
    until = None if days is None else now + timedelta(days=days)
    settled_since = now - timedelta(days=FINISHED_DAYS)
    stamps = _stamps(store, profile.id)
    queued = _queued(store, profile.id)
    entries: list[Entry] = []
    people: dict[int, Contact] = {}  # a panel's members recur in every step: read once
    pending = finished = untimed = 0
    for row in store.followups(profile_id=profile.id):
        if application is not None and row.application_id != application:
            continue
        stamp = stamps[row.id or 0]
        if row.status in PENDING:
            when = row.target or row.earliest or row.latest
            if when is None:
                untimed += 1
                continue
            if until is not None and when > until:
                continue
            pending += 1
        elif stamp.modified >= settled_since:
            finished += 1
        else:
            continue
        contact = None
        if row.recipient_id is not None:
            if row.recipient_id not in people:
                people[row.recipient_id] = store.get_contact(row.recipient_id)
            contact = people[row.recipient_id]
        waiting = queued.get(row.id or 0, ())
        entries.append(
            _entry(row, apps[row.application_id], contact, stamp, zone, alarm, waiting, now)
        )
    from followup.adapters.calendar.feed import to_ical

    data = to_ical(
        entries, zone=zone, now=now, todos=as_ == "todos", name=f"Follow-ups ({profile.name})"
    )
    return Feed(data, pending, finished, untimed)


def check_options(*, as_: str, days: int | None, alarm: int | None) -> None:
    """InputError naming the option for a value :func:`feed` cannot use."""
    if as_ not in AS_CHOICES:
        raise InputError(
            "--as",
            f"{as_!r} is not one of: {', '.join(AS_CHOICES)}.",
            fix="Use --as events (every calendar app) or --as todos (task apps).",
        )
    if days is not None and not 0 <= days <= MAX_DAYS:
        raise InputError(
            "--days",
            f"{days} is not a number of days from 0 to {MAX_DAYS:,}.",
            fix="Give, e.g., --days 14, or leave --days out for every pending step.",
        )
    if alarm is not None and not 0 <= alarm <= MAX_ALARM:
        raise InputError(
            "--alarm",
            f"{alarm} is not a number of minutes from 0 to {MAX_ALARM:,} (four weeks).",
            fix="Give, e.g., --alarm 30 for half an hour before the target, or --no-alarm.",
        )


def check_target(target: str) -> Path | None:
    """The file to write (None: standard output); InputError if it cannot be written."""
    if target == STDIO:
        return None
    path = Path(target).expanduser()
    fix = "Give a file in a directory you can write to, e.g. ~/followups.ics, or - for stdout."
    if path.is_dir():
        raise InputError("FILE", f"{path} is a directory.", fix=fix)
    parent = path.parent
    if not parent.is_dir():
        raise InputError("FILE", f"the directory {parent} does not exist.", fix=fix)
    if not os.access(parent, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError("FILE", f"{path} cannot be written (permission denied).", fix=fix)
    return path


def export(
    ctx: AppContext,
    target: str,
    *,
    as_: str = "events",
    days: int | None = None,
    application: int | None = None,
    alarm: int | None = 0,
    refresh: bool = True,
) -> tuple[Path | None, Feed]:
    """Write :func:`feed` to ``target`` atomically (a crash leaves the old file or the new).

    ``target`` ``-`` returns the feed unwritten, for the caller to print. The path is
    checked before anything is re-planned.
    """
    path = check_target(target)
    made = feed(ctx, as_=as_, days=days, application=application, alarm=alarm, refresh=refresh)
    if path is not None:
        from followup.services.backup import write_atomically

        # CRLF line ends pass through: write_atomically never translates newlines.
        write_atomically(path, made.decode("utf-8"))
    return path, made


# Rows to entries ----------------------------------------------------------------------------


def _stamps(store: Store, profile_id: int) -> dict[int, _Stamp]:
    """Each follow-up's uid, creation, and last change (its own, or its application's)."""
    return {
        ident: _Stamp(f"{uid}@followup", created, changed)
        for ident, (uid, created, changed) in store.followup_stamps(profile_id).items()
    }


def _queued(store: Store, profile_id: int) -> dict[int, list[tuple[int, datetime | None]]]:
    """The messages in the outbox (scheduled, or being sent), by their step: number, time."""
    by_step: dict[int, list[tuple[int, datetime | None]]] = {}
    waiting = (MessageStatus.SCHEDULED, MessageStatus.SENDING)
    for r in store.outbox(profile_id, waiting):
        by_step.setdefault(r.message.followup_id, []).append((r.message.id or 0, r.message.send_at))
    return by_step


def _entry(
    row: FollowUp,
    app: Application,
    contact: Contact | None,
    stamp: _Stamp,
    zone: str,
    alarm: int | None,
    queued: Sequence[tuple[int, datetime | None]],
    now: datetime,
) -> Entry:
    from followup.adapters.calendar.feed import Entry, description, state_of, summary

    who = contact.name if contact is not None else None
    start = row.earliest or row.target or row.latest
    assert start is not None
    end = row.latest or row.target
    if end is None or end <= start:
        end = start + DEFAULT_LENGTH
    target = row.target or start
    theirs = (contact.timezone if contact else None) or app.company_timezone
    return Entry(
        uid=stamp.uid,
        summary=summary(row, who, app.company, app.role),
        description=description(row, app.id, who, theirs, zone, queued=queued, now=now),
        start=start,
        end=end,
        state=state_of(row.status),
        sequence=max(0, int((stamp.modified - stamp.created).total_seconds())),
        modified=stamp.modified,
        alarm_at=None if alarm is None else target - timedelta(minutes=alarm),
        done_at=row.done_at,
    )
