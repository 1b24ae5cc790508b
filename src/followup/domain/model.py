"""The domain model: what a job search is made of.

Every entity is a frozen dataclass; changes go through :func:`dataclasses.replace`.
Datetimes are always timezone-aware; dates are plain :class:`datetime.date`.
Validation lives in :mod:`followup.domain.validate`; the constructors here trust their
input so the store can rebuild entities cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Round(StrEnum):
    """Which round of the hiring process an interview was."""

    SCREEN = "screen"
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    FINAL = "final"


class Format(StrEnum):
    """How the interview took place."""

    PHONE = "phone"
    VIDEO = "video"
    ONSITE = "onsite"
    PANEL = "panel"


class Status(StrEnum):
    """Where an application stands."""

    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_RESPONSE = "no-response"

    @property
    def active(self) -> bool:
        """True while the application can still move forward."""
        # The member is a str: no trip through Enum's ``value`` descriptor (the planner
        # asks once per plan, and that descriptor costs more than the rest of the test).
        return self in _ACTIVE


_ACTIVE = frozenset({"applied", "interviewing"})

#: The statuses `followup outcome` may set: the ends of an application.
OUTCOMES: tuple[Status, ...] = (
    Status.OFFER,
    Status.REJECTED,
    Status.WITHDRAWN,
    Status.NO_RESPONSE,
)


class Culture(StrEnum):
    """The company's culture, as far as the user can tell (seed 003: channel choice)."""

    FORMAL = "formal"
    NEUTRAL = "neutral"
    CASUAL = "casual"


class Channel(StrEnum):
    """How a follow-up reaches its recipient."""

    EMAIL = "email"
    LINKEDIN = "linkedin"
    PHONE = "phone"
    MAIL = "mail"
    #: The user's own steps (reflect, keep applying): nothing is sent.
    SELF = "self"


class FollowUpKind(StrEnum):
    """What a planned follow-up is (DESIGN.md: the plan contract's kinds)."""

    REFLECTION = "reflection"
    THANK_YOU = "thank-you"
    PANEL_NOTE = "panel-note"
    LINKEDIN = "linkedin"
    CHECK_IN = "check-in"
    CLOSE_THE_LOOP = "close-the-loop"
    AVAILABILITY_REQUEST = "availability-request"
    CALL = "call"
    ADDITIONAL_INFO = "additional-info"
    ADDRESS_CONCERN = "address-concern"
    KEEP_APPLYING = "keep-applying"


class FollowUpStatus(StrEnum):
    """The life of a planned follow-up."""

    PLANNED = "planned"
    DRAFTED = "drafted"
    SCHEDULED = "scheduled"
    SENT = "sent"
    DONE = "done"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


#: The statuses of a step that still waits for the user.
PENDING = frozenset({FollowUpStatus.PLANNED, FollowUpStatus.DRAFTED, FollowUpStatus.SCHEDULED})
#: The steps that are the user's own (reflect, keep applying): nothing is sent or drafted.
OWN_KINDS = frozenset({FollowUpKind.REFLECTION, FollowUpKind.KEEP_APPLYING})
#: Kinds in declaration order: the tie-break wherever steps are listed by target.
KIND_ORDER: dict[FollowUpKind, int] = {kind: i for i, kind in enumerate(FollowUpKind)}


class MessageStatus(StrEnum):
    """The life of a message in the outbox."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class ReplyKind(StrEnum):
    """What a detected answer from the employer says, as far as it is known."""

    REPLY = "reply"
    INVITATION = "invitation"
    OFFER = "offer"
    REJECTION = "rejection"


#: How a reply was tied to its application: it answered one of our messages (thread), came
#: from a contact's address, from the company's domain, or the user recorded it by hand.
MATCHED_BY = ("thread", "address", "domain", "manual")


@dataclass(frozen=True, slots=True)
class Profile:
    """The job seeker."""

    name: str
    email: str | None = None
    signature: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    timezone: str = "UTC"
    country: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Application:
    """One job the user applied for, at one company."""

    company: str
    role: str
    profile_id: int | None = None
    posting_url: str | None = None
    industry: str | None = None
    culture: Culture = Culture.NEUTRAL
    company_timezone: str | None = None
    company_country: str | None = None
    preferred_channel: Channel | None = None
    status: Status = Status.INTERVIEWING
    applied_on: date | None = None
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """A person at a company: an interviewer, a recruiter, a hiring manager."""

    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    timezone: str | None = None
    company: str | None = None
    profile_id: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Interviewer:
    """A contact's part in one interview: who they are and what they talked about."""

    contact: Contact
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Concern:
    """An answer the user wants to improve, and the better answer if they have one."""

    text: str
    better_answer: str | None = None


@dataclass(frozen=True, slots=True)
class Interview:
    """One round of an application, as the user remembers it."""

    application_id: int | None
    start: datetime
    end: datetime
    timezone: str
    round: Round = Round.FIRST
    format: Format = Format.VIDEO
    location: str | None = None
    interviewers: tuple[Interviewer, ...] = ()
    topics: tuple[str, ...] = ()
    standouts: tuple[str, ...] = ()
    questions_asked: tuple[str, ...] = ()
    concerns: tuple[Concern, ...] = ()
    forgotten: tuple[str, ...] = ()
    questions_to_ask: tuple[str, ...] = ()
    decision_date: date | None = None
    decision_note: str | None = None
    notes: str = ""
    id: int | None = None

    @property
    def all_topics(self) -> tuple[str, ...]:
        """The interview's topics followed by each interviewer's, without repeats."""
        seen: dict[str, None] = dict.fromkeys(self.topics)
        for person in self.interviewers:
            seen.update(dict.fromkeys(person.topics))
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Reflection:
    """What the user thinks of an interview afterwards (seed 001)."""

    interview_id: int
    went_well: str = ""
    to_improve: str = ""
    forgotten: str = ""
    notes: str = ""
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A planned action: what to send, to whom, through which channel, and when."""

    application_id: int
    kind: FollowUpKind
    interview_id: int | None = None
    recipient_id: int | None = None
    channel: Channel = Channel.EMAIL
    earliest: datetime | None = None
    target: datetime | None = None
    latest: datetime | None = None
    status: FollowUpStatus = FollowUpStatus.PLANNED
    rule: str = ""
    reason: str = ""
    done_at: datetime | None = None
    #: Counts the follow-ups of one kind to one recipient after one interview: check-in 1,
    #: check-in 2 (the plan's Step.number); with the rest, it is what a re-plan matches on.
    number: int = 1
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Message:
    """The text of a follow-up: a draft, or what was sent."""

    followup_id: int
    body: str
    subject: str | None = None
    attachments: tuple[str, ...] = ()
    check_report: str | None = None
    message_id: str | None = None
    status: MessageStatus = MessageStatus.DRAFT
    sent_at: datetime | None = None
    #: The outbox: when it goes out, to whom (as scheduled), the thread it continues, and
    #: how its sending went (attempts made, why the last one failed).
    send_at: datetime | None = None
    to_name: str | None = None
    to_email: str | None = None
    in_reply_to: str | None = None
    attempts: int = 0
    error: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer from the employer."""

    application_id: int
    received_at: datetime
    message_id: int | None = None
    sender: str | None = None
    subject: str | None = None
    snippet: str | None = None
    kind: ReplyKind = ReplyKind.REPLY
    #: A new decision date the answer promised ("we will decide by the 15th"), if any.
    decision_date: date | None = None
    #: The answer's own Message-ID (found by `followup sync`), and how it was matched
    #: (one of MATCHED_BY; None for answers recorded before followup knew).
    header_id: str | None = None
    matched_by: str | None = None
    id: int | None = None
