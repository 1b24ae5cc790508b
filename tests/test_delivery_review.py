"""A reviewer's tests of delivery and replies: defects found in review, each pinned here.

Real servers on loopback (tests/smtp_server.py, tests/imap_server.py) and the real entry
point; the record is the one of tests/test_outbox_cli.py (Zoë's panel at Acme with Dana
and Kenji, both notes drafted), built once for this module and copied for each test.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.policy import SMTP
from typing import Any

import pytest

import test_outbox_cli
from conftest import CLI, Result, refused
from followup.domain.model import MessageStatus
from followup.services.context import AppContext, clock_from_env
from followup.services.sync import sync
from followup.settings import Settings
from imap_server import imap_server
from smtp_server import SmtpServer, TestCA, _Controller, _Handler, server_fixture
from test_outbox_cli import EVENING, ok, outbox, rows, smtp, write
from test_sync_cli import imap_env, same_port  # noqa: F401 (a fixture)

refusing = server_fixture("refusing", refuse={"gone@acme.com": 550})

# Zoë's record with both panel notes drafted, as tests/test_outbox_cli.py builds it (once
# for this module) and copies it for each test.
template = test_outbox_cli.template
drafted = test_outbox_cli.drafted


@pytest.fixture(scope="module")
def ascii_only() -> Iterator[SmtpServer]:
    """aiosmtpd as many servers are: without SMTPUTF8 (non-ASCII addresses refused)."""
    handler = _Handler({}, False, None)
    controller = _Controller(handler, hostname="127.0.0.1", port=0, enable_SMTPUTF8=False)
    controller.start()
    ca = TestCA()
    try:
        yield SmtpServer("127.0.0.1", controller.port, ca, handler)
    finally:
        controller.stop()
        ca.close()


def test_an_internationalized_domain_goes_out_in_its_ascii_form_without_smtputf8(
    cli: CLI, drafted: dict[str, str], ascii_only: SmtpServer
) -> None:
    # email-validator takes dana@bücher.example (it is valid); the headers carry the
    # domain in its IDNA form, and so must the envelope: a server without SMTPUTF8 (most)
    # takes xn--bcher-kva.example, and refusing the message as "non-ASCII" was wrong.
    write(drafted, "UPDATE contacts SET email = 'dana@bücher.example' WHERE name = 'Dana Rivera'")
    ascii_only.clear()
    env = {**EVENING, **smtp(ascii_only)}
    ok(cli("send", "1", "--to", "Dana", "--now", env=env))
    assert [r.recipients for r in ascii_only.received] == [("dana@xn--bcher-kva.example",)]
    assert [row[1] for row in outbox(drafted)][:1] == ["sent"]


# Two syncs at once -------------------------------------------------------------------------

SYNC_DAY = {"FOLLOWUP_NOW": "2026-12-01T15:00:00+00:00"}  # Tue 1 Dec, 10:00 in New York


def kenjis_answer(in_reply_to: str) -> bytes:
    """Kenji answers the thank-you, in its thread."""
    message = EmailMessage(policy=SMTP)
    message["From"] = "Kenji Sato <kenji@acme.com>"
    message["To"] = "Zoë Martín <zoe@example.com>"
    message["Subject"] = "Re: Thank you"
    message["Date"] = "Mon, 23 Nov 2026 09:12:00 -0500"
    message["Message-ID"] = "<CAK-kenji-1@mail.acme.com>"
    message["In-Reply-To"] = in_reply_to
    message["References"] = in_reply_to
    message.set_content("Thanks Zoë, it was a pleasure. We will decide by the 4th.\n")
    return message.as_bytes()


def test_a_reply_read_by_two_syncs_at_once_is_recorded_once(
    cli: CLI, drafted: dict[str, str], ascii_only: SmtpServer
) -> None:
    # `followup watch` syncs every few minutes; the user runs `followup sync` meanwhile.
    # Both read Kenji's answer before either records it: the second to record must see
    # the first's reply (recorded once, one re-plan), not trust what it knew when it read.
    ok(cli("send", "1", "--to", "Kenji", "--now", env={**EVENING, **smtp(ascii_only)}))
    sent = [r[2] for r in outbox(drafted) if r[1] == "sent"]
    assert len(sent) == 1
    with imap_server({"INBOX": [kenjis_answer(sent[0])], "Sent": []}) as server:
        env = {**drafted, **SYNC_DAY, **imap_env(server)}
        others: list[Result] = []

        def meanwhile(done: int, total: int) -> None:
            # The first sync has read the inbox; the other one runs to its end now.
            if not others:
                others.append(ok(cli("sync", env=env)))

        context = AppContext(Settings(env=env), clock_from_env(SYNC_DAY["FOLLOWUP_NOW"]))
        report = sync(context, progress=meanwhile)
    assert "Reply from kenji@acme.com" in others[0].out
    recorded = rows(drafted, "SELECT header_id FROM replies")
    assert recorded == [("<CAK-kenji-1@mail.acme.com>",)]
    assert report.replies == []  # the other sync recorded it


# Cancelling while a sender claims ----------------------------------------------------------


def test_cancel_and_a_senders_claim_at_the_same_moment_on_postgresql(
    pg_url: str, home: dict[str, str]
) -> None:
    # PostgreSQL reads without locking: `outbox --cancel` read "scheduled", a sender's claim
    # committed "sending" and went to the SMTP server, then the cancel wrote the message
    # back as a draft without its Message-ID and said "cancelled" (exit 0): the message
    # went out anyway, and after a crash there was no Message-ID to settle it by, so it
    # was sent a second time when the user scheduled the draft again. Either one wins now.
    from followup.adapters.store.store import Store
    from followup.errors import InputError
    from followup.services import outbox_manage
    from test_store_outbox import NOW, queued

    setup = Store.open(pg_url, clock=lambda: NOW)
    _, message = queued(setup)
    assert message.id is not None
    sender = Store.open(pg_url, clock=lambda: NOW)
    context = AppContext(Settings(env={**home, "FOLLOWUP_DATABASE_URL": pg_url}), lambda: NOW)
    claims: list[Any] = []
    outbox = context.store.outbox

    def then_a_claim(*args: Any) -> Any:
        # The cancel has read the outbox: a sender claims the message now, from its own
        # connection (a thread, as it would wait for a lock the cancel holds).
        rows_ = outbox(*args)
        worker = threading.Thread(target=lambda: claims.append(sender.claim(message.id)))
        worker.start()
        worker.join(timeout=1.0)
        return rows_

    context.store.outbox = then_a_claim  # type: ignore[method-assign]
    try:
        cancelled = outbox_manage.cancel(context, message.id)
    except InputError:
        cancelled = None
    for _ in range(50):  # the claim, if it waited, goes on once the cancel has committed
        if claims:
            break
        time.sleep(0.05)
    final = setup.get_message(message.id)
    context.store.close()
    sender.close()
    setup.close()
    claimed = claims[0]
    assert (cancelled is None) != (claimed is None), (cancelled, claimed)
    if claimed is not None:
        assert (final.status, final.message_id) == (MessageStatus.SENDING, "<1@example.org>")
    else:
        assert (final.status, final.message_id) == (MessageStatus.DRAFT, None)


# A line break in an address ----------------------------------------------------------------

INJECTED = "dana@acme.com\r\nRCPT TO:<evil@evil.example>"


def test_a_line_break_in_the_recipients_address_is_refused_when_scheduling(
    cli: CLI, drafted: dict[str, str], ascii_only: SmtpServer
) -> None:
    # The record's validation keeps it out; an old or imported file may hold it. It must
    # not reach the SMTP envelope (smtplib raised ValueError: exit 70, the message left in
    # `sending`): `send` refuses it as bad input and changes nothing.
    write(drafted, "UPDATE contacts SET email = ? WHERE name = 'Dana Rivera'", INJECTED)
    ascii_only.clear()
    before = outbox(drafted)
    refused(
        cli("send", "1", "--to", "Dana", "--now", env={**EVENING, **smtp(ascii_only)}),
        "recipient email",
        "Dana Rivera",
    )
    assert outbox(drafted) == before
    assert ascii_only.received == []


def test_a_line_break_in_a_scheduled_messages_address_fails_it_without_a_crash(
    cli: CLI, drafted: dict[str, str], ascii_only: SmtpServer
) -> None:
    # Already in the outbox with such an address: the sender fails that message (exit 5,
    # the reason kept), sends the others, and never crashes with it claimed.
    env = {**EVENING, **smtp(ascii_only)}
    ok(cli("send", "1", env=env))
    write(drafted, "UPDATE messages SET to_email = ? WHERE id = 1", INJECTED)
    ascii_only.clear()
    result = cli("outbox", "--send", env=env)
    assert result.code == 5, result
    assert "Traceback" not in result.err
    assert [r.recipients for r in ascii_only.received] == [("kenji@acme.com",)]
    statuses = {row[0]: (row[1], row[5]) for row in outbox(drafted)}
    assert statuses[1][0] == "failed"
    assert "line break" in statuses[1][1]
    assert statuses[2][0] == "sent"


def test_a_message_that_cannot_be_built_is_failed_not_left_claimed(
    cli: CLI, drafted: dict[str, str], ascii_only: SmtpServer
) -> None:
    # The profile lost its address after the message was scheduled (an edit, an import):
    # building the message fails after the claim. It was left in `sending`, so the next
    # run held it as "interrupted, whether it went out is unknown" although nothing had
    # gone out. It fails now with the reason, and its step is pending again.
    env = {**EVENING, **smtp(ascii_only)}
    ok(cli("send", "1", "--to", "Dana", env=env))
    write(drafted, "UPDATE profiles SET email = NULL")
    ascii_only.clear()
    result = cli("outbox", "--send", env=env)
    assert result.code == 5, result
    assert "Traceback" not in result.err
    assert ascii_only.received == []
    (row,) = [r for r in outbox(drafted) if r[0] == 1]
    assert (row[1], row[6]) == ("failed", "drafted")
    assert "email address" in row[5]


# A reply without a Message-ID --------------------------------------------------------------


@pytest.mark.usefixtures("same_port")  # the settings stay, the server restarts
def test_a_reply_without_a_message_id_is_not_recorded_again_after_a_renumbering(
    cli: CLI, drafted: dict[str, str]
) -> None:
    # Some mail programs and gateways send no Message-ID. Dana's answer has none: the first
    # sync records it; when the server renumbers the inbox (a new UIDVALIDITY) it is read
    # again and must be known, as replies with a Message-ID are.
    answer = kenjis_answer("<none@example.com>").replace(
        b"Kenji Sato <kenji@acme.com>", b"Dana Rivera <dana@acme.com>"
    )
    answer = b"".join(
        line for line in answer.splitlines(keepends=True) if not line.startswith(b"Message-ID:")
    )
    env = {**drafted, **SYNC_DAY}
    with imap_server({"INBOX": [answer], "Sent": []}, uidvalidity={"INBOX": 1001}) as server:
        first = ok(cli("sync", env={**env, **imap_env(server)}))
    assert "Reply from dana@acme.com" in first.out
    with imap_server({"INBOX": [answer], "Sent": []}, uidvalidity={"INBOX": 2002}) as server:
        again = json.loads(ok(cli("sync", "--format", "json", env={**env, **imap_env(server)})).out)
    assert (again["renumbered"], again["read"], again["replies"]) == (True, 1, [])
    assert len(rows(drafted, "SELECT id FROM replies")) == 1


# A step settled while its message was stuck ------------------------------------------------


def test_a_step_done_by_hand_while_its_message_was_stuck_stays_done(
    cli: CLI, drafted: dict[str, str], ascii_only: SmtpServer
) -> None:
    # The sender died with Dana's note in `sending`. Unsure, Zoë sent the note from her
    # mail program and recorded it with `followup done`. The next run cannot tell whether
    # followup's copy went out (no IMAP) and holds the message, but the step stays done:
    # making it pending again put it back in `followup due`, and `outbox --retry` would
    # have sent Dana the note a second time.
    env = {**EVENING, **smtp(ascii_only)}
    ok(cli("send", "1", "--to", "Dana", env=env))
    write(drafted, "UPDATE messages SET status = 'sending', attempts = 1 WHERE id = 1")
    # It cannot be taken back: it may have gone out. The refusal says what settles it.
    refused(cli("outbox", "--cancel", "1", env=env), "--cancel",
            "its sending was interrupted; it may have gone out already",
            "`followup outbox --send` settles it")  # fmt: skip
    ok(cli("done", "1", "panel-note", "--to", "Dana", env=EVENING))
    ascii_only.clear()
    later = {"FOLLOWUP_NOW": "2026-11-20T23:05:00+00:00"}
    # `followup watch` finds it: held, and said so as `outbox --send` says it.
    result = cli("watch", "--once", env={**env, **later})
    assert "Traceback" not in result.err
    assert "#1 to Dana Rivera <dana@acme.com> is held: Interrupted while sending" in result.err
    assert "if it is, record it with `followup done 1 panel-note --to 'Dana Rivera'`" in result.err
    assert ascii_only.received == []
    (row,) = [r for r in outbox(drafted) if r[0] == 1]
    assert (row[1], row[6]) == ("failed", "done")
    refused(cli("outbox", "--retry", "1", env={**env, **later}), "--retry", "done already")
    assert ascii_only.received == []


# Encoded words ---------------------------------------------------------------------------

#: RFC 2047 text that decodes to a line break and a header: typed (or pasted) as is.
ENCODED = "=?utf-8?q?=0D=0ABcc:_boss@acme.com?="


def test_an_encoded_word_in_a_name_or_the_subject_never_becomes_a_header(
    cli: CLI, drafted: dict[str, str], ascii_only: SmtpServer
) -> None:
    # The email package decodes RFC 2047 words it finds in a header value it is given and
    # writes the CR LF they hold as is: a subject, a contact's or the user's own name that
    # holds one wrote a header of its own ("Bcc: boss@acme.com") into the message sent.
    write(drafted, "UPDATE contacts SET name = ? WHERE name = 'Dana Rivera'", f"Dana {ENCODED}")
    write(drafted, "UPDATE profiles SET name = ?", f"Zoë {ENCODED}")
    write(drafted, "UPDATE messages SET subject = ? WHERE id = 1", f"Thank you {ENCODED}")
    ascii_only.clear()
    ok(cli("send", "1", "--to", "Dana", "--now", env={**EVENING, **smtp(ascii_only)}))
    (received,) = ascii_only.received
    head = received.data.split(b"\r\n\r\n")[0]
    assert not [line for line in head.split(b"\r\n") if line.lower().startswith(b"bcc")], head
    parsed = message_from_bytes(received.data, policy=policy.default)
    assert parsed["Bcc"] is None
    assert [a.addr_spec for a in parsed["To"].addresses] == ["dana@acme.com"]
    assert [a.addr_spec for a in parsed["From"].addresses] == ["zoe@example.com"]
    assert "\n" not in str(parsed["Subject"]) and str(parsed["Subject"]).startswith("Thank you")


# What a stranger's headers may hold --------------------------------------------------------


def test_control_characters_in_a_replys_subject_or_name_are_not_recorded(
    cli: CLI, drafted: dict[str, str]
) -> None:
    # Anyone can write to Zoë: an escape sequence in a subject or a sender's name (encoded,
    # or raw) was recorded as is and handed on by `sync --format json`, so a script (or a
    # page) that shows the reply's subject could have its terminal cleared, recoloured or
    # retitled. Header text is one printable line, as followup's own headers are.
    answer = kenjis_answer("<none@example.com>")
    answer = answer.replace(
        b"Kenji Sato <kenji@acme.com>", b"=?utf-8?q?Kenji=1B]0;owned=07?= <kenji@acme.com>"
    )
    answer = answer.replace(
        b"Subject: Re: Thank you", b"Subject: =?utf-8?q?Re:=1B[2J_Thank_you?= \x1b[31mred"
    )
    with imap_server({"INBOX": [answer], "Sent": []}) as server:
        env = {**drafted, **SYNC_DAY, **imap_env(server)}
        report = ok(cli("sync", "--format", "json", env=env)).out
    (reply,) = json.loads(report)["replies"]
    assert reply["sender"] == "kenji@acme.com"
    ((subject,),) = rows(drafted, "SELECT subject FROM replies")
    for text in (reply["subject"], subject):
        assert not any(ord(c) < 32 or ord(c) == 127 for c in text), text
        assert text.startswith("Re:") and text.endswith("red")


# UIDs that go down ------------------------------------------------------------------------


@pytest.mark.usefixtures("same_port")
def test_uids_that_go_down_under_the_same_uidvalidity_are_read_again(
    cli: CLI, drafted: dict[str, str]
) -> None:
    # A restored or rebuilt mailbox that keeps its UIDVALIDITY (RFC 3501 forbids it; it
    # happens) numbers from 1 again: UIDNEXT is below the last UID followup read, and
    # "nothing new" hid every new message until the numbers caught up. Read it again.
    old = [
        kenjis_answer(f"<old-{n}@example.com>")
        .replace(b"<CAK-kenji-1@mail.acme.com>", f"<old-{n}@x.example>".encode())
        .replace(b"Kenji Sato <kenji@acme.com>", b"News <news@x.example>")
        for n in range(3)
    ]
    env = {**drafted, **SYNC_DAY}
    with imap_server({"INBOX": old, "Sent": []}, uidvalidity={"INBOX": 7}) as server:
        ok(cli("sync", env={**env, **imap_env(server)}))
    answer = kenjis_answer("<none@example.com>").replace(
        b"Kenji Sato <kenji@acme.com>", b"Dana Rivera <dana@acme.com>"
    )
    with imap_server({"INBOX": [answer], "Sent": []}, uidvalidity={"INBOX": 7}) as server:
        report = json.loads(
            ok(cli("sync", "--format", "json", env={**env, **imap_env(server)})).out
        )
    assert [r["sender"] for r in report["replies"]] == ["dana@acme.com"]
    assert report["renumbered"] is True


# A refused message, reported and taken out -----------------------------------------------


def test_a_refused_message_is_reported_failed_and_cancelling_it_keeps_a_settled_step(
    cli: CLI, drafted: dict[str, str], refusing: SmtpServer
) -> None:
    # `--format json` reported a refused message as it was before it failed ("sending",
    # no error); and `outbox --cancel` made its step "drafted" whatever it was, so a note
    # the user had sent by hand and recorded with `followup done` was due again.
    refusing.clear()
    write(drafted, "UPDATE contacts SET email = 'gone@acme.com' WHERE name = 'Dana Rivera'")
    env = {**EVENING, **smtp(refusing)}
    result = cli("send", "1", "--to", "Dana", "--now", "--format", "json", env=env)
    assert result.code == 5
    (failed,) = json.loads(result.out)["report"]["failed"]
    assert failed["status"] == "failed"
    assert "550" in failed["error"] and "550" in failed["reason"]
    ok(cli("done", "1", "panel-note", "--to", "Dana", env=EVENING))
    ok(cli("outbox", "--cancel", "1", env=env))
    (row,) = [r for r in outbox(drafted) if r[0] == 1]
    assert (row[1], row[6]) == ("draft", "done")
    assert "Dana" not in ok(cli("due", env=EVENING)).out
    assert refusing.received == []


# Ports swapped -----------------------------------------------------------------------------


def test_mail_test_says_when_a_port_is_another_services(
    cli: CLI, drafted: dict[str, str], ascii_only: SmtpServer
) -> None:
    # The SMTP port given for IMAP and the IMAP port for SMTP, a common slip: each server
    # answers with the other protocol's greeting. "answered -1 [CAPABILITY ...]" and "Try
    # again later" told nothing; the raw bytes repr lost its closing quote.
    with imap_server({"INBOX": [], "Sent": []}) as imap:
        env = {
            **smtp(ascii_only, FOLLOWUP_SMTP_PORT=str(imap.port)),
            **imap_env(None, FOLLOWUP_IMAP_PORT=str(ascii_only.port)),
        }
        result = cli("mail", "test", env=env)
    assert result.code == 5, result
    smtp_line, smtp_fix, imap_line, imap_fix = result.out.splitlines()
    assert smtp_line.startswith(f"SMTP: FAILED: at connect: 127.0.0.1:{imap.port} is not an "
                                "SMTP server (it said: [CAPABILITY IMAP4rev1")  # fmt: skip
    assert "FOLLOWUP_SMTP_PORT): 587 for STARTTLS, 465 for TLS; 993 and 143 are IMAP's" in smtp_fix
    assert imap_line.startswith(f"IMAP: FAILED: at connect: 127.0.0.1:{ascii_only.port} is not "
                                "an IMAP server (it said: 220 ")  # fmt: skip
    assert imap_line.endswith(").") and "b'" not in imap_line
    assert "FOLLOWUP_IMAP_PORT: 993 for TLS, 143 for STARTTLS" in imap_fix
