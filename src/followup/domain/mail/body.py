"""The body of an incoming message: what a bounce returns, and a reply's snippet.

Pure, like :mod:`followup.domain.mail.incoming`: bytes in, values out, never an
exception for a malformed message. Sync reads a body only for the few messages whose
headers made them a bounce or a matched reply, so this may use the email package's
slower, complete parser (``policy.default``).
"""

from __future__ import annotations

import email.parser
import email.policy
import html
import re
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage, Message
from email.utils import getaddresses

from followup.domain.mail.domains import ascii_address
from followup.domain.mail.incoming import Headers, date_value, header, header_map, message_ids


def _parse_full(raw: bytes) -> Message:
    try:
        return email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
    except Exception:
        return EmailMessage()


def _body_text(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except Exception:
        pass
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        return ""
    return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


_HEADER_ID = re.compile(r"^message-id:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)
_ADDRESS = r"[^\s<>@\"(),;:\[\]]+@[^\s<>@\"(),;:\[\]]+"
#: Where a plain-text notice names the address that failed: qmail's and Postfix's
#: "<kenji@acme.com>:" or Exim's indented address on its own line; Gmail's "wasn't
#: delivered to kenji@acme.com", Exchange's "Your message to kenji@acme.com couldn't be
#: delivered".
_TEXT_RECIPIENT = re.compile(
    rf"^[ \t]*<?(?P<line>{_ADDRESS})>?:?[ \t]*$"
    rf"|^[ \t]*<(?P<lead>{_ADDRESS})>:"
    rf"|\b(?:delivered|delivery|deliver|message)\s+to\s+<?(?P<to>{_ADDRESS})",
    re.IGNORECASE | re.MULTILINE,
)
#: The first header line of a pasted block ("--- Below this line..." may come first).
_HEADER_START = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:", re.MULTILINE)
#: The address types of a delivery-status recipient field (RFC 3464, RFC 6533).
_ADDRESS_TYPES = frozenset({"rfc822", "utf-8"})


@dataclass(frozen=True, slots=True)
class Bounce:
    """What a bounce says about the message it returns."""

    #: The Message-IDs it is about: its In-Reply-To/References and the returned copy's.
    ids: tuple[str, ...]
    #: The addresses it names (lower-case, domains in ASCII form): the delivery-status
    #: part's Final-Recipient and Original-Recipient, X-Failed-Recipients, those a
    #: plain-text notice quotes, and the returned copy's To and Cc (the address of the
    #: sending it returns: a forwarding address's bounce names only where it forwards).
    #: Empty when it names none.
    recipients: tuple[str, ...]
    #: The returned copy's Date (aware, UTC): when the sending it returns was built (by
    #: the sender's clock, not the reporting server's). None without one.
    copy_date: datetime | None


def bounced_ids(raw_full: bytes) -> tuple[str, ...]:
    """The Message-IDs a bounce is about: its In-Reply-To/References and the returned copy's."""
    return read_bounce(raw_full).ids


def read_bounce(raw_full: bytes) -> Bounce:
    """The messages a bounce is about, the recipients it names, the returned copy's Date."""
    message = _parse_full(raw_full)
    top = header_map(message)
    found = [*message_ids(header(top, "In-Reply-To")), *message_ids(header(top, "References"))]
    named = _addresses([header(top, "X-Failed-Recipients")])
    dates: list[datetime] = []
    try:
        parts = list(message.walk())
    except Exception:
        parts = []
    for part in parts:
        kind = part.get_content_type()
        if kind == "message/rfc822":
            payload = part.get_payload()
            for inner in payload if isinstance(payload, list) else []:
                if isinstance(inner, Message):
                    _returned_copy(header_map(inner), found, named, dates)
        elif kind == "message/delivery-status":
            payload = part.get_payload()
            for block in payload if isinstance(payload, list) else []:
                if isinstance(block, Message):
                    named.extend(_dsn_recipients(header_map(block)))
        elif kind in ("text/rfc822-headers", "text/plain"):
            # rfc822-headers is the returned header block; qmail-style notices paste the
            # original into their text after "Below this line is a copy of the message".
            text = _body_text(part)
            found.extend(_HEADER_ID.findall(text))
            for block in _header_blocks(text):  # the copy's To and Date, if it is whole
                _returned_copy(block, found, named, dates)
            if kind == "text/plain":
                named.extend(_text_recipients(text))
    return Bounce(
        ids=tuple(dict.fromkeys(found)),
        recipients=tuple(dict.fromkeys(named)),
        copy_date=dates[0] if dates else None,
    )


def _returned_copy(
    headers: Headers, found: list[str], named: list[str], dates: list[datetime]
) -> None:
    """What a returned copy's headers say: its Message-ID, its addressees, its Date."""
    own = message_ids(header(headers, "Message-ID"))[:1]
    if not own:
        return
    found.extend(own)
    named.extend(_addresses([header(headers, "To"), header(headers, "Cc")]))
    when = date_value(header(headers, "Date"))
    if when is not None:
        dates.append(when)


def _header_blocks(text: str) -> list[Headers]:
    """Each header block pasted in a text (its lines up to a blank line) with a Message-ID."""
    blocks = []
    for paragraph in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        if _HEADER_ID.search(paragraph):
            start = _HEADER_START.search(paragraph)
            block = paragraph[start.start() :] if start else paragraph
            try:
                parsed = email.parser.HeaderParser(policy=email.policy.compat32).parsestr(block)
            except Exception:
                continue
            blocks.append(header_map(parsed))
    return blocks


def _dsn_recipients(fields: Headers) -> list[str]:
    """A delivery-status block's Final-Recipient and Original-Recipient ("rfc822; a@b")."""
    named = []
    for name in ("Final-Recipient", "Original-Recipient"):
        value = header(fields, name)
        kind, semicolon, address = (value or "").partition(";")
        if semicolon and kind.strip().lower() in _ADDRESS_TYPES:
            named.extend(_addresses([address]))
    return named


def _text_recipients(text: str) -> list[str]:
    found = []
    for match in _TEXT_RECIPIENT.finditer(text):
        address = match.group("line") or match.group("lead") or match.group("to")
        if address:
            found.append(ascii_address(address.rstrip(".")))
    return found


def _addresses(values: list[str | None]) -> list[str]:
    """The addresses in header values, lower-case, their domains in ASCII form."""
    try:
        pairs = getaddresses([v for v in values if v])
    except Exception:
        return []
    return [ascii_address(address) for _, address in pairs if "@" in address]


_QUOTE_START = re.compile(
    r"^(?:on\b.*\bwrote:|am\b.*\bschrieb.*:|le\b.*\ba écrit\s*:|el\b.*\bescribió:|"
    r"-{2,}\s*original message\s*-{2,}|_{10,}|from:\s.*|von:\s.*|de\s?:\s.*)\s*$",
    re.IGNORECASE,
)
_WROTE_TAIL = re.compile(r"^(?:.*\b)?(?:wrote|schrieb|a écrit|escribió)\s*:\s*$", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
_BLOCKS = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BREAKS = re.compile(r"<(?:br|/p|/div|/li|/tr|/h\d)\b[^>]*>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_QUOTE_HTML = re.compile(r"<blockquote\b.*?</blockquote\s*>", re.IGNORECASE | re.DOTALL)


def _strip_html(text: str) -> str:
    text = _QUOTE_HTML.sub("\n", _BLOCKS.sub("", text))
    return html.unescape(_TAGS.sub("", _BREAKS.sub("\n", text)))


def _own_lines(text: str) -> list[str]:
    """The lines the sender wrote: no quoted lines, no quoted header, no signature."""
    kept: list[str] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if line.rstrip() in ("--", "-- ") or _QUOTE_START.match(stripped):
            break
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if stripped.lower().startswith("on ") and _WROTE_TAIL.match(following):
            break  # "On <date>, <name>" wrapped before "wrote:"
        if not stripped.startswith(">"):
            kept.append(stripped)
    return kept


def snippet(raw_full: bytes, limit: int = 280) -> str:
    """The start of what the sender wrote, quoted text and signature removed, on one line."""
    message = _parse_full(raw_full)
    plain = html_part = None
    try:
        for part in message.walk():
            if part.is_multipart() or part.get_content_disposition() == "attachment":
                continue
            kind = part.get_content_type()
            if kind == "text/plain" and plain is None:
                plain = part
            elif kind == "text/html" and html_part is None:
                html_part = part
    except Exception:
        pass
    if plain is not None:
        text = _body_text(plain)
    elif html_part is not None:
        text = _strip_html(_body_text(html_part))
    else:
        return ""
    out = " ".join(_CONTROL.sub(" ", " ".join(_own_lines(text))).split())
    if len(out) <= limit:
        return out
    cut = out[: max(limit - 1, 0)]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.") + "…"
