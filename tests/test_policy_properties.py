"""The planner's invariants, over random records, zones, dates, histories and presets.

Each property is a promise of docs/policy.md (the issue's "Done when" list): nothing due
before the interview ends; the thank-you's latest moment is the preset's limit; no
target on a day off unless the reason says why; chasing steps spaced; the cap; nothing
to chase after a reply, nothing but the user's own steps after an outcome; the same
input gives the same plan.

The records are drawn to be plausible, as the store would hold them: names are one
person each, and a follow-up recorded for an interview happened after it ended.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.domain.business import country_of_zone, holiday_name
from followup.domain.model import (
    OUTCOMES,
    Application,
    Channel,
    Culture,
    FollowUpKind,
    FollowUpStatus,
    Format,
    Interview,
    Interviewer,
    Profile,
    Round,
    Status,
)
from followup.domain.policy import Done, Heard, Plan, PolicySettings, Record, Step, plan, preset
from policy_factory import CHASING, OWN, person

K = FollowUpKind
ZONES = (
    "Asia/Tokyo",
    "Australia/Lord_Howe",  # a 30-minute daylight-saving change
    "America/St_Johns",
    "Asia/Kathmandu",
    "Europe/London",
    "America/New_York",
    "Pacific/Chatham",
)
COUNTRIES = ("US", "GB", "JP", "DE", "FR", "IN", "BR")
INDUSTRIES = (None, "tech", "Media", "banking", "Law firm", "retail", "healthcare")
NAMES = (
    "Dana Smith",
    "Lee Park",
    "Maria Garcia",
    "Sam Okafor",
    "Kenji Sato",
    "Aoife Byrne",
    "Ravi Menon",
    "Chloé Martin",
)
TITLES = (None, "Recruiter", "Engineering Manager", "Talent Partner", "CTO")
#: Kinds the user may record as done; ADDITIONAL_INFO and CALL count for the spacing rule.
DONE_KINDS = (
    K.REFLECTION,
    K.THANK_YOU,
    K.PANEL_NOTE,
    K.LINKEDIN,
    K.CHECK_IN,
    K.AVAILABILITY_REQUEST,
    K.CLOSE_THE_LOOP,
    K.CALL,
    K.ADDITIONAL_INFO,
    K.KEEP_APPLYING,
)
#: docs/policy.md: everything sent to the company but the first day's courtesies counts
#: for the spacing of the chasing steps.
SPACED_FROM = (*CHASING, K.CALL, K.ADDITIONAL_INFO, K.ADDRESS_CONCERN)
OTHER_APPLICATION = 99
START = datetime(2026, 1, 1, tzinfo=UTC)
SEED_CITED = re.compile(r"\b[Ss]eeds? 00\d")
PROPERTY = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def _transitions() -> tuple[datetime, ...]:
    """Daylight-saving changes of the zones in 2026-2027 (to the hour), to draw around."""
    found: list[datetime] = []
    for name in ZONES:
        tz = ZoneInfo(name)
        moment, before = START, START.astimezone(tz).utcoffset()
        while moment < START + timedelta(days=730):
            moment += timedelta(hours=1)
            offset = moment.astimezone(tz).utcoffset()
            if offset != before:
                found.append(moment)
                before = offset
    return tuple(found)


#: Any minute of two years, or a minute within three days of a clock change.
instants = st.one_of(
    st.integers(0, 730 * 24 * 60).map(lambda m: START + timedelta(minutes=m)),
    st.tuples(st.sampled_from(_transitions()), st.integers(-72 * 60, 72 * 60)).map(
        lambda t: t[0] + timedelta(minutes=t[1])
    ),
)


# Strategies built once: building them inside the draw costs more than planning.
_ZONE = st.sampled_from(ZONES)
_MAYBE_ZONE = st.none() | _ZONE
_MAYBE_COUNTRY = st.none() | st.sampled_from(COUNTRIES)
_TITLE = st.sampled_from(TITLES)
_ROUND = st.sampled_from(Round)
_CULTURE = st.sampled_from(Culture)
_INDUSTRY = st.sampled_from(INDUSTRIES)
_CHANNEL = st.none() | st.sampled_from(
    [Channel.EMAIL, Channel.LINKEDIN, Channel.PHONE, Channel.MAIL]
)
_STATUS = st.sampled_from([Status.INTERVIEWING] * 4 + [Status.APPLIED, *OUTCOMES])
_DONE_KIND = st.sampled_from(DONE_KINDS)
_SKIPPED = st.sampled_from([False] * 4 + [True])
_WAIT = st.none() | st.integers(0, 30)
_ACTIVE = st.none() | st.integers(0, 6)
_SPACING = st.none() | st.integers(7, 14)
_CAP = st.none() | st.integers(0, 4)
_PRESET = st.sampled_from(["default", "measured"])
_NAMES = st.permutations(NAMES)
_COUNT = {n: st.integers(0, n) for n in (3, 8)}
_PEOPLE = st.integers(1, 8)
_ROUNDS = st.integers(1, 3)
_LENGTH = st.integers(15, 240)
_GAP = st.integers(24 * 60, 30 * 24 * 60)
_AFTER = st.integers(1, 70 * 24 * 60)
_REPLY = st.integers(-5 * 24 * 60, 70 * 24 * 60)
_NOW = st.integers(-24 * 60, 60 * 24 * 60)


@st.composite
def policies(draw: st.DrawFn) -> PolicySettings:
    """A preset, sometimes with a different spacing or cap."""
    changes: dict[str, Any] = {}
    spacing = draw(_SPACING)
    if spacing is not None:
        changes["min_spacing_days"] = spacing
        changes["check_in_interval_days"] = max(spacing, 10)
    cap = draw(_CAP)
    if cap is not None:
        changes["max_check_ins"] = cap
    return preset(draw(_PRESET), **changes)


_POLICY = policies()


@st.composite
def situations(draw: st.DrawFn) -> tuple[Record, datetime, PolicySettings]:
    """A random record, the moment it is planned, and the settings."""
    names = draw(_NAMES)[: draw(_PEOPLE)]
    people = {name: person(name, draw(_TITLE), draw(_MAYBE_ZONE)) for name in names}
    crews = st.lists(st.sampled_from(names), min_size=1, max_size=6, unique=True)
    rounds = draw(_ROUNDS)
    end = draw(instants)
    interviews: list[Interview] = []
    for number in range(1, rounds + 1):
        if number > 1:
            end += timedelta(minutes=draw(_GAP))
        zone = draw(_ZONE)
        crew = draw(crews)
        local_end = end.astimezone(ZoneInfo(zone))
        decision = draw(_WAIT)
        interviews.append(
            Interview(
                application_id=1,
                start=local_end - timedelta(minutes=draw(_LENGTH)),
                end=local_end,
                timezone=zone,
                round=draw(_ROUND),
                format=Format.PANEL if len(crew) > 1 else Format.VIDEO,
                interviewers=tuple(people[n] for n in crew),
                decision_date=None if decision is None else local_end.date() + timedelta(decision),
                id=number,
            )
        )
    first_end, last_end = interviews[0].end, interviews[-1].end
    application = Application(
        company="Northwind",
        role="Analyst",
        industry=draw(_INDUSTRY),
        culture=draw(_CULTURE),
        company_timezone=draw(_MAYBE_ZONE),
        company_country=draw(_MAYBE_COUNTRY),
        preferred_channel=draw(_CHANNEL),
        status=draw(_STATUS),
        id=1,
    )
    profile = Profile(name="Alex Doe", timezone=draw(_ZONE), country=draw(_MAYBE_COUNTRY))
    owners = st.sampled_from([*(i.id for i in interviews), OTHER_APPLICATION])
    recipients = st.none() | st.sampled_from(names)
    history: dict[datetime, Done] = {}
    for _ in range(draw(_COUNT[8])):
        owner = draw(owners)
        anchor = first_end if owner == OTHER_APPLICATION else interviews[owner - 1].end
        at = anchor + timedelta(minutes=draw(_AFTER))
        # The stateless contract (one interview) names neither interview nor recipient.
        interview_id = None if rounds == 1 and draw(st.booleans()) else owner
        history[at] = Done(draw(_DONE_KIND), at, draw(recipients), interview_id, draw(_SKIPPED))
    replies: dict[datetime, Heard] = {}
    for _ in range(draw(_COUNT[3])):
        at = first_end + timedelta(minutes=draw(_REPLY))
        wait = draw(_WAIT)
        replies[at] = Heard(at, None if wait is None else at.date() + timedelta(wait))
    record = Record(
        application=application,
        interviews=tuple(interviews),
        profile=profile,
        done=tuple(history.values()),
        replies=tuple(replies.values()),
        active_applications=draw(_ACTIVE),
    )
    now = last_end + timedelta(minutes=draw(_NOW))
    return record, now, draw(_POLICY)


def _key(name: str | None) -> str:
    return " ".join(name.casefold().split()) if name else ""


def _contacts(record: Record) -> dict[str, Interviewer]:
    return {_key(p.contact.name): p for i in record.interviews for p in i.interviewers}


def _interview(record: Record, step: Step) -> Interview:
    found = [i for i in record.interviews if i.id == step.interview_id]
    assert len(found) == 1, f"{step.kind} names interview {step.interview_id}"
    return found[0]


def _clock(record: Record, step: Step) -> tuple[str, str | None]:
    """The zone and country a step's times belong to (docs/policy.md, "Whose clock")."""
    if step.kind in OWN:
        me = record.profile
        return me.timezone, me.country or country_of_zone(me.timezone)
    app, interview = record.application, _interview(record, step)
    contact = _contacts(record).get(_key(step.recipient))
    own = contact.contact.timezone if contact is not None else None
    zone = own or app.company_timezone or interview.timezone
    country = country_of_zone(own) if own else None
    if country is None:
        country = app.company_country or country_of_zone(app.company_timezone or interview.timezone)
    return zone, country


def _utc(moment: datetime) -> datetime:
    """An instant in UTC: Python compares and subtracts two datetimes that share a tzinfo by
    their wall clocks, which is wrong across a clock change; in UTC it is elapsed time."""
    return moment.astimezone(UTC)


def _show(step: Step) -> str:
    """A step in one line, for failure messages."""
    return (
        f"{step.kind} #{step.number} to {step.recipient} [{step.status}] {step.rule} "
        f"{step.earliest.isoformat()} / {step.target.isoformat()} / {step.latest.isoformat()}"
        f" done {step.done_at}: {step.reason}"
    )


def _live(result: Plan) -> list[Step]:
    return [s for s in result.steps if s.status is not FollowUpStatus.CANCELLED]


@PROPERTY
@given(situations())
def test_nothing_is_due_before_its_interview_ends(
    case: tuple[Record, datetime, PolicySettings],
) -> None:
    record, now, cfg = case
    for step in plan(record, now, cfg).steps:
        assert _utc(step.earliest) >= _utc(_interview(record, step).end), _show(step)


@PROPERTY
@given(situations())
def test_every_window_is_in_order(case: tuple[Record, datetime, PolicySettings]) -> None:
    record, now, cfg = case
    result = plan(record, now, cfg)
    for step in result.steps:
        assert _utc(step.earliest) <= _utc(step.target) <= _utc(step.latest), _show(step)
    targets = [_utc(s.target) for s in result.steps]
    assert targets == sorted(targets), "steps are ordered by target"


@PROPERTY
@given(situations())
def test_the_thank_you_is_due_within_the_presets_limit(
    case: tuple[Record, datetime, PolicySettings],
) -> None:
    record, now, cfg = case
    for step in plan(record, now, cfg).steps:
        if step.kind in (K.THANK_YOU, K.PANEL_NOTE):
            end = _utc(_interview(record, step).end)
            # Elapsed hours (docs/policy.md: "24 hours is 24 elapsed hours, also across a
            # daylight-saving change").
            assert _utc(step.latest) == end + timedelta(hours=cfg.thank_you_hours), _show(step)
            assert _utc(step.latest) - end <= timedelta(hours=48)


@PROPERTY
@given(situations())
def test_times_are_on_the_recipients_clock_and_days_off_are_explained(
    case: tuple[Record, datetime, PolicySettings],
) -> None:
    record, now, cfg = case
    for step in plan(record, now, cfg).steps:
        zone, country = _clock(record, step)
        for moment in (step.earliest, step.target, step.latest):
            assert moment.tzinfo == ZoneInfo(zone), (_show(step), zone)
        if step.kind is K.REFLECTION or step.status is FollowUpStatus.CANCELLED:
            # Reflection is "right after the interview", whatever day that is; a
            # cancelled step's reason says why it was cancelled instead.
            continue
        day = step.target.astimezone(ZoneInfo(zone)).date()
        off = holiday_name(day, country)
        if off is None and day.weekday() >= 5:
            off = "weekend"
        if off is not None:
            assert off in step.reason or "limit" in step.reason, (_show(step), country, off)


@PROPERTY
@given(situations())
def test_no_target_falls_in_the_recipients_night(
    case: tuple[Record, datetime, PolicySettings],
) -> None:
    # docs/policy.md: targets are 9:00 working mornings, an hour after an interview that
    # ended in office hours, or the same evening "if that is before 21:00". Only the
    # reflection, "right after the interview", may fall at any hour.
    record, now, cfg = case
    for step in plan(record, now, cfg).steps:
        if step.kind is not K.REFLECTION:
            clock = step.target.astimezone(ZoneInfo(_clock(record, step)[0])).time()
            assert cfg.business_start <= clock <= cfg.evening_until, _show(step)


def _sent(step: Step) -> datetime:
    return _utc(step.done_at if step.done_at is not None else step.target)


def _days_apart(earlier: datetime, later: datetime, zone: Any) -> timedelta:
    """How far apart two moments are on the recipient's calendar and clock.

    docs/policy.md counts the spacing in days and puts targets at 9:00 on the wall clock,
    so a week from Friday 9:00 is the next Friday 9:00 even when the clocks changed in
    between (167 or 169 elapsed hours): the spacing is measured on their wall clock.
    """
    wall = [m.astimezone(zone).replace(tzinfo=None) for m in (earlier, later)]
    return wall[1] - wall[0]


@PROPERTY
@given(situations())
def test_chasing_steps_are_spaced(case: tuple[Record, datetime, PolicySettings]) -> None:
    record, now, cfg = case
    spacing = timedelta(days=cfg.min_spacing_days)
    chasing = sorted((s for s in _live(plan(record, now, cfg)) if s.kind in CHASING), key=_sent)
    for earlier, later in itertools.pairwise(chasing):
        if earlier.pending or later.pending:
            apart = _days_apart(_sent(earlier), _sent(later), later.target.tzinfo)
            assert apart >= spacing, (_show(earlier), _show(later))
    history = [d for d in record.done if d.kind in SPACED_FROM and _utc(d.at) <= _utc(now)]
    for step in chasing:
        if step.pending:
            for item in history:
                if _utc(item.at) <= _utc(step.target):
                    apart = _days_apart(item.at, step.target, step.target.tzinfo)
                    assert apart >= spacing, (item, _show(step))


@PROPERTY
@given(situations())
def test_check_ins_stop_at_the_cap(case: tuple[Record, datetime, PolicySettings]) -> None:
    record, now, cfg = case
    result = plan(record, now, cfg)
    check_ins = [s for s in result.steps if s.kind is K.CHECK_IN]
    for step in check_ins:
        if step.pending:
            assert step.number <= cfg.max_check_ins, _show(step)
    # An availability request stands for the first check-in (docs/policy.md).
    handled = sum(1 for d in record.done if d.kind in (K.CHECK_IN, K.AVAILABILITY_REQUEST))
    live = [s for s in check_ins if s.status is not FollowUpStatus.CANCELLED]
    assert len(live) <= max(cfg.max_check_ins, handled), [_show(s) for s in live]
    assert len([s for s in result.steps if s.kind is K.CLOSE_THE_LOOP and s.pending]) <= 1


@PROPERTY
@given(situations())
def test_a_reply_or_an_outcome_leaves_nothing_to_chase(
    case: tuple[Record, datetime, PolicySettings],
) -> None:
    record, now, cfg = case
    result = plan(record, now, cfg)
    pending = [s for s in result.steps if s.pending]
    if record.application.status in OUTCOMES:
        assert all(s.kind in OWN for s in pending), pending
    last_end = max(_utc(i.end) for i in record.interviews)
    answers = sorted(
        (r for r in record.replies if last_end <= _utc(r.at) <= _utc(now)),
        key=lambda r: _utc(r.at),
    )
    if answers and answers[-1].decision_date is None:
        assert not [s for s in pending if s.kind in CHASING], (answers, pending)


@PROPERTY
@given(situations(), st.randoms(use_true_random=False))
def test_the_same_input_gives_the_same_plan(
    case: tuple[Record, datetime, PolicySettings], rng: Any
) -> None:
    record, now, cfg = case
    first = plan(record, now, cfg)
    assert plan(record, now, cfg) == first
    shuffled = [list(record.interviews), list(record.done), list(record.replies)]
    for items in shuffled:
        rng.shuffle(items)
    again = replace(
        record,
        interviews=tuple(shuffled[0]),
        done=tuple(shuffled[1]),
        replies=tuple(shuffled[2]),
    )
    assert plan(again, now, cfg) == first


@PROPERTY
@given(situations())
def test_every_reason_cites_its_seed(case: tuple[Record, datetime, PolicySettings]) -> None:
    record, now, cfg = case
    result = plan(record, now, cfg)
    for step in result.steps:
        assert SEED_CITED.search(step.reason), step.reason
    if result.close is not None:
        assert result.close is Status.NO_RESPONSE
        assert SEED_CITED.search(result.close_reason), result.close_reason


def test_the_drawn_clock_changes_include_the_half_hour_one() -> None:
    # Lord Howe moves by 30 minutes: the draw must reach it, or DST coverage is thinner
    # than it claims.
    lord_howe = ZoneInfo("Australia/Lord_Howe")
    assert any(
        (t.astimezone(lord_howe).utcoffset() or timedelta()) % timedelta(hours=1)
        == timedelta(minutes=30)
        and t.astimezone(lord_howe).date() in (date(2026, 4, 5), date(2026, 10, 4))
        for t in _transitions()
    )
