"""Phrases from the record, made to fit a sentence of a draft.

A topic the user typed may be two words or a paragraph; a draft of 50-150 words (seed
000: brief and to the point) can quote a few words of it. :func:`shorten` keeps the
start of a phrase up to a natural break (a clause's end, or just before a preposition or
a conjunction) so what is quoted still reads as a phrase, never a word cut in half.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: How many words past the limit a phrase may run before it is cut.
SLACK = 2


def _set(words: str) -> frozenset[str]:
    """A set of words written as one string, space-separated (easier to read and extend)."""
    return frozenset(words.split())


#: Words a shortened phrase may not end on: it would dangle ("the migration of").
_DANGLING = _set(
    "a an the of to for from with in on at by about into over under and or but as than "
    "that which who whose whom while when where because so if my our your their his her "
    "its this these those very more most some any each every"
)
#: Words a phrase may be cut just before: the rest is a modifier the reader can miss.
_BREAKS = _set(
    "from to with in on at by about into over under for and or but as that which who "
    "while when where because so if using via including across through during after "
    "before between without"
)
#: Words that open a clause inside a phrase: a phrase cut after one is cut before it.
_RELATIVE = _set("that which who whose whom where when while because if")
_CLAUSE_END = re.compile(r"\s*(?:[.;:!?]\s|[.;:!?]$|\s[-\u2013\u2014]\s|\((?!\))|\[|,\s)")
_SPACE = re.compile(r"\s+")
_TRAIL = re.compile(r"[\s,;:.!?\-\u2013\u2014(\[\"'\u201c\u2018]+$")
_LEAD = re.compile(r"^[\s,;:.!?\-\u2013\u2014)\]\"'\u201d\u2019]+")


def clean(text: str) -> str:
    """One line: runs of white space (line breaks too) made one space, ends trimmed."""
    return _SPACE.sub(" ", text).strip()


# A record's phrases are shortened for every draft of every reader: remember them.
@lru_cache(maxsize=4096)
def shorten(text: str, max_words: int) -> str:
    """The start of ``text`` in at most ``max_words`` words, ending on a natural break.

    A phrase at most :data:`SLACK` words longer than that is kept whole.
    """
    text = clean(text)
    if not text:
        return ""
    clause = _CLAUSE_END.search(text)
    if clause is not None and clause.start() > 0:
        head = text[: clause.start()]
        if len(head.split()) >= 2 or len(text.split()) > max_words:
            text = head
    words = text.split()
    # A phrase one or two words over is kept whole: cutting it would lose more sense than
    # it saves ("the move from spreadsheets" for "... to a shared data warehouse").
    if len(words) > max_words + SLACK:
        cut = max_words
        for at in range(max_words, 1, -1):
            if words[at].casefold() in _BREAKS:
                cut = at
                break
        words = words[:cut]
        # A relative clause cut short dangles ("the rules that come"): keep its noun only.
        opens = [at for at in range(1, len(words)) if words[at].casefold() in _RELATIVE]
        if opens:
            words = words[: opens[0]]
    while len(words) > 1 and words[-1].casefold().strip(",;:") in _DANGLING:
        words.pop()
    return _TRAIL.sub("", _LEAD.sub("", " ".join(words)))


def sentence(text: str) -> str:
    """``text`` as a sentence: a capital first letter and a full stop (or its own mark)."""
    text = clean(text)
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def question(text: str) -> str:
    """``text`` as a question: a capital first letter and one question mark."""
    text = clean(text).rstrip(" .!?")
    if not text:
        return ""
    return text[0].upper() + text[1:] + "?"


@lru_cache(maxsize=4096)
def phrase(text: str) -> str:
    """``text`` to sit inside a sentence: no closing mark, a lower-case first word.

    Acronyms and names keep their capitals ("SQL window functions", "Kafka").
    """
    text = clean(text).rstrip(" .!?;:,")
    if len(text) > 1 and text[0].isupper() and text[1].islower() and _plain_first_word(text):
        return text[0].lower() + text[1:]
    return text


_PLAIN_STARTS = _set(
    "the a an our your my their its his her this that these those how what why which "
    "when where who whether working building designing leading using moving scaling "
    "gaps limited lack little some more new better"
)
#: Places and names that look like a verb's -ing form: their capital stays.
_NOT_GERUNDS = _set("beijing nanjing chongqing reading kettering wyoming epping ealing")


def _plain_first_word(text: str) -> bool:
    """Whether the first word is a common word written with a capital only to start.

    A gerund that opens a phrase of lower-case words is one too ("Onboarding new
    customers"), unless it names a place ("Reading library").
    """
    words = text.split(" ", 2)
    first = words[0].casefold()
    if first in _PLAIN_STARTS:
        return True
    gerund = len(first) > 5 and first.endswith("ing") and first.isalpha()
    return gerund and first not in _NOT_GERUNDS and len(words) > 1 and words[1].islower()


def join_and(items: list[str] | tuple[str, ...]) -> str:
    """The items as a reader lists them: "a", "a and b", "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
