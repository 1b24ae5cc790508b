"""Placeholders left in from a template: ``[Company Name]``, ``<NAME>``, ``____``, ``Your Name``.

Seed 002: "Proofread your message carefully before sending it." A template's blank sent
as it is tells the reader the note was not written for them: always an error.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from followup.domain.check.model import Category, Severity
from followup.domain.check.registry import Analysis, Hit, Rule

_WHY = (
    "A template placeholder is still in the draft; fill it in before sending "
    "(seed 002: proofread your message carefully before sending it)."
)

#: Words that make a bracketed or parenthesised phrase a blank to fill.
_BLANK_WORDS = frozenset(
    [
        "name",
        "names",
        "company",
        "company's",
        "companys",
        "employer",
        "employer's",
        "organization",
        "organisation",
        "position",
        "role",
        "job",
        "title",
        "interviewer",
        "interviewer's",
        "interviewers",
        "manager",
        "manager's",
        "recruiter",
        "recruiter's",
        "date",
        "day",
        "time",
        "program",
        "programme",
        "department",
        "team",
        "insert",
        "your",
        "their",
        "his",
        "her",
        "first",
        "last",
        "full",
        "specific",
        "skill",
        "skills",
        "topic",
        "project",
        "detail",
        "details",
        "city",
        "industry",
        "field",
        "phone",
        "email",
        "number",
        "school",
        "degree",
        "hiring",
        "contact",
        "surname",
        "mr",
        "mrs",
        "ms",
        "recipient",
        "person",
        "signature",
        "sender",
    ]
)
#: Words a template's hint may hold besides blank words: "(name of employer)".
_HINT_GLUE = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "from",
        "in",
        "on",
        "or",
        "and",
        "your",
        "their",
        "here",
        "cover",
        "letter",
    ]
)
_BRACKET = re.compile(r"\[([^\[\]\n]{1,80})\](?!\()")
_ANGLE = re.compile(r"<(?![\w.+-]+@)(?![a-z][\w+.-]*:)(?!/)([^<>@\n]{1,60})>")
#: Template variables: {name}, {{ role }}, ${x}, %NAME%, a mail merge's *|FNAME|*.
_BRACE = re.compile(r"\$?\{\{?[^{}\n]{1,60}\}\}?|%[A-Z_]{2,30}%|\*\|[A-Z0-9_:]{1,30}\|\*")
_BLANKS = re.compile(r"_{3,}|\bX{3,}\b|\bx{3,}\b")
_PAREN = re.compile(r"\(([^()\n]{1,40})\)")
_STOCK = re.compile(
    r"\b(?:Mrs?\.?|Ms\.?|Mx\.?|Dr\.?)\s*/\s*(?:Mrs?\.?|Ms\.?|Mx\.?|Dr\.?)(?:\s*/\s*\w+\.?)*"
    r"(?:\s+(?:Last|First|Full|Sur)\s*[Nn]ame)?"
    r"|\b(?:Your|My|Their|Interviewer(?:'s|’s|s)?|Hiring Manager(?:'s|’s)?|Recruiter(?:'s|’s)?"
    r"|Company|Employer|Contact(?:'s|’s)?|First|Last|Full)\s+(?:Full\s+)?Name\b"
    r"|\bJob\s+Title\b|\bPosition\s+Title\b",
)
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _is_blank(inner: str) -> bool:
    """A bracketed phrase is a blank when it names what to fill, or shouts in capitals."""
    words = _WORDS.findall(inner)
    if not words:
        return False
    if inner.isupper() and len("".join(words)) >= 3:
        return True
    return any(w.lower() in _BLANK_WORDS or w.lower().rstrip("s") in _BLANK_WORDS for w in words)


def _enclosed(text: str) -> list[tuple[int, int]]:
    """The spans of every bracketed blank ([...], <...>, {...}) in the text."""
    spans = [
        (m.start(), m.end())
        for pattern in (_BRACKET, _ANGLE)
        for m in pattern.finditer(text)
        if _is_blank(m.group(1))
    ]
    spans.extend((m.start(), m.end()) for m in _BRACE.finditer(text))
    return sorted(spans)


def _brackets(a: Analysis) -> Iterator[Hit]:
    text = a.draft.text
    for start, end in _enclosed(text):
        yield Hit(start, end, suggestion=_fill(a, text[start:end]))


def _blanks(a: Analysis) -> Iterator[Hit]:
    for m in _BLANKS.finditer(a.draft.text):
        yield Hit(m.start(), m.end())


def _hints(a: Analysis) -> Iterator[Hit]:
    """A template's hint in parentheses, "(position)", "(name of employer)".

    Every word must be a blank word or glue: "(the Berlin team)" explains, it is no hint.
    """
    text = a.draft.text
    for m in _PAREN.finditer(text):
        words = [w.lower() for w in _WORDS.findall(m.group(1))]
        if not words or len(words) > 5:
            continue
        content = [w for w in words if w not in _HINT_GLUE]
        if content and all(w in _BLANK_WORDS or w.rstrip("s") in _BLANK_WORDS for w in content):
            yield Hit(m.start(), m.end(), suggestion=_fill(a, m.group()))


def _stock(a: Analysis) -> Iterator[Hit]:
    text = a.draft.text
    enclosed = _enclosed(text) if ("[" in text or "<" in text or "{" in text) else []
    starts = [s for s, _ in enclosed]
    for m in _STOCK.finditer(text):
        # The enclosing blank, if any, starts at or before the match: the last such one.
        at = bisect_right(starts, m.start()) - 1
        if at < 0 or m.end() > enclosed[at][1]:
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
