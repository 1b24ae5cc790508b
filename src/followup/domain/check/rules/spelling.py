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
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from operator import methodcaller

from followup.domain.check import dictionary
from followup.domain.check.model import Category, Context, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.text import Draft

_SEED = "seed 002: proofread your message carefully before sending it"
_TOKEN = re.compile(r"[^\W_]+(?:['\-.][^\W_]+)*")
#: Characters that may stand between a sentence's start and its first word.
_OPENERS = " \t\"'“‘(*•-–—"
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
#: An address, a link, a handle, a path: "and/or" is none of them.
_LINK = re.compile(r"[@#]|://|www\.|^/|[^\W_]\.[^\W_]+/")
_LAST_TOKEN = re.compile(r"([^\W_]+(?:\.[^\W_]+)*)\.\s*$")
#: A greeting's addressee that is not a name ("Hi team", "Dear hiring manager").
_ADDRESSEES = (
    "team all everyone everybody there folks friends friend colleagues colleague panel "
    "hiring manager managers recruiter recruiting recruitment committee sir madam sirs "
    "both again you guys y'all people members member search talent acquisition"
)
_NOT_NAMES = frozenset(_ADDRESSEES.split())


def _words(texts: Iterable[str | None]) -> set[str]:
    return {t for s in texts if s for t in _TOKEN.findall(s.lower().replace("’", "'"))}


def _record(context: Context) -> tuple[frozenset[str], tuple[str, ...]]:
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
def _near_name(word: str, names: tuple[str, ...]) -> bool:
    """Within two edits of a name (one for a name of four letters or fewer)."""
    return any(dictionary.distance(word, n) <= (2 if len(n) > 4 else 1) for n in names)


def _plain(token: str) -> str | None:
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


def _initial(text: str, at: int, floor: int) -> bool:
    """Whether the word at ``at`` opens a sentence, a line or a clause after a colon."""
    i = at - 1
    while i >= floor and text[i] in _OPENERS:
        i -= 1
    return i < floor or text[i] in ".!?…:\n\r"


def _in_link(text: str, at: int) -> bool:
    """Whether the word at ``at`` is part of an address, a link or a handle."""
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [e for e in (text.find(" ", at), text.find("\n", at)) if e >= 0]
    chunk = text[start : min(ends) if ends else len(text)]
    return _LINK.search(chunk) is not None


def _occurrences(lower: str, token: str, start: int, end: int) -> Iterator[int]:
    """Where ``token`` stands as a whole word in ``lower[start:end]``."""
    at = lower.find(token, start, end)
    while at >= 0:
        after = at + len(token)
        before_ok = at == start or not (
            lower[at - 1].isalnum()
            or (lower[at - 1] in "'-." and at - 2 >= start and lower[at - 2].isalnum())
        )
        whole = _TOKEN.match(lower, at, end)
        if before_ok and whole is not None and whole.end() == after:
            yield at
        at = lower.find(token, at + 1, end)


def _regions(draft: Draft) -> list[tuple[int, int]]:
    """The stretches checked: the subject line and the body up to the signature."""
    out = []
    if draft.subject is not None:
        out.append((draft.subject.start, draft.subject.end))
    body_end = draft.signoff.end if draft.signoff is not None else len(draft.text)
    out.append((draft.body_start, body_end))
    return out


#: The most unknown words reported in one draft.
_MOST = 25
_STRIP = methodcaller("strip", "\"'“”‘’()[]{}<>*_.,;:!?…–—-/\\|~^`+=&%$#@")


@lru_cache(maxsize=16)
def _chunks(draft: Draft) -> list[str]:
    """The checked text's lower-case words as split on white space, punctuation stripped.

    Shared by the rules of this family (one split per draft): most words are then found in
    the dictionary with one set operation, and only the rest are tokenised.
    """
    lower = draft.lower
    return [c for s, e in _regions(draft) for c in map(_STRIP, lower[s:e].split()) if c]


def _odd_tokens(draft: Draft) -> set[str]:
    """The tokens of the checked text that the dictionary does not list as they stand."""
    odd = dictionary.not_listed(_chunks(draft))
    if not odd:
        return odd
    # A chunk may hold several tokens ("and/or", "it.thanks"): tokenise only those.
    words = set(filter(str.isalpha, odd))
    mixed = odd.difference(words)
    return words | dictionary.not_listed(t for chunk in mixed for t in _TOKEN.findall(chunk))


def _unknown(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    chunks = _chunks(draft)
    odd = _odd_tokens(draft)
    suspects = dictionary.suspicious(set(chunks).difference(odd))
    odd |= suspects
    if not odd or not dictionary.available():
        return
    text, lower = draft.text, draft.lower
    regions = _regions(draft)
    record, names = _record(a.context)
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
        word = _plain(token)
        if word is None or _near_name(word, names):
            continue  # the name and company families judge words close to a name
        if token not in suspects and dictionary.is_word(word):
            continue
        spots = []
        proper = False
        for start, end in regions:
            for at in _occurrences(lower, token, start, end):
                shown = text[at : at + len(token)]
                in_subject = draft.subject is not None and at < draft.body_start
                if greeting is not None and greeting.start <= at < greeting.end:
                    proper = True
                elif any(c.isupper() for c in shown[1:]) or _in_link(text, at):
                    continue  # an acronym, a brand in camel case, an address
                elif text.count("`", text.rfind("\n", 0, at) + 1, at) % 2:
                    continue  # inline code: `kubectl`
                elif shown[0].isupper() and not in_subject and not _initial(text, at, start):
                    proper = True  # capitalised inside a sentence: a name
                else:
                    spots.append((at, shown))
        if proper or not spots:
            continue
        reported += 1
        yield from _typo_hits(word, spots[:_MOST], token in suspects)


def _typo_hits(word: str, spots: list[tuple[int, str]], rare: bool) -> Iterator[Hit]:
    best = dictionary.suggestions(word)
    for at, shown in spots:
        if shown[0].isupper() and not dictionary.confident(word):
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
    chunks = _chunks(draft)
    if not any(map(str.__eq__, chunks, chunks[1:])):
        return  # no word is followed by itself (the exact scan below is slower)
    for start, end in _regions(draft):
        for m in _REPEAT.finditer(draft.lower, start, end):
            if m.group(1) in _REPEAT_OK:
                continue
            first = draft.text[m.start() : m.start() + len(m.group(1))]
            yield Hit(m.start(), m.end(), suggestion=first)


def _case(a: Analysis) -> Iterator[Hit]:
    yield from _sentence_starts(a.draft)
    text = a.draft.text
    for start, end in _regions(a.draft):
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
    stop = draft.signoff.end if draft.signoff is not None else len(text)
    for sentence in draft.sentences:
        at = sentence.start
        while at < sentence.end and text[at] in _OPENERS:
            at += 1
        if at >= min(sentence.end, stop) or not text[at].islower():
            continue
        if at > sentence.start and text[sentence.start] in "-*•–—":
            continue  # a list item may start in lower case
        word = _TOKEN.match(text, at, sentence.end)
        if word is None or not word.group().isalpha() or _in_link(text, at):
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
    if not any(w[:1].islower() and w.lower() not in _NOT_NAMES for w in words):
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
