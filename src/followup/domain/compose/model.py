"""The composer's values: what a draft is written from, and what the composer hands back.

A :class:`Brief` is everything the record knows that a follow-up can use, for one
interview of one application. It is built by the services, from the store or from a
CONTEXT.json (docs/draft-context.md); the composer never reads either. A
:class:`Composed` is one finished draft: its text, the variant it came from, the checker's
report on it, and what the user could add to the record to make it better.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from followup.domain.check.model import Kind, Previous, Report

if TYPE_CHECKING:
    from followup.domain.policy.config import PolicySettings


class DraftKind(StrEnum):
    """What can be drafted (the values of `followup draft --kind`).

    The plan's kinds that are sent to someone, plus a voicemail (what to say when the call
    of a ``call`` step goes unanswered) and a handwritten card (seed 003's case study: a
    note to each member of the panel).
    """

    THANK_YOU = "thank-you"
    PANEL_NOTE = "panel-note"
    LINKEDIN = "linkedin"
    CHECK_IN = "check-in"
    ADDITIONAL_INFO = "additional-info"
    ADDRESS_CONCERN = "address-concern"
    CLOSE_THE_LOOP = "close-the-loop"
    AVAILABILITY_REQUEST = "availability-request"
    CALL = "call"
    VOICEMAIL = "voicemail"
    CARD = "card"


class Shape(StrEnum):
    """How a draft is delivered, which decides the parts it has."""

    #: Subject line, greeting, body, sign-off and signature.
    EMAIL = "email"
    #: A connection note: no subject, no signature, at most 300 characters.
    NOTE = "note"
    #: Words to say: a phone script or a voicemail. No subject, no written sign-off.
    SPOKEN = "spoken"
    #: A handwritten card: greeting, a few lines, a signed name; no subject.
    CARD = "card"


@dataclass(frozen=True, slots=True)
class KindSpec:
    """How a draft kind is written and checked."""

    #: The checker's kind whose rules fit this draft best.
    check_kind: Kind
    shape: Shape
    #: Checker rule prefixes that do not apply to this shape (a script has no subject).
    silence: tuple[str, ...] = ()
    #: Whether one draft goes to each interviewer (else one draft to the main contact).
    per_person: bool = False


#: What a script has not: a subject, a written sign-off, attachments. Nor is a call a chase
#: the timing rules judge: the plan places it at the time the employer gave (seed 003).
_SPOKEN_SILENCE = (
    "subject",
    "signoff",
    "greeting.missing",
    "length.short",
    "attachment",
    "timing",
)

SPECS: dict[DraftKind, KindSpec] = {
    DraftKind.THANK_YOU: KindSpec(Kind.THANK_YOU, Shape.EMAIL, per_person=True),
    DraftKind.PANEL_NOTE: KindSpec(Kind.PANEL_NOTE, Shape.EMAIL, per_person=True),
    DraftKind.LINKEDIN: KindSpec(Kind.LINKEDIN, Shape.NOTE, per_person=True),
    DraftKind.CHECK_IN: KindSpec(Kind.CHECK_IN, Shape.EMAIL),
    DraftKind.ADDITIONAL_INFO: KindSpec(Kind.ADDITIONAL_INFO, Shape.EMAIL),
    DraftKind.ADDRESS_CONCERN: KindSpec(Kind.ADDITIONAL_INFO, Shape.EMAIL),
    DraftKind.CLOSE_THE_LOOP: KindSpec(Kind.CLOSE_THE_LOOP, Shape.EMAIL),
    DraftKind.AVAILABILITY_REQUEST: KindSpec(Kind.CHECK_IN, Shape.EMAIL),
    DraftKind.CALL: KindSpec(Kind.CHECK_IN, Shape.SPOKEN, _SPOKEN_SILENCE),
    DraftKind.VOICEMAIL: KindSpec(Kind.CHECK_IN, Shape.SPOKEN, _SPOKEN_SILENCE),
    DraftKind.CARD: KindSpec(Kind.THANK_YOU, Shape.CARD, ("subject",), per_person=True),
}


@dataclass(frozen=True, slots=True)
class Member:
    """One interviewer as a draft sees them: who they are and what they talked about."""

    name: str
    title: str | None = None
    email: str | None = None
    #: What this person discussed (seed 003: each note draws on its reader's part).
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ConcernNote:
    """An answer the user fumbled, and the better answer if they wrote one (seed 003)."""

    text: str
    better_answer: str | None = None


@dataclass(frozen=True, slots=True)
class Sender:
    """The job seeker, as a draft signs: name, and what goes under it."""

    name: str | None = None
    #: The user's own signature block, used as written (lines after the name).
    signature: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None


@dataclass(frozen=True, slots=True)
class Brief:
    """What the record knows of one interview, for drafting its follow-ups (all optional).

    ``send_at`` is when the draft would go out (the checker's timing rules); the composer
    never reads the clock. ``other_companies`` and ``people_elsewhere`` are the names a
    draft must never contain (the letter-reuse mistake, seed 002).
    """

    company: str | None = None
    role: str | None = None
    round: str | None = None
    format: str | None = None
    culture: str | None = None
    industry: str | None = None
    interviewers: tuple[Member, ...] = ()
    topics: tuple[str, ...] = ()
    standouts: tuple[str, ...] = ()
    concerns: tuple[ConcernNote, ...] = ()
    forgotten: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    decision_date: date | None = None
    interview_start: datetime | None = None
    interview_end: datetime | None = None
    sender: Sender = field(default_factory=Sender)
    attachments: tuple[str, ...] = ()
    previous_followups: tuple[Previous, ...] = ()
    send_at: datetime | None = None
    other_companies: tuple[str, ...] = ()
    people_elsewhere: tuple[str, ...] = ()
    policy: PolicySettings | None = None

    def member(self, name: str) -> Member | None:
        """The interviewer called ``name`` (full or first name, any case or accent), if one is."""
        from followup.domain.policy.people import key

        want = key(name)
        for person in self.interviewers:
            if want == key(person.name):
                return person
        firsts = [p for p in self.interviewers if key(p.name).split()[:1] == [want]]
        return firsts[0] if len(firsts) == 1 else None


@dataclass(frozen=True, slots=True)
class Missing:
    """Something the record lacks that would make a draft better, and how to add it."""

    #: The record's field, as `followup edit` names it (``topics``, ``decision_date``).
    field: str
    #: Why the draft wants it, citing the seed.
    why: str
    #: The option of `followup edit` (or `followup init`) that adds it.
    option: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """One variant as rendered and checked: the composer's working and its account."""

    variant: str
    text: str
    report: Report


@dataclass(frozen=True, slots=True)
class Composed:
    """A finished draft: never with an error-severity finding, never with a placeholder."""

    kind: DraftKind
    to: Member | None
    subject: str | None
    body: str
    #: The variant's name: the template file's stem (``2``, or the user's ``warm``).
    variant: str
    report: Report
    missing: tuple[Missing, ...] = ()
    #: Every variant tried, best first (for `--variant` and the text output's summary).
    candidates: tuple[Candidate, ...] = ()

    @property
    def text(self) -> str:
        """The draft as the checker reads it: ``Subject: ...`` first when there is one."""
        return self.body if self.subject is None else f"Subject: {self.subject}\n\n{self.body}"
