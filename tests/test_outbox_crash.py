"""Fault injection: the sender killed with SIGKILL at random moments never sends twice.

100 messages are scheduled (one `followup add` with a panel of 100, one `draft`, one
`send --at`). The SMTP server is aiosmtpd whose ``on_message`` files each accepted message
in the Sent folder of a pymap IMAP server before it answers 250, as Gmail does. The
sender, `followup outbox --send`, runs as a subprocess and is killed 20 times with
SIGKILL at seeded random moments, then runs to the end. Three kinds of moment:

- **in the hook**: while the server is taking the run's k-th message, after it has it
  and filed it in Sent, before the 250 (the client never learns it went out: the next
  run must find it in Sent and not send it again);
- **while sending**: a random delay after the run's first message arrived (the kill
  lands in a claim, an SMTP transaction, a commit, or the copies to Sent);
- **anywhere**: a random delay after the start (start-up, the lock, the settle).

Each run has its own frozen clock, a minute after the previous one (``FOLLOWUP_NOW``): a
restart within the settle's grace (5 s after the claim, for a server that files what it
accepted a moment later) would wait for it, 20 times over.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import socket
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from conftest import _entry_point, record_env
from imap_server import ImapServer, free_port, imap_server
from smtp_server import Received, SmtpServer, smtp_server

N = 100
RESTARTS = 20
#: The other tests need a few messages, not a hundred.
FEW = 5
SEED = 20261207
EVENING = datetime.fromisoformat("2026-11-20T23:00:00+00:00")  # Fri 18:00 in New York


def now(minutes: int) -> dict[str, str]:
    return {"FOLLOWUP_NOW": (EVENING + timedelta(minutes=minutes)).isoformat()}


def header_id(data: bytes) -> str:
    return str(message_from_bytes(data, policy=policy.default)["Message-ID"])


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_entry_point(), *args], input="", capture_output=True, text=True, env=env,
        timeout=120, check=False,
    )  # fmt: skip


def db_rows(data_dir: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{data_dir / 'followup.db'}?mode=ro", uri=True)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def hundred(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with N panel notes scheduled for 18:01 that evening."""
    root = tmp_path_factory.mktemp("hundred")
    # Scheduling checks that SMTP is set up; nothing is sent here.
    env = record_env(root, FOLLOWUP_SMTP_HOST="127.0.0.1", FOLLOWUP_SMTP_SECURITY="none", **now(0))
    panel = [a for i in range(1, N + 1) for a in ("-i", f"Person{i} Tester <p{i}@acme.com>")]
    for args in (
        ("init", "--name", "Zoë Martín", "--email", "zoe@example.com"),
        ("add", "-c", "Acme", "-r", "Data Analyst", "-s", "2026-11-20T16:15", "--end", "17:00",
         "--mode", "panel", *panel),
        ("draft", "1"),
        ("send", "1", "--at", "2026-11-20T18:01"),
    ):  # fmt: skip
        done = run_cli(env, *args)
        assert done.returncode == 0, done
    assert db_rows(root / "data", "SELECT count(*) FROM messages WHERE status = 'scheduled'") == [
        (N,)
    ]
    return root / "data"


@dataclass
class Injector:
    """The kills: which run is the sender now, and when the server should kill it."""

    file_in_sent: Callable[[bytes], None] | None
    #: The sender running now, and the message count of its run at which to kill it.
    proc: subprocess.Popen[str] | None = None
    kill_at: int | None = None
    taken: int = 0
    first: threading.Event = field(default_factory=threading.Event)
    killed_in_hook: int = 0
    #: When set, the hook kills the sender and answers 451: it never took the message.
    refuse_after_kill: bool = False

    def start(self, proc: subprocess.Popen[str], kill_at: int | None) -> None:
        self.proc, self.kill_at, self.taken = proc, kill_at, 0
        self.first.clear()

    def on_message(self, received: Received) -> None:
        """On the server's thread, before the 250 (tests/smtp_server.py)."""
        self.taken += 1
        if self.file_in_sent is not None and not self.refuse_after_kill:
            self.file_in_sent(received.data)
        if self.kill_at is not None and self.taken == self.kill_at and self.proc is not None:
            self.proc.kill()
            self.proc.wait()  # dead before the 250 is written: it never hears it
            self.killed_in_hook += 1
            if self.refuse_after_kill:
                raise RuntimeError("not taken")  # 451: the message is not recorded
        self.first.set()


def sender(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*_entry_point(), "outbox", "--send"], stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


@dataclass
class Tally:
    """What the kills left behind, read from the database after each one."""

    #: Kills that left a message in `sending` (claimed, its fate unknown to the sender).
    mid_send: int = 0
    #: Of those, messages the server had taken and filed in Sent: the dangerous case.
    taken_unacknowledged: int = 0
    kinds: Counter[str] = field(default_factory=Counter)


def restarts(
    env: dict[str, str], data: Path, injector: Injector, server: SmtpServer, rng: random.Random
) -> Tally:
    """RESTARTS runs of the sender, each killed at a random moment (module docstring)."""
    tally = Tally()
    for run in range(RESTARTS):
        kind = rng.choices(["hook", "sending", "anywhere"], weights=[8, 9, 3])[0]
        kill_at = rng.randint(1, 4) if kind == "hook" else None
        proc = sender({**env, **now(run + 1)})
        injector.start(proc, kill_at)
        if kind == "sending":
            # A few messages go out a few milliseconds apart: the kill lands in one.
            while not injector.first.wait(0.005) and proc.poll() is None:
                pass
            time.sleep(rng.uniform(0, 0.03))
        elif kind == "anywhere":
            time.sleep(rng.uniform(0.02, 0.4))  # mostly start-up, the lock, the settle
        else:
            proc.wait(timeout=60)  # the hook kills it (or it ends: nothing was left)
        proc.kill()
        proc.wait()
        injector.proc, injector.kill_at = None, None
        tally.kinds[kind] += 1
        stuck = db_rows(data, "SELECT message_id FROM messages WHERE status = 'sending'")
        if stuck:
            tally.mid_send += 1
            taken = {header_id(r.data) for r in server.received}
            tally.taken_unacknowledged += sum(1 for (mid,) in stuck if mid in taken)
    return tally


class SentFolder:
    """The pymap Sent folder, filed into by the SMTP server's thread as it takes mail."""

    def __init__(self, imap: ImapServer) -> None:
        self.imap = imap
        self._stack = contextlib.ExitStack()
        self._client: Any = None
        self._lock = threading.Lock()

    def file(self, data: bytes) -> None:
        """APPEND ``data`` to Sent (from any thread: one connection, one at a time)."""
        with self._lock:
            if self._client is None:
                self._client = self._stack.enter_context(self.imap.client())
                # APPEND writes the command, waits for "+", then the literal: without
                # TCP_NODELAY each one waits out a delayed ACK (40 ms a message).
                self._client.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._client.append("Sent", data, flags=("\\Seen",))

    def ids(self) -> list[str]:
        """The Message-ID of every message in Sent, duplicates included."""
        with self.imap.client() as client:
            client.select_folder("Sent", readonly=True)
            uids = client.search("ALL")
            fetched = client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]) if uids else {}
        return [header_id(item[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"]) for item in fetched.values()]

    def close(self) -> None:
        self._stack.close()


@pytest.fixture
def home_of(hundred: Path, tmp_path: Path) -> Callable[[ImapServer, SmtpServer], dict[str, str]]:
    """The environment of a copy of the hundred (or of its first ``keep`` messages),
    pointed at these two servers."""

    def make(imap: ImapServer, smtp: SmtpServer, *, keep: int = N, **extra: str) -> dict[str, str]:
        shutil.copytree(hundred, tmp_path / "data")
        if keep < N:  # the first `keep` stay scheduled; the others are drafts again
            conn = sqlite3.connect(tmp_path / "data" / "followup.db")
            with conn:
                conn.execute(
                    "UPDATE messages SET status = 'draft', message_id = NULL, send_at = NULL "
                    "WHERE id NOT IN (SELECT id FROM messages ORDER BY id LIMIT ?)",
                    (keep,),
                )
            conn.close()
        return record_env(
            tmp_path,
            FOLLOWUP_SMTP_HOST=smtp.host,
            FOLLOWUP_SMTP_PORT=str(smtp.port),
            FOLLOWUP_SMTP_SECURITY="none",
            FOLLOWUP_IMAP_HOST=imap.host,
            FOLLOWUP_IMAP_PORT=str(imap.port),
            FOLLOWUP_IMAP_SECURITY="none",
            FOLLOWUP_IMAP_USER=imap.user,
            FOLLOWUP_IMAP_PASSWORD=imap.password,
            FOLLOWUP_IMAP_SENT_FOLDER="Sent",
            # These servers file what they take in Sent, as Gmail does (Injector).
            **{"FOLLOWUP_SMTP_SAVES_SENT": "true", **extra},
        )

    return make


def test_twenty_kills_deliver_each_of_a_hundred_messages_exactly_once(
    home_of: Callable[..., dict[str, str]],
) -> None:
    started = time.monotonic()
    with imap_server() as imap:
        sent = SentFolder(imap)
        injector = Injector(sent.file)
        with smtp_server(on_message=injector.on_message) as server:
            env = home_of(imap, server)
            data = Path(env["FOLLOWUP_DATA_DIR"])
            tally = restarts(env, data, injector, server, random.Random(SEED))
            final = run_cli({**env, **now(RESTARTS + 1)}, "outbox", "--send")
            assert final.returncode == 0, final
            received = list(server.received)
        in_sent = sent.ids()
        sent.close()
    elapsed = time.monotonic() - started

    ids = [header_id(r.data) for r in received]
    assert len(received) == N, f"{len(received)} delivered"
    assert len(set(ids)) == N, [i for i, n in Counter(ids).items() if n > 1]
    stored = db_rows(data, "SELECT m.message_id, m.status, f.status FROM messages m "
                           "JOIN followups f ON f.id = m.followup_id")  # fmt: skip
    assert {mid for mid, _, _ in stored} == set(ids)
    assert {(status, step) for _, status, step in stored} == {("sent", "sent")}
    assert sorted(r.recipients[0] for r in received) == sorted(
        f"p{i}@acme.com" for i in range(1, N + 1)
    )
    # One copy of each in Sent: what the server filed; followup added none twice.
    assert Counter(in_sent) == Counter(ids)
    # The kills really landed mid-send, and some after the server had taken the message.
    assert tally.mid_send >= 8, tally
    assert tally.taken_unacknowledged >= 4, tally
    print(f"\n{tally}, elapsed {elapsed:.1f} s")  # noqa: T201  (the figures docs quote)


def test_without_the_servers_copy_an_interrupted_send_is_held_and_retry_sends_it(
    home_of: Callable[..., dict[str, str]],
) -> None:
    with imap_server() as imap:
        # The sender dies while the server takes its third message, which the server then
        # refuses (451): it never went out, but the dead sender cannot know.
        injector = Injector(None, refuse_after_kill=True)
        with smtp_server(on_message=injector.on_message) as server:
            env = home_of(imap, server, keep=FEW, FOLLOWUP_SMTP_SAVES_SENT="false")
            data = Path(env["FOLLOWUP_DATA_DIR"])
            proc = sender({**env, **now(1)})
            injector.start(proc, 3)
            proc.wait(timeout=60)
            assert injector.killed_in_hook == 1
            ((held, held_id),) = db_rows(
                data, "SELECT id, message_id FROM messages WHERE status = 'sending'"
            )
            # The server does not file what it sends and Sent has no copy: nobody can tell
            # whether it went out, so it is held, never sent again blind.
            final = run_cli({**env, **now(2)}, "outbox", "--send")
            assert final.returncode == 5, "a held message is a failure a script can see"
            unknown = "Interrupted while sending, and whether it went out is unknown (it is "
            assert f"#{held} to " in final.stderr
            assert f"is held: {unknown}not in Sent, and smtp_saves_sent says" in final.stderr
            assert f"followup outbox --retry {held}" in final.stderr
            statuses = db_rows(data, "SELECT status, count(*) FROM messages GROUP BY status")
            assert dict(statuses) == {"sent": FEW - 1, "failed": 1, "draft": N - FEW}
            assert held_id not in {header_id(r.data) for r in server.received}
            assert len(server.received) == FEW - 1
            # The user finds it in no Sent folder and sends it again.
            retried = run_cli({**env, **now(3)}, "outbox", "--retry", str(held))
            assert retried.returncode == 0, retried
            again = run_cli({**env, **now(3)}, "outbox", "--send")
            assert again.returncode == 0, again
            ids = [header_id(r.data) for r in server.received]
        in_sent = SentFolder(imap).ids()
    assert len(ids) == FEW and len(set(ids)) == FEW and ids[-1] == held_id
    assert db_rows(data, "SELECT count(*) FROM messages WHERE status = 'sent'") == [(FEW,)]
    # followup filed its own copies (none twice); a killed run's copies are not all there.
    assert held_id in in_sent and len(in_sent) == len(set(in_sent))


class TakeThenHangUp:
    """An SMTP server that takes a message, files it in Sent, and hangs up before the 250."""

    def __init__(self, sent: SentFolder) -> None:
        self.sent = sent
        self.received: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope.original_content)
        self.sent.file(envelope.original_content)
        server.transport.abort()  # the line drops: the client never hears the answer
        return "250 2.0.0 Queued"


def test_a_line_lost_after_the_data_is_settled_in_sent_not_sent_again(
    home_of: Callable[..., dict[str, str]],
) -> None:
    from aiosmtpd.controller import Controller

    with imap_server() as imap:
        sent = SentFolder(imap)
        handler = TakeThenHangUp(sent)
        dropping = Controller(handler, hostname="127.0.0.1", port=free_port())
        dropping.start()
        try:
            at = SmtpServer("127.0.0.1", dropping.port, None, None)  # type: ignore[arg-type]
            env = home_of(imap, at, keep=FEW)
            data = Path(env["FOLLOWUP_DATA_DIR"])
            first = run_cli({**env, **now(1)}, "outbox", "--send")
        finally:
            dropping.stop()
        # Whether the server took it is unknown: it stays `sending`, the run stops (5).
        assert first.returncode == 5, first
        assert "may or may not have taken the message" in first.stderr
        assert "looks for it in the Sent folder before it sends anything again" in first.stderr
        assert first.stderr.count("may or may not") == 1, "said once, not as a note and again"
        statuses = db_rows(data, "SELECT status, count(*) FROM messages GROUP BY status")
        assert dict(statuses) == {"sending": 1, "scheduled": FEW - 1, "draft": N - FEW}
        # The next run, through a server that answers, finds it in Sent: sent, not resent.
        with smtp_server(on_message=Injector(sent.file).on_message) as server:
            env = {**env, "FOLLOWUP_SMTP_PORT": str(server.port)}
            second = run_cli({**env, **now(2)}, "outbox", "--send")
            assert second.returncode == 0, second
            assert "went out before an interruption (found in Sent): marked sent" in second.stdout
            ids = [header_id(d) for d in handler.received] + [
                header_id(r.data) for r in server.received
            ]
        sent.close()
    assert len(ids) == FEW and len(set(ids)) == FEW
    assert db_rows(data, "SELECT count(*) FROM messages WHERE status = 'sent'") == [(FEW,)]


def test_a_server_that_files_in_sent_gets_no_second_copy_from_followup(
    home_of: Callable[..., dict[str, str]],
) -> None:
    with imap_server() as imap:
        sent = SentFolder(imap)
        # As Gmail does: the copy lands in Sent a moment after the 250, not before it.
        late: list[threading.Timer] = []

        def file_later(received: Received) -> None:
            late.append(threading.Timer(0.4, sent.file, (received.data,)))
            late[-1].start()

        with smtp_server(on_message=file_later) as server:
            env = home_of(imap, server, keep=FEW)
            done = run_cli({**env, **now(1)}, "outbox", "--send")
            assert done.returncode == 0, done
            for timer in late:
                timer.join()
            ids = [header_id(r.data) for r in server.received]
        in_sent = sent.ids()
        sent.close()
    assert len(ids) == FEW
    assert Counter(in_sent) == Counter(ids)  # smtp_saves_sent: the server's copy, one each
