"""`followup sync`: find the employers' replies in the inbox over IMAP, and re-plan.

Incremental: the sync state (``mail_folders``) holds the folder's UIDVALIDITY and the
last UID read, so a sync reads only the headers of messages that arrived since. When the
server reports a different UIDVALIDITY, or a UIDNEXT at or below the last UID read (a
restored mailbox that kept its UIDVALIDITY), it has renumbered the folder, and the whole
folder is read again; replies already recorded are known by their own Message-ID (one
without a Message-ID by its sender, subject and Date) and are never recorded twice. The
folder is opened read-only: a sync never marks anything as read.

Each message's headers are classified and matched (domain/mail): auto-replies and bounces
are never replies; a reply is matched by In-Reply-To and References to a message
followup sent, else by the sender's address among the application's contacts, else by
the company's domain (free-mail domains never count), and an address or domain match
only from the end of the latest interview on, so an old recruiter email read by a first
sync cancels nothing. The few matched messages are then fetched whole for a snippet.

Each reply is recorded (with its Message-ID and how it was matched) and its application
is re-planned: pending check-ins are cancelled, as `followup replied` does. A bounce of a
message followup sent marks that message failed and its step pending again, unless it is
about an address the message no longer goes to, or about a sending before the last one
(a retry keeps the Message-ID, and a renumbered inbox brings old bounces back): a bounce
read again is not applied again (:func:`_returns` says how, and its one gap). The
replies, the re-plans and the new sync state are written in one transaction: an
interruption loses nothing and records nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followup.domain.model import PENDING, FollowUpKind, FollowUpStatus, Reply, Status

if TYPE_CHECKING:
    from followup.adapters.mail.imap import FolderState, ImapMailbox
    from followup.domain.mail.body import Bounce
    from followup.domain.mail.incoming import Incoming
    from followup.domain.mail.match import Known, Match
    from followup.domain.model import Application, Message, Profile
    from followup.services.context import AppContext

#: The folder replies arrive in (RFC 3501 names it; every server has it).
INBOX = "INBOX"
#: Headers are fetched this many messages at a time: memory stays flat on a big mailbox.
BATCH = 1000

#: The steps that chase an answer: a reply makes them moot.
CHASERS = frozenset(
    {FollowUpKind.CHECK_IN, FollowUpKind.AVAILABILITY_REQUEST, FollowUpKind.CLOSE_THE_LOOP}
)
#: The longest header value a reply keeps (RFC 5322's line; the replies columns' size).
MAX_HEADER = 998

#: A bounce that returns no dated copy, dated this long before the message it names was
#: (last) sent, is about an earlier sending: a retry keeps the Message-ID, and a renumbered
#: inbox is read again. The slack is for the reporting server's clock (see _returns).
BOUNCE_SLACK = timedelta(minutes=10)

#: progress(done, total): called after every batch (total is an estimate on a resync).
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Found:
    """A reply recorded by the sync, with its application."""

    reply: Reply
    company: str
    role: str


@dataclass
class SyncReport:
    """What one sync read and did."""

    read: int = 0
    replies: list[Found] = field(default_factory=list)
    #: Automatic replies (out of office...) that would have matched an application: the
    #: user learns they do not count. Newsletters and other lists' mail are not counted.
    auto_replies: int = 0
    bounces: list[tuple[Message, str]] = field(default_factory=list)
    #: Pending steps the replies cancelled (check-ins that are no longer needed).
    cancelled: int = 0
    #: The server renumbered the folder (UIDVALIDITY changed): it was read again in full.
    renumbered: bool = False


def sync(ctx: AppContext, *, progress: Progress | None = None) -> SyncReport:
    """Read the inbox's new messages, record the replies, re-plan (module docstring)."""
    from followup.adapters.mail.imap import ImapMailbox
    from followup.services.mail_config import account, need

    imap = need(ctx, "imap")
    profile = ctx.profile()
    assert profile.id is not None
    store, report = ctx.store, SyncReport()
    name = account(imap)
    with ImapMailbox(imap) as box:
        state = box.select(INBOX)
        saved = store.folder_state(profile.id, name, INBOX)
        after = 0
        if saved is not None and saved.uidvalidity == state.uidvalidity:
            after = saved.last_uid
        report.renumbered = saved is not None and saved.uidvalidity != state.uidvalidity
        if after and state.uidnext is not None and state.uidnext <= after:
            # UIDs went down under the same UIDVALIDITY (a restored or rebuilt mailbox):
            # "nothing above the last UID" would hide new mail; read it all again.
            after, report.renumbered = 0, True
        last, matched, bounced = _read(ctx, box, profile, after, state, report, progress)
        whole = box.fetch_full(INBOX, [i.uid for i, _ in matched] + [i.uid for i in bounced])
    with store.batch():  # the replies, the re-plans and the position: all or nothing
        _record(ctx, profile, matched, bounced, whole, report)
        if last > after or saved is None or report.renumbered:
            store.save_folder_state(profile.id, name, INBOX, state.uidvalidity, last)
    return report


def _read(
    ctx: AppContext,
    box: ImapMailbox,
    profile: Profile,
    after: int,
    state: FolderState,
    report: SyncReport,
    progress: Progress | None,
) -> tuple[int, list[tuple[Incoming, Match]], list[Incoming]]:
    """Every new message's headers, classified and matched; the last UID read."""
    from followup.domain.mail.incoming import parse_headers
    from followup.domain.mail.match import match

    assert profile.id is not None
    exists, uidnext = state.exists, state.uidnext
    total = exists if after == 0 or not uidnext else min(exists, max(uidnext - 1 - after, 0))
    known: Known | None = None
    # The Message-IDs of the replies recorded, and of those this sync found.
    seen: set[str] = set()
    last = after
    matched: list[tuple[Incoming, Match]] = []
    bounced: list[Incoming] = []
    for batch in box.headers_after(INBOX, after, batch=BATCH):
        if known is None:  # built only when something new arrived: a quiet sync stays fast
            known = _known(ctx, profile)
            seen = ctx.store.reply_header_ids(profile.id)
        for uid, raw in batch:
            last = max(last, uid)
            incoming = parse_headers(uid, raw)
            report.read += 1
            if incoming.kind == "auto-reply":
                # Only one from their people says something (Dana is away): a first sync
                # reads years of newsletters, which would be counted by the thousand.
                if match(replace(incoming, kind="reply"), known) is not None:
                    report.auto_replies += 1
            elif incoming.kind == "bounce":
                bounced.append(incoming)
            elif incoming.message_id is None or incoming.message_id not in seen:
                found = match(incoming, known)
                if found is not None:
                    matched.append((incoming, found))
                    # A second copy (sent to two of your addresses, say) is the same reply.
                    if incoming.message_id is not None:
                        seen.add(incoming.message_id)
        if progress is not None:
            progress(report.read, max(total, report.read))
    return last, matched, bounced


def _known(ctx: AppContext, profile: Profile) -> Known:
    """What a message is matched against: what followup sent, and each application's people."""
    from followup.domain.mail.domains import company_domains
    from followup.domain.mail.match import Known, Party, Sent

    assert profile.id is not None
    store = ctx.store
    sent_rows = store.sent_messages(profile.id)
    sent = {
        m.message_id: Sent(m.message_id, m.id, app)
        for m, app in sent_rows
        if m.message_id is not None and m.id is not None
    }
    first_sent: dict[int, datetime] = {}
    addresses: dict[int, set[str]] = {}
    for m, app in sent_rows:
        if m.sent_at is not None and (app not in first_sent or m.sent_at < first_sent[app]):
            first_sent[app] = m.sent_at
        if m.to_email:
            addresses.setdefault(app, set()).add(m.to_email.lower())
    parties = []
    for application in store.applications(profile.id):
        assert application.id is not None
        interviews = store.interviews_for(application.id)
        people = addresses.setdefault(application.id, set())
        for interview in interviews:
            people.update(
                i.contact.email.lower() for i in interview.interviewers if i.contact.email
            )
        ends = [i.end for i in interviews]
        since = max(ends) if ends else first_sent.get(application.id)
        parties.append(
            Party(
                application_id=application.id,
                addresses=frozenset(people),
                domains=company_domains(people),
                since=since,
                active=application.status.active,
                last_activity=max(ends) if ends else since or ctx.clock(),
            )
        )
    own = frozenset({profile.email.lower()} if profile.email else set())
    return Known(sent=sent, parties=tuple(parties), own=own)


def _record(
    ctx: AppContext,
    profile: Profile,
    matched: list[tuple[Incoming, Match]],
    bounced: list[Incoming],
    whole: dict[int, bytes],
    report: SyncReport,
) -> None:
    """Store the replies and bounces, and re-plan each application they touch."""
    from followup.domain.mail.body import read_bounce, snippet
    from followup.services.outbox import give_up
    from followup.services.plan import replan

    assert profile.id is not None
    store, now = ctx.store, ctx.clock()
    with store.batch():
        store.lock_profile(profile.id)
        sent = {m.message_id: m for m, _ in store.sent_messages(profile.id)}
        for incoming in bounced:
            returned = read_bounce(whole.get(incoming.uid, b""))
            for ident in returned.ids:
                message = sent.get(ident)
                if message is not None and _returns(incoming, returned, message):
                    del sent[ident]
                    why = f"returned as undeliverable ({incoming.subject or 'no subject'})."
                    report.bounces.append((give_up(ctx, message, why), why))
        # Another sync (`followup watch`, say) may have recorded some of these since they
        # were read: what is recorded is looked at again under the profile's lock.
        recorded = store.reply_header_ids(profile.id)
        touched: dict[int, Application] = {}
        for incoming, found in matched:
            if incoming.message_id is not None and incoming.message_id in recorded:
                continue
            received = min(incoming.date or now, now)
            # A longer "Message-ID" is no real one: kept, it would not fit its column.
            own_id = incoming.message_id
            header_id = own_id if own_id is not None and len(own_id) <= MAX_HEADER else None
            reply = Reply(
                application_id=found.application_id,
                received_at=received,
                message_id=found.message_row,
                sender=_fit(incoming.sender),
                subject=_fit(incoming.subject),
                snippet=snippet(whole.get(incoming.uid, b"")) or None,
                header_id=header_id,
                matched_by=found.how,
            )
            if header_id is None and _recorded(ctx, reply, dated=incoming.date is not None):
                continue
            application = touched.get(found.application_id) or store.get_application(
                found.application_id
            )
            touched[found.application_id] = application
            reply = store.add_reply(reply)
            report.replies.append(Found(reply, application.company, application.role))
        for app_id, application in touched.items():
            report.cancelled += _replan(ctx, profile, app_id, application, replan)


def _recorded(ctx: AppContext, reply: Reply, *, dated: bool) -> bool:
    """Whether a reply with no (usable) Message-ID was recorded by an earlier sync.

    Read again after the server renumbered the folder, it is known by its sender, subject
    and Date (its text, when it has no Date either: it was recorded with the sync's time).
    """
    same = ("sender", "subject", "received_at" if dated else "snippet")
    return any(
        old.header_id is None and all(getattr(old, f) == getattr(reply, f) for f in same)
        for old in ctx.store.replies(reply.application_id)
    )


def _returns(incoming: Incoming, bounce: Bounce, message: Message) -> bool:
    """Whether a bounce is about the message as it is now: its address, its last sending.

    A bounce already applied must never be applied again: read again when the server
    renumbers the inbox or the IMAP settings change (a first read), it would fail a
    message the user has corrected and retried since, and put its step in `followup due`
    again: the note would be sent twice.

    Why not remember the bounce itself (its Message-ID, else sender, subject and Date, as
    replies are known)? There is nowhere to keep it without a new column: the message's
    ``error`` holds the bounce's subject only while the message is failed; `outbox --retry`
    and the sending clear it, and only a message sent again (``sent``) can be failed again.
    So a bounce is known as applied by what it returns instead, and two tests suffice:

    1. Its address. A bounce that names recipients none of which is the message's
       address now (``to_email``) is about an address no longer used: the user corrected
       it (`followup edit`) and retried.
    2. Its sending. A bounce applied made the message failed; it is ``sent`` again only
       after `outbox --retry`, which schedules it (``send_at``) for the moment of the retry,
       after the sync that applied the bounce; and every sending is built (its Date
       written, by our clock) at or after its ``send_at``. So the returned copy's Date
       before the message's ``send_at`` (to the second: Date has no fraction) is an
       earlier sending's: applied already, or moot. Both times are our own clock's: no
       slack for the reporting server's. A bounce without the copy's Date (few: the
       copy's Message-ID is what names the message) falls back on its own Date, with
       BOUNCE_SLACK for the reporting server's clock. The gap: such a bounce, naming the
       address still in use and dated within BOUNCE_SLACK before a retry, would fail the
       retried message again if the inbox were read again.
    """
    from followup.domain.mail.domains import ascii_address

    to = ascii_address(message.to_email) if message.to_email else None
    if bounce.recipients and to is not None and to not in bounce.recipients:
        return False
    if bounce.copy_date is not None and message.send_at is not None:
        return bounce.copy_date >= message.send_at.replace(microsecond=0)
    if incoming.date is None or message.sent_at is None:
        return True  # nothing to tell by: a bounce names the message, believe it
    return incoming.date >= message.sent_at - BOUNCE_SLACK


def _fit(text: str | None) -> str | None:
    """A header value cut to what the replies columns hold."""
    return text[:MAX_HEADER] if text else text


def _replan(
    ctx: AppContext,
    profile: Profile,
    app_id: int,
    application: Application,
    replan: Callable[..., object],
) -> int:
    """Re-plan one application after its replies; how many pending chasers it cancelled.

    Only the steps that chase an answer count (check-ins, availability requests, closing
    the loop): the re-plan may also drop a step whose time has passed, which the reply
    did not cause.
    """
    store = ctx.store
    if application.status is Status.NO_RESPONSE:  # they answered after all: reopened
        status = Status.INTERVIEWING if store.interviews_for(app_id) else Status.APPLIED
        store.update_application(replace(application, status=status))
    before = {f.id for f in store.followups(application_id=app_id) if f.status in PENDING}
    replan(ctx, app_id, profile=profile)
    after = store.followups(application_id=app_id)
    return sum(
        1
        for f in after
        if f.id in before and f.status is FollowUpStatus.CANCELLED and f.kind in CHASERS
    )
