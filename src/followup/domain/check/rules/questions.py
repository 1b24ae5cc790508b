"""Questions: too many of them, or ones the company's own website already answers.

Boomerang's study of 40 million emails: messages asking 1-3 questions got the most
replies. Seed 003: "ask meaningful questions about the role or the company ... Avoid
generic questions that can be easily answered by a quick glance at the company website."
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache, lru_cache

from followup.domain.check.model import THANKS_KINDS, Category, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.text import Draft, Span

#: More questions than this in one message is a questionnaire, not a follow-up.
MAX_QUESTIONS = 3

#: What may follow the question mark that ends a question.
_CLOSERS = frozenset("\"'”’)]")
_ORG_WORDS = r"company|organi[sz]ation|firm|business|startup|agency"
_ORG = r"(?:" + _ORG_WORDS + r")"
_YOUR = r"(?:your|the|this)(?: " + _ORG + r"'s)?"
#: Questions whose answer is on the company's own site (matched on lower-case text).
#: Every branch starts with "wh" or "how" (see :func:`_matches`).
_ANSWERED = (
    r"\bwhat (?:exactly )?(?:does|do) (?:your|the|this) " + _ORG + r" (?:do|make|sell)\b"
    r"|\bwhat (?:your|the|this) " + _ORG + r" (?:does|makes|sells)\b"
    r"|\bwhat (?:is|are) " + _YOUR + r" (?:main |core |key )?"
    r"(?:products|services|product line|(?:product|service)(?=\s*\?))\b"
    # "What is your vision for the team?" asks the interviewer, and is a good question.
    r"|\bwhat (?:is|are) (?:your|(?:your|the|this) " + _ORG + r"'s) "
    r"(?:mission|vision|core values|values)\b(?! (?:for|of|on) )"
    r"|\bwhat (?:your|the|this)(?: " + _ORG + r"'s| " + _ORG + r")? (?:main |core |key )?"
    r"(?:products|services) (?:are|is)\b"
    r"|\bwhat (?:products?|services?) (?:do you|does (?:your|the) " + _ORG + r") "
    r"(?:offer|sell|make|provide)\b"
    r"|\bwhere (?:are you|is (?:your|the) " + _ORG + r"|are (?:your|the) offices"
    r"|is (?:your|the) (?:office|head ?quarters|hq)) (?:located|based|headquartered)\b"
    r"|\bwhere (?:is|are) (?:your|the " + _ORG + r"'s) (?:head ?quarters|hq|offices)\b"
    r"|\bwhere (?:your|the) (?:" + _ORG_WORDS + r"|offices?|head ?quarters|hq) (?:is|are) "
    r"(?:located|based|headquartered)\b"
    r"|\bhow many (?:employees|staff|offices|locations)\b"
    r"|\bhow many people (?:work|are employed) (?:at|for|in) (?:your|the) " + _ORG + r"\b"
    r"|\bhow (?:big|large) is (?:your|the) " + _ORG + r"\b"
    r"|\b(?:when|what year) was (?:your|the) " + _ORG + r" (?:founded|started|established)\b"
    r"|\bwho (?:founded|started) (?:your|the) " + _ORG + r"\b"
    r"|\bwho is (?:your|the) (?:ceo|founder)\b"
    r"|\bwhat industry (?:are you|is (?:your|the) " + _ORG + r") in\b"
)
#: Pay questions: they belong to an offer conversation, not to a thank-you note.
_SALARY = (
    r"\bwhat (?:is|will be|would be|'s) the (?:starting |base )?(?:salary|pay|compensation|"
    r"salary range|pay range)\b"
    r"|\bhow much (?:does|will|would) (?:the|this) (?:role|position|job) pay\b"
    r"|\bwhat (?:does|will|would) (?:the|this) (?:role|position|job) pay\b"
)

_MANY_WHY = (
    f"More than {MAX_QUESTIONS} questions turn a follow-up into a questionnaire: keep the "
    "one or two that matter most (Boomerang's study of 40 million emails: 1-3 questions "
    "got the most replies)."
)
_ANSWERED_WHY = (
    "The company's own website answers this question: ask about the team, the role or "
    "what the interviewer said instead (seed 003: avoid generic questions that can be "
    "easily answered by a quick glance at the company website)."
)
_SALARY_WHY = (
    "A thank-you note is for gratitude and one specific point, not for pay: ask about "
    "salary when an offer is discussed (seed 003: ask meaningful questions about the role "
    "or the company)."
)


#: What makes a sentence ask something: a question mark, or words of asking.
_ASK_MARKS = (
    "?",
    "wonder",
    "curious",
    "could you",
    "can you",
    "would you",
    "tell me",
    "let me know",
    "like to know",
    "love to know",
)


@lru_cache(maxsize=4)
def _asked(draft: Draft) -> tuple[Span, ...]:
    """The sentences that ask something, in text order (cached: two rules read them).

    Found by plain substring search, then matched one sentence at a time: the patterns
    are long alternations that would cost tens of microseconds run over a whole draft.
    """
    sentences = draft.sentences
    if not sentences:
        return ()
    starts = [s.start for s in sentences]
    low, base = draft.lower, draft.body_start
    found: set[int] = set()
    for needle in _ASK_MARKS:
        at = low.find(needle, base)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            if i < 0:
                at = low.find(needle, at + 1)
                continue
            found.add(i)
            at = low.find(needle, max(at + 1, sentences[i].end))
    return tuple(sentences[i] for i in sorted(found))


def _sentence_at(draft: Draft, at: int) -> Span:
    """The sentence holding offset ``at`` (the draft's sentences cover every word)."""
    sentences = draft.sentences
    i = bisect_right([s.start for s in sentences], at) - 1
    if 0 <= i < len(sentences) and sentences[i].start <= at < sentences[i].end:
        return sentences[i]
    return Span(at, at + 1)


def _question_marks(text: str, start: int) -> list[int]:
    """Where the questions of ``text[start:]`` end.

    A question ends with a run of '?' followed by a space, a closing quote or bracket, or
    the end of the text; a '?' inside a link's query string ends none.

    A ``str.find`` loop: a regex scan for '?' costs thirty times as much in CPython.
    """
    out: list[int] = []
    size = len(text)
    at = text.find("?", start)
    while at >= 0:
        end = at + 1
        while end < size and text[end] == "?":
            end += 1
        if end == size or text[end].isspace() or text[end] in _CLOSERS:
            out.append(at)
        at = text.find("?", end)
    return out


def _many(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    if draft.text.count("?", draft.body_start) <= MAX_QUESTIONS:
        return
    marks = _question_marks(draft.text, draft.body_start)
    if len(marks) <= MAX_QUESTIONS:
        return
    first = _sentence_at(draft, marks[MAX_QUESTIONS])
    last = _sentence_at(draft, marks[-1])
    yield Hit(
        first.start,
        max(first.end, last.end),
        message=f"{len(marks)} questions: {_MANY_WHY}",
    )


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _matches(a: Analysis, pattern: str) -> Iterator[Hit]:
    """The sentences that ask and match ``pattern`` (a branch starts "wh" or "how").

    "I read about what your company does" is said, not asked: not a question to flag.
    A sentence without "wh" or "how" cannot match: it is skipped, and the pattern (a
    long alternation, ~6 ms to compile) is compiled only for a draft that needs it.
    """
    low = a.draft.lower
    for span in _asked(a.draft):
        start, end = span.start, span.end
        if low.find("wh", start, end) < 0 and low.find("how", start, end) < 0:
            continue
        if _compiled(pattern).search(low, start, end):
            yield Hit(start, end)


def poor_question(question: str) -> bool:
    """Whether a question is one a follow-up should not ask: the site answers it, or pay.

    The composer uses it to pass over such a question from the record (seed 003: ask
    meaningful questions the company's website does not answer).
    """
    low = question.lower().replace("\u2019", "'")
    if low.find("wh") < 0 and low.find("how") < 0:
        return False
    return bool(_compiled(_ANSWERED).search(low) or _compiled(_SALARY).search(low))


def _answered(a: Analysis) -> Iterator[Hit]:
    return _matches(a, _ANSWERED)


def _salary(a: Analysis) -> Iterator[Hit]:
    if a.draft.kind not in THANKS_KINDS:
        return iter(())
    return _matches(a, _SALARY)


RULES = (
    Rule(
        id="questions.many",
        category=Category.QUESTIONS,
        severity=Severity.WARNING,
        message=_MANY_WHY,
        seed="Boomerang",
        summary="More than three questions in one message.",
        find=_many,
    ),
    Rule(
        id="questions.answered",
        category=Category.QUESTIONS,
        severity=Severity.WARNING,
        message=_ANSWERED_WHY,
        seed="003",
        summary="A question the company's site answers: what it does, its products, its size.",
        find=_answered,
    ),
    Rule(
        id="questions.salary",
        category=Category.QUESTIONS,
        severity=Severity.WARNING,
        message=_SALARY_WHY,
        seed="003",
        summary="A question about pay in a thank-you or panel note.",
        find=_salary,
    ),
)
