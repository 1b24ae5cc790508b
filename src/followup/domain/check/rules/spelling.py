"""Spelling: unknown words, a word typed twice, and sentence case.

Seed 002: "Proofread your message carefully before sending it" and, among the don'ts,
"Forget to proofread for typos or errors." A word is unknown when neither the English
dictionary (:mod:`..dictionary`), the lexicon of technical and business terms nor the
interview record knows it. Names are not this family's: a capitalised word inside a
sentence is taken for a proper noun, and a word close to an interviewer's or the
company's name is left to the name and company families.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.domain.check import dictionary, suggest
from followup.domain.check import wordscan as scan
from followup.domain.check.model import Category, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.text import Draft

_SEED = "seed 002: proofread your message carefully before sending it"
_REPEAT = re.compile(
    r"\b(?<![\-'.])([^\W\d_]++)(?:[ \t]++|[ \t]*+\r?\n[ \t]*+)\1(?![^\W_]|['\-][^\W_])"
)
#: Doubled words that are grammatical ("I know that that ...", "had had").
_REPEAT_OK = frozenset({"that", "had", "ha", "bye", "knock", "tsk"})
#: "i" standing alone; what stands around it is checked after (a cheap pattern to compile).
_LONE_I = re.compile(r"\bi\b")
_CONTRACTION = re.compile(r"['’](?:m|ve|d|ll)\b")
#: Words a sentence may follow without ending ("e.g. the", "Mr. Lee").
_ABBREVIATED = (
    "e.g i.e etc vs approx a.m p.m no nos mr mrs ms dr st inc ltd co jr sr cf al fig "
    "dept est min max incl appx ca esp"
)
_ABBREVIATIONS = frozenset(_ABBREVIATED.split())
_LAST_TOKEN = re.compile(r"([^\W_]+(?:\.[^\W_]+)*)\.\s*$")
#: A greeting's addressee that is not a name ("Hi team", "Dear hiring manager").
_ADDRESSEES = (
    "team all everyone everybody there folks friends friend colleagues colleague panel "
    "hiring manager managers recruiter recruiting recruitment committee sir madam sirs "
    "both again you guys y'all people members member search talent acquisition"
    # What joins two addressees: "Hi Rahul and team".
    " and or"
)
_NOT_NAMES = frozenset(_ADDRESSEES.split())
#: Particles of surnames written in lower case before a capitalised part ("van der Berg",
#: "de la Cruz", "bin Salman").
_PARTICLE_WORDS = (
    "van von der den de del della dei di da das dos do du des la le ten ter bin ibn al el zu "
    "af av y"
)
_PARTICLES = frozenset(_PARTICLE_WORDS.split())


#: The most unknown words reported in one draft.
_MOST = 25


def _unknown(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    chunks = scan.chunks(draft)
    odd = scan.odd_tokens(draft)
    suspects = dictionary.suspicious(set(chunks).difference(odd))
    odd |= suspects
    if not odd or not dictionary.available():
        return
    text, lower = draft.text, draft.lower
    regions = scan.regions(draft)
    record, names = scan.record(a.context)
    odd.difference_update(record)
    greeting = draft.greeting_name
    # In text order (the tokens a chunk held after those that were chunks themselves), and
    # bounded: a text with more unknown words than that is not English prose, and each
    # suggestion costs milliseconds.
    ordered = [c for c in dict.fromkeys(chunks) if c in odd]
    ordered += sorted(odd.difference(ordered))
    reported = 0
    for token in ordered[: _MOST * 8]:
        if reported >= _MOST:
            break
        word = scan.plain(token)
        if word is None or scan.near_name(word, names):
            continue  # the name and company families judge words close to a name
        if token not in suspects and dictionary.is_word(word):
            continue
        spots = []
        proper = False
        for start, end in regions:
            for at in scan.occurrences(lower, token, start, end):
                shown = text[at : at + len(token)]
                in_subject = draft.subject is not None and at < draft.body_start
                if greeting is not None and greeting.start <= at < greeting.end:
                    proper = True
                elif any(c.isupper() for c in shown[1:]) or scan.in_link(text, at):
                    continue  # an acronym, a brand in camel case, an address
                elif text.count("`", text.rfind("\n", 0, at) + 1, at) % 2:
                    continue  # inline code: `kubectl`
                elif shown[0].isupper() and not in_subject and not scan.initial(text, at, start):
                    proper = True  # capitalised inside a sentence: a name
                else:
                    spots.append((at, shown))
        if proper or not spots:
            continue
        if token not in suspects and not suggest.typo(word):
            continue  # a term the dictionary lacks, not a typo (only now: it costs most)
        reported += 1
        yield from _typo_hits(word, spots[:_MOST], token in suspects)


def _typo_hits(word: str, spots: list[tuple[int, str]], rare: bool) -> Iterator[Hit]:
    best = suggest.suggestions(word)
    for at, shown in spots:
        if shown[0].isupper() and not suggest.confident(word):
            continue  # a capitalised word with no close common word: likely a name
        fixes = [s[0].upper() + s[1:] if shown[0].isupper() else s for s in best]
        why = (
            f"“{shown}” is a rare word one slip from a common one"
            if rare
            else f"“{shown}” is not in the English dictionary, the lexicon of technical "
            "terms or the interview record"
        )
        yield Hit(
            at,
            at + len(shown),
            message=f"{why}: a likely typo ({_SEED}).",
            suggestion=", ".join(fixes) or None,
            severity=None if fixes else Severity.INFO,
        )


def _repeated(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    chunks = scan.chunks(draft)
    if not any(map(str.__eq__, chunks, chunks[1:])):
        return  # no word is followed by itself (the exact scan below is slower)
    for start, end in scan.regions(draft):
        for m in _REPEAT.finditer(draft.lower, start, end):
            if m.group(1) in _REPEAT_OK:
                continue
            first = draft.text[m.start() : m.start() + len(m.group(1))]
            yield Hit(m.start(), m.end(), suggestion=first)


def _case(a: Analysis) -> Iterator[Hit]:
    yield from _sentence_starts(a.draft)
    text = a.draft.text
    for start, end in scan.regions(a.draft):
        for m in _LONE_I.finditer(text, start, end):
            before = text[m.start() - 1] if m.start() > start else " "
            after = text[m.end() : m.end() + 2]
            if before in "(-'’./@#_" or after[:1] == ")":
                continue  # "(i)", "i)", a path, a handle
            if after[:1] in "'’" and not _CONTRACTION.match(text, m.end()):
                continue
            if after[:1] in ".-" and after[1:2].isalnum():
                continue  # "i.e.", "i-th"
            yield Hit(
                m.start(),
                m.end(),
                message=f"“I” is always a capital letter ({_SEED}).",
                suggestion="I",
            )
    yield from _greeting_name(a)


def _sentence_starts(draft: Draft) -> Iterator[Hit]:
    text = draft.text
    stop = draft.own_end
    for sentence in draft.sentences:
        at = sentence.start
        while at < sentence.end and text[at] in scan.OPENERS:
            at += 1
        if at >= min(sentence.end, stop) or not text[at].islower():
            continue
        if at > sentence.start and text[sentence.start] in "-*•–—":
            continue  # a list item may start in lower case
        word = scan.TOKEN.match(text, at, sentence.end)
        if word is None or not word.group().isalpha() or scan.in_link(text, at):
            continue  # "e.g.", a number, a handle, a link, "iPhone"
        if any(c.isupper() for c in word.group()) or _continues(text, sentence.start):
            continue
        shown = word.group()
        yield Hit(
            at,
            word.end(),
            message=f"A sentence starts with a lower-case letter ({_SEED}).",
            suggestion=shown[0].upper() + shown[1:],
        )


def _continues(text: str, start: int) -> bool:
    """Whether what ends before ``start`` is an abbreviation or a list number, not a sentence."""
    before = text[max(0, start - 24) : start].rstrip()
    if before.endswith(("...", "…")):
        return True
    last = _LAST_TOKEN.search(before)
    return last is not None and (last.group(1).lower() in _ABBREVIATIONS or last.group(1).isdigit())


def _greeting_name(a: Analysis) -> Iterator[Hit]:
    span = a.draft.greeting_name
    if span is None:
        return
    shown = a.draft.text[span.start : span.end]
    words = shown.split()
    if not any(
        w[:1].islower() and w.lower() not in _NOT_NAMES and not _particle(words, i)
        for i, w in enumerate(words)
    ):
        return
    recorded = [p.name for p in a.context.interviewers] + [a.context.to or ""]
    fix = next((r for r in recorded if r.lower() == shown.lower()), None)
    if fix is None:
        fix = " ".join(w[:1].upper() + w[1:] if w.lower() not in _NOT_NAMES else w for w in words)
    yield Hit(
        span.start,
        span.end,
        message=f"The name in the greeting is in lower case ({_SEED}).",
        suggestion=fix,
    )


def _particle(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a surname particle: a capitalised part of the name follows it."""
    return words[i] in _PARTICLES and any(w[:1].isupper() for w in words[i + 1 :])


RULES = (
    Rule(
        id="spelling.unknown",
        category=Category.SPELLING,
        severity=Severity.WARNING,
        message=(
            "A word not in the English dictionary, the lexicon of technical terms or the "
            f"interview record: a likely typo ({_SEED})."
        ),
        seed="002",
        summary="A word no dictionary, lexicon or record knows; suggestions best first.",
        find=_unknown,
    ),
    Rule(
        id="spelling.repeated",
        category=Category.SPELLING,
        severity=Severity.WARNING,
        message=f"The same word twice in a row ({_SEED}).",
        seed="002",
        summary="A word typed twice: “the the”.",
        find=_repeated,
    ),
    Rule(
        id="spelling.case",
        category=Category.SPELLING,
        severity=Severity.WARNING,
        message=f"A capital letter is missing ({_SEED}).",
        seed="002",
        summary="Sentence case: a sentence in lower case, a lone “i”, a greeting's name.",
        find=_case,
    ),
)
