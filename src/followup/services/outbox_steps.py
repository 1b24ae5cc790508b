"""Which steps `followup send` means: by kind, person and interview, or the next drafted one.

Split from outbox_schedule.py for size. :func:`chosen_steps` returns the drafted email
steps asked for, or refuses (exit 2) saying why nothing can be sent and what to do:
draft it first, it is already in the outbox, nobody by that name, a kind with a typo
(with the nearest kind that goes by email).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.domain.model import (
    OWN_KINDS,
    Application,
    Channel,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    MessageStatus,
)
from followup.errors import InputError

if TYPE_CHECKING:
    from followup.services.context import AppContext

#: "send the thank-you" to a panel member: either name finds the step.
_TWINS = {FollowUpKind.THANK_YOU: FollowUpKind.PANEL_NOTE}


def chosen_steps(
    ctx: AppContext,
    application: Application,
    kind: str | None,
    to: str | None,
    interview: int | None,
) -> list[FollowUp]:
    """The drafted email steps asked for; the earliest drafted step's group by default."""
    from followup.services.plan_marks import parse_kind

    store = ctx.store
    assert application.id is not None
    rows = store.followups(application_id=application.id)
    emailed = [r for r in rows if r.channel is Channel.EMAIL and r.kind not in OWN_KINDS]
    try:
        wanted = parse_kind(kind) if kind is not None else None
    except InputError as exc:  # name the option, and only the kinds that go by email
        raise InputError("--kind", exc.problem, fix=_email_kinds(kind or "")) from None
    if wanted is not None:
        kinds = {wanted, _TWINS.get(wanted, wanted)}
        emailed = [r for r in emailed if r.kind in kinds]
    if interview is not None:
        if not any(r.interview_id == interview for r in rows):
            raise InputError(
                "--interview",
                f"{application.company} has no interview #{interview} with steps to send.",
                fix=f"See its interviews with `followup show {application.id}`.",
            )
        emailed = [r for r in emailed if r.interview_id == interview]
    if to is not None:
        from followup.domain.policy.people import key

        wanted_name = key(to)
        emailed = [r for r in emailed if _named(ctx, r, wanted_name)]
    drafted = [r for r in emailed if r.status is FollowUpStatus.DRAFTED]
    if not drafted:
        raise _nothing(ctx, application, emailed, to)
    if wanted is None and to is None:
        first = drafted[0]
        drafted = [
            r for r in drafted if (r.kind, r.interview_id) == (first.kind, first.interview_id)
        ]
    return drafted


#: Kinds that never go by email (a LinkedIn request, a phone call).
_NOT_MAIL = ("linkedin", "call")


def _email_kinds(typed: str) -> str:
    """The kinds `followup send` takes, with the nearest one to a typo first."""
    import difflib

    kinds = [k.value for k in FollowUpKind if k not in OWN_KINDS and k.value not in _NOT_MAIL]
    near = difflib.get_close_matches(typed.strip().lower(), kinds, n=1, cutoff=0.5)
    guess = f"Did you mean {near[0]}? " if near else ""
    return f"{guess}An email step is one of: {', '.join(kinds)}."


def _named(ctx: AppContext, row: FollowUp, wanted: str) -> bool:
    """True when ``wanted`` is the recipient's full or first name, both as people.key folds.

    ``zoe`` finds Zoë.
    """
    if row.recipient_id is None:
        return False
    from followup.domain.policy.people import key

    name = key(ctx.store.get_contact(row.recipient_id).name)
    return wanted in (name, name.split(" ")[0])


def _nothing(
    ctx: AppContext, application: Application, rows: list[FollowUp], to: str | None
) -> InputError:
    """Why nothing can be sent, and what to do instead.

    Asked for one person, their earliest step decides: a thank-you already queued comes
    before the check-in that has no draft yet, and is what `send --to NAME` meant. Asked
    for the next step, the one to do next is the step without a draft.
    """
    ident = application.id
    planned = [r for r in rows if r.status is FollowUpStatus.PLANNED]
    queued = [r for r in rows if r.status is FollowUpStatus.SCHEDULED]
    if to and queued and planned and rows.index(queued[0]) < rows.index(planned[0]):
        planned = []
    if planned:
        first = planned[0]
        # With one check-in queued and the next only planned, "no draft yet" alone
        # reads as if the queued one had been lost.
        also = ""
        if queued:
            from followup.domain.compose.facts import indefinite

            kind = queued[0].kind.value
            also = (
                f" ({indefinite(kind)} {kind} is in the outbox already: `followup outbox` "
                "shows when it goes out)"
            )
        return InputError(
            "ID",
            f"the {first.kind.value} for {application.company} has no draft yet{also}.",
            fix=f"Write it first: `followup draft {ident} --kind {first.kind.value}`, "
            f"then `followup send {ident} --kind {first.kind.value}`.",
        )
    if queued:
        first = queued[0]
        assert first.id is not None
        waiting = [
            m.id for m in ctx.store.messages(first.id) if m.status is MessageStatus.SCHEDULED
        ]
        number = str(waiting[0]) if waiting else "N"
        return InputError(
            "ID",
            f"the {first.kind.value} for {application.company} is already in the outbox.",
            fix="See when it goes out with `followup outbox`; to change the time, take it "
            f"out with `followup outbox --cancel {number}`, then send it again.",
        )
    if to is not None and not rows:
        return InputError(
            "--to",
            f"nobody called {to!r} has an email step to send for {application.company}.",
            fix=f"Give a name as `followup plan {ident}` shows it, or leave --to out.",
        )
    whom = f" to {to}" if to else ""
    return InputError(
        "ID",
        f"no drafted email{whom} is waiting to be sent for {application.company}.",
        fix=f"See the plan with `followup plan {ident}`.",
    )
