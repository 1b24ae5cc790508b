"""Sending over SMTP, against a real aiosmtpd server on 127.0.0.1 (tests/smtp_server.py).

One server per kind for the whole file: plain (no TLS; it refuses two recipients), STARTTLS
with a login, implicit TLS with a login, a certificate for another host name, and one
that drops the connection when the data arrives.
"""

from __future__ import annotations

import socket
import ssl
from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest

from followup.adapters.mail.eml import outgoing_message, to_bytes
from followup.adapters.mail.server import ServerSettings
from followup.adapters.mail.smtp import SmtpSender, check_smtp
from followup.errors import MailError
from llm_server import closed_port
from smtp_server import Received, SmtpServer, server_fixture, smtp_server

PASSWORD = "hunter2-s3cret"
WHEN = datetime(2026, 11, 20, 23, tzinfo=UTC)

plain = server_fixture("plain", refuse={"gone@acme.com": 550, "busy@acme.com": 451})
secure = server_fixture("secure", starttls=True, user="ann", password=PASSWORD)
implicit = server_fixture("implicit", implicit_tls=True, user="ann", password=PASSWORD)


@pytest.fixture(autouse=True)
def _no_extra_trust(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the system's authorities, unless a test adds the test CA itself."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


def settings(server: SmtpServer, security: str = "none", **kw: object) -> ServerSettings:
    return ServerSettings(server.host, server.port, security, timeout=5, **kw)  # type: ignore[arg-type]


def login(server: SmtpServer, security: str, password: str = PASSWORD) -> ServerSettings:
    return settings(server, security, user="ann", password=password)


def message(n: int = 1, **kw: str) -> bytes:
    fields = {
        "body": f"Hi Dana,\n\nThank you ({n}).\n",
        "subject": "Thanks",
        "from_name": "Sam Lee",
        "from_email": "sam@example.com",
        "to_name": "Dana Rivera",
        "to_email": "dana@acme.com",
    } | kw
    return to_bytes(outgoing_message(date=WHEN, message_id=f"<m{n}@example.com>", **fields))


def fails(server: ServerSettings, context: ssl.SSLContext | None = None) -> MailError:
    with pytest.raises(MailError) as caught:
        check_smtp(server, ssl_context=context)
    assert PASSWORD not in f"{caught.value} {caught.value!r} {caught.value.fix}"
    return caught.value


# Sending --------------------------------------------------------------------------------


def test_a_plain_server_receives_the_message_as_sent(plain: SmtpServer) -> None:
    plain.clear()
    data = message()
    with SmtpSender(settings(plain)) as smtp:
        smtp.send(data, sender="sam@example.com", recipients=["dana@acme.com"])
    (got,) = plain.received
    assert (got.sender, got.recipients) == ("sam@example.com", ("dana@acme.com",))
    assert got.data.rstrip(b"\r\n") == data.rstrip(b"\r\n")


def test_starttls_and_login_send_many_messages_over_one_connection(secure: SmtpServer) -> None:
    secure.clear()
    with SmtpSender(login(secure, "starttls"), ssl_context=secure.ca.trusting_context()) as smtp:
        for n in (1, 2, 3):
            smtp.send(message(n), sender="sam@example.com", recipients=["dana@acme.com"])
    ids = [message_from_bytes(r.data, policy=policy.default)["Message-ID"] for r in secure.received]
    assert ids == ["<m1@example.com>", "<m2@example.com>", "<m3@example.com>"]


def test_implicit_tls_trusts_the_authority_named_by_ssl_cert_file(
    implicit: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    implicit.clear()
    monkeypatch.setenv("SSL_CERT_FILE", str(implicit.ca.ca_file))
    with SmtpSender(login(implicit, "tls")) as smtp:  # the default, verifying context
        smtp.send(message(), sender="sam@example.com", recipients=["dana@acme.com"])
    assert len(implicit.received) == 1


def test_non_ascii_names_subject_and_body_arrive_intact(plain: SmtpServer) -> None:
    plain.clear()
    data = message(
        body="Liebe Zoë,\n\nvielen Dank für das Gespräch über Straßenbahnen.\n\nJosé\n",
        subject="Danke für das Gespräch – Zoë",
        from_name="José Núñez",
        to_name="Zoë Weiß",
        to_email="zoe@beispiel.de",
    )
    with SmtpSender(settings(plain)) as smtp:
        smtp.send(data, sender="sam@example.com", recipients=["zoe@beispiel.de"])
    got = message_from_bytes(plain.received[0].data, policy=policy.default)
    assert got["Subject"] == "Danke für das Gespräch – Zoë"
    assert got["From"].addresses[0].display_name == "José Núñez"
    assert str(got["To"]) == "Zoë Weiß <zoe@beispiel.de>"
    assert got.get_content().replace("\r\n", "\n").startswith("Liebe Zoë,\n\nvielen Dank für")
    assert not got.defects and all(not got[h].defects for h in ("From", "To", "Subject"))


def test_a_line_break_in_a_name_or_subject_cannot_add_a_header(plain: SmtpServer) -> None:
    plain.clear()
    data = message(
        subject="Thanks\r\nBcc: evil@example.com",
        from_name="Sam\nReply-To: evil@example.com",
        to_name="Dana\r\n\r\nInjected body",
    )
    with SmtpSender(settings(plain)) as smtp:
        smtp.send(data, sender="sam@example.com", recipients=["dana@acme.com"])
    head = plain.received[0].data.split(b"\r\n\r\n", 1)[0]
    names = [line.split(b":", 1)[0] for line in head.split(b"\r\n") if line[:1] not in b" \t"]
    assert names == [b"From", b"To", b"Subject", b"Date", b"Message-ID", b"Content-Type",
                     b"Content-Transfer-Encoding", b"MIME-Version"]  # fmt: skip
    got = message_from_bytes(plain.received[0].data, policy=policy.default)
    assert got["Subject"] == "Thanks Bcc: evil@example.com"
    assert got["Bcc"] is None and got["Reply-To"] is None


# Refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rcpt", "code", "permanent"),
    [("gone@acme.com", "550 5.1.1", True), ("busy@acme.com", "451 4.3.0", False)],
)
def test_a_refused_recipient_sends_nothing_and_the_connection_goes_on(
    plain: SmtpServer, rcpt: str, code: str, permanent: bool
) -> None:
    plain.clear()
    with SmtpSender(settings(plain)) as smtp:
        with pytest.raises(MailError) as caught:
            smtp.send(message(1), sender="sam@example.com", recipients=["dana@acme.com", rcpt])
        smtp.send(message(2), sender="sam@example.com", recipients=["dana@acme.com"])
    error = caught.value
    assert (error.server, error.stage, error.permanent) == ("SMTP", "send", permanent)
    assert f"the recipient {rcpt} was refused: {code} " in error.reason
    assert [r.recipients for r in plain.received] == [("dana@acme.com",)]  # only message 2
    assert b"Thank you (2)" in plain.received[0].data


def test_a_server_that_wants_a_login_says_so(secure: SmtpServer) -> None:
    trust = secure.ca.trusting_context()
    with (
        SmtpSender(settings(secure, "starttls"), ssl_context=trust) as smtp,
        pytest.raises(MailError) as caught,
    ):
        smtp.send(message(), sender="sam@example.com", recipients=["dana@acme.com"])
    assert (caught.value.stage, caught.value.permanent) == ("login", False)
    assert f"127.0.0.1:{secure.port} wants a login before it takes mail: 530 " in str(caught.value)
    error = fails(login(secure, "none"))  # AUTH is offered only after STARTTLS
    assert error.stage == "login" and "offers no login (AUTH) on this connection" in error.reason


def test_a_connection_dropped_during_the_data_is_a_temporary_failure() -> None:
    with (
        smtp_server(drop_data=True) as server,
        SmtpSender(settings(server)) as smtp,
        pytest.raises(MailError) as caught,
    ):
        smtp.send(message(), sender="sam@example.com", recipients=["dana@acme.com"])
    assert (caught.value.stage, caught.value.permanent) == ("send", False)
    assert "was lost while sending" in caught.value.reason
    assert "may or may not have taken the message" in caught.value.reason
    # The outbox must look in the Sent folder before it sends this one again.
    assert caught.value.uncertain


# Check and connection failures ----------------------------------------------------------


def test_check_smtp_says_what_worked(
    plain: SmtpServer, secure: SmtpServer, implicit: SmtpServer
) -> None:
    assert (
        check_smtp(settings(plain))
        == f"{plain.host}:{plain.port} answered; no encryption; no login"
    )
    assert check_smtp(login(secure, "starttls"), ssl_context=secure.ca.trusting_context()) == (
        f"127.0.0.1:{secure.port} answered; STARTTLS; logged in as ann"
    )
    assert check_smtp(login(implicit, "tls"), ssl_context=implicit.ca.trusting_context()) == (
        f"127.0.0.1:{implicit.port} answered; TLS; logged in as ann"
    )


def test_a_wrong_password_is_refused_with_the_servers_answer(secure: SmtpServer) -> None:
    error = fails(
        login(secure, "starttls", password="wrong-" + PASSWORD), secure.ca.trusting_context()
    )
    assert error.stage == "login" and not error.permanent
    assert error.reason.startswith("the login of 'ann' was refused: 535 ")
    assert "app password" in (error.fix or "")
    assert "wrong-" not in str(error)


def test_an_untrusted_certificate_stops_before_the_login(secure: SmtpServer) -> None:
    error = fails(login(secure, "starttls"))  # the system's authorities only
    assert error.stage == "tls"
    assert f"the TLS certificate of 127.0.0.1:{secure.port} is not trusted" in error.reason
    assert "SSL_CERT_FILE" in (error.fix or "")


def test_a_certificate_for_another_host_is_refused() -> None:
    with smtp_server(implicit_tls=True, hostnames=["mail.example.test"]) as server:
        error = fails(settings(server, "tls"), server.ca.trusting_context())
    assert error.stage == "tls"
    assert "is not for '127.0.0.1'" in error.reason


def test_starttls_that_is_not_offered_is_never_skipped(plain: SmtpServer) -> None:
    error = fails(login(plain, "starttls"), plain.ca.trusting_context())
    assert error.stage == "tls"
    assert "does not offer STARTTLS" in error.reason and "unencrypted" in error.reason


def test_unreachable_servers_say_why() -> None:
    port = closed_port()
    refused = fails(ServerSettings("127.0.0.1", port, "none", timeout=5))
    assert (refused.stage, refused.permanent) == ("connect", False)
    assert f"the connection to 127.0.0.1:{port} was refused" in refused.reason
    unknown = fails(ServerSettings("smtp.nowhere.invalid", 587, "starttls", timeout=5))
    assert "the host name 'smtp.nowhere.invalid' is not known (DNS)" in unknown.reason
    assert "FOLLOWUP_SMTP_HOST" in (unknown.fix or "")


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:  # accepts connections (backlog) and never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        error = fails(ServerSettings("127.0.0.1", port, "none", timeout=0.3))
    assert error.stage == "connect"
    assert error.reason == f"127.0.0.1:{port} did not answer within 0.3 s."


def test_on_message_runs_before_the_250_and_its_failure_is_a_451() -> None:
    seen: list[bytes] = []

    def file_it(received: Received) -> None:
        if b"Thank you (2)" in received.data:
            raise OSError("the Sent folder is full")
        seen.append(received.data)

    with smtp_server(on_message=file_it) as server, SmtpSender(settings(server)) as smtp:
        smtp.send(message(1), sender="sam@example.com", recipients=["dana@acme.com"])
        with pytest.raises(MailError) as caught:
            smtp.send(message(2), sender="sam@example.com", recipients=["dana@acme.com"])
        assert [r.data for r in server.received] == seen  # message 1 only
    assert len(seen) == 1 and b"Thank you (1)" in seen[0]
    assert (caught.value.stage, caught.value.permanent) == ("send", False)
    assert "the message was refused: 451 4.3.0 on_message failed: OSError" in caught.value.reason
