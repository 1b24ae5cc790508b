"""The demo job search: a realistic pipeline, placed relative to "now" so it is always current.

Seeded through the store in one batch (an interrupted seed leaves the database empty):
six applications at every stage, each planned as `followup add` plans it, then some
history, as the user would have recorded it with `followup done` and `followup replied`,
each followed by a re-plan:

- Northwind Analytics (yesterday): reflected, thank-you sent: the LinkedIn request is next;
- Harbor & Stone Bank (a panel, 16 days ago): every panel note sent; the promised decision
  date passed more than a week ago, so the check-in is due (seed 001);
- Kestrel Media (casual culture): thank-you and LinkedIn request sent, then the
  availability request instead of a first check-in (seed 003); they answered, so the
  call is planned;
- Tanaka Robotics: a screen still ahead; Bluebird Health: an offer; Lumen Logistics: rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from followup.domain.model import (
    Application,
    Concern,
    Contact,
    Culture,
    FollowUpKind,
    FollowUpStatus,
    Format,
    Interview,
    Interviewer,
    Profile,
    Reflection,
    Reply,
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
    #: The kinds of the first day's courtesies already sent: their steps are marked done.
    sent: tuple[FollowUpKind, ...] = ()
    #: The first chasing step sent, and the employer answered it (seed 003: the call).
    answered: FollowUpKind | None = None


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
        sent=(FollowUpKind.THANK_YOU,),
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
        sent=(FollowUpKind.PANEL_NOTE, FollowUpKind.THANK_YOU, FollowUpKind.LINKEDIN),
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
        sent=(FollowUpKind.THANK_YOU, FollowUpKind.LINKEDIN),
        answered=FollowUpKind.AVAILABILITY_REQUEST,
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
    recorded: list[tuple[_Case, int]] = []
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
        application, interview = store.record_interview(
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
        if case.days_ago >= 1 and interview.id is not None:
            store.save_reflection(
                Reflection(
                    interview_id=interview.id,
                    went_well="Clear examples from my last role.",
                    to_improve="Shorter answers; pause before technical questions.",
                )
            )
        assert application.id is not None
        recorded.append((case, application.id))
    _history(ctx, profile, recorded)
    return len(CASES)


def _history(ctx: AppContext, profile: Profile, recorded: list[tuple[_Case, int]]) -> None:
    """Plan every application as `add` does, then record what was sent and answered.

    Times come from the plan itself (a step done at its target, never later than now and
    never before its interview ended), so the story holds on any day of the week.
    """
    from followup.services.plan import replan
    from followup.services.refresh import refresh

    store, now = ctx.store, ctx.clock()
    refresh(ctx, profile, [application_id for _, application_id in recorded])
    for case, application_id in recorded:
        if not case.sent and case.answered is None:
            continue
        timeline = replan(ctx, application_id, profile=profile)
        end = max(i.end for i in timeline.interviews)
        for item in timeline.items:
            if item.pending and item.kind in case.sent and item.id is not None:
                at = max(end, min(item.target or end, now - timedelta(hours=1)))
                _mark_done(ctx, application_id, item.id, at)
        if case.answered is None:
            continue
        timeline = replan(ctx, application_id, profile=profile)
        asked = next((i for i in timeline.items if i.pending and i.kind is case.answered), None)
        if asked is None or asked.id is None:
            continue  # the settings plan no such step: leave the plan as it is
        sent = max(end, min(asked.target or end, now - timedelta(days=2)))
        _mark_done(ctx, application_id, asked.id, sent)
        store.add_reply(Reply(application_id, min(sent + timedelta(days=1), now)))
        replan(ctx, application_id, profile=profile)


def _mark_done(ctx: AppContext, application_id: int, followup_id: int, at: datetime) -> None:
    """A stored step done at ``at``, as `followup done --at` records it."""
    store = ctx.store
    row = next(f for f in store.followups(application_id=application_id) if f.id == followup_id)
    store.update_followup(replace(row, status=FollowUpStatus.DONE, done_at=at))
