"""Closeness of names: optimal-string-alignment distance and an index of near words.

Closeness is the optimal-string-alignment distance (insertions, deletions, substitutions
and swaps of two neighbours each count one), allowed to grow with the name's length so
that short names are not matched by everyday words ("Ana" is not "and"). :class:`Near`
holds the record's words (folded) ready to tell which are close to a draft's word.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


def allowed_edits(length: int) -> int:
    """How many edits a name of this length may differ by and still be "close"."""
    return 2 if length >= 8 else 1


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one insertion, deletion, substitution or swap."""
    la, lb = len(a), len(b)
    i, shortest = 0, min(la, lb)
    while i < shortest and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        swapped = i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i]
        return swapped and a[i + 2 :] == b[i + 2 :]
    if la + 1 == lb:
        return a[i:] == b[i + 1 :]
    return la == lb + 1 and a[i + 1 :] == b[i:]


def distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment distance, or ``limit + 1`` once it is sure to exceed it."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    before: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        ca = a[i - 1]
        low = i
        for j in range(1, lb + 1):
            cb = b[j - 1]
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and ca != cb:
                v = min(v, before[j - 2] + 1)
            cur[j] = v
            low = min(low, v)
        if low > limit:
            return limit + 1
        before, prev = prev, cur
    return min(prev[lb], limit + 1)


@lru_cache(maxsize=4096)
def _probe(word: str) -> tuple[str, int, frozenset[str], str]:
    bare = word.replace("'", "")
    return bare, allowed_edits(len(bare)), frozenset(bare), word


class Near:
    """Words of the record (folded), ready to tell which are close to a draft's word.

    Keyed by the lengths a close word may have; a word whose letters differ from a
    target's by more than its edits could change is passed over before any distance.
    Apostrophes do not count ("Neill" is one letter from "O'Neill").
    """

    __slots__ = ("probes",)

    def __init__(self, words: Iterable[str]) -> None:
        probes: dict[int, list[tuple[str, int, frozenset[str], str]]] = {}
        for word in set(words):
            probe = _probe(word)
            size = len(probe[0])
            for near in range(size - probe[1], size + probe[1] + 1):
                probes.setdefault(near, []).append(probe)
        self.probes = probes

    def __bool__(self) -> bool:
        return bool(self.probes)

    def __call__(self, word: str) -> list[str]:
        """Record words close to ``word`` (folded) but not equal to it, closest first."""
        bare = word.replace("'", "") if "'" in word else word
        probes = self.probes.get(len(bare))
        if probes is None:
            return []
        letters = set(bare)
        scored = []
        for target, limit, chars, shown in probes:
            # One edit changes at most two letters of the set of letters a word uses.
            if len(letters ^ chars) > 2 * limit or target == bare:
                continue
            if limit == 1:
                if one_edit(bare, target):
                    scored.append((1, shown))
            elif (d := distance(bare, target, limit)) <= limit:
                scored.append((d, shown))
        return [t for _, t in sorted(scored)]
