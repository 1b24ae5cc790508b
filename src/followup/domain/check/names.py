"""Helpers for the record-aware rules: folding names and the index of the record's people.

A name in a draft is compared with the record's spelling after *folding*: lower case,
accents and marks removed, curly apostrophes made straight ("Nguyễn" and "nguyen" fold
alike). Closeness of names is in :mod:`.nearness`, the word lists (titles, particles,
common words, nicknames) in :mod:`.namewords`; both are re-exported here for the rules
that import them from this module. Every helper is pure and never raises on any text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TypeVar

from followup.domain.check.lazy import Lazy
from followup.domain.check.model import Context
from followup.domain.check.namewords import COMMON as COMMON
from followup.domain.check.namewords import HONORIFICS as HONORIFICS
from followup.domain.check.namewords import NICKNAMES, PARTICLES, SUFFIXES
from followup.domain.check.namewords import word_set as word_set
from followup.domain.check.nearness import Near as Near
from followup.domain.check.text import LETTER

_T = TypeVar("_T")

#: Letters that Unicode does not decompose into a base letter and a mark.
_SPECIAL = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"}
    | dict(zip("øØłŁđĐı’‘ʼ", "oollddi'''", strict=True))
)

#: A capitalised word of two letters or more (``Li``, ``Sarah``, ``O'Neill``). The class
#: lists capitals of the Latin, Greek and Cyrillic scripts by range (cheaper at start-up
#: than asking Unicode for every letter; a few small letters of the mixed ranges slip in,
#: which only costs a look-up). The class comes first, the look-behinds (not inside a
#: word, not after "O'") after it, so that the engine skips fast to the next capital.
_UPPER = (
    "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u0386-\u038f\u0391-\u03ab"
    "\u0400-\u042f\u0460-\u052f\u1e00-\u1eff\u1f08-\u1f0f\u1f18-\u1f6f"
)
CAPITALIZED = Lazy(
    r"[" + _UPPER + r"](?<!\w.)(?<!\w['’].)"
    rf"(?:{LETTER}+(?:['’\-]{LETTER}+)*|(?:['’\-]{LETTER}+)+)"
)

#: A title right before a name (``Ms.``, ``Dr``), at the end of the text looked at.
_HONORIFIC_BEFORE = re.compile(
    r"(?:\b(?:mrs?|ms|mx|miss|dr|prof|professor|herr|frau|mme|sra?|dra)\.?)\s+$", re.I
)

#: A word of a name: letters, with apostrophes and hyphens inside (O'Neill, Anne-Marie).
WORD = re.compile(rf"{LETTER}+(?:['’\-]{LETTER}+)*")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """``text`` in lower case without accents or marks, apostrophes straight."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def plain_lower(text: str) -> str:
    """``text`` in lower case with straight apostrophes, accents kept and composed.

    A name typed with a combining accent (``Jose\u0301``) is the same as ``José``.
    """
    return unicodedata.normalize("NFC", text.lower().translate(_SPECIAL_APOSTROPHES))


_SPECIAL_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def possessive(word: str) -> int:
    """How many characters of a trailing possessive ``'s`` or ``’s`` the word ends with."""
    if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
        return 2
    return 0


@lru_cache(maxsize=2048)
def name_parts(name: str) -> tuple[str, ...]:
    """The words of a person's name that are theirs: no titles, suffixes or initials."""
    out = []
    for m in WORD.finditer(name):
        low = fold(m.group())
        if low in HONORIFICS or low in SUFFIXES or len(low) < 2:
            continue
        out.append(m.group())
    return tuple(out)


def words_of(text: str) -> Iterator[str]:
    """The folded words of a record field (company, role, topic), hyphened words and parts."""
    for m in WORD.finditer(text):
        low = fold(m.group())
        yield low
        if "-" in low:
            yield from low.split("-")


def honorific_before(text: str, start: int) -> bool:
    """Whether a title (``Ms.``, ``Dr``) stands right before ``text[start:]``."""
    return _HONORIFIC_BEFORE.search(text, max(0, start - 12), start) is not None


def same_given_name(written: str, recorded: str) -> bool:
    """Whether ``written`` (folded) is ``recorded`` or a usual short form of it."""
    if written == recorded:
        return True
    if written in NICKNAMES.get(recorded, ()):
        return True
    # "Chris" for "Christopher", "Alex" for "Alexandra": a clear short form, not "Sara".
    return len(written) >= 2 and len(recorded) - len(written) >= 2 and recorded.startswith(written)


# Indexes of the record, built once per context; the costly parts on first use.


def per_context(build: Callable[[Context], _T]) -> Callable[[Context], _T]:
    """``build`` remembered: the last context by identity, 256 more by value."""
    cached = lru_cache(maxsize=256)(build)
    last: list[tuple[Context, _T]] = []

    def get(context: Context) -> _T:
        seen = last[0] if last else None  # read once: other threads may replace it
        if seen is not None and seen[0] is context:
            return seen[1]
        value = cached(context)
        last[:] = [(context, value)]
        return value

    get.__doc__ = build.__doc__
    return get


@dataclass(frozen=True, slots=True)
class Who:
    """A person of the record: the full name and the parts a draft may use."""

    full: str
    parts: tuple[str, ...]
    folds: tuple[str, ...]

    def part_like(self, index: int, count: int) -> str:
        """The name to put for part ``index`` (-1: all) of a ``count``-part name."""
        if index < 0 or not self.parts:
            return self.full
        return self.parts[0] if index == 0 or count <= 1 else self.parts[-1]


@lru_cache(maxsize=2048)
def _who(name: str) -> Who:
    parts = name_parts(name)
    return Who(" ".join(name.split()), parts, tuple(fold(p) for p in parts))


class People:
    """What the record says of people: this interview's, the recipient, the others'."""

    def __init__(self, context: Context) -> None:
        self.context = context
        here = [_who(p.name) for p in context.interviewers if p.name.strip()]
        self.recipient: Who | None = here[0] if len(here) == 1 else None
        if context.to and context.to.strip():
            to = _who(context.to)
            wanted = set(to.folds)
            self.recipient = next((w for w in here if wanted and wanted <= set(w.folds)), None)
            if self.recipient is None:
                self.recipient = to
                here.append(to)
        self.here = tuple(here)
        spelled: dict[str, list[str]] = {}
        for who in here:
            for part in who.parts:
                for piece in (part, *part.split("-")) if "-" in part else (part,):
                    spelled.setdefault(fold(piece), []).append(piece)
        #: Each folded part of this interview's names, as the record spells it.
        self.spelled = {k: tuple(v) for k, v in spelled.items()}
        self.here_folds = frozenset(spelled)
        self.near = Near(t for t in spelled if len(t) >= 2)
        #: Parts of the names of the user's other interviews, whose person and place.
        self.elsewhere: dict[str, tuple[Who, int]] = {}
        #: First parts of those names, for finding the whole name.
        self.starts: dict[str, list[Who]] = {}
        for name in context.people_elsewhere:
            who = _who(name)
            if len(who.parts) > 1:
                self.starts.setdefault(who.folds[0], []).append(who)
            for i, part in enumerate(who.folds):
                if part not in PARTICLES and len(part) >= 2:
                    self.elsewhere.setdefault(part, (who, i))

    @cached_property
    def record(self) -> frozenset[str]:
        """Every word of the record that is not another interview's person."""
        ctx = self.context
        words = set(self.here_folds)
        for item in (ctx.company, ctx.role, ctx.sender_name, *ctx.topics, *ctx.standouts):
            words.update(words_of(item or ""))
        for item in (*ctx.forgotten, *ctx.other_companies):
            words.update(words_of(item))
        return frozenset(words)

    @cached_property
    def known(self) -> frozenset[str]:
        """Every word of the record, people of other interviews included."""
        return self.record | frozenset(self.elsewhere)

    def stranger(self, folded: str) -> tuple[Who, int] | None:
        """The person of another interview this part (folded) names, if it names one."""
        found = self.elsewhere.get(folded)
        if found is None or folded in self.record or set(found[0].folds) <= self.record:
            return None
        return found

    def owner(self, folded: str) -> Who | None:
        """The person of this interview with this part (folded), if any."""
        return next((w for w in self.here if folded in w.folds), None)


@per_context
def people(context: Context) -> People:
    """The index of the people of this context."""
    return People(context)
