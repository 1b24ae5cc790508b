"""The subject line: missing, too long, generic, or shouting.

Boomerang's study of 40 million emails: subjects of 3-4 words got the most replies. Seed
002: personalize, do not be generic; a subject that names the role or the interview is
what lets a busy interviewer find the note among the day's other "Thank you!" mails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.domain.check.model import (
    EMAIL_KINDS,
    THANKS_KINDS,
    Category,
    Context,
    Kind,
    Severity,
)
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.rules.signoff import closes

#: A subject past this many words or characters is cut off in an inbox or on a phone.
LONG_WORDS = 10
LONG_CHARS = 70

#: Words that say nothing of which interview, role or person a subject is about.
_GENERIC_TEXT = """
    a an the and for of to on in at about from with my me your our you it i just quick
    re fw fwd thank thanks thx you follow follows following followup follow-up up
    checking check checkin check-in touching touch base hi hello hey dear greetings
    interview interviews interviewing meeting meetings call chat conversation talk
    time today yesterday again great nice so much very really appreciated appreciate
    question questions update updates status note job application applicant candidate
    position role opportunity regarding please hope is was
"""
_GENERIC_WORDS = frozenset(_GENERIC_TEXT.split())
_THANKS_WORDS = frozenset({"thank", "thanks", "thx"})
#: The kinds whose reader knows at once what a stock thanks subject is about.
_REPLY_KINDS = THANKS_KINDS | {Kind.CLOSE_THE_LOOP}
_MARKS = re.compile(r"[!?]{2,}")

_MISSING_WHY = (
    "An email without a subject line is easy to overlook or file as spam: name the "
    "interview in three or four words (Boomerang's study of 40 million emails: subjects of "
    "3-4 words got the most replies)."
)
_LONG_WHY = (
    "The subject is long enough to be cut off in the inbox: keep the role and the "
    "interview, drop the rest (Boomerang's study of 40 million emails: subjects of 3-4 words "
    "got the most replies)."
)
_GENERIC_WHY = (
    "The subject could head any candidate's email: add the role, the interview or a name "
    "so it is found among the others (seed 002: personalize your message, avoid generic "
    "follow-ups)."
)
_EMPTY_WHY = (
    "The subject line has no words: name the role or the interview so the email is found "
    "(seed 002: personalize your message, avoid generic follow-ups)."
)
_SHOUTING_WHY = (
    "Capitals or a run of '!' in a subject read as shouting or urgency: write it in "
    "sentence case with at most one mark (seed 000: follow up without being pushy)."
)

#: What each kind's subject says besides the role, for a suggested subject.
_TOPIC: dict[Kind, str] = {
    Kind.THANK_YOU: "Thank you — {} interview",
    Kind.PANEL_NOTE: "Thank you — {} interview",
    Kind.CHECK_IN: "Following up — {} interview",
    Kind.ADDITIONAL_INFO: "Additional information — {} interview",
    Kind.CLOSE_THE_LOOP: "Closing the loop — {} interview",
}


def suggested_subject(kind: Kind, context: Context) -> str | None:
    """A short subject for this kind naming the role (or the company), when one is known."""
    what = context.role or context.company
    pattern = _TOPIC.get(kind)
    if not what or pattern is None:
        return None
    return pattern.format(" ".join(what.split()))


def _missing(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    if draft.subject is not None or draft.kind not in EMAIL_KINDS:
        return
    # Only a whole email (a greeting or a closing line) is expected to carry a subject: a
    # body pasted alone, or a phrase, is not missing one.
    if draft.greeting is None and not closes(draft):
        return
    suggestion = suggested_subject(draft.kind, a.context)
    # An empty span at the start: the subject line is inserted there.
    yield Hit(0, 0, suggestion=None if suggestion is None else f"Subject: {suggestion}\n")


def _long(a: Analysis) -> Iterator[Hit]:
    span = a.draft.subject
    if span is None:
        return
    text = a.draft.text[span.start : span.end].rstrip()
    words = a.draft.subject_words
    if len(words) > LONG_WORDS or len(text) > LONG_CHARS:
        yield Hit(
            span.start,
            span.start + len(text),
            message=f"{len(words)} words, {len(text)} characters: {_LONG_WHY}",
        )


def _generic(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    span = draft.subject
    if span is None:
        return
    words = draft.subject_words
    if any(w.lower not in _GENERIC_WORDS for w in words):
        return
    text = draft.text[span.start : span.end].rstrip()
    suggestion = suggested_subject(draft.kind, a.context)
    # A subject with no words at all ("Subject:", an emoji) says even less: the same
    # finding, with a message that says what is wrong.
    message = None if words else _EMPTY_WHY
    # A thank-you goes out within a day to someone who has just met the sender, whose name
    # places "Thank you for the interview"; closing the loop answers their news ("Thank you
    # for the update"): naming the role is a hint there, not a fault.
    mild = draft.kind in _REPLY_KINDS and any(w.lower in _THANKS_WORDS for w in words)
    yield Hit(
        span.start,
        span.start + len(text),
        message=message,
        suggestion=suggestion,
        severity=Severity.INFO if mild else None,
    )


def _shouting(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    span = draft.subject
    if span is None:
        return
    text = draft.text[span.start : span.end].rstrip()
    # No lower-case letter and some upper-case ones: capitals throughout. Two words of
    # letters at least, so "UX" or "Q3" alone is not shouting.
    if text.upper() == text != text.lower():
        long_words = [w for w in draft.subject_words if len(w.text) > 1 and w.text.isalpha()]
        if len(long_words) >= 2:
            yield Hit(
                span.start, span.start + len(text), suggestion=_sentence_case(text, a.context)
            )
            return
    if "!!" in text or "?!" in text or "!?" in text or "??" in text:
        for m in _MARKS.finditer(text):
            yield Hit(span.start + m.start(), span.start + m.end(), suggestion=m.group()[0])


def _sentence_case(text: str, context: Context) -> str:
    """``text`` in sentence case, the record's names (company, role, people) kept as written."""
    out = text[:1].upper() + text[1:].lower()
    names = [context.company, context.role, context.sender_name, context.to]
    names += [p.name for p in context.interviewers]
    for name in names:
        for part in (name or "").split():
            if len(part) > 1:
                pattern = r"(?<!\w)" + re.escape(part.lower()) + r"(?!\w)"
                out = re.sub(pattern, part.replace("\\", r"\\"), out)
    return out


RULES = (
    Rule(
        id="subject.missing",
        category=Category.SUBJECT,
        severity=Severity.INFO,
        message=_MISSING_WHY,
        seed="Boomerang",
        summary="A whole email (greeting or closing line) with no 'Subject:' first line.",
        find=_missing,
    ),
    Rule(
        id="subject.long",
        category=Category.SUBJECT,
        severity=Severity.INFO,
        message=_LONG_WHY,
        seed="Boomerang",
        summary="A subject of more than 10 words or 70 characters.",
        find=_long,
    ),
    Rule(
        id="subject.generic",
        category=Category.SUBJECT,
        severity=Severity.WARNING,
        message=_GENERIC_WHY,
        seed="002",
        summary=(
            "A subject of stock words only: 'Follow up', 'Checking in' ('Thank you!' on a "
            "thank-you, panel note or close-the-loop: info)."
        ),
        find=_generic,
    ),
    Rule(
        id="subject.shouting",
        category=Category.SUBJECT,
        severity=Severity.WARNING,
        message=_SHOUTING_WHY,
        seed="000",
        summary="A subject in capitals, or with '!!' or '?!'.",
        find=_shouting,
    ),
)
