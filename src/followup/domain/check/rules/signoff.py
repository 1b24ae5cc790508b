"""The sign-off: a whole email with no closing line, a closing with no name or the wrong one.

Seed 002: "Proofread your message carefully before sending it": a letter that ends on
"Best regards," and no name reads as unfinished, and a name other than the sender's is a
leftover from someone else's template. A way to reach the sender (``signoff.contact``) is
off by default: an email carries its sender's address, and the reply button is how an
interviewer answers; career centres that teach a full signature turn it on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from followup.domain.check.model import EMAIL_KINDS, Category, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.text import SIGNOFFS, Draft, Span

_WORDS = "|".join(re.escape(s) for s in sorted(SIGNOFFS, key=len, reverse=True))
#: A closing line: the closing words, then an optional name on the same line.
_CLOSING = re.compile(r"[ \t]*(?:" + _WORDS + r")\b(?P<rest>[^\r\n]*)", re.I)
#: A name written by hand: one to four capitalised words (or a bracketed blank).
_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME = rf"[\[(]?[{_UPPER}][\w'’.\-]*(?:[ \t]+[\[(]?[{_UPPER}][\w'’.\-\])]*){{0,3}}[\])]?"
_NAME_LINE = re.compile(_NAME)
#: A closing and a name at the very end of a one-paragraph message: "... Best, Alex".
_INLINE = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?P<close>(?i:" + _WORDS + r")[,.!]?|[-–—])[ \t]*"
    r"(?P<name>" + _NAME + r")\s*\Z",
)
#: What separates a signed name from a title or a phone number on the same line.
_SEPARATOR = re.compile(r"\s*[,|•·]\s*|\s+[-–—]\s+")
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+|https?://|www\.|linkedin\.com|\+?\d[\d ().\-]{6,}\d",
    re.I,
)

_MISSING_WHY = (
    "The email has no closing line: end with a short closing and your name "
    "(seed 002: proofread your message carefully before sending it)."
)
_NAME_WHY = (
    "The closing line has no name after it: sign with your name "
    "(seed 002: proofread your message carefully before sending it)."
)
_CONTACT_WHY = (
    "The signature gives no phone number or profile link; add one so the interviewer can "
    "reach you the way they prefer (seed 003: consider the hiring team's preferred channel; "
    "some would rather call)."
)


@lru_cache(maxsize=4)
def closing(draft: Draft) -> tuple[Span, Span | None] | None:
    """The closing (``Best regards,``) and the name signed after it, when there is one.

    The draft's own ``signoff`` finds a closing on a line of its own; a one-paragraph
    message may end inline ("... evaluation. Best, Alex"), found here too. A line that
    opens with closing words but goes on as a sentence ("Thanks again for your time.",
    "Thanks for the call") is not a closing. Cached: five rules of three families ask
    about the same draft in turn.
    """
    text = draft.text
    span = draft.signoff
    if span is not None:
        m = _CLOSING.match(text, span.start, span.end)
        if m is not None:
            rest = m.group("rest")
            name_at = m.start("rest") + len(rest) - len(rest.lstrip(" \t,.!:;-–—"))
            tail = text[name_at : span.end].rstrip()
            if not tail or (span.end > name_at and text[span.end - 1] == ","):
                return span, _name_after(draft, span.end)
            if _NAME_LINE.fullmatch(tail):
                return Span(span.start, name_at), Span(name_at, name_at + len(tail))
    start = max(draft.body_start, len(text) - 80)
    m = _INLINE.search(text, start)
    if m is None:
        return None
    return Span(m.start("close"), m.end("close")), Span(m.start("name"), m.end("name"))


def _name_after(draft: Draft, end: int) -> Span | None:
    """The name signed on the first line after the closing, when that line reads as one.

    Anything short that is not a sentence counts ("Priya Raman", "alex", "Dr. A. Kim,
    PMP"): whether it is spelled right is for other rules; a line that ends like a
    sentence (a P.S.) is not a name.
    """
    text = draft.text
    for line in draft.lines:
        if line.start < end:
            continue
        raw = text[line.start : line.end]
        signed = _SEPARATOR.split(raw.strip(), maxsplit=1)[0].strip()
        if not signed or len(signed.split()) > 5 or signed[-1] in ".?!:":
            return None
        at = line.start + raw.index(signed)
        return Span(at, at + len(signed))
    return None


def closes(draft: Draft) -> bool:
    """Whether the draft ends with a closing line after some message (a letter's ending)."""
    found = closing(draft)
    words = draft.words
    return found is not None and bool(words) and words[0].start < found[0].start


def _signed_below(draft: Draft) -> bool:
    """Whether the last line is a bare name under the message (a signature without closing)."""
    if len(draft.lines) < 2:
        return False
    last = draft.lines[-1]
    return _NAME_LINE.fullmatch(draft.text[last.start : last.end].strip()) is not None


def _missing(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    # A whole email opens with a subject or a greeting; a body or a phrase pasted alone
    # is not missing its ending.
    if draft.kind not in EMAIL_KINDS or (draft.greeting is None and draft.subject is None):
        return
    if closing(draft) is not None or _signed_below(draft):
        return
    end = len(draft.text.rstrip())
    name = a.context.sender_name
    suggestion = "\n\nBest regards," + (f"\n{name.strip()}" if name and name.strip() else "")
    yield Hit(end, end, suggestion=suggestion)


def _name(a: Analysis) -> Iterator[Hit]:
    found = closing(a.draft)
    if found is None:
        return
    close, signed = found
    sender = (a.context.sender_name or "").strip()
    text = a.draft.text
    if signed is None:
        # A closing with nothing before it is a phrase ("Thank you!"), not a letter; a
        # LinkedIn note shows the sender's name beside it.
        words = a.draft.words
        if a.draft.kind not in EMAIL_KINDS or not words or words[0].start >= close.start:
            return
        line = text[close.start : close.end]
        yield Hit(close.start, close.end, suggestion=f"{line}\n{sender}" if sender else None)
        return
    written = text[signed.start : signed.end]
    if sender and written[:1].isalpha() and not _same_person(written, sender):
        # "... Thank you, Ana." thanks the reader by name: not a signature at all.
        if any(_same_person(written, who) for who in _recipients(a)):
            return
        yield Hit(
            signed.start,
            signed.end,
            message=(
                f"Signed as {written!r}, but the sender is {sender!r}: a name left from "
                "another letter (seed 002: proofread your message carefully before sending it)."
            ),
            suggestion=sender,
        )


def _recipients(a: Analysis) -> list[str]:
    """The names of whom the draft is written to: the record's and the greeting's."""
    ctx, draft = a.context, a.draft
    names = [p.name for p in ctx.interviewers] + ([ctx.to] if ctx.to else [])
    greeted = draft.greeting_name
    if greeted is not None:
        names.append(draft.text[greeted.start : greeted.end])
    return names


def _same_person(written: str, sender: str) -> bool:
    """Whether a signed name is the sender's: a shared name, or one a short form of another."""
    mine = [p for p in re.split(r"[\s.\-]+", sender.lower()) if len(p) > 1]
    for part in re.split(r"[\s.\-,]+", written.lower()):
        if len(part) < 2:
            continue
        for own in mine:
            if part == own or (min(len(part), len(own)) >= 3 and own.startswith(part)):
                return True
    return False


def _contact(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    if draft.kind not in EMAIL_KINDS:
        return
    found = closing(draft)
    if found is None:
        return
    close, signed = found
    if _CONTACT.search(draft.text, close.end):
        return
    span = signed or close
    yield Hit(span.start, span.end)


RULES = (
    Rule(
        id="signoff.missing",
        category=Category.SIGNOFF,
        severity=Severity.INFO,
        message=_MISSING_WHY,
        seed="002",
        summary="An email with a subject or a greeting that ends with no closing line.",
        find=_missing,
    ),
    Rule(
        id="signoff.name",
        category=Category.SIGNOFF,
        severity=Severity.WARNING,
        message=_NAME_WHY,
        seed="002",
        summary="A closing with no name after it, or a name other than the sender's.",
        find=_name,
    ),
    Rule(
        id="signoff.contact",
        category=Category.SIGNOFF,
        severity=Severity.INFO,
        message=_CONTACT_WHY,
        seed="003",
        summary="A signature without a phone number or profile link (off by default).",
        find=_contact,
        default=False,
    ),
)
