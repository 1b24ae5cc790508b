"""pyspellchecker's English word-frequency list, read as text without importing the package.

The list ships inside the pyspellchecker package (``resources/en.json.gz``: 160,572
lower-case words with their counts, sorted, one ``"word": count,`` a line); only that
data file is read, the package's code is never imported, and nothing is downloaded. A
word is found in the text by bisecting a coarse index of it (one entry every 2 KB) and a
``find`` in one block (:func:`listed_count`, :func:`begins`); the words of one first
letter are a slice of the text (:func:`letter_words`); :func:`entries` splits it all.
:mod:`.dictionary` builds on these.
"""

from __future__ import annotations

import importlib.util
import zlib
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache
from pathlib import Path


def _data_file() -> Path | None:
    """Where the installed pyspellchecker keeps its English list, without importing it."""
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en.json.gz"
    return path if path.is_file() else None


@cache
def _text() -> str:
    """The list as text: a JSON object of one ``"word": count,`` a line, sorted by word."""
    path = _data_file()
    if path is None:
        return ""
    # zlib reads the gzip wrapper (and checks its CRC) in C; gzip.decompress parses the
    # header in Python and checks the CRC again (a few ms at start-up). One member.
    return zlib.decompress(path.read_bytes(), wbits=31).decode("utf-8")


#: Characters between two entries of the coarse index over the list's text.
_BLOCK = 2048


@cache
def _blocks() -> tuple[list[str], list[int]]:
    """Every ``_BLOCK`` characters, the first word starting a line and where its line starts."""
    text = _text()
    keys: list[str] = []
    starts: list[int] = []
    at = text.find('\n"')
    while at >= 0:
        keys.append(text[at + 2 : text.find('"', at + 2)])
        starts.append(at)
        at = text.find('\n"', at + _BLOCK)
    return keys, starts


def _line(prefix: str, tail: str = "") -> int:
    """Where the first line of a word ``prefix`` + ``tail`` begins in the text, or -1.

    A bisection of the coarse index, then a find: the first word >= ``prefix`` is in
    the block whose key is <= it, or is the next key.
    """
    if not prefix or '"' in prefix or "\n" in prefix:
        return -1
    text = _text()
    keys, starts = _blocks()
    block = bisect_right(keys, prefix) - 1
    if block < 0:
        return -1
    needle = '\n"' + prefix + tail
    stop = starts[block + 1] + len(needle) if block + 1 < len(starts) else len(text)
    return text.find(needle, starts[block], stop)


@lru_cache(maxsize=65536)
def listed_count(word: str) -> int | None:
    """The word's count in the list, or None (:func:`_line`).

    A draft has a hundred-odd distinct words: looking each up in the text costs far less
    than turning 160,000 lines into a set, which waits for the first suggestion.
    """
    at = _line(word, '":')
    if at < 0:
        return None
    text, at = _text(), at + len(word) + 4
    end = text.find("\n", at)
    return int(text[at : end if end > 0 else len(text)].strip(" ,}") or 1)


@lru_cache(maxsize=65536)
def begins(prefix: str) -> bool:
    """Whether some listed word begins with a non-empty ``prefix``."""
    return _line(prefix) >= 0


@cache
def entries() -> tuple[list[str], list[str]]:
    """The list's words (sorted, as the file has them) and their raw count fields."""
    # No escaped quote in the file: splitting on quotes is several times faster than
    # json.loads, and keeps the order.
    pieces = _text().split('"')
    return pieces[1::2], pieces[2::2]


def letter_words(first: str) -> list[str]:
    """The listed words beginning with the character ``first``, sorted (a slice of the text).

    The list is sorted, so they are one run of lines: a tenth of the list for a common
    letter, split at a tenth of the cost of :func:`entries`.
    """
    if entries.cache_info().currsize:  # split already: a bisection
        names = entries()[0]
        return names[bisect_left(names, first) : bisect_left(names, chr(ord(first) + 1))]
    text = _text()
    start = text.find('\n"' + first)
    if start < 0:
        return []
    keys, starts = _blocks()
    # The run ends at the first line of a greater first character: in the block before
    # the first key that begins with one, or at that key itself.
    block = bisect_left(keys, chr(ord(first) + 1))
    end = starts[block] if block < len(starts) else len(text)
    at = max(start, starts[block - 1] if block else start)
    while True:
        at = text.find('\n"', at + 1, end)
        if at < 0 or text[at + 2 : at + 3] > first:
            break
    stop = end if at < 0 else at
    return text[start:stop].split('"')[1::2]


def available() -> bool:
    """Whether the dictionary package is installed (without it, no word is unknown)."""
    return bool(_text())
