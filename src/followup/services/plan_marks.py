"""What the user tells the plan: a step was done (or skipped), the employer replied.

Both use cases check everything they were given, then write and re-plan inside one
transaction (``Store.batch()``): a refusal at any point leaves the database as it was.

- :func:`mark_done` records the matching pending step as done (or skipped) at a time
  that has passed and is not before its interview ended. No pending step matches: exit
  status 2 saying what the plan holds instead, unless ``force`` records it anyway, outside
  the plan (it still counts for the spacing rule and the cap).
- :func:`replied` stores the reply (and the new decision date it promised), reopens an
  application closed as no-response, and re-plans: pending check-ins are cancelled, or
  planned afresh after the new date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from followup.domain import when
from followup.domain.model import (
    Application,
    Channel,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Interview,
    Reply,
    Status,
)
from followup.domain.policy.people import key as name_key
from followup.errors import InputError
from followup.services.context import AppContext
from followup.services.plan import (
    Item,
    Timeline,
    outbox_notes,
    own_application,
    replan,
    settings_of,
)
from followup.services.plan_store import HISTORY

#: Kinds planned once per person: several recipients need --to.
PER_PERSON = (FollowUpKind.THANK_YOU, FollowUpKind.PANEL_NOTE, FollowUpKind.LINKEDIN)
#: "I sent the thank-you" to a panel member: the same step by either name.
_TWINS = {
    FollowUpKind.THANK_YOU: FollowUpKind.PANEL_NOTE,
    FollowUpKind.PANEL_NOTE: FollowUpKind.THANK_YOU,
}
ALL = "all"
_CHASE = (
    FollowUpKind.CHECK_IN,
    FollowUpKind.AVAILABILITY_REQUEST,
    FollowUpKind.CLOSE_THE_LOOP,
)
#: Steps that went out (a skipped one did not).
_SENT = (FollowUpStatus.DONE, FollowUpStatus.SENT)


@dataclass(frozen=True, slots=True)
class Marked:
    """The steps marked (as they were planned), whether it was forced, the plan after."""

    application: Application
    marked: tuple[Item, ...]
    status: FollowUpStatus
    at: datetime
    forced: bool
    timeline: Timeline


@dataclass(frozen=True, slots=True)
class Replied:
    """The stored reply, whether it reopened the application, the plan after, notes."""

    application: Application
    reply: Reply
    reopened: bool
    timeline: Timeline
    notes: tuple[str, ...] = ()


def parse_kind(raw: str) -> FollowUpKind:
    """A follow-up kind as typed ("thank-you", "Thank_You"); InputError listing them."""
    text = "-".join((raw or "").strip().lower().replace("_", " ").split())
    try:
        return FollowUpKind(text)
    except ValueError:
        valid = ", ".join(k.value for k in FollowUpKind)
        raise InputError(
            "KIND", f"{raw!r} is not a kind of follow-up.", fix=f"Use {valid}."
        ) from None


def _moment(ctx: AppContext, field: str, raw: str | None, zone: str) -> datetime:
    """When something happened: now, or a past time typed as ISO 8601 or words."""
    now = ctx.clock()
    if raw is None:
        return now
    moment = when.parse_datetime(field, raw, now=now, zone=zone, prefer="past")
    if moment > now:
        raise InputError(
            field,
            f"{_shown(moment, zone)} is in the future.",
            fix="Give the time it happened (it has to be past), or leave the option out for now.",
        )
    return moment


def _shown(moment: datetime, zone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(zone)):%a %d %b %Y %H:%M} {zone}"


def mark_done(
    ctx: AppContext,
    application_id: int,
    kind: str,
    *,
    to: str | None = None,
    interview: int | None = None,
    at: str | None = None,
    skip: bool = False,
    force: bool = False,
) -> Marked:
    """Record a planned step as done or skipped (see the module docstring)."""
    wanted = parse_kind(kind)
    if to is not None and not to.strip():
        raise InputError("--to", "is empty.", fix="Give a name, or `all`.")
    profile = ctx.profile()
    moment = _moment(ctx, "--at", at, profile.timezone)
    status = FollowUpStatus.SKIPPED if skip else FollowUpStatus.DONE
    store = ctx.store
    with store.batch():
        before = replan(ctx, application_id, profile=profile)
        interviews = {i.id: i for i in before.interviews}
        if interview is not None and interview not in interviews:
            known = ", ".join(f"#{i}" for i in interviews) or "none"
            raise InputError(
                "--interview",
                f"interview #{interview} is not one of application {application_id}'s "
                f"(its interviews: {known}).",
                fix="Interview numbers are the #N in `followup show ID`.",
            )
        pending = [
            i
            for i in before.items
            if i.pending and (interview is None or i.interview_id == interview)
        ]
        candidates = [i for i in pending if i.kind is wanted]
        if not candidates and wanted in _TWINS:
            candidates = [i for i in pending if i.kind is _TWINS[wanted]]
        chosen = _choose(candidates, wanted, to)
        if chosen and not force:
            _not_too_soon(ctx, before, chosen[0], moment, profile.timezone)
        if not chosen and not force:
            raise InputError(
                "done",
                _nothing_pending(ctx, before, wanted, to, interview),
                fix=f"Record it anyway, outside the plan, with `followup done {application_id} "
                f"{wanted.value} --force`.",
            )
        rows = {r.id: r for r in store.followups(application_id=application_id)}
        if chosen:
            for item in chosen:
                _after_interview(interviews.get(item.interview_id), moment, profile.timezone)
                row = rows[item.id]
                store.update_followup(replace(row, status=status, done_at=moment))
        else:
            target = interviews.get(interview) if interview else _latest(before.interviews)
            _after_interview(target, moment, profile.timezone)
            store.add_followup(
                _forced(before.application, target, wanted, to, status, moment, rows.values())
            )
        after = replan(ctx, application_id, profile=profile)
    return Marked(after.application, tuple(chosen), status, moment, not chosen, after)


def _not_too_soon(
    ctx: AppContext, timeline: Timeline, item: Item, moment: datetime, zone: str
) -> None:
    """Refuse a chasing step marked before its window, within the spacing of another.

    `done ID check-in` typed twice would otherwise mark check-in 2 done at the moment of
    check-in 1, spending the cap in one go; seed 000 keeps them a week or more apart.
    A chasing step sent early with none near it (an eager first check-in) is recorded.
    """
    if item.kind not in _CHASE or item.earliest is None or moment >= item.earliest:
        return
    spacing = timedelta(days=settings_of(ctx).min_spacing_days)
    near = [
        i.done_at
        for i in timeline.items
        if i.kind in _CHASE
        and i.status in _SENT
        and i.done_at is not None
        and abs(moment - i.done_at) < spacing
    ]
    if not near:
        return
    who = f" to {item.recipient}" if item.recipient else ""
    raise InputError(
        "done",
        f"the next {item.kind.value}{who} is not due before {_shown(item.earliest, zone)}: one "
        f"was marked done {_shown(max(near), zone)}, and follow-ups that chase an answer are "
        f"at least {spacing.days} days apart (seed 000).",
        fix=f"If you did send another, record it with `followup done "
        f"{timeline.application.id} {item.kind.value} --force`.",
    )


def _latest(interviews: tuple[Interview, ...]) -> Interview | None:
    return max(interviews, key=lambda i: (i.end, i.start, i.id or 0), default=None)


def _after_interview(interview: Interview | None, moment: datetime, zone: str) -> None:
    if interview is not None and moment < interview.end:
        raise InputError(
            "--at",
            f"{_shown(moment, zone)} is before interview #{interview.id} ended "
            f"({_shown(interview.end, zone)}).",
            fix="Give the time you did it, after the interview.",
        )


def _choose(candidates: list[Item], kind: FollowUpKind, to: str | None) -> list[Item]:
    """The pending steps `done` means: one, or one per person with ``--to all``."""
    if not candidates:
        return []
    names = list(dict.fromkeys(i.recipient for i in candidates if i.recipient))
    if to is not None and to.strip().lower() != ALL:
        wanted = name_key(to)
        matches = [i for i in candidates if i.recipient and name_key(i.recipient) == wanted]
        if not matches:  # a first name, if it names one person only
            firsts = {n for n in names if name_key(n).split(" ")[0] == wanted}
            if len(firsts) == 1:
                matches = [i for i in candidates if i.recipient in firsts]
        if not matches:
            raise InputError(
                "--to",
                f"no {kind.value} is pending for {to!r}; it is pending for: "
                f"{', '.join(names) or 'no one by name'}.",
                fix="Give one of those names (or a first name), or --to all.",
            )
        return [matches[0]]
    first = candidates[0]
    if to is None:
        if kind in PER_PERSON and len(names) > 1:
            raise InputError(
                "--to",
                f"a {first.kind.value} is pending for {len(names)} people: {', '.join(names)}.",
                fix=f"Say whom: --to {_quoted(names[0])} (one of them), or --to all.",
            )
        return [first]
    # --to all: everyone's step of the interview that comes first.
    seen: dict[str | None, Item] = {}
    for item in candidates:
        if item.interview_id == first.interview_id:
            seen.setdefault(item.recipient, item)
    return list(seen.values())


def _quoted(name: str) -> str:
    return f"'{name}'" if " " in name else name


def _nothing_pending(
    ctx: AppContext, timeline: Timeline, kind: FollowUpKind, to: str | None, interview: int | None
) -> str:
    """Why nothing of ``kind`` can be marked, and what the plan holds instead."""
    kinds = (kind, _TWINS[kind]) if kind in _TWINS else (kind,)
    named = to is not None and to.strip().lower() != ALL
    same = [
        i
        for i in timeline.items
        if i.kind in kinds
        and (interview is None or i.interview_id == interview)
        and (not named or (i.recipient and name_key(i.recipient) == name_key(to or "")))
    ]
    whom = f" to {to}" if named else ""
    text = f"no {kind.value}{whom} is pending for {timeline.application.company}"
    sent = [i for i in same if i.status in HISTORY and i.status is not FollowUpStatus.SKIPPED]
    cap = settings_of(ctx).max_check_ins
    if kind is FollowUpKind.CHECK_IN and len(sent) >= cap:
        plural = "check-in was" if len(sent) == 1 else "check-ins were"
        text += f": {len(sent)} {plural} sent, the most the plan allows (seeds 000, 002)"
    elif same and same[-1].status in HISTORY:
        last = same[-1]
        moment = last.done_at or last.target
        on = f" on {moment:%a %d %b}" if moment else ""
        text += f": it was marked {last.status.value}{on}"
    elif same and same[-1].status is FollowUpStatus.CANCELLED:
        text += f": it was cancelled ({same[-1].reason.removeprefix('Cancelled: ').rstrip('.')})"
    elif kind is FollowUpKind.CALL:
        text += ": a call is planned only after they answer an availability request (seed 003)"
    else:
        text += ": the plan has none"
    # After a refused chasing step, what matters is where the chase stands.
    chase = (*_CHASE, FollowUpKind.CALL) if kind in _CHASE else tuple(FollowUpKind)
    following = next((i for i in timeline.items if i.pending and i.kind in chase), None)
    following = following or next((i for i in timeline.items if i.pending), None)
    if following is None:
        return text + "; nothing else is pending."
    who = f" to {following.recipient}" if following.recipient else ""
    due = f", {following.target:%a %d %b %H:%M}" if following.target else ""
    return f"{text}; the next step is {following.kind.value}{who}{due}."


def _forced(
    application: Application,
    interview: Interview | None,
    kind: FollowUpKind,
    to: str | None,
    status: FollowUpStatus,
    moment: datetime,
    rows: Iterable[FollowUp],
) -> FollowUp:
    """A done row outside the plan: `done --force`."""
    assert application.id is not None
    recipient = None
    if to is not None and to.strip().lower() != ALL:
        people = [p.contact for p in (interview.interviewers if interview else ())]
        match = next((c for c in people if name_key(c.name) == name_key(to)), None)
        if match is None:
            names = ", ".join(c.name for c in people) or "no one"
            raise InputError(
                "--to",
                f"{to!r} is not on the interview (its interviewers: {names}).",
                fix="Give one of those names, or leave --to out.",
            )
        recipient = match.id
    number = 1 + max(
        (
            r.number
            for r in rows
            if (r.interview_id, r.kind, r.recipient_id)
            == (interview.id if interview else None, kind, recipient)
        ),
        default=0,
    )
    return FollowUp(
        application_id=application.id,
        kind=kind,
        interview_id=interview.id if interview else None,
        recipient_id=recipient,
        channel=_channel(application, kind),
        earliest=moment,
        target=moment,
        latest=moment,
        status=status,
        rule="manual",
        reason="Recorded with `followup done --force`, outside the plan.",
        done_at=moment,
        number=number,
    )


def _channel(application: Application, kind: FollowUpKind) -> Channel:
    if kind in (FollowUpKind.REFLECTION, FollowUpKind.KEEP_APPLYING):
        return Channel.SELF
    if kind is FollowUpKind.LINKEDIN:
        return Channel.LINKEDIN
    if kind is FollowUpKind.CALL:
        return Channel.PHONE
    preferred = application.preferred_channel
    return preferred if preferred in (Channel.EMAIL, Channel.LINKEDIN) else Channel.EMAIL


# Replies -------------------------------------------------------------------------------


def replied(
    ctx: AppContext,
    application_id: int,
    *,
    at: str | None = None,
    decision_date: str | None = None,
) -> Replied:
    """Record the employer's answer; see the module docstring."""
    profile = ctx.profile()
    zone = profile.timezone
    moment = _moment(ctx, "--at", at, zone)
    day = None
    if decision_date is not None:
        day = when.parse_date("--decision-date", decision_date, now=ctx.clock(), zone=zone)
        received = moment.astimezone(ZoneInfo(zone)).date()
        if day < received:
            raise InputError(
                "--decision-date",
                f"{day:%a %d %b %Y} is before the reply ({received:%a %d %b %Y}).",
                fix="Give the date they said they would decide by.",
            )
    store = ctx.store
    with store.batch():
        application = own_application(store, profile, application_id)
        assert application.id is not None
        reopened = application.status is Status.NO_RESPONSE
        interviews = store.interviews_for(application.id)
        if reopened:
            status = Status.INTERVIEWING if interviews else Status.APPLIED
            application = store.update_application(replace(application, status=status))
        reply = store.add_reply(Reply(application_id, moment, decision_date=day))
        timeline = replan(ctx, application_id, profile=profile)
    notes: list[str] = outbox_notes(timeline)
    latest = _latest(tuple(interviews))
    if latest is not None and moment < latest.end:
        notes.append(
            f"The reply is from before interview #{latest.id} ended, so it does not change "
            "the plan."
        )
    return Replied(timeline.application, reply, reopened, timeline, tuple(notes))
