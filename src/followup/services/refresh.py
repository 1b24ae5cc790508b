"""Keep the stored plan current: re-plan what a change of the record touched, in its transaction.

Every use case that changes an application's record (`add`, `edit`, `reflect`, an
import; `outcome`, `done` and `replied` re-plan through :mod:`followup.services.plan`
themselves) writes inside :func:`replanning` and names the applications it changed. When
the block ends without an error, in the same ``Store.batch()``, they are re-planned, and
with them the applications whose plan depends on them:

- the one holding the keep-applying step before the change and the one holding it after
  (it goes to the application whose latest interview ended last, with the count of active
  applications, seed 001);
- for a change that moves follow-ups between companies (an edit that renames or moves an
  interview, an imported backup with its history), the other active applications at
  those companies: the spacing rule counts every follow-up to a company (seed 000).

An error inside the block rolls everything back: nothing is written, nothing re-planned.
So `followup list`, which only reads the stored plan, always shows the plan's next step.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from followup.domain.model import Application, Profile
from followup.services.context import AppContext

if TYPE_CHECKING:
    from followup.services.plan import Facts, Timeline


@dataclass
class Changed:
    """What the block changed: applications by ID, companies whose spacing may change."""

    ids: list[int] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    #: After the block: the new plan of every application re-planned, by ID.
    timelines: dict[int, Timeline] = field(default_factory=dict)

    def add(self, application_id: int | None, *companies: str) -> None:
        """Re-plan this application (and the others at ``companies``) when the block ends."""
        if application_id is not None and application_id not in self.ids:
            self.ids.append(application_id)
        self.companies += [c for c in companies if c not in self.companies]


@contextmanager
def replanning(ctx: AppContext, profile: Profile | None = None) -> Iterator[Changed]:
    """One transaction: the block's writes, then the re-plan of what it changed."""
    from followup.services.plan import facts

    store = ctx.store
    with store.batch():
        profile = profile or ctx.profile()
        before = facts(store, profile)
        changed = Changed()
        yield changed
        changed.timelines = refresh(
            ctx, profile, changed.ids, before=before, companies=changed.companies
        )


def refresh(
    ctx: AppContext,
    profile: Profile,
    changed: Iterable[int],
    *,
    before: Facts | None = None,
    companies: Iterable[str] = (),
) -> dict[int, Timeline]:
    """Re-plan ``changed`` and what depends on them (module docstring); one transaction."""
    from followup.domain.policy.people import key
    from followup.services.plan import facts, replan

    store = ctx.store
    assert profile.id is not None
    with store.batch():
        after = facts(store, profile)
        ids = dict.fromkeys(changed)
        wanted = {key(name) for name in companies}
        if wanted:
            for application in store.applications(profile.id):
                if application.status.active and key(application.company) in wanted:
                    ids.setdefault(application.id or 0)
        for holder in (before.holder if before else None, after.holder):
            if holder is not None:
                ids.setdefault(holder)
        return {i: replan(ctx, i, profile=profile, shared=after) for i in ids if i}


def refresh_imported(
    ctx: AppContext,
    applications: Iterable[Application],
    before: dict[int, Facts] | None = None,
) -> dict[int, Timeline]:
    """Re-plan the active ones of imported applications, profile by profile.

    ``before`` holds the keep-applying state of profiles that existed before the import,
    by profile ID (see :func:`snapshot`). A backup brings its follow-up history along, so
    the other active applications at the same companies are re-planned too.
    """
    store = ctx.store
    by_profile: dict[int, list[Application]] = {}
    for application in applications:
        if application.status.active and application.profile_id is not None:
            by_profile.setdefault(application.profile_id, []).append(application)
    timelines: dict[int, Timeline] = {}
    with store.batch():
        for profile_id, group in by_profile.items():
            profile = store.get_profile(profile_id)
            assert profile is not None  # an application's profile always exists
            timelines |= refresh(
                ctx,
                profile,
                [a.id for a in group if a.id is not None],
                before=(before or {}).get(profile_id),
                companies=[a.company for a in group],
            )
    return timelines


def snapshot(ctx: AppContext) -> dict[int, Facts]:
    """The keep-applying state of the invocation's profile, if it has one yet, by its ID."""
    from followup.services.plan import facts

    profile = ctx.store.get_profile(ctx.settings["profile"])
    if profile is None or profile.id is None:
        return {}
    return {profile.id: facts(ctx.store, profile)}
