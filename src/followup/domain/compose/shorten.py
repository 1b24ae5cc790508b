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


#: Nouns that name one thing: a topic that ends on one with no article before it reads
#: with "the" ("the customer churn dashboard"). A noun that is also a field or a practice
#: ("design", "review", "service", "acquisition") is left out: "the code review" is not
#: what "code review" means.
_ONE_THING = _set(
    "dashboard model pipeline project platform roadmap rollout launch migration redesign "
    "system tool app api report warehouse database schema framework codebase monolith "
    "plan budget forecast funnel timeline process workflow program programme initiative "
    "experiment test study survey audit backlog board feature release upgrade prototype "
    "demo exercise assignment challenge problem task reorg reorganisation reorganization "
    "merger pilot campaign deck spreadsheet website contract proposal sprint outage "
    "incident stack strategy policy team"
)
#: Words that show a phrase is not bare: it has its article, or is a clause or a name's.
_DETERMINED = _set(
    "the a an our your my their its his her this that these those each every some any no "
    "another one how what why which whether who whose when where"
)
#: Words that end a topic's head: what follows them modifies it ("the migration of ...").
_AFTER_HEAD = _set(
    "of for in on at with to from by about into over under across through during between "
    "without versus vs vs. and or using via that which who where when while including"
)


@lru_cache(maxsize=4096)
def the_phrase(text: str) -> str:
    """A topic as it reads after "about" or "of": with "the" when it is bare and names one thing.

    "customer churn dashboard" becomes "the customer churn dashboard", "migration of the
    billing platform" "the migration of the billing platform"; a phrase with its own
    article or possessive ("the churn model", "Acme's roadmap"), a plural or an uncountable
    head ("team rituals", "SQL performance", "onboarding new customers") and a clause ("how
    we plan") are kept as they are.
    """
    words = text.split()
    head: list[str] = []
    for word in words:
        if word.casefold() in _AFTER_HEAD:
            break
        head.append(word)
    if not head or any(
        w.casefold() in _DETERMINED or w.casefold().endswith(("'s", "\u2019s", "s'", "s\u2019"))
        for w in head
    ):
        return text
    last = head[-1].strip(",;:\"'()").rsplit("-", 1)[-1].casefold()
    return f"the {text}" if last in _ONE_THING else text


def join_and(items: list[str] | tuple[str, ...]) -> str:
    """The items as a reader lists them: "a", "a and b", "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
