"""Rows to entities: shared by the store and the fast SQLite reader, so no SQLAlchemy here.

A row is any mapping from column name to an already-decoded value (aware datetimes,
dates), as SQLAlchemy's RowMapping or fastread's decoded sqlite3 rows give them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from followup.domain.model import (
    Application,
    Channel,
    Concern,
    Contact,
    Culture,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Format,
    Interview,
    Interviewer,
    Message,
    MessageStatus,
    Profile,
    Reply,
    ReplyKind,
    Round,
    Status,
)

Row = Mapping[Any, Any]

#: interview_items.kind -> the Interview attribute holding that list.
ITEM_FIELDS = {
    "topic": "topics",
    "standout": "standouts",
    "question_asked": "questions_asked",
    "forgotten": "forgotten",
    "question_to_ask": "questions_to_ask",
}


def pipeline_entries(rows: Iterable[Row]) -> list[tuple[Application, Interview | None, int]]:
    """The pipeline query's rows (ordered by application, then interview ID) as entries.

    Each application once, with its latest interview (no lists) and its interview count;
    when two interviews share the latest start, the lower ID wins.
    """
    result: dict[int, tuple[Application, Interview | None, int]] = {}
    for row in rows:
        if row["id"] in result:
            continue
        interview = None
        if row["interview_id"] is not None:
            interview = Interview(
                id=row["interview_id"],
                application_id=row["id"],
                round=Round(row["round"]),
                format=Format(row["format"]),
                start=row["starts_at"],
                end=row["ends_at"],
                timezone=row["timezone"],
                location=row["location"],
                decision_date=row["decision_date"],
                decision_note=row["decision_note"],
                notes=row["interview_notes"],
            )
        result[row["id"]] = (to_application(row), interview, row["n"] or 0)
    return list(result.values())


def to_profile(row: Row) -> Profile:
    return Profile(
        id=row["id"],
        name=row["name"],
        email=row["email"],
        signature=row["signature"],
        phone=row["phone"],
        linkedin=row["linkedin"],
        timezone=row["timezone"],
        country=row["country"],
    )


def to_application(row: Row) -> Application:
    return Application(
        id=row["id"],
        profile_id=row["profile_id"],
        company=row["company"],
        role=row["role"],
        posting_url=row["posting_url"],
        industry=row["industry"],
        culture=Culture(row["culture"]),
        company_timezone=row["company_timezone"],
        company_country=row["company_country"],
        preferred_channel=Channel(row["preferred_channel"]) if row["preferred_channel"] else None,
        status=Status(row["status"]),
        applied_on=row["applied_on"],
        notes=row["notes"],
    )


def to_contact(row: Row) -> Contact:
    return Contact(
        id=row["id"],
        profile_id=row["profile_id"],
        name=row["name"],
        title=row["title"],
        email=row["email"],
        phone=row["phone"],
        linkedin=row["linkedin"],
        timezone=row["timezone"],
        company=row["company"],
    )


def to_interview(
    row: Row, people: Sequence[tuple[int, Contact]], items: Sequence[Row]
) -> Interview:
    lists: dict[str, list[str]] = {name: [] for name in ITEM_FIELDS.values()}
    per_person: dict[int, list[str]] = {}
    concerns: list[Concern] = []
    for item in items:
        if item["kind"] == "concern":
            concerns.append(Concern(item["text"], item["detail"]))
        elif item["kind"] == "topic" and item["contact_id"] is not None:
            per_person.setdefault(item["contact_id"], []).append(item["text"])
        else:
            lists[ITEM_FIELDS[item["kind"]]].append(item["text"])
    interviewers = tuple(
        Interviewer(contact, tuple(per_person.get(contact.id or 0, ())))
        for _, contact in sorted(people, key=lambda pair: pair[0])
    )
    return Interview(
        id=row["id"],
        application_id=row["application_id"],
        round=Round(row["round"]),
        format=Format(row["format"]),
        start=row["starts_at"],
        end=row["ends_at"],
        timezone=row["timezone"],
        location=row["location"],
        interviewers=interviewers,
        topics=tuple(lists["topics"]),
        standouts=tuple(lists["standouts"]),
        questions_asked=tuple(lists["questions_asked"]),
        concerns=tuple(concerns),
        forgotten=tuple(lists["forgotten"]),
        questions_to_ask=tuple(lists["questions_to_ask"]),
        decision_date=row["decision_date"],
        decision_note=row["decision_note"],
        notes=row["notes"],
    )


def to_followup(row: Row) -> FollowUp:
    return FollowUp(
        id=row["id"],
        application_id=row["application_id"],
        interview_id=row["interview_id"],
        recipient_id=row["recipient_id"],
        kind=FollowUpKind(row["kind"]),
        channel=Channel(row["channel"]),
        earliest=row["earliest"],
        target=row["target"],
        latest=row["latest"],
        status=FollowUpStatus(row["status"]),
        rule=row["rule"],
        reason=row["reason"],
        done_at=row["done_at"],
    )


def to_message(row: Row) -> Message:
    return Message(
        id=row["id"],
        followup_id=row["followup_id"],
        subject=row["subject"],
        body=row["body"],
        attachments=tuple(json.loads(row["attachments"] or "[]")),
        check_report=row["check_report"],
        message_id=row["message_id"],
        status=MessageStatus(row["status"]),
        sent_at=row["sent_at"],
    )


def to_reply(row: Row) -> Reply:
    return Reply(
        id=row["id"],
        application_id=row["application_id"],
        message_id=row["message_id"],
        received_at=row["received_at"],
        sender=row["sender"],
        subject=row["subject"],
        snippet=row["snippet"],
        kind=ReplyKind(row["kind"]),
    )
