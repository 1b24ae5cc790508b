"""The follow-up plan: what to send, to whom, through which channel, when, and when to stop.

:func:`plan` is a pure function of (record, now, settings): no clock, no I/O, no
database; the same input gives the same plan. The rules, their ids and their seeds are in
docs/policy.md; the thank-you and LinkedIn rules live in :mod:`.courtesy`, the check-ins
and the stop in :mod:`.chase`, the recipients and history in :mod:`.people`.

What the plan does with the record's state:

- an outcome (the application is no longer active) cancels every pending step but the
  user's own (reflection, keep applying);
- a later round, once it has begun, cancels the pending thank-yous of an earlier one
  whose window had closed when it started; check-ins always follow the latest round;
- a courtesy more than ``stale_days`` past its latest moment is cancelled: a thank-you
  a week late reads as an afterthought; thank them in the check-in instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from followup.domain import business
from followup.domain.business import add_business_days
from followup.domain.model import Channel, FollowUpKind, FollowUpStatus, Interview
from followup.domain.policy import chase, courtesy, people
from followup.domain.policy.config import PRESETS, PolicySettings, preset
from followup.domain.policy.types import Done, Heard, Plan, Record, Step, step_of

__all__ = [
    "PRESETS",
    "Done",
    "Heard",
    "Plan",
    "PolicySettings",
    "Record",
    "Step",
    "clear_caches",
    "plan",
    "preset",
]

#: Steps that are the user's own: an outcome does not cancel them.
OWN = (FollowUpKind.REFLECTION, FollowUpKind.KEEP_APPLYING)
#: The first day's courtesies: they go stale.
COURTESIES = (
    FollowUpKind.REFLECTION,
    FollowUpKind.THANK_YOU,
    FollowUpKind.PANEL_NOTE,
    FollowUpKind.LINKEDIN,
)
_PLANNED = FollowUpStatus.PLANNED


def plan(record: Record, now: datetime, settings: PolicySettings = PRESETS["default"]) -> Plan:
    """Every follow-up of ``record`` as of ``now``, ordered by target."""
    application = record.application
    interviews = record.interviews
    if not interviews:
        return Plan(())
    if len(interviews) > 1:
        interviews = tuple(sorted(interviews, key=lambda i: (i.end, i.start, i.id or 0)))
    # The rules compare instants in UTC: two of one zone compare at once, two of
    # different zones only after asking both for their offsets.
    if now.tzinfo is not UTC:
        if now.utcoffset() is None:
            # astimezone would read it as this machine's local time: not deterministic.
            raise ValueError("plan() needs an aware `now` (with a UTC offset)")
        now = now.astimezone(UTC)
    history = (
        people.History(record.done, record.replies, now)
        if record.done or record.replies
        else people.NOTHING
    )
    me = people.user(record.profile)
    channel = people.written_channel(application)
    # Each person is asked to connect on LinkedIn once, at the latest round they were in.
    connect_at: dict[str, int] | None = None
    if settings.linkedin and len(interviews) > 1:
        connect_at = {
            people.key(person.contact.name): index
            for index, interview in enumerate(interviews)
            for person in interview.interviewers
        }
    steps: list[Step] = []
    #: Each step's target in UTC, in step order: the plan is ordered on these.
    keys: list[datetime] = []
    company_zone, company_country = application.company_timezone, application.company_country
    clock = people.clock
    last = len(interviews) - 1
    for index, interview in enumerate(interviews):
        end = interview.end
        if end.tzinfo is not UTC:
            end = end.astimezone(UTC)
        fate = courtesy.Fate(
            end,
            interviews[index + 1].start.astimezone(UTC) if index < last else None,
            now,
            settings,
        )
        # Most people are on the company's clock: resolved once per interview.
        usual = clock(None, company_zone, company_country, interview.timezone)
        whoms = [
            people.whom_of(
                (
                    person.contact.name,
                    *(
                        usual
                        if person.contact.timezone is None
                        else clock(
                            person.contact.timezone,
                            company_zone,
                            company_country,
                            interview.timezone,
                        )
                    ),
                    False,
                )
            )
            for person in interview.interviewers
        ] or [people.recipient(None, application, interview)]
        connect: list[bool] | None = None
        if connect_at is not None:
            connect = [connect_at.get(people.key(whom.name)) == index for whom in whoms]
        elif settings.linkedin:
            connect = [True] * len(whoms)
        reflected = courtesy.reflection(interview, me, history, settings, fate)
        steps.append(reflected)
        keys.append(end)
        steps += courtesy.courtesies(
            interview, whoms, history, settings, channel, fate, connect=connect, keys=keys
        )
    latest = interviews[-1]
    contact = people.main_contact(interviews, latest)
    keep = _keep_applying(record, latest, reflected.earliest, me, history, settings)
    if keep is not None:
        steps.append(keep[0])
        keys.append(keep[1])
    whom = people.recipient(contact, application, latest)
    chased, verdict, why = chase.chasing(
        application, latest, whom, history, settings, channel, now, keys
    )
    steps += chased
    if not application.status.active:
        steps = [_closed(step, application.status.value) for step in steps]
        verdict, why = None, ""
    # A stable sort: ties keep the order they were built in (reflection, the thank-yous
    # in the order the interviewers were recorded, LinkedIn, keep applying, the chase),
    # which the record fixes, so the plan is deterministic. On the targets in UTC, which
    # the rules had at hand: targets in different zones compare only after asking both
    # zones for their offsets, and that was a tenth of a plan.
    ordered = sorted(keys)
    if ordered == keys:  # built in order already: often, and cheaper to check than to sort
        return _plan((tuple(steps), verdict, why))
    order = sorted(range(len(steps)), key=keys.__getitem__)
    return _plan((tuple([steps[i] for i in order]), verdict, why))


_plan: Callable[[tuple[Any, ...]], Plan] = partial(tuple.__new__, Plan)


def _closed(step: Step, status: str) -> Step:
    if not step.pending or step.kind in OWN:
        return step
    reason = (
        f"Cancelled: the application is closed ({status}); nothing more to send (seeds 001, 002)."
    )
    return step_of((*step[:7], reason, FollowUpStatus.CANCELLED, *step[9:]))


def _keep_applying(
    record: Record,
    latest: Interview,
    end: datetime,
    me: people.Whom,
    history: people.History,
    cfg: PolicySettings,
) -> tuple[Step, datetime] | None:
    """Seed 001: "continue applying to other positions" while the pipeline is thin.

    ``end`` is the latest interview's end on the user's clock. Returns the step and its
    target in UTC.
    """
    active = record.active_applications
    if active is None or active >= cfg.min_active_applications:
        return None
    day = add_business_days(end.date(), 1, me.country)
    target, target_utc, _ = courtesy.office(day, cfg.business_start, me.zone)
    status, done_at = courtesy.settled(
        None
        if history.empty
        else history.find(FollowUpKind.KEEP_APPLYING, latest.id, None, latest.end)
    )
    plural = "application is" if active == 1 else "applications are"
    step = step_of(
        (
            FollowUpKind.KEEP_APPLYING,
            None,
            Channel.SELF,
            end,
            target,
            target + _WEEK,
            "keep-applying.thin-pipeline",
            f"Seed 001: continue applying while you wait; only {active} {plural} active, "
            f"fewer than {cfg.min_active_applications}.",
            status,
            latest.id,
            1,
            done_at,
        )
    )
    return step, target_utc


_WEEK = timedelta(days=7)


def clear_caches() -> None:
    """Empty the planner's caches: holiday calendars, working days, labels, windows.

    They only grow with the dates and zones planned, and hold nothing that changes, so a
    plan is the same with them or without them. A process that has planned years of dates
    can give the memory back; the benchmark starts each run cold.
    """
    for module in (business, chase, courtesy, people):
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()
