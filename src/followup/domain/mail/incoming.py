"""An incoming message as sync sees it: its headers and what kind it is.

Pure: bytes in, values out, no I/O, no clock, and never an exception for a malformed
message (a header that cannot be read becomes None or empty).

Message-IDs are kept as written between angle brackets (``<local@domain>``), surrounding
whitespace removed, and compared exactly, case included: RFC 5322 makes the whole id an
opaque token, and the ids sync compares are the ones followup generated and the other
side's mail program copied verbatim into In-Reply-To and References.

Kinds: a ``bounce`` is a delivery failure report; an ``auto-reply`` is anything a program
sent (RFC 3834 Auto-Submitted other than ``no``, comments aside, X-Autoreply, Precedence
bulk/list/junk, a List-Id, an out-of-office subject, a delivery *delay* warning or a
report that it was delivered, a read receipt); everything else is a ``reply``.
Only replies stop a follow-up. The body (a bounce's returned ids, a reply's snippet) is
read by :mod:`followup.domain.mail.body`.
"""

from __future__ import annotations

import email.errors
import email.parser
import email.policy
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from typing import Literal

Kind = Literal["reply", "auto-reply", "bounce"]

_ID = re.compile(r"<[^<>\s]+>")
_SUBJECT_AUTO = re.compile(
    # After any tags a gateway puts first: "[EXTERNAL] Automatic reply: ...".
    r"^\s*(?:\[[^\]]*\]\s*)*(?:auto(?:matic|matische|matisch)?[\s_-]*(?:reply|antwort|antwoord)\b|auto:|"
    r"autoreply|out of (?:the )?office|ooo\b|abwesenheit|r[ée]ponse automatique|"
    r"absen(?:ce|t)\b|respuesta autom[áa]tica|fuera de (?:la )?oficina|"
    r"risposta automatica|fuori (?:sede|ufficio))",
    re.IGNORECASE,
)
_SUBJECT_FAILED = re.compile(
    r"undeliver|undelivered|delivery (?:status notification \(failure\)|failure|failed)|"
    r"failure notice|returned mail|mail delivery (?:failed|failure)|could not be delivered|"
    r"unzustellbar|non remis|no se puede entregar|no entregado|non recapitabile",
    re.IGNORECASE,
)
_SUBJECT_DELAY = re.compile(r"\bdelay|warning: could not send", re.IGNORECASE)
#: A positive delivery report ("Delivery Status Notification (Success)", "Delivered:
#: ..."): the message arrived; nobody answered.
_SUBJECT_DELIVERED = re.compile(
    r"\((?:success|relayed|delivered)\)|^\s*(?:delivered|relayed)\s*:", re.IGNORECASE
)
#: RFC 5322 comments, as in "Auto-Submitted: no (sent by a person)".
_COMMENT = re.compile(r"\([^()]*\)")
_DAEMONS = ("mailer-daemon", "postmaster", "mail-daemon")
_PRECEDENCE_AUTO = frozenset({"auto_reply", "bulk", "junk", "list"})


@dataclass(frozen=True, slots=True)
class Incoming:
    """The headers of one incoming message, decoded; ``kind`` says whether it is a reply."""

    uid: int
    message_id: str | None
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    #: The From address, lower-cased.
    sender: str | None
    sender_name: str | None
    #: The addressees (To and Cc), lower-cased.
    to: tuple[str, ...]
    subject: str | None
    #: Aware, in UTC; None when the Date header is missing or unreadable.
    date: datetime | None
    kind: Kind


def message_ids(value: str | None) -> tuple[str, ...]:
    """The ``<...>`` ids in a Message-ID, In-Reply-To or References value, in order."""
    if not value:
        return ()
    found = _ID.findall(value)
    if not found and "@" in value and len(value.split()) == 1:
        return (f"<{value.strip()}>",)  # a bare id some programs write without brackets
    return tuple(found)


def normalize_id(value: str | None) -> str | None:
    """One Message-ID in its compared form (see the module docstring), or None."""
    ids = message_ids(value)
    return ids[0] if ids else None


def _text(value: str) -> str:
    # Raw UTF-8 headers (RFC 6532) arrive as surrogate escapes: decode them for real.
    try:
        text = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeError:
        text = value.encode("utf-8", "replace").decode("utf-8")
    return _printable(text)


def _printable(text: str) -> str:
    """Control characters and line breaks as spaces.

    A stranger's escape sequence (clear the screen, retitle the window) is never
    recorded, shown or handed on.
    """
    return "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)


def _words(value: str) -> str:
    """RFC 2047 encoded words decoded (printable); an unknown charset falls back to UTF-8."""
    if "=?" not in value:
        return value
    return _printable(_decoded(value))


def _decoded(value: str) -> str:
    try:
        return str(make_header(decode_header(value)))
    except (LookupError, UnicodeError, ValueError, email.errors.HeaderParseError):
        try:
            parts = decode_header(value)
        except Exception:
            return value
        return "".join(
            p.decode("utf-8", "replace") if isinstance(p, bytes) else p for p, _ in parts
        )


Headers = dict[str, str]


def header_map(message: Message) -> Headers:
    """The first value of each header, by lower-cased name, unparsed (fast)."""
    found: Headers = {}
    try:
        for name, value in message.raw_items():
            found.setdefault(str(name).lower(), str(value))
    except Exception:  # a header block the email package could not split
        pass
    return found


def header(headers: Headers, name: str) -> str | None:
    """A header's value on one line, undecoded, or None when missing or empty."""
    value = headers.get(name.lower())
    text = " ".join(_text(value).split()) if value else ""
    return text or None


def _date(headers: Headers) -> datetime | None:
    return date_value(header(headers, "Date"))


def date_value(value: str | None) -> datetime | None:
    """An RFC 5322 date as an aware UTC datetime; None when missing or unreadable."""
    try:
        when = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    # "-0000" (time zone unknown) parses naive: RFC 5322 says treat it as UTC.
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _addresses(headers: Headers, *names: str) -> list[tuple[str, str]]:
    values = [v for v in (header(headers, n) for n in names) if v]
    try:
        pairs = getaddresses(values)
    except Exception:
        return []
    return [(_words(name), addr.strip().lower()) for name, addr in pairs if "@" in addr]


def _sender(headers: Headers) -> tuple[str | None, str | None]:
    found = _addresses(headers, "From")
    if not found:
        return None, None
    name, addr = found[0]
    return addr, (name.strip() or None)


def classify(headers: Headers, sender: str | None, subject: str | None) -> Kind:
    """Bounce, auto-reply or reply, from the headers alone (see the module docstring)."""
    content_type = (header(headers, "Content-Type") or "").lower()
    multipart_report = "multipart/report" in content_type
    report = multipart_report and "delivery-status" in content_type
    local = (sender or "").split("@", 1)[0]
    from_daemon = local in _DAEMONS
    subject = subject or ""
    if report or from_daemon:
        # A failure first: a non-delivery report copies the subject it returns, and
        # "Undeliverable: Sorry for the delay" is a failure, not a delay warning.
        if _SUBJECT_FAILED.search(subject):
            return "bounce"
        if _SUBJECT_DELAY.search(subject) or _SUBJECT_DELIVERED.search(subject):
            return "auto-reply"  # it may still arrive, or it did: nothing failed
        if report:
            return "bounce"
    elif multipart_report:
        return "auto-reply"  # a read receipt (disposition-notification): nobody wrote
    auto_value = _COMMENT.sub(" ", header(headers, "Auto-Submitted") or "")
    auto = (auto_value.split(";", 1)[0].strip() or "no").lower()
    precedence = (header(headers, "Precedence") or "").strip().lower()
    if (
        auto != "no"
        or "x-autoreply" in headers
        or "x-autorespond" in headers
        or precedence in _PRECEDENCE_AUTO
        # Mailing-list traffic is never a personal answer to a follow-up.
        or "list-id" in headers
        or from_daemon
        or _SUBJECT_AUTO.search(subject)
    ):
        return "auto-reply"
    return "reply"


def parse_headers(uid: int, raw: bytes) -> Incoming:
    """Read a message's header block (or the whole message) into an :class:`Incoming`."""
    # compat32 and raw values, decoded only where needed: policy.default's header
    # registry costs ~0.9 ms a message, most of a 10,000-message first sync.
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    try:
        headers = header_map(parser.parsebytes(raw))
    except Exception:
        headers = {}
    sender, sender_name = _sender(headers)
    subject = header(headers, "Subject")
    subject = " ".join(_words(subject).split()) if subject else None
    return Incoming(
        uid=uid,
        message_id=normalize_id(header(headers, "Message-ID")),
        in_reply_to=message_ids(header(headers, "In-Reply-To")),
        references=message_ids(header(headers, "References")),
        sender=sender,
        sender_name=sender_name,
        to=tuple(dict.fromkeys(addr for _, addr in _addresses(headers, "To", "Cc"))),
        subject=subject or None,
        date=_date(headers),
        kind=classify(headers, sender, subject),
    )
