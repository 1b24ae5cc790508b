"""`followup sync`, `mail test` and `watch --once` through the real entry point, with pymap.

The record (built once for the module; each test starts from a copy of its database),
Zoë Martín's interviews, all in New York:

1. Acme, a panel on Fri 20 Nov 2026 16:15-17:00 with Dana Rivera and Kenji Sato; the
   note to Kenji went out that evening (18:00, 23:00 UTC) through aiosmtpd;
2. Globex, Fri 20 Nov 13:00-14:00 with José Núñez <jose.nunez@globex.io>;
3. Initech, Thu 19 Nov 10:00-11:00 with Bill Lumbergh <bill@initech.com>;
4. Umbrella, a panel on Fri 20 Nov 10:00-11:00 with Sam Okoro <sam@umbrella.com> and Lee
   Park, an engineer who gave a Gmail address; both notes went out that evening.

The inbox (:func:`inbox`) holds Kenji's answer in the thread, José's from his address
(non-ASCII name, subject and body), one from Initech's talent team at a subdomain, and
what must not count: Sam's email from before the interview, Sam's Outlook "Automatic
reply", Umbrella's RFC 3834 acknowledgement, a Gmail newsletter (Lee is at Gmail too, but
a free-mail domain says nothing), the DSN of the note to Lee, and a mailing list's digest.
Syncs run on Tue 1 Dec.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

import pytest

import imap_server as imap_module
from conftest import CLI, Result, _entry_point, record_runner
from imap_server import ImapServer, imap_server
from llm_server import closed_port
from smtp_server import SmtpServer, server_fixture

EVENING = {"FOLLOWUP_NOW": "2026-11-20T23:00:00+00:00"}  # Fri 18:00 in New York
SYNC_DAY = {"FOLLOWUP_NOW": "2026-12-01T15:00:00+00:00"}  # Tue 1 Dec, 10:00 in New York
PEOPLE = {
    1: ("Acme", "Data Analyst", "2026-11-20T16:15", "17:00", ["Dana Rivera <dana@acme.com>, "
        "Analytics Manager", "Kenji Sato <kenji@acme.com>, Recruiter"]),
    2: ("Globex", "BI Analyst", "2026-11-20T13:00", "14:00",
        ["José Núñez <jose.nunez@globex.io>, Hiring Manager"]),
    3: ("Initech", "Analyst", "2026-11-19T10:00", "11:00",
        ["Bill Lumbergh <bill@initech.com>, Director"]),
    4: ("Umbrella", "Data Engineer", "2026-11-20T10:00", "11:00",
        ["Sam Okoro <sam@umbrella.com>, Recruiter", "Lee Park <leepark.dev@gmail.com>, Engineer"]),
}  # fmt: skip
CHASING = ("check-in", "availability-request", "close-the-loop")
PENDING = ("planned", "drafted", "scheduled")

smtp = server_fixture("smtp")


def ok(result: Result) -> Result:
    assert result.code == 0, result
    assert "Traceback" not in result.err
    return result


def rows(data: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{data / 'followup.db'}?mode=ro", uri=True)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def steps(data: Path) -> dict[int, list[tuple[str, str]]]:
    """Each application's steps: (kind, status), in plan order."""
    found: dict[int, list[tuple[str, str]]] = {}
    for app, kind, status in rows(
        data, "SELECT application_id, kind, status FROM followups ORDER BY application_id, id"
    ):
        found.setdefault(app, []).append((kind, status))
    return found


def replies(data: Path) -> list[tuple[Any, ...]]:
    return rows(
        data,
        "SELECT application_id, sender, matched_by, header_id FROM replies ORDER BY id",
    )


def imap_env(server: ImapServer | None, **extra: str) -> dict[str, str]:
    """The environment that points followup at ``server`` (a closed port for None)."""
    return {
        "FOLLOWUP_IMAP_HOST": "127.0.0.1",
        "FOLLOWUP_IMAP_PORT": str(server.port if server else closed_port()),
        "FOLLOWUP_IMAP_USER": imap_module.USER,
        "FOLLOWUP_IMAP_PASSWORD": imap_module.PASSWORD,
        "FOLLOWUP_IMAP_SECURITY": "none",
        **extra,
    }


# The record and the inbox ------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpServer) -> Path:
    """The database of the record in the module docstring."""
    root = tmp_path_factory.mktemp("sync-record")
    run = record_runner(
        root,
        FOLLOWUP_SMTP_HOST="127.0.0.1",
        FOLLOWUP_SMTP_PORT=str(smtp.port),
        FOLLOWUP_SMTP_SECURITY="none",
        **EVENING,
    )

    run("init", "--name", "Zoë Martín", "--email", "zoe@example.com")
    for company, role, start, end, people in PEOPLE.values():
        interviewers = [arg for person in people for arg in ("-i", person)]
        run("add", "-c", company, "-r", role, "-s", start, "--end", end, *interviewers,
            "--decision", "2026-12-04")  # fmt: skip
    run("draft", "1")
    run("draft", "4")
    run("send", "1", "--to", "Kenji", "--now")
    run("send", "4", "--now")
    assert len(smtp.received) == 3
    smtp.clear()
    return root / "data"


def sent_ids(data: Path) -> dict[str, str]:
    """The Message-ID of each sent note, by recipient."""
    found = rows(data, "SELECT to_email, message_id FROM messages WHERE status = 'sent'")
    return dict(found)


def mail(sender: str, subject: str, date: str, message_id: str, body: str, **extra: str) -> bytes:
    """A message to Zoë as a mail program writes it (``In_Reply_To=`` is In-Reply-To)."""
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = "Zoë Martín <zoe@example.com>"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = message_id
    for name, value in extra.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()


def dsn(returned: str, to: str) -> bytes:
    """Gmail's delivery status notification for the message ``returned`` to ``to``."""
    return (
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\n"
        "To: zoe@example.com\r\n"
        "Subject: Delivery Status Notification (Failure)\r\n"
        "Date: Fri, 20 Nov 2026 15:00:04 -0800\r\n"
        "Message-ID: <dsn-0001@mx.google.com>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b0"\r\n'
        "\r\n--b0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
        f"Your message wasn't delivered to {to} because the address couldn't be found.\r\n"
        "\r\n--b0\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; googlemail.com\r\n\r\n"
        f"Final-Recipient: rfc822; {to}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 The email account does not exist.\r\n"
        "\r\n--b0\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        "From: =?utf-8?q?Zo=C3=AB_Mart=C3=ADn?= <zoe@example.com>\r\n"
        f"To: {to}\r\nMessage-ID: {returned}\r\n"
        "\r\n--b0--\r\n"
    ).encode()


def inbox(ids: dict[str, str]) -> list[bytes]:
    """The messages of the module docstring, in the order they arrived."""
    kenji, sam = ids["kenji@acme.com"], ids["sam@umbrella.com"]
    return [
        mail("Data Jobs Weekly <datajobs.weekly@gmail.com>", "10 new analyst roles this week",
             "Sat, 21 Nov 2026 08:00:00 +0000", "<weekly-47@gmail.com>",
             "Hand-picked roles for you: ...",
             List_Unsubscribe="<mailto:datajobs.weekly+stop@gmail.com>"),
        mail("Sam Okoro <sam@umbrella.com>", "Interview invitation: Data Engineer",
             "Tue, 10 Nov 2026 09:30:00 -0500", "<invite-1@umbrella.com>",
             "Hi Zoë, would Friday 20 Nov at 10:00 work for a panel?"),
        dsn(ids["leepark.dev@gmail.com"], "leepark.dev@gmail.com"),
        mail("Sam Okoro <sam@umbrella.com>", "Automatic reply: Thank you: Data Engineer interview",
             "Fri, 20 Nov 2026 18:00:02 -0500", "<oof-1@umbrella.com>",
             "I am out of the office until Monday 30 November.", In_Reply_To=sam,
             References=sam, X_Auto_Response_Suppress="All", Thread_Topic="Thank you"),
        mail("Umbrella Careers <no-reply@umbrella.com>", "We have received your message",
             "Sat, 21 Nov 2026 10:00:00 +0000", "<ack-1@umbrella.com>",
             "Thank you for writing to Umbrella Careers.", Auto_Submitted="auto-replied"),
        mail("Kenji Sato <kenji@acme.com>", "Re: Thanks from the panel",
             "Mon, 23 Nov 2026 09:12:00 -0500", "<CAK-kenji-1@mail.acme.com>",
             "Thanks Zoë, it was a pleasure. We will decide by the 4th.\n\n"
             "On Fri, Nov 20, 2026 at 6:00 PM Zoë Martín <zoe@example.com> wrote:\n"
             "> Dear Kenji,\n> thank you\n", In_Reply_To=kenji, References=kenji),
        mail("José Núñez <jose.nunez@globex.io>", "Próximos pasos — Globex 🎉",
             "Tue, 24 Nov 2026 11:30:00 +0100", "<jose-1@globex.io>",
             "¡Hola Zoë! Gracias por tu tiempo el viernes. El equipo quiere una segunda "
             "entrevista: ¿te va bien el jueves?\n\n-- \nJosé Núñez · Globex\n"),
        mail("Initech Talent <talent@mail.initech.com>", "Your application at Initech",
             "Wed, 25 Nov 2026 14:00:00 -0500", "<talent-7@mail.initech.com>",
             "Hello Zoë, Bill asked us to set up a call with the team."),
        mail("PyData Digest <digest@lists.pydata.example>", "[pydata] Digest, Vol 12, Issue 48",
             "Sat, 28 Nov 2026 06:00:00 +0000", "<digest-12-48@lists.pydata.example>",
             "Today's topics: ...", List_Id="<pydata.lists.pydata.example>",
             Precedence="list"),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def server(template: Path) -> Iterator[ImapServer]:
    """The inbox of the module docstring, in a pymap that the tests leave unchanged."""
    with imap_server({"INBOX": inbox(sent_ids(template)), "Sent": []}) as running:
        yield running


@pytest.fixture
def record(template: Path, home: dict[str, str]) -> Path:
    """This test's data directory: a copy of the record."""
    shutil.copytree(template, home["FOLLOWUP_DATA_DIR"])
    return Path(home["FOLLOWUP_DATA_DIR"])


def sync(cli: CLI, server: ImapServer | None, *args: str, **env: str) -> Result:
    return cli("sync", *args, env={**SYNC_DAY, **imap_env(server), **env})


def sync_json(cli: CLI, server: ImapServer) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(ok(sync(cli, server, "--format", "json")).out)
    return report


# The first sync ----------------------------------------------------------------------------


def test_the_first_sync_records_the_three_replies_and_re_plans_only_their_applications(
    cli: CLI, record: Path, server: ImapServer
) -> None:
    before = steps(record)
    report = sync_json(cli, server)
    assert report["read"] == 9
    assert report["renumbered"] is False
    got = [
        (r["application_id"], r["company"], r["sender"], r["matched_by"], r["message_id"])
        for r in report["replies"]
    ]
    assert got == [
        (1, "Acme", "kenji@acme.com", "thread", "<CAK-kenji-1@mail.acme.com>"),
        (2, "Globex", "jose.nunez@globex.io", "address", "<jose-1@globex.io>"),
        (3, "Initech", "talent@mail.initech.com", "domain", "<talent-7@mail.initech.com>"),
    ]
    kenji, jose, initech = report["replies"]
    assert kenji["received_at"] == "2026-11-23T14:12:00+00:00"
    assert kenji["snippet"] == "Thanks Zoë, it was a pleasure. We will decide by the 4th."
    # Non-ASCII name, subject and body (RFC 2047 words, base64 UTF-8), decoded right;
    # the signature is not part of the snippet.
    assert jose["subject"] == "Próximos pasos — Globex 🎉"
    assert jose["snippet"] == (
        "¡Hola Zoë! Gracias por tu tiempo el viernes. El equipo quiere una segunda "
        "entrevista: ¿te va bien el jueves?"
    )
    assert jose["received_at"] == "2026-11-24T10:30:00+00:00"
    assert initech["subject"] == "Your application at Initech"
    # Sam's Outlook reply and Umbrella's Auto-Submitted acknowledgement are not replies;
    # they are counted, unlike the mailing list's digest, which is nobody's answer.
    assert report["auto_replies"] == 2
    # The DSN names the note to Lee: it failed, and its step is pending again.
    (bounce,) = report["bounces"]
    assert bounce["to"]["email"] == "leepark.dev@gmail.com"
    assert bounce["status"] == "failed"
    assert bounce["reason"].startswith(
        "returned as undeliverable (Delivery Status Notification (Failure)"
    )
    (lee,) = rows(
        record,
        "SELECT m.status, m.error, f.status FROM messages m JOIN followups f "
        "ON f.id = m.followup_id WHERE m.to_email = 'leepark.dev@gmail.com'",
    )
    assert (
        lee[0] == "failed"
        and lee[1].startswith("returned as undeliverable (")
        and lee[2] == "drafted"
    )
    # Every pending check-in of the three applications that answered is cancelled (and
    # steps whose time has passed by now, as any re-plan does); the LinkedIn requests
    # stay. Umbrella, which did not answer, is not re-planned: only Lee's note changed.
    after = steps(record)
    for app in (1, 2, 3):
        chasing = {(k, s) for k, s in before[app] if k in CHASING}
        assert chasing == {("check-in", "planned"), ("close-the-loop", "planned")}
        assert {s for k, s in after[app] if k in CHASING} == {"cancelled"}
        assert {s for k, s in after[app] if k == "linkedin"} == {"planned"}
    # The count is of the chasers the replies stopped, not of steps merely out of date.
    stopped = sum(
        1
        for app in (1, 2, 3)
        for (kind, was), (_, now) in zip(before[app], after[app], strict=True)
        if was in PENDING and now == "cancelled" and kind in CHASING
    )
    assert report["cancelled"] == stopped == 9
    changed = [(b, a) for b, a in zip(before[4], after[4], strict=True) if a != b]
    assert changed == [(("panel-note", "sent"), ("panel-note", "drafted"))]
    assert replies(record) == [
        (1, "kenji@acme.com", "thread", "<CAK-kenji-1@mail.acme.com>"),
        (2, "jose.nunez@globex.io", "address", "<jose-1@globex.io>"),
        (3, "talent@mail.initech.com", "domain", "<talent-7@mail.initech.com>"),
    ]
    # `followup plan` says the same: Acme's check-ins are cancelled, Umbrella's still wait.
    acme = json.loads(ok(cli("plan", "1", "--format", "json", env=SYNC_DAY)).out)
    umbrella = json.loads(ok(cli("plan", "4", "--format", "json", env=SYNC_DAY)).out)
    assert {f["status"] for f in acme["followups"] if f["kind"] in CHASING} == {"cancelled"}
    assert {f["status"] for f in umbrella["followups"] if f["kind"] in CHASING} == {"planned"}


# Later syncs -------------------------------------------------------------------------------


@pytest.fixture
def same_port(monkeypatch: pytest.MonkeyPatch) -> int:
    """One port for every IMAP server the test starts: the settings stay, the server restarts."""
    port = imap_module.free_port()
    monkeypatch.setattr(imap_module, "free_port", lambda: port)
    return port


def test_later_syncs_read_only_new_mail_and_a_renumbered_inbox_records_nothing_twice(
    cli: CLI, record: Path, template: Path, smtp: SmtpServer, same_port: int
) -> None:
    ids = sent_ids(template)
    messages = inbox(ids)
    with imap_server({"INBOX": messages, "Sent": []}, uidvalidity={"INBOX": 1001}) as server:
        first = ok(sync(cli, server))
        assert first.out.splitlines() == [
            "Read 9 new messages.",
            "Reply from kenji@acme.com about Acme (Data Analyst), Mon 23 Nov 09:12 EST: "
            "“Re: Thanks from the panel” (in the thread of your email)",
            "  “Thanks Zoë, it was a pleasure. We will decide by the 4th.”",
            "Reply from jose.nunez@globex.io about Globex (BI Analyst), Tue 24 Nov 05:30 EST: "
            "“Próximos pasos — Globex 🎉” (from an address on record)",
            "  “¡Hola Zoë! Gracias por tu tiempo el viernes. El equipo quiere una segunda "
            "entrevista: ¿te va bien el jueves?”",
            "Reply from talent@mail.initech.com about Initech (Analyst), Wed 25 Nov 14:00 EST: "
            "“Your application at Initech” (from the company's domain)",
            "  “Hello Zoë, Bill asked us to set up a call with the team.”",
            "2 automatic replies (out of office and the like): not replies, nothing changed.",
            "Cancelled 9 follow-ups that waited for an answer: they answered.",
        ]
        (lee,) = rows(record, "SELECT id FROM messages WHERE to_email = 'leepark.dev@gmail.com'")
        assert first.err == (
            f"#{lee[0]} to Lee Park <leepark.dev@gmail.com> bounced: returned as undeliverable "
            "(Delivery Status Notification (Failure)). It is pending again: check the address "
            f"(`followup edit`), then `followup outbox --retry {lee[0]}`.\n"
        )
        # Lee's address was right after all (a typo at Gmail's end): the note goes again,
        # with the same Message-ID.
        smtp_env = {
            **SYNC_DAY,
            "FOLLOWUP_SMTP_HOST": "127.0.0.1",
            "FOLLOWUP_SMTP_PORT": str(smtp.port),
            "FOLLOWUP_SMTP_SECURITY": "none",
        }
        ok(cli("outbox", "--retry", str(lee[0]), env=smtp_env))
        assert "Sent #" in ok(cli("outbox", "--send", env=smtp_env)).out
        assert sent_ids(record)["leepark.dev@gmail.com"] == ids["leepark.dev@gmail.com"]

        # Nothing new: nothing read, nothing recorded again.
        quiet = sync_json(cli, server)
        assert (quiet["read"], quiet["replies"], quiet["bounces"]) == (0, [], [])
        assert (quiet["auto_replies"], quiet["cancelled"], quiet["renumbered"]) == (0, 0, False)
        assert len(replies(record)) == 3

        # Sam answers in the thread, to Zoë and to her old address, which forwards here: two
        # copies of one message. Only they are read, one reply is recorded, and Umbrella
        # stops chasing.
        sam = ids["sam@umbrella.com"]
        late = mail(
            "Sam Okoro <sam@umbrella.com>",
            "Re: Thank you",
            "Mon, 30 Nov 2026 16:00:00 +0000",
            "<sam-2@umbrella.com>",
            "Thanks! The team decides on Friday.",
            In_Reply_To=sam,
            References=sam,
        )
        server.append("INBOX", late, late)
        new = ok(sync(cli, server)).out.splitlines()
        assert new[0] == "Read 2 new messages."
        assert new[1].startswith("Reply from sam@umbrella.com about Umbrella (")
        assert new[1].endswith("“Re: Thank you” (in the thread of your email)")
        # One application answered: the summary points at its plan.
        assert new[-1].startswith("Cancelled ") and new[-1].endswith(
            "that waited for an answer: they answered. `followup plan 4` shows what is left."
        )
        assert {s for k, s in steps(record)[4] if k in CHASING} == {"cancelled"}
    recorded = replies(record)
    assert len(recorded) == 4
    messages_before = rows(record, "SELECT id, status, followup_id FROM messages ORDER BY id")

    # The server renumbers the inbox (a new UIDVALIDITY, the same messages): followup
    # reads it all again, says so, and records nothing a second time.
    with imap_server(
        {"INBOX": [*messages, late, late], "Sent": []}, uidvalidity={"INBOX": 2002}
    ) as again:
        renumbered = sync_json(cli, again)
        assert (renumbered["renumbered"], renumbered["read"]) == (True, 11)
        assert (renumbered["replies"], renumbered["cancelled"]) == ([], 0)
        # The DSN read again is older than the note's second sending: it is not about it.
        assert renumbered["bounces"] == []
        assert replies(record) == recorded
        assert ok(sync(cli, again)).out == "No new message in your inbox since the last sync.\n"
    assert (
        rows(record, "SELECT id, status, followup_id FROM messages ORDER BY id") == messages_before
    )


# Settings and failures ---------------------------------------------------------------------


def test_without_imap_settings_exit_4_and_nothing_changes(cli: CLI, record: Path) -> None:
    result = cli("sync", env=SYNC_DAY)
    assert result.code == 4, result
    assert result.out == ""
    assert "IMAP is not set up" in result.err and "FOLLOWUP_IMAP_HOST" in result.err
    assert "Traceback" not in result.err
    assert rows(record, "SELECT count(*) FROM mail_folders") == [(0,)]


def test_a_wrong_password_exit_5_with_the_servers_words_and_never_the_password(
    cli: CLI, record: Path, server: ImapServer
) -> None:
    wrong = "not-the-Secret-4711"
    result = sync(cli, server, FOLLOWUP_IMAP_PASSWORD=wrong)
    assert result.code == 5, result
    assert result.out == ""
    assert (
        f"IMAP (login): 127.0.0.1:{server.port} refused the login of 'me@example.com': "
        "[AUTHENTICATIONFAILED] Invalid authentication credentials." in result.err
    )
    assert "FOLLOWUP_IMAP_PASSWORD" in result.err  # the fix names the setting
    assert wrong not in result.out + result.err
    assert "Traceback" not in result.err
    assert replies(record) == []
    assert rows(record, "SELECT count(*) FROM mail_folders") == [(0,)]


def test_a_closed_port_exit_5_connection_refused(cli: CLI, record: Path) -> None:
    result = sync(cli, None)
    assert result.code == 5, result
    assert "IMAP (connect): 127.0.0.1:" in result.err
    assert "refused the connection" in result.err and "Traceback" not in result.err
    assert replies(record) == []


def test_mail_test_checks_both_servers_one_line_each(
    cli: CLI, record: Path, server: ImapServer, smtp: SmtpServer
) -> None:
    env = {**imap_env(server), "FOLLOWUP_SMTP_HOST": "127.0.0.1",
           "FOLLOWUP_SMTP_PORT": str(smtp.port), "FOLLOWUP_SMTP_SECURITY": "none"}  # fmt: skip
    result = ok(cli("mail", "test", env=env))
    smtp_line, imap_line = result.out.splitlines()
    assert smtp_line == f"SMTP: ok: 127.0.0.1:{smtp.port} answered; no encryption; no login"
    assert imap_line == (
        f"IMAP: ok: IMAP 127.0.0.1:{server.port} (no TLS): logged in as me@example.com; "
        "INBOX has 9 messages; sent mail in 'Sent'."
    )
    assert result.err == ""


def test_watch_once_with_only_imap_records_the_replies(
    cli: CLI, record: Path, server: ImapServer
) -> None:
    result = ok(cli("watch", "--once", env={**SYNC_DAY, **imap_env(server)}))
    assert result.out == (
        "2026-12-01 15:00:00Z reply from kenji@acme.com about Acme (Data Analyst).\n"
        "2026-12-01 15:00:00Z reply from jose.nunez@globex.io about Globex (BI Analyst).\n"
        "2026-12-01 15:00:00Z reply from talent@mail.initech.com about Initech (Analyst).\n"
    )
    assert "bounced: returned as undeliverable (Delivery Status Notification" in result.err
    assert "stopped" not in result.err  # --once ends by itself: nothing stopped it
    assert [r[2] for r in replies(record)] == ["thread", "address", "domain"]


def test_a_long_first_sync_shows_a_progress_bar_on_a_terminal(
    home: dict[str, str], record: Path
) -> None:
    # 1,500 short notes from nobody in the record; stderr is a terminal (a pty), stdout not.
    notes = [
        f"From: n{i}@firm.example\r\nSubject: Note {i}\r\nMessage-ID: <n{i}@firm.example>\r\n"
        f"Date: Mon, 30 Nov 2026 10:00:00 +0000\r\n\r\nx\r\n".encode()
        for i in range(1500)
    ]
    with imap_server({"INBOX": notes, "Sent": []}) as server:
        terminal, stderr = pty.openpty()
        proc = subprocess.Popen(
            [*_entry_point(), "sync"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=stderr, env={**home, **SYNC_DAY, **imap_env(server)},
        )  # fmt: skip
        os.close(stderr)
        drawn = b""
        while True:
            try:
                chunk = os.read(terminal, 65536)
            except OSError:  # the process closed its end
                break
            if not chunk:
                break
            drawn += chunk
        out, _ = proc.communicate(timeout=60)
        os.close(terminal)
    assert proc.returncode == 0
    assert out.startswith(b"Read 1500 new messages.\n")
    # Two batches of headers: 1,000 of 1,500 (67%), then all; the report itself is on stdout.
    assert b"Reading the inbox" in drawn
    assert b" 67%" in drawn and b"100%" in drawn
