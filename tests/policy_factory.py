"""Factories for the planner's tests: records that read like the situation they describe.

Everything defaults to one plain case: Northwind (New York, US) interviews the user (in
New York, US) for a second round with one interviewer, Dana Smith, who has no zone of
her own. A test changes only what its situation is about::

    record(interview(local(2026, 11, 20, 17)), app=application(industry="tech"))
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from followup.domain.model import (
    Application,
    Channel,
    Contact,
    Culture,
    FollowUpKind,
    Format,
    Interview,
    Interviewer,
    Profile,
    Round,
    Status,
)
from followup.domain.policy import Done, Heard, Plan, Record, Step

NY = "America/New_York"
COMPANY = "Northwind"

#: The kinds that chase an answer (docs/policy.md, "Spacing and the cap").
CHASING = frozenset(
    {FollowUpKind.CHECK_IN, FollowUpKind.AVAILABILITY_REQUEST, FollowUpKind.CLOSE_THE_LOOP}
)
#: The user's own steps: nothing is sent, and an outcome does not cancel them.
OWN = frozenset({FollowUpKind.REFLECTION, FollowUpKind.KEEP_APPLYING})


def local(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, zone: str = NY
) -> datetime:
    """A wall-clock time in ``zone`` (the first of two, in the hour the clocks go back)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def person(
    name: str = "Dana Smith",
    title: str | None = "Engineering Manager",
    zone: str | None = None,
    email: str | None = None,
) -> Interviewer:
    """An interviewer; ``zone`` only when they sit elsewhere than the company."""
    return Interviewer(Contact(name=name, title=title, email=email, timezone=zone, company=COMPANY))


def interview(
    end: datetime,
    *people: Interviewer | str,
    round_: Round = Round.SECOND,
    minutes: int = 60,
    decision: date | None = None,
    id_: int = 1,
    zone: str | None = None,
    format_: Format | None = None,
) -> Interview:
    """One interview ending at ``end``, in ``end``'s zone unless ``zone`` says otherwise.

    People given by name become interviewers with default titles; no people at all means
    Dana Smith alone.
    """
    crew = tuple(person(p) if isinstance(p, str) else p for p in people) or (person(),)
    if zone is None:
        tz = end.tzinfo
        zone = tz.key if isinstance(tz, ZoneInfo) else NY
    return Interview(
        application_id=1,
        start=end - timedelta(minutes=minutes),
        end=end,
        timezone=zone,
        round=round_,
        format=format_ or (Format.PANEL if len(crew) > 1 else Format.VIDEO),
        interviewers=crew,
        decision_date=decision,
        id=id_,
    )


def application(
    *,
    industry: str | None = None,
    culture: Culture = Culture.NEUTRAL,
    preferred: Channel | None = None,
    status: Status = Status.INTERVIEWING,
    zone: str | None = NY,
    country: str | None = "US",
) -> Application:
    """Northwind's application, in New York and the US unless told otherwise."""
    return Application(
        company=COMPANY,
        role="Data Analyst",
        industry=industry,
        culture=culture,
        company_timezone=zone,
        company_country=country,
        preferred_channel=preferred,
        status=status,
        id=1,
    )


def profile(zone: str = NY, country: str | None = "US") -> Profile:
    """The job seeker."""
    return Profile(name="Alex Doe", email="alex@example.org", timezone=zone, country=country, id=1)


def record(
    *interviews: Interview,
    app: Application | None = None,
    done: Iterable[Done] = (),
    replies: Iterable[Heard] = (),
    active: int | None = None,
    me: Profile | None = None,
) -> Record:
    """A record of one application; see the module docstring for the defaults."""
    return Record(
        application=app or application(),
        interviews=tuple(interviews),
        profile=me or profile(),
        done=tuple(done),
        replies=tuple(replies),
        active_applications=active,
    )


def done(
    kind: FollowUpKind,
    at: datetime,
    recipient: str | None = None,
    *,
    interview_id: int | None = None,
    skipped: bool = False,
) -> Done:
    """A follow-up the user recorded as sent (or skipped)."""
    return Done(kind, at, recipient, interview_id, skipped)


def heard(at: datetime, decision: date | None = None) -> Heard:
    """A reply from the employer."""
    return Heard(at, decision)


def steps(plan: Plan, kind: FollowUpKind, recipient: str | None = None) -> list[Step]:
    """The plan's steps of ``kind`` (to ``recipient`` when given), in plan order."""
    return [
        s for s in plan.steps if s.kind is kind and (recipient is None or s.recipient == recipient)
    ]
