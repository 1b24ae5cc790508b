"""The follow-up plan as use cases: re-plan an application, and what is due now.

:func:`replan` plans one application at the context's clock with the configured policy
(docs/policy.md) and writes the plan over its stored follow-ups in one transaction
(:mod:`followup.services.plan_store`). When the plan says the file is closed (no answer
after the close-the-loop message), the application becomes ``no-response`` — once: an
application changed after that moment (reopened with `followup outcome ID reopen`, or
edited) stays as the user left it.

:func:`due` re-plans every application that can have something to do and returns the
pending steps whose target falls before the horizon. Marking steps done and recording
replies are in :mod:`followup.services.plan_marks`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from followup.domain.model import (
    KIND_ORDER,
    PENDING,
    Application,
    Channel,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Interview,
    Profile,
    Status,
)
from followup.errors import NotFoundError
from followup.services.context import AppContext
from followup.services.plan_store import Changes, Loaded, load, reconcile

if TYPE_CHECKING:
    from followup.adapters.store.store import Store
    from followup.domain.policy.config import PolicySettings
    from followup.domain.policy.types import Plan, Step

Horizon = Literal["today", "week"] | None


@dataclass(frozen=True, slots=True)
class Item:
    """One step of an application's timeline, as shown: planned, done or cancelled.

    Times are aware, in the recipient's zone for planned steps (the user's for their own
    steps). ``id`` is the stored follow-up's ID (None for a step not stored, such as a
    reflection known from `followup reflect`). ``overdue``: still pending, window closed.
    """

    kind: FollowUpKind
    recipient: str | None
    channel: Channel
    earliest: datetime | None
    target: datetime | None
    latest: datetime | None
    rule: str
    reason: str
    status: FollowUpStatus
    interview_id: int | None
    number: int
    done_at: datetime | None
    id: int | None
    overdue: bool

    @property
    def pending(self) -> bool:
        """True while the step waits for the user (planned, drafted or scheduled)."""
        return self.status in PENDING


@dataclass(frozen=True, slots=True)
class Timeline:
    """An application after a re-plan: its steps, what changed, and whether it closed."""

    application: Application
    interviews: tuple[Interview, ...]
    items: tuple[Item, ...]
    changes: Changes
    #: Why the plan closed the application just now ("" when it did not).
    closed: str = ""


def outbox_notes(timeline: Timeline) -> list[str]:
    """What a re-plan took out of the outbox, and what to do (plan_store._planned)."""
    kinds = {i.id: i.kind.value for i in timeline.items if i.id is not None}
    ident = timeline.application.id
    notes = []
    for m in timeline.changes.unscheduled:
        kind = kinds.get(m.followup_id, "follow-up")
        who = f"{m.to_name} <{m.to_email}>" if m.to_name else m.to_email or "its recipient"
        notes.append(
            f"#{m.id} {kind} to {who} is out of the outbox, a draft again: the plan moved "
            f"it (`followup plan {ident}` shows when). Check the draft, then `followup send "
            f"{ident} --kind {kind}` queues it for its new time."
        )
    return notes


@dataclass(frozen=True, slots=True)
class DueItem:
    """A pending step of some application, for `followup due`."""

    application: Application
    item: Item


@dataclass(frozen=True, slots=True)
class Due:
    """What is due before the horizon, and the applications closed on the way."""

    items: tuple[DueItem, ...]
    until: datetime
    closed: tuple[Timeline, ...] = ()


@dataclass(frozen=True, slots=True)
class Facts:
    """What every re-plan of one profile shares: the active count, who holds keep-applying."""

    active: int
    #: The application whose latest interview ended last: the only one given the count,
    #: so that one keep-applying step exists (seed 001).
    holder: int | None


def settings_of(ctx: AppContext) -> PolicySettings:
    """The policy settings of this invocation (preset and policy_* settings)."""
    from followup.services.policy_settings import policy_settings

    return policy_settings(ctx.settings)


def facts(store: Store, profile: Profile) -> Facts:
    """The profile's active count and keep-applying holder."""
    assert profile.id is not None
    active = 0
    holder: tuple[float, int] | None = None
    for application, latest, _count in store.pipeline(profile.id):
        if application.status.active:
            active += 1
        if latest is not None and application.id is not None:
            mark = (latest.end.timestamp(), application.id)
            holder = mark if holder is None or mark > holder else holder
    return Facts(active, holder[1] if holder else None)


def own_application(store: Store, profile: Profile, application_id: int) -> Application:
    """One of the profile's applications; NotFoundError otherwise."""
    application = store.get_application(application_id)
    if application.profile_id != profile.id:
        raise NotFoundError("application", application_id)
    return application


def replan(
    ctx: AppContext,
    application_id: int,
    *,
    profile: Profile | None = None,
    shared: Facts | None = None,
) -> Timeline:
    """Plan one application now and store the plan: one transaction, only what changed."""
    from followup.domain.policy import plan

    store, now, cfg = ctx.store, ctx.clock(), settings_of(ctx)
    profile = profile or ctx.profile()
    assert profile.id is not None
    with store.batch():
        store.lock_profile(profile.id)  # two re-plans at once would store each step twice
        application = own_application(store, profile, application_id)
        shared = shared or facts(store, profile)
        active = shared.active if shared.holder == application.id else None
        loaded = load(store, profile, application, active=active)
        result = plan(loaded.record, now, cfg)
        closed = ""
        if _closes(store, loaded, result, cfg):
            closed = result.close_reason
            application = store.update_application(replace(application, status=Status.NO_RESPONSE))
            record = replace(loaded.record, application=application)
            loaded = replace(loaded, application=application, record=record)
            result = plan(record, now, cfg)
        changes, paired = reconcile(store, loaded, result)
    items = _items(paired, loaded, changes, now, ZoneInfo(profile.timezone))
    return Timeline(application, loaded.interviews, items, changes, closed)


def _closes(store: Store, loaded: Loaded, result: Plan, cfg: PolicySettings) -> bool:
    """Whether to apply the plan's no-response verdict now.

    Only to an active application, and only when it was not changed (reopened, edited)
    after the moment the verdict fell due: a reopened file stays open.
    """
    if result.close is not Status.NO_RESPONSE or not loaded.application.status.active:
        return False
    sent = [
        s.done_at
        for s in result.steps
        if s.kind is FollowUpKind.CLOSE_THE_LOOP and s.done_at is not None
    ]
    if not sent:
        return True
    due_at = max(sent) + timedelta(days=cfg.close_after_days)
    assert loaded.application.id is not None
    return store.application_changed_at(loaded.application.id) < due_at


def _items(
    paired: list[tuple[Step, FollowUp | None]],
    loaded: Loaded,
    changes: Changes,
    now: datetime,
    zone: ZoneInfo,
) -> tuple[Item, ...]:
    """The timeline: every step of the plan, and the stored rows it does not show.

    Those are history the plan has moved past: check-ins before a new decision date,
    cancelled steps of an earlier round, steps recorded with ``done --force``.
    """
    items = [_from_step(step, row, now) for step, row in paired]
    shown = {row.id for _, row in paired if row is not None}
    latest = {row.id: row for row in (*loaded.rows, *changes.cancelled)}
    for row in latest.values():
        if row.id not in shown:
            items.append(_from_row(row, loaded, now, zone))
    items.sort(
        key=lambda i: (
            i.target.timestamp() if i.target else float("inf"),
            KIND_ORDER[i.kind],
            i.recipient or "",
            i.number,
        )
    )
    return tuple(items)


def _from_step(step: Step, row: FollowUp | None, now: datetime) -> Item:
    status = step.status
    if row is not None and status is FollowUpStatus.PLANNED and row.status in PENDING:
        status = row.status  # drafted or scheduled says more than planned
    elif row is not None and status is FollowUpStatus.DONE and row.status is FollowUpStatus.SENT:
        status = row.status
    return Item(
        step.kind,
        step.recipient,
        step.channel,
        step.earliest,
        step.target,
        step.latest,
        step.rule,
        step.reason,
        status,
        step.interview_id,
        step.number,
        step.done_at.astimezone(step.target.tzinfo) if step.done_at else None,
        row.id if row is not None else None,
        status in PENDING and step.latest < now,
    )


def _from_row(row: FollowUp, loaded: Loaded, now: datetime, zone: ZoneInfo) -> Item:
    def local(moment: datetime | None) -> datetime | None:
        return None if moment is None else moment.astimezone(zone)

    recipient = loaded.names.get(row.recipient_id) if row.recipient_id is not None else None
    return Item(
        row.kind,
        recipient,
        row.channel,
        local(row.earliest),
        local(row.target),
        local(row.latest),
        row.rule,
        row.reason,
        row.status,
        row.interview_id,
        row.number,
        local(row.done_at),
        row.id,
        row.status in PENDING and row.latest is not None and row.latest < now,
    )


# Due ----------------------------------------------------------------------------------


def horizon_end(horizon: Horizon, now: datetime, zone: str) -> datetime:
    """Where `due` stops looking: now; the end of today on the user's clock; a week on."""
    if horizon == "week":
        return now + timedelta(days=7)
    if horizon == "today":
        tz = ZoneInfo(zone)
        tomorrow = now.astimezone(tz).date() + timedelta(days=1)
        return datetime.combine(tomorrow, time(0), tzinfo=tz)
    return now


def due(ctx: AppContext, horizon: Horizon = None) -> Due:
    """The pending steps due before the horizon, overdue ones included, by target.

    Every application that can have something to do is re-planned first: the active
    ones, those with pending rows, and the one holding the keep-applying step.
    """
    store, now = ctx.store, ctx.clock()
    profile = ctx.profile()
    assert profile.id is not None
    with store.batch():
        store.lock_profile(profile.id)
        shared = facts(store, profile)
        waiting = {
            f.application_id for f in store.followups(profile_id=profile.id) if f.status in PENDING
        }
        chosen = [
            a
            for a in store.applications(profile.id)
            if a.status.active or a.id in waiting or a.id == shared.holder
        ]
        timelines = [
            replan(ctx, a.id, profile=profile, shared=shared) for a in chosen if a.id is not None
        ]
    until = horizon_end(horizon, now, profile.timezone)
    found = [
        DueItem(t.application, item)
        for t in timelines
        for item in t.items
        if item.pending and item.target is not None and item.target <= until
    ]
    found.sort(
        key=lambda d: (
            d.item.target.timestamp() if d.item.target else 0.0,
            KIND_ORDER[d.item.kind],
            d.application.id or 0,
            d.item.recipient or "",
        )
    )
    return Due(tuple(found), until, tuple(t for t in timelines if t.closed))
