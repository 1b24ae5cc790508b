"""A concern from the record that a thank-you or additional-information draft leaves alone.

Seed 003 names "failing to address any concerns or doubts that arose during the
interview" among the common mistakes, and asks the follow-up to address them. A concern
counts as addressed when the draft uses at least one of its distinctive words, loosely
stemmed ("scaling" meets "scale", "managed" meets "management"; a word that begins with a
stem of four letters or more is its kin: "scalability" for "scale"). Distinctive: not a
function word, and not one of the words every follow-up uses anyway ("experience",
"role", "team"), which would make any draft seem to answer any concern; a concern made
only of such words ("they felt I lack experience") gives nothing to look for, and the
rule stays quiet on it rather than guess. Loose on purpose: the rule cannot judge whether the
answer is good, only whether the draft goes near the subject at all, and a concern
touched on in other words is a false alarm the user silences once.

One finding for all the unaddressed concerns (they are one omission), hung on the
subject line, else the first line (see :func:`.timing.anchor`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from followup.domain.check.model import Category, Kind, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.rules.timing import anchor

#: The drafts that should take up a concern (seed 003).
_KINDS = frozenset({Kind.THANK_YOU, Kind.PANEL_NOTE, Kind.ADDITIONAL_INFO})
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
#: A stem this long matches any word that begins with it.
_PREFIX = 4
#: A whole word from where it starts (the text is lower case, apostrophes straight).
_REST = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_STOP_WORDS = """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your
    yours yourself yourselves i'm i've didn't don't wasn't weren't isn't aren't couldn't
    wouldn't might may must shall also enough maybe perhaps really quite rather much many
    well still yet even though although whether"""
_STOP = frozenset(_STOP_WORDS.split())
#: Words nearly every follow-up or concern uses: never the distinctive part of a concern.
_COMMON_WORDS = """
    experience experiences experienced skill skills role roles position job team teams
    company work working worked interview interviews interviewer question questions answer
    answers answered answering concern concerns concerned worry worried doubt doubts
    thing things lack lacking limited little enough strong stronger weak weaker weakness
    good better best bad more less time times year years candidate opportunity need needs
    needed want wanted think thought know knew feel felt seem seemed seems sure unsure
    clear unclear able ability abilities make made get got bit lot"""
_COMMON = frozenset(_COMMON_WORDS.split())
_SKIP = _STOP | _COMMON
#: Suffixes before which a final consonant doubles, and the consonants that do.
_DOUBLING = frozenset({"ings", "ing", "ed", "ers", "er"})
_DOUBLED = frozenset("bdgmnprt")
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "es",
    "ed",
    "ly",
    "ers",
    "er",
    "s",
)


def stem(word: str) -> str:
    """A loose stem: one common suffix off, then a final "e".

    "scaling" and "scale" give "scal", "managers" and "management" "manag", "running"
    and "run" "run"; "process"
    keeps its "ss", "status" its "us", "speed" its "ed", "family" its "ly".
    """
    word = word.replace("’", "'").removesuffix("'s")
    for suffix in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        if (
            (suffix == "s" and word.endswith(("ss", "us", "is")))
            or (suffix == "ed" and word.endswith("eed"))
            or (suffix == "ly" and len(word) < 7)
        ):
            continue
        word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
        # "running", "planned", "bigger": one of a doubled consonant goes with the suffix.
        if suffix in _DOUBLING and len(word) > 3 and word[-1] == word[-2] and word[-1] in _DOUBLED:
            word = word[:-1]
        break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


@lru_cache(maxsize=1024)  # keyed on the record's concerns: few per user
def key_stems(concern: str) -> frozenset[str]:
    """The stems of a concern's distinctive words (none: nothing to look for)."""
    words = [w.lower() for w in _WORD.findall(concern)]
    # Two letters are enough for an acronym or a language ("AI", "Go", "QA").
    return frozenset(stem(w) for w in words if (len(w) >= 2 or w.isdigit()) and w not in _SKIP)


@lru_cache(maxsize=1024)
def _starts(keys: frozenset[str]) -> tuple[str, ...]:
    """How a word with one of these stems begins (a stem's "y" may be "ies" in the text)."""
    return tuple(sorted({k[:-1] if k.endswith("y") and len(k) > 2 else k for k in keys}))


def addressed(keys: frozenset[str], low: str) -> bool:
    """Whether the text (lower case) has a word of the kin of one of ``keys``.

    ``str.find`` for where each stem begins a word: a stem of four letters or more matches
    there, a shorter one only when the word found there has that stem. Stemming every word
    of every draft (or one regex alternation over the text) costs several times more, and
    this runs on every thank-you with a concern on record.
    """
    for start in _starts(keys):
        at = low.find(start)
        while at >= 0:
            before = low[at - 1] if at else " "
            if not (before.isalnum() or before == "_"):
                # A word that begins with a stem of four letters or more is its kin
                # ("scal": "scalability", "commun": "communicator"); a shorter stem ("run",
                # "ai") must be the word's own, or "airline" would answer "AI".
                if len(start) >= _PREFIX:
                    return True
                word = _REST.match(low, at)
                if word is not None and stem(word.group()) in keys:
                    return True
            at = low.find(start, at + 1)
    return False


def _quote(concern: str) -> str:
    text = " ".join(concern.split())
    return f"“{text[:77]}…”" if len(text) > 80 else f"“{text}”"


def _unaddressed(a: Analysis) -> Iterator[Hit]:
    concerns = a.context.concerns
    if not concerns or a.draft.kind not in _KINDS:
        return
    draft = a.draft
    # The whole text: the subject counts, and so do the greeting and the signature (harmless).
    low = draft.lower
    missed = [c for c in concerns if (keys := key_stems(c)) and not addressed(keys, low)]
    if not missed:
        return
    quoted = "; ".join(_quote(c) for c in missed)
    plural = len(missed) > 1
    why = (
        f"The record notes {'concerns' if plural else 'a concern'} from the interview that "
        f"this draft does not take up: {quoted}. Add a sentence or two that "
        f"answer{'' if plural else 's'} {'them' if plural else 'it'}, with an example or "
        f"the information you left out (seed 003: address any concerns or doubts that arose "
        f"during the interview)."
    )
    yield Hit(*anchor(draft), message=why)


RULES = (
    Rule(
        id="concern.unaddressed",
        category=Category.CONCERN,
        severity=Severity.WARNING,
        message="A concern from the interview is left unaddressed (seed 003: address any "
        "concerns).",
        seed="003",
        summary="A concern in the record that a thank-you, panel note or additional-information "
        "draft does not mention (none of its distinctive words, loosely stemmed).",
        find=_unaddressed,
    ),
)
