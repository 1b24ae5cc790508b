"""The stateless plan: `followup plan --context CONTEXT.json --now ISO-8601 --format json`.

A public contract (DESIGN.md): scripts and evaluations depend on it, so the output keeps
exactly this shape::

    {"followups": [{"kind", "recipient", "channel", "earliest", "target", "latest",
                    "rule", "reason", "status"}]}

times ISO 8601 with their offset, in the recipient's zone (the user's for their own
steps); status ``planned``, ``done`` (matched by ``previous_followups``) or ``cancelled``.

CONTEXT.json is the check contract's file (every field optional) plus ``industry``,
``culture``, ``preferred_channel``, ``company_country``, ``company_timezone``,
``user_timezone``, ``replies`` ([{"at", "decision_date"?}]), ``outcome`` and, per
interviewer, ``topics`` and ``timezone``. Two extras of ours: ``previous_followups[].to``
(the recipient's name; without it a follow-up counts for every recipient of its kind) and
``active_applications`` (default 1: the file describes one application, so as far as we
know the pipeline is that thin). Unknown keys are ignored, for the check contract's keys
share the file and later versions may add more.

Defaults where the file is silent: the interview ends ``interview_minutes`` (a setting)
after its start, or started that long before its end; its zone is ``company_timezone``,
else ``user_timezone``, else the whole-hour offset of its times as ``Etc/GMT±N``, else
UTC; the round is ``first``; the company is "the company", the role "the role"; the user
is ``sender_name`` (else "you") in ``user_timezone`` (else the ``timezone`` setting).

Every bad input is an InputError (exit 2) naming the field as ``context.<path>``
(``context.interviewers[2].timezone``, counted from 0 as in JSON) and the fix; nothing is
printed on stdout. Pure apart from reading the file: no database, no clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.domain import validate
from followup.domain.model import (
    OUTCOMES,
    Application,
    Channel,
    Concern,
    Contact,
    Culture,
    FollowUpKind,
    Format,
    Interview,
    Interviewer,
    Profile,
    Round,
    Status,
)
from followup.domain.when import duration
from followup.errors import InputError
from followup.services import context_file as cf

if TYPE_CHECKING:
    from followup.domain.policy.types import Done, Heard, Record, Step
    from followup.services.context import AppContext

#: The most interviewers on one interview (a panel of 50 is already no panel).
MAX_PEOPLE = 50
#: The most previous follow-ups or replies in one context.
MAX_HISTORY = 1_000
#: The most active applications a context may claim.
MAX_ACTIVE = 1_000_000
#: The kinds `previous_followups` may name: the plan contract's and the check contract's.
KINDS: tuple[FollowUpKind, ...] = tuple(k for k in FollowUpKind if k != "address-concern")
#: The channels a hiring team may prefer (``self`` is the user's own steps).
CHANNELS: tuple[Channel, ...] = tuple(c for c in Channel if c is not Channel.SELF)


def plan_from_file(ctx: AppContext, path: str, now_text: str | None) -> dict[str, Any]:
    """The contract's JSON: the plan of the context in ``path`` (``-``: stdin) at ``now_text``.

    ``now_text`` None means the invocation's clock (FOLLOWUP_NOW pins it); the contract
    always passes ``--now``, which keeps the answer reproducible.
    """
    from followup.domain.policy import plan
    from followup.services.policy_settings import policy_settings

    now = ctx.clock() if now_text is None else cf.instant("--now", now_text)
    data = cf.read_context(path)
    record = context_record(
        data, timezone=ctx.settings["timezone"], minutes=ctx.settings["interview_minutes"]
    )
    result = plan(record, now, policy_settings(ctx.settings))
    return {"followups": [step_json(step) for step in result.steps]}


def step_json(step: Step) -> dict[str, Any]:
    """One step in the contract's shape (exactly these keys, in this order)."""
    return {
        "kind": step.kind.value,
        "recipient": step.recipient,
        "channel": step.channel.value,
        "earliest": step.earliest.isoformat(),
        "target": step.target.isoformat(),
        "latest": step.latest.isoformat(),
        "rule": step.rule,
        "reason": step.reason,
        "status": step.status.value,
    }


# The record ------------------------------------------------------------------------------


def context_record(data: dict[str, Any], *, timezone: str, minutes: int) -> Record:
    """The planner's Record for one context (see the module doc for the defaults)."""
    from followup.domain.policy.types import Record

    company_zone = cf.zone(data, "company_timezone")
    user_zone = cf.zone(data, "user_timezone")
    people = _interviewers(data)
    start, end = _times(data, minutes)
    zone_name = company_zone or user_zone or _offset_zone(end)
    zone = ZoneInfo(zone_name)
    interview = Interview(
        application_id=None,
        start=start.astimezone(zone),
        end=end.astimezone(zone),
        timezone=zone_name,
        round=cf.choice(data, "round", Round) or Round.FIRST,
        format=Format.PANEL if len(people) > 1 else Format.VIDEO,
        interviewers=people,
        topics=cf.lines(data, "topics", "context.topics"),
        concerns=tuple(Concern(c) for c in cf.lines(data, "concerns", "context.concerns")),
        decision_date=cf.day(data, "decision_date", "context.decision_date"),
    )
    outcome = cf.choice(data, "outcome", Status, OUTCOMES)
    application = Application(
        company=cf.line(data, "company", "context.company") or "the company",
        role=cf.line(data, "role", "context.role") or "the role",
        industry=cf.line(data, "industry", "context.industry"),
        culture=cf.choice(data, "culture", Culture) or Culture.NEUTRAL,
        company_timezone=company_zone,
        company_country=validate.country(
            "context.company_country", cf.get(data, "company_country", "context", str)
        ),
        preferred_channel=cf.choice(data, "preferred_channel", Channel, CHANNELS),
        status=outcome or Status.INTERVIEWING,
    )
    profile = Profile(
        name=cf.line(data, "sender_name", "context.sender_name") or "you",
        timezone=user_zone or timezone,
    )
    return Record(
        application=application,
        interviews=(interview,),
        profile=profile,
        done=_previous(data),
        replies=_replies(data),
        active_applications=_active(data),
    )


def _interviewers(data: dict[str, Any]) -> tuple[Interviewer, ...]:
    out: list[Interviewer] = []
    for where, name, person in cf.interviewers(data, "context", MAX_PEOPLE):
        contact = Contact(
            name=name,
            title=cf.line(person, "title", f"{where}.title"),
            email=validate.email(f"{where}.email", cf.get(person, "email", where, str)),
            timezone=cf.zone(person, "timezone", where),
        )
        out.append(Interviewer(contact, cf.lines(person, "topics", f"{where}.topics")))
    return tuple(out)


def _times(data: dict[str, Any], minutes: int) -> tuple[datetime, datetime]:
    """The interview's start and end; one of them may be missing (``minutes`` apart)."""
    raw_start = cf.get(data, "interview_start", "context", str)
    raw_end = cf.get(data, "interview_end", "context", str)
    if raw_start is None and raw_end is None:
        raise InputError(
            "context.interview_end",
            "is required: the plan starts from when the interview ended.",
            fix=f"Give interview_end (and interview_start). {cf.TIME_FIX}",
        )
    length = timedelta(minutes=minutes)
    start = cf.instant("context.interview_start", raw_start) if raw_start is not None else None
    end = cf.instant("context.interview_end", raw_end) if raw_end is not None else None
    if start is None:
        assert end is not None
        return end - length, end
    if end is None:
        return start, start + length
    taken = duration(start, end)
    if taken <= timedelta(0):
        raise InputError(
            "context.interview_end",
            f"{raw_end} is not after interview_start {raw_start}.",
            fix="Give an end after the start.",
        )
    if taken >= timedelta(days=1):
        raise InputError(
            "context.interview_end",
            "is a day or more after interview_start.",
            fix="Plan each day of a multi-day interview as its own context.",
        )
    return start, end


def _offset_zone(moment: datetime) -> str:
    """A zone for a bare offset: Etc/GMT-9 for +09:00 (POSIX signs are inverted), else UTC."""
    offset = moment.utcoffset() or timedelta(0)
    seconds = int(offset.total_seconds())
    hours = seconds // 3600
    if seconds % 3600 or not -12 <= hours <= 14 or hours == 0:
        return "UTC"
    return f"Etc/GMT{-hours:+d}"


def _previous(data: dict[str, Any]) -> tuple[Done, ...]:
    from followup.domain.policy.types import Done

    out = []
    for index, item in enumerate(cf.listing(data, "previous_followups", "context", MAX_HISTORY)):
        where = f"context.previous_followups[{index}]"
        entry = cf.obj(item, where)
        kind = cf.choice(entry, "kind", FollowUpKind, KINDS, where)
        if kind is None:
            raise InputError(
                f"{where}.kind", "is required.", fix=f"Use one of: {', '.join(KINDS)}."
            )
        at = cf.instant(f"{where}.sent_at", cf.get(entry, "sent_at", where, str))
        out.append(Done(kind, at, recipient=cf.line(entry, "to", f"{where}.to")))
    return tuple(out)


def _replies(data: dict[str, Any]) -> tuple[Heard, ...]:
    from followup.domain.policy.types import Heard

    out = []
    for index, item in enumerate(cf.listing(data, "replies", "context", MAX_HISTORY)):
        where = f"context.replies[{index}]"
        entry = cf.obj(item, where)
        at = cf.instant(f"{where}.at", cf.get(entry, "at", where, str))
        day = cf.day(entry, "decision_date", f"{where}.decision_date")
        if day is not None and day < at.date():
            # As `followup replied --decision-date` refuses it: a date they promised to decide
            # by cannot come before they said so (the reply's day on its own clock).
            raise InputError(
                f"{where}.decision_date",
                f"{day.isoformat()} is before the reply ({at.date().isoformat()}).",
                fix="Give the date they said they would decide by, on or after the reply.",
            )
        out.append(Heard(at, day))
    return tuple(out)


def _active(data: dict[str, Any]) -> int:
    value = cf.get(data, "active_applications", "context", int)
    if value is None:
        return 1
    if not 0 <= value <= MAX_ACTIVE:
        shown = str(value)
        if len(shown) > 20:  # 1e300 reads as a whole number of 301 digits
            shown = f"a number of {len(shown.lstrip('-')):,} digits"
        raise InputError(
            "context.active_applications",
            f"{shown} is not between 0 and {MAX_ACTIVE:,}.",
            fix="Give how many of your applications are still open, this one included.",
        )
    return int(value)
