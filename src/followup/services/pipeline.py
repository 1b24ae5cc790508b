"""The pipeline: every application with its latest interview and next step; one in full.

The next step speaks with the plan's voice (docs/policy.md): it is the application's
earliest pending **stored** step, ordered as `followup plan ID` orders its timeline
(target, then kind, recipient, number), with its target on the recipient's clock. The
plan is stored by every command that changes the record, so reading it is enough; `list`
never plans (it must stay fast, and it reads through the SQLAlchemy-free reader on
SQLite, so nothing here imports the policy package). The one-line summary of
:mod:`followup.domain.nextstep` stands in where the plan has nothing to say:

- the latest interview is still ahead (or under way) and no step is due yet: prepare;
- no plan is stored (a database written before plans were stored): the summary;
- a plan is stored and nothing in it is pending: a closed application gets the
  summary's closing line, an open one "wait for their answer".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from followup.adapters.store.rows import PendingRow
from followup.domain.model import (
    KIND_ORDER,
    OWN_KINDS,
    PENDING,
    Application,
    Channel,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Interview,
    Reflection,
    Reply,
)
from followup.domain.nextstep import NextStep, next_step
from followup.services.context import AppContext

_DONE = (FollowUpStatus.DONE, FollowUpStatus.SENT)
#: "Seed 001: ..." or "Seeds 000, 002: ...": the seeds a reason cites first.
_SEEDS = re.compile(r"\b[Ss]eeds? (\d{3}(?:(?:, | and )\d{3})*)")
#: What the next step says when a stored plan has nothing pending for an open application.
WAITING = "Nothing pending in the plan: wait for their answer (record it with `followup replied`)."


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """A pending step of the stored plan, as `followup plan ID` shows it.

    Times are on the recipient's clock (the user's for their own steps). ``overdue``:
    its window closed before now. ``seeds``: the seeds its reason cites first.
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
    id: int | None
    overdue: bool
    seeds: tuple[str, ...] = ()

    @property
    def seed(self) -> str | None:
        """The first seed the reason cites, or None."""
        return self.seeds[0] if self.seeds else None

    @property
    def headline(self) -> str:
        """The step in the words of `followup due` and `plan`: kind, recipient, channel."""
        who = f" to {self.recipient}" if self.recipient else ""
        sent = self.channel.value not in ("self", self.kind.value)
        return f"{self.kind.value}{who}" + (f" by {self.channel.value}" if sent else "")


@dataclass(frozen=True, slots=True)
class PipelineRow:
    """One application in the pipeline: ``step`` always; ``planned`` when it is the plan's."""

    application: Application
    latest: Interview | None
    interviews: int
    step: NextStep
    planned: PlannedStep | None = None


@dataclass(frozen=True, slots=True)
class ApplicationDetail:
    """An application with everything recorded about it."""

    application: Application
    interviews: list[Interview]
    reflections: dict[int, Reflection] = field(default_factory=dict)
    followups: list[FollowUp] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    step: NextStep | None = None
    planned: PlannedStep | None = None


def cited_seeds(reason: str) -> tuple[str, ...]:
    """The seeds a reason cites first.

    ("001",) for "Seed 001: ...", ("000", "002") for "... (seeds 000, 002)", () for none.
    """
    found = _SEEDS.search(reason)
    return tuple(re.findall(r"\d{3}", found.group(1))) if found else ()


def earliest_pending(
    rows: Iterable[PendingRow], application: Application, user_zone: str, now: datetime
) -> PlannedStep | None:
    """The application's pending step that `followup plan ID` lists first, or None."""
    best: tuple[tuple[float, int, str, int], PendingRow] | None = None
    for entry in rows:
        row = entry.followup
        if row.status not in PENDING:
            continue
        key = (
            row.target.timestamp() if row.target else float("inf"),
            KIND_ORDER[row.kind],
            entry.recipient or "",
            row.number,
        )
        if best is None or key < best[0]:
            best = (key, entry)
    if best is None:
        return None
    entry = best[1]
    row = entry.followup
    # The user's own steps are on the user's clock (docs/policy.md, "Whose clock").
    if row.kind in OWN_KINDS or row.channel is Channel.SELF:
        zone = user_zone
    else:  # the recipient's own zone, else the company's, else the interview's
        zone = (
            entry.recipient_timezone
            or application.company_timezone
            or entry.interview_timezone
            or user_zone
        )
    tz = ZoneInfo(zone)

    def local(moment: datetime | None) -> datetime | None:
        return None if moment is None else moment.astimezone(tz)

    return PlannedStep(
        row.kind,
        entry.recipient,
        row.channel,
        local(row.earliest),
        local(row.target),
        local(row.latest),
        row.rule,
        row.reason,
        row.status,
        row.interview_id,
        row.number,
        row.id,
        row.latest is not None and row.latest < now,
        cited_seeds(row.reason),
    )


def choose(
    application: Application,
    latest: Interview | None,
    now: datetime,
    planned: PlannedStep | None,
    *,
    has_plan: bool,
    done: frozenset[FollowUpKind] = frozenset(),
) -> tuple[NextStep, PlannedStep | None]:
    """The next step shown for an application (see the module docstring for the order)."""
    due_now = planned is not None and planned.target is not None and planned.target <= now
    ahead = latest is not None and latest.end > now
    if planned is not None and (due_now or not ahead):
        urgent = due_now or planned.overdue
        return NextStep(planned.headline, planned.target, planned.seed, urgent), planned
    if has_plan and not ahead and application.status.active and latest is not None:
        return NextStep(WAITING), None
    return next_step(application, latest, now, done=done), None


def pipeline(ctx: AppContext, *, active_only: bool = False) -> list[PipelineRow]:
    """Every application of the profile, most urgent first, then by next due time."""
    store, now = ctx.reader, ctx.clock()
    profile = ctx.profile()
    assert profile.id is not None
    pending: dict[int, list[PendingRow]] = {}
    for entry in store.first_pending_followups(profile.id):
        pending.setdefault(entry.followup.application_id, []).append(entry)
    planned_ids = store.planned_applications(profile.id)
    rows = []
    for application, latest, count in store.pipeline(profile.id):
        if active_only and not application.status.active:
            continue
        assert application.id is not None
        first = earliest_pending(
            pending.get(application.id, ()), application, profile.timezone, now
        )
        step, planned = choose(
            application, latest, now, first, has_plan=application.id in planned_ids
        )
        rows.append(PipelineRow(application, latest, count, step, planned))
    far = now.replace(year=9999)
    rows.sort(
        key=lambda r: (
            not r.application.status.active,
            not r.step.urgent,
            r.step.due or far,
            -(r.application.id or 0),
        )
    )
    return rows


def detail(ctx: AppContext, application_id: int) -> ApplicationDetail:
    """One application of the profile in full; NotFoundError if it is not the profile's."""
    from followup.errors import NotFoundError

    store = ctx.store
    profile = ctx.profile()
    application = store.get_application(application_id)
    if application.profile_id != profile.id:
        raise NotFoundError("application", application_id)
    interviews = store.interviews_for(application_id)
    reflections = {}
    for interview in interviews:
        assert interview.id is not None
        found = store.get_reflection(interview.id)
        if found is not None:
            reflections[interview.id] = found
    followups = store.followups(application_id=application_id)
    latest = interviews[-1] if interviews else None
    kinds = frozenset(
        f.kind for f in followups if f.status in _DONE and latest and f.interview_id == latest.id
    )
    now = ctx.clock()
    first = earliest_pending(
        _pending_rows(ctx, followups, interviews), application, profile.timezone, now
    )
    step, planned = choose(application, latest, now, first, has_plan=bool(followups), done=kinds)
    return ApplicationDetail(
        application,
        interviews,
        reflections,
        followups,
        store.replies(application_id),
        step,
        planned,
    )


def _pending_rows(
    ctx: AppContext, followups: list[FollowUp], interviews: list[Interview]
) -> list[PendingRow]:
    """Every pending follow-up of one application, as PendingRow (see :func:`earliest_pending`)."""
    zones = {i.id: i.timezone for i in interviews}
    people = {p.contact.id: p.contact for i in interviews for p in i.interviewers}
    out = []
    for row in followups:
        if row.status not in PENDING:
            continue
        contact = None
        if row.recipient_id is not None:
            contact = people.get(row.recipient_id) or ctx.store.get_contact(row.recipient_id)
        out.append(
            PendingRow(
                row,
                contact.name if contact else None,
                contact.timezone if contact else None,
                zones.get(row.interview_id) if row.interview_id is not None else None,
            )
        )
    return out
