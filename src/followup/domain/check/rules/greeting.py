"""The greeting: there is one, it names the recipient, and it is not a stock salutation.

Seed 002: "Personalize your message"; seed 003 warns against "generic follow-up messages
that lack personalization". A note that opens with "To whom it may concern" when the
interviewer's name is on record reads as a form letter; one that greets the wrong person
is a mistake the reader sees in the first word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from followup.domain.check.lazy import Lazy
from followup.domain.check.model import EMAIL_KINDS, Category, Kind, Severity
from followup.domain.check.names import (
    COMMON,
    HONORIFICS,
    WORD,
    People,
    Who,
    fold,
    people,
    same_given_name,
    word_set,
)
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.text import Draft

_MISSING = (
    "An email with no greeting reads as a form letter: open with the recipient's name{} "
    "(seed 002: personalize your message)."
)
_RECIPIENT = (
    "The greeting names someone other than the person this note is for (seed 002: "
    "proofread your message carefully before sending it)."
)
_GENERIC = (
    "A stock greeting when the record knows the name reads as a form letter: greet the "
    "person by name (seed 003: avoid generic follow-up messages that lack personalization)."
)
#: Words that fill a greeting without naming anyone ("Dear Hiring Manager", "Hi there").
_STAND_INS = word_set(
    """sir sirs madam madame hiring manager managers team committee recruiter recruiting
    interviewer interviewers whom it may concern there friend friends all everyone folks
    search selection panel or and to human resources hr department"""
)
#: Stand-ins that make a greeting stock on their own; "Hi team" or "Hi all" may be meant.
_STOCK = Lazy(
    r"(?:sir|sirs|madam|sir\s*(?:/|or|and)\s*madam|madam\s*(?:/|or|and)\s*sir|"
    r"(?:the\s+)?(?:hiring|recruiting|search|selection)\s+(?:manager|team|committee)|"
    r"recruiter|interviewer|there|friend|whom it may concern)\W*",
    re.I,
)
_BLANK = re.compile(r"[\[\]{}<>_]|\bX{2,}\b|\bname\b", re.I)
_NAME_LINE = re.compile(r"[ \t]*([^\W\d_][\w'’.\-]*(?:[ \t]+[^\W\d_][\w'’.\-]*){0,3})[ \t]*[,:—–]")
_OPENER = re.compile(
    r"\s*(dear|hi|hello|hey|good morning|good afternoon|good evening|greetings)", re.I
)


@dataclass(frozen=True, slots=True)
class Named:
    """The names a greeting uses: their spans, folded words, and whether a title came first."""

    spans: tuple[tuple[int, int], ...]
    folds: tuple[str, ...]
    titled: bool


def greeted(a: Analysis) -> Named | None:
    """The names in the greeting, or None when it names nobody (``Hi,``, ``Dear Sir``)."""
    draft = a.draft
    if draft.greeting_name is not None:
        start, end = draft.greeting_name.start, draft.greeting_name.end
    else:
        line = _first_name_line(draft)
        if line is None:
            return None
        start, end = line
    text = draft.text
    shown = text[start:end]
    if _BLANK.search(shown):
        return None
    lower = shown.islower()
    spans: list[tuple[int, int]] = []
    folds: list[str] = []
    titled = False
    for m in WORD.finditer(text, start, end):
        word, f = m.group(), fold(m.group())
        if f in HONORIFICS:
            titled = titled or not spans
            continue
        if f in _STAND_INS or (lower and f in COMMON) or not (lower or word[0].isupper()):
            continue
        spans.append(m.span())
        folds.append(f)
    if not spans or len(spans) > 4:
        return None
    return Named(tuple(spans), tuple(folds), titled)


def _first_name_line(draft: Draft) -> tuple[int, int] | None:
    """A first line that is only a name and a comma ("Sarah," or "Ana Ruiz —")."""
    if draft.greeting is not None or not draft.lines:
        return None
    first = draft.lines[0]
    m = _NAME_LINE.match(draft.text, first.start, first.end)
    if m is None or draft.text[m.end() : first.end].strip():
        return None
    words = [fold(w) for w in m.group(1).split()]
    if not words[0][:1] or not m.group(1)[0].isupper() or all(w in COMMON for w in words):
        return None
    return m.start(1), m.end(1)


def _missing(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    if draft.kind not in EMAIL_KINDS or draft.greeting is not None or not draft.lines:
        return
    if _first_name_line(draft) is not None:
        return
    first = draft.lines[0]
    # A fragment being checked is not an email yet: only a whole one (a closing line
    # below the first, or Boomerang's 50 words) gets a warning.
    whole = draft.word_count >= 50 or (
        draft.signoff is not None and draft.signoff.start > first.start
    )
    who = people(a.context).recipient
    hint = f", “Dear {who.full},” or “Hi {who.parts[0]},”" if who and who.parts else ""
    yield Hit(
        first.start,
        first.end,
        message=_MISSING.format(hint),
        severity=Severity.WARNING if whole else Severity.INFO,
    )


def _recipient(a: Analysis) -> Iterator[Hit]:
    book = people(a.context)
    who = book.recipient
    named = greeted(a) if who is not None else None
    if who is None or named is None:
        return
    if any(same_given_name(f, r) or same_given_name(r, f) for f in named.folds for r in who.folds):
        return
    for f in named.folds:
        # A misspelling or a person of another interview has its own, clearer finding.
        if book.near(f) or f in book.elsewhere:
            return
        if book.owner(f) is not None and a.draft.kind is Kind.PANEL_NOTE and a.context.to:
            return
    start, end = named.spans[0][0], named.spans[-1][1]
    if _maybe_nickname(named, who, book):
        yield Hit(
            start,
            end,
            message=f"This note is for {who.full}; if {a.draft.text[start:end]} is what they go "
            "by, leave it. " + _RECIPIENT,
            suggestion=_name_for(who, named),
            severity=Severity.WARNING,
        )
        return
    yield Hit(
        start,
        end,
        message=f"This note is for {who.full}. " + _RECIPIENT,
        suggestion=_name_for(who, named),
    )


def _maybe_nickname(named: Named, who: Who, book: People) -> bool:
    """Whether the greeted first name could be what the recipient goes by ("Bex", Rebecca).

    Nicknames the table does not know keep a first letter pair of the given name; a name
    of someone else on record, a title ("Ms. Smith") or a name with nothing in common
    ("Marcus" for Sarah) is the wrong person.
    """
    if named.titled or len(named.folds) != 1 or not who.folds:
        return False
    greeted_name = named.folds[0]
    if book.owner(greeted_name) is not None or len(greeted_name) < 2:
        return False
    return greeted_name[:2] in who.folds[0]


def _name_for(who: Who, named: Named) -> str:
    if not who.parts:
        return who.full
    if named.titled:
        return who.parts[-1]
    return " ".join(who.parts) if len(named.folds) > 1 else who.parts[0]


def _generic(a: Analysis) -> Iterator[Hit]:
    book = people(a.context)
    draft = a.draft
    if not book.here or draft.greeting is None:
        return
    text = draft.text
    line = text[draft.greeting.start : draft.greeting.end]
    if _BLANK.search(line):
        return
    opener = _OPENER.match(line)
    who = book.recipient
    formal = opener is None or opener.group(1).lower() == "dear"
    name = (who.full if formal else who.parts[0]) if who is not None and who.parts else None
    span = draft.greeting_name
    if span is not None:
        # "Dear Hiring Manager": the stand-in is replaced by the name.
        if _STOCK.fullmatch(text[span.start : span.end]):
            yield Hit(span.start, span.end, suggestion=name)
        return
    # "Hi," or "To whom it may concern,": the whole greeting, its punctuation left alone.
    start = draft.greeting.start
    end = start + len(line.rstrip(",:;!.—– \t"))
    if name is not None:
        name = f"{opener.group(1)} {name}" if opener is not None else f"Dear {name}"
    yield Hit(start, end, suggestion=name)


RULES = (
    Rule(
        id="greeting.missing",
        category=Category.GREETING,
        severity=Severity.WARNING,
        message=_MISSING.format(""),
        seed="002",
        summary="An email with no greeting line (info on a fragment, warning on a whole email).",
        find=_missing,
    ),
    Rule(
        id="greeting.recipient",
        category=Category.GREETING,
        severity=Severity.ERROR,
        message=_RECIPIENT,
        seed="002",
        summary="The greeting names someone other than the recipient (or the one interviewer).",
        find=_recipient,
    ),
    Rule(
        id="greeting.generic",
        category=Category.GREETING,
        severity=Severity.WARNING,
        message=_GENERIC,
        seed="003",
        summary="To whom it may concern, Dear Sir/Madam, Dear Hiring Manager, a bare Hi, "
        "when the record knows the name.",
        find=_generic,
    ),
)
