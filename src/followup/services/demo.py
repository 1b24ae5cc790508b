"""The demo job search: a realistic pipeline, placed relative to "now" so it is always current."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from followup.domain.model import (
    Application,
    Concern,
    Contact,
    Culture,
    Format,
    Interview,
    Interviewer,
    Profile,
    Reflection,
    Round,
    Status,
)
from followup.domain.when import add_duration
from followup.errors import InputError
from followup.services.context import AppContext


@dataclass(frozen=True)
class _Case:
    company: str
    role: str
    industry: str
    culture: Culture
    zone: str
    country: str
    days_ago: int
    hour: int
    round: Round
    format: Format
    people: tuple[tuple[str, str, str, tuple[str, ...]], ...]
    topics: tuple[str, ...] = ()
    concerns: tuple[Concern, ...] = ()
    forgotten: tuple[str, ...] = ()
    decision_in_days: int | None = None
    status: Status = Status.INTERVIEWING
    standouts: tuple[str, ...] = ()
    questions_to_ask: tuple[str, ...] = ()


CASES: tuple[_Case, ...] = (
    _Case(
        "Northwind Analytics",
        "Data Analyst",
        "tech",
        Culture.CASUAL,
        "America/New_York",
        "US",
        1,
        14,
        Round.SECOND,
        Format.VIDEO,
        (
            (
                "Dana Rivera",
                "dana.rivera@northwind.example",
                "Analytics Manager",
                ("customer churn dashboard", "dbt migration"),
            ),
        ),
        topics=("team rituals",),
        concerns=(Concern("SQL window functions", "I would partition by customer and use LAG()"),),
        forgotten=("my Tableau certification",),
        decision_in_days=10,
        standouts=("we sketched the churn funnel together",),
    ),
    _Case(
        "Harbor & Stone Bank",
        "Risk Analyst",
        "banking",
        Culture.FORMAL,
        "Europe/London",
        "GB",
        16,
        10,
        Round.FINAL,
        Format.PANEL,
        (
            (
                "Priya Natarajan",
                "p.natarajan@harborstone.example",
                "Head of Credit Risk",
                ("stress testing",),
            ),
            (
                "Tom Okafor",
                "t.okafor@harborstone.example",
                "Model Validation Lead",
                ("PD model validation",),
            ),
            (
                "Elena Rossi",
                "e.rossi@harborstone.example",
                "HR Business Partner",
                ("hybrid working",),
            ),
            ("James Whitfield", "j.whitfield@harborstone.example", "Director, Risk", ("Basel IV",)),
        ),
        decision_in_days=7,
        questions_to_ask=("How is the model risk team organised after the merger?",),
    ),
    _Case(
        "Kestrel Media",
        "Content Strategist",
        "media",
        Culture.CASUAL,
        "America/Los_Angeles",
        "US",
        12,
        11,
        Round.FIRST,
        Format.PHONE,
        (("Marcus Lee", "marcus@kestrel.example", "Editorial Director", ("newsletter growth",)),),
    ),
    _Case(
        "Tanaka Robotics",
        "Product Manager",
        "tech",
        Culture.NEUTRAL,
        "Asia/Tokyo",
        "JP",
        -3,
        9,
        Round.SCREEN,
        Format.VIDEO,
        (("Yuki Tanaka", "yuki.tanaka@tanaka-robotics.example", "Recruiter", ()),),
    ),
    _Case(
        "Bluebird Health",
        "Operations Analyst",
        "healthcare",
        Culture.NEUTRAL,
        "America/Chicago",
        "US",
        20,
        15,
        Round.FINAL,
        Format.ONSITE,
        (("Grace Kim", "grace.kim@bluebird.example", "VP Operations", ("clinic scheduling",)),),
        status=Status.OFFER,
    ),
    _Case(
        "Lumen Logistics",
        "Business Analyst",
        "logistics",
        Culture.FORMAL,
        "Europe/Berlin",
        "DE",
        30,
        13,
        Round.FIRST,
        Format.VIDEO,
        (("Stefan Braun", "s.braun@lumen.example", "Team Lead", ("route optimisation",)),),
        status=Status.REJECTED,
    ),
)


#: Minutes of an interview: a panel takes longer.
_LENGTH = {True: 60, False: 45}


def use_demo_database(ctx: AppContext, *, reset: bool = False) -> None:
    """Point this invocation at demo.db in the data directory, unless --db chose a database.

    ``reset`` deletes demo.db first; it refuses to touch a database given with --db.
    """
    settings = ctx.settings
    if settings.resolve("database_url")[1] == "flag":
        if reset:
            raise InputError(
                "--reset",
                "only resets the demo's own database, not one given with --db.",
                fix="Drop --reset, or drop --db to use the demo database.",
            )
        return
    path = Path(settings["data_dir"]) / "demo.db"
    if reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    settings.override("database_url", str(path), "demo")


def seed_if_empty(ctx: AppContext) -> int:
    """Seed the demo search into an empty database; return how many interviews were added."""
    store = ctx.store
    if not store.is_empty():
        return 0
    with store.batch():  # all or nothing: an interrupted seed leaves the database empty
        return seed(ctx)


def seed(ctx: AppContext) -> int:
    """Fill an empty database with the demo search; return how many interviews were added."""
    store, now = ctx.store, ctx.clock()
    profile = store.save_profile(
        Profile(
            name="Alex Morgan",
            email="alex.morgan@example.com",
            signature="Alex Morgan\n+1 555 0100\nlinkedin.com/in/alexmorgan",
            phone="+1 555 0100",
            linkedin="https://www.linkedin.com/in/alexmorgan",
            timezone="America/New_York",
            country="US",
        )
    )
    for case in CASES:
        zone = ZoneInfo(case.zone)
        day = now.astimezone(zone).date() - timedelta(days=case.days_ago)
        start = datetime.combine(day, time(case.hour), tzinfo=zone)
        people = tuple(
            Interviewer(Contact(name, title=title, email=email, company=case.company), topics)
            for name, email, title, topics in case.people
        )
        decision: date | None = None
        if case.decision_in_days is not None:
            decision = day + timedelta(days=case.decision_in_days)
        application = Application(
            company=case.company,
            role=case.role,
            profile_id=profile.id,
            industry=case.industry,
            culture=case.culture,
            company_timezone=case.zone,
            company_country=case.country,
            status=case.status,
            applied_on=day - timedelta(days=14),
        )
        _, interview = store.record_interview(
            application,
            Interview(
                application_id=None,
                start=start,
                end=add_duration(
                    start, timedelta(minutes=60 if case.format is Format.PANEL else 45)
                ),
                timezone=case.zone,
                round=case.round,
                format=case.format,
                interviewers=people,
                topics=case.topics,
                standouts=case.standouts,
                concerns=case.concerns,
                forgotten=case.forgotten,
                questions_to_ask=case.questions_to_ask,
                decision_date=decision,
            ),
        )
        if case.days_ago >= 3 and interview.id is not None:
            store.save_reflection(
                Reflection(
                    interview_id=interview.id,
                    went_well="Clear examples from my last role.",
                    to_improve="Shorter answers; pause before technical questions.",
                )
            )
    return len(CASES)
