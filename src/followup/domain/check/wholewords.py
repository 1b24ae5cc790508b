"""Whole words in lower-case text, found with ``str.find`` (no regex, no tokenising).

A word stands whole when no letter or digit touches it on either side; several words
may stand with any white space between them ("acme  corp"). The company and attachment
families look up the record's words this way.
"""

from __future__ import annotations

from collections.abc import Iterator


def occurrences(lower: str, words: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Where the words (lower case) stand in ``lower`` as whole words, any space between."""
    first, size = words[0], len(lower)
    at = lower.find(first)
    while at >= 0:
        end = at + len(first)
        whole = at == 0 or not lower[at - 1].isalnum()
        for word in words[1:]:
            gap = end
            while gap < size and lower[gap].isspace():
                gap += 1
            whole = whole and gap > end and lower.startswith(word, gap)
            end = gap + len(word)
        if whole and (end >= size or not lower[end].isalnum()):
            yield at, end
        at = lower.find(first, at + 1)


def has_word(lower: str, word: str) -> bool:
    """Whether ``word`` occurs in ``lower`` as a whole word."""
    return next(occurrences(lower, (word,)), None) is not None
