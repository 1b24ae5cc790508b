"""Suggestions for an unknown word: Norvig's corrector with a better dictionary and weights.

The candidates are the known words (:mod:`.dictionary`) one or two edits away, ranked by
``log10(count) - 3 * cost``: edits are weighted as typists make them (a doubled or
dropped double letter 0.4, one vowel for another or a sound-alike letter 0.6, a
neighbouring key 0.8, a transposition 0.7, any other letter 1; the first letter is rarely
wrong: +0.5), so that a likely edit to a rarer word can beat an unlikely one to a common
word. Two arbitrary edits are tried only when nothing closer is found.

The second level of edits is pruned with the words sorted: an edit at position ``i`` of
``x`` can reach a word only when ``x[:i]`` begins one and (once the words are also sorted
backwards, after a few suggestions) the rest ends one. Results are memoised.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Container, Iterable, Iterator
from functools import cache, lru_cache
from itertools import chain

from followup.domain.check.dictionary import PREFIXES, compound, count, words
from followup.domain.check.lexicon import LEXICON
from followup.domain.check.wordlist import available, begins, entries, letter_words, listed_count

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_VOWELS = frozenset("aeiouy")
#: Letters that stand for the same sound often enough to be swapped by ear.
_SOUND_ALIKE = frozenset(
    pair
    for p in ("ck", "cs", "sz", "iy", "fv", "gj", "ks", "qk", "xs", "dt", "bp", "mn")
    for pair in (p, p[::-1])
)
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY = {c: (r, i + 0.5 * r) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
#: How many powers of ten of frequency one unit of edit cost is worth.
_COST_WEIGHT = 3.0
#: Suggestions made before the backward list is worth its cost (~100 ms to sort): a
#: single draft's one or two typos are served without it, a batch's many with it.
_BACKWARD_AFTER = 8
#: Suggestions served from one letter's words before the whole set is built (~50 ms).
_WHOLE_AFTER = 3


class _Index:
    """What suggestions need: the known words by first letter, then all of them.

    A single draft's first suggestion needs the words of one first letter (a tenth of the
    list, split on demand from its text) and a few thousand lookups of others, which
    :func:`listed_count` answers from the text: building the whole set (~50 ms) waits
    until a batch has asked for several suggestions.
    """

    def __init__(self) -> None:
        self.vocab: frozenset[str] | None = None  # every word, once worth building
        self.letters: dict[str, tuple[frozenset[str], list[str], list[str]]] = {}
        self.forward: list[str] = []
        self.extra: list[str] = []
        self.backward: list[str] | None = None
        self.served = 0
        if words.cache_info().currsize:  # a long text built the set already
            self._whole()

    def _whole(self) -> None:
        self.vocab = words()
        self.forward = entries()[0]  # sorted in the file already
        self.extra = _extra(LEXICON)

    def serve(self) -> None:
        """Count one suggestion; build the whole set, then the backward list, when asked often."""
        self.served += 1
        if self.vocab is None and (self.served > _WHOLE_AFTER or words.cache_info().currsize):
            self._whole()
        if self.backward is None and self.served > _BACKWARD_AFTER:
            self.backward = sorted([w[::-1] for w in words()])

    def letter(self, first: str) -> tuple[frozenset[str], list[str], list[str]]:
        """Words beginning with ``first``: all known (a set), listed, the lexicon's others."""
        if self.vocab is not None:
            return self.vocab, self.forward, self.extra
        got = self.letters.get(first)
        if got is None:
            listed = letter_words(first)
            lexicon = [w for w in LEXICON if w[:1] == first]
            got = frozenset(chain(listed, lexicon)), listed, _extra(lexicon)
            self.letters[first] = got
        return got

    def known(self, word: str) -> bool:
        """Whether ``word`` is a known word, from its letter's set if built, else the text."""
        if self.vocab is not None:
            return word in self.vocab
        got = self.letters.get(word[:1])
        if got is not None:
            return word in got[0]
        # Most such edits begin no word at all ("xconversaton"): a cached test of the first
        # four letters spares looking each up in the text.
        return word in LEXICON or (begins(word[:4]) and listed_count(word) is not None)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.known(word)

    def count(self, word: str) -> int:
        """How often the word occurs in the list's corpus (see :func:`count`)."""
        return count(word)


def _extra(lexicon: Iterable[str]) -> list[str]:
    """The lexicon's words the list lacks: a second, short sorted list."""
    return sorted(w for w in lexicon if listed_count(w) is None)


@cache
def _index() -> _Index:
    return _Index()


def _shared(word: str, ordered: list[str]) -> int:
    """The longest start of ``word`` that some word of ``ordered`` begins with."""
    at = bisect_left(ordered, word)
    best = 0
    for other in ordered[max(0, at - 1) : at + 1]:
        n, size = 0, min(len(word), len(other))
        while n < size and word[n] == other[n]:
            n += 1
        best = max(best, n)
    return best


def _sub_cost(a: str, b: str) -> float:
    if a + b in _SOUND_ALIKE or (a in _VOWELS and b in _VOWELS):
        return 0.6
    ka, kb = _KEY.get(a), _KEY.get(b)
    if ka and kb and abs(ka[0] - kb[0]) <= 1 and abs(ka[1] - kb[1]) <= 1.0:
        return 0.8
    return 1.0


def _gap_cost(word: str, at: int, letter: str) -> float:
    """The cost of ``letter`` being missing from (or extra in) ``word`` at ``at``."""
    if (at > 0 and word[at - 1] == letter) or (at < len(word) and word[at] == letter):
        return 0.4
    return 0.8 if letter in _VOWELS else 1.0


def _edits(word: str) -> Iterator[tuple[str, float]]:
    """Every string one edit from ``word``, with the edit's cost."""
    n = len(word)
    for i in range(n + 1):
        first = 0.5 if i == 0 else 0.0
        head, tail = word[:i], word[i:]
        for c in _LETTERS:
            yield head + c + tail, _gap_cost(word, i, c) + first
        if not tail:
            continue
        here, rest = tail[0], tail[1:]
        yield head + rest, _gap_cost(head + rest, i, here) + first
        if rest and rest[0] != here:
            yield head + rest[0] + here + rest[1:], 0.7 + first
        for c in _LETTERS:
            if c != here:
                yield head + c + rest, _sub_cost(here, c) + first


def _known_edits(word: str, index: _Index) -> Iterator[tuple[str, float]]:
    """The known words one edit from ``word``, trying only edits that can reach one."""
    n = len(word)
    # An edit after the first letter keeps it: those candidates are looked up in that
    # letter's set; an edit of the first letter asks :meth:`_Index.known`.
    home, forward, extra = index.letter(word[0]) if word else (frozenset(), [], [])
    head_max = max(_shared(word, forward), _shared(word, extra))
    tail_max = n if index.backward is None else _shared(word[::-1], index.backward)
    for i in range(max(0, n - tail_max - 2), min(head_max, n) + 1):
        first = 0.5 if i == 0 else 0.0
        vocab: Container[str] = home if i else index
        head, tail = word[:i], word[i:]
        if len(tail) <= tail_max:  # an insertion here keeps ``tail`` as the word's end
            for c in _LETTERS:
                if head + c + tail in vocab:
                    yield head + c + tail, _gap_cost(word, i, c) + first
        if not tail:
            continue
        here, rest = tail[0], tail[1:]
        if len(rest) <= tail_max:
            if head + rest in vocab:
                yield head + rest, _gap_cost(head + rest, i, here) + first
            for c in _LETTERS:
                if c != here and head + c + rest in vocab:
                    yield head + c + rest, _sub_cost(here, c) + first
        swapped = head + rest[:1] + here + rest[1:]
        if len(rest) > 1 and rest[0] != here and len(rest) - 1 <= tail_max and swapped in vocab:
            yield swapped, 0.7 + first


@lru_cache(maxsize=4096)
def _ranked(word: str) -> tuple[tuple[str, float], ...]:
    """Known words near a lower-case ``word`` with their edit costs, likeliest first."""
    if not available() or not word.isascii() or not word.isalpha() or len(word) > 20:
        return ()
    index = _index()
    index.serve()
    cost: dict[str, float] = {}
    near = list(_edits(word))
    for text, c1 in near:
        if c1 < cost.get(text, 9.0) and index.known(text):
            cost[text] = c1
    # Two edits: first the likely ones (a vowel, a double, a neighbouring key), then any
    # other second; two arbitrary edits are tried only when nothing closer was found.
    for likely in (True, False):
        for text, c1 in near:
            if (c1 < 1.0) is likely:
                for far, c2 in _known_edits(text, index):
                    if far != word and c1 + c2 < cost.get(far, 9.0):
                        cost[far] = c1 + c2
        if cost:
            break
    score = {w: math.log10(index.count(w)) - _COST_WEIGHT * c for w, c in cost.items()}
    ranked = sorted(cost, key=lambda w: (-score[w], w))
    return tuple((w, cost[w]) for w in ranked[:5])


def suggestions(word: str, limit: int = 3) -> tuple[str, ...]:
    """The likeliest intended words for a lower-case unknown ``word``, best first."""
    return tuple(w for w, _ in _ranked(word)[:limit])


def confident(word: str) -> bool:
    """Whether the best suggestion is one likely edit away and a common word.

    A capitalised unknown word opening a sentence may be a name; it is flagged only then.
    """
    ranked = _ranked(word)
    return bool(ranked) and ranked[0][1] <= 1.0 and _index().count(ranked[0][0]) >= 1000


#: The most an unknown word's best correction may cost for the word to be called a typo.
_TYPO_COST = 2.0
#: A compound of known words is a typo only when a correction costs less than this.
_COMPOUND_COST = 1.5


def typo(word: str) -> bool:
    """Whether an unknown word is likelier a typo than a term the dictionary lacks.

    A typo has a known word near it: every misspelling of Norvig's test set has one at a
    cost of at most 1.8, while a term ("transcriptomics") has none, or only a far one
    ("runbooks": "unhooks", 2.3). A compound of common parts ("preprint": "preparing",
    1.6) is a term too unless a correction is closer than that ("transfred": 1.2).
    """
    ranked = _ranked(word)
    if not ranked or ranked[0][1] > _TYPO_COST:
        return False
    best = ranked[0][0]
    # The best correction drops a prefix ("deduplicating": "duplicating"): the prefix was
    # written on purpose; a slip does not add a whole prefix to a word.
    if word.endswith(best) and word[: -len(best)] in PREFIXES:
        return False
    return ranked[0][1] < _COMPOUND_COST or not compound(word)
