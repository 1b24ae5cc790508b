"""Notes too alike: one panel member's note copied for another, a sentence said twice.

Seed 003 tells of a candidate who wrote "a note to each member of the interview panel",
each "highlighting a specific aspect of the interview that resonated with them"; panel
members compare notes, and the same letter with the name changed tells each of them it
was not written for them.

Likeness is the resemblance of Broder (1997): the Jaccard index of the two texts' sets of
word trigrams (three consecutive words, lower case). It is 1 for the same words in the
same order, falls by about three trigrams on each side for every word changed, so a
60-word note with the name changed twice still scores about 0.8, while two notes that
share only a greeting, a thank-you line and a sign-off stay near 0.1-0.2. Above 0.5 more
is shared than not. The span is the longest passage of the draft shared word for word
with the other note: what to rewrite first. A note that shares a frame but has a sentence
of its own (two thirds of its trigrams not in the other note) is what seed 003 describes,
one point for each member, and gets a hint, not a warning.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import lru_cache

from followup.domain.check.model import Category, Kind, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.text import Draft

#: More shared than not (see the module docstring).
THRESHOLD = 0.5
#: A sentence this short repeated ("Thank you!") is a flourish, not a slip.
MIN_SENTENCE_WORDS = 4
#: A sentence sharing no more than this share of its trigrams with the other note is its own.
OWN_SHARE = 1 / 3
#: What may close a sentence: not part of what it says.
_CLOSING = ".!?…;:,\"')]”’ "

Trigram = tuple[str, str, str]


def trigrams(words: Sequence[str]) -> list[Trigram]:
    """The word trigrams of ``words``, in order (a text of fewer than 3 words has none)."""
    return list(zip(words, words[1:], words[2:], strict=False))


def tokens(draft: Draft) -> list[str]:
    """The body's words in lower case, read as every rule reads them (``Draft.words``)."""
    low = draft.lower  # slices of it: cheaper than Word.lower, which lowers each word again
    return [low[w.start : w.end] for w in draft.words]


@lru_cache(maxsize=256)  # keyed on the other notes of a panel: a handful per check
def _shingles(note: str) -> frozenset[Trigram]:
    """The trigrams of another note's body (its ``Subject:`` line set aside, like the draft's)."""
    return frozenset(trigrams(tokens(Draft(note, Kind.PANEL_NOTE))))


def jaccard(a: frozenset[Trigram] | set[Trigram], b: frozenset[Trigram]) -> float:
    """|A ∩ B| / |A ∪ B|, 0 when both are empty."""
    if not a and not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def _opening(note: str) -> str:
    words = " ".join(Draft(note, Kind.PANEL_NOTE).body.split()[:6])
    return f"“{words}…”"


def _panel(a: Analysis) -> Iterator[Hit]:
    others = a.context.other_notes
    if not others:
        return
    grams = trigrams(tokens(a.draft))
    mine = set(grams)
    if not mine:
        return
    best, likeness = -1, 0.0
    for index, note in enumerate(others):
        value = jaccard(mine, _shingles(note))
        if value > likeness:
            best, likeness = index, value
    if likeness <= THRESHOLD:
        return
    theirs = _shingles(others[best])
    words = a.draft.words
    # The longest run of consecutive trigrams the other note also has.
    run_start, run_len, here = 0, 0, -1
    for i, gram in enumerate(grams):
        if gram in theirs:
            if here < 0:
                here = i
            if i - here + 1 > run_len:
                run_start, run_len = here, i - here + 1
        else:
            here = -1
    start, end = words[run_start].start, words[run_start + run_len + 1].end
    why = (
        f"This note is {likeness:.0%} the same as the note that opens {_opening(others[best])} "
        f"(Jaccard index of word trigrams {likeness:.2f}; the marked passage is in both): "
        f"write each panel member their own note, on what you discussed with them "
        f"(seed 003: a note to each member of the interview panel, highlighting a specific "
        f"aspect of the interview that resonated with them)."
    )
    # A frame shared, a point of its own for this member (seed 003's model): a hint only.
    own = _has_own_sentence(a.draft, theirs)
    yield Hit(start, end, message=why, severity=Severity.INFO if own else None)


def _has_own_sentence(draft: Draft, theirs: frozenset[Trigram]) -> bool:
    """Whether a sentence of the message (4 words or more) is mostly not in the other note."""
    words = tokens(draft)  # as the likeness reads them
    starts = [w.start for w in draft.words]
    for span in draft.sentences:
        said = words[bisect_left(starts, span.start) : bisect_left(starts, span.end)]
        grams = trigrams(said)
        shared = sum(g in theirs for g in grams)
        if len(said) >= MIN_SENTENCE_WORDS and shared <= OWN_SHARE * len(grams):
            return True
    return False


def _sentence(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    text, low = draft.text, draft.lower
    seen: set[str] = set()
    # The closing line may echo the body ("Thank you for your consideration,"): a custom.
    closing = draft.signoff.start if draft.signoff is not None else len(text)
    for span in draft.sentences:
        if span.end > closing:
            break
        # Word for word, whatever the spacing and the closing mark ("today." and "today!").
        said = low[span.start : span.end].split()
        if len(said) < MIN_SENTENCE_WORDS:
            continue
        key = " ".join(said).rstrip(_CLOSING)
        if key in seen:
            first = " ".join(text[span.start : span.end].split()[:8])
            first += "…" if len(said) > 8 else ""
            why = (
                f"This sentence is said earlier in the draft already (“{first}”): keep one "
                f"(seed 000: keep your messages brief and to the point)."
            )
            yield Hit(span.start, span.end, message=why)
        else:
            seen.add(key)


RULES = (
    Rule(
        id="duplicate.panel",
        category=Category.DUPLICATE,
        severity=Severity.WARNING,
        message="Too alike to another panel member's note (seed 003: a note to each member).",
        seed="003",
        summary="A note too alike to one another panel member gets (Jaccard index of word "
        "trigrams above 0.5); the span is the longest passage they share (info when a "
        "sentence of the note is its own).",
        find=_panel,
    ),
    Rule(
        id="duplicate.sentence",
        category=Category.DUPLICATE,
        severity=Severity.INFO,
        message="A sentence said twice (seed 000: brief and to the point).",
        seed="000",
        summary="A sentence of four words or more repeated word for word within the draft.",
        find=_sentence,
    ),
)
