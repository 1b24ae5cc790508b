"""The plan in the database: the planner's Record read from the store, and reconciliation.

:func:`load` reads what the planner needs about one application: its interviews, the
profile, the history (follow-ups done, sent or skipped; reflections written; replies).
Follow-ups to the profile's *other* applications at the same company (same name, any
case) join the history too, because the spacing rule is per company (seed 000); they
carry interview ID 0, which names no interview, so they count for spacing and never
stand for a step of this application. LinkedIn requests carry no interview at all: a
person is asked to connect once, whatever the round (and whatever the application at the
company).

:func:`reconcile` writes the plan over the stored follow-ups, touching only what changed.
A stored follow-up and a planned step are the same when they agree on (interview, kind,
recipient contact, number):

- a pending row (planned, drafted, scheduled) of a planned step takes the step's window,
  channel, rule and reason (its status stays: a drafted note stays drafted);
- a pending row the plan cancels, or no longer contains, becomes ``cancelled`` with the
  reason; a pending row whose step the history shows done (a reflection written with
  `followup reflect`) becomes done;
- a planned step with no pending row revives the latest cancelled row of its key (so an
  outcome and a reopen, or a reply and a new date, leave no trail of duplicates), else it
  is inserted;
- rows that are history (done, sent, skipped) are never changed.

No SQL here: the store's methods, inside the caller's ``Store.batch()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from followup.domain.model import (
    PENDING,
    Application,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Interview,
    Message,
    MessageStatus,
    Profile,
)
from followup.domain.policy.people import key as name_key
from followup.domain.policy.types import Done, Heard, Plan, Record, Step

if TYPE_CHECKING:
    from followup.adapters.store.store import Store

#: A stored follow-up that happened (or was skipped): history, never rewritten.
HISTORY = frozenset({FollowUpStatus.DONE, FollowUpStatus.SENT, FollowUpStatus.SKIPPED})
#: Stands for "an interview of another application": matches none of this one's.
OTHER_INTERVIEW = 0

Key = tuple[int | None, FollowUpKind, int | None, int]


@dataclass(frozen=True, slots=True)
class Loaded:
    """One application as the store holds it, and the planner's Record built from it."""

    application: Application
    interviews: tuple[Interview, ...]
    rows: tuple[FollowUp, ...]
    record: Record
    #: Contact ID -> name, for every recipient of a stored row or an interview.
    names: dict[int, str]


@dataclass
class Changes:
    """What a reconciliation wrote, by what happened to each row."""

    inserted: list[FollowUp] = field(default_factory=list)
    revived: list[FollowUp] = field(default_factory=list)
    updated: list[FollowUp] = field(default_factory=list)
    cancelled: list[FollowUp] = field(default_factory=list)
    settled: list[FollowUp] = field(default_factory=list)
    #: Messages taken out of the outbox because their step moved (drafts again).
    unscheduled: list[Message] = field(default_factory=list)

    @property
    def planned(self) -> list[FollowUp]:
        """The rows that became planned: new ones and revived ones."""
        return [*self.inserted, *self.revived]

    def __bool__(self) -> bool:
        return any(
            (self.inserted, self.revived, self.updated, self.cancelled, self.settled,
             self.unscheduled)
        )  # fmt: skip


def load(store: Store, profile: Profile, application: Application, *, active: int | None) -> Loaded:
    """Read one application's record and history; ``active`` is the keep-applying count."""
    assert application.id is not None and profile.id is not None
    interviews = tuple(store.interviews_for(application.id))
    rows = tuple(store.followups(application_id=application.id))
    names: dict[int, str] = {}
    for interview in interviews:
        for person in interview.interviewers:
            if person.contact.id is not None:
                names.setdefault(person.contact.id, person.contact.name)
    done = [d for row in rows if (d := _done(store, row, names, own=True)) is not None]
    company = name_key(application.company)
    for other in store.applications(profile.id):
        if other.id == application.id or name_key(other.company) != company:
            continue
        assert other.id is not None
        for row in store.followups(application_id=other.id):
            found = _done(store, row, names, own=False)
            if found is not None:
                done.append(found)
    for interview in interviews:
        assert interview.id is not None
        reflection = store.get_reflection(interview.id)
        if reflection is not None and reflection.updated_at is not None:
            done.append(Done(FollowUpKind.REFLECTION, reflection.updated_at, None, interview.id))
    heard = tuple(Heard(r.received_at, r.decision_date) for r in store.replies(application.id))
    record = Record(application, interviews, profile, tuple(done), heard, active)
    return Loaded(application, interviews, rows, record, names)


def _done(store: Store, row: FollowUp, names: dict[int, str], *, own: bool) -> Done | None:
    """The history entry of a stored row, or None when the row is no history of use."""
    from followup.domain.policy.chase import CONTACTS

    if row.status not in HISTORY:
        return None
    at = row.done_at or row.target or row.earliest
    if at is None:
        return None
    recipient = None
    if row.recipient_id is not None:
        if row.recipient_id not in names:
            names[row.recipient_id] = store.get_contact(row.recipient_id).name
        recipient = names[row.recipient_id]
    interview_id = row.interview_id
    if row.kind is FollowUpKind.LINKEDIN:
        if recipient is None and not own:
            return None  # "someone at the company" must not stand for every interviewer
        interview_id = None
    elif not own:
        if row.kind not in CONTACTS:
            return None  # another application's courtesies say nothing about this one
        interview_id = OTHER_INTERVIEW
    return Done(row.kind, at, recipient, interview_id, skipped=row.status is FollowUpStatus.SKIPPED)


# Reconciliation -----------------------------------------------------------------------


def row_key(row: FollowUp) -> Key:
    """The identity a re-plan matches a stored row on."""
    return (row.interview_id, row.kind, row.recipient_id, row.number)


def step_key(step: Step, loaded: Loaded) -> Key:
    """The identity of a planned step: its recipient's name mapped to a contact ID."""
    return (step.interview_id, step.kind, recipient_id(step, loaded), step.number)


def recipient_id(step: Step, loaded: Loaded) -> int | None:
    """The contact a step goes to: by name (any case) on its interview, else on any."""
    if step.recipient is None:
        return None
    wanted = name_key(step.recipient)
    ordered = sorted(loaded.interviews, key=lambda i: i.id != step.interview_id)
    for interview in ordered:
        for person in interview.interviewers:
            if name_key(person.contact.name) == wanted:
                return person.contact.id
    return None


def reconcile(
    store: Store, loaded: Loaded, plan: Plan
) -> tuple[Changes, list[tuple[Step, FollowUp | None]]]:
    """Write ``plan`` over the stored rows (see the module docstring).

    Returns what changed, and each step with the stored row it is (None for a step that
    is not stored: a done step known only from a reflection, a cancelled step never
    planned before).
    """
    assert loaded.application.id is not None
    changes = Changes()
    pending: dict[Key, list[FollowUp]] = {}
    cancelled: dict[Key, list[FollowUp]] = {}
    history: dict[Key, list[FollowUp]] = {}
    for stored in loaded.rows:
        shelf = (
            pending
            if stored.status in PENDING
            else cancelled
            if stored.status is FollowUpStatus.CANCELLED
            else history
        )
        shelf.setdefault(row_key(stored), []).append(stored)
    paired: list[tuple[Step, FollowUp | None]] = []
    for step in plan.steps:
        k = step_key(step, loaded)
        mine = pending.get(k)
        row = mine.pop(0) if mine else None
        if step.status is FollowUpStatus.PLANNED:
            row = _planned(store, loaded, step, k, row, cancelled.get(k), changes)
        elif step.status is FollowUpStatus.CANCELLED:
            if row is not None:
                row = _write(store, replace(row, status=step.status, reason=step.reason))
                changes.cancelled.append(row)
            else:
                row = _last(cancelled.get(k))
        elif row is not None:  # the history says done or skipped: settle the pending row
            row = _write(store, replace(row, status=step.status, done_at=step.done_at))
            changes.settled.append(row)
        else:
            row = _last(history.get(k))
        paired.append((step, row))
    for left in pending.values():
        for stale in left:
            gone = replace(
                stale,
                status=FollowUpStatus.CANCELLED,
                reason=f"No longer in the plan: {gone_because(stale, loaded)}",
            )
            changes.cancelled.append(_write(store, gone))
    return changes, paired


def _planned(
    store: Store,
    loaded: Loaded,
    step: Step,
    k: Key,
    row: FollowUp | None,
    cancelled: list[FollowUp] | None,
    changes: Changes,
) -> FollowUp:
    """The stored row of a planned step: updated, revived or inserted.

    A step whose message waits in the outbox and whose window moved (the interview's
    date or the decision date changed) has that message taken out: its send time, and
    maybe its text, were for the old window. It is a draft again, the step ``drafted``,
    and `followup due` shows it at its new time. A cancelled step brought back likewise:
    its message may still be scheduled (the sender withdraws such messages only when
    their time comes), and it must not go out at the old time.
    """
    if row is not None:
        wanted = _with_step(row, step)
        if row.status is FollowUpStatus.SCHEDULED and _moved(row, wanted):
            changes.unscheduled.extend(_take_out(store, row))
            wanted = replace(wanted, status=FollowUpStatus.DRAFTED)
        if not _same(row, wanted):
            row = _write(store, wanted)
            changes.updated.append(row)
        return row
    if cancelled:
        old = cancelled.pop()
        taken = _take_out(store, old)
        changes.unscheduled.extend(taken)
        status = FollowUpStatus.DRAFTED if taken else step.status
        row = _write(store, replace(_with_step(old, step), status=status))
        changes.revived.append(row)
        return row
    assert loaded.application.id is not None
    fresh = FollowUp(
        application_id=loaded.application.id,
        kind=step.kind,
        interview_id=step.interview_id,
        recipient_id=k[2],
        channel=step.channel,
        earliest=step.earliest,
        target=step.target,
        latest=step.latest,
        status=step.status,
        rule=step.rule,
        reason=step.reason,
        number=step.number,
    )
    row = store.add_followup(fresh)
    changes.inserted.append(row)
    return row


def _with_step(row: FollowUp, step: Step) -> FollowUp:
    return replace(
        row,
        channel=step.channel,
        earliest=step.earliest,
        target=step.target,
        latest=step.latest,
        rule=step.rule,
        reason=step.reason,
    )


def _moved(a: FollowUp, b: FollowUp) -> bool:
    """Whether the window opens or aims at another instant."""
    return _instant(a.earliest) != _instant(b.earliest) or _instant(a.target) != _instant(b.target)


def _take_out(store: Store, row: FollowUp) -> list[Message]:
    """The row's scheduled messages become drafts again (Message-ID and time dropped)."""
    assert row.id is not None
    taken = []
    for message in store.messages(row.id):
        if message.status is MessageStatus.SCHEDULED:
            draft = replace(
                message, status=MessageStatus.DRAFT, message_id=None, send_at=None, attempts=0
            )
            taken.append(store.update_message(draft))
    return taken


def _same(a: FollowUp, b: FollowUp) -> bool:
    """Equal as stored: times compared as instants (the row's are UTC, the step's local)."""
    return (
        a.channel == b.channel
        and a.rule == b.rule
        and a.reason == b.reason
        and a.status == b.status
        and all(_instant(x) == _instant(y) for x, y in _times(a, b))
    )


def _times(a: FollowUp, b: FollowUp) -> Iterable[tuple[datetime | None, datetime | None]]:
    return ((a.earliest, b.earliest), (a.target, b.target), (a.latest, b.latest))


def _instant(moment: datetime | None) -> float | None:
    return None if moment is None else moment.timestamp()


def _last(rows: list[FollowUp] | None) -> FollowUp | None:
    return rows[-1] if rows else None


def _write(store: Store, row: FollowUp) -> FollowUp:
    return store.update_followup(row)


def gone_because(row: FollowUp, loaded: Loaded) -> str:
    """Why a pending row has no step in the plan any more, in one clause."""
    latest = max(loaded.interviews, key=lambda i: (i.end, i.start, i.id or 0), default=None)
    if row.kind is FollowUpKind.KEEP_APPLYING:
        return (
            "enough applications are active now, or your latest interview holds the reminder "
            "(seed 001)."
        )
    interview = next((i for i in loaded.interviews if i.id == row.interview_id), None)
    if interview is None:
        return "its interview is no longer on record."
    if (
        row.kind
        in (
            FollowUpKind.CHECK_IN,
            FollowUpKind.AVAILABILITY_REQUEST,
            FollowUpKind.CLOSE_THE_LOOP,
            FollowUpKind.CALL,
        )
        and latest is not None
        and latest.id != interview.id
    ):
        return f"the check-ins now follow the latest round, interview #{latest.id}."
    people = {p.contact.id for p in interview.interviewers}
    if row.recipient_id is not None and row.recipient_id not in people:
        who = loaded.names.get(row.recipient_id, "the recipient")
        return f"{who} is no longer among interview #{interview.id}'s interviewers."
    return "the record or the policy settings changed, and the plan with them."
