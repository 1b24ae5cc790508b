"""The English dictionary behind the spelling rules: pyspellchecker's word-frequency list.

The list ships inside the pyspellchecker package (``resources/en.json.gz``: 160,572
lower-case words with their counts); only that data file is read, the package's code is
never imported, and nothing is downloaded. Loading is lazy and in two steps, so that a
draft whose words are all known pays only for the first:

1. :func:`words`: the words as a frozenset (decompress, split on quotes, freeze), for
   :func:`is_word`, which is a set lookup once warm.
2. ``_index()``: the same words sorted, and their counts, built on the first suggestion
   (~15 ms); sorted backwards too once a process has asked for several suggestions.

Suggestions are Norvig's: the known words one or two edits away, ranked by frequency; with
edits weighted as typists make them (a doubled or dropped double letter, one vowel for
another, a neighbouring key, a sound-alike letter cost less than an arbitrary letter; the
first letter is rarely wrong), so that a likely edit to a rarer word can beat an unlikely
one to a common word. The second level of edits is pruned with the sorted lists: an edit
at position ``i`` of ``x`` can only reach a word when ``x[:i]`` begins a word and the rest
ends one.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from itertools import chain
from pathlib import Path

from followup.domain.check.lexicon import LEXICON

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
#: The count given to a lexicon word, which the frequency list does not have.
_LEXICON_COUNT = 2000
#: Suggestions made before the backward list is worth its cost (~100 ms to sort): a
#: single draft's one or two typos are served without it, a batch's many with it.
_BACKWARD_AFTER = 8


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
    return "" if path is None else gzip.decompress(path.read_bytes()).decode("utf-8")


#: Characters between two entries of the coarse index over the list's text.
_BLOCK = 4096


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


@lru_cache(maxsize=65536)
def _listed_count(word: str) -> int | None:
    """The word's count in the list, or None: a bisection of the coarse index, then a find.

    A draft has a hundred-odd distinct words: looking each up in the text costs far less
    than turning 160,000 lines into a set, which waits for the first suggestion.
    """
    if not word or '"' in word or "\n" in word:
        return None
    text = _text()
    keys, starts = _blocks()
    block = bisect_right(keys, word) - 1
    if block < 0:
        return None
    needle = '\n"' + word + '":'
    stop = starts[block + 1] + len(needle) if block + 1 < len(starts) else len(text)
    at = text.find(needle, starts[block], stop)
    if at < 0:
        return None
    end = text.find("\n", at + 1)
    return int(text[at + len(needle) : end if end > 0 else len(text)].strip(" ,}") or 1)


@cache
def _parts() -> tuple[list[str], list[str]]:
    """The list's words (sorted, as the file has them) and their raw count fields."""
    # No escaped quote in the file: splitting on quotes is several times faster than
    # json.loads, and keeps the order.
    pieces = _text().split('"')
    return pieces[1::2], pieces[2::2]


@cache
def words() -> frozenset[str]:
    """Every word of the dictionary and the lexicon, lower case (empty if not installed)."""
    return frozenset(chain(_parts()[0], LEXICON))


def available() -> bool:
    """Whether the dictionary package is installed (without it, no word is unknown)."""
    return bool(_text())


def listed(word: str) -> bool:
    """Whether a lower-case word is in the dictionary or the lexicon as it stands."""
    if word in LEXICON:
        return True
    if words.cache_info().currsize:  # the set is built: a lookup
        return word in words()
    return _listed_count(word) is not None


#: More distinct new words than this in one text: building the full set costs less.
_MANY = 2000
#: Words already found listed: a draft's words are checked with one set operation.
_KNOWN: set[str] = set()


def not_listed(tokens: Iterable[str]) -> set[str]:
    """The tokens that are not in the dictionary or lexicon as they stand."""
    odd = set(tokens).difference(_KNOWN)
    if not odd:
        return odd
    if words.cache_info().currsize or len(odd) > _MANY:
        return odd.difference(words())  # the set is built, or worth building now
    if len(_KNOWN) > 200_000:  # a bound, whatever text comes
        _KNOWN.clear()
    out = set()
    for token in odd:
        if listed(token):
            _KNOWN.add(token)
        else:
            out.add(token)
    return out


class _Index:
    """What suggestions need: the words as a set, sorted forwards and backwards."""

    def __init__(self) -> None:
        names = _parts()[0]
        self.vocab = words()
        # The list is sorted already: adding the lexicon's extra words is a merge.
        self.forward = sorted(chain(names, (w for w in LEXICON if _listed_count(w) is None)))
        self.backward: list[str] | None = None
        self.served = 0

    def serve(self) -> None:
        """Count one suggestion; sort the words backwards once enough have been asked for."""
        self.served += 1
        if self.backward is None and self.served > _BACKWARD_AFTER:
            self.backward = sorted([w[::-1] for w in self.forward])

    def count(self, word: str) -> int:
        """How often the word occurs in the list's corpus (see :func:`count`)."""
        return count(word)


def count(word: str) -> int:
    """How often ``word`` occurs in the list's corpus; a lexicon word gets a fixed count."""
    if _parts.cache_info().currsize:  # split already: a bisection
        names, counts = _parts()
        at = bisect_left(names, word)
        if at < len(names) and names[at] == word:
            return int(counts[at].strip(" :,\n}") or 1)
        return _LEXICON_COUNT if word in LEXICON else 1
    found = _listed_count(word)
    if found is not None:
        return found
    return _LEXICON_COUNT if word in LEXICON else 1


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
    n, vocab = len(word), index.vocab
    head_max = _shared(word, index.forward)
    tail_max = n if index.backward is None else _shared(word[::-1], index.backward)
    for i in range(max(0, n - tail_max - 2), min(head_max, n) + 1):
        first = 0.5 if i == 0 else 0.0
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
        if text in index.vocab and c1 < cost.get(text, 9.0):
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


def distance(a: str, b: str, bound: int = 2) -> int:
    """Edit distance (insert, delete, substitute, swap neighbours), capped at bound + 1."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > bound:
            return bound + 1
        prev2, prev = prev, row
    return min(prev[-1], bound + 1)


#: British endings turned American, tried when a word is not in the (American) list. Each
#: needs three letters before it, so that a short typo ("hre", "fourm") is not excused.
_BRITISH = re.compile(
    r"(?<=[a-z]{3})(?:"
    r"(?P<our>our)(?=s?$|ed$|ing$|ite|able|ably|al$|hood|ful|less|er$|ers$|y$)"
    r"|(?P<is>is)(?=e$|ed$|es$|ing$|ation|er$|ers$)"
    r"|(?P<ys>ys)(?=e$|ed$|es$|ing$|er$)"
    r"|(?P<ll>ll)(?=ed$|ing$|er$|ers$|or$|ors$)"
    r"|(?P<ogue>ogue)(?=s?$)"
    r"|(?P<dge>dgement)(?=s?$)"
    r"|(?<=[tbg])(?P<re>re)(?=s?$|d$)"
    r")"
)
_AMERICAN = {"our": "or", "is": "iz", "ys": "yz", "ll": "l", "ogue": "og", "dge": "dgment"}


def _american(word: str) -> Iterator[str]:
    for m in _BRITISH.finditer(word):
        kind = m.lastgroup or ""
        if kind == "re":  # centre, centres, centred: center, centers, centered
            tail = word[m.end() :]
            yield word[: m.start()] + "er" + ("e" if tail == "d" else "") + tail
        else:
            yield word[: m.start()] + _AMERICAN[kind] + word[m.end() :]


_CLITICS = ("'s", "'ll", "'ve", "'re", "'d", "'m", "n't")


@lru_cache(maxsize=8192)
def is_word(word: str) -> bool:
    """Whether a lower-case word (straight apostrophes) is English.

    Known: a dictionary or lexicon word; its possessive or contraction; a hyphenated
    compound of known words; the -ies plural of a common word; a British spelling of a
    known American one.
    """
    if listed(word):
        return True
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic) and is_word(word[: -len(clitic)]):
            return True
    if "-" in word:
        return all(not p or p.isdigit() or len(p) == 1 or is_word(p) for p in word.split("-"))
    if word.endswith("ies") and len(word) > 5 and listed(word[:-3] + "y"):
        return True  # the list lacks some plurals of words it has seen (severities)
    return any(listed(v) for v in _american(word))


#: The count the list gives the words it has from a word list but never saw in its corpus.
_FLOOR = 50
#: How often a word one slip away must occur for a never-seen listed word to be a typo.
_COMMON_NEIGHBOUR = 10_000
#: Tokens found not suspicious: checked again with one set operation, not one by one.
_CLEARED: set[str] = set()


def suspicious(tokens: Iterable[str]) -> set[str]:
    """The tokens that are listed words but more likely typos of a common word.

    A word the list has never seen in its corpus, one slip (two letters swapped, a letter
    doubled or undoubled) from a word it has seen ten thousand times: "fromm", "thees",
    "perviously", "loosing". Words in -ee (advisee, invitee) are real and kept.
    """
    out = set()
    fresh = set(tokens).difference(_CLEARED)
    if len(_CLEARED) > 200_000:  # a bound, whatever text comes
        _CLEARED.clear()
    for token in fresh:
        if _suspect(token):
            out.add(token)
        else:
            _CLEARED.add(token)
    return out


@lru_cache(maxsize=4096)
def _suspect(word: str) -> bool:
    if count(word) != _FLOOR or word in LEXICON:
        return False
    for i in range(len(word)):
        near = [word[:i] + word[i] + word[i:]]
        if i + 1 < len(word):
            if word[i] == word[i + 1] and not (word[i] == "e" and i + 2 == len(word)):
                near.append(word[:i] + word[i + 1 :])
            elif word[i] != word[i + 1]:
                near.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        if any(count(n) >= _COMMON_NEIGHBOUR for n in near):
            return True
    return False
