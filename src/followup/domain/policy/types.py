"""What the planner takes and what it returns.

The planner's input is a :class:`Record`: one application with its interviews, the
user's profile, and the history (follow-ups done or skipped, replies received). Its
output is a :class:`Plan`: every follow-up the seeds call for, each a :class:`Step` with a
due window in the recipient's time zone, the rule that produced it and one sentence of
reason that cites its seed.

Recipients are people's names as recorded (matching ignores case and spacing), or None
for a step that is the user's own (reflection, keep applying) or a check-in when no one
is on record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any, NamedTuple

from followup.domain.model import (
    Application,
    Channel,
    FollowUpKind,
    FollowUpStatus,
    Interview,
    Profile,
    Status,
)


@dataclass(frozen=True, slots=True)
class Done:
    """A follow-up that happened (or that the user decided to skip).

    ``recipient`` None matches every recipient of that kind: the stateless contract's
    ``previous_followups`` carry no name, and "I sent the panel notes" means all of them.
    ``interview_id`` None matches any interview (the stateless contract has one).
    """

    kind: FollowUpKind
    at: datetime
    recipient: str | None = None
    interview_id: int | None = None
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class Heard:
    """A reply from the employer, and the new decision date it gave, if any."""

    at: datetime
    decision_date: date | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """Everything the planner knows about one application, as of ``now``.

    ``interviews`` may come in any order; the one that ended last anchors the check-ins.
    ``done`` may include follow-ups to other applications at the same company: they
    count for the spacing rule (seed 000 speaks of follow-ups to the company).
    ``active_applications`` is how many applications are still open; None when unknown,
    and then no keep-applying step is planned.
    """

    application: Application
    interviews: tuple[Interview, ...]
    profile: Profile
    done: tuple[Done, ...] = ()
    replies: tuple[Heard, ...] = ()
    active_applications: int | None = None


class Step(NamedTuple):
    """One planned follow-up and its due window (aware datetimes in the recipient's zone).

    ``number`` counts steps of one kind to one recipient (check-in 1, check-in 2).
    ``done_at`` is set when the status is done or skipped.

    A named tuple rather than a frozen dataclass: just as immutable, and three times
    cheaper to build, which matters at a dozen steps per plan and 100,000 plans in the
    benchmark. Change one with ``step._replace(...)``.
    """

    kind: FollowUpKind
    recipient: str | None
    channel: Channel
    earliest: datetime
    target: datetime
    latest: datetime
    rule: str
    reason: str
    status: FollowUpStatus = FollowUpStatus.PLANNED
    interview_id: int | None = None
    number: int = 1
    done_at: datetime | None = None

    @property
    def pending(self) -> bool:
        """True while the step still waits for the user."""
        return self.status is FollowUpStatus.PLANNED


#: A :class:`Step` from a tuple of all twelve fields, in order, defaults included. The
#: planner builds every step so: a named tuple's own constructor is a Python function,
#: and this skips it for half the cost of a plan's steps.
step_of: Callable[[tuple[Any, ...]], Step] = partial(tuple.__new__, Step)


class Plan(NamedTuple):
    """The planner's answer: the steps, ordered by target, and whether to close the file.

    ``close`` is :attr:`Status.NO_RESPONSE` once the close-the-loop message has gone
    unanswered for the configured time (seeds 000, 002: then stop); the service applies it.
    A named tuple, like :class:`Step`: one is built per plan, and a frozen dataclass costs
    several times more to build.
    """

    steps: tuple[Step, ...]
    close: Status | None = None
    close_reason: str = ""
