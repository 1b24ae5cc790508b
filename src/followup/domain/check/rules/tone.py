"""Tone: pushy, desperate, guilt-tripping, ultimatums, sarcasm, demands, hostility.

Seed 000: "be respectful of the employer's time and not come across as pushy or
desperate"; seed 002's don'ts: "Be overly persistent or pushy", "Expect an immediate
response"; seed 003: "avoid being overly aggressive or appearing desperate". Each pattern
names a move a reader resents, not a word: a hedged question about the timeline ("I'm
wondering if you have a timeline") is the advice, not the fault, and passes. The phrase
tables live in :mod:`followup.domain.check.tonephrases`; the finders here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from followup.domain.check import tonephrases as tables
from followup.domain.check.lazy import Lazy
from followup.domain.check.model import Category, Severity
from followup.domain.check.phrases import Phrases
from followup.domain.check.registry import Analysis, Finder, Hit, Rule

#: Asking for speed: pushy when it is the reader's answer that is to hurry.
_HURRY_WORDS = ("as soon as possible", "asap", "immediately", "right away", "urgent")
_HURRY = Lazy(
    r"\b(?:respond|reply|answer|get back to me|hear(?: back)? from you|let me know|update me"
    r"|decide|a decision|an answer|a response|an update)\b[^.!?\n]{0,30}?"
    r"\b(?P<hurry>as soon as possible|asap|immediately|right away|urgently)\b"
)
_UPDATE = re.compile(r"\bany (?:updates?|news)\b")
_RECENT = re.compile(
    r"\b(?:yesterday|earlier today|this morning|last night|hours? ago"
    r"|just (?:spoke|met|talked|interviewed))\b"
)
#: Below this politeness (the fitted model's probability) a mild pushy hit is a warning.
IMPOLITE = 0.35

#: "So much for" is sarcasm at the head of a sentence, gratitude after "thank you".
_THANKS_BEFORE = re.compile(r"(?:thanks?|thank you|appreciate it)(?: (?:very|so))?\s*$")
_SCARE = Lazy(
    r"[\"“'‘](?P<word>updates?|decision|process|timeline|feedback|busy|soon"
    r"|consideration|review|priority|professional|professionalism)[\"”'’](?![\w'])"
)
#: What may stand before an order at the head of a clause ("So send me ...").
_LEAD = Lazy(r"(?:^|[.!?\n:;,])\s*(?:(?:now|just|so|and|then)\s+)?$")
#: A sentence with these is an offer or a condition, not an order ("tell me if you need").
_SOFT = Lazy(
    r"\b(?:if|whenever|should you|in case|please|kindly|questions?|anything|more about"
    r"|more information|any (?:other|further|additional))\b"
)


def _spans(phrases: Phrases, a: Analysis) -> Iterator[Hit]:
    base = a.draft.body_start
    for start, end in phrases.spans(a.draft.body_lower):
        yield Hit(base + start, base + end)


def _marks(phrases: Phrases) -> Finder:
    """The finder that marks every match of one table (a function of this module)."""
    return lambda a: _spans(phrases, a)


def _pushy(a: Analysis) -> Iterator[Hit]:
    low, base = a.draft.body_lower, a.draft.body_start
    yield from _spans(tables.PUSHY, a)
    if any(w in low for w in _HURRY_WORDS):
        for m in _HURRY.finditer(low):
            yield Hit(base + m.start("hurry"), base + m.end("hurry"), suggestion="when you can")
    if "any " in low:
        updates = list(_UPDATE.finditer(low))
        recent = bool(updates) and _RECENT.search(low) is not None
        for i, m in enumerate(updates):
            if i or recent:
                why = "Asking for news again in one note" if i else "Asking for news so soon"
                yield Hit(
                    base + m.start(),
                    base + m.end(),
                    message=f"{why} reads as pushy (seed 002: don't expect an immediate response).",
                )
    mild = Severity.WARNING if a.politeness < IMPOLITE else Severity.INFO
    for m in tables.WHEN.finditer(low):
        yield Hit(base + m.start(), base + m.end(), severity=mild)


def _ultimatum(a: Analysis) -> Iterator[Hit]:
    # "I need to know by Friday" asks for a date more than it sets one: a warning.
    for hit in _spans(tables.ULTIMATUM, a):
        asks = "need to know" in a.draft.lower[hit.start : hit.end]
        yield Hit(hit.start, hit.end, severity=Severity.WARNING) if asks else hit


def _sarcasm(a: Analysis) -> Iterator[Hit]:
    text, low, base = a.draft.text, a.draft.body_lower, a.draft.body_start
    for m in tables.SARCASM.finditer(low):
        before = max(0, m.start() - 30)
        if m.group().startswith("so much") and _THANKS_BEFORE.search(low, before, m.start()):
            continue
        yield Hit(base + m.start(), base + m.end())
    if "'" in low or "‘" in low or '"' in low or "“" in low:
        for m in _SCARE.finditer(low):
            if m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] == "'"):
                continue  # an apostrophe inside a word, not an opening quote
            start, end = base + m.start(), base + m.end()
            yield Hit(start, end, suggestion=text[start + 1 : end - 1])


def _demand(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    low, base = draft.body_lower, draft.body_start
    for m in tables.DEMAND.finditer(low):
        if not _LEAD.search(low, max(0, m.start() - 12), m.start()):
            continue
        start, end = base + m.start(), base + m.end()
        sentences = draft.sentences
        at = bisect_right(sentences, start, key=lambda s: s.start) - 1
        if at >= 0 and _SOFT.search(draft.lower, sentences[at].start, sentences[at].end):
            continue
        verb = draft.text[start:end]
        please = "Please " if verb[:1].isupper() else "please "
        yield Hit(start, end, suggestion=please + verb[:1].lower() + verb[1:])


_W, _E = Severity.WARNING, Severity.ERROR
#: (name, severity, seed, finder, message, summary) of each tone rule.
_TONE: tuple[tuple[str, Severity, str, Finder, str, str], ...] = (
    ("pushy", _W, "000", _pushy,
     "Reads as pushy: ask about the timeline once, politely, and leave the reader room "
     "(seed 000: be respectful of the employer's time and not come across as pushy).",
     "Pushes the reader: 'do you remember me', 'why haven't I heard', 'reply ASAP', "
     "'any updates?' twice or right after the interview; 'when will I hear' and '??' are "
     "info unless the draft reads impolite."),
    ("desperate", _W, "000", _marks(tables.DESPERATE),
     "Reads as desperate: say what you offer the team, not what the job would do for you "
     "(seed 000: not come across as pushy or desperate).",
     "Begging or need: 'I really need this job', 'please give me a chance'."),
    ("guilt", _W, "000", _marks(tables.GUILT),
     "Reads as guilt-tripping: what it cost you to interview is not the reader's debt "
     "(seed 000: be respectful of the employer's time).",
     "Guilt-tripping: 'I took the day off', 'after all I've done', 'you owe me'."),
    ("ultimatum", _E, "003", _ultimatum,
     "An ultimatum: a deadline you set for the employer ends the conversation. With "
     "another offer in hand, say so and ask whether they can share their timeline "
     "(seed 003: avoid being overly aggressive or appearing desperate).",
     "A deadline or a threat: 'I need to hear back by', 'if I don't hear, I will'."),
    ("sarcasm", _W, "000", _sarcasm,
     "Reads as sarcastic: irony does not survive email, and the reader decides on you "
     "(seed 000: maintain a positive relationship with the employer).",
     "Sarcasm: 'thanks for nothing', 'I guess you're busy', scare quotes on 'update'."),
    ("demand", _W, "002", _demand,
     "An order to the reader: ask instead, with 'please' or 'could you' "
     "(seed 002: don't expect an immediate response).",
     "An order without please: 'send me', 'let me know by', 'tell me when'."),
    ("hostile", _E, "000", _marks(tables.HOSTILE),
     "Hostile: whatever happened, this closes the door and may travel "
     "(seed 000: maintain a positive relationship with the employer).",
     "Hostility, often after a rejection: 'your loss', 'a waste of my time'."),
)  # fmt: skip

RULES = tuple(
    Rule(f"tone.{name}", Category.TONE, severity, why, seed, summary, find)
    for name, severity, seed, find, why, summary in _TONE
)
