"""The store's outbox and sync state on SQLite and PostgreSQL: claim, sent, the lock."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from followup.adapters.store.store import Store
from followup.domain.model import (
    Application,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Message,
    MessageStatus,
    Profile,
)

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url, clock=lambda: NOW)
    yield opened
    opened.close()


def queued(
    store: Store, *, status: FollowUpStatus = FollowUpStatus.SCHEDULED
) -> tuple[Profile, Message]:
    """A profile with one check-in scheduled for NOW."""
    me = store.save_profile(Profile(name="Dana Reyes", email="dana@example.org"))
    app = store.add_application(Application("Acme", "Analyst", profile_id=me.id))
    assert app.id is not None
    step = store.add_followup(FollowUp(app.id, FollowUpKind.CHECK_IN, status=status))
    assert step.id is not None
    message = store.add_message(
        Message(step.id, "Hello", subject="Checking in", message_id="<1@example.org>",
                status=MessageStatus.SCHEDULED, send_at=NOW, to_email="kim@acme.com")
    )  # fmt: skip
    return me, message


def test_a_message_is_claimed_once_then_sent_with_its_step(store: Store) -> None:
    me, message = queued(store)
    assert me.id is not None and message.id is not None
    assert store.due_messages(me.id, NOW - timedelta(seconds=1)) == []
    assert [m.id for m in store.due_messages(me.id, NOW)] == [message.id]

    claimed = store.claim(message.id)
    assert claimed is not None
    assert (claimed.status, claimed.attempts) == (MessageStatus.SENDING, 1)
    assert store.claim(message.id) is None, "a second sender never takes it too"
    assert [m.id for m in store.stuck_messages(me.id)] == [message.id]
    assert store.due_messages(me.id, NOW) == []

    store.mark_sent(claimed, NOW)
    assert store.get_message(message.id).status is MessageStatus.SENT
    (step,) = store.followups(profile_id=me.id)
    assert (step.status, step.done_at) == (FollowUpStatus.SENT, NOW)
    assert [(m.message_id, app) for m, app in store.sent_messages(me.id)] == [
        ("<1@example.org>", step.application_id)
    ]


def test_a_message_whose_step_is_no_longer_pending_is_not_claimed(store: Store) -> None:
    _, message = queued(store, status=FollowUpStatus.CANCELLED)
    assert message.id is not None
    assert store.claim(message.id) is None
    assert store.get_message(message.id).status is MessageStatus.SCHEDULED


def _hold(url: str, profile_id: int, ready: Any, got: Any) -> None:
    """Another process: be the sender until killed (a minute at most)."""
    other = Store.open(url)
    with other.sender_lock(profile_id) as mine:
        got.value = int(mine)
        ready.set()
        time.sleep(60)


def test_one_sender_at_a_time_and_the_lock_dies_with_its_process(store: Store, db_url: str) -> None:
    me, _ = queued(store)
    assert me.id is not None
    context = multiprocessing.get_context("spawn")
    # Nothing here waits on a primitive the killed process holds: the parent only waits.
    ready, got = context.Event(), context.Value("i", -1)
    holder = context.Process(target=_hold, args=(db_url, me.id, ready, got))
    holder.start()
    try:
        assert ready.wait(60)
        assert got.value == 1
        with store.sender_lock(me.id) as mine:
            assert mine is False, "another process is the sender"
        holder.kill()  # SIGKILL: no cleanup runs
        holder.join(30)
        with store.sender_lock(me.id) as mine:
            assert mine is True, "the operating system or the server freed it"
    finally:
        if holder.is_alive():
            holder.kill()
        holder.join(30)


def test_the_sync_state_is_one_row_per_folder(store: Store) -> None:
    me, _ = queued(store)
    assert me.id is not None
    assert store.folder_state(me.id, "me@imap:993", "INBOX") is None
    store.save_folder_state(me.id, "me@imap:993", "INBOX", 4_000_000_000, 17)
    store.save_folder_state(me.id, "me@imap:993", "INBOX", 4_000_000_000, 42)
    store.save_folder_state(me.id, "other@imap:993", "INBOX", 7, 3)
    state = store.folder_state(me.id, "me@imap:993", "INBOX")
    assert state is not None and (state.uidvalidity, state.last_uid) == (4_000_000_000, 42)
    assert store.count("mail_folders") == 2
