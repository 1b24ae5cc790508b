"""What the record lacks for a draft, and the option that adds it (never a placeholder).

Where the record is silent a template leaves the sentence out; this module says what that
cost, so the user can add it to the record and draft again (seed 002: personalize; never
send a generic note). Some kinds cannot be written at all without their subject:
:func:`required` names it.
"""

from __future__ import annotations

from followup.domain.compose.facts import reader_topics
from followup.domain.compose.model import Brief, DraftKind, Member, Missing

_TOPICS = Missing(
    "topics",
    "a note that names what you discussed is remembered (seed 001: mention specific points)",
    "followup edit ID --topic TEXT (--topic 'Name: topic' for one interviewer's; the flag "
    "replaces the list, so give every topic)",
)
_PEOPLE = Missing(
    "interviewers",
    "each interviewer gets a note of their own, greeted by name (seeds 002, 003)",
    "followup edit ID --interviewer NAME",
)
_DECISION = Missing(
    "decision_date",
    "a check-in belongs about a week after the promised decision date (seed 001)",
    "followup edit ID --decision DATE",
)
_SENDER = Missing(
    "profile name",
    "a note is signed with your name (seed 002: proofread the closing)",
    "followup init --name NAME",
)
_ROLE = Missing(
    "role",
    "naming the role shows which opening you mean (seed 003: reinforce your interest)",
    "followup edit ID --role TEXT",
)
_STANDOUT = Missing(
    "standouts",
    "a standout moment makes the note memorable (seed 002: mention standout moments)",
    "followup edit ID --standout TEXT (the flag replaces the list, so give every one)",
)
_QUESTION = Missing(
    "questions to ask",
    "one question the company's site does not answer shows engagement (seed 003)",
    "followup edit ID --ask TEXT (the flag replaces the list, so give every one)",
)
_PHONE = Missing(
    "profile phone",
    "a voicemail ends with a number to call back",
    "followup init --phone NUMBER",
)

#: The record field each kind cannot be written without, and what to add.
_REQUIRED: dict[DraftKind, tuple[str, Missing]] = {
    DraftKind.ADDRESS_CONCERN: (
        "concerns",
        Missing(
            "concerns",
            "this note answers a concern you recorded (seed 003: address any concerns)",
            "followup edit ID --concern 'TEXT => the better answer' (the flag replaces the "
            "list, so give every concern)",
        ),
    ),
    DraftKind.ADDITIONAL_INFO: (
        "forgotten",
        Missing(
            "forgotten",
            "this note offers what you forgot to mention (seed 003: offer additional information)",
            "followup edit ID --forgot TEXT (the flag replaces the list, so give every one)",
        ),
    ),
}


def required(brief: Brief, kind: DraftKind) -> Missing | None:
    """What the record must hold before a draft of ``kind`` can be written, if it lacks it."""
    if kind in _TO_A_PERSON and not brief.interviewers:
        # A panel note thanks one member; a connection request goes to one person.
        return _PEOPLE
    need = _REQUIRED.get(kind)
    if need is None:
        return None
    field, missing = need
    if field == "concerns" and brief.concerns:
        return None
    if field == "forgotten" and (brief.forgotten or brief.attachments):
        return None
    return missing


def missing(brief: Brief, kind: DraftKind, member: Member | None) -> tuple[Missing, ...]:
    """What the record could add to make this draft better, most useful first."""
    out: list[Missing] = []
    # Another interviewer's topics are not this reader's: the note cannot use them.
    has_topics = bool(reader_topics(brief, member))
    if kind in _THANKS and not has_topics:
        out.append(_TOPICS)
    if not brief.interviewers and kind is not DraftKind.CLOSE_THE_LOOP:
        out.append(_PEOPLE)
    if kind is DraftKind.CHECK_IN and brief.decision_date is None:
        out.append(_DECISION)
    if not brief.role:
        out.append(_ROLE)
    if kind in _THANKS and not brief.standouts:
        out.append(_STANDOUT)
    if kind in (DraftKind.THANK_YOU, DraftKind.CHECK_IN) and not brief.questions:
        out.append(_QUESTION)
    if kind is DraftKind.VOICEMAIL and not brief.sender.phone:
        out.append(_PHONE)
    if not brief.sender.name:
        out.append(_SENDER)
    return tuple(out)


#: Kinds written to one named person: without an interviewer there is no one to write to.
_TO_A_PERSON = frozenset({DraftKind.PANEL_NOTE, DraftKind.LINKEDIN})
_THANKS = frozenset({DraftKind.THANK_YOU, DraftKind.PANEL_NOTE, DraftKind.LINKEDIN, DraftKind.CARD})
