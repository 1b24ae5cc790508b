"""The outbox: send what is due, exactly once, even across crashes.

One sender per profile at a time (:meth:`Store.sender_lock`: ``flock`` beside a SQLite
file, a PostgreSQL advisory lock), so a message found in ``sending`` was left there by a
process that died. Each message goes:

1. **claim**: ``scheduled`` -> ``sending`` in one conditional UPDATE, committed before a
   byte goes to the server;
2. **send** over SMTP, with the Message-ID fixed when it was scheduled;
3. **mark sent**: the message and its step, in one transaction.

A crash between 1 and 3 leaves the message in ``sending``. The next run **settles** it
before sending anything: it looks for the Message-ID in the Sent folder over IMAP. Found:
it went out, so it is marked sent (never sent again). Not found: when the SMTP server
files what it sends in the Sent folder itself (``smtp_saves_sent = true``, right for
Gmail), it did not go out, so it is sent again. Otherwise (the default, false), or with
no IMAP to look in, nobody can tell, and the message is held (``failed``, with the
reason) for the user to check their Sent folder: if it is not there, `followup outbox
--retry N` sends it; if it is, `followup done` records the step. Either way a crash
never sends a message twice and never loses one silently.

After a send, when the server does not file what it sends (``smtp_saves_sent`` false), a
copy goes to the Sent folder, so the user's mail client shows what followup sent.

A temporary failure (a 4xx answer, a dropped connection) is tried again later, with a
growing pause; a permanent one (5xx: the address does not exist), or the eighth failure,
marks the message ``failed`` and its step pending again, so `followup due` shows it.
A bounce found by `followup sync` does the same.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followup.domain.model import Message, MessageStatus
from followup.errors import InputError, MailError

if TYPE_CHECKING:
    from collections.abc import Collection

    from followup.adapters.mail.imap import ImapMailbox
    from followup.adapters.mail.server import ServerSettings
    from followup.domain.model import Profile
    from followup.services.context import AppContext

#: After this many failed attempts a message is failed, not retried.
MAX_ATTEMPTS = 8
#: The pause before attempt n + 1 is 2**n minutes, at most this.
MAX_PAUSE = timedelta(hours=6)
#: A message claimed this recently may still be on its way into the Sent folder (the
#: server files it as it accepts it): settling waits this long after the claim.
SETTLE_GRACE = timedelta(seconds=5)


@dataclass
class SendReport:
    """What one run of the sender did."""

    sent: list[Message] = field(default_factory=list)
    #: (message, why) for messages tried again later, failed, or held after a crash.
    retrying: list[tuple[Message, str]] = field(default_factory=list)
    failed: list[tuple[Message, str]] = field(default_factory=list)
    held: list[tuple[Message, str]] = field(default_factory=list)
    #: Messages a crash left in ``sending`` that turned out to have gone out.
    settled: list[Message] = field(default_factory=list)
    #: Another process is the sender right now: nothing was done.
    busy: bool = False
    #: Notes that need no action (a copy that could not be filed in Sent...).
    notes: list[str] = field(default_factory=list)
    #: The server failure that stopped the run (the messages stay scheduled).
    error: MailError | None = None


def send_due(ctx: AppContext, *, only: Collection[int] | None = None) -> SendReport:
    """Settle what a crash left, then send every scheduled message whose time has come.

    ``only`` limits the run to these message IDs (`followup send --now`).
    """
    from followup.services.mail_config import need, server

    smtp = need(ctx, "smtp")
    imap = server(ctx, "imap")
    profile = ctx.profile()
    assert profile.id is not None
    report = SendReport()
    with ctx.store.sender_lock(profile.id) as mine:
        if not mine:
            report.busy = True
            return report
        _settle(ctx, profile.id, imap, report)
        now = ctx.clock()
        due = ctx.store.due_messages(profile.id, now)
        if only is not None:
            due = [m for m in due if m.id in only]
        if due:
            copies = _send(ctx, profile, smtp, due, report)
            # A server that files what it sends (smtp_saves_sent) needs no copy from us:
            # it may file it a moment after the 250, and a look now would miss it and
            # put a second one there.
            if copies and imap is not None and not ctx.settings["smtp_saves_sent"]:
                _file_copies(ctx, imap, copies, report)
    return report


def _send(
    ctx: AppContext,
    profile: Profile,
    smtp: ServerSettings,
    due: list[Message],
    report: SendReport,
) -> list[tuple[Message, bytes]]:
    from followup.adapters.mail.smtp import SmtpSender

    store, profile_id = ctx.store, profile.id
    assert profile_id is not None
    copies: list[tuple[Message, bytes]] = []
    try:
        with SmtpSender(smtp) as sender:
            for message in due:
                assert message.id is not None
                claimed = store.claim(message.id)
                if claimed is None:
                    _withdraw(ctx, profile_id, message.id, report)
                    continue  # cancelled, taken by another sender, or no longer wanted
                try:
                    data = _wire(claimed, profile, ctx.clock())
                except InputError as exc:
                    # Nothing went out (the profile lost its address, a stored field is
                    # malformed): failed with the reason, never left claimed, where the
                    # next run would hold it as "whether it went out is unknown".
                    report.failed.append((give_up(ctx, claimed, str(exc)), str(exc)))
                    continue
                try:
                    sender.send(
                        data, sender=profile.email or "", recipients=[claimed.to_email or ""]
                    )
                except MailError as exc:
                    if exc.uncertain:
                        # The server may have it: it stays `sending`, and the next run
                        # settles it in the Sent folder like a crash, never resending blind.
                        raise MailError(
                            exc.server,
                            exc.stage,
                            f"#{claimed.id}: {exc.reason}",
                            fix="It stays in the outbox as sending: the next `followup outbox "
                            "--send` or `followup watch` looks for it in the Sent folder before "
                            "it sends anything again.",
                            uncertain=True,
                        ) from None
                    _failed(ctx, claimed, exc, report)
                    if exc.stage != "send" or sender.closed:
                        raise  # the connection is gone: the rest wait for the next run
                    continue
                report.sent.append(store.mark_sent(claimed, ctx.clock()))
                copies.append((report.sent[-1], data))
    except MailError as exc:
        report.error = exc
    return copies


def _withdraw(ctx: AppContext, profile_id: int, message_id: int, report: SendReport) -> None:
    """A message still scheduled whose step was cancelled (they replied) becomes a draft."""
    rows = ctx.store.outbox(profile_id, (MessageStatus.SCHEDULED,))
    row = next((r for r in rows if r.message.id == message_id), None)
    if row is None:
        return  # the user cancelled it, or another sender has it
    message = row.message
    draft = replace(message, status=MessageStatus.DRAFT, message_id=None, send_at=None)
    ctx.store.update_message(draft)
    report.notes.append(
        f"#{message_id} ({row.kind} to {message.to_name}) is not sent: its step was "
        f"{row.followup_status} (a reply, or the plan changed); it is a draft again."
    )


def _wire(message: Message, profile: Profile, now: datetime) -> bytes:
    """The bytes that go out: the stored draft, From the profile, the fixed Message-ID."""
    from followup.adapters.mail.eml import outgoing_message, to_bytes

    assert message.message_id is not None
    return to_bytes(
        outgoing_message(
            body=message.body,
            subject=message.subject,
            date=now,
            message_id=message.message_id,
            from_name=profile.name,
            from_email=profile.email,
            to_name=message.to_name,
            to_email=message.to_email,
            in_reply_to=message.in_reply_to,
            references=(message.in_reply_to,) if message.in_reply_to else (),
        )
    )


def _failed(ctx: AppContext, message: Message, exc: MailError, report: SendReport) -> None:
    """Try again later, or give up (a permanent refusal, or too many attempts)."""
    reason = exc.message
    if exc.permanent or message.attempts >= MAX_ATTEMPTS:
        report.failed.append((give_up(ctx, message, reason), reason))
        return
    pause = min(timedelta(minutes=2 ** max(message.attempts - 1, 0)), MAX_PAUSE)
    later = replace(
        message, status=MessageStatus.SCHEDULED, send_at=ctx.clock() + pause, error=reason
    )
    ctx.store.update_message(later)
    report.retrying.append((later, reason))


def give_up(ctx: AppContext, message: Message, reason: str) -> Message:
    """The message is ``failed`` with the reason; its step is pending again (drafted).

    A step the user settled meanwhile (done by hand, skipped, cancelled by a reply) stays
    settled: pending again, it would be sent twice.
    """
    store = ctx.store
    failed = replace(message, status=MessageStatus.FAILED, error=reason)
    with store.batch():
        store.update_message(failed)
        store.reopen_step(message.followup_id)
    return failed


# Crashes ------------------------------------------------------------------------------


def _settle(
    ctx: AppContext, profile_id: int, imap: ServerSettings | None, report: SendReport
) -> None:
    """Decide what became of each message a dead sender left in ``sending``."""
    stuck = ctx.store.stuck_messages(profile_id)
    if not stuck:
        return
    from followup.adapters.mail.imap import ImapMailbox

    if imap is None:
        for message in stuck:
            _hold(ctx, message, "no IMAP server is set up to look in the Sent folder", report)
        return
    _wait_for_filing(ctx, stuck)
    try:
        with ImapMailbox(imap) as box:
            folder = box.sent_folder(ctx.settings["imap_sent_folder"] or None)
            for message in stuck:
                _settle_one(ctx, box, folder, message, report)
    except MailError as exc:
        # Undecided: they stay in `sending` (the lock keeps them ours) until IMAP answers.
        report.notes.append(
            f"{len(stuck)} message(s) interrupted while sending could not be checked in the "
            f"Sent folder ({exc.message}); they are checked again at the next run."
        )


def _settle_one(
    ctx: AppContext, box: ImapMailbox, folder: str, message: Message, report: SendReport
) -> None:
    assert message.message_id is not None
    if box.has_message_id(folder, message.message_id):
        report.settled.append(ctx.store.mark_sent(message, ctx.clock()))
    elif ctx.settings["smtp_saves_sent"]:
        # The server files what it accepts: not there means not accepted. Send it again.
        ctx.store.update_message(replace(message, status=MessageStatus.SCHEDULED))
    else:
        _hold(
            ctx,
            message,
            f"it is not in {folder}, and smtp_saves_sent says the server does not file "
            "what it sends there",
            report,
        )


def _hold(ctx: AppContext, message: Message, why: str, report: SendReport) -> None:
    import shlex

    profile = ctx.profile()
    assert profile.id is not None
    rows = ctx.store.outbox(profile.id, (MessageStatus.SENDING,))
    row = next((r for r in rows if r.message.id == message.id), None)
    done = "`followup done`"
    if row is not None:  # the very command: application, kind and person
        to = f" --to {shlex.quote(message.to_name)}" if message.to_name else ""
        done = f"`followup done {row.application_id} {row.kind}{to}`"
    reason = (
        f"Interrupted while sending, and whether it went out is unknown ({why}). Look in "
        f"your Sent folder: if it is not there, `followup outbox --retry {message.id}` sends "
        f"it; if it is, record it with {done}."
    )
    report.held.append((give_up(ctx, message, reason), reason))


def _wait_for_filing(ctx: AppContext, stuck: list[Message]) -> None:
    """Give the server the moment it needs to file a message accepted just before a crash."""
    newest = max(ctx.store.claimed_at(m.id) for m in stuck if m.id is not None)
    pause = (newest + SETTLE_GRACE - ctx.clock()).total_seconds()
    if 0 < pause <= SETTLE_GRACE.total_seconds():
        time.sleep(pause)


def _file_copies(
    ctx: AppContext, imap: ServerSettings, copies: list[tuple[Message, bytes]], report: SendReport
) -> None:
    """A copy of each sent message in the Sent folder, unless one is there already."""
    from followup.adapters.mail.imap import ImapMailbox

    try:
        with ImapMailbox(imap) as box:
            folder = box.sent_folder(ctx.settings["imap_sent_folder"] or None)
            for message, data in copies:
                assert message.message_id is not None
                if not box.has_message_id(folder, message.message_id):
                    box.append(folder, data, when=message.sent_at)
    except MailError as exc:
        report.notes.append(f"Sent, but no copy could be filed in the Sent folder: {exc.message}")
