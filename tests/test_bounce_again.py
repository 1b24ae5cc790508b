"""A bounce read again is never applied twice (a reviewer's defect, pinned here).

Kenji's thank-you bounced; `followup sync` failed it; Zoë corrected his address (or, when
his mailbox was only full for a while, kept it), retried, and the note went out. Later
the server renumbered the inbox (a new UIDVALIDITY: read again in full) and the old
bounce came back: it failed the note again and `followup due` said to send it a second
time, because the retry came within 10 minutes of the bounce (BOUNCE_SLACK).

Real servers on loopback (tests/smtp_server.py, tests/imap_server.py) and the real entry
point; the record is the one of tests/test_outbox_cli.py (Zoë's panel at Acme with Dana
and Kenji, both notes drafted), built once for this module and copied for each test.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import test_outbox_cli
from conftest import CLI
from draft_support import ok
from followup.domain.mail.body import read_bounce
from imap_server import imap_server
from smtp_server import SmtpServer, server_fixture
from test_outbox_cli import DANA, EVENING, outbox, smtp
from test_sync_cli import imap_env, same_port  # noqa: F401 (a fixture)

# Zoë's record with both panel notes drafted, as tests/test_outbox_cli.py builds it.
template = test_outbox_cli.template
drafted = test_outbox_cli.drafted

mta = server_fixture("mta")

# Fri 20 Nov 2026, in UTC: the note goes out at 23:00 (18:00 in New York).
BOUNCED = "Fri, 20 Nov 2026 23:12:00 +0000"  # the DSN's Date
SYNCED = {"FOLLOWUP_NOW": "2026-11-20T23:15:00+00:00"}  # the sync that reads it
RETRIED = {"FOLLOWUP_NOW": "2026-11-20T23:20:00+00:00"}  # 8 minutes after the bounce
LATER = {"FOLLOWUP_NOW": "2026-11-21T15:00:00+00:00"}  # the renumbered inbox's sync
NEW_ADDRESS = "kenji.sato@northwind.example"


def dsn(
    returned: bytes, to: str, *, date: str = BOUNCED, serial: int = 1, dated: bool = True
) -> bytes:
    """Gmail's delivery status notification for ``to``, with the returned copy's headers.

    ``dated=False`` leaves the copy's Date out, as some servers return a few headers only.
    """
    lines = returned.split(b"\r\n\r\n", 1)[0].decode("ascii").split("\r\n")
    headers = "\r\n".join(line for line in lines if dated or not line.startswith("Date:"))
    return (
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\n"
        "To: zoe@example.com\r\n"
        "Subject: Delivery Status Notification (Failure)\r\n"
        f"Date: {date}\r\n"
        f"Message-ID: <dsn-{serial:04d}@mx.google.com>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b0"\r\n'
        "\r\n--b0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
        f"Your message wasn't delivered to {to} because the mailbox is unavailable.\r\n"
        "\r\n--b0\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; googlemail.com\r\n\r\n"
        f"Final-Recipient: rfc822; {to}\r\nAction: failed\r\nStatus: 5.2.2\r\n"
        "Diagnostic-Code: smtp; 552 5.2.2 The email account is over its quota.\r\n"
        f"\r\n--b0\r\nContent-Type: text/rfc822-headers\r\n\r\n{headers}\r\n"
        "\r\n--b0--\r\n"
    ).encode()


def kenjis(home: dict[str, str]) -> tuple[int, str, str, str]:
    """Kenji's note: its number, status, its step's status and its address."""
    (row,) = [r for r in outbox(home) if r[7] in ("kenji@acme.com", NEW_ADDRESS)]
    return row[0], row[1], row[6], row[7]


def bounced_once(
    cli: CLI, home: dict[str, str], server: SmtpServer, *, dated: bool = True
) -> tuple[int, bytes]:
    """Kenji's note goes out, bounces, and the sync fails it; its number and the DSN."""
    server.clear()
    ok(cli("send", "1", "--to", "Kenji", "--now", env={**EVENING, **smtp(server)}))
    (sent,) = server.received
    bounce = dsn(sent.data, "kenji@acme.com", dated=dated)
    with imap_server({"INBOX": [bounce], "Sent": []}, uidvalidity={"INBOX": 1001}) as imap:
        first = ok(cli("sync", env={**SYNCED, **imap_env(imap)}))
    number, status, step, _ = kenjis(home)
    assert (status, step) == ("failed", "drafted")
    assert f"#{number} to Kenji Sato <kenji@acme.com> bounced" in first.err
    assert "Kenji" in ok(cli("due", env=SYNCED)).out  # the thank-you is due again
    return number, bounce


def retried(cli: CLI, number: int, server: SmtpServer) -> bytes:
    """`outbox --retry`, then `outbox --send`: what went out."""
    server.clear()
    ok(cli("outbox", "--retry", str(number), env={**RETRIED, **smtp(server)}))
    assert "Sent #" in ok(cli("outbox", "--send", env={**RETRIED, **smtp(server)})).out
    (again,) = server.received
    return again.data


def renumbered_sync(cli: CLI, *inbox: bytes, uidvalidity: int = 2002) -> dict[str, Any]:
    """The server renumbers the inbox (a new UIDVALIDITY): the sync reads it all again."""
    with imap_server(
        {"INBOX": list(inbox), "Sent": []}, uidvalidity={"INBOX": uidvalidity}
    ) as imap:
        result = ok(cli("sync", "--format", "json", env={**LATER, **imap_env(imap)}))
    report: dict[str, Any] = json.loads(result.out)
    assert report["renumbered"] is True
    return report


@pytest.mark.usefixtures("same_port")  # the settings stay, the server restarts
def test_an_old_bounce_read_again_after_the_address_was_corrected_changes_nothing(
    cli: CLI, drafted: dict[str, str], mta: SmtpServer
) -> None:
    # The returned copy has no Date here: only the address tells this bounce is old.
    number, bounce = bounced_once(cli, drafted, mta, dated=False)
    # Zoë corrects Kenji's address on the interview, retries, and the note goes out.
    kenji = f"Kenji Sato <{NEW_ADDRESS}>, Recruiter"
    ok(cli("edit", "1", "-i", DANA, "-i", kenji, env=RETRIED))
    retried(cli, number, mta)
    assert mta.received[0].recipients == (NEW_ADDRESS,)
    assert kenjis(drafted)[1:] == ("sent", "sent", NEW_ADDRESS)

    # The old DSN, read again, names kenji@acme.com: an address the note no longer goes to.
    report = renumbered_sync(cli, bounce)
    assert report["bounces"] == []
    assert kenjis(drafted)[1:] == ("sent", "sent", NEW_ADDRESS)
    assert "Kenji" not in ok(cli("due", env=LATER)).out


@pytest.mark.usefixtures("same_port")
def test_an_old_bounce_read_again_after_a_retry_to_the_same_address_changes_nothing(
    cli: CLI, drafted: dict[str, str], mta: SmtpServer
) -> None:
    # Kenji's mailbox was full for a while: the address is right, the retry goes out to it,
    # 8 minutes after the bounce. The bounce returns the first sending (its copy's Date),
    # which it failed already: read again, it fails nothing.
    number, bounce = bounced_once(cli, drafted, mta)
    second = retried(cli, number, mta)
    assert kenjis(drafted)[1:] == ("sent", "sent", "kenji@acme.com")
    report = renumbered_sync(cli, bounce)
    assert report["bounces"] == []
    assert kenjis(drafted)[1:] == ("sent", "sent", "kenji@acme.com")
    assert "Kenji" not in ok(cli("due", env=LATER)).out

    # A bounce of the second sending is news, though (same Message-ID, its own Date).
    news = dsn(second, "kenji@acme.com", date="Fri, 20 Nov 2026 23:21:00 +0000", serial=2)
    report = renumbered_sync(cli, bounce, news, uidvalidity=3003)
    assert [b["to"]["email"] for b in report["bounces"]] == ["kenji@acme.com"]
    assert kenjis(drafted)[1:] == ("failed", "drafted", "kenji@acme.com")


# What a bounce names -----------------------------------------------------------------------


def test_a_bounce_names_its_failed_recipients_and_the_returned_copys_date() -> None:
    report = (
        "From: MAILER-DAEMON@mx.example.com (Mail Delivery System)\r\n"
        "To: zoe@example.com\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Date: Fri, 20 Nov 2026 23:12:00 +0000\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n'
        "\r\n--b1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "\r\n--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.com\r\n\r\n"
        "Final-Recipient: RFC822; <Kenji@Acme.COM>\r\n"
        "Original-Recipient: utf-8; kenji@bücher.example\r\n"
        "Action: failed\r\nStatus: 5.1.1\r\n"
        "\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\n"
        "From: Zoe <zoe@example.com>\r\nTo: Kenji Sato <kenji@acme.com>\r\n"
        "Subject: Thank you\r\nDate: Fri, 20 Nov 2026 18:00:00 -0500\r\n"
        "Message-ID: <followup.3.1@example.com>\r\n\r\nDear Kenji,\r\n"
        "\r\n--b1--\r\n"
    ).encode()
    found = read_bounce(report)
    assert found.ids == ("<followup.3.1@example.com>",)
    # Final-Recipient's "rfc822;" prefix and brackets go; the domains are in ASCII form.
    assert found.recipients == ("kenji@acme.com", "kenji@xn--bcher-kva.example")
    assert found.copy_date == datetime(2026, 11, 20, 23, 0, tzinfo=UTC)


def test_a_plain_text_bounce_names_the_address_it_quotes() -> None:
    sample = Path(__file__).parent / "golden" / "mail" / "qmail_failure.eml"
    found = read_bounce(sample.read_bytes())
    assert found.ids == ("<followup.22.1@example.com>",)
    assert found.recipients == ("gone@hooli.example",)
    assert found.copy_date is None
    # A notice that names nobody names nobody: it is believed as before.
    assert read_bounce(b"Subject: failure notice\r\n\r\nNo luck.\r\n").recipients == ()
