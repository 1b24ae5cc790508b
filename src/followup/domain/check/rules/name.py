"""Names of people: an interviewer's name misspelled, a person who was not on this interview.

Seed 002: "Proofread your message carefully before sending it" and "personalize your
message". A misspelled name is the typo a reader notices first; a name from another
interview is the sign of a letter reused. Both are errors.

The record's people are indexed once per context (:func:`people`); a draft's
capitalised words are looked up in that index, so a draft costs a few dictionary
look-ups per proper noun. The greeting family uses the same index. Which words are
looked up, and where only a name can stand, is in :mod:`..nameplaces`.
"""

from __future__ import annotations

from collections.abc import Iterator

from followup.domain.check.model import Category, Kind, Severity
from followup.domain.check.nameplaces import (
    NEXT_WORD,
    Candidate,
    addressed,
    in_greeting,
    name_only_here,
    stop_at,
    strong_place,
)
from followup.domain.check.nameplaces import candidates as candidates
from followup.domain.check.names import (
    WORD,
    People,
    Who,
    fold,
    people,
    plain_lower,
    possessive,
    same_given_name,
)
from followup.domain.check.namewords import COMMON, HONORIFICS, PARTICLES, word_set
from followup.domain.check.registry import Analysis, Hit, Rule

_MISSPELLED = (
    "This looks like a misspelling of the name of someone on this interview: a misspelled "
    "name is the mistake a reader notices first (seed 002: proofread your message carefully "
    "before sending it)."
)
_STRANGER = (
    "This person was not on this interview (or is not this note's recipient): a name left "
    "in from another letter tells the reader the note was not written for them (seed 002: "
    "personalize your message)."
)
#: Words that open a greeting or title a name: never a misspelled name themselves.
_NEVER = HONORIFICS | word_set("dear hi hello hey greetings good")


def _misspelled(a: Analysis) -> Iterator[Hit]:
    if not a.context.interviewers and not a.context.to:
        return
    book = people(a.context)
    text, spelled, probes = a.draft.text, book.spelled, book.near.probes
    found = candidates(a)
    for i, (start, end, folded, _) in enumerate(found):
        if folded in _NEVER:
            continue
        # Most words are neither a recorded name nor the length of one: skip them fast.
        marked = "-" in folded or "'" in folded
        if folded not in spelled and len(folded) not in probes and not marked:
            continue
        # An everyday word is taken for a name only in the greeting or beside a name.
        if folded in COMMON and not in_greeting(a, start) and not _by_name(found, i, spelled):
            continue
        hit = _judge(a, book, start, end, folded)
        if hit is None and "-" in folded:
            at = start
            for piece in text[start:end].split("-"):
                hit = hit or _judge(a, book, at, at + len(piece), fold(piece))
                at += len(piece) + 1
        if hit is not None:
            yield hit


def _by_name(found: tuple[Candidate, ...], i: int, spelled: dict[str, tuple[str, ...]]) -> bool:
    """Whether the capitalised word before or after candidate ``i`` is a recorded name."""
    start, end = found[i][0], found[i][1] + found[i][3]
    after = found[i + 1] if i + 1 < len(found) else None
    before = found[i - 1] if i else None
    return (after is not None and after[0] - end <= 2 and after[2] in spelled) or (
        before is not None and start - before[1] - before[3] <= 2 and before[2] in spelled
    )


def _judge(a: Analysis, book: People, start: int, end: int, folded: str) -> Hit | None:
    word = a.draft.text[start:end]
    if folded in book.spelled:
        # Right letters, wrong marks: "Jose" for "José" (a warning: keyboards drop them).
        spellings = book.spelled[folded]
        written = plain_lower(word)
        if any(plain_lower(r) == written for r in spellings):
            return None
        marked = [r for r in spellings if plain_lower(r) != fold(r)]
        if not marked:
            return None
        return Hit(
            start,
            end,
            message=f"The record spells this name “{marked[0]}”: keep its marks. " + _MISSPELLED,
            suggestion=marked[0],
            severity=Severity.WARNING,
        )
    targets = book.near(folded)
    if not targets or folded in book.known:
        return None
    target = targets[0]
    if same_given_name(folded, target) or same_given_name(target, folded):
        return None
    # A short or everyday word, or a particle ("Da" of "Da Silva"), is taken for a name
    # only where a name must stand; a short one also when the reader is addressed by it
    # ("Le, your point...").
    short = min(len(folded), len(target)) <= 2 or target in PARTICLES
    # An acronym ("API" for "Ali") too.
    weak = folded in COMMON or short or word.isupper()
    if weak and not strong_place(a, start, end, book.here_folds):
        spoken_to = short and not word.isupper() and addressed(a.draft.text, start, end)
        if folded in COMMON or not spoken_to:
            return None
    right = book.spelled[target][0]
    who = book.owner(target)
    whose = f"{who.full}'s name" if who else "a recorded name"
    return Hit(
        start,
        end,
        message=f"“{word}” is close to {whose}, spelled “{right}”. " + _MISSPELLED,
        suggestion=", ".join(book.spelled[t][0] for t in targets),
    )


def _stranger(a: Analysis) -> Iterator[Hit]:
    book = people(a.context)
    if book.elsewhere:
        yield from _named_elsewhere(a, book)
        for folded, (who, index) in book.elsewhere.items():
            written = who.parts[index]
            if not written[0].isupper() and not written[0].islower():
                yield from _caseless(a, book, written, folded)
    yield from _wrong_panelist(a, book)


def _named_elsewhere(a: Analysis, book: People) -> Iterator[Hit]:
    """Names (whole, or a telling part) of people of the user's other interviews."""
    text, done = a.draft.text, 0
    for start, end, folded, cut in candidates(a):
        if start < done:
            continue
        for who in book.starts.get(folded, ()) if not cut else ():
            stop = _rest_of_name(text, end, who)
            if stop is not None and not set(who.folds) <= book.record:
                done = stop
                yield _met_elsewhere(book, who, -1, start, stop)
                break
        else:
            found = book.stranger(folded)
            if found is None or (folded in COMMON and not name_only_here(a, start, folded)):
                continue
            yield _met_elsewhere(book, found[0], found[1], start, end)


def _rest_of_name(text: str, at: int, who: Who) -> int | None:
    """Where ``who``'s full name ends if its other parts follow ``text[:at]``, else None."""
    for part in who.folds[1:]:
        m = NEXT_WORD.match(text, at)
        if m is None:
            return None
        word = m.group(1)
        cut = possessive(word) if part == who.folds[-1] else 0
        if fold(word[: len(word) - cut]) != part:
            return None
        at = m.end() - cut
    return at


def _caseless(a: Analysis, book: People, written: str, folded: str) -> Iterator[Hit]:
    """A name in a script without capitals (Chinese, Arabic, Hindi): found as written."""
    found = book.stranger(folded)
    text, stop = a.draft.text, stop_at(a)
    at = text.find(written, 0, stop) if found is not None else -1
    while found is not None and at >= 0:
        # Chinese and Japanese run words together; other scripts need a word start.
        if written[0] >= "\u2e80" or at == 0 or not text[at - 1].isalnum():
            yield _met_elsewhere(book, found[0], found[1], at, at + len(written))
        at = text.find(written, at + len(written), stop)


def _met_elsewhere(book: People, who: Who, index: int, start: int, end: int) -> Hit:
    return Hit(
        start,
        end,
        message=f"{who.full} was not on this interview. " + _STRANGER,
        suggestion=_instead(book, who, index),
    )


def _instead(book: People, who: Who, index: int) -> str | None:
    if book.recipient is None:
        return None
    return book.recipient.part_like(index, len(who.parts))


def _wrong_panelist(a: Analysis, book: People) -> Iterator[Hit]:
    """A panel note to one interviewer that greets another one of the panel."""
    span = a.draft.greeting_name
    if a.draft.kind is not Kind.PANEL_NOTE or not a.context.to or span is None:
        return
    recipient = book.recipient
    if recipient is None:
        return
    words = list(WORD.finditer(a.draft.text, span.start, span.end))
    folded = [fold(w.group()) for w in words]
    if any(same_given_name(f, r) for f in folded for r in recipient.folds):
        return
    for w, f in zip(words, folded, strict=True):
        other = book.owner(f)
        if other is not None and other is not recipient:
            index = other.folds.index(f)
            yield Hit(
                w.start(),
                w.end(),
                message=f"This note is to {recipient.full}, not {other.full}. " + _STRANGER,
                suggestion=recipient.part_like(index, len(other.parts)),
            )
            return


RULES = (
    Rule(
        id="name.misspelled",
        category=Category.NAME,
        severity=Severity.ERROR,
        message=_MISSPELLED,
        seed="002",
        summary="A name close to an interviewer's or the recipient's, but not equal: Sara for "
        "Sarah.",
        find=_misspelled,
    ),
    Rule(
        id="name.stranger",
        category=Category.NAME,
        severity=Severity.ERROR,
        message=_STRANGER,
        seed="002",
        summary="A person from another interview, or a panel note greeting someone else.",
        find=_stranger,
    ),
)
