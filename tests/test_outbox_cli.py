"""`followup send`, `outbox` and `watch` through the real entry point, to a real aiosmtpd.

The record (built once for the module, each test starts from a copy of its database):
Zoë Martín (non-ASCII, so the From name and the signature in the body are UTF-8) had a
panel at Acme on Friday 20 Nov 2026, 16:15-17:00 in New York, with Dana Rivera
<dana@acme.com> and Kenji Sato <kenji@acme.com>; both panel notes were drafted that
evening, 18:00 in New York (EVENING): fixture ``drafted``. Fixture ``thanked`` goes on:
Kenji's note (#2) went out that evening, and on Thursday 10 Dec (LATER) his check-in (#3)
was drafted. What arrives at the server is parsed back with the standard library's
``email`` package. CLI runs cost half a second each, so the records are built once and
the tests set up odd records (a refused address, a line break in a name) in SQL.
"""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from conftest import CLI, Result, _entry_point, record_runner, refused
from draft_support import ok, rows
from llm_server import closed_port
from smtp_server import SmtpServer, server_fixture

PASSWORD = "pw-0f-zoe-Secret"
EVENING = {"FOLLOWUP_NOW": "2026-11-20T23:00:00+00:00"}  # Fri 18:00 in New York
SUNDAY = {"FOLLOWUP_NOW": "2026-11-22T15:00:00+00:00"}  # the thank-you window has closed
LATER = {"FOLLOWUP_NOW": "2026-12-10T15:00:00+00:00"}  # Thursday before the check-in
DANA = "Dana Rivera <dana@acme.com>, Analytics Manager"
KENJI = "Kenji Sato <kenji@acme.com>, Recruiter"

plain = server_fixture("plain", refuse={"gone@acme.com": 550, "busy@acme.com": 451})
secure = server_fixture("secure", starttls=True, user="zoe", password=PASSWORD)
strict = server_fixture("strict", refuse={"gone@acme.com": 550, "left@acme.com": 550})


def smtp(server: SmtpServer | None = None, **extra: str) -> dict[str, str]:
    """The environment that points followup at ``server`` (no TLS, no login)."""
    port = str(server.port) if server is not None else str(closed_port())
    return {
        "FOLLOWUP_SMTP_HOST": "127.0.0.1",
        "FOLLOWUP_SMTP_PORT": port,
        "FOLLOWUP_SMTP_SECURITY": "none",
        **extra,
    }


def write(home: dict[str, str], sql: str, *params: Any) -> None:
    """Change the record behind followup's back (what an old or imported file may hold)."""
    conn = sqlite3.connect(Path(home["FOLLOWUP_DATA_DIR"]) / "followup.db")
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def outbox(home: dict[str, str]) -> list[tuple[Any, ...]]:
    """Every message: id, status, Message-ID, send time, attempts, error; and its step."""
    return rows(
        home,
        "SELECT m.id, m.status, m.message_id, m.send_at, m.attempts, m.error, f.status, "
        "m.to_email FROM messages m JOIN followups f ON f.id = m.followup_id ORDER BY m.id",
    )


def arrived(server: SmtpServer) -> list[EmailMessage]:
    return [message_from_bytes(r.data, policy=policy.default) for r in server.received]  # type: ignore[misc]


def at_once(*runs: Callable[[], Result]) -> list[Result]:
    """Run CLI commands that must change nothing side by side (half a second each)."""
    with ThreadPoolExecutor(len(runs)) as pool:
        return list(pool.map(lambda run: run(), runs))


def utc(text: str) -> str:
    """A stored time as ISO 8601 in UTC, whatever form the column holds."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=None).isoformat() if moment.tzinfo is None else text


# The records -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database of the record with both panel notes drafted (module docstring)."""
    root = tmp_path_factory.mktemp("outbox-record")
    run = record_runner(root)
    run("init", "--name", "Zoë Martín", "--email", "zoe@example.com", env_=EVENING)
    run("add", "-c", "Acme", "-r", "Data Analyst", "-s", "2026-11-20T16:15", "--end", "17:00",
        "--mode", "panel", "-i", DANA, "-i", KENJI, "-t", "Dana: the churn dashboard",
        "-t", "Kenji: team rituals", "--decision", "2026-12-04", env_=EVENING)  # fmt: skip
    run("draft", "1", env_=EVENING)
    return root / "data"


@pytest.fixture(scope="module")
def template_thanked(
    template: Path, tmp_path_factory: pytest.TempPathFactory, plain: SmtpServer
) -> Path:
    """The record after Kenji's note went out and his check-in was drafted."""
    root = tmp_path_factory.mktemp("outbox-thanked")
    shutil.copytree(template, root / "data")
    run = record_runner(root)
    run("send", "1", "--to", "Kenji", "--now", env_={**EVENING, **smtp(plain)})
    run("draft", "1", "--kind", "check-in", env_=LATER)
    plain.clear()
    return root / "data"


@pytest.fixture
def drafted(template: Path, home: dict[str, str]) -> dict[str, str]:
    """This test's home, holding a copy of the record with both panel notes drafted."""
    shutil.copytree(template, home["FOLLOWUP_DATA_DIR"])
    return home


@pytest.fixture
def thanked(template_thanked: Path, home: dict[str, str]) -> dict[str, str]:
    """This test's home: Kenji thanked (#2 sent), his check-in (#3) drafted."""
    shutil.copytree(template_thanked, home["FOLLOWUP_DATA_DIR"])
    return home


# Scheduling and sending --------------------------------------------------------------------


def test_send_fixes_the_message_id_and_the_same_one_arrives_from_the_outbox(
    cli: CLI, drafted: dict[str, str], plain: SmtpServer
) -> None:
    plain.clear()
    env = {**EVENING, **smtp(plain)}
    queued = json.loads(ok(cli("send", "1", "--format", "json", env=env)).out)["scheduled"]
    assert [(q["kind"], q["to"]["email"], q["status"]) for q in queued] == [
        ("panel-note", "dana@acme.com", "scheduled"),
        ("panel-note", "kenji@acme.com", "scheduled"),
    ]
    # 18:00 in New York: outside office hours, but the next opening (Monday 09:00) is
    # after the 24-hour window closes (Saturday 17:00), so the same evening it is.
    assert {q["send_at"] for q in queued} == {"2026-11-20T23:00:00+00:00"}
    ids = [q["message_id"] for q in queued]
    assert len(set(ids)) == 2
    assert all(i.startswith("<") and i.endswith("@example.com>") for i in ids)
    listed = ok(cli("outbox", env=env)).out
    assert "scheduled Fri 20 Nov 18:00 EST  panel-note to Dana Rivera <dana@acme.com>" in listed
    # Its time has come and nothing runs the sender: the listing says what sends it.
    assert "Due: `followup outbox --send` sends it now, or `followup watch`." in listed
    assert plain.received == []  # scheduling sends nothing

    out = ok(cli("outbox", "--send", env=env)).out
    assert out == (
        "Sent #1 to Dana Rivera <dana@acme.com>.\nSent #2 to Kenji Sato <kenji@acme.com>.\n"
    )
    dana, kenji = arrived(plain)
    assert [r.recipients for r in plain.received] == [("dana@acme.com",), ("kenji@acme.com",)]
    assert {r.sender for r in plain.received} == {"zoe@example.com"}
    assert [dana["Message-ID"], kenji["Message-ID"]] == ids
    assert str(dana["From"]) == "Zoë Martín <zoe@example.com>"
    assert str(dana["To"]) == "Dana Rivera <dana@acme.com>"
    assert dana["Date"].datetime.isoformat() == "2026-11-20T23:00:00+00:00"
    assert dana["In-Reply-To"] is None
    stored = rows(drafted, "SELECT subject, body FROM messages ORDER BY id")
    assert dana["Subject"] == stored[0][0] and kenji["Subject"] == stored[1][0]
    body = dana.get_content().replace("\r\n", "\n")
    assert body.startswith("Dear Dana,") and "churn dashboard" in body
    assert body.rstrip().endswith("Zoë Martín")  # the UTF-8 signature, intact
    assert body.rstrip() == stored[0][1].rstrip()
    assert not dana.defects
    assert [(r[1], r[6]) for r in outbox(drafted)] == [("sent", "sent"), ("sent", "sent")]
    # Sent is sent: a second run finds nothing to do.
    assert ok(cli("outbox", "--send", env=env)).out == "Nothing is due.\n"
    assert len(plain.received) == 2


def test_a_message_due_at_once_says_what_sends_it_now(
    cli: CLI, drafted: dict[str, str], plain: SmtpServer
) -> None:
    # That same evening is both notes' time: they are due as soon as they are queued.
    out = ok(cli("send", "1", env={**EVENING, **smtp(plain)})).out
    assert out == (
        "#1 panel-note to Dana Rivera <dana@acme.com>: goes out now.\n"
        "#2 panel-note to Kenji Sato <kenji@acme.com>: goes out now.\n"
        "`followup outbox --send` sends them now (or a running `followup watch`).\n"
    )


def test_the_send_time_is_in_each_recipients_office_hours_once_the_window_has_closed(
    cli: CLI, drafted: dict[str, str], plain: SmtpServer
) -> None:
    plain.clear()
    # Dana works in Berlin. On Sunday the thank-you window has closed: each note goes at
    # the next opening of its recipient's office, Monday 09:00 on their own clock.
    write(drafted, "UPDATE contacts SET timezone = 'Europe/Berlin' WHERE name = 'Dana Rivera'")
    out = ok(cli("send", "1", env={**SUNDAY, **smtp(plain)})).out
    assert "#1 panel-note to Dana Rivera <dana@acme.com>: goes out Mon 23 Nov 09:00 CET" in out
    assert "#2 panel-note to Kenji Sato <kenji@acme.com>: goes out Mon 23 Nov 09:00 EST." in out
    assert [utc(r[3])[:16] for r in outbox(drafted)] == ["2026-11-23T08:00", "2026-11-23T14:00"]
    # Not yet due on Sunday: nothing goes out.
    idle = ok(cli("outbox", "--send", env={**SUNDAY, **smtp(plain)})).out
    assert idle == "Nothing is due yet; the next message goes out Mon 23 Nov 03:00 EST.\n"
    assert plain.received == []


def test_at_now_and_cancel(cli: CLI, drafted: dict[str, str], plain: SmtpServer) -> None:
    plain.clear()
    env = {**EVENING, **smtp(plain)}
    out = ok(cli("send", "1", "--to", "Dana", "--at", "2026-11-21T10:30", env=env)).out
    assert out.startswith(
        "#1 panel-note to Dana Rivera <dana@acme.com>: goes out Sat 21 Nov 10:30 EST."
    )
    out = ok(cli("send", "1", "--to", "Kenji", "--now", env=env)).out
    assert "#2 panel-note to Kenji Sato <kenji@acme.com>: goes out now." in out
    assert "Sent #2 to Kenji Sato <kenji@acme.com>." in out
    assert [r.recipients for r in plain.received] == [("kenji@acme.com",)]
    # Dana's is queued already: the refusal says how to change its time.
    again = cli("send", "1", "--to", "Dana", "--now", env=env)
    refused(again, "already in the outbox", "followup outbox --cancel 1`")
    # Both notes gone or queued: the check-in is next, and the one queued is not forgotten.
    refused(cli("send", "1", env=env), "the check-in for Acme has no draft yet (a panel-note "
            "is in the outbox already: `followup outbox` shows when it goes out)")  # fmt: skip
    statuses = [(r[1], utc(r[3])[:16]) for r in outbox(drafted)]
    assert statuses == [("scheduled", "2026-11-21T15:30"), ("sent", "2026-11-20T23:00")]
    # --cancel: Dana's is a draft again, its Message-ID dropped, its step drafted.
    out = ok(cli("outbox", "--cancel", "1", env=EVENING)).out
    assert out == (
        "#1 to Dana Rivera <dana@acme.com> is out of the outbox; it is a draft again "
        "(`followup send` queues it anew).\n"
    )
    assert outbox(drafted)[0][1:3] + outbox(drafted)[0][6:7] == ("draft", None, "drafted")


def test_send_to_a_person_whose_note_is_queued_says_so_before_the_later_check_in(
    cli: CLI, drafted: dict[str, str], plain: SmtpServer
) -> None:
    # Kenji's note waits for tomorrow; his check-in (later) has no draft yet. `send --to
    # Kenji` means the note: the refusal is about it, with its number.
    env = {**EVENING, **smtp(plain)}
    ok(cli("send", "1", "--to", "Kenji", "--at", "2026-11-21T10:30", env=env))
    refused(cli("send", "1", "--to", "Kenji", env=env),
            "the panel-note for Acme is already in the outbox",
            "followup outbox --cancel 2`")  # fmt: skip


def test_a_check_in_after_a_sent_thank_you_answers_it_in_the_same_thread(
    cli: CLI, thanked: dict[str, str], plain: SmtpServer
) -> None:
    plain.clear()
    out = ok(cli("send", "1", "--kind", "check-in", env={**LATER, **smtp(plain)})).out
    # The plan's time is still ahead (Friday 11 Dec, 09:00 in New York): it keeps it.
    assert "#3 check-in to Kenji Sato <kenji@acme.com>: goes out Fri 11 Dec 09:00 EST." in out
    # A day early, one round finds nothing to do, and says so.
    early = ok(cli("watch", "--once", env={**LATER, **smtp(plain)}))
    assert early.out == "2026-12-10 15:00:00Z nothing to send and no new reply.\n"
    assert early.err == ""
    due = {"FOLLOWUP_NOW": "2026-12-11T14:00:00+00:00", **smtp(plain)}
    assert (
        ok(cli("watch", "--once", env=due)).out
        == "2026-12-11 14:00:00Z sent #3 to Kenji Sato <kenji@acme.com>.\n"
    )
    (check_in,) = arrived(plain)
    (thanks,) = rows(thanked, "SELECT message_id FROM messages WHERE id = 2")
    assert check_in["In-Reply-To"] == thanks[0]
    assert check_in["References"] == thanks[0]
    assert check_in["Message-ID"] not in (None, thanks[0])
    assert outbox(thanked)[2][1] == "sent"


def test_a_check_in_in_the_outbox_is_not_sent_once_they_have_replied(
    cli: CLI, thanked: dict[str, str], plain: SmtpServer
) -> None:
    plain.clear()
    ok(cli("send", "1", "--kind", "check-in", env={**LATER, **smtp(plain)}))
    assert "Cancelled: check-in to Kenji Sato" in ok(cli("replied", "1", env=LATER)).out
    listed = ok(cli("outbox", env={**LATER, **smtp(plain)})).out
    assert "Its check-in is cancelled: it will not be sent." in listed
    result = ok(cli("outbox", "--send", env={"FOLLOWUP_NOW": "2026-12-11T15:00:00+00:00",
                                             **smtp(plain)}))  # fmt: skip
    assert "Sent" not in result.out
    assert "#3 (check-in to Kenji Sato) is not sent: its step was cancelled" in result.err
    assert plain.received == []
    check_in = outbox(thanked)[2]
    assert (check_in[1], check_in[2], check_in[6]) == ("draft", None, "cancelled")


def test_a_message_whose_step_the_plan_moves_is_taken_out_of_the_outbox(
    cli: CLI, thanked: dict[str, str], plain: SmtpServer
) -> None:
    # The check-in waits for Fri 11 Dec; then they announce a later decision date. Sent
    # at the old time, it would chase them a week early, quoting the old date.
    plain.clear()
    env = {**LATER, **smtp(plain)}
    ok(cli("send", "1", "--kind", "check-in", env=env))
    edited = ok(cli("edit", "1", "--decision", "2026-12-18", env=env))
    assert (
        "#3 check-in to Kenji Sato <kenji@acme.com> is out of the outbox, a draft "
        "again: the plan moved it (`followup plan 1` shows when)." in edited.out + edited.err
    )
    assert "`followup send 1 --kind check-in` queues it for its new time" in edited.out + \
        edited.err  # fmt: skip
    check_in = outbox(thanked)[2]
    assert (check_in[1], check_in[2], check_in[3], check_in[6]) == ("draft", None, None,
                                                                    "drafted")  # fmt: skip
    old_time = {"FOLLOWUP_NOW": "2026-12-11T15:00:00+00:00", **smtp(plain)}
    ok(cli("outbox", "--send", env=old_time))
    assert plain.received == []
    # Queued again, it takes the new window (after the 18th).
    again = ok(cli("send", "1", "--kind", "check-in", env=env)).out
    assert "#3 check-in to Kenji Sato <kenji@acme.com>: goes out" in again
    assert "11 Dec" not in again


def test_a_cancelled_check_in_brought_back_by_a_new_date_leaves_the_outbox(
    cli: CLI, thanked: dict[str, str], plain: SmtpServer
) -> None:
    # A reply cancels the queued check-in; a later reply gives a new date and brings the
    # check-in back: the message queued for the old time must not go out then.
    plain.clear()
    env = {**LATER, **smtp(plain)}
    ok(cli("send", "1", "--kind", "check-in", env=env))
    ok(cli("replied", "1", env=env))
    again = ok(cli("replied", "1", "--decision-date", "2026-12-18", env=env)).out
    assert "#3 check-in to Kenji Sato <kenji@acme.com> is out of the outbox" in again
    check_in = outbox(thanked)[2]
    assert (check_in[1], check_in[6]) == ("draft", "drafted")
    ok(cli("outbox", "--send", env={"FOLLOWUP_NOW": "2026-12-11T15:00:00+00:00",
                                    **smtp(plain)}))  # fmt: skip
    assert plain.received == []


def test_starttls_and_a_login_with_the_test_authority_in_ssl_cert_file(
    cli: CLI, thanked: dict[str, str], secure: SmtpServer
) -> None:
    secure.clear()
    env = {
        **EVENING,
        **smtp(secure, FOLLOWUP_SMTP_SECURITY="starttls"),
        "FOLLOWUP_SMTP_USER": "zoe",
        "FOLLOWUP_SMTP_PASSWORD": PASSWORD,
        "SSL_CERT_FILE": str(secure.ca.ca_file),
    }
    result = ok(cli("send", "1", "--now", env=env))
    assert "Sent #1 to Dana Rivera <dana@acme.com>." in result.out
    assert [r.recipients for r in secure.received] == [("dana@acme.com",)]
    # Without the authority the certificate is not trusted, and nothing is sent.
    untrusted = {**env, **LATER, "SSL_CERT_FILE": "/nonexistent.pem"}
    failed = cli("send", "1", "--kind", "check-in", "--now", env=untrusted)
    assert failed.code == 5, failed
    assert "SMTP (tls): the TLS certificate of 127.0.0.1:" in failed.err
    assert outbox(thanked)[2][1] == "scheduled"
    # The secret is in no output and nowhere in the data directory (database, WAL, lock).
    data = Path(thanked["FOLLOWUP_DATA_DIR"])
    everything = b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    assert PASSWORD.encode() not in everything
    assert PASSWORD not in result.out + result.err + failed.out + failed.err


# Refusals and failures ---------------------------------------------------------------------


def test_a_refused_recipient_fails_and_a_busy_one_is_tried_again_later(
    cli: CLI, drafted: dict[str, str], plain: SmtpServer
) -> None:
    plain.clear()
    write(drafted, "UPDATE contacts SET email = 'gone@acme.com' WHERE name = 'Dana Rivera'")
    write(drafted, "UPDATE contacts SET email = 'busy@acme.com' WHERE name = 'Kenji Sato'")
    result = cli("send", "1", "--now", env={**EVENING, **smtp(plain)})
    assert result.code == 5, "a refused message is a failure a script can see"
    assert "#2 to Kenji Sato <busy@acme.com> is not sent yet; it is tried again at Fri 20 Nov " \
        "18:01 EST: SMTP (send): the recipient busy@acme.com was refused: 451 4.3.0" \
        in result.out  # fmt: skip
    assert "#1 to Dana Rivera <gone@acme.com> failed: SMTP (send): the recipient gone@acme.com " \
        "was refused: 550 5.1.1 No such user here" in result.err  # fmt: skip
    assert "correct it with `followup edit`, then `followup outbox --retry 1`" in result.err
    assert plain.received == []
    gone, busy = outbox(drafted)
    # 550: failed, its step pending again (drafted), so `followup due` shows it.
    assert (gone[1], gone[4], gone[6]) == ("failed", 1, "drafted")
    assert "550 5.1.1 No such user here" in gone[5]
    # 451: still scheduled, a minute later, one attempt counted.
    assert (busy[1], busy[4], busy[6]) == ("scheduled", 1, "scheduled")
    assert utc(busy[3])[:16] == "2026-11-20T23:01"
    listed = ok(cli("outbox", env={**EVENING, **smtp(plain)})).out
    assert "#1     failed" in listed and "550 5.1.1 No such user here" in listed
    assert "Once fixed, `followup outbox --retry 1` sends it again." in listed
    assert "#2     scheduled Fri 20 Nov 18:01 EST" in listed
    assert "Last try: SMTP (send): the recipient busy@acme.com was refused: 451" in listed
    assert "Due:" not in listed  # Kenji's waits a minute
    # Refused again a minute later: the pause grows (2 minutes), attempts count on.
    later = {"FOLLOWUP_NOW": "2026-11-20T23:01:00+00:00", **smtp(plain)}
    ok(cli("outbox", "--send", env=later))
    busy = outbox(drafted)[1]
    assert (busy[1], busy[4], utc(busy[3])[:16]) == ("scheduled", 2, "2026-11-20T23:03")
    assert plain.received == []
    # Sent from another mail client and recorded by hand: the failure asks nothing more.
    ok(cli("done", "1", "panel-note", "--to", "Dana Rivera", env=later))
    assert "#1 " not in ok(cli("outbox", env=later)).out
    assert "#1     failed" in ok(cli("outbox", "--all", env=later)).out


def test_a_message_refused_for_its_address_goes_to_the_corrected_one(
    cli: CLI, drafted: dict[str, str], strict: SmtpServer
) -> None:
    strict.clear()
    env = {**EVENING, **smtp(strict)}
    write(drafted, "UPDATE contacts SET email = 'gone@acme.com' WHERE name = 'Dana Rivera'")
    write(drafted, "UPDATE contacts SET email = 'left@acme.com' WHERE name = 'Kenji Sato'")
    assert cli("send", "1", "--now", env=env).code == 5
    assert [(r[1], r[6]) for r in outbox(drafted)] == [("failed", "drafted")] * 2
    # The user corrects both addresses (`followup edit`), then sends Dana's as `followup
    # due` says (`followup send 1 --kind panel-note --to 'Dana Rivera'`), retries Kenji's.
    write(drafted, "UPDATE contacts SET email = 'dana@acme.com' WHERE name = 'Dana Rivera'")
    write(drafted, "UPDATE contacts SET email = 'kenji@acme.com' WHERE name = 'Kenji Sato'")
    ok(cli("send", "1", "--kind", "panel-note", "--to", "Dana Rivera", "--now", env=env))
    again = ok(cli("outbox", "--retry", "2", env=env)).out
    assert again == (
        "#2 to Kenji Sato <kenji@acme.com> is scheduled again, for now: "
        "`followup outbox --send` sends it (or a running `followup watch`).\n"
    )
    ok(cli("outbox", "--send", env=env))
    assert [r.recipients for r in strict.received] == [("dana@acme.com",), ("kenji@acme.com",)]
    assert [(r[1], r[6], r[7]) for r in outbox(drafted)] == [
        ("sent", "sent", "dana@acme.com"),
        ("sent", "sent", "kenji@acme.com"),
    ]


def test_refusals_change_nothing(cli: CLI, drafted: dict[str, str], plain: SmtpServer) -> None:
    plain.clear()  # the module's server: what other tests sent is not this test's
    env = {**EVENING, **smtp(plain)}
    before = outbox(drafted)
    # Kenji has no address on record: his note cannot go, and Dana's does not go alone.
    write(drafted, "UPDATE contacts SET email = NULL WHERE name = 'Kenji Sato'")
    past, unknown, undrafted, no_address, stranger, typo, no_interview = at_once(
        lambda: cli("send", "1", "--at", "2026-11-20T17:00", env=env),
        lambda: cli("outbox", "--cancel", "99", env=env),
        lambda: cli("send", "1", "--kind", "check-in", env=env),
        lambda: cli("send", "1", env=env),
        lambda: cli("send", "1", "--to", "Sam", env=env),
        lambda: cli("send", "1", "--kind", "thanks", env=env),
        lambda: cli("send", "1", "--interview", "7", env=env),
    )
    refused(no_interview, "--interview: Acme has no interview #7", "followup show 1")
    refused(typo, "--kind: 'thanks' is not a kind", "Did you mean thank-you?", "check-in")
    refused(stranger, "--to", "nobody called 'Sam'", "followup plan 1")
    refused(past, "--at", "has passed")
    refused(unknown, "no message 99 in the outbox", "followup outbox")
    refused(undrafted, "has no draft yet", "followup draft 1 --kind check-in")
    refused(no_address, "Kenji Sato has no email address in the record",
            "followup edit 1 --interviewer", "--to 'Kenji Sato' --format eml > draft.eml",
            "Or send the others alone: `followup send 1 --to NAME`.")  # fmt: skip
    # No From address: the profile has no email.
    write(drafted, "UPDATE profiles SET email = NULL")
    refused(cli("send", "1", "--to", "Dana", env=env), "your profile has no email address",
            "followup init --email")  # fmt: skip
    assert outbox(drafted) == before
    assert plain.received == []


def test_without_smtp_settings_exit_4_and_an_unreachable_server_exit_5(
    cli: CLI, drafted: dict[str, str]
) -> None:
    before = outbox(drafted)
    result, watch = at_once(
        lambda: cli("send", "1", env=EVENING), lambda: cli("watch", "--once", env=EVENING)
    )
    assert result.code == 4, result
    assert "SMTP is not set up" in result.err and "FOLLOWUP_SMTP_HOST" in result.err
    assert watch.code == 4 and "neither SMTP nor IMAP is set up" in watch.err
    assert outbox(drafted) == before

    down = {**EVENING, **smtp(None)}  # a port nothing listens on
    result = cli("send", "1", "--now", env=down)
    assert result.code == 5, result
    assert "was refused: nothing listens there" in result.err
    assert "Traceback" not in result.err
    # The messages wait in the outbox, untouched, for the next run.
    assert [(r[1], r[4], r[6]) for r in outbox(drafted)] == [("scheduled", 0, "scheduled")] * 2


def test_a_line_break_in_a_name_or_subject_of_the_record_cannot_add_a_header(
    cli: CLI, drafted: dict[str, str], plain: SmtpServer
) -> None:
    plain.clear()
    write(drafted, "UPDATE contacts SET name = ? WHERE email = 'dana@acme.com'",
          "Dana\r\nBcc: evil@example.com")  # fmt: skip
    write(drafted, "UPDATE profiles SET name = ?", "Zoë\nReply-To: evil@example.com")
    write(drafted, "UPDATE messages SET subject = ? WHERE id = 1",
          "Thanks\r\n\r\nInjected body")  # fmt: skip
    ok(cli("send", "1", "--to", "Dana", "--now", env={**EVENING, **smtp(plain)}))
    (got,) = plain.received
    assert got.recipients == ("dana@acme.com",)
    head, _, body = got.data.partition(b"\r\n\r\n")
    names = [line.split(b":", 1)[0] for line in head.split(b"\r\n") if line[:1] not in b" \t"]
    assert names == [b"From", b"To", b"Subject", b"Date", b"Message-ID", b"Content-Type",
                     b"Content-Transfer-Encoding", b"MIME-Version"]  # fmt: skip
    assert b"Injected body" not in body and body.startswith(b"Dear Dana,")
    parsed = message_from_bytes(got.data, policy=policy.default)
    assert parsed["Bcc"] is None and parsed["Reply-To"] is None
    assert parsed["Subject"] == "Thanks Injected body"


# watch -------------------------------------------------------------------------------------


@pytest.fixture
def watching(home: dict[str, str]) -> Iterator[Any]:
    """Start `followup watch` as a background process; it is killed if a test fails."""
    procs: list[subprocess.Popen[str]] = []

    def start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [*_entry_point(), "watch", *args], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**home, **env},
        )  # fmt: skip
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_watch_sends_then_stops_on_sigterm_with_exit_0(
    cli: CLI, drafted: dict[str, str], plain: SmtpServer, watching: Any
) -> None:
    plain.clear()
    env = {**EVENING, **smtp(plain)}
    ok(cli("send", "1", env=env))
    proc = watching(env, "--interval", "300")
    deadline = time.monotonic() + 20
    while len(plain.received) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(plain.received) == 2
    time.sleep(0.2)  # the round is over: watch sleeps for five minutes
    proc.send_signal(signal.SIGTERM)
    started = time.monotonic()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert time.monotonic() - started < 60, "stopped at once, not after its 5-minute sleep"
    assert out.count(" sent #") == 2
    assert err.endswith("stopped.\n") and "Traceback" not in err


def test_watch_waits_the_interval_when_the_server_is_down_not_a_second(
    cli: CLI, drafted: dict[str, str], watching: Any
) -> None:
    env = {**EVENING, **smtp(None)}
    ok(cli("send", "1", env=env))  # due now; nothing listens on the port
    proc = watching(env, "--interval", "5")
    first = proc.stderr.readline()
    assert "SMTP (connect): the connection to 127.0.0.1:" in first
    time.sleep(1.3)  # a busy loop would have tried again (and said so) after 1 s
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=5)
    assert proc.returncode == 0
    assert "SMTP (connect)" not in err, err
    assert [r[1] for r in outbox(drafted)] == ["scheduled", "scheduled"]


# mail test ---------------------------------------------------------------------------------


def test_mail_test_says_what_works_and_exactly_what_failed(
    cli: CLI, drafted: dict[str, str], secure: SmtpServer
) -> None:
    env = {
        **smtp(secure, FOLLOWUP_SMTP_SECURITY="starttls"),
        "FOLLOWUP_SMTP_USER": "zoe",
        "FOLLOWUP_SMTP_PASSWORD": PASSWORD,
        "SSL_CERT_FILE": str(secure.ca.ca_file),
    }
    # SMTP works; IMAP is not set up: exit 4, naming the setting.
    result = cli("mail", "test", env=env)
    assert result.code == 4, result
    lines = result.out.splitlines()
    assert lines[0] == f"SMTP: ok: 127.0.0.1:{secure.port} answered; STARTTLS; logged in as zoe"
    assert lines[1].startswith("IMAP: FAILED: IMAP is not set up")
    assert "FOLLOWUP_IMAP_HOST" in result.out
    # A wrong password: exit 5, the server's own answer, and no password anywhere.
    wrong = "not-the-" + PASSWORD
    result = cli("mail", "test", env={**env, "FOLLOWUP_SMTP_PASSWORD": wrong})
    assert result.code == 5, result
    assert "SMTP: FAILED: at login: the login of 'zoe' was refused: 535 5.7.8" in result.out
    for secret in (wrong, PASSWORD):
        assert secret not in result.out + result.err
