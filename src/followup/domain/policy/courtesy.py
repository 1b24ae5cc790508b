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
from followup.domain.policy.types import Done, Step

_DAY = timedelta(days=1)
_HOUR = timedelta(hours=1)


def when(moment: datetime, whom: Whom) -> str:
    """A time as a reason shows it: "Mon 23 Nov 09:00" on the recipient's clock."""
    return shown(moment, whom[1])


@lru_cache(maxsize=16384)  # keyed on instants or names: bounded
def shown(moment: datetime, zone: ZoneInfo) -> str:
    # Most targets are the same few mornings: formatting each once saves a tenth of a plan.
    return f"{moment.astimezone(zone):%a %d %b %H:%M %Z}"


def _off(first: date, last: date, whom: Whom) -> str:
    return _days_off(first, last, whom.country)


@cache
def _days_off(first: date, last: date, country: str | None) -> str:
    return ", ".join(days_off_between(first, last, country))


_REFLECT = (
    "Seed 001: reflect right after the interview (what went well, what to improve, "
    "what you forgot to say), before you write the thank-you."
)


def reflection(
    interview: Interview, me: Whom, history: History, cfg: PolicySettings, fate: Fate
) -> Step:
    """Reflect right after the interview, before the thank-you is written (seed 001)."""
    end = interview.end.astimezone(me.zone)
    latest = (interview.end.astimezone(UTC) + timedelta(minutes=cfg.reflection_minutes)).astimezone(
        me.zone
    )
    if history.empty and fate.quiet:  # the common case, without two calls
        status, done_at, reason = _PLANNED, None, _REFLECT
    else:
        done = history.find(FollowUpKind.REFLECTION, interview.id, None, interview.end)
        # Not overtaken by the next round (docs/policy.md cancels a thank-you so, not a
        # reflection): it only goes stale.
        status, done_at, reason = fate.settle(
            done,
            latest,
            _REFLECT,
            overtaken=False,
            instead="note what you remember before your next interview",
        )
    return Step(
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


#: A thank-you's window and reason, shared by the interviewers on one clock.
_Window = tuple[str, datetime, datetime, datetime, str]


def thank_you(
    interview: Interview,
    whom: Whom,
    *,
    panel: bool,
    history: History,
    cfg: PolicySettings,
    channel: tuple[Channel, str],
    fate: Fate,
    memo: dict[tuple[ZoneInfo, str | None], _Window] | None = None,
) -> Step:
    """The thank-you (or panel note) to one interviewer, with its window and reason.

    ``memo`` shares the window between interviewers on the same clock (most of a panel):
    the window and reason depend on the recipient's zone and country, not on their name.
    """
    kind = FollowUpKind.PANEL_NOTE if panel else FollowUpKind.THANK_YOU
    clock = (whom.zone, whom.country)
    window = memo.get(clock) if memo is not None else None
    if window is None:
        window = _thank_you_window(interview, whom, panel, cfg, channel)
        if memo is not None:
            memo[clock] = window
    rule, earliest, target, latest, reason = window
    if not whom.name:
        reason = reason[:-1] + " (record who interviewed you, to address it by name)."
    if history.empty and fate.quiet:
        status, done_at = _PLANNED, None
    else:
        done = history.find(kind, interview.id, whom.name, interview.end)
        status, done_at, reason = fate.settle(done, latest, reason)
    return Step(
        kind,
        whom.name,
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


def _thank_you_window(
    interview: Interview, whom: Whom, panel: bool, cfg: PolicySettings, channel: tuple[Channel, str]
) -> _Window:
    # In UTC: arithmetic on a zone-aware datetime is wall-clock arithmetic, and 24 hours
    # across a daylight-saving change must stay 24 elapsed hours.
    end = interview.end.astimezone(UTC)
    zone = whom.zone
    latest = end + timedelta(hours=cfg.thank_you_hours)
    rule, target, why = _thank_you_target(end, latest, whom, cfg)
    seeds = "Seed 001" if cfg.thank_you_hours <= 24 else "Seeds 001, 002"
    what = (
        "a separate, different note to each member of the panel (seed 003)"
        if panel
        else "a thank-you"
    )
    reason = f"{seeds}: send {what}{channel[1]} within {cfg.thank_you_hours} hours; {why}."
    earliest = end + timedelta(minutes=cfg.reflection_minutes)
    return (
        rule,
        earliest.astimezone(zone),
        target.astimezone(zone),
        latest.astimezone(zone),
        reason,
    )


def settled(done: Done | None) -> tuple[FollowUpStatus, datetime | None]:
    """A step's status and done time, given what the history holds for it."""
    if done is None:
        return _UNSETTLED
    return (FollowUpStatus.SKIPPED if done.skipped else FollowUpStatus.DONE), done.at


_UNSETTLED: tuple[FollowUpStatus, None] = (FollowUpStatus.PLANNED, None)
_PLANNED = FollowUpStatus.PLANNED


class Fate:
    """What becomes of one interview's pending courtesies: overtaken, gone stale, or due.

    A thank-you is cancelled when the next round has begun, after its window closed (thank
    them in person instead); any courtesy when it is more than ``stale_days`` past its
    window (a thank-you a week late reads as an afterthought; seeds 001, 002). Decided
    when each step is built, so nothing is built twice.
    """

    __slots__ = ("_stale_reason", "next_round", "quiet", "stale", "stale_days")

    def __init__(
        self, end: datetime, next_round: datetime | None, now: datetime, stale_days: int
    ) -> None:
        self.stale = now - timedelta(days=stale_days)
        # A round still to come overtakes nothing yet: the thank-you is due until it begins.
        self.next_round = next_round if next_round is not None and next_round <= now else None
        self.stale_days = stale_days
        #: Nothing can be overtaken or stale: the latest round, ended within stale_days.
        self.quiet = self.next_round is None and end > self.stale
        self._stale_reason = (
            f"Cancelled: more than {stale_days} days past its window, it would read as an "
            "afterthought (seeds 001, 002: within 24-48 hours)"
        )

    def settle(
        self,
        done: Done | None,
        latest: datetime,
        reason: str,
        *,
        overtaken: bool = True,
        instead: str = "add your thanks to the next message instead",
    ) -> tuple[FollowUpStatus, datetime | None, str]:
        """(status, done_at, reason) of a courtesy whose window closes at ``latest``.

        ``overtaken`` False: a later round does not cancel it (a LinkedIn request still
        makes sense after the next round; a thank-you for the last one does not).
        ``instead`` ends the reason of a stale one: what to do now.
        """
        if done is None and self.quiet:
            return _PLANNED, None, reason
        if done is not None:
            return (
                (FollowUpStatus.SKIPPED if done.skipped else FollowUpStatus.DONE),
                done.at,
                reason,
            )
        if self.quiet:
            return FollowUpStatus.PLANNED, None, reason
        if overtaken and self.next_round is not None and latest < self.next_round:
            day = self.next_round.astimezone(latest.tzinfo)
            return (
                FollowUpStatus.CANCELLED,
                None,
                f"Cancelled: the next round took place on {day:%a %d %b}; thank them in person "
                "or in that round's notes (seed 001).",
            )
        if latest < self.stale:
            return FollowUpStatus.CANCELLED, None, f"{self._stale_reason}; {instead}."
        return FollowUpStatus.PLANNED, None, reason


def _thank_you_target(
    end: datetime, latest: datetime, whom: Whom, cfg: PolicySettings
) -> tuple[str, datetime, str]:
    """(rule, target, the reason's second half) for a thank-you; see the module docstring."""
    local = end.astimezone(whom.zone)
    day, clock = local.date(), local.time()
    ended = f"the interview ended at {clock.hour:02d}:{clock.minute:02d} their time"
    soon = end + timedelta(minutes=cfg.thank_you_delay_minutes)
    soon_there = soon.astimezone(whom.zone)
    # Aimed within office hours; an interview over before the office opens (a call with
    # Tokyo at dawn) is thanked when it opens: the next-morning rule below. A long delay
    # setting can push "soon" past closing time: then the next morning too.
    if (
        clock <= cfg.same_day_cutoff
        and is_business_day(day, whom.country)
        and soon_there.date() == day
        and cfg.business_start <= soon_there.time() <= cfg.business_end
    ):
        return "thank-you.same-day", soon, f"{ended} on a working day, so the same day"
    first = day if clock < cfg.business_start else day + _DAY
    work_day = next_business_day(first, whom.country)
    morning = at(work_day, cfg.business_start, whom.zone)
    skipped = _off(first, work_day - _DAY, whom)
    if morning <= latest:
        note = f", after {skipped}" if skipped else ""
        return (
            "thank-you.next-morning",
            morning,
            f"{ended}, so the next working morning, {when(morning, whom)}{note}",
        )
    past = f"the next working morning ({when(morning, whom)}, after {skipped}) is past the limit"
    evening = soon_there
    if evening.date() == day and cfg.business_start <= evening.time() <= cfg.evening_until:
        today_off = _off(day, day, whom)
        note = f" even though it is {today_off}" if today_off else ""
        return ("thank-you.same-evening", soon, f"{past}, so the same evening{note}")
    next_morning = at(first, cfg.business_start, whom.zone)
    if next_morning <= latest:
        # ``first`` is today when it ended before the office opened: not "too late" then.
        too = "before their office opened" if first == day else "too late for the same evening"
        first_off = _off(first, first, whom)
        note = f", although that is {first_off}" if first_off else ""
        return (
            "thank-you.next-day",
            next_morning,
            f"{ended}, {too}, and {past}; so at "
            f"{when(next_morning, whom)}{note}: it will wait in their inbox",
        )
    fallback = max(latest - _HOUR, soon) if latest - _HOUR > end else latest
    fallback_off = _off(
        fallback.astimezone(whom.zone).date(), fallback.astimezone(whom.zone).date(), whom
    )
    note = f" ({fallback_off})" if fallback_off else ""
    return (
        "thank-you.before-limit",
        fallback,
        f"{past} and no morning is left within it, so an hour before the limit{note}",
    )


def linkedin(
    interview: Interview,
    whom: Whom,
    thanks: Step,
    history: History,
    cfg: PolicySettings,
    fate: Fate,
) -> Step:
    """A LinkedIn connection request with a personal note, after the thank-you (seed 001)."""
    after = thanks.done_at if thanks.done_at is not None else thanks.target
    earliest, target, latest, reason = _linkedin_window(
        after, whom.zone, whom.country, cfg.business_start, cfg.linkedin_days
    )
    if history.empty and fate.quiet:
        status, done_at = _PLANNED, None
    else:
        done = history.find(FollowUpKind.LINKEDIN, None, whom.name)
        status, done_at, reason = fate.settle(
            done,
            latest,
            reason,
            overtaken=False,
            instead="if you still want to connect, say in the note where you met",
        )
    return Step(
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


@lru_cache(maxsize=16384)  # keyed on instants or names: bounded
def _linkedin_window(
    after: datetime, zone: ZoneInfo, country: str | None, start: time, days_open: int
) -> tuple[datetime, datetime, datetime, str]:
    # Cached: a panel's LinkedIn requests all follow the same thank-you target. The key
    # holds plain values, not the settings object, whose hash costs more than the work.
    local = after.astimezone(zone)
    day = add_business_days(local.date(), 1, country)
    target = at(day, start, zone)
    days = days_off_between(local.date() + _DAY, day - _DAY, country)
    note = f" ({', '.join(days)} skipped)" if days else ""
    reason = (
        "Seed 001: after the thank-you, send a LinkedIn connection request with a "
        f"personalized note, the next working morning{note}."
    )
    return local, target, target + timedelta(days=days_open), reason


def courtesies(
    interview: Interview,
    whoms: list[Whom],
    history: History,
    cfg: PolicySettings,
    channel: tuple[Channel, str],
    fate: Fate,
    *,
    connect: list[bool] | None,
) -> list[Step]:
    """Thank-you or panel notes for every interviewer of one interview, then LinkedIn.

    ``connect`` says, interviewer by interviewer, whom to ask to connect at this
    interview (None: no one): each person once, at the latest round they took part in.
    """
    steps: list[Step] = []
    requests: list[Step] = []
    panel = len(whoms) > 1
    memo: dict[tuple[ZoneInfo, str | None], _Window] = {}
    for index, whom in enumerate(whoms):
        thanks = thank_you(
            interview,
            whom,
            panel=panel,
            history=history,
            cfg=cfg,
            channel=channel,
            fate=fate,
            memo=memo,
        )
        steps.append(thanks)
        if connect is not None and connect[index]:
            requests.append(linkedin(interview, whom, thanks, history, cfg, fate))
    # Thank-yous, then LinkedIn requests: nearly in target order, so the plan's final
    # sort has little to do.
    steps += requests
    return steps


__all__ = ["Fate", "courtesies", "reflection", "thank_you", "when", "written_channel"]
