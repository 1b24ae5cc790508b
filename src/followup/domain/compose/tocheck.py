"""The checker's Context for a draft: the brief, seen from one recipient's note."""

from __future__ import annotations

from followup.domain.check.model import Context, Person
from followup.domain.compose.facts import reader_topics
from followup.domain.compose.model import Brief, Member


def context_for(brief: Brief, member: Member | None, others: tuple[str, ...] = ()) -> Context:
    """What the checker should hold this draft to: the record, its reader, the other notes.

    ``others`` are the notes already written for the other members of the panel, so the
    checker's duplicate rule keeps each note different (seed 003).
    """
    # The topics this reader may be told about: theirs and the interview's, never another
    # interviewer's, or the personalization rule would ask Kenji's note to cite Dana's topic.
    topics = dict.fromkeys(reader_topics(brief, member))
    return Context(
        company=brief.company,
        role=brief.role,
        interviewers=tuple(Person(p.name, p.title, p.email) for p in brief.interviewers),
        interview_start=brief.interview_start,
        interview_end=brief.interview_end,
        round=brief.round,
        topics=tuple(topics),
        concerns=tuple(c.text for c in brief.concerns),
        decision_date=brief.decision_date,
        previous_followups=brief.previous_followups,
        send_at=brief.send_at,
        other_companies=brief.other_companies,
        sender_name=brief.sender.name,
        to=member.name if member is not None else None,
        attachments=brief.attachments,
        other_notes=others,
        people_elsewhere=brief.people_elsewhere,
        standouts=brief.standouts,
        forgotten=brief.forgotten,
        policy=brief.policy,
    )
