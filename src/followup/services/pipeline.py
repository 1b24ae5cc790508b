"""The pipeline: every application with its latest interview and next step; one in full."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.domain.model import (
    Application,
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


@dataclass(frozen=True, slots=True)
class PipelineRow:
    """One application in the pipeline."""

    application: Application
    latest: Interview | None
    interviews: int
    step: NextStep


@dataclass(frozen=True, slots=True)
class ApplicationDetail:
    """An application with everything recorded about it."""

    application: Application
    interviews: list[Interview]
    reflections: dict[int, Reflection] = field(default_factory=dict)
    followups: list[FollowUp] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    step: NextStep | None = None


def pipeline(ctx: AppContext, *, active_only: bool = False) -> list[PipelineRow]:
    """Every application of the profile, most urgent first, then by next due time."""
    store, now = ctx.reader, ctx.clock()
    profile = ctx.profile()
    assert profile.id is not None
    done: dict[int | None, set[FollowUpKind]] = {}
    for item in store.followups(profile_id=profile.id):
        if item.status in _DONE:
            done.setdefault(item.interview_id, set()).add(item.kind)
    rows = []
    for application, latest, count in store.pipeline(profile.id):
        if active_only and not application.status.active:
            continue
        kinds = frozenset(done.get(latest.id if latest else None, ()))
        rows.append(
            PipelineRow(application, latest, count, next_step(application, latest, now, done=kinds))
        )
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
    return ApplicationDetail(
        application,
        interviews,
        reflections,
        followups,
        store.replies(application_id),
        next_step(application, latest, ctx.clock(), done=kinds),
    )
