"""The first day's courtesies: reflect, thank each interviewer, connect on LinkedIn.

Seed 001: "Send a Thank-You Email Within 24 Hours", "Reflect on the Interview", "Connect
on LinkedIn ... with a personalized note". Seed 002: "within 24-48 hours". Seed 003: "a
handwritten note to each member of the interview panel".

The thank-you target, on the recipient's clock (docs/policy.md):

1. ``same-day``: the interview ended on a working day by the same-day cutoff: an hour
   after the end, and not before the office opens.
2. ``next-morning``: otherwise the next working morning, if that is within the limit.
3. ``same-evening``: the next working morning breaks the limit (a weekend or a holiday
   follows): an hour after the end, if that is still the same day, in office hours or
   the evening (not in the small hours).
4. ``next-day``: the interview ended too late for the evening: the next morning even if
   it is a day off (the reason says so).
5. ``before-limit``: none of these fits (only with unusual settings): an hour before the
   limit.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from followup.domain.business import (
    add_business_days,
    at,
    days_off_between,
    is_business_day,
    next_business_day,
)
from followup.domain.model import Channel, FollowUpKind, FollowUpStatus, Interview
from followup.domain.policy.config import PolicySettings
from followup.domain.policy.people import History, Whom, written_channel
from followup.domain.policy.types import Done, Step, step_of

_DAY = timedelta(days=1)
_HOUR = timedelta(hours=1)


def when(moment: datetime, whom: Whom) -> str:
    """A time as a reason shows it: "Mon 23 Nov 09:00" on the recipient's clock."""
    return shown(moment, whom[1])


@lru_cache(maxsize=16384)  # keyed on instants or names: bounded
def shown(moment: datetime, zone: ZoneInfo) -> str:
    # Most targets are the same few mornings: formatting each once saves a tenth of a plan.
    return f"{moment.astimezone(zone):%a %d %b %H:%M %Z}"


@cache
def office(day: date, clock: time, zone: ZoneInfo) -> tuple[datetime, datetime, str]:
    """The instant ``clock`` on ``day`` in ``zone``: there, in UTC, and as a reason shows it.

    Most targets are office hours on some day: one cached call gives all the planner needs
    of one (:func:`at` on the recipient's clock to show, UTC to order and compare, the
    words). Keyed on plain values: an aware datetime's hash asks its zone for the offset.
    """
    there = at(day, clock, zone)
    return there, there.astimezone(UTC), shown(there, zone)


@cache
def _ended(hour: int, minute: int) -> str:
    return f"the interview ended at {hour:02d}:{minute:02d} their time"


def _off(first: date, last: date, whom: Whom) -> str:
    return _days_off(first, last, whom.country)


@cache
def _days_off(first: date, last: date, country: str | None) -> str:
    return ", ".join(days_off_between(first, last, country))


#: What to do instead of a courtesy gone stale (the end of its reason).
_REFLECT_LATE = "note what you remember before your next interview"
_THANKS_LATE = "add your thanks to the next message instead"
_CONNECT_LATE = "if you still want to connect, say in the note where you met"
_REFLECT = (
    "Seed 001: reflect right after the interview (what went well, what to improve, "
    "what you forgot to say), before you write the thank-you."
)


def reflection(
    interview: Interview, me: Whom, history: History, cfg: PolicySettings, fate: Fate
) -> Step:
    """Reflect right after the interview, before the thank-you is written (seed 001)."""
    zone = me.zone
    end = fate.end.astimezone(zone)
    # In UTC: 30 minutes across a daylight-saving change are 30 elapsed minutes.
    until = fate.end + cfg.reflection_delta
    latest = until.astimezone(zone)
    done = (
        None
        if history.empty
        else history.find(FollowUpKind.REFLECTION, interview.id, None, interview.end)
    )
    if done is None and until >= fate.due_from:  # the common case, without a call
        status, done_at, reason = _PLANNED, None, _REFLECT
    else:
        # Not overtaken by the next round (docs/policy.md cancels a thank-you so, not a
        # reflection): it only goes stale.
        status, done_at, reason = fate.settle(done, until, zone, _REFLECT, False, _REFLECT_LATE)
    return step_of(
        (
            FollowUpKind.REFLECTION,
            None,
            Channel.SELF,
            end,
            end,
            latest,
            "reflection.right-after",
            reason,
            status,
            interview.id,
            1,
            done_at,
        )
    )


#: A thank-you's window and reason, shared by the interviewers on one clock: rule,
#: earliest, target, latest, reason, then the target and the latest in UTC (the plan is
#: ordered on the one, a courtesy goes stale on the other).
_Window = tuple[str, datetime, datetime, datetime, str, datetime, datetime]


def _thanks(
    interview: Interview,
    whom: Whom,
    panel: bool,
    history: History,
    cfg: PolicySettings,
    channel: tuple[Channel, str],
    fate: Fate,
    memo: dict[tuple[ZoneInfo, str | None], _Window],
) -> tuple[Step, datetime]:
    """The thank-you (or panel note) to one interviewer, and its target in UTC.

    ``memo`` shares the window between interviewers on the same clock (most of a panel):
    the window and reason depend on the recipient's zone and country, not on their name.
    Positional arguments: :func:`courtesies` calls it for every interviewer.
    """
    kind = FollowUpKind.PANEL_NOTE if panel else FollowUpKind.THANK_YOU
    clock = (whom[1], whom[2])
    window = memo.get(clock)
    if window is None:
        window = memo[clock] = _thank_you_window(interview, whom, panel, cfg, channel)
    rule, earliest, target, latest, reason, key, until = window
    name = whom[0]
    if not name:
        reason = reason[:-1] + " (record who interviewed you, to address it by name)."
    done = None if history.empty else history.find(kind, interview.id, name, interview.end)
    if done is None and until >= fate.thanks_due_from:
        status, done_at = _PLANNED, None
    else:
        status, done_at, reason = fate.settle(done, until, whom[1], reason, True, _THANKS_LATE)
    step = step_of(
        (
            kind,
            name,
            channel[0],
            earliest,
            target,
            latest,
            rule,
            reason,
            status,
            interview.id,
            1,
            done_at,
        )
    )
    return step, key


@cache
def _thanks_lead(hours: int, panel: bool, why_channel: str) -> str:
    seeds = "Seed 001" if hours <= 24 else "Seeds 001, 002"
    what = (
        "a separate, different note to each member of the panel (seed 003)"
        if panel
        else "a thank-you"
    )
    return f"{seeds}: send {what}{why_channel} within {hours} hours; "


def _thank_you_window(
    interview: Interview, whom: Whom, panel: bool, cfg: PolicySettings, channel: tuple[Channel, str]
) -> _Window:
    """The thank-you's :data:`_Window` on the recipient's clock (the module docstring)."""
    # In UTC: arithmetic on a zone-aware datetime is wall-clock arithmetic, and 24 hours
    # across a daylight-saving change must stay 24 elapsed hours.
    end = interview.end
    if end.tzinfo is not UTC:
        end = end.astimezone(UTC)
    zone, country = whom.zone, whom.country
    latest = end + cfg.thank_you_delta
    soon = end + cfg.delay_delta
    soon_there = soon.astimezone(zone)
    earliest = end + cfg.reflection_delta
    # The parts every rule shares: earliest and latest there, the reason's first half.
    shared = (
        soon_there if earliest == soon else earliest.astimezone(zone),
        latest.astimezone(zone),
        _thanks_lead(cfg.thank_you_hours, panel, channel[1]),
    )
    local = end.astimezone(zone)
    day, clock = local.date(), local.time()
    ended = _ended(clock.hour, clock.minute)
    # Aimed within office hours; an interview over before the office opens (a call with
    # Tokyo at dawn) is thanked when it opens: the next-morning rule below. A long delay
    # setting can push "soon" past closing time: then the next morning too.
    soon_day = soon_there.date()
    if (
        clock <= cfg.same_day_cutoff
        and soon_day == day
        and cfg.business_start <= soon_there.time() <= cfg.business_end
        and is_business_day(day, country)
    ):
        why = f"{ended} on a working day, so the same day"
        return _window("thank-you.same-day", soon_there, soon, why, shared, latest)
    first = day if clock < cfg.business_start else day + _DAY
    morning, morning_utc, shown_morning, skipped = _next_morning(
        first, country, zone, cfg.business_start
    )
    if morning_utc <= latest:
        note = f", after {skipped}" if skipped else ""
        why = f"{ended}, so the next working morning, {shown_morning}{note}"
        return _window("thank-you.next-morning", morning, morning_utc, why, shared, latest)
    past = f"the next working morning ({shown_morning}, after {skipped}) is past the limit"
    if soon_day == day and cfg.business_start <= soon_there.time() <= cfg.evening_until:
        today_off = _off(day, day, whom)
        note = f" even though it is {today_off}" if today_off else ""
        why = f"{past}, so the same evening{note}"
        return _window("thank-you.same-evening", soon_there, soon, why, shared, latest)
    next_morning, next_utc, shown_next = office(first, cfg.business_start, zone)
    if next_utc <= latest:
        # ``first`` is today when it ended before the office opened: not "too late" then.
        too = "before their office opened" if first == day else "too late for the same evening"
        first_off = _off(first, first, whom)
        note = f", although that is {first_off}" if first_off else ""
        why = f"{ended}, {too}, and {past}; so at {shown_next}{note}: it will wait in their inbox"
        return _window("thank-you.next-day", next_morning, next_utc, why, shared, latest)
    fallback = max(latest - _HOUR, soon) if latest - _HOUR > end else latest
    there = fallback.astimezone(zone)
    fallback_off = _off(there.date(), there.date(), whom)
    note = f" ({fallback_off})" if fallback_off else ""
    why = f"{past} and no morning is left within it, so an hour before the limit{note}"
    return _window("thank-you.before-limit", there, fallback, why, shared, latest)


@cache
def _next_morning(
    first: date, country: str | None, zone: ZoneInfo, start: time
) -> tuple[datetime, datetime, str, str]:
    """The first working morning from ``first`` on: :func:`office`, and the days skipped."""
    work_day = next_business_day(first, country)
    skipped = _days_off(first, work_day - _DAY, country) if work_day != first else ""
    return (*office(work_day, start, zone), skipped)


def _window(
    rule: str,
    target: datetime,
    key: datetime,
    why: str,
    shared: tuple[datetime, datetime, str],
    latest: datetime,
) -> _Window:
    """A :data:`_Window` from its rule's target and words and the parts all rules share."""
    earliest, latest_there, lead = shared
    return rule, earliest, target, latest_there, f"{lead}{why}.", key, latest


def settled(done: Done | None) -> tuple[FollowUpStatus, datetime | None]:
    """A step's status and done time, given what the history holds for it."""
    if done is None:
        return _UNSETTLED
    return (FollowUpStatus.SKIPPED if done.skipped else FollowUpStatus.DONE), done.at


_UNSETTLED: tuple[FollowUpStatus, None] = (FollowUpStatus.PLANNED, None)
_PLANNED = FollowUpStatus.PLANNED


@lru_cache(maxsize=4096)  # keyed on instants: bounded
def _overtaken(next_round: datetime, zone: ZoneInfo) -> str:
    """Why a thank-you is cancelled once the next round has taken place."""
    return (
        f"Cancelled: the next round took place on {next_round.astimezone(zone):%a %d %b}; "
        "thank them in person or in that round's notes (seed 001)."
    )


@cache
def _stale_reason(stale_days: int, instead: str) -> str:
    return (
        f"Cancelled: more than {stale_days} days past its window, it would read as an "
        f"afterthought (seeds 001, 002: within 24-48 hours); {instead}."
    )


class Fate:
    """What becomes of one interview's pending courtesies: overtaken, gone stale, or due.

    A thank-you is cancelled when the next round has begun, after its window closed (thank
    them in person instead); any courtesy when it is more than ``stale_days`` past its
    window (a thank-you a week late reads as an afterthought; seeds 001, 002). Decided
    when each step is built, so nothing is built twice.
    """

    __slots__ = ("due_from", "end", "next_round", "stale", "stale_days", "thanks_due_from")

    def __init__(
        self, end: datetime, next_round: datetime | None, now: datetime, cfg: PolicySettings
    ) -> None:
        """``end``, ``next_round`` and ``now`` in UTC."""
        #: When the interview ended, in UTC.
        self.end = end
        self.stale = stale = now - cfg.stale_delta
        # A round still to come overtakes nothing yet: the thank-you is due until it begins.
        self.next_round = next_round = (
            next_round if next_round is not None and next_round <= now else None
        )
        self.stale_days = cfg.stale_days
        #: A courtesy not done whose window closes at or after this is simply due; one
        #: that closes before it goes to :meth:`settle`. For a thank-you (which the next
        #: round overtakes) the next round counts too.
        self.due_from = stale
        self.thanks_due_from = stale if next_round is None else max(stale, next_round)

    def settle(
        self,
        done: Done | None,
        latest: datetime,
        zone: ZoneInfo,
        reason: str,
        overtaken: bool,
        instead: str,
    ) -> tuple[FollowUpStatus, datetime | None, str]:
        """(status, done_at, reason) of a courtesy whose window closes at ``latest``.

        ``latest`` is in UTC, like the fate's own instants: instants of one zone compare
        at once, of two only after asking both for their offsets. ``zone`` is the
        recipient's, for the day a reason names.

        ``overtaken`` False: a later round does not cancel it (a LinkedIn request still
        makes sense after the next round; a thank-you for the last one does not).
        ``instead`` ends the reason of a stale one: what to do now.
        """
        if done is not None:
            return (
                (FollowUpStatus.SKIPPED if done.skipped else FollowUpStatus.DONE),
                done.at,
                reason,
            )
        if overtaken and self.next_round is not None and latest < self.next_round:
            return FollowUpStatus.CANCELLED, None, _overtaken(self.next_round, zone)
        if latest < self.stale:
            return FollowUpStatus.CANCELLED, None, _stale_reason(self.stale_days, instead)
        return _PLANNED, None, reason


def linkedin(
    interview: Interview,
    whom: Whom,
    thanks: Step,
    history: History,
    cfg: PolicySettings,
    fate: Fate,
    memo: dict[tuple[ZoneInfo, str | None], tuple[datetime, _Request]] | None = None,
) -> tuple[Step, datetime]:
    """A LinkedIn connection request with a personal note, after the thank-you (seed 001).

    Returns the step and its target in UTC.
    """
    zone = whom.zone
    # A panel's thank-yous on one clock share their target: so do the requests.
    if thanks.done_at is not None:
        memo = None
    clock = (zone, whom.country)
    found = memo.get(clock) if memo is not None else None
    if found is None:
        after = thanks.done_at if thanks.done_at is not None else thanks.target
        earliest = after if after.tzinfo is zone else after.astimezone(zone)
        request = _linkedin_window(
            earliest.date(), zone, whom.country, cfg.business_start, cfg.linkedin_days
        )
        if memo is not None:
            memo[clock] = (earliest, request)
    else:
        earliest, request = found
    target, latest, reason, key, until = request
    done = None if history.empty else history.find(FollowUpKind.LINKEDIN, None, whom.name)
    if done is None and until >= fate.due_from:
        status, done_at = _PLANNED, None
    else:
        status, done_at, reason = fate.settle(done, until, zone, reason, False, _CONNECT_LATE)
    step = step_of(
        (
            FollowUpKind.LINKEDIN,
            whom.name,
            Channel.LINKEDIN,
            earliest,
            target,
            latest,
            "linkedin.after-thank-you",
            reason,
            status,
            interview.id,
            1,
            done_at,
        )
    )
    return step, key


#: A LinkedIn request's target, latest, reason, then its target and latest in UTC.
_Request = tuple[datetime, datetime, str, datetime, datetime]


@cache
def _linkedin_window(
    day: date, zone: ZoneInfo, country: str | None, start: time, days_open: int
) -> _Request:
    """(target, latest, reason, target and latest in UTC) of a request after a thank-you.

    ``day`` is the thank-you's on the recipient's calendar.

    Keyed on plain values (a day, not the instant; the numbers, not the settings object):
    a panel's requests, and most of a day's, share one entry.
    """
    after = add_business_days(day, 1, country)
    target, target_utc, _ = office(after, start, zone)
    days = days_off_between(day + _DAY, after - _DAY, country)
    note = f" ({', '.join(days)} skipped)" if days else ""
    reason = (
        "Seed 001: after the thank-you, send a LinkedIn connection request with a "
        f"personalized note, the next working morning{note}."
    )
    latest = target + timedelta(days=days_open)  # the wall clock's 9:00, days later
    return target, latest, reason, target_utc, latest.astimezone(UTC)


def courtesies(
    interview: Interview,
    whoms: list[Whom],
    history: History,
    cfg: PolicySettings,
    channel: tuple[Channel, str],
    fate: Fate,
    *,
    connect: list[bool] | None,
    keys: list[datetime] | None = None,
) -> list[Step]:
    """Thank-you or panel notes for every interviewer of one interview, then LinkedIn.

    ``connect`` says, interviewer by interviewer, whom to ask to connect at this
    interview (None: no one): each person once, at the latest round they took part in.
    ``keys``, when given, receives each step's target in UTC, in the same order.
    """
    if keys is None:
        keys = []
    panel = len(whoms) > 1
    memo: dict[tuple[ZoneInfo, str | None], _Window] = {}
    steps: list[Step] = []
    for whom in whoms:
        step, key = _thanks(interview, whom, panel, history, cfg, channel, fate, memo)
        steps.append(step)
        keys.append(key)
    if connect is not None:
        # Thank-yous, then LinkedIn requests: nearly in target order, so the plan's final
        # sort has little to do.
        requests: dict[tuple[ZoneInfo, str | None], tuple[datetime, _Request]] = {}
        for index in range(len(whoms)):
            if connect[index]:
                step, key = linkedin(
                    interview, whoms[index], steps[index], history, cfg, fate, requests
                )
                steps.append(step)
                keys.append(key)
    return steps


__all__ = ["Fate", "courtesies", "linkedin", "office", "reflection", "when", "written_channel"]
