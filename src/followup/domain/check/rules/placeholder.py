"""Placeholders left in from a template: ``[Company Name]``, ``<NAME>``, ``____``, ``Your Name``.

Seed 002: "Proofread your message carefully before sending it." A template's blank sent
as it is tells the reader the note was not written for them: always an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.domain.check.model import Category, Severity
from followup.domain.check.registry import Analysis, Hit, Rule

_WHY = (
    "A template placeholder is still in the draft; fill it in before sending "
    "(seed 002: proofread your message carefully before sending it)."
)

#: Words that make a bracketed or parenthesised phrase a blank to fill.
_BLANK_WORDS = (
    r"name|company|employer|organi[sz]ation|position|role|job|title|interviewer|manager|"
    r"recruiter|date|day|time|program|department|team|insert|your|their|his|her|first|last|"
    r"specific|skill|topic|project|detail|x{2,}|city|industry|field|phone|email|number|"
    r"school|degree|hiring"
)
_BRACKET = re.compile(r"\[(?=[^\[\]\n]{0,80}[^\W\d_])[^\[\]\n]{1,80}\](?!\()")
_ANGLE = re.compile(r"<(?![\w.+-]+@)(?![a-z][\w+.-]*:)(?!/)[^<>@\n]{1,60}>")
_BRACE = re.compile(r"\$?\{\{?[^{}\n]{1,60}\}\}?|%[A-Z_]{2,30}%")
_BLANKS = re.compile(r"_{3,}|\.{3,}(?=\s*\()|\bX{3,}\b|\bx{3,}\b")
_PAREN_HINT = re.compile(
    r"\((?:(?:the|your|their|his|her|from|insert|enter|add|name of)\s+)?(?:[\w’' ]{0,30}\s)?"
    r"(?:" + _BLANK_WORDS + r")(?:[\w’' ]{0,30})\)",
    re.I,
)
_STOCK = re.compile(
    r"\b(?:Mrs?\.?|Ms\.?|Mx\.?|Dr\.?)\s*/\s*(?:Mrs?\.?|Ms\.?|Mx\.?|Dr\.?)(?:\s*/\s*\w+\.?)*"
    r"(?:\s+(?:Last|First|Full|Surname)\s+Name)?"
    r"|\b(?:Your|My|Their|Interviewer'?s?|Interviewer’s|Hiring Manager'?s?|Hiring Manager’s|"
    r"Recruiter'?s?|Recruiter’s|Company|Employer|Contact'?s?|Contact’s|First|Last|Full)"
    r"\s+(?:Full\s+)?Name\b"
    r"|\bJob\s+Title\b|\bPosition\s+Title\b",
)
_LAST = re.compile(r"\bLast\s+Name\b")


def _brackets(a: Analysis) -> Iterator[Hit]:
    text = a.draft.text
    for pattern in (_BRACKET, _ANGLE, _BRACE):
        for m in pattern.finditer(text):
            yield Hit(m.start(), m.end(), suggestion=_fill(a, m.group()))


def _blanks(a: Analysis) -> Iterator[Hit]:
    for m in _BLANKS.finditer(a.draft.text):
        yield Hit(m.start(), m.end())


def _hints(a: Analysis) -> Iterator[Hit]:
    text = a.draft.text
    for m in _PAREN_HINT.finditer(text):
        # "(position)" right after a blank or standing for a word: a hint left in. A
        # parenthesis that explains something in full words ("(the Berlin team)") is not.
        inner = m.group()[1:-1].strip()
        before = text[max(0, m.start() - 3) : m.start()]
        if "_" in before or len(inner.split()) <= 3:
            yield Hit(m.start(), m.end(), suggestion=_fill(a, m.group()))


def _stock(a: Analysis) -> Iterator[Hit]:
    for m in _STOCK.finditer(a.draft.text):
        yield Hit(m.start(), m.end(), suggestion=_fill(a, m.group()))


def _fill(a: Analysis, blank: str) -> str | None:
    """What the record says belongs in this blank, when it is clear."""
    low = blank.lower()
    ctx = a.context
    if "compan" in low or "employer" in low or "organi" in low:
        return ctx.company
    if "position" in low or "role" in low or "job" in low or "title" in low:
        return ctx.role
    if "your name" in low or "my name" in low:
        return ctx.sender_name
    if "name" in low or "mr" in low or "ms" in low:
        return ctx.to or (ctx.interviewers[0].name if len(ctx.interviewers) == 1 else None)
    return None


RULES = (
    Rule(
        id="placeholder.bracket",
        category=Category.PLACEHOLDER,
        severity=Severity.ERROR,
        message=_WHY,
        seed="002",
        summary="A bracketed blank: [Company Name], <NAME>, {name}, {{ role }}.",
        find=_brackets,
    ),
    Rule(
        id="placeholder.blank",
        category=Category.PLACEHOLDER,
        severity=Severity.ERROR,
        message=_WHY,
        seed="002",
        summary="A blank line to write on: ____, XXX.",
        find=_blanks,
    ),
    Rule(
        id="placeholder.hint",
        category=Category.PLACEHOLDER,
        severity=Severity.ERROR,
        message=_WHY,
        seed="002",
        summary="A template's hint in parentheses: (position), (employer), (from cover letter).",
        find=_hints,
    ),
    Rule(
        id="placeholder.stock",
        category=Category.PLACEHOLDER,
        severity=Severity.ERROR,
        message=_WHY,
        seed="002",
        summary="A stock blank in words: Mr./Ms. Last Name, Your Name, Hiring Manager's Name.",
        find=_stock,
    ),
)
