"""Reading grade level (Flesch-Kincaid) from words, sentences and syllables.

Syllables are counted by vowel groups with the usual English corrections (a silent final
``e``, ``-le``, ``-ed``); good enough for a grade, which is itself an estimate.
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    """An estimate of the syllables in an English word (at least 1)."""
    w = word.lower().strip("'’-.")
    if not w:
        return 1
    if not w.isascii():
        return max(1, len(_VOWELS.findall(w)) or len(w) // 3)
    count = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if w.endswith("ed") and not w.endswith(("ted", "ded")) and count > 1:
        count -= 1
    return max(1, count)


def grade(words: list[str] | tuple[str, ...], sentences: int) -> float:
    """The Flesch-Kincaid grade of a text of these words in this many sentences.

    0.0 for a text without words; clamped to [0, 30] (a run-on of hundreds of words would
    otherwise read as grade 100).
    """
    if not words:
        return 0.0
    n = len(words)
    per_sentence = n / max(1, sentences)
    per_word = sum(syllables(w) for w in words) / n
    value = 0.39 * per_sentence + 11.8 * per_word - 15.59
    return max(0.0, min(30.0, value))
