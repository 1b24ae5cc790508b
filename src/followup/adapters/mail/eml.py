"""A draft as an RFC 5322 message: the .eml file any mail client opens as unsent.

:func:`draft_message` builds it with the standard library's ``email`` package (policy
``default``): ``From`` the user, ``To`` the recipient (with their address when the record
has one; else the name alone, written as an empty group ``Name:;``, which is valid and
leaves the address for the user to fill in), ``Subject``, ``Date``, a fresh
``Message-ID``, ``X-Unsent: 1`` (Outlook and others open the file as a draft to send), and
the body as UTF-8 text, quoted-printable when it is not ASCII.

Names and the subject are made one line before they become headers: a CR, LF or other
control character in a name typed into the record can never start a header of its own.
Non-ASCII names and subjects are encoded (RFC 2047) by the ``email`` package, domains
in their IDNA form. The bytes use CRLF line endings, as RFC 5322 has them.

:func:`outgoing_message` is the message that is really sent: the same headers from the
same code, both addresses required, the ``Message-ID`` the outbox gave it when it was
scheduled (:func:`new_message_id`), ``In-Reply-To`` and ``References`` for a reply, and no
``X-Unsent``. :func:`mailto` is the draft as a ``mailto:`` link (RFC 6068).
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from email import policy
from email.header import Header, decode_header, make_header
from email.headerregistry import Address, Group
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import quote

from followup.domain.mail.domains import ascii_domain
from followup.errors import InputError

#: The Message-ID's domain when the sender has no address (.invalid is reserved: RFC 2606).
NO_DOMAIN = "followup.invalid"
_WIRE = policy.default.clone(linesep="\r\n")
#: The longest line RFC 5322 allows (without its CRLF); a longer one is quoted-printable.
_MAX_LINE = 998


def one_line(text: str | None) -> str:
    """``text`` as one header-safe line.

    Every control character and line break (CR, LF, U+2028...) becomes a space; runs of
    spaces become one.
    """
    if not text:
        return ""
    cleaned = " ".join(_printable(text).split())
    if "=?" in cleaned:
        # The email package decodes RFC 2047 words in the values it is given and writes the
        # CR LF one holds as is ("=?utf-8?q?=0D=0ABcc:_x?=" became a Bcc header): decode
        # them here and clean the result; what still looks like one is broken up.
        with contextlib.suppress(Exception):  # malformed words: left as text
            cleaned = " ".join(_printable(str(make_header(decode_header(cleaned)))).split())
        cleaned = cleaned.replace("=?", "= ?")
    return cleaned


def _printable(text: str) -> str:
    """``text`` with every control character and line break made a space."""
    return "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)


def _address(name: str | None, email: str | None) -> Address | Group | None:
    shown, addr = one_line(name), one_line(email)
    if addr:
        local, _, domain = addr.rpartition("@")
        return Address(display_name=shown, username=local, domain=ascii_domain(domain))
    return Group(display_name=shown) if shown else None


def draft_message(
    *,
    body: str,
    subject: str | None,
    date: datetime,
    from_name: str | None = None,
    from_email: str | None = None,
    to_name: str | None = None,
    to_email: str | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """An unsent message holding a draft (see the module docstring).

    ``From`` is left out when the user has no address (the mail client fills it in).
    ``message_id`` defaults to a fresh one (:func:`new_message_id`).
    """
    message = EmailMessage(policy=policy.default)
    sender = _address(from_name, from_email) if from_email else None
    if sender is not None:
        message["From"] = sender
    recipient = _address(to_name, to_email)
    if isinstance(recipient, Group) and not (recipient.display_name or "").isascii():
        # The email package writes an encoded name straight before the ":" of a group,
        # which readers flag as a defect: the space RFC 2047 wants is written here.
        encoded = Header(recipient.display_name, "utf-8", header_name="To").encode()
        message.set_raw("To", f"{encoded} :;")
    elif recipient is not None:
        message["To"] = recipient
    fixed = _msgid("message_id", message_id) if message_id else None
    _headers(message, subject, date, fixed or new_message_id(from_email))
    message["X-Unsent"] = "1"
    _body(message, body)
    return message


def outgoing_message(
    *,
    body: str,
    subject: str | None,
    date: datetime,
    message_id: str,
    from_name: str | None,
    from_email: str | None,
    to_name: str | None,
    to_email: str | None,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
) -> EmailMessage:
    """The message that is really sent: the draft's headers, the given ``Message-ID``.

    Unlike :func:`draft_message` it has no ``X-Unsent`` and needs both addresses (an
    :class:`~followup.errors.InputError` names the missing one). ``message_id`` is the one
    the outbox gave the message when it was scheduled (:func:`new_message_id`), so the
    Sent folder can be searched for it; ``in_reply_to`` and ``references`` thread it.
    """
    for field, value in (("from_email", from_email), ("to_email", to_email)):
        if not one_line(value):
            who = "your" if field == "from_email" else "the recipient's"
            raise InputError(
                field,
                f"is missing: a message that is sent needs {who} email address.",
                fix="Add it to the record (`followup edit`) or to your profile (`followup init`).",
            )
    message = EmailMessage(policy=policy.default)
    message["From"] = _address(from_name, from_email)
    message["To"] = _address(to_name, to_email)
    _headers(message, subject, date, _msgid("message_id", message_id))
    if in_reply_to:
        message["In-Reply-To"] = _msgid("in_reply_to", in_reply_to)
    ids = [_msgid("references", ref) for ref in references if one_line(ref)]
    if ids:
        message["References"] = " ".join(ids)
    _body(message, body)
    return message


def new_message_id(from_email: str | None) -> str:
    """A fresh, unique ``<...@domain>``: the sender's domain, else ``followup.invalid``."""
    domain = ascii_domain(one_line(from_email).rpartition("@")[2]) or NO_DOMAIN
    return make_msgid(domain=domain)


def _msgid(field: str, value: str) -> str:
    """A Message-ID as a header carries it: ``<left@right>``, one line, no spaces."""
    text = one_line(value)
    if not text.startswith("<"):
        text = f"<{text}>"
    if not text.endswith(">") or " " in text or "@" not in text or not text.isascii():
        raise InputError(field, f"{value!r} is not a Message-ID.", fix="Give <left@right>.")
    return text


def _headers(message: EmailMessage, subject: str | None, date: datetime, message_id: str) -> None:
    """The headers every message has after its addresses."""
    if subject:
        message["Subject"] = one_line(subject)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id


def _body(message: EmailMessage, body: str) -> None:
    """The body as UTF-8 text: 7bit when it is short-lined ASCII, else quoted-printable."""
    text = body.replace("\r\n", "\n")
    plain = text.isascii() and all(len(line) <= _MAX_LINE for line in text.split("\n"))
    message.set_content(text, cte="7bit" if plain else "quoted-printable")


def mailto(to_email: str | None, subject: str | None, body: str) -> str:
    """A ``mailto:`` link (RFC 6068) that opens the message in a mail client, ready to send.

    Everything is UTF-8 percent-encoded; line breaks become ``%0D%0A``. The address is
    encoded too (a ``?``, ``%`` or non-ASCII letter in it cannot end it early); with no
    address the link is ``mailto:?subject=...`` and the mail client asks for one.
    """
    address = quote(one_line(to_email), safe="@")
    fields = []
    if subject and one_line(subject):
        fields.append("subject=" + quote(one_line(subject), safe=""))
    text = "\r\n".join(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if text:
        fields.append("body=" + quote(text, safe=""))
    return f"mailto:{address}" + ("?" + "&".join(fields) if fields else "")


def to_bytes(message: EmailMessage) -> bytes:
    """The message as the bytes of an .eml file (CRLF line endings).

    An address whose local part is not ASCII (``zoë@...``) has no RFC 5322 form: the
    message is then written as RFC 6532 allows, with UTF-8 headers.
    """
    wide = any(
        not address.username.isascii()
        for name in ("From", "To")
        if message[name] is not None
        for address in message[name].addresses
    )
    return message.as_bytes(policy=_WIRE.clone(utf8=True) if wide else _WIRE)
