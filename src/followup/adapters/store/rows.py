"""Rows to entities: shared by the store and the fast SQLite reader, so no SQLAlchemy here.

A row is any mapping from column name to an already-decoded value (aware datetimes,
dates), as SQLAlchemy's RowMapping or fastread's decoded sqlite3 rows give them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields, replace
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar, get_args, get_type_hints

from followup.domain.model import (
    Application,
    Concern,
    Contact,
    FollowUp,
    Format,
    Interview,
    Interviewer,
    Message,
    Profile,
    Reply,
    Round,
)

Row = Mapping[Any, Any]
E = TypeVar("E")

#: interview_items.kind -> the Interview attribute holding that list.
ITEM_FIELDS = {
    "topic": "topics",
    "standout": "standouts",
    "question_asked": "questions_asked",
    "forgotten": "forgotten",
    "question_to_ask": "questions_to_ask",
}


def _from_row(cls: type[E], row: Row, **given: Any) -> E:
    """An entity from the columns named like its fields; enums from their stored value."""
    values: dict[str, Any] = {}
    for name, convert in _converters(cls):
        if name in given:
            values[name] = given[name]
        elif name in row:
            value = row[name]
            values[name] = convert(value) if convert is not None and value is not None else value
    return cls(**values)


_CONVERTERS: dict[type, tuple[tuple[str, type[StrEnum] | None], ...]] = {}


def _converters(cls: type) -> tuple[tuple[str, type[StrEnum] | None], ...]:
    """Each field of an entity with the enum its stored string must become, if any."""
    if cls not in _CONVERTERS:
        hints = get_type_hints(cls)
        _CONVERTERS[cls] = tuple(
            (
                f.name,
                next((t for t in get_args(hints[f.name]) or (hints[f.name],) if _is_enum(t)), None),
            )
            for f in fields(cls)
        )
    return _CONVERTERS[cls]


def _is_enum(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, StrEnum)


def to_profile(row: Row) -> Profile:
    """A profile from its row."""
    return _from_row(Profile, row)


def to_application(row: Row) -> Application:
    """An application from its row."""
    return _from_row(Application, row)


def to_contact(row: Row) -> Contact:
    """A contact from its row."""
    return _from_row(Contact, row)


def to_followup(row: Row) -> FollowUp:
    """A planned follow-up from its row (a NULL number, from an older backup, is 1)."""
    return _from_row(FollowUp, row, number=row.get("number") or 1)


def to_message(row: Row) -> Message:
    """A message from its row (attachments are stored as a JSON list)."""
    return _from_row(
        Message,
        row,
        attachments=tuple(json.loads(row["attachments"] or "[]")),
        attempts=row.get("attempts") or 0,
    )


def to_reply(row: Row) -> Reply:
    """A reply from its row."""
    return _from_row(Reply, row)


class PendingRow(NamedTuple):
    """A pending follow-up with what showing it needs: its recipient and whose clock.

    ``recipient_timezone`` is the contact's own zone, ``interview_timezone`` the zone of
    the interview the step belongs to (None when the row has no recipient or interview).
    """

    followup: FollowUp
    recipient: str | None
    recipient_timezone: str | None
    interview_timezone: str | None


#: The statuses of a follow-up that still waits for the user, as stored.
PENDING_STATUSES = ("planned", "drafted", "scheduled")
#: The columns a FollowUp is made of (not its uid and stamps): what the plan's reads select.
FOLLOWUP_COLUMNS = (
    "id", "application_id", "interview_id", "recipient_id", "kind", "channel", "earliest",
    "target", "latest", "status", "rule", "reason", "done_at", "number",
)  # fmt: skip


def pending_entries(rows: Iterable[Row]) -> list[PendingRow]:
    """The rows of the first-pending-follow-ups query (a follow-up, three joined columns)."""
    return [
        PendingRow(
            to_followup(row),
            row["recipient_name"],
            row["recipient_timezone"],
            row["interview_timezone"],
        )
        for row in rows
    ]


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
            interview = _bare_interview(
                row,
                ident=row["interview_id"],
                application_id=row["id"],
                notes=row["interview_notes"],
            )
        result[row["id"]] = (to_application(row), interview, row["n"] or 0)
    return list(result.values())


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
    return replace(
        _bare_interview(
            row, ident=row["id"], application_id=row["application_id"], notes=row["notes"]
        ),
        interviewers=interviewers,
        topics=tuple(lists["topics"]),
        standouts=tuple(lists["standouts"]),
        questions_asked=tuple(lists["questions_asked"]),
        concerns=tuple(concerns),
        forgotten=tuple(lists["forgotten"]),
        questions_to_ask=tuple(lists["questions_to_ask"]),
    )


def _bare_interview(row: Row, *, ident: int, application_id: int, notes: str) -> Interview:
    """An interview's own columns, without its people and lists."""
    return Interview(
        id=ident,
        application_id=application_id,
        round=Round(row["round"]),
        format=Format(row["format"]),
        start=row["starts_at"],
        end=row["ends_at"],
        timezone=row["timezone"],
        location=row["location"],
        decision_date=row["decision_date"],
        decision_note=row["decision_note"],
        notes=notes,
    )
