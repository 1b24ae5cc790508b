"""Entities as JSON-ready dicts: the schema of every `--format json` output.

These shapes are a public contract (docs/cli.md): add keys freely, never rename or remove.
Datetimes are ISO 8601 in the interview's (or profile's) zone, with the offset.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from followup.domain.model import (
    Application,
    Contact,
    FollowUp,
    Interview,
    Profile,
    Reflection,
    Reply,
)


def _plain(entity: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(entity):
        value = getattr(entity, f.name)
        if hasattr(value, "value") and isinstance(value.value, str):
            value = value.value
        elif isinstance(value, datetime) or hasattr(value, "isoformat"):
            value = value.isoformat()
        out[f.name] = value
    return out


def profile(p: Profile) -> dict[str, Any]:
    """A profile."""
    return _plain(p)


def application(a: Application) -> dict[str, Any]:
    """An application."""
    data = _plain(a)
    data.pop("profile_id", None)
    return {"id": data.pop("id"), **data}


def contact(c: Contact) -> dict[str, Any]:
    """A contact."""
    data = _plain(c)
    data.pop("profile_id", None)
    return {"id": data.pop("id"), **data}


def interview(i: Interview) -> dict[str, Any]:
    """An interview, its times in its own zone."""
    zone = ZoneInfo(i.timezone)
    return {
        "id": i.id,
        "application_id": i.application_id,
        "round": i.round.value,
        "format": i.format.value,
        "start": i.start.astimezone(zone).isoformat(),
        "end": i.end.astimezone(zone).isoformat(),
        "timezone": i.timezone,
        "location": i.location,
        "interviewers": [
            {**contact(person.contact), "topics": list(person.topics)} for person in i.interviewers
        ],
        "topics": list(i.topics),
        "standouts": list(i.standouts),
        "questions_asked": list(i.questions_asked),
        "concerns": [{"text": c.text, "better_answer": c.better_answer} for c in i.concerns],
        "forgotten": list(i.forgotten),
        "questions_to_ask": list(i.questions_to_ask),
        "decision_date": i.decision_date.isoformat() if i.decision_date else None,
        "decision_note": i.decision_note,
        "notes": i.notes,
    }


def reflection(r: Reflection | None) -> dict[str, Any] | None:
    """A reflection, or None."""
    if r is None:
        return None
    data = _plain(r)
    data.pop("interview_id", None)
    return data


def followup(f: FollowUp) -> dict[str, Any]:
    """A planned follow-up."""
    return _plain(f)


def reply(r: Reply) -> dict[str, Any]:
    """A reply from the employer."""
    return _plain(r)
