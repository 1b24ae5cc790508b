"""A draft read once for every rule: subject, body, greeting, sign-off, words, sentences.

Every span is a character offset into the text exactly as given, so a rule can point at
what it found whatever the text holds (emoji, right-to-left marks, NUL, lone surrogates).
Each part is worked out on first use and kept: most drafts are read by twenty rules.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import NamedTuple

from followup.domain.check.model import Kind

_SUBJECT = re.compile(r"[ \t]*subject[ \t]*:[ \t]*(?P<subject>[^\r\n]*)(?:\r\n|\r|\n|$)", re.I)
#: Combining marks belong to the letter before them: "Jose\u0301" (as macOS writes José)
#: is one word, not "Jose" and a stray accent.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
#: A letter or a combining mark, for the patterns of names and words.
LETTER = rf"(?:[^\W_]|[{_MARKS}])"
_LETTERS = rf"[^\W_]{LETTER}*"
_WORD = re.compile(rf"{_LETTERS}(?:['’\-.]{_LETTERS})*", re.UNICODE)
#: The same without combining marks: several times faster, for the texts that have none.
_PLAIN_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")
_MARK = re.compile(f"[{_MARKS}]")


def _words_of(text: str) -> re.Pattern[str]:
    """The word pattern for ``text``: the fast one unless it holds a combining mark."""
    return _WORD if _MARK.search(text) else _PLAIN_WORD


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*(?:\s+|$)|\n[ \t]*\n|\n(?=[ \t]*[-*•])")
_LINE = re.compile(r"[^\r\n]*")
#: Words a greeting line opens with.
GREETINGS = (
    "dear",
    "hi",
    "hello",
    "hey",
    "good morning",
    "good afternoon",
    "good evening",
    "greetings",
    "to whom it may concern",
)
_GREETING = re.compile(
    r"[ \t]*(?:" + "|".join(re.escape(g) for g in GREETINGS) + r")\b[^\r\n]{0,80}",
    re.I,
)
#: Closing words a sign-off line opens with.
SIGNOFFS = (
    "best",
    "best regards",
    "best wishes",
    "with best wishes",
    "with best regards",
    "with kind regards",
    "with thanks and best wishes",
    "kind regards",
    "kindest regards",
    "warm wishes",
    "yours faithfully",
    "warm regards",
    "warmest regards",
    "regards",
    "sincerely",
    "yours sincerely",
    "sincerely yours",
    "respectfully",
    "thanks",
    "thank you",
    "many thanks",
    "thanks again",
    "with thanks",
    "with gratitude",
    "cheers",
    "all the best",
    "warmly",
    "yours truly",
    "talk soon",
    "looking forward",
)
#: A word of a name: it starts with a capital (or a letter of a script without case).
_NAME_WORD = r"(?-i:[^\W\d_a-zß-öø-ÿ])[\w'’.\-]*"
_SIGNOFF = re.compile(
    r"[ \t]*(?:" + "|".join(re.escape(s) for s in SIGNOFFS) + r")\b"
    r"(?:[ \t]+(?:again|so much|very much|in advance|for everything"
    r"|for (?:your|the) (?:time|consideration|opportunity|help)))?[ \t]*[,.!—–-]?"
    r"(?:[ \t]*" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r"){0,3})?[ \t]*$",
    re.I,
)


class Word(NamedTuple):
    """A word and where it is: ``text[start:end]``.

    A named tuple, not a dataclass: a draft makes one per word, and a tuple is built
    several times faster.
    """

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        """The word in lower case, curly apostrophes made straight."""
        return self.text.lower().replace("’", "'")


class Span(NamedTuple):
    """A stretch of the text: ``text[start:end]``."""

    start: int
    end: int


class Draft:
    """One draft as the rules see it."""

    def __init__(self, text: str, kind: Kind) -> None:
        self.text = text
        self.kind = kind
        found = _SUBJECT.match(text)
        if found is not None:
            self.subject: Span | None = Span(found.start("subject"), found.end("subject"))
            self.body_start = found.end()
        else:
            self.subject = None
            self.body_start = 0

    @property
    def subject_text(self) -> str | None:
        """The subject line's text, or None without a ``Subject:`` first line."""
        return None if self.subject is None else self.text[self.subject.start : self.subject.end]

    @cached_property
    def body(self) -> str:
        """The text after the subject line."""
        return self.text[self.body_start :]

    @cached_property
    def lower(self) -> str:
        """The whole text in lower case with straight apostrophes (same length as text)."""
        return same_length_lower(self.text)

    @cached_property
    def body_lower(self) -> str:
        """The body in lower case with straight apostrophes; offsets + body_start."""
        return self.lower[self.body_start :]

    @cached_property
    def words(self) -> tuple[Word, ...]:
        """Every word of the body, in order."""
        base = self.body_start
        return tuple(
            Word(m.start() + base, m.end() + base, m.group())
            for m in _words_of(self.body).finditer(self.body)
        )

    @cached_property
    def subject_words(self) -> tuple[Word, ...]:
        """Every word of the subject line."""
        if self.subject is None:
            return ()
        base = self.subject.start
        line = self.text[self.subject.start : self.subject.end]
        return tuple(
            Word(m.start() + base, m.end() + base, m.group())
            for m in _words_of(line).finditer(line)
        )

    @cached_property
    def word_count(self) -> int:
        """How many words the body has."""
        return len(self.words)

    @cached_property
    def lines(self) -> tuple[Span, ...]:
        """The body's non-blank lines."""
        base = self.body_start
        return tuple(
            Span(m.start() + base, m.end() + base)
            for m in _LINE.finditer(self.body)
            if m.group().strip()
        )

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """The body's sentences (a blank line or a list item also ends one)."""
        out: list[Span] = []
        base, body, start = self.body_start, self.body, 0
        for m in _SENTENCE_END.finditer(body):
            if body[start : m.start()].strip():
                out.append(_trimmed(body, start, m.start(), base))
            start = m.end()
        if body[start:].strip():
            out.append(_trimmed(body, start, len(body), base))
        return tuple(out)

    @cached_property
    def greeting(self) -> Span | None:
        """The greeting (``Dear Ana,``) when the body's first line opens with one.

        It ends at the first comma, colon, exclamation mark or dash ("Hi Marcus! I just
        read..." greets with "Hi Marcus!"), else with the line when that is short.
        """
        if not self.lines:
            return None
        first = self.lines[0]
        found = _GREETING.match(self.text, first.start, first.end)
        if found is None:
            return None
        cut = _GREETING_END.search(self.text, found.start(), min(first.end, found.start() + 80))
        if cut is not None:
            return _trimmed(self.text, found.start(), cut.end(), 0)
        if first.end - found.start() <= 60:
            return _trimmed(self.text, found.start(), first.end, 0)
        return None

    @cached_property
    def greeting_name(self) -> Span | None:
        """The name in the greeting (``Ana Ruiz`` in ``Dear Ana Ruiz,``), if it names one."""
        if self.greeting is None:
            return None
        line = self.text[self.greeting.start : self.greeting.end]
        opener = _GREETING_OPENER.match(line)
        if opener is None:
            return None
        rest = line[opener.end() :]
        cut = _GREETING_END.search(rest)
        name = rest[: cut.start()] if cut else rest
        start = self.greeting.start + opener.end()
        stripped = name.strip()
        if not stripped:
            return None
        offset = name.index(stripped)
        return Span(start + offset, start + offset + len(stripped))

    @cached_property
    def signoff(self) -> Span | None:
        """The closing line (``Best regards,``), when one of the last four lines is one."""
        for line in reversed(self.lines[-4:]):
            if _SIGNOFF.match(self.text, line.start, line.end):
                return _trimmed(self.text, line.start, line.end, 0)
        return None

    @cached_property
    def after_signoff(self) -> str:
        """What follows the closing line: the sender's name and contact details."""
        if self.signoff is None:
            return ""
        return self.text[self.signoff.end :].strip()

    @cached_property
    def own_end(self) -> int:
        """Where the draft's own words end: after the closing line, else at the text's end.

        What follows the closing is the signature (a name, a phone number, a link), which
        the word and name rules do not judge.
        """
        return self.signoff.end if self.signoff is not None else len(self.text)

    def span_of(self, needle: str, *, start: int = 0) -> Span | None:
        """Where ``needle`` (lower case) first occurs in the text, case-insensitively."""
        at = self.lower.find(needle, start)
        return None if at < 0 else Span(at, at + len(needle))


_GREETING_END = re.compile(r"[,:!;]|\s[-–—](?:\s|$)")
_GREETING_OPENER = re.compile(
    r"\s*(?:dear|hi|hello|hey|good morning|good afternoon|good evening|greetings)\b[ \t]*",
    re.I,
)


def same_length_lower(text: str) -> str:
    """``text`` in lower case with straight apostrophes, one character for one.

    ``str.lower`` turns a few characters into two (``İ``); offsets found in the result
    must still point into the original.
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.replace("’", "'")


def _trimmed(text: str, start: int, end: int, base: int) -> Span:
    """The span of ``text[start:end]`` without surrounding white space, shifted by base."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start + base, end + base)
