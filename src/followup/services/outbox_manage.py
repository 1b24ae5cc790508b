"""`followup outbox`: list the outbox, take a message out, or send a failed one again.

- :func:`listing`: scheduled and sending messages, failed ones whose step is still
  pending, and the ones sent in the last seven days (``everything``: all of them), by
  send time.
- :func:`cancel`: a scheduled or failed message becomes a draft again (its Message-ID
  is dropped: rescheduling gives a new one) and its step is ``drafted``, unless the user
  settled it meanwhile (done by hand, skipped, cancelled by a reply): that stays, or
  the step would be sent a second time. A message being sent right now cannot be taken
  back: exit 2.
- :func:`retry`: a failed or held message is scheduled for now, its attempts reset, to
  the recipient's address as the record gives it now; the next `followup outbox --send`
  or `followup watch` sends it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followup.domain.model import PENDING, FollowUpStatus, Message, MessageStatus
from followup.errors import InputError

if TYPE_CHECKING:
    from followup.adapters.store.mail import OutboxRow
    from followup.services.context import AppContext

#: Sent messages the plain listing still shows.
RECENT = timedelta(days=7)
_OPEN = (MessageStatus.SCHEDULED, MessageStatus.SENDING, MessageStatus.FAILED)


def listing(ctx: AppContext, *, everything: bool = False) -> list[OutboxRow]:
    """The outbox as `followup outbox` shows it (see the module docstring)."""
    profile = ctx.profile()
    assert profile.id is not None
    rows = ctx.store.outbox(profile.id, (*_OPEN, MessageStatus.SENT))
    if everything:
        return rows
    since = ctx.clock() - RECENT
    return [r for r in rows if _current(r, since)]


def _current(row: OutboxRow, since: datetime) -> bool:
    """Shown without --all: what waits, a failure still to act on, what went out lately.

    A failed message whose step was settled since (recorded with `followup done`, or
    cancelled by a reply) needs nothing more: it is listed with --all only.
    """
    message = row.message
    if message.status is MessageStatus.SENT:
        return message.sent_at is not None and message.sent_at >= since
    if message.status is MessageStatus.FAILED:
        return FollowUpStatus(row.followup_status) in PENDING
    return True


def _own(ctx: AppContext, message_id: int, field: str) -> OutboxRow:
    """A message of this profile's outbox, with its step; InputError naming ``field``."""
    profile = ctx.profile()
    assert profile.id is not None
    rows = ctx.store.outbox(profile.id, (*_OPEN, MessageStatus.SENT))
    for row in rows:
        if row.message.id == message_id:
            return row
    raise InputError(
        field,
        f"no message {message_id} in the outbox.",
        fix="See the numbers with `followup outbox`.",
    )


def cancel(ctx: AppContext, message_id: int) -> Message:
    """Take a message out of the outbox: it is a draft again."""
    store = ctx.store
    with store.batch():
        # Before reading it: a sender claiming it meanwhile waits, then finds it a draft.
        store.lock_message(message_id)
        message = _own(ctx, message_id, "--cancel").message
        if message.status is MessageStatus.SENDING:
            # Being sent now, or left so by a sender that was interrupted: either way
            # it may have gone out, and only the Sent-folder check can tell.
            raise InputError(
                "--cancel",
                f"message {message_id} is being sent, or its sending was interrupted; it "
                "may have gone out already.",
                fix="`followup outbox --send` settles it (it looks for it in your Sent "
                "folder first); then see `followup outbox`.",
            )
        if message.status is MessageStatus.SENT:
            raise InputError(
                "--cancel", f"message {message_id} was sent already.", fix="It cannot be recalled."
            )
        draft = replace(
            message, status=MessageStatus.DRAFT, message_id=None, send_at=None, attempts=0
        )
        store.update_message(draft)
        store.reopen_step(message.followup_id)
    return draft


def retry(ctx: AppContext, message_id: int) -> Message:
    """Schedule a failed (or held) message again, for now."""
    from followup.services.outbox_schedule import address_fix, valid_address

    store = ctx.store
    with store.batch():
        store.lock_message(message_id)
        row = _own(ctx, message_id, "--retry")
        message = row.message
        if message.status is not MessageStatus.FAILED:
            raise InputError(
                "--retry",
                f"message {message_id} is {message.status.value}, not failed.",
                fix="Only a failed message is sent again; see `followup outbox`.",
            )
        if FollowUpStatus(row.followup_status) not in PENDING:
            raise InputError(
                "--retry",
                f"its {row.kind} is {row.followup_status} already, so it is not sent again.",
                fix="Nothing to do; `followup plan` shows what is still pending.",
            )
        steps = store.followups(application_id=row.application_id)
        step = next(f for f in steps if f.id == message.followup_id)
        contact = store.get_contact(step.recipient_id) if step.recipient_id else None
        if contact is None or not contact.email:
            raise InputError(
                "--retry",
                f"{message.to_name or 'the recipient'} has no email address in the record.",
                fix=address_fix(step, message.to_name or "NAME"),
            )
        valid_address(
            "--retry", f"{contact.name}'s", contact.email, address_fix(step, contact.name)
        )
        # To the address the record gives now: a 550 for a mistyped address is fixed
        # by correcting it with `followup edit`, then retrying.
        again = replace(
            message,
            status=MessageStatus.SCHEDULED,
            send_at=ctx.clock(),
            to_name=contact.name,
            to_email=contact.email,
            attempts=0,
            error=None,
        )
        store.update_message(again)
        store.set_step_status(message.followup_id, FollowUpStatus.SCHEDULED)
    return again
