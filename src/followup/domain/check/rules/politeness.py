"""Politeness: a draft that asks something in a way readers find rude.

The estimate is the fitted model of :mod:`followup.domain.check.politeness` (the
strategies of Danescu-Niculescu-Mizil et al., 2013: gratitude, "could you", hedges
against a bare "why ...?", a sentence opening with "so" or "you"). A follow-up that
asks nothing (a thank-you) is judged by the other families; one that asks for an answer,
a timeline or a favour is where curtness costs: seed 000, "be respectful of the
employer's time and not come across as pushy or desperate".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from followup.domain.check import politeness
from followup.domain.check.model import Category, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.text import Draft

#: Below this probability a draft that asks something reads as impolite. Whole model
#: follow-ups from career sites score above 0.8; "Why is this taking so long?" under 0.1.
LOW = 0.35
_WHY = (
    "This request reads as curt{score}{reasons}. Thank the reader, then ask indirectly "
    '("could you", "I was wondering whether") and leave them room (seed 000: be '
    "respectful of the employer's time and do not come across as pushy; politeness "
    "strategies of Danescu-Niculescu-Mizil et al., 2013)."
)
#: How many asking sentences are scored one by one to find the worst.
_SCORED = 20
_BARE = ': nothing softens it (no thanks, no greeting, no "could you")'
#: What makes a sentence a request: a question, or asking words without a question mark.
_ASKS = re.compile(
    r"\?|\b(?:please|pls|could you|can you|would you|will you|let me know|tell me|"
    r"get back to me|(?:hear|get) back from you|i (?:need|expect|want) (?:to|an?|your)|"
    r"i'd like to know|i would like to know)\b"
)


def _asking(draft: Draft) -> Iterator[tuple[int, int]]:
    """The spans of the sentences that ask something, in order."""
    low = draft.lower
    return ((s.start, s.end) for s in draft.sentences if _ASKS.search(low, s.start, s.end))


def _reasons(draft: Draft) -> str:
    """The strategies that lowered the estimate, in words, worst first (at most three)."""
    found = [
        politeness.STRATEGIES[name]
        for name, weight in politeness.model().contributions(draft)
        if weight < 0 and name in politeness.STRATEGIES
    ]
    return ": " + "; ".join(found[:3]) if found else ""


def _low(a: Analysis) -> Iterator[Hit]:
    if a.politeness >= LOW:
        return
    draft = a.draft
    # A follow-up asks a few things: past the first twenty, the text is not one (a
    # megabyte of questions would otherwise cost seconds).
    asking = list(islice(_asking(draft), _SCORED))
    if not asking:
        return
    # Point at the asking sentence that reads worst on its own: the one to rewrite.
    scored = [
        (politeness.probability(Draft(draft.text[start:end], draft.kind)), start, end)
        for start, end in asking
    ]
    _, start, end = min(scored)
    worst = Draft(draft.text[start:end], draft.kind)
    reasons = _reasons(worst) or _reasons(draft) or _BARE
    message = _WHY.format(score=f" (politeness {a.politeness:.0%})", reasons=reasons)
    yield Hit(start, end, message=message)


RULES = (
    Rule(
        id="politeness.low",
        category=Category.POLITENESS,
        severity=Severity.WARNING,
        message=_WHY.format(score="", reasons=""),
        seed="000",
        summary=(
            "A draft that asks something reads as impolite (the fitted politeness "
            f"model's probability below {LOW})."
        ),
        find=_low,
    ),
)
