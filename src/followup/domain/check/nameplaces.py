"""Where names stand in a draft: the capitalised words to look up, the places only names fit.

The name and company rules look up the same words (:func:`candidates`, worked out once per
draft, up to the signature); a word that is also an everyday word is taken for a name only
where a name must stand: in the greeting, after a title, beside another name
(:func:`strong_place`), set off by commas as the one spoken to (:func:`addressed`).
"""

from __future__ import annotations

import re

from followup.domain.check.lazy import Lazy
from followup.domain.check.names import (
    CAPITALIZED,
    WORD,
    fold,
    honorific_before,
    possessive,
)
from followup.domain.check.namewords import CALENDAR
from followup.domain.check.registry import Analysis
from followup.domain.check.text import LETTER, Draft

#: The next word after white space on the same line.
NEXT_WORD = Lazy(rf"[ \t]+({LETTER}+(?:['’\-]{LETTER}+)*)")
_PREV = Lazy(rf"({LETTER}+(?:['’\-]{LETTER}+)*)[ \t]+$")
_MID = re.compile(r"[^\W\d_][,;]?[ \t]+$")
_ADDRESS_AFTER = re.compile(r"[ \t]*[,!.?]")
_ADDRESS_BEFORE = re.compile(r"(?:^|[,.!?\n])[ \t]*$")


def stop_at(a: Analysis) -> int:
    """Where the draft's own words end: the sender's signature is not checked for names."""
    return a.draft.own_end


def in_greeting(a: Analysis, start: int) -> bool:
    """Whether ``start`` lies in the greeting's name (``Dear Ana Ruiz``)."""
    span = a.draft.greeting_name
    return span is not None and span.start <= start < span.end


def _beside_a_name(text: str, start: int, end: int, folds: frozenset[str]) -> bool:
    after = NEXT_WORD.match(text, end)
    if after is not None and fold(after.group(1)) in folds:
        return True
    before = _PREV.search(text, max(0, start - 40), start)
    return before is not None and fold(before.group(1)) in folds


def strong_place(a: Analysis, start: int, end: int, folds: frozenset[str]) -> bool:
    """Whether only a name can stand here: the greeting, after a title, beside a name."""
    text = a.draft.text
    near = honorific_before(text, start) or _beside_a_name(text, start, end, folds)
    return in_greeting(a, start) or near


#: A candidate name: where it is (a possessive 's left out), folded, and the 's' cut.
Candidate = tuple[int, int, str, int]
_SEEN: list[tuple[Draft, tuple[Candidate, ...]]] = []


def candidates(a: Analysis) -> tuple[Candidate, ...]:
    """Capitalised words up to the signature, and the words of a small-letter greeting.

    Worked out once per draft for the name and company rules.
    """
    # One entry, read once: safe when several threads check drafts at the same time.
    seen = _SEEN[0] if _SEEN else None
    if seen is not None and seen[0] is a.draft:
        return seen[1]
    text, stop = a.draft.text, stop_at(a)
    found = [(m.start(), m.end(), m.group()) for m in CAPITALIZED.finditer(text, 0, stop)]
    span = a.draft.greeting_name
    # "good morning kimberly,": a greeting all in small letters still names someone.
    if span is not None and text[span.start : span.end].islower():
        lower = WORD.finditer(text, span.start, span.end)
        found = sorted(found + [(m.start(), m.end(), m.group()) for m in lower])
    out = []
    for start, end, word in found:
        cut = possessive(word) if "'" in word or "’" in word else 0
        out.append((start, end - cut, fold(word[: len(word) - cut] if cut else word), cut))
    result = tuple(out)
    _SEEN[:] = [(a.draft, result)]
    return result


def addressed(text: str, start: int, end: int) -> bool:
    """Whether the word is set off by commas as the one spoken to ("Thank you, Ana.")."""
    after = _ADDRESS_AFTER.match(text, end) is not None
    return after and (
        start == 0 or _ADDRESS_BEFORE.search(text, max(0, start - 3), start) is not None
    )


def name_only_here(a: Analysis, start: int, folded: str) -> bool:
    """Whether a name that is also a word ("Will", "Hunt") is used as a name here."""
    if in_greeting(a, start) or honorific_before(a.draft.text, start):
        return True
    if folded in CALENDAR:
        return False
    return _MID.search(a.draft.text, max(0, start - 4), start) is not None
