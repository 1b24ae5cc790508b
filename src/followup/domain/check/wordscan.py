"""Where the spelling family looks in a draft, and what it takes for granted there.

The checked regions (the subject line, the body up to the signature), the draft's words
split once on white space and shared by the family's rules, where a word occurs, whether
it opens a sentence or sits in a link, and the interview record's words and names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from operator import methodcaller

from followup.domain.check import dictionary
from followup.domain.check.model import Context
from followup.domain.check.nearness import distance
from followup.domain.check.text import Draft

TOKEN = re.compile(r"[^\W_]+(?:['\-.][^\W_]+)*")
#: Characters that may stand between a sentence's start and its first word.
OPENERS = " \t\"'“‘(*•-–—"
#: An address, a link, a handle, a path: "and/or" is none of them.
_LINK = re.compile(r"[@#]|://|www\.|^/|[^\W_]\.[^\W_]+/")


def _words(texts: Iterable[str | None]) -> set[str]:
    return {t for s in texts if s for t in TOKEN.findall(s.lower().replace("’", "'"))}


def record(context: Context) -> tuple[frozenset[str], tuple[str, ...]]:
    """The record's words and names (kept per context: most drafts share theirs)."""
    try:
        return _record_of(context)
    except TypeError:  # a context built with lists is not hashable: no cache then
        return _record_of.__wrapped__(context)


@lru_cache(maxsize=64)
def _record_of(context: Context) -> tuple[frozenset[str], tuple[str, ...]]:
    """The record's words (lower case), and the names a misspelling of which is not ours.

    People's names count whole; a company's only for its words that are not English
    ("Northwind" is a name, the "Labs" of "Northwind Labs" is not).
    """
    people = _words([p.name for p in context.interviewers] + [context.to, context.sender_name])
    people |= _words(list(context.people_elsewhere))
    companies = _words([context.company, *context.other_companies])
    other = _words(
        [context.role, context.round, *context.topics, *context.concerns]
        + [*context.standouts, *context.forgotten, *context.attachments]
        + [p.title for p in context.interviewers]
    )
    names = people | {w for w in companies if not dictionary.is_word(w)}
    return frozenset(other | people | companies), tuple(sorted(w for w in names if len(w) > 2))


@lru_cache(maxsize=4096)
def near_name(word: str, names: tuple[str, ...]) -> bool:
    """Within two edits of a name (one for a name of four letters or fewer)."""
    return any(distance(word, n) <= (2 if len(n) > 4 else 1) for n in names)


def plain(token: str) -> str | None:
    """The token as the dictionary spells it, or None when it is not a word to check."""
    if "." in token or any(c.isdigit() for c in token):
        return None  # a domain, an abbreviation, a version, a time, an amount
    if not token.isascii():
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c)
        )
        if not folded.isascii():
            return None  # another script: not ours to judge
        token = folded
    return token if len(token) > 1 else None


def initial(text: str, at: int, floor: int) -> bool:
    """Whether the word at ``at`` opens a sentence, a paragraph or a clause after a colon.

    A line break after a word is a paragraph wrapped, not a new sentence ("the role at
    Northwind Labs" over two lines); after a greeting's comma it is one.
    """
    i = at - 1
    while i >= floor and text[i] in OPENERS:
        i -= 1
    if i >= floor and text[i] in "\n\r":
        i -= 1
        while i >= floor and text[i] in " \t\r":
            i -= 1
        return i < floor or not text[i].isalnum()
    return i < floor or text[i] in ".!?…:"


def in_link(text: str, at: int) -> bool:
    """Whether the word at ``at`` is part of an address, a link or a handle."""
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [e for e in (text.find(" ", at), text.find("\n", at)) if e >= 0]
    chunk = text[start : min(ends) if ends else len(text)]
    return _LINK.search(chunk) is not None


def occurrences(lower: str, token: str, start: int, end: int) -> Iterator[int]:
    """Where ``token`` stands as a whole word in ``lower[start:end]``."""
    at = lower.find(token, start, end)
    while at >= 0:
        after = at + len(token)
        before_ok = at == start or not (
            lower[at - 1].isalnum()
            or (lower[at - 1] in "'-." and at - 2 >= start and lower[at - 2].isalnum())
        )
        whole = TOKEN.match(lower, at, end)
        if before_ok and whole is not None and whole.end() == after:
            yield at
        at = lower.find(token, at + 1, end)


def regions(draft: Draft) -> list[tuple[int, int]]:
    """The stretches checked: the subject line and the body up to the signature."""
    out = []
    if draft.subject is not None:
        out.append((draft.subject.start, draft.subject.end))
    out.append((draft.body_start, draft.own_end))
    return out


_STRIP = methodcaller("strip", "\"'“”‘’()[]{}<>*_.,;:!?…–—-/\\|~^`+=&%$#@")


@lru_cache(maxsize=16)
def chunks(draft: Draft) -> list[str]:
    """The checked text's lower-case words as split on white space, punctuation stripped.

    Shared by the rules of this family (one split per draft): most words are then found in
    the dictionary with one set operation, and only the rest are tokenised.
    """
    lower = draft.lower
    return [c for s, e in regions(draft) for c in map(_STRIP, lower[s:e].split()) if c]


def odd_tokens(draft: Draft) -> set[str]:
    """The tokens of the checked text that the dictionary does not list as they stand."""
    odd = dictionary.not_listed(chunks(draft))
    if not odd:
        return odd
    # A chunk may hold several tokens ("and/or", "it.thanks"): tokenise only those.
    words = set(filter(str.isalpha, odd))
    mixed = odd.difference(words)
    return words | dictionary.not_listed(t for chunk in mixed for t in TOKEN.findall(chunk))
