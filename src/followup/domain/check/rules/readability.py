"""Readability: a whole message that reads at college level, a sentence too long to follow.

Boomerang's study of 40 million emails: messages written at a 3rd-grade reading level got
53% replies, at college level 39%. The grade is Flesch-Kincaid (``Analysis.grade``); it
is noisy on a few words, so it is judged only on a whole message of some length.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from followup.domain.check import readability
from followup.domain.check.model import Category, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.rules.length import is_whole
from followup.domain.check.text import Draft

#: Reading grade past which a hint (info) and then advice (warning) is given: past 12 is
#: college level, past 16 graduate level.
GRADE_INFO = 12.0
GRADE_WARNING = 16.0
#: Fewer words than this give too noisy a grade to judge.
GRADE_MIN_WORDS = 40
#: Words past which one sentence is hard to follow (info), then a run-on (warning).
SENTENCE_INFO = 40
SENTENCE_WARNING = 60

_STUDY = (
    "Boomerang's study of 40 million emails: 3rd-grade messages got 53% replies, "
    "college-level ones 39%"
)
_GRADE_WHY = (
    "The message reads at college level: shorter sentences and plainer words get more "
    f"replies ({_STUDY}). The marked sentence is the hardest."
)
_SENTENCE_WHY = (
    "This sentence is long enough to lose the reader: split it in two "
    f"({_STUDY}; seed 000: keep your messages brief and to the point)."
)


def _runs(draft: Draft) -> Iterator[tuple[int, int]]:
    """Index ranges ``[i, j)`` of the words of each sentence, split again at line breaks.

    A sentence as the draft reads it runs on across single line breaks (a greeting line, a
    list without full stops); a line break is where a reader's sentence ends too.
    """
    words, sentences, text = draft.words, draft.sentences, draft.text
    if not words or not sentences:
        return
    k, first = 0, 0
    for i in range(1, len(words)):
        w = words[i]
        while k < len(sentences) - 1 and w.start >= sentences[k].end:
            k += 1
        new_sentence = words[i - 1].end <= sentences[k].start
        if new_sentence or "\n" in text[words[i - 1].end : w.start]:
            yield first, i
            first = i
    yield first, len(words)


def _grade(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    if a.grade <= GRADE_INFO or draft.word_count < GRADE_MIN_WORDS or not is_whole(draft):
        return
    words = draft.words
    hardest, worst = (0, len(words)), -1.0
    for i, j in _runs(draft):
        if j - i < 5:  # a greeting or a signature line, not a sentence
            continue
        value = readability.grade([w.text for w in words[i:j]], 1)
        if value > worst:
            hardest, worst = (i, j), value
    i, j = hardest
    severity = Severity.WARNING if a.grade > GRADE_WARNING else Severity.INFO
    yield Hit(
        words[i].start,
        words[j - 1].end,
        message=f"Reading grade {a.grade:.0f}: {_GRADE_WHY}",
        severity=severity,
    )


def _sentence(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    words = draft.words
    if len(words) <= SENTENCE_INFO:
        return
    starts: list[int] | None = None
    for sentence in draft.sentences:
        # n words take at least 2n - 1 characters: most sentences are ruled out unread.
        if sentence.end - sentence.start < 2 * SENTENCE_INFO + 1:
            continue
        if starts is None:
            starts = [w.start for w in words]
        i, j = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        if j - i <= SENTENCE_INFO:
            continue
        for first, last in _split_lines(draft, i, j):
            n = last - first
            if n > SENTENCE_INFO:
                yield Hit(
                    words[first].start,
                    words[last - 1].end,
                    message=f"{n} words in one sentence: {_SENTENCE_WHY}",
                    severity=Severity.WARNING if n > SENTENCE_WARNING else Severity.INFO,
                )


def _split_lines(draft: Draft, i: int, j: int) -> Iterator[tuple[int, int]]:
    """The words ``[i, j)`` of one sentence split at line breaks, as index ranges."""
    words, text = draft.words, draft.text
    first = i
    for k in range(i + 1, j):
        if "\n" in text[words[k - 1].end : words[k].start]:
            yield first, k
            first = k
    yield first, j


RULES = (
    Rule(
        id="readability.grade",
        category=Category.READABILITY,
        severity=Severity.INFO,
        message=_GRADE_WHY,
        seed="Boomerang",
        summary="A whole message above reading grade 12 (warning above 16).",
        find=_grade,
    ),
    Rule(
        id="readability.sentence",
        category=Category.READABILITY,
        severity=Severity.INFO,
        message=_SENTENCE_WHY,
        seed="Boomerang",
        summary="A sentence of more than 40 words (warning past 60).",
        find=_sentence,
    ),
)
