"""The body of an incoming message: which of our messages a bounce returns, and a snippet.

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
from email.message import EmailMessage, Message

from followup.domain.mail.incoming import header, header_map, message_ids


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


def bounced_ids(raw_full: bytes) -> tuple[str, ...]:
    """The Message-IDs a bounce is about: its In-Reply-To/References and the returned copy's."""
    message = _parse_full(raw_full)
    top = header_map(message)
    found = [*message_ids(header(top, "In-Reply-To")), *message_ids(header(top, "References"))]
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
                    found.extend(message_ids(header(header_map(inner), "Message-ID"))[:1])
        elif kind in ("text/rfc822-headers", "text/plain"):
            # rfc822-headers is the returned header block; qmail-style notices paste the
            # original into their text after "Below this line is a copy of the message".
            found.extend(_HEADER_ID.findall(_body_text(part)))
    return tuple(dict.fromkeys(found))


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
