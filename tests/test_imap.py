"""The IMAP adapter against a real pymap server on loopback (tests/imap_server.py)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from followup.adapters.mail.imap import FolderState, ImapMailbox, check_imap, pick_sent_folder
from followup.domain.mail.incoming import parse_headers
from followup.errors import ExitStatus, MailError
from imap_server import ImapServer, free_port, imap_server

GOLDEN = Path(__file__).parent / "golden" / "mail"
INBOX = [
    (GOLDEN / name).read_bytes()
    for name in ("reply_plain.eml", "outlook_automatic_reply.eml", "postfix_dsn.eml")
] + [
    f"From: r{i}@firm.example\r\nSubject: Note {i}\r\nMessage-ID: <n{i}@firm.example>\r\n"
    f"\r\nBODY-TEXT-{i}\r\n".encode()
    for i in range(4)
]
SENT = [
    b"Message-ID: <followup.41.11@example.com>\r\nSubject: Thanks\r\n\r\nHello\r\n",
    # A header that merely contains an id: a substring search finds it, followup must not.
    b"Message-ID: <other@example.com> <followup.9.1@example.com>\r\nSubject: x\r\n\r\nx\r\n",
    b"Message-ID:\r\n <followup.60.1@example.com> (sent by a client)\r\nSubject: y\r\n\r\ny\r\n",
]


@pytest.fixture(scope="module")
def server() -> Iterator[ImapServer]:
    folders = {"INBOX": INBOX, "Sent": SENT, "Archive": [], "Scratch": []}
    with imap_server(folders, uidvalidity={"INBOX": 4242}) as running:
        yield running


@pytest.fixture
def box(server: ImapServer) -> Iterator[ImapMailbox]:
    with ImapMailbox(server.settings()) as mailbox:
        yield mailbox


def test_select_shows_uidvalidity_uidnext_and_size(box: ImapMailbox) -> None:
    state = box.select("INBOX")
    assert state.uidvalidity == 4242
    assert state.exists == len(INBOX)
    assert state.uidnext is not None


def test_headers_after_zero_gives_every_header_in_uid_order_in_batches(box: ImapMailbox) -> None:
    batches = list(box.headers_after("INBOX", 0, batch=3))
    assert [len(b) for b in batches] == [3, 3, 1]
    uids = [uid for batch in batches for uid, _ in batch]
    assert uids == sorted(uids)
    first = parse_headers(uids[0], batches[0][0][1])
    assert first.sender == "jane.doe@acme.com"
    assert all(b"BODY-TEXT" not in raw for batch in batches for _, raw in batch)


def test_headers_after_the_last_uid_gives_nothing(box: ImapMailbox) -> None:
    last = max(uid for batch in box.headers_after("INBOX", 0) for uid, _ in batch)
    assert list(box.headers_after("INBOX", last)) == []
    assert list(box.headers_after("INBOX", last + 1000)) == []


def test_a_new_message_is_the_only_one_fetched_next_time(
    server: ImapServer, box: ImapMailbox
) -> None:
    before = box.select("Archive")
    server.append("Archive", b"From: a@b.example\r\nSubject: Old\r\n\r\n.\r\n")
    (old,) = [uid for batch in box.headers_after("Archive", 0) for uid, _ in batch]
    server.append("Archive", b"From: jane@acme.com\r\nSubject: New\r\n\r\n.\r\n")
    batches = list(box.headers_after("Archive", old))
    assert len(batches) == 1 and len(batches[0]) == 1
    uid, raw = batches[0][0]
    assert uid > old
    assert parse_headers(uid, raw).subject == "New"
    assert box.select("Archive").uidvalidity == before.uidvalidity


def test_uid_star_returning_an_older_message_is_filtered_out(
    server: ImapServer, box: ImapMailbox
) -> None:
    server.append("Scratch", b"Subject: one\r\n\r\n1\r\n", b"Subject: two\r\n\r\n2\r\n")
    uids = [uid for batch in box.headers_after("Scratch", 0) for uid, _ in batch]
    with server.client() as client:  # the newest goes: UIDNEXT now lies beyond the last UID
        client.select_folder("Scratch")
        client.delete_messages(uids[-1:])
        client.expunge()
    # The server answers "UID n:*" with the last message even though its UID is below n.
    assert list(box.headers_after("Scratch", uids[0])) == []


def test_fetch_full_gets_whole_messages_without_marking_them_read(
    server: ImapServer, box: ImapMailbox
) -> None:
    server.append("Archive", b"Subject: Unread\r\nMessage-ID: <u1@x.example>\r\n\r\nBODY\r\n")
    box.select("Archive")
    uids = [uid for b in box.headers_after("Archive", 0) for uid, raw in b if b"Unread" in raw]
    full = box.fetch_full("Archive", [*uids, 999_999])
    assert list(full) == uids
    assert full[uids[0]].rstrip().endswith(b"BODY")
    with server.client() as client:
        client.select_folder("Archive", readonly=True)
        assert b"\\Seen" not in client.get_flags(uids)[uids[0]]


def test_the_sent_folder_is_found_by_name_or_configured(box: ImapMailbox) -> None:
    assert box.folders() == ["INBOX", "Sent", "Archive", "Scratch"]
    assert box.sent_folder(None) == "Sent"
    assert box.sent_folder("Archive") == "Archive"
    with pytest.raises(MailError) as caught:
        box.sent_folder("Gesendet")
    assert "FOLLOWUP_IMAP_SENT_FOLDER" in str(caught.value)
    assert "'Gesendet'" in str(caught.value)


def test_pick_sent_folder_prefers_configured_then_the_sent_flag_then_names() -> None:
    listing = [((b"\\HasNoChildren",), "INBOX"), ((), "Sent Items"), ((b"\\Sent",), "Envoyés")]
    assert pick_sent_folder(listing, "Sent Items") == "Sent Items"
    assert pick_sent_folder(listing, None) == "Envoyés"
    assert pick_sent_folder(listing[:2], None) == "Sent Items"
    assert pick_sent_folder([((), "INBOX"), ((), "[Gmail]/Sent Mail")], None) == "[Gmail]/Sent Mail"
    assert pick_sent_folder([((), "INBOX")], None) is None


def test_has_message_id_is_exact(box: ImapMailbox) -> None:
    assert box.has_message_id("Sent", "<followup.41.11@example.com>")
    assert not box.has_message_id("Sent", "<followup.41.1@example.com>")
    assert not box.has_message_id("Sent", "<followup.9.1@example.com>")
    assert box.has_message_id("Sent", " <followup.60.1@example.com>")  # folded, a comment


def test_an_appended_message_is_found_and_read(box: ImapMailbox, server: ImapServer) -> None:
    box.select("Sent")
    assert not box.has_message_id("Sent", "<followup.50.1@example.com>")
    box.append("Sent", b"Message-ID: <followup.50.1@example.com>\r\nSubject: Hi\r\n\r\nHi\r\n")
    assert box.has_message_id("Sent", "<followup.50.1@example.com>")
    with server.client() as client:
        client.select_folder("Sent", readonly=True)
        (uid,) = client.search(["HEADER", "Message-ID", "<followup.50.1@example.com>"])
        assert b"\\Seen" in client.get_flags([uid])[uid]


def test_commands_are_not_held_back_by_delayed_acks(box: ImapMailbox) -> None:
    # APPEND and SEARCH write in two parts: Nagle's algorithm would hold the second for
    # the peer's delayed ACK, 40 ms a command (the settle and the Sent copies pay it).
    sock = box._client.socket()  # type: ignore[union-attr]
    assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_a_missing_folder_is_named(box: ImapMailbox) -> None:
    with pytest.raises(MailError) as caught:
        box.select("Nope")
    assert caught.value.stage == "folder"
    assert "'Nope'" in str(caught.value)


def test_check_imap_sums_up_the_connection(server: ImapServer) -> None:
    summary = check_imap(server.settings(), None)
    assert summary == (
        f"IMAP 127.0.0.1:{server.port} (no TLS): logged in as me@example.com; "
        f"INBOX has {len(INBOX)} messages; sent mail in 'Sent'."
    )


def test_a_wrong_password_is_refused_without_showing_it(server: ImapServer) -> None:
    with pytest.raises(MailError) as caught, ImapMailbox(server.settings(password="hunter2!")):
        pass
    error = caught.value
    assert error.status == ExitStatus.MAIL
    assert error.stage == "login"
    assert "refused the login of 'me@example.com'" in str(error)
    assert "FOLLOWUP_IMAP_PASSWORD" in str(error)
    assert "hunter2" not in str(error)
    assert server.password not in str(error)


def test_a_closed_port_is_reported_as_refused(server: ImapServer) -> None:
    with pytest.raises(MailError) as caught, ImapMailbox(server.settings(port=free_port())):
        pass
    assert caught.value.stage == "connect"
    assert "refused the connection" in str(caught.value)


def test_an_unknown_host_is_reported() -> None:
    from followup.adapters.mail.server import ServerSettings

    settings = ServerSettings("no-such-host.invalid", 143, "none", "u", "p", timeout=5)
    with pytest.raises(MailError, match="cannot resolve the host name"), ImapMailbox(settings):
        pass


def test_a_server_that_never_greets_times_out() -> None:
    from followup.adapters.mail.server import ServerSettings

    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        settings = ServerSettings("127.0.0.1", port, "none", "u", "p", timeout=0.3)
        with pytest.raises(MailError, match=r"did not answer within 0.3 s"), ImapMailbox(settings):
            pass


def test_starttls_is_required_when_asked_for(server: ImapServer) -> None:
    with pytest.raises(MailError) as caught, ImapMailbox(server.settings(security="starttls")):
        pass
    assert caught.value.stage == "tls"
    assert "does not offer STARTTLS" in str(caught.value)


def test_tls_against_a_plain_port_fails_at_the_handshake(server: ImapServer) -> None:
    with pytest.raises(MailError) as caught, ImapMailbox(server.settings(security="tls")):
        pass
    assert caught.value.stage == "tls"
    assert "FOLLOWUP_IMAP_SECURITY" in str(caught.value)


@pytest.fixture(scope="module", params=["starttls", "tls"])
def secure(request: pytest.FixtureRequest) -> Iterator[ImapServer]:
    with imap_server({"INBOX": INBOX[:2], "Sent Items": SENT}, tls=request.param) as running:
        yield running


def test_tls_with_a_trusted_certificate_works(secure: ImapServer) -> None:
    summary = check_imap(secure.settings(), None, ssl_context=secure.ssl_context)
    protection = "STARTTLS" if secure.security == "starttls" else "TLS"
    assert f"({protection}): logged in as me@example.com; INBOX has 2 messages" in summary
    assert summary.endswith("sent mail in 'Sent Items'.")


def test_an_untrusted_certificate_is_refused(secure: ImapServer) -> None:
    # The system's authorities do not know the test CA: verification must fail, not pass.
    with pytest.raises(MailError) as caught, ImapMailbox(secure.settings()):
        pass
    assert caught.value.stage == "tls"
    assert "is not trusted" in str(caught.value)
    assert "SSL_CERT_FILE" in str(caught.value)


def test_folder_state_is_a_plain_value() -> None:
    assert FolderState(1, None, 0) == FolderState(1, None, 0)
