"""Chasing an answer: check-ins, the availability request and call, close the loop, stop.

Seed 001: "If the timeline given for a decision passes without any communication ...
Wait about a week after the expected date". Seed 003: "wait at least 2-3 business days"
(the measured preset), "in fast-paced industries like tech or media, a quicker follow-up",
"more traditional or conservative industries might prefer a slightly longer waiting
period", "If it was a first-round interview, you may want to wait a bit longer", "if you
had a final-round interview, a more prompt follow-up", "always ask for their availability
before initiating a call". Seed 000: "Space out your follow-ups by at least a week or
two". Seed 002: "Be overly persistent or pushy" is a don't.

One *epoch* of chasing starts when the latest interview ends, or when a reply gives a new
decision date. Within an epoch: up to ``max_check_ins`` check-ins (the first one an
availability request where a call is wanted), then one close-the-loop message, then, if
nothing comes back, the application is closed as no-response.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from followup.domain.business import add_business_days, at, next_business_day
from followup.domain.model import (
    Application,
    Channel,
    Culture,
    FollowUpKind,
    FollowUpStatus,
    Interview,
    Round,
    Status,
)
from followup.domain.policy.config import (
    CONSERVATIVE_INDUSTRIES,
    FAST_INDUSTRIES,
    PolicySettings,
)
from followup.domain.policy.courtesy import office, settled, when
from followup.domain.policy.people import History, Whom
from followup.domain.policy.types import Done, Heard, Step, step_of

#: The follow-ups that chase an answer: the spacing rule and the cap count these.
CHASING = (
    FollowUpKind.CHECK_IN,
    FollowUpKind.AVAILABILITY_REQUEST,
    FollowUpKind.CLOSE_THE_LOOP,
)
#: Follow-ups that count for the spacing rule besides the chasing ones: everything sent
#: to the company except the first day's courtesies (seed 001 asks for those at once).
CONTACTS = (
    *CHASING,
    FollowUpKind.CALL,
    FollowUpKind.ADDITIONAL_INFO,
    FollowUpKind.ADDRESS_CONCERN,
)
_DAY = timedelta(days=1)
#: How a written step goes, as a reason says it (written_channel: email or LinkedIn).
_BY = {Channel.EMAIL: "by email", Channel.LINKEDIN: "on LinkedIn"}
_PLANNED = FollowUpStatus.PLANNED


@lru_cache(maxsize=4096)  # keyed on the user's words for an industry: few
def industry_pace(industry: str | None) -> int:
    """-1 for a fast-paced industry, +1 for a conservative one, 0 otherwise (seed 003)."""
    if not industry:
        return 0
    text = industry.casefold()
    if any(word in text for word in CONSERVATIVE_INDUSTRIES):
        return 1
    if any(word in text for word in FAST_INDUSTRIES):
        return -1
    return 0


def round_pace(round_: Round) -> int:
    """+1 after a screen or first round, -1 after a final round, 0 otherwise (seed 003)."""
    if round_ in (Round.SCREEN, Round.FIRST):
        return 1
    if round_ is Round.FINAL:
        return -1
    return 0


def wants_call(application: Application) -> bool:
    """Seed 003: a call only where the culture is casual (or the team asked for the phone)."""
    return application.culture is Culture.CASUAL or application.preferred_channel is Channel.PHONE


@cache
def _morning(day: date, zone: ZoneInfo, country: str | None, start: time) -> datetime:
    """9:00 (``start``) on the first working day on or after ``day``."""
    return at(next_business_day(day, country), start, zone)


def _first(
    local: date,
    decision: date | None,
    zone: ZoneInfo,
    country: str | None,
    industry: str | None,
    round_: Round,
    cfg: PolicySettings,
) -> tuple[datetime, str, str, datetime]:
    """(target, rule, reason, target in UTC) of an epoch's first check-in.

    ``local`` is the day the epoch started on the recipient's calendar.
    """
    # A date before the epoch began (the interview, or the reply that gave it) counts as
    # none: that news came after it, so it has not passed "without any communication";
    # else D + 7 could fall the morning after the interview. A day's grace: the user's
    # "today" may be the recipient's yesterday.
    if decision is not None and decision + _DAY >= local:
        return _after_decision(decision, zone, country, cfg)
    days, because = _pace(industry, round_, cfg)
    day = add_business_days(local, days, country)
    given = (
        "no decision date was given"
        if decision is None
        else f"the decision date ({day_label(decision)}) had already passed"
    )
    target, target_utc, shown_target = office(day, cfg.business_start, zone)
    return (
        target,
        "check-in.no-date",
        f"Seed 003: {given}, so check in {days} working days after the "
        f"interview{because}, on {shown_target}",
        target_utc,
    )


@cache
def _after_decision(
    decision: date, zone: ZoneInfo, country: str | None, cfg: PolicySettings
) -> tuple[datetime, str, str, datetime]:
    """Seed 001's check-in about a week after the promised date, on a working morning."""
    day = next_business_day(decision + timedelta(days=cfg.decision_wait_days), country)
    target, target_utc, shown_target = office(day, cfg.business_start, zone)
    return (
        target,
        "check-in.after-decision-date",
        f"Seed 001: the decision was promised by {day_label(decision)}; with no news, "
        f"check in about a week after that date, on the working morning {shown_target}",
        target_utc,
    )


@cache
def _pace(industry: str | None, round_: Round, cfg: PolicySettings) -> tuple[int, str]:
    """Working days to the first check-in without a date, and why (seed 003)."""
    pace, rpace = industry_pace(industry), round_pace(round_)
    shift = pace * cfg.industry_shift_days + rpace * cfg.round_shift_days
    days = min(
        max(cfg.check_in_business_days + shift, cfg.check_in_min_business_days),
        cfg.check_in_max_business_days,
    )
    why = []
    if pace:
        why.append("a fast-paced industry" if pace < 0 else "a conservative industry")
    if rpace:
        why.append(f"a {round_} round")
    return days, f" ({' and '.join(why)})" if why else ""


@cache
def day_label(day: date) -> str:
    """A day as a reason shows it: "Mon 23 Nov"."""
    return f"{day:%a %d %b}"


@cache
def _after_day(
    day: date, zone: ZoneInfo, country: str | None, cfg: PolicySettings
) -> tuple[datetime, str, datetime]:
    """The working morning ``check_in_interval_days`` calendar days after ``day``.

    Returns it, how a reason shows it, and the same in UTC. Keyed on the day, not the
    instant: an aware datetime's hash asks the zone its offset.
    """
    morning = next_business_day(day + timedelta(days=cfg.check_in_interval_days), country)
    there, utc, shown_there = office(morning, cfg.business_start, zone)
    return there, shown_there, utc


@cache
def _last_of(day: date, zone: ZoneInfo, country: str | None, cfg: PolicySettings) -> datetime:
    """A chasing step's ``latest``: ``check_in_slack_days`` working days on, at 17:00."""
    return at(add_business_days(day, cfg.check_in_slack_days, country), cfg.business_end, zone)


@cache
def _closing_reason(cap: int, moved: str) -> str:
    return (
        f"Seeds 000, 002: after {cap} check-in{'s' if cap != 1 else ''} with no answer, "
        f"send one polite message that closes the loop, then stop{moved}."
    )


def _asking(written: Channel, shown_target: str) -> str:
    """The reason of an availability request sent instead of the first check-in."""
    return (
        "Seed 003: where the culture is casual a call can suit, but always ask for their "
        f"availability first; ask {_BY.get(written, 'by email')} instead of the first "
        f"check-in, on {shown_target}"
    )


#: One planned chasing step after the first, as :func:`_chain` gives it: its kind, its
#: number, its target in UTC, and the step's fields from ``earliest`` to ``status``.
_Link = tuple[FollowUpKind, int, datetime, tuple[Any, ...]]


@cache
def _chain(
    first: date, zone: ZoneInfo, country: str | None, cfg: PolicySettings
) -> tuple[datetime, tuple[_Link, ...]]:
    """What follows a first check-in on ``first`` when nothing was sent or heard yet.

    Returns the first step's ``latest``, then the later check-ins and the close-the-loop
    message, each ``check_in_interval_days`` after the one before, with their reasons:
    they depend on nothing but that day, the recipient's clock and the settings, so a
    day's plans share them.
    """
    links: list[_Link] = []
    day = first
    for number in range(2, cfg.max_check_ins + 1):
        target, shown_target, key = _after_day(day, zone, country, cfg)
        day = target.date()
        reason = _again(cfg.check_in_interval_days, shown_target) + "."
        last = _last_of(day, zone, country, cfg)
        fields = (target, target, last, "check-in.again", reason, _PLANNED)
        links.append((FollowUpKind.CHECK_IN, number, key, fields))
    target, _, key = _after_day(day, zone, country, cfg)
    last = _last_of(target.date(), zone, country, cfg)
    reason = _closing_reason(cfg.max_check_ins, "")
    fields = (target, target, last, "close-the-loop.after-cap", reason, _PLANNED)
    links.append((FollowUpKind.CLOSE_THE_LOOP, 1, key, fields))
    return _last_of(first, zone, country, cfg), tuple(links)


@cache
def _again(interval: int, shown_target: str) -> str:
    return (
        f"Seed 000: space follow-ups at least a week or two apart; check in again "
        f"{interval} days after the last one, on {shown_target}"
    )


def _unchased(history: History, replies: list[Heard]) -> bool:
    """Nothing chased yet and nothing heard: the chase is the one :func:`fresh` plans.

    Whatever happened to the first day's courtesies: they do not count for the spacing.
    """
    return not replies and (history.empty or history.last(CONTACTS) is None)


def chasing(
    application: Application,
    latest: Interview,
    whom: Whom,
    history: History,
    cfg: PolicySettings,
    channel: tuple[Channel, str],
    now: datetime,
    keys: list[datetime],
) -> tuple[list[Step], Status | None, str]:
    """:meth:`Chase.steps` for ``latest``: the chasing steps and the verdict.

    ``keys`` receives each step's target in UTC, in the same order.
    """
    if _unchased(history, history.replies):
        return fresh(application, latest, whom, cfg, channel, keys), None, ""
    return Chase(application, latest, whom, history, cfg, channel).steps(history.replies, now, keys)


def fresh(
    application: Application,
    latest: Interview,
    whom: Whom,
    cfg: PolicySettings,
    channel: tuple[Channel, str],
    keys: list[datetime],
) -> list[Step]:
    """The chase when nothing was chased or heard yet: most plans, from the caches."""
    zone = whom.zone
    name, written, interview_id = whom.name, channel[0], latest.id
    target, rule, reason, key = _first(
        latest.end.astimezone(zone).date(),
        latest.decision_date,
        zone,
        whom.country,
        application.industry,
        latest.round,
        cfg,
    )
    last, links = _chain(target.date(), zone, whom.country, cfg)
    steps: list[Step] = []
    if cfg.max_check_ins:
        kind = FollowUpKind.CHECK_IN
        if wants_call(application):
            kind = FollowUpKind.AVAILABILITY_REQUEST
            rule = "availability-request.casual"
            reason = _asking(written, when(target, whom))
        fields = (target, target, last, rule, reason + ".", _PLANNED)
        steps.append(step_of((kind, name, written, *fields, interview_id, 1, None)))
        keys.append(key)
    for kind, number, key, fields in links:
        steps.append(step_of((kind, name, written, *fields, interview_id, number, None)))
        keys.append(key)
    return steps


class Chase:
    """Plans one application's chasing steps after its latest interview."""

    def __init__(
        self,
        application: Application,
        latest: Interview,
        whom: Whom,
        history: History,
        cfg: PolicySettings,
        channel: tuple[Channel, str],
    ) -> None:
        self.application = application
        self.latest = latest
        self.whom = whom
        self.history = history
        self.cfg = cfg
        self.channel = channel

    def _morning(self, day: date) -> datetime:
        return _morning(day, self.whom.zone, self.whom.country, self.cfg.business_start)

    def _spaced(
        self, target: datetime, key: datetime, floor: datetime | None
    ) -> tuple[datetime, datetime, str]:
        """``target`` (``key`` in UTC) moved, if needed, past the spacing after each contact.

        Returns the new target, the same in UTC, and what the reason adds.

        ``floor`` is the last follow-up done, in UTC; the planned steps are spaced by
        construction (each is at least ``check_in_interval_days`` >= ``min_spacing_days``
        after the one before).
        """
        if floor is None:
            return target, key, ""
        # Every contact counts, also one after the target: a step still pending goes out
        # after everything done so far (an overdue check-in after a later message).
        allowed = floor + timedelta(days=self.cfg.min_spacing_days)
        if key >= allowed:
            return target, key, ""
        zone = self.whom.zone
        moved = self._morning(allowed.astimezone(zone).date())
        if moved < allowed:
            moved = self._morning(moved.date() + _DAY)
        return (
            moved,
            moved.astimezone(UTC),
            (
                f", moved to keep {self.cfg.min_spacing_days} days after your follow-up of "
                f"{when(floor, self.whom)} (seed 000)"
            ),
        )

    def first_target(
        self, start: datetime, decision: date | None
    ) -> tuple[datetime, str, str, datetime]:
        """(target, rule, reason, target in UTC) of the first check-in of an epoch.

        The epoch started at ``start``: the latest interview's end, or a dated reply.
        """
        zone = self.whom.zone
        return _first(
            start.astimezone(zone).date(),
            decision,
            zone,
            self.whom.country,
            self.application.industry,
            self.latest.round,
            self.cfg,
        )

    def steps(
        self, replies: list[Heard], now: datetime, keys: list[datetime] | None = None
    ) -> tuple[list[Step], Status | None, str]:
        """The chasing steps, and whether the application should now close as no-response.

        ``keys``, when given, receives each step's target in UTC, in the same order.
        """
        if keys is None:
            keys = []
        if _unchased(self.history, replies):
            return (
                fresh(self.application, self.latest, self.whom, self.cfg, self.channel, keys),
                None,
                "",
            )
        cfg, whom, history = self.cfg, self.whom, self.history
        zone, country = whom.zone, whom.country
        latest_end = self.latest.end
        if latest_end.tzinfo is not UTC:
            latest_end = latest_end.astimezone(UTC)
        start, decision = latest_end, self.latest.decision_date
        after: list[Heard] = []
        answered: list[Heard] = []
        if replies:
            after = [r for r in replies if r.at >= latest_end]
            dated = [r for r in after if r.decision_date is not None]
            if dated:
                start, decision = dated[-1].at, dated[-1].decision_date
                answered = [r for r in after if r.at > start]
            else:
                answered = after
        contacted: datetime | None = None  # the last follow-up done, in UTC
        mine: list[Done] = []
        call: list[Step] = []
        if not history.empty:
            contacted = history.last(CONTACTS)
            mine = [
                d
                for d in history.of(FollowUpKind.CHECK_IN, FollowUpKind.AVAILABILITY_REQUEST)
                if d.at >= start and d.interview_id in (None, self.latest.id)
            ]
            # A reply to the availability request plans the call, also one that gave a new
            # date (it starts a new epoch, whose first step then need not ask again).
            if after:
                call = self._call(after)
        asks_first = not call and wants_call(self.application)
        written = self.channel[0]
        steps: list[Step] = []
        base: datetime | None = None
        for number in range(1, max(cfg.max_check_ins, len(mine)) + 1):
            done = mine[number - 1] if number <= len(mine) else None
            kind = FollowUpKind.CHECK_IN
            if done is not None:
                kind = done.kind  # shown as what was sent
            elif number == 1 and asks_first:
                kind = FollowUpKind.AVAILABILITY_REQUEST
            if base is None:
                target, rule, reason, key = self.first_target(start, decision)
            else:
                if base.tzinfo is not zone:
                    base = base.astimezone(zone)
                target, shown_target, key = _after_day(base.date(), zone, country, cfg)
                rule = "check-in.again"
                reason = _again(cfg.check_in_interval_days, shown_target)
            if done is None and contacted is not None:
                target, key, moved = self._spaced(target, key, contacted)
                reason += moved
            if kind is FollowUpKind.AVAILABILITY_REQUEST and rule != "check-in.again":
                rule = "availability-request.casual"
                reason = _asking(written, when(target, whom))
            step = self._step(kind, target, rule, reason + ".", done, number)
            steps.append(step)
            keys.append(key)
            base = step.done_at if step.done_at is not None else target
        close_base = base if base is not None else self.first_target(start, decision)[0]
        closing, key = self._close_the_loop(close_base, start, contacted)
        steps.append(closing)
        keys.append(key)
        verdict, why = self._verdict(closing, answered, now)
        if answered:
            self._cancel_for_reply(steps, answered[0])
        if call:
            steps += call
            keys += [step.target.astimezone(UTC) for step in call]
        return steps, verdict, why

    def _close_the_loop(
        self, base: datetime, start: datetime, contacted: datetime | None
    ) -> tuple[Step, datetime]:
        zone = self.whom.zone
        if base.tzinfo is not zone:
            base = base.astimezone(zone)
        target, _, key = _after_day(base.date(), zone, self.whom.country, self.cfg)
        # This epoch's close-the-loop only: one sent before a reply that gave a new date
        # was answered, and must not close the file (docs/policy.md).
        done = None
        for sent in self.history.of(FollowUpKind.CLOSE_THE_LOOP):
            if sent.interview_id in (None, self.latest.id) and sent.at >= start:
                done = sent
                break
        moved = ""
        if done is None and contacted is not None:
            target, key, moved = self._spaced(target, key, contacted)
        step = self._step(
            FollowUpKind.CLOSE_THE_LOOP,
            target,
            "close-the-loop.after-cap",
            _closing_reason(self.cfg.max_check_ins, moved),
            done,
            1,
        )
        return step, key

    def _verdict(
        self, closing: Step, answered: list[Heard], now: datetime
    ) -> tuple[Status | None, str]:
        if closing.done_at is None or answered:
            return None, ""
        ends = closing.done_at + timedelta(days=self.cfg.close_after_days)
        if now < ends:
            return None, ""
        return Status.NO_RESPONSE, (
            f"No answer {self.cfg.close_after_days} days after the close-the-loop message of "
            f"{when(closing.done_at, self.whom)}: the file is closed as no-response "
            "(seeds 000, 002: stop before it becomes pushy). A reply reopens it."
        )

    def _cancel_for_reply(self, steps: list[Step], reply: Heard) -> None:
        reason = (
            f"Cancelled: they replied on {when(reply.at, self.whom)}, so there is nothing to "
            "chase (seeds 001, 002); record any new date with `followup replied --decision-date`."
        )
        for i, step in enumerate(steps):
            if step.pending:
                steps[i] = step_of((*step[:7], reason, FollowUpStatus.CANCELLED, *step[9:]))

    def _call(self, answered: list[Heard]) -> list[Step]:
        """Seed 003: the call, once they answered the availability request.

        ``answered``: the replies since the latest interview ended, oldest first.
        """
        asked = [
            s
            for s in self.history.of(FollowUpKind.AVAILABILITY_REQUEST)
            if s.interview_id in (None, self.latest.id) and not s.skipped
        ]
        if not asked:
            return []
        reply = next((r for r in answered if r.at >= asked[-1].at), None)
        if reply is None:
            return []
        target = self._morning(reply.at.astimezone(self.whom.zone).date() + _DAY)
        done = next((d for d in self.history.of(FollowUpKind.CALL) if d.at >= reply.at), None)
        return [
            self._step(
                FollowUpKind.CALL,
                target,
                "call.after-availability",
                "Seed 003: they answered your availability request on "
                f"{when(reply.at, self.whom)}; call at the time they gave, or the next "
                "working morning.",
                done,
                1,
                channel=Channel.PHONE,
                earliest=reply.at,
            )
        ]

    def _step(
        self,
        kind: FollowUpKind,
        target: datetime,
        rule: str,
        reason: str,
        done: Done | None,
        number: int,
        *,
        channel: Channel | None = None,
        earliest: datetime | None = None,
    ) -> Step:
        status, done_at = settled(done)
        whom = self.whom
        # Targets come from `at`, already on the recipient's clock: their date is local.
        return step_of(
            (
                kind,
                whom.name,
                channel or self.channel[0],
                target if earliest is None else earliest.astimezone(whom.zone),
                target,
                _last_of(target.date(), whom.zone, whom.country, self.cfg),
                rule,
                reason,
                status,
                self.latest.id,
                number,
                done_at,
            )
        )
