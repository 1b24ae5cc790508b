"""The checker's values: what a finding is, what the context of a draft is, what a report says.

Public contract (docs/cli.md, ../DESIGN.md): categories and severities are a fixed
vocabulary; rule ids are stable (``family.name`` or ``family.name.detail``); spans are
character offsets into the text as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.domain.policy.config import PolicySettings


class Severity(StrEnum):
    """How bad a finding is: an error blocks sending (exit 1), a warning is advice."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Category(StrEnum):
    """The fixed vocabulary of finding categories (public contract)."""

    SPELLING = "spelling"
    NAME = "name"
    COMPANY = "company"
    PLACEHOLDER = "placeholder"
    GRATITUDE = "gratitude"
    PERSONALIZATION = "personalization"
    GENERIC = "generic"
    INTEREST = "interest"
    TONE = "tone"
    POLITENESS = "politeness"
    LENGTH = "length"
    READABILITY = "readability"
    QUESTIONS = "questions"
    SUBJECT = "subject"
    GREETING = "greeting"
    SIGNOFF = "signoff"
    TIMING = "timing"
    CONCERN = "concern"
    DUPLICATE = "duplicate"
    ATTACHMENT = "attachment"


class Kind(StrEnum):
    """What the draft is (public contract: the values of ``--kind``)."""

    THANK_YOU = "thank-you"
    CHECK_IN = "check-in"
    LINKEDIN = "linkedin"
    PANEL_NOTE = "panel-note"
    ADDITIONAL_INFO = "additional-info"
    CLOSE_THE_LOOP = "close-the-loop"


#: The kinds that thank someone for an interview.
THANKS_KINDS = frozenset({Kind.THANK_YOU, Kind.PANEL_NOTE})
#: The kinds sent as email (a subject, a greeting and a sign-off are expected).
EMAIL_KINDS = frozenset(Kind) - {Kind.LINKEDIN}


@dataclass(frozen=True, slots=True)
class Person:
    """Someone on the interview: the name is what the draft must spell right."""

    name: str
    title: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Previous:
    """A follow-up already sent for this application."""

    kind: str
    sent_at: datetime


@dataclass(frozen=True, slots=True)
class Context:
    """What is known of the interview a draft follows (every field optional).

    Mirrors CONTEXT.json (docs/check-context.md). ``people_elsewhere`` are people of the
    user's other interviews (known only with ``--interview``): naming one in this draft is
    the letter-reuse mistake. ``standouts`` and ``forgotten`` come from the record only.
    ``policy`` makes the timing rules use the numbers the user's plan uses.
    """

    company: str | None = None
    role: str | None = None
    interviewers: tuple[Person, ...] = ()
    interview_start: datetime | None = None
    interview_end: datetime | None = None
    round: str | None = None
    topics: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    decision_date: date | None = None
    previous_followups: tuple[Previous, ...] = ()
    send_at: datetime | None = None
    other_companies: tuple[str, ...] = ()
    sender_name: str | None = None
    to: str | None = None
    attachments: tuple[str, ...] = ()
    other_notes: tuple[str, ...] = ()
    people_elsewhere: tuple[str, ...] = ()
    standouts: tuple[str, ...] = ()
    forgotten: tuple[str, ...] = ()
    #: The user's timing policy (settings `policy_*`); None: the default preset.
    policy: PolicySettings | None = None

    @property
    def known(self) -> bool:
        """Whether anything of the interview is known (record-aware rules need it)."""
        return bool(self.company or self.interviewers or self.topics or self.role)


#: The context of a draft checked on its own.
NO_CONTEXT = Context()


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found: the rule, why, where (character offsets) and the fix."""

    rule: str
    category: Category
    severity: Severity
    message: str
    start: int
    end: int
    suggestion: str | None = None

    def as_json(self) -> dict[str, object]:
        """The finding as the JSON contract spells it."""
        return {
            "rule": self.rule,
            "category": self.category.value,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class Metrics:
    """Measures of the draft: words, politeness probability, reading grade level."""

    words: int
    politeness: float
    grade: float

    def as_json(self) -> dict[str, object]:
        """The metrics as the JSON contract spells them."""
        return {
            "words": self.words,
            "politeness": round(self.politeness, 4),
            "grade": round(self.grade, 1),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The checker's answer: a score from 0 to 100, the findings, the metrics, and why.

    ``account`` says in a few lines what lowered the score, biggest first.
    """

    score: int
    findings: tuple[Finding, ...]
    metrics: Metrics
    account: tuple[str, ...] = field(default=())

    @property
    def errors(self) -> int:
        """How many findings are errors (exit status 1 when any)."""
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    def as_json(self) -> dict[str, object]:
        """The contract's document: exactly ``score``, ``findings`` and ``metrics``.

        The account is left out, as the plan's stateless contract keeps exactly its keys:
        it follows from the findings by the documented score, and a key can be added
        later but never removed. The text output prints it.
        """
        return {
            "score": self.score,
            "findings": [f.as_json() for f in self.findings],
            "metrics": self.metrics.as_json(),
        }
