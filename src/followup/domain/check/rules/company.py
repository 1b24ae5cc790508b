"""The company and the role: another company's name left in, the name misspelled, a wrong role.

Seed 002: "Proofread your message carefully before sending it" and "personalize your
message". Another employer's name in a thank-you is the best-known sign of a letter
reused; a misspelled company name is a typo the reader cannot miss. A different job
title is only a warning, and only when the draft clearly names a title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from followup.domain.check.lazy import Lazy
from followup.domain.check.model import Category, Context, Severity
from followup.domain.check.names import (
    COMMON,
    WORD,
    Near,
    fold,
    people,
    per_context,
    plain_lower,
    word_set,
    words_of,
)
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.rules.name import candidates
from followup.domain.check.wholewords import occurrences

_OTHER = (
    "This is another company's name: a letter reused from another application is the "
    "mistake readers remember (seed 002: personalize your message)."
)
_MISSPELLED = (
    "This looks like a misspelling of the company's name (seed 002: proofread your "
    "message carefully before sending it)."
)
_ROLE = (
    "This names a different role from the one this interview was for (seed 002: "
    "personalize your message and reference specific points from the interview)."
)
#: Words of a company's name that do not identify it.
_SUFFIXES = word_set(
    """inc corp corporation co company llc ltd limited gmbh ag sa plc group holdings
    technologies technology tech labs lab software systems solutions partners the of and
    health analytics logistics energy media foods insurance capital consulting digital
    networks ventures studios games global international services bank financial"""
)
#: A job word; the title before it ("the Product Designer role") is read backwards from it.
_JOBS = (" role", " position", " opening", " job", " internship", " vacancy")
_TITLE = Lazy(
    r"\b(?:[Tt]he|[Tt]his|[Yy]our|[Aa]n?)\s+((?:[A-Z][\w&/+.\-]*\s+){0,4}[A-Z][\w&/+.\-]*)\s*$"
)
#: Words that make a phrase a job title, and the nouns that head one.
_HEADS = word_set(
    """manager engineer developer designer analyst scientist director lead architect
    consultant specialist coordinator associate assistant executive officer administrator
    intern recruiter representative accountant writer editor researcher teacher nurse
    technician producer counsel attorney paralegal strategist pm swe sde sre vp cto cfo
    coo ceo cmo"""
)
_ROLE_WORDS = _HEADS | word_set(
    """engineering development design analytics science marketing sales product data
    software frontend backend fullstack account accounts customer success operations ops
    support finance financial accounting hr people talent devops security qa quality mobile
    ios android web cloud platform infrastructure machine learning ml ai growth content
    social media brand communications legal business strategy program project ux ui
    graphic visual research"""
)
_SENIORITY = {"senior": "senior", "sr": "senior", "junior": "junior", "jr": "junior"}
_SAME = tuple(
    frozenset(group.split())
    for group in (
        "senior sr",
        "junior jr",
        "manager mgr",
        "engineer eng engineering",
        "developer dev development",
        "marketing mktg",
    )
)
_ABBREVIATIONS = tuple(
    (frozenset(phrase.split()), short)
    for phrase, short in (
        ("product manager", "pm"),
        ("project manager", "pm"),
        ("program manager", "pm"),
        ("software engineer", "swe"),
        ("software engineer", "sde"),
        ("reliability engineer", "sre"),
        ("vice president", "vp"),
        ("user experience", "ux"),
        ("machine learning", "ml"),
        ("human resources", "hr"),
        ("quality assurance", "qa"),
    )
)


class Firm:
    """The record's company, the others, and the role, made ready for look-ups."""

    def __init__(self, context: Context) -> None:
        self.context = context
        #: Each folded word of the company's name as the record spells it; its near-miss
        #: index; the name in lower-case words.
        self.spelled, self.near, self.ours = _company(context.company or "")
        here = people(context).here_folds
        #: Other companies' names in lower-case words, and whether it is one capitalised word.
        self.others = [
            (words, single)
            for words, folded, single in map(_other_company, context.other_companies)
            if words and words != self.ours and not folded <= here
        ]


@lru_cache(maxsize=512)
def _role_words(role: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of a role with their usual short forms, and the level it names, if any."""
    words = set(words_of(role))
    for group in _SAME:
        if not words.isdisjoint(group):
            words.update(group)
    for phrase, short in _ABBREVIATIONS:
        if phrase <= words:
            words.add(short)
    return frozenset(words), frozenset(_SENIORITY[w] for w in words if w in _SENIORITY)


@lru_cache(maxsize=512)
def _company(name: str) -> tuple[dict[str, str], Near, tuple[str, ...]]:
    spelled = {fold(m.group()): m.group() for m in WORD.finditer(name)}
    near = Near(t for t in spelled if len(t) >= 4 and t not in _SUFFIXES and t not in COMMON)
    return spelled, near, tuple(plain_lower(name).split())


@lru_cache(maxsize=2048)
def _other_company(name: str) -> tuple[tuple[str, ...], frozenset[str], bool]:
    words = tuple(plain_lower(name).split())
    # One capitalised word ("Square", "Target") counts only with its capital: in small
    # letters it is most likely the word. Longer names match in any case.
    single = len(words) == 1 and name.strip()[:1].isupper()
    return words, frozenset(fold(w) for w in words), single


@per_context
def firm(context: Context) -> Firm:
    """The company index of this context."""
    return Firm(context)


def _other(a: Analysis) -> Iterator[Hit]:
    if not a.context.other_companies:
        return
    index = firm(a.context)
    text, lower = a.draft.text, a.draft.lower
    ours = list(occurrences(lower, index.ours)) if index.ours else []
    for words, single in index.others:
        for start, end in occurrences(lower, words):
            if any(s < end and start < e for s, e in ours):
                continue  # "Google" inside "Google Cloud", when that is this company
            if single and not text[start].isupper():
                continue  # "square" the word, not Square the company
            yield Hit(
                start,
                end,
                message=f"“{text[start:end]}” is another company. " + _OTHER,
                suggestion=a.context.company,
            )


def _misspelled(a: Analysis) -> Iterator[Hit]:
    if not a.context.company:
        return
    index = firm(a.context)
    if not index.near:
        return
    book = people(a.context)
    for start, end, folded, _ in candidates(a):
        targets = index.near(folded)
        if targets and folded not in COMMON and folded not in book.known:
            yield Hit(
                start,
                end,
                message=f"The company is spelled “{index.spelled[targets[0]]}”. " + _MISSPELLED,
                suggestion=", ".join(index.spelled[t] for t in targets),
            )


def _job_words(lower: str) -> Iterator[int]:
    """Where "role", "position" and their kin stand as whole words (the space before)."""
    for job in _JOBS:
        at = lower.find(job)
        while at >= 0:
            end = at + len(job)
            if end == len(lower) or not lower[end].isalnum():
                yield at
            at = lower.find(job, end)


def _role(a: Analysis) -> Iterator[Hit]:
    if not a.context.role:
        return
    role, seniority = _role_words(a.context.role)
    text, lower = a.draft.text, a.draft.lower
    for at in sorted(_job_words(lower)):
        m = _TITLE.search(text, max(0, at - 90), at)
        if m is None:
            continue
        words = [fold(w) for w in re.findall(r"[^\W_]+", m.group(1))]
        if not any(w in _HEADS for w in words):
            continue
        strange = [w for w in words if w not in role and w not in firm(a.context).spelled]
        levels = {_SENIORITY[w] for w in strange if w in _SENIORITY}
        clash = bool(levels) and bool(seniority) and not levels <= seniority
        if clash or any(w in _ROLE_WORDS for w in strange):
            yield Hit(
                m.start(1),
                m.end(1),
                message=f"The interview was for {a.context.role}. " + _ROLE,
                suggestion=a.context.role,
            )


RULES = (
    Rule(
        id="company.other",
        category=Category.COMPANY,
        severity=Severity.ERROR,
        message=_OTHER,
        seed="002",
        summary="Another company's name (from other_companies) in the draft.",
        find=_other,
    ),
    Rule(
        id="company.misspelled",
        category=Category.COMPANY,
        severity=Severity.ERROR,
        message=_MISSPELLED,
        seed="002",
        summary="A word close to the company's name but not equal: Brigthline for Brightline.",
        find=_misspelled,
    ),
    Rule(
        id="company.role",
        category=Category.COMPANY,
        severity=Severity.WARNING,
        message=_ROLE,
        seed="002",
        summary="A job title that is not the recorded role (Product Designer for Data Analyst).",
        find=_role,
    ),
)
