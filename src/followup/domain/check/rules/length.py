"""Length by kind: an email body too long or too short, a LinkedIn note over its limit.

Boomerang's study of 40 million emails found the best reply rates for bodies of 50-125
words; seed 000 says "keep your messages brief and to the point". The checker is also
given single phrases to judge, so "too short" is only said of a whole message (a
subject, a greeting, a sign-off or several sentences): a one-line phrase is not a draft.

The limits are module constants so that a setting can change them later.
"""

from __future__ import annotations

from collections.abc import Iterator

from followup.domain.check.model import Category, Kind, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.rules.signoff import closes, closing
from followup.domain.check.text import Draft, Word

#: Body words past which a hint (info) and then advice (warning) is given, per email kind.
#: Boomerang: 50-125 words answered best; a panel note goes to one member of several and
#: says one specific thing, so its range is shorter.
LONG: dict[Kind, tuple[int, int]] = {
    Kind.THANK_YOU: (125, 200),
    Kind.CHECK_IN: (125, 200),
    Kind.ADDITIONAL_INFO: (125, 200),
    Kind.CLOSE_THE_LOOP: (125, 200),
    Kind.PANEL_NOTE: (100, 150),
}
#: A whole message with fewer body words than this is too short to be specific. A thank-you
#: must say something of the interview; a panel note one thing; a check-in asks one
#: question, an additional-information note sends what was promised and a closing note
#: answers an offer or a no: a line each, so only a near-empty one is too short.
SHORT: dict[Kind, int] = {
    Kind.THANK_YOU: 25,
    Kind.PANEL_NOTE: 15,
    Kind.ADDITIONAL_INFO: 12,
    Kind.CHECK_IN: 12,
    Kind.CLOSE_THE_LOOP: 8,
}
#: LinkedIn refuses a connection note longer than this (characters).
LINKEDIN_LIMIT = 300
#: The limit for a free account's connection note: a hint by default
#: (``length.linkedin.free``, silenced by premium users), an error for a free account
#: (``check_enable = "length.linkedin.free-account"``).
LINKEDIN_FREE_LIMIT = 200
#: A text with at least this many sentences is a whole message even without a greeting.
WHOLE_SENTENCES = 3

_BOOMERANG = "Boomerang's study of 40 million emails: bodies of 50-125 words got the most replies"
_LONG_WHY = (
    "The message is longer than it needs to be: cut it to one specific point, one line of "
    f"interest and one offer ({_BOOMERANG}; seed 000: keep your messages brief and to the point)."
)
_SHORT_WHY = (
    "The message is too short to say anything specific about this interview: add one "
    f"thing you discussed and why it matters to you ({_BOOMERANG})."
)
_LINKEDIN_WHY = (
    f"LinkedIn refuses a connection note over {LINKEDIN_LIMIT} characters: cut it to one "
    "personal line (seed 001: send the interviewer a connection request with a personalized "
    "note)."
)
_FREE_WHY = (
    f"A free LinkedIn account's connection note takes at most {LINKEDIN_FREE_LIMIT} "
    "characters: the part marked would be cut (seed 001: a connection request with a "
    "personalized note). Silence length.linkedin.free with a premium account."
)
_FREE_ACCOUNT_WHY = (
    f"Your free LinkedIn account takes a connection note of at most {LINKEDIN_FREE_LIMIT} "
    "characters: the part marked would be refused; cut it to one personal line (seed 001: a "
    "connection request with a personalized note)."
)


def is_whole(draft: Draft) -> bool:
    """Whether the text reads as a whole message rather than a phrase quoted from one.

    A subject line, a greeting, a closing line or several sentences make a message:
    length.short and readability.grade judge only those (the checker is also handed
    single phrases quoted from a message, which are short by nature).
    """
    return (
        draft.subject is not None
        or draft.greeting is not None
        or closes(draft)
        or len(draft.sentences) >= WHOLE_SENTENCES
    )


def message_words(draft: Draft) -> tuple[Word, ...]:
    """The body's words before the closing line: the signature is not the message."""
    words = draft.words
    found = closing(draft)
    if found is None:
        return words
    cut = found[0].start
    n = len(words)
    while n and words[n - 1].start >= cut:
        n -= 1
    return words[:n]


def _long(a: Analysis) -> Iterator[Hit]:
    limits = LONG.get(a.draft.kind)
    if limits is None:
        return
    words = message_words(a.draft)
    n = len(words)
    info, warning = limits
    if n <= info:
        return
    past = warning if n > warning else info
    message = (
        f"{n} words: {_LONG_WHY}"
        if n > warning
        else f"{n} words, past the {info} that answer best: the marked part is where to cut "
        f"({_BOOMERANG})."
    )
    yield Hit(
        words[past].start,
        words[-1].end,
        message=message,
        severity=None if n > warning else Severity.INFO,
    )


def _short(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    least = SHORT.get(draft.kind)
    if least is None or not is_whole(draft):
        return
    words = message_words(draft)
    if words and len(words) < least:
        yield Hit(words[0].start, words[-1].end, message=f"{len(words)} words: {_SHORT_WHY}")


def _linkedin(a: Analysis, limit: int) -> Iterator[Hit]:
    draft = a.draft
    if draft.kind is not Kind.LINKEDIN:
        return
    body = draft.body
    start = draft.body_start + len(body) - len(body.lstrip())
    end = draft.body_start + len(body.rstrip())
    size = end - start
    if size > limit and (limit == LINKEDIN_LIMIT or size <= LINKEDIN_LIMIT):
        yield Hit(start + limit, end)


def _linkedin_hard(a: Analysis) -> Iterator[Hit]:
    return _linkedin(a, LINKEDIN_LIMIT)


def _linkedin_free(a: Analysis) -> Iterator[Hit]:
    return _linkedin(a, LINKEDIN_FREE_LIMIT)


def _linkedin_free_account(a: Analysis) -> Iterator[Hit]:
    return _linkedin(a, LINKEDIN_FREE_LIMIT)


RULES = (
    Rule(
        id="length.long",
        category=Category.LENGTH,
        severity=Severity.WARNING,
        message=_LONG_WHY,
        seed="Boomerang",
        summary="An email body past 200 words (info past 125; a panel note past 150 and 100).",
        find=_long,
    ),
    Rule(
        id="length.short",
        category=Category.LENGTH,
        severity=Severity.WARNING,
        message=_SHORT_WHY,
        seed="Boomerang",
        summary="A whole email under 25 words (a panel note 15, a check-in or additional "
        "information 12, a close 8).",
        find=_short,
    ),
    Rule(
        id="length.linkedin",
        category=Category.LENGTH,
        severity=Severity.ERROR,
        message=_LINKEDIN_WHY,
        seed="001",
        summary="A LinkedIn connection note over 300 characters, which LinkedIn refuses.",
        find=_linkedin_hard,
    ),
    Rule(
        id="length.linkedin.free",
        category=Category.LENGTH,
        severity=Severity.INFO,
        message=_FREE_WHY,
        seed="001",
        summary="A LinkedIn note over 200 characters, a free account's limit.",
        find=_linkedin_free,
    ),
    Rule(
        id="length.linkedin.free-account",
        category=Category.LENGTH,
        severity=Severity.ERROR,
        message=_FREE_ACCOUNT_WHY,
        seed="001",
        summary="The free-account setting: a LinkedIn note over 200 characters is an error "
        '(check_enable = "length.linkedin.free-account").',
        find=_linkedin_free_account,
        default=False,
    ),
)
