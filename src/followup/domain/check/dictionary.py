"""The English dictionary behind the spelling rules: pyspellchecker's word-frequency list.

The list ships inside the pyspellchecker package (``resources/en.json.gz``: 160,572
lower-case words with their counts, sorted); only that data file is read, the package's
code is never imported, and nothing is downloaded; reading it is :mod:`.wordlist`'s
part, this module's is what counts as a word. Loading is lazy, so that a draft
whose words are all known pays only for reading the list:

1. A draft's words: each distinct word is found in the list's text by bisecting a coarse
   index of it (one entry every 2 KB) and a ``find`` in one block; words found are
   remembered, so that a warm check is one set operation (:func:`not_listed`).
2. A first suggestion (:mod:`.suggest`): the words of one first letter (a slice of the
   text) and, for other letters, look-ups of prefixes and words (all in :mod:`.wordlist`).
3. :func:`words`: the 160,000 words as a frozenset, built after a few suggestions, or
   at once for a text with thousands of new words.

A word is English when the list or the lexicon (:mod:`.lexicon`) has it, or it is a
possessive, a contraction, a hyphenated compound, an -ies plural or a British spelling of
such a word (:func:`is_word`). A listed word the corpus never saw and one slip from a
common word is taken for a typo all the same (:func:`suspicious`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from itertools import chain

from followup.domain.check.lexicon import LEXICON
from followup.domain.check.wordlist import available as available
from followup.domain.check.wordlist import entries, listed_count

#: The count given to a lexicon word, which the frequency list does not have.
_LEXICON_COUNT = 2000


@cache
def words() -> frozenset[str]:
    """Every word of the dictionary and the lexicon, lower case (empty if not installed)."""
    return frozenset(chain(entries()[0], LEXICON))


def listed(word: str) -> bool:
    """Whether a lower-case word is in the dictionary or the lexicon as it stands."""
    if word in LEXICON:
        return True
    if words.cache_info().currsize:  # the set is built: a lookup
        return word in words()
    return listed_count(word) is not None


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
    return _sift(odd, _KNOWN, listed)


def _sift(fresh: set[str], cleared: set[str], clear: Callable[[str], bool]) -> set[str]:
    """The tokens of ``fresh`` that ``clear`` does not clear; the others join ``cleared``.

    ``cleared`` lets the next text skip them with one set operation; it is emptied past
    200,000 tokens, a bound whatever text comes.
    """
    if len(cleared) > 200_000:
        cleared.clear()
    out = set()
    for token in fresh:
        if clear(token):
            cleared.add(token)
        else:
            out.add(token)
    return out


def count(word: str) -> int:
    """How often ``word`` occurs in the list's corpus; a lexicon word gets a fixed count."""
    if entries.cache_info().currsize:  # split already: a bisection
        names, counts = entries()
        at = bisect_left(names, word)
        if at < len(names) and names[at] == word:
            return int(counts[at].strip(" :,\n}") or 1)
        return _LEXICON_COUNT if word in LEXICON else 1
    found = listed_count(word)
    if found is not None:
        return found
    return _LEXICON_COUNT if word in LEXICON else 1


#: British endings turned American, tried when a word is not in the (American) list. Each
#: needs three letters before it, so that a short typo ("hre", "fourm") is not excused.
_BRITISH = re.compile(
    r"(?<=[a-z]{3})(?:"
    r"(?P<our>our)(?=s?$|ed$|ing$|ite|able|ably|al$|hood|ful|less|er$|ers$|y$)"
    r"|(?P<is>is)(?=e$|ed$|es$|ing$|ation|er$|ers$)"
    r"|(?P<ys>ys)(?=e$|ed$|es$|ing$|er$)"
    r"|(?<=[^aeiou][aeiou])(?P<ll>ll)(?=ed$|ing$|er$|ers$|or$|ors$|ous$|en$)"
    r"|(?P<ogue>ogue)(?=s?$)"
    r"|(?P<dge>dgement)(?=s?$)"
    r"|(?<=[tbg])(?P<re>re)(?=s?$|d$)"
    r")"
    # Greek and Latin "ae" and "oe" (paediatric, oestrogen): a consonant and three more
    # letters after, so that a short typo is not excused.
    r"|(?:^|(?<=[^aeiou]))(?P<ae>ae|oe)(?=[^aeiou][a-z]{3})"
)
_AMERICAN = {
    "our": "or",
    "is": "iz",
    "ys": "yz",
    "ll": "l",
    "ogue": "og",
    "dge": "dgment",
    "ae": "e",
}


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
        return all(
            not p or p.isdigit() or len(p) == 1 or p in PREFIXES or is_word(p)
            for p in word.split("-")
        )
    if word.endswith("ies") and len(word) > 5 and listed(word[:-3] + "y"):
        return True  # the list lacks some plurals of words it has seen (severities)
    return any(listed(v) for v in _american(word))


#: How often a word must occur in the corpus to be a part of a compound.
_COMMON = 1000
#: Prefixes that make new words of known ones ("preprint", "intercompany", "multi-region").
_PREFIXED = (
    "anti auto bi co counter cross de dis hyper inter intra macro meta micro mid mini mis "
    "multi non out over post pre pro re self semi sub super trans tri ultra un under up"
)
PREFIXES = frozenset(_PREFIXED.split())


def compound(word: str) -> bool:
    """Whether a word is a prefix and a known word, or two common words of 4+ letters.

    English makes words this way ("recertification", "workstream") faster than lists
    record them; so does a typo now and then ("transfred"): the caller weighs the two.
    """
    for cut in range(2, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        if head in PREFIXES and is_word(tail):
            return True
        if cut >= 4 and count(tail) >= _COMMON and count(head) >= _COMMON:
            return True
    return False


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
    return _sift(set(tokens).difference(_CLEARED), _CLEARED, _plausible)


def _plausible(word: str) -> bool:
    return not _suspect(word)


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
