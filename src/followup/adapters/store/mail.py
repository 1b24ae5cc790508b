"""The store's part for delivery and replies: the outbox, the sender's lock, the sync state.

The outbox's life of a message (services/outbox.py tells the whole story)::

    draft --schedule--> scheduled --claim--> sending --sent--> sent
                            ^                   |
                            +----release--------+--fail--> failed

:meth:`MailStore.claim` is one conditional UPDATE (``status = 'scheduled'``), so two
senders can never both take a message; :meth:`MailStore.mark_sent` writes the message and
its follow-up in one transaction. :meth:`MailStore.sender_lock` makes one process at a
time the sender of a profile, so a message left in ``sending`` is always one a dead
process left there.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa

from followup.adapters.store import schema as t
from followup.adapters.store.base import fields_of, new_uid, update_row
from followup.adapters.store.records import RecordStore
from followup.adapters.store.rows import to_message
from followup.domain.model import PENDING, FollowUpStatus, Message, MessageStatus


class OutboxRow(NamedTuple):
    """A message of the outbox with what listing it needs."""

    message: Message
    application_id: int
    company: str
    role: str
    kind: str
    followup_status: str


class FolderState(NamedTuple):
    """How far a sync has read one folder: its UIDVALIDITY and the last UID seen."""

    uidvalidity: int
    last_uid: int
    synced_at: datetime


#: In-process locks for databases with no file (SQLite in memory): one per URL.
_MEMORY_LOCKS: dict[str, threading.Lock] = {}


class MailStore(RecordStore):
    """Messages in the outbox, and what `followup sync` remembers of each folder."""

    # Messages --------------------------------------------------------------------------

    def get_message(self, message_id: int) -> Message:
        """The message with this row ID (NotFoundError otherwise)."""
        return to_message(self._one(t.messages, message_id, "message"))

    def update_message(self, message: Message) -> Message:
        """Write every field of an existing message."""
        values = fields_of(message, exclude=("id", "attachments"))
        with self.transaction() as conn:
            update_row(conn, t.messages, message.id, {**values, **self._stamps(False)}, "message")
        return message

    def outbox(self, profile_id: int, statuses: tuple[MessageStatus, ...]) -> list[OutboxRow]:
        """The profile's messages in these states, by send time then ID."""
        m, f, a = t.messages, t.followups, t.applications
        query = (
            sa.select(
                m,
                a.c.id.label("app_id"),
                a.c.company,
                a.c.role,
                f.c.kind,
                f.c.status.label("step_status"),
            )
            .join(f, f.c.id == m.c.followup_id)
            .join(a, a.c.id == f.c.application_id)
            .where(a.c.profile_id == profile_id, m.c.status.in_([s.value for s in statuses]))
            .order_by(m.c.send_at.is_(None), m.c.send_at, m.c.id)
        )
        with self.reading() as conn:
            return [
                OutboxRow(
                    to_message(row),
                    row["app_id"],
                    row["company"],
                    row["role"],
                    row["kind"],
                    row["step_status"],
                )
                for row in conn.execute(query).mappings()
            ]

    def due_messages(self, profile_id: int, now: datetime) -> list[Message]:
        """Scheduled messages whose send time has come, oldest first."""
        m = t.messages
        query = (
            self._of_profile(profile_id)
            .where(m.c.status == MessageStatus.SCHEDULED.value, m.c.send_at <= now)
            .order_by(m.c.send_at, m.c.id)
        )
        with self.reading() as conn:
            return [to_message(row) for row in conn.execute(query).mappings()]

    def stuck_messages(self, profile_id: int) -> list[Message]:
        """Messages left in ``sending``: a sender stopped between claiming and settling them."""
        m = t.messages
        query = self._of_profile(profile_id).where(m.c.status == MessageStatus.SENDING.value)
        with self.reading() as conn:
            return [to_message(row) for row in conn.execute(query.order_by(m.c.id)).mappings()]

    def claimed_at(self, message_id: int) -> datetime:
        """When a message was last changed: for one in ``sending``, when it was claimed."""
        value: datetime = self._one(t.messages, message_id, "message")["updated_at"]
        return value

    def next_send_at(self, profile_id: int) -> datetime | None:
        """When the next scheduled message is due, if any."""
        m = t.messages
        query = self._of_profile(profile_id).where(m.c.status == MessageStatus.SCHEDULED.value)
        with self.reading() as conn:
            rows = conn.execute(query.order_by(m.c.send_at).limit(1)).mappings().all()
        return rows[0]["send_at"] if rows else None

    def sent_messages(self, profile_id: int) -> list[tuple[Message, int]]:
        """Every sent message with a Message-ID, with its application's ID."""
        m, f = t.messages, t.followups
        query = (
            sa.select(m, f.c.application_id.label("app_id"))
            .join(f, f.c.id == m.c.followup_id)
            .join(t.applications, t.applications.c.id == f.c.application_id)
            .where(
                t.applications.c.profile_id == profile_id,
                m.c.status == MessageStatus.SENT.value,
                m.c.message_id.is_not(None),
            )
            .order_by(m.c.id)
        )
        with self.reading() as conn:
            return [(to_message(row), row["app_id"]) for row in conn.execute(query).mappings()]

    def _of_profile(self, profile_id: int) -> sa.Select[Any]:
        m, f, a = t.messages, t.followups, t.applications
        return (
            sa.select(m)
            .join(f, f.c.id == m.c.followup_id)
            .join(a, a.c.id == f.c.application_id)
            .where(a.c.profile_id == profile_id)
        )

    def lock_message(self, message_id: int) -> None:
        """Inside a batch: hold the message's row until it commits (a claim waits for it).

        PostgreSQL reads without locking, so a change decided on what was read (cancel a
        scheduled message) could overwrite a sender's claim made meanwhile; ``FOR UPDATE``
        makes the claim wait and then find the message no longer scheduled. SQLite needs
        nothing: a batch holds the database's write lock from its first statement.
        """
        m = t.messages
        with self.transaction() as conn:
            conn.execute(sa.select(m.c.id).where(m.c.id == message_id).with_for_update())

    def claim(self, message_id: int) -> Message | None:
        """Take a scheduled message for sending (status ``sending``, one more attempt).

        None when it is no longer scheduled (another sender took it, or the user
        cancelled), or when its step no longer waits for it: a reply, recorded by
        `followup replied` or `followup sync` in another process a moment ago, cancelled
        the check-in. The test and the update are one statement, so no such race is lost.
        """
        m, f = t.messages, t.followups
        waiting = sa.select(f.c.id).where(f.c.status.in_([s.value for s in PENDING]))
        with self.transaction() as conn:
            result = conn.execute(
                m.update()
                .where(
                    m.c.id == message_id,
                    m.c.status == MessageStatus.SCHEDULED.value,
                    m.c.followup_id.in_(waiting),
                )
                .values(
                    status=MessageStatus.SENDING.value,
                    attempts=sa.func.coalesce(m.c.attempts, 0) + 1,
                    **self._stamps(False),
                )
            )
            if result.rowcount != 1:
                return None
            row = conn.execute(sa.select(m).where(m.c.id == message_id)).mappings().one()
        return to_message(row)

    def mark_sent(self, message: Message, sent_at: datetime) -> Message:
        """The message went out: it and its follow-up are ``sent``, in one transaction."""
        sent = replace(message, status=MessageStatus.SENT, sent_at=sent_at, error=None)
        f = t.followups
        with self.transaction() as conn:
            self._write_message(conn, sent)
            conn.execute(
                f.update()
                .where(f.c.id == message.followup_id, f.c.status != FollowUpStatus.DONE.value)
                .values(status=FollowUpStatus.SENT.value, done_at=sent_at, **self._stamps(False))
            )
        return sent

    def _write_message(self, conn: sa.Connection, message: Message) -> None:
        values = fields_of(message, exclude=("id", "attachments"))
        update_row(conn, t.messages, message.id, {**values, **self._stamps(False)}, "message")

    def set_step_status(self, followup_id: int, status: FollowUpStatus) -> None:
        """Move a follow-up to ``status`` (scheduling, cancelling a scheduled message)."""
        with self.transaction() as conn:
            update_row(
                conn,
                t.followups,
                followup_id,
                {"status": status.value, **self._stamps(False)},
                "follow-up",
            )

    def reopen_step(self, followup_id: int) -> None:
        """A step whose message did not go out is ``drafted`` (pending) again.

        Unless the user settled it meanwhile (done by hand, skipped, or cancelled by a
        reply): that stays, or the step would be sent a second time.
        """
        f = t.followups
        settled = [s.value for s in (FollowUpStatus.DONE, FollowUpStatus.SKIPPED,
                                     FollowUpStatus.CANCELLED)]  # fmt: skip
        with self.transaction() as conn:
            conn.execute(
                f.update()
                .where(f.c.id == followup_id, f.c.status.not_in(settled))
                .values(status=FollowUpStatus.DRAFTED.value, **self._stamps(False))
            )

    @contextmanager
    def sender_lock(self, profile_id: int) -> Iterator[bool]:
        """Be the one sender of this profile's outbox while the block runs.

        Yields False when another process holds it (then send nothing). PostgreSQL: a
        session advisory lock on its own connection; SQLite: ``flock`` on a file beside
        the database. Both are released by the operating system or the server when the
        process dies, SIGKILL included, so a crash never leaves the outbox locked.
        """
        if self.engine.dialect.name == "postgresql":
            key = 0x6F7574 << 32 | profile_id  # "out" and the profile: apart from lock_profile
            with self.engine.connect() as conn:
                got = conn.execute(sa.select(sa.func.pg_try_advisory_lock(key))).scalar_one()
                conn.commit()
                try:
                    yield bool(got)
                finally:
                    if got:
                        conn.execute(sa.select(sa.func.pg_advisory_unlock(key)))
                        conn.commit()
            return
        database = self.engine.url.database
        if not database or database == ":memory:":
            lock = _MEMORY_LOCKS.setdefault(f"{id(self.engine)}:{profile_id}", threading.Lock())
            got = lock.acquire(blocking=False)
            try:
                yield got
            finally:
                if got:
                    lock.release()
            return
        yield from _file_lock(_lock_path(database, profile_id))

    # The calendar --------------------------------------------------------------------------

    def followup_stamps(self, profile_id: int) -> dict[int, tuple[str, datetime, datetime]]:
        """Each follow-up of the profile: (uid, created_at, its last change).

        The last change is the later of its own updated_at and its application's (a
        renamed company changes every summary): a calendar item's UID and SEQUENCE.
        """
        f, a = t.followups, t.applications
        query = (
            sa.select(f.c.id, f.c.uid, f.c.created_at, f.c.updated_at, a.c.updated_at.label("app"))
            .join(a, a.c.id == f.c.application_id)
            .where(a.c.profile_id == profile_id)
        )
        with self.reading() as conn:
            return {
                r.id: (r.uid, r.created_at, max(r.updated_at, r.app)) for r in conn.execute(query)
            }

    # The sync state ----------------------------------------------------------------------

    def folder_state(self, profile_id: int, account: str, folder: str) -> FolderState | None:
        """What the last sync of this folder saw, or None before the first."""
        mf = t.mail_folders
        query = (
            sa.select(mf)
            .where(mf.c.profile_id == profile_id, mf.c.account == account, mf.c.folder == folder)
            .order_by(mf.c.id.desc())
            .limit(1)
        )
        with self.reading() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            return None
        return FolderState(row["uidvalidity"], row["last_uid"], row["synced_at"])

    def save_folder_state(
        self, profile_id: int, account: str, folder: str, uidvalidity: int, last_uid: int
    ) -> None:
        """Remember how far this folder has been read (one row per profile, account, folder)."""
        mf = t.mail_folders
        values = {"uidvalidity": uidvalidity, "last_uid": last_uid, "synced_at": self.clock()}
        key = (mf.c.profile_id == profile_id, mf.c.account == account, mf.c.folder == folder)
        with self.transaction() as conn:
            if conn.execute(mf.update().where(*key).values(**values)).rowcount == 0:
                conn.execute(
                    mf.insert().values(
                        uid=new_uid(),
                        profile_id=profile_id,
                        account=account,
                        folder=folder,
                        **values,
                    )
                )

    def reply_header_ids(self, profile_id: int) -> set[str]:
        """The Message-IDs of every reply already recorded for this profile."""
        r, a = t.replies, t.applications
        query = (
            sa.select(r.c.header_id)
            .join(a, a.c.id == r.c.application_id)
            .where(a.c.profile_id == profile_id, r.c.header_id.is_not(None))
        )
        with self.reading() as conn:
            return {row[0] for row in conn.execute(query)}


def _lock_path(database: str, profile_id: int) -> Path:
    """A lock file beside the database, or in the temp directory if that is read-only."""
    path = Path(database)
    beside = path.with_name(f"{path.name}.send-{profile_id}.lock")
    if os.access(path.parent, os.W_OK):
        return beside
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"followup-{digest}.send-{profile_id}.lock"


def _file_lock(path: Path) -> Iterator[bool]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
