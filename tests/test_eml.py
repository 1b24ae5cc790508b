"""The messages followup writes: golden .eml files, parsed back, and ``mailto:`` links.

The golden files in tests/golden/eml/ are compared byte for byte. After a wanted change,
write them again with ``FOLLOWUP_UPDATE_GOLDEN=1 pytest tests/test_eml.py`` and read the
diff before committing.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CLI, refused
from draft_support import EVENING, stored
from followup.adapters.mail.eml import (
    draft_message,
    mailto,
    new_message_id,
    one_line,
    outgoing_message,
    to_bytes,
)
from followup.errors import InputError

GOLDEN = Path(__file__).parent / "golden" / "eml"
WHEN = datetime(2026, 11, 20, 18, 30, tzinfo=timezone(timedelta(hours=-5)))

ASCII = {
    "body": "Hi Dana,\n\nThank you for the conversation about the churn dashboard.\n\nSam\n",
    "subject": "Thank you for the Data Analyst interview",
    "from_name": "Sam Lee",
    "from_email": "sam@example.com",
    "to_name": "Dana Rivera",
    "to_email": "dana@acme.com",
}
WIDE = {
    "body": "Liebe Zoë,\n\nvielen Dank für das Gespräch – ich freue mich.\n\nJosé Núñez\n",
    "subject": "Danke für das Gespräch über Straßenbahnen",
    "from_name": "José Núñez",
    "from_email": "jose@example.com",
    "to_name": "Zoë Weiß",
    "to_email": "zoe@beispiel.de",
}
REPLY = ASCII | {
    "subject": "Re: Next steps",
    "in_reply_to": "<reply-1@acme.com>",
    "references": ("<m1@example.com>", "<reply-1@acme.com>"),
}

CASES: dict[str, tuple[Any, dict[str, Any]]] = {
    "ascii": (outgoing_message, ASCII),
    "non-ascii": (outgoing_message, WIDE),
    "reply": (outgoing_message, REPLY),
    "draft": (draft_message, WIDE),
}


def build(name: str) -> bytes:
    make, fields = CASES[name]
    return to_bytes(make(date=WHEN, message_id=f"<golden-{name}@example.com>", **fields))


@pytest.mark.parametrize("name", CASES)
def test_golden_eml_byte_for_byte(name: str) -> None:
    got = build(name)
    path = GOLDEN / f"{name}.eml"
    if os.environ.get("FOLLOWUP_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(got)
    assert path.is_file(), f"{path} is missing: run with FOLLOWUP_UPDATE_GOLDEN=1"
    assert got == path.read_bytes()


def parsed(name: str) -> EmailMessage:
    raw = (GOLDEN / f"{name}.eml").read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF, and only CRLF
    assert raw.split(b"\r\n\r\n", 1)[0].isascii()  # headers in RFC 5322 form
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message.defects == []
    for header in message:
        assert message[header].defects == (), header
    return message


@pytest.mark.parametrize("name", ["ascii", "non-ascii", "reply"])
def test_golden_messages_parse_back_as_written(name: str) -> None:
    fields = CASES[name][1]
    message = parsed(name)
    (sender,) = message["From"].addresses
    (recipient,) = message["To"].addresses
    assert (sender.display_name, sender.addr_spec) == (fields["from_name"], fields["from_email"])
    assert (recipient.display_name, recipient.addr_spec) == (fields["to_name"], fields["to_email"])
    assert message["Subject"] == fields["subject"]
    assert message["Message-ID"] == f"<golden-{name}@example.com>"
    assert message["Date"].datetime == WHEN
    assert message["X-Unsent"] is None  # really sent: not opened as a draft
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n") == fields["body"]


def test_the_non_ascii_golden_has_encoded_names_and_a_utf8_body() -> None:
    raw = (GOLDEN / "non-ascii.eml").read_bytes()
    assert b"From: =?utf-8?b?Sm9zw6kgTsO6w7Fleg==?= <jose@example.com>\r\n" in raw
    assert b"To: =?utf-8?q?Zo=C3=AB_Wei=C3=9F?= <zoe@beispiel.de>\r\n" in raw
    assert b"Content-Transfer-Encoding: quoted-printable" in raw


def test_the_reply_golden_threads() -> None:
    message = parsed("reply")
    assert message["In-Reply-To"] == "<reply-1@acme.com>"
    assert message["References"] == "<m1@example.com> <reply-1@acme.com>"


def test_the_draft_golden_opens_as_unsent() -> None:
    message = parsed("draft")
    assert message["X-Unsent"] == "1"
    assert message["Message-ID"] == "<golden-draft@example.com>"
    assert message["To"].addresses[0].display_name == "Zoë Weiß"


# Outgoing messages ------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["from_email", "to_email"])
def test_a_sent_message_needs_both_addresses(missing: str) -> None:
    with pytest.raises(InputError) as caught:
        outgoing_message(date=WHEN, message_id="<x@example.com>", **(ASCII | {missing: " "}))
    assert str(caught.value).startswith(f"{missing}: is missing: a message that is sent needs")


@pytest.mark.parametrize("bad", ["no-at-sign", "<a b@example.com>", "<a@b>\r\nBcc: e@x.com"])
def test_a_message_id_that_is_not_one_is_refused(bad: str) -> None:
    with pytest.raises(InputError, match=r"^in_reply_to: .* is not a Message-ID"):
        outgoing_message(date=WHEN, message_id="<x@example.com>", in_reply_to=bad, **ASCII)


def test_new_message_ids_are_unique_and_name_the_senders_domain() -> None:
    ids = {new_message_id("sam@example.com") for _ in range(2000)}
    assert len(ids) == 2000
    assert all(re.fullmatch(r"<[^<>@\s]+@example\.com>", i) for i in ids)
    assert new_message_id(None).endswith("@followup.invalid>")
    assert new_message_id("zoë@bücher.de").endswith("@xn--bcher-kva.de>")


def test_a_sent_message_cannot_have_a_header_injected() -> None:
    raw = to_bytes(
        outgoing_message(
            date=WHEN,
            message_id="<x@example.com>",
            **ASCII | {"subject": "Hi\r\nBcc: evil@example.com", "to_name": "Dana\nCc: e@x.com"},
        )
    )
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert not re.search(rb"^(Bcc|Cc):", head, re.MULTILINE | re.IGNORECASE)


# mailto: --------------------------------------------------------------------------------


def unlink(link: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)


def test_mailto_opens_the_message_with_crlf_line_breaks() -> None:
    link = mailto("dana@acme.com", "Thank you – Dana", "Hi Dana,\n\nThanks.\n")
    assert link == (
        "mailto:dana@acme.com?subject=Thank%20you%20%E2%80%93%20Dana"
        "&body=Hi%20Dana%2C%0D%0A%0D%0AThanks.%0D%0A"
    )
    assert unlink(link) == (
        "dana@acme.com",
        {"subject": ["Thank you – Dana"], "body": ["Hi Dana,\r\n\r\nThanks.\r\n"]},
    )


@pytest.mark.parametrize("address", ['"what?"@acme.com', "100%@acme.com", "zoë@bücher.de",
                                     "a+b&c=d@acme.com"])  # fmt: skip
def test_mailto_encodes_what_would_end_the_address(address: str) -> None:
    link = mailto(address, "Hi", "Body")
    assert link.isascii() and link.count("?") == 1
    assert unlink(link) == (address, {"subject": ["Hi"], "body": ["Body"]})


def test_mailto_without_an_address_lets_the_mail_client_ask() -> None:
    assert mailto(None, "Thanks", "Hi") == "mailto:?subject=Thanks&body=Hi"
    assert mailto("", None, "") == "mailto:"


TEXT = st.characters(exclude_categories=["Cs"])  # a str that can be UTF-8 at all


@given(st.text(TEXT, max_size=40), st.text(TEXT, max_size=200))
def test_mailto_round_trips_any_subject_and_body(subject: str, body: str) -> None:
    _, fields = unlink(mailto("x@example.com", subject, body))
    assert fields.get("subject", [""]) == [one_line(subject)]
    expected = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    assert fields.get("body", [""]) == [expected]


# followup draft --format mailto -----------------------------------------------------------


def test_draft_format_mailto_gives_a_link_per_draft(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    result = cli("draft", "1", "--format", "mailto", env=EVENING)
    assert result.code == 0, result
    dana, kenji = result.out.splitlines()
    to, fields = unlink(dana)
    subject, body = stored(home)[0][2:4]
    assert (to, fields["subject"], fields["body"]) == (
        "dana@acme.com", [subject], [body.replace("\n", "\r\n")]
    )  # fmt: skip
    assert kenji.startswith("mailto:?subject=")  # no address on record: the client asks
    assert "Kenji Sato has no email address on record: the link leaves To empty." in result.err


def test_draft_format_mailto_is_refused_for_what_is_not_an_email(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    result = cli("draft", "1", "--to", "Dana", "--kind", "linkedin", "--format", "mailto",
                 env=EVENING)  # fmt: skip
    refused(result, "--format: a linkedin is not an email: a mailto link does not fit it.")
    assert stored(home) == []
