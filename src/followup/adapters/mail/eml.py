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
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from email import policy
from email.header import Header
from email.headerregistry import Address, Group
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

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
    cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join(cleaned.split())


def _address(name: str | None, email: str | None) -> Address | Group | None:
    shown, addr = one_line(name), one_line(email)
    if addr:
        local, _, domain = addr.rpartition("@")
        return Address(display_name=shown, username=local, domain=_ascii_domain(domain))
    return Group(display_name=shown) if shown else None


def _ascii_domain(domain: str) -> str:
    """An internationalized domain in its ASCII form (IDNA), as headers carry it."""
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def draft_message(
    *,
    body: str,
    subject: str | None,
    date: datetime,
    from_name: str | None = None,
    from_email: str | None = None,
    to_name: str | None = None,
    to_email: str | None = None,
) -> EmailMessage:
    """An unsent message holding a draft (see the module docstring).

    ``From`` is left out when the user has no address (the mail client fills it in).
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
    if subject:
        message["Subject"] = one_line(subject)
    message["Date"] = format_datetime(date)
    domain = one_line(from_email).rpartition("@")[2] or NO_DOMAIN
    message["Message-ID"] = make_msgid(domain=domain)
    message["X-Unsent"] = "1"
    text = body.replace("\r\n", "\n")
    plain = text.isascii() and all(len(line) <= _MAX_LINE for line in text.split("\n"))
    message.set_content(text, cte="7bit" if plain else "quoted-printable")
    return message


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
