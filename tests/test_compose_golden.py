"""Golden drafts: a handful of records, every kind, the exact text handed out.

A change to a template or to the composer shows here as a diff to read. After a wanted
change, write the files again with ``FOLLOWUP_UPDATE_GOLDEN=1 pytest tests/test_compose_golden.py``
and review the diff before committing.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup.domain.compose.composer import ComposeError, compose_all
from followup.domain.compose.model import Brief, ConcernNote, DraftKind, Member, Sender

GOLDEN = Path(__file__).parent / "golden" / "drafts"
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def _at(zone: ZoneInfo, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=zone)  # type: ignore[misc]


RECORDS: dict[str, Brief] = {
    # One interviewer, everything recorded.
    "analyst": Brief(
        company="Northwind Labs",
        role="Data Analyst",
        round="second",
        format="video",
        culture="neutral",
        interviewers=(
            Member(
                "Amara Okafor",
                "Head of Data",
                "amara@northwind.example",
                ("the churn model", "dashboard adoption"),
            ),
        ),
        topics=("team rituals",),
        standouts=("we sketched the churn funnel together on the whiteboard",),
        concerns=(
            ConcernNote(
                "SQL window functions",
                "I would partition the orders by customer and compare each one with LAG().",
            ),
        ),
        forgotten=("my Tableau certification",),
        questions=("How will the analytics team change after the merger?",),
        decision_date=date(2026, 12, 11),
        interview_start=_at(NEW_YORK, 2026, 12, 1, 10, 0),
        interview_end=_at(NEW_YORK, 2026, 12, 1, 11, 0),
        sender=Sender("Sam Rivera", "Sam Rivera\n+1 555 0100", phone="+1 555 0100"),
        other_companies=("Globex",),
    ),
    # A formal panel of three with non-ASCII names, each with their own topics.
    "panel": Brief(
        company="Hafenbank AG",
        role="Risk Engineer",
        round="final",
        format="panel",
        culture="formal",
        industry="finance",
        interviewers=(
            Member("Dr. Jürgen Weiß", "Chief Risk Officer", topics=("stress testing",)),
            Member("Zoë Ní Bhriain", "Engineering Lead", topics=("the model registry",)),
            Member("Łukasz Wróbel", "Data Engineer", topics=("batch pipelines",)),
        ),
        concerns=(ConcernNote("regulatory reporting experience"),),
        decision_date=date(2026, 12, 18),
        interview_start=_at(BERLIN, 2026, 12, 3, 14, 0),
        interview_end=_at(BERLIN, 2026, 12, 3, 16, 0),
        sender=Sender("Ana Ruiz"),
        other_companies=("Kontor Bank",),
    ),
    # A casual start-up, a phone screen, little recorded.
    "startup": Brief(
        company="Sproutly",
        role="Product Designer",
        round="screen",
        format="phone",
        culture="casual",
        interviewers=(Member("Kai", "Recruiter"),),
        interview_start=_at(NEW_YORK, 2026, 11, 30, 15, 0),
        interview_end=_at(NEW_YORK, 2026, 11, 30, 15, 30),
        sender=Sender("Noor Haddad", phone="+1 555 0199"),
    ),
}


def _cases() -> list[tuple[str, DraftKind]]:
    return [(name, kind) for name in RECORDS for kind in DraftKind]


def _render(record: Brief, kind: DraftKind) -> str:
    try:
        drafts = compose_all(record, kind)
    except ComposeError as exc:
        missing = f" ({exc.missing.option})" if exc.missing else ""
        return f"refused: {exc}{missing}\n"
    parts = []
    for draft in drafts:
        to = draft.to.name if draft.to else "the team"
        parts.append(f"=== to {to}, variant {draft.variant}, score {draft.report.score}\n")
        parts.append(draft.text)
        for finding in draft.report.findings:
            parts.append(f"--- {finding.rule} ({finding.severity.value})\n")
        for item in draft.missing:
            parts.append(f"+++ add {item.field}: {item.option}\n")
    return "".join(parts)


@pytest.mark.parametrize(("name", "kind"), _cases(), ids=[f"{n}-{k}" for n, k in _cases()])
def test_golden_draft(name: str, kind: DraftKind) -> None:
    record = RECORDS[name]
    # The send time a plan would give each kind: a thank-you the same day, a check-in a
    # week after the decision date, a close after that.
    assert record.interview_end is not None
    later = {
        DraftKind.CHECK_IN: timedelta(days=17),
        DraftKind.CLOSE_THE_LOOP: timedelta(days=40),
    }
    when = record.interview_end + later.get(kind, timedelta(hours=3))
    got = _render(replace(record, send_at=when), kind)
    path = GOLDEN / f"{name}-{kind.value}.txt"
    if os.environ.get("FOLLOWUP_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with FOLLOWUP_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8")
