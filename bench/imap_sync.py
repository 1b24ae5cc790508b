"""`followup sync` on a big inbox over loopback: the first sync, and one with nothing new.

    .venv/bin/python bench/imap_sync.py [--messages 10000] [--runs 5] [--first-runs 3]
        [--applications 50] [--seed 1]

A pymap server (tests/imap_server.py, in-memory, preloaded) serves an INBOX of
``--messages`` messages with realistic headers (Received lines, DKIM, ~1.5 KB each):
about 97% mail unrelated to the job search (newsletters and lists, notifications,
personal mail, much of it from Gmail), and the rest aimed at a store with
``--applications`` applications, their interviews, plans and sent thank-yous: replies in
the thread, by address and by company domain, old mail from the same people dated before
their interviews, out-of-office and RFC 3834 auto-replies, and DSN bounces of sent notes.

Timed through the real service, :func:`followup.services.sync.sync`, with an
:class:`~followup.services.context.AppContext` on a temporary SQLite database (a fresh
context per run: the store is opened as each `followup sync` opens it):

(a) the first sync, on a fresh copy of the database each time (target: 10 s);
(b) an incremental sync with nothing new (target: 300 ms), the median of ``--runs``;
(c) `followup sync` as a subprocess with nothing new, interpreter start and imports
    included (for information; no target).

Prints the figures and their ratio to the targets; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from followup.domain.model import (  # noqa: E402
    Application,
    Contact,
    Interview,
    Interviewer,
    Message,
    MessageStatus,
    Profile,
)
from followup.services.context import AppContext  # noqa: E402
from followup.services.plan import replan  # noqa: E402
from followup.services.sync import SyncReport, sync  # noqa: E402
from followup.settings import Settings  # noqa: E402
from imap_server import ImapServer, imap_server  # noqa: E402

FIRST_TARGET = 10.0
QUIET_TARGET = 0.300
NY = "America/New_York"
NOW = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
ME = "sam.lee@example.com"
FIRST = (
    "Ana",
    "Ben",
    "Chloé",
    "Dev",
    "Eitan",
    "Fatima",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Yuki",
)
LAST = (
    "Adams",
    "Berg",
    "Costa",
    "Dubois",
    "Evans",
    "Fischer",
    "García",
    "Haddad",
    "Ito",
    "Jensen",
    "Kim",
    "López",
    "Müller",
    "Nowak",
    "Okafor",
    "Patel",
    "Rossi",
    "Sato",
)
FREE = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.co.uk", "gmx.de")
LISTS = ("python-dev", "pydata", "dbt-community", "analytics-jobs", "r-help", "postgres")
SHOPS = ("shop.example", "airline.example", "bank.example", "news.example", "cloud.example")


@dataclass
class Person:
    name: str
    email: str


@dataclass
class App:
    """One application as the mailbox generator sees it."""

    company: str
    domain: str
    people: list[Person]
    end: datetime
    sent: list[tuple[str, Person, datetime]] = field(default_factory=list)


def settings_for(data: Path, server: ImapServer | None) -> dict[str, str]:
    """The environment of a `followup sync` against ``server`` with the database in ``data``."""
    env = {
        "FOLLOWUP_DATA_DIR": str(data),
        "FOLLOWUP_CONFIG": str(data / "absent.toml"),
        "FOLLOWUP_TIMEZONE": NY,
        "FOLLOWUP_NOW": NOW.isoformat(),
    }
    if server is None:
        return env
    return {
        **env,
        "FOLLOWUP_IMAP_HOST": server.host,
        "FOLLOWUP_IMAP_PORT": str(server.port),
        "FOLLOWUP_IMAP_USER": server.user,
        "FOLLOWUP_IMAP_PASSWORD": server.password,
        "FOLLOWUP_IMAP_SECURITY": server.security,
    }


def context(env: dict[str, str], clock: Callable[[], datetime] = lambda: NOW) -> AppContext:
    settings = Settings(flags={}, env=env, config_file=Path(env["FOLLOWUP_CONFIG"]))
    return AppContext(settings, clock=clock)


def _ascii(name: str) -> str:
    """A name as an address's local part: Chloé García is chloe.garcia."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


# The store ---------------------------------------------------------------------------------


def build_store(env: dict[str, str], count: int, rng: random.Random) -> list[App]:
    """A profile, ``count`` applications with an interview, a plan and sent notes."""
    # Each interview is recorded and planned an hour after it ended, as it happened.
    moment = [NOW]
    ctx = context(env, lambda: moment[0])
    store = ctx.store
    profile = store.save_profile(Profile(name="Sam Lee", email=ME, timezone=NY, country="US"))
    apps = []
    for i in range(count):
        domain = f"company{i}.example"
        people = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            local = f"{_ascii(first)}.{_ascii(last)}{rng.randrange(100)}"
            # One interviewer in ten gave a private address.
            host = rng.choice(FREE) if rng.random() < 0.1 else domain
            people.append(Person(f"{first} {last}", f"{local}@{host}"))
        start = (NOW - timedelta(days=rng.uniform(3, 90))).astimezone(ZoneInfo(NY))
        start = start.replace(minute=0, second=0, microsecond=0)
        end = start + timedelta(hours=1)
        interview = Interview(
            None, start, end, NY,
            interviewers=tuple(Interviewer(Contact(p.name, email=p.email)) for p in people),
        )  # fmt: skip
        application, _ = store.record_interview(
            Application(f"Company {i}", "Data Analyst", profile_id=profile.id), interview
        )
        assert application.id is not None
        moment[0] = end.astimezone(UTC) + timedelta(hours=1)
        replan(ctx, application.id, profile=profile)
        app = App(f"Company {i}", domain, people, end.astimezone(UTC))
        notes = [
            f
            for f in store.followups(application_id=application.id)
            if f.kind.value in ("thank-you", "panel-note")
        ]
        for n, (step, person) in enumerate(zip(notes, people, strict=False)):
            assert step.id is not None
            sent_at = app.end + timedelta(hours=2)
            ident = f"<bench.{i}.{n}@example.com>"
            message = store.add_message(
                Message(step.id, "Thank you for your time.", subject="Thank you",
                        message_id=ident, status=MessageStatus.SENDING, send_at=sent_at,
                        to_name=person.name, to_email=person.email)
            )  # fmt: skip
            store.mark_sent(message, sent_at)
            app.sent.append((ident, person, sent_at))
        apps.append(app)
    ctx.close()
    return apps


# The mailbox -------------------------------------------------------------------------------


def _headers(sender: str, subject: str, when: datetime, ident: str, rng: random.Random) -> str:
    """A header block as a big provider delivers it: trace and authentication included."""
    host = sender.rsplit("@", 1)[-1].rstrip(">")
    stamp = format_datetime(when)
    relay = f"{rng.randrange(1, 250)}.{rng.randrange(1, 250)}.{rng.randrange(1, 250)}"
    signature = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(344))
    return (
        f"Return-Path: <bounces@{host}>\r\n"
        f"Delivered-To: {ME}\r\n"
        f"Received: from mx.example.com (mx.example.com [192.0.2.25])\r\n"
        f"\tby imap.example.com with LMTP id {rng.getrandbits(64):x}\r\n\tfor <{ME}>; {stamp}\r\n"
        f"Received: from mail.{host} (mail.{host} [198.51.{relay}])\r\n"
        f"\tby mx.example.com (Postfix) with ESMTPS id {rng.getrandbits(40):X}\r\n"
        f"\tfor <{ME}>; {stamp}\r\n"
        f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={host}; s=s1;\r\n"
        f"\th=from:to:subject:date:message-id; bh={signature[:44]}=;\r\n"
        f"\tb={signature[:76]}\r\n\t{signature[76:152]}\r\n\t{signature[152:228]}\r\n"
        f"Authentication-Results: mx.example.com; dkim=pass header.d={host};\r\n"
        f"\tspf=pass smtp.mailfrom={host}; dmarc=pass header.from={host}\r\n"
        f"From: {sender}\r\n"
        f"To: Sam Lee <{ME}>\r\n"
        f"Subject: {subject}\r\n"
        f"Date: {stamp}\r\n"
        f"Message-ID: {ident}\r\n"
        "MIME-Version: 1.0\r\n"
    )


def _text(headers: str, body: str, extra: str = "") -> bytes:
    return (
        f"{headers}{extra}Content-Type: text/plain; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    ).encode()


def _body(rng: random.Random, lines: int) -> str:
    words = ("data", "team", "next", "week", "thanks", "report", "meeting", "update", "the",
             "and", "a", "plan", "review", "call", "numbers", "draft", "note")  # fmt: skip
    return "\r\n".join(" ".join(rng.choice(words) for _ in range(12)) for _ in range(lines))


def unrelated(i: int, when: datetime, rng: random.Random) -> bytes:
    """Mail that has nothing to do with the applications."""
    roll = rng.random()
    if roll < 0.4:  # newsletters and mailing lists
        name = rng.choice(LISTS)
        head = _headers(f"{name} <{name}@lists.example.org>", f"[{name}] Digest {i}", when,
                        f"<list.{i}@lists.example.org>", rng)  # fmt: skip
        extra = (f"List-Id: <{name}.lists.example.org>\r\nPrecedence: list\r\n"
                 f"List-Unsubscribe: <mailto:{name}-leave@lists.example.org>\r\n")  # fmt: skip
        return _text(head, _body(rng, 12), extra)
    if roll < 0.6:  # notifications, receipts
        shop = rng.choice(SHOPS)
        head = _headers(f"Notifications <no-reply@{shop}>", f"Your receipt #{i}", when,
                        f"<n.{i}@{shop}>", rng)  # fmt: skip
        return _text(head, _body(rng, 6), "Auto-Submitted: auto-generated\r\n")
    first, last = rng.choice(FIRST), rng.choice(LAST)
    host = rng.choice(FREE) if roll < 0.85 else f"firm{rng.randrange(400)}.example"
    head = _headers(f"{first} {last} <{_ascii(first)}.{_ascii(last)}@{host}>",
                    f"Re: {rng.choice(('weekend', 'dinner', 'the report', 'photos'))}", when,
                    f"<p.{i}@{host}>", rng)  # fmt: skip
    return _text(head, _body(rng, 8))


def related(i: int, app: App, rng: random.Random) -> bytes:
    """Mail from an application's side: a reply, an old email, an auto-reply, or a bounce."""
    roll = rng.random()
    after = app.end + timedelta(hours=rng.uniform(3, 72))
    person = rng.choice(app.people)
    if roll < 0.15 and app.sent:  # a bounce of a note
        ident, to, sent_at = rng.choice(app.sent)
        head = _headers("Mail Delivery System <MAILER-DAEMON@mx.example.com>",
                        "Undelivered Mail Returned to Sender", sent_at + timedelta(seconds=5),
                        f"<dsn.{i}@mx.example.com>", rng)  # fmt: skip
        return (
            f"{head}Content-Type: multipart/report; report-type=delivery-status; "
            f'boundary="b{i}"\r\n\r\n--b{i}\r\nContent-Type: text/plain\r\n\r\n'
            f"<{to.email}>: 550 5.1.1 User unknown\r\n--b{i}\r\n"
            f"Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n"
            f"\r\nFinal-Recipient: rfc822; {to.email}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            f"--b{i}\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: Sam Lee <{ME}>\r\n"
            f"To: {to.email}\r\nMessage-ID: {ident}\r\n--b{i}--\r\n"
        ).encode()
    if roll < 0.35:  # out of office, in the thread
        ident = rng.choice(app.sent)[0] if app.sent else f"<x{i}@example.com>"
        head = _headers(f"{person.name} <{person.email}>", "Automatic reply: Thank you", after,
                        f"<oof.{i}@{app.domain}>", rng)  # fmt: skip
        extra = f"In-Reply-To: {ident}\r\nAuto-Submitted: auto-replied\r\n"
        return _text(head, "I am out of the office this week.", extra)
    if roll < 0.55:  # old mail from them: before the interview, it must not count
        before = app.end - timedelta(days=rng.uniform(2, 20))
        head = _headers(f"{person.name} <{person.email}>", "Scheduling your interview", before,
                        f"<old.{i}@{app.domain}>", rng)  # fmt: skip
        return _text(head, _body(rng, 5))
    if roll < 0.75 and app.sent:  # in the thread
        ident, to, _ = rng.choice(app.sent)
        head = _headers(f"{to.name} <{to.email}>", "Re: Thank you", after,
                        f"<r.{i}@{app.domain}>", rng)  # fmt: skip
        extra = f"In-Reply-To: {ident}\r\nReferences: {ident}\r\n"
        return _text(head, f"Thanks Sam, good to meet you.\r\n\r\n{_body(rng, 4)}", extra)
    if roll < 0.9:  # from their address
        head = _headers(f"{person.name} <{person.email}>", "Next steps", after,
                        f"<a.{i}@{app.domain}>", rng)  # fmt: skip
        return _text(head, f"Hi Sam, a second round?\r\n\r\n{_body(rng, 4)}")
    head = _headers(f"Talent <talent@jobs.{app.domain}>", "Your application", after,
                    f"<d.{i}@{app.domain}>", rng)  # fmt: skip
    return _text(head, f"Hello Sam, we would like to talk.\r\n\r\n{_body(rng, 4)}")


def mailbox(apps: list[App], total: int, rng: random.Random) -> list[bytes]:
    """``total`` messages, 3% from the applications' side, in date order of arrival."""
    messages = []
    for i in range(total):
        if rng.random() < 0.03:
            messages.append(related(i, rng.choice(apps), rng))
        else:
            when = NOW - timedelta(days=rng.uniform(0, 700))
            messages.append(unrelated(i, when, rng))
    return messages


# The runs ----------------------------------------------------------------------------------


def timed_sync(env: dict[str, str]) -> tuple[float, SyncReport]:
    """One sync through the service, with a fresh context (the store opened as the CLI does)."""
    start = time.perf_counter()
    ctx = context(env)
    try:
        report = sync(ctx)
    finally:
        ctx.close()
    return time.perf_counter() - start, report


def cold_sync(env: dict[str, str]) -> float:
    """`followup sync` as a new process; it must read nothing new."""
    command = [str(Path(sys.executable).with_name("followup")), "sync"]
    start = time.perf_counter()
    proc = subprocess.run(
        command, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0 or not proc.stdout.startswith("No new message"):
        raise SystemExit(f"followup sync failed: {proc.stdout}{proc.stderr}")
    return seconds


def _ms(values: list[float]) -> str:
    return ", ".join(f"{v * 1000:.0f}" for v in values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5, help="runs of (b) and of (c)")
    parser.add_argument("--first-runs", type=int, default=3, help="runs of (a)")
    parser.add_argument("--applications", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="followup-bench-sync-") as tmp:
        base = Path(tmp) / "template"
        base.mkdir()
        started = time.perf_counter()
        apps = build_store(settings_for(base, None), args.applications, rng)
        messages = mailbox(apps, args.messages, rng)
        size = sum(len(m) for m in messages) / len(messages)
        print(f"store: {len(apps)} applications, {sum(len(a.sent) for a in apps)} sent notes; "
              f"inbox: {len(messages)} messages, {size:.0f} bytes each on average "
              f"(built in {time.perf_counter() - started:.1f} s)")  # fmt: skip
        started = time.perf_counter()
        with imap_server({"INBOX": messages, "Sent": []}) as server:
            print(f"pymap ready in {time.perf_counter() - started:.1f} s")
            first = []
            for run in range(max(args.first_runs, 1)):
                data = Path(tmp) / f"run{run}"
                shutil.copytree(base, data)
                env = settings_for(data, server)
                seconds, report = timed_sync(env)
                first.append(seconds)
            # What it found: a sync that matched nothing would time the wrong thing.
            assert report.read == len(messages) and report.replies and report.bounces, report
            print(f"(a) first sync: median {statistics.median(first):.2f} s of {len(first)} "
                  f"({', '.join(f'{t:.2f}' for t in first)} s); read {report.read}: "
                  f"{len(report.replies)} replies, {report.auto_replies} auto-replies from "
                  f"their people, {len(report.bounces)} bounces, {report.cancelled} steps "
                  "cancelled")  # fmt: skip
            quiet = []
            for _ in range(max(args.runs, 1)):
                seconds, nothing = timed_sync(env)
                assert nothing.read == 0 and not nothing.replies, nothing
                quiet.append(seconds)
            print(f"(b) incremental, nothing new: median {statistics.median(quiet) * 1000:.0f} "
                  f"ms of {len(quiet)} ({_ms(quiet)} ms)")  # fmt: skip
            cold = [cold_sync(env) for _ in range(max(args.runs, 1))]
            print(f"(c) `followup sync` as a process, nothing new: median "
                  f"{statistics.median(cold) * 1000:.0f} ms of {len(cold)} ({_ms(cold)} ms; "
                  "no target)")  # fmt: skip
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    missed = False
    for label, value, target in (
        ("(a) first sync", statistics.median(first), FIRST_TARGET),
        ("(b) incremental", statistics.median(quiet), QUIET_TARGET),
    ):
        ok = value <= target
        missed |= not ok
        print(f"{label}: {value:.3f} s / target {target:g} s = {value / target:.2f} "
              f"{'ok' if ok else 'MISSED'}")  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
