"""Personalization: a note that could have followed any interview.

Seed 002: "Personalize your message and reference specific points from the interview";
seed 001: "Mention specific points from the interview that you found particularly
engaging." With a record that lists topics or standout moments, the note must mention one
of them (any uncommon word of a topic, loosely stemmed) or take up one of its concerns
(as :mod:`.concern` reads them: answering a doubt from this interview is specific to it).
Without one, it must hold some concrete detail: a number, a name mid-sentence other than
the record's, or two words outside what every follow-up says (:mod:`followup.domain.check.phrases`).

:func:`content` reads the message proper once for the gratitude, interest, personalization
and generic families (a one-entry cache: the engine runs every rule on one draft before
it reads the next).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property, lru_cache

from followup.domain.check.model import Category, Context, Kind, Severity
from followup.domain.check.phrases import CLASSES, COMMON_WORD, NUMBER, word_class
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.rules.concern import addressed, key_stems
from followup.domain.check.text import Draft, Span

#: The kinds that thank for an interview or ask to connect after it: they must be personal.
KINDS = frozenset({Kind.THANK_YOU, Kind.PANEL_NOTE, Kind.LINKEDIN})
_SEED = "(seed 002: personalize your message and reference specific points from the interview)"
_WHY = (
    "Nothing here is specific to your interview: mention a point you discussed, a project "
    f"or a detail that only this interviewer would recognise {_SEED}."
)
#: How many of the record's topics the message quotes as examples.
_SHOWN = 3
_LETTER = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
#: A name at the very end of a one-line note ("... Best, Alex", "... – Nigella").
_TAIL_NAME = re.compile(
    r"(?:(?:^|(?<=[.!?])\s+|\n)(?i:best|regards|sincerely|cheers|thanks|warmly|yours|wishes)"
    r"[,!.]?|\s[-–—])\s*(?:[A-Z][\w'’.-]*\s*){1,3}$"
)
#: The greeting line holds nothing of the message when it ends like this ("Dear Ana,").
_GREETING_END = re.compile(r"[,:;—–-]\s*$|^\W*\w+\W+\w*\W*!\s*$")
#: A greeting that runs into the message, up to its punctuation ("Hi Sam,", "Hey!").
_OPENER = re.compile(
    r"\s*(?:dear|hi|hello|hey|good morning|good afternoon|good evening|greetings)\b"
    r"[^\n,!:;]{0,40}?[,!:;]",
    re.I,
)
#: A greeting line longer than this runs into the message ("Hi Sam, thanks for ...").
_GREETING_LINE = 60
#: Words before a noun: an uncommon word after one names a thing.
_DETERMINERS = frozenset(
    ("the", "your", "our", "their", "this", "that", "these", "those", "its", "his", "her")
)
#: Uncommon words that make a detail together (one alone is often a verb the lexicon lacks).
_UNCOMMON = 2


class Content:
    """The message proper of a draft: between the greeting and the closing line.

    ``sentences`` are the body's sentences clipped to it. ``specific`` says whether it
    holds a concrete detail: a number, a name mid-sentence that is not the record's, a
    word outside the common vocabulary after "the", "your" and their kin, or two such words
    anywhere (one alone is too often a verb the lexicon lacks). Both are worked out on
    first use: most drafts need neither.
    """

    def __init__(self, draft: Draft, context: Context) -> None:
        self.draft = draft
        self.context = context
        self.start, self.end = _bounds(draft)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """The sentences of the message proper, without the bits a cut leaves."""
        text, start, end = self.draft.text, self.start, self.end
        return tuple(
            span
            for s in self.draft.sentences
            if s.end > start and s.start < end
            for span in (_clip(text, max(s.start, start), min(s.end, end)),)
            if _LETTER.search(text, span.start, span.end)
        )

    @cached_property
    def specific(self) -> bool:
        """Whether the message holds a concrete detail."""
        draft, start, end = self.draft, self.start, self.end
        text, low = draft.text, draft.lower
        names = _record_words(self.context)
        classes = CLASSES
        seen = 0
        before = ""
        for word in draft.words:
            if word.start < start:
                continue
            if word.start >= end:
                break
            lower = low[word.start : word.end]
            found = classes.get(lower)
            kind = word_class(lower)[0] if found is None else found[0]
            after, before = before, lower
            if kind == COMMON_WORD or lower in names:
                continue
            if after in _DETERMINERS or after.endswith("'s"):
                # "the payments team", "the team's experiments": a thing, named.
                return True
            if kind == NUMBER or (
                text[word.start].isupper() and not _opens(text, word.start, start)
            ):
                return True
            seen += 1
            if seen >= _UNCOMMON:
                return True
        return False


_last: tuple[Draft, Context, Content] | None = None


def content(draft: Draft, context: Context) -> Content:
    """The draft's message proper (kept for the draft being checked)."""
    global _last
    last = _last
    if last is not None and last[0] is draft and last[1] is context:
        return last[2]
    found = Content(draft, context)
    _last = (draft, context, found)
    return found


def _bounds(draft: Draft) -> tuple[int, int]:
    """Where the message proper starts and ends: no greeting, no closing, no signature."""
    text = draft.text
    start = draft.body_start
    if draft.greeting is not None:
        line = draft.lines[0]
        short = line.end - line.start <= _GREETING_LINE
        if short and _GREETING_END.search(text, line.start, line.end):
            start = line.end  # "Dear Ana," on its own line
        else:
            # "Hi Sam, thanks for ...": the message starts after the greeting's punctuation.
            opener = _OPENER.match(text, draft.greeting.start, line.end)
            if opener is not None:
                start = opener.end()
            elif draft.greeting_name is not None:
                start = draft.greeting_name.end
    end = len(text)
    closing = draft.signoff
    if closing is not None and _closes(text, start, closing):
        end = closing.start
    elif closing is None:
        tail = _TAIL_NAME.search(text, max(start, len(text) - 80))
        if tail is not None:
            end = tail.start()
    return start, end


def _closes(text: str, start: int, line: Span) -> bool:
    """Whether the line ``Draft.signoff`` found closes the note, or is its last sentence.

    ``Draft.signoff`` takes any late line that opens with a closing word, so "Thanks so
    much for the interview!" alone is one; a closing is short, and follows something.
    """
    words = len(text[line.start : line.end].split())
    short = words <= 4 or (words <= 6 and text[line.end - 1] == ",")
    return short and _LETTER.search(text, start, line.start) is not None


def _clip(text: str, start: int, end: int) -> Span:
    """The span without the punctuation and space a cut left at its ends."""
    while start < end and (text[start].isspace() or text[start] in ",:;.!?—–-"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _opens(text: str, at: int, start: int) -> bool:
    """Whether the word at ``at`` opens a sentence or a line (so its capital says nothing)."""
    j = at - 1
    while j >= start and text[j] in " \t\"“‘'(*•":
        j -= 1
    return j < start or text[j] in ".!?\n\r:;…–—-"


@lru_cache(maxsize=256)
def _record_words(context: Context) -> frozenset[str]:
    """The words of the record's names: saying the company's name is not a detail."""
    people = [p.name for p in context.interviewers]
    found: set[str] = set()
    for name in (context.company, context.role, context.sender_name, context.to, *people):
        if name:
            found.update(w.lower().replace("’", "'") for w in _WORDS.findall(name))
    return frozenset(found)


@lru_cache(maxsize=256)
def _topics(points: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern for the words that stand for the record's topics, or None if none do.

    A topic stands by its uncommon words and its compounds ("on-call"), or by all its
    words when it has neither; each is matched by its stem at the start of a word, so
    "migration" finds "migrating".
    """
    keys: set[str] = set()
    for point in points:
        low = point.lower().replace("’", "'")
        compounds = {w for w in _COMPOUND.findall(low)}
        classed = [word_class(w) for w in _WORDS.findall(low)]
        own = {root for kind, root in classed if kind != COMMON_WORD and len(root) > 2}
        keys |= (own | compounds) or {root for _, root in classed if len(root) > 2}
    if not keys:
        return None
    ordered = sorted(map(re.escape, keys), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(ordered) + ")")


def _answers_a_concern(concerns: tuple[str, ...], low: str) -> bool:
    """Whether the message (lower case) takes up one of the record's concerns."""
    return any((keys := key_stems(c)) and addressed(keys, low) for c in concerns)


def _none(a: Analysis) -> Iterator[Hit]:
    draft, context = a.draft, a.context
    if draft.kind not in KINDS or not draft.body.strip():
        return
    found = content(draft, context)
    if not found.sentences:
        return
    points = tuple(p for p in (*context.standouts, *context.topics) if p.strip())
    topics = _topics(points) if points else None
    if _answers_a_concern(context.concerns, draft.lower[found.start : found.end]):
        return  # a doubt raised in this interview, taken up: specific to it (seed 003)
    if topics is not None:
        if topics.search(draft.lower, found.start, found.end):
            return
        shown = "; ".join(f"'{p.strip()}'" for p in points[:_SHOWN])
        why = (
            "None of the topics of this interview is mentioned: refer to one of them "
            f"(from the record: {shown}) {_SEED}."
        )
    elif found.specific:
        return
    else:
        why = _WHY
    first = found.sentences[0]
    yield Hit(first.start, first.end, message=why)


RULES = (
    Rule(
        id="personalization.none",
        category=Category.PERSONALIZATION,
        severity=Severity.WARNING,
        message=_WHY,
        seed="002",
        summary=(
            "A thank-you, panel or LinkedIn note with nothing specific to the interview: "
            "none of the record's topics, standouts or concerns, or without a record no "
            "concrete detail (a number, a name, uncommon words)."
        ),
        find=_none,
    ),
)
