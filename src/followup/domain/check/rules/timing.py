"""When the draft would go out, against the interview and the follow-ups already sent.

Needs ``context.send_at``; each rule also needs the part of the record it compares with
(the interview's end, the decision date, the previous follow-ups) and is quiet without it.
The numbers are the planner's (:class:`followup.domain.policy.PolicySettings`, the
``default`` preset; docs/policy.md): the thank-you's 24-hour target and the 48-hour outer
limit that no preset may pass, the week after the decision date, the 7 days between
follow-ups that chase, the cap on check-ins. Which earlier follow-ups count for the
spacing and for the cap is the planner's too (``chase.CONTACTS`` and the check-ins). The
policy package is imported on first use, not with the checker: a draft without a
``send_at`` never pays for it (the CLI's cold start).

The span is the subject line when there is one, else the body's first line: timing is a
property of the whole message, not of any of its words, and marking the whole text would
paint every character in the human output. The subject (or the opening line) is where a
reader starts and what a mail client shows: a short, always-present place to hang the
finding. An empty draft gets an empty span at 0.

Datetimes without a UTC offset (a caller's, not the CLI's: it refuses them) are read as
UTC when compared with ones that have one, so that nothing raises.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from followup.domain.check.model import THANKS_KINDS, Category, Context, Kind, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.text import Draft

if TYPE_CHECKING:
    from followup.domain.policy.config import PolicySettings

_HOUR, _DAY = timedelta(hours=1), timedelta(days=1)
#: The drafts that chase an answer (the planner's chasing kinds a draft can be).
_CHASING_DRAFTS = frozenset({Kind.CHECK_IN, Kind.CLOSE_THE_LOOP})


class Numbers(NamedTuple):
    """The planner's numbers and kinds the timing rules use."""

    target_hours: int
    limit_hours: int
    stale_days: int
    decision_wait_days: int
    min_spacing_days: int
    max_check_ins: int
    #: Earlier follow-ups that count for the spacing: all but the first day's courtesies.
    contacts: frozenset[str]
    #: Follow-ups that count towards the cap on check-ins.
    check_ins: frozenset[str]


def numbers(context: Context | None = None) -> Numbers:
    """The planner's numbers: the context's policy, else the default preset.

    With the user's policy the checker and the plan never disagree about a deadline.
    """
    return _numbers(None if context is None else context.policy)


@cache
def _numbers(policy: PolicySettings | None) -> Numbers:
    from followup.domain.model import FollowUpKind
    from followup.domain.policy.chase import CONTACTS
    from followup.domain.policy.config import LIMITS, PRESETS

    if policy is None:
        policy = PRESETS["default"]
    return Numbers(
        target_hours=policy.thank_you_hours,
        limit_hours=LIMITS["thank_you_hours"][1],
        stale_days=policy.stale_days,
        decision_wait_days=policy.decision_wait_days,
        min_spacing_days=policy.min_spacing_days,
        max_check_ins=policy.max_check_ins,
        contacts=frozenset(str(k) for k in CONTACTS),
        check_ins=frozenset({str(FollowUpKind.CHECK_IN), str(FollowUpKind.AVAILABILITY_REQUEST)}),
    )


def anchor(draft: Draft) -> tuple[int, int]:
    """The span a finding about the whole message hangs on: the subject, else the first line."""
    if draft.subject is not None and draft.subject.end > draft.subject.start:
        return draft.subject.start, draft.subject.end
    if not draft.lines:
        return 0, 0
    first = draft.lines[0]
    line = draft.text[first.start : first.end]
    return first.start + len(line) - len(line.lstrip()), first.start + len(line.rstrip())


def _utc(moment: datetime) -> datetime:
    """An instant comparable with any other: a naive one is read as UTC."""
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment


def _elapsed(elapsed: timedelta, hours_below: int = 2) -> str:
    """A time as a reader counts it: hours below ``hours_below`` days, then whole days."""
    hours = int(elapsed / _HOUR)
    if elapsed < hours_below * _DAY:
        return f"{hours} hour" + ("" if hours == 1 else "s")
    return f"{elapsed.days} days" + (f" ({hours} hours)" if hours_below > 2 else "")


def _late(a: Analysis) -> Iterator[Hit]:
    ctx = a.context
    if a.draft.kind not in THANKS_KINDS or ctx.send_at is None or ctx.interview_end is None:
        return
    elapsed = _utc(ctx.send_at) - _utc(ctx.interview_end)
    n = numbers(a.context)
    if elapsed <= timedelta(hours=n.target_hours):
        return
    when = _elapsed(elapsed, 3)
    if elapsed <= timedelta(hours=n.limit_hours):
        why = (
            f"Sent {when} after the interview ended, past the {n.target_hours}-hour target: "
            f"send it as soon as you can, while they still remember the conversation "
            f"(seed 001: send a thank-you email within 24 hours; seed 002: within 24-48 hours)."
        )
    elif elapsed <= timedelta(hours=n.target_hours, days=n.stale_days):
        why = (
            f"Sent {when} after the interview ended, past the {n.limit_hours}-hour outer "
            f"limit; send it now all the same: a late thank-you beats none "
            f"(seed 002: within 24-48 hours after the interview)."
        )
    else:
        why = (
            f"Sent {when} after the interview ended, long past the {n.limit_hours}-hour outer "
            f"limit: a thank-you alone this late reads as an afterthought; put your thanks in "
            f"your next message instead (seed 002: within 24-48 hours after the interview)."
        )
    yield Hit(*anchor(a.draft), message=why)


def _early(a: Analysis) -> Iterator[Hit]:
    ctx = a.context
    if a.draft.kind not in THANKS_KINDS or ctx.send_at is None or ctx.interview_end is None:
        return
    ahead = _utc(ctx.interview_end) - _utc(ctx.send_at)
    if ahead <= timedelta(0):
        return
    why = (
        f"Set to go out {_elapsed(ahead)} before the interview ends: a thank-you thanks them for "
        f"an interview that has happened; send it after, within a day "
        f"(seed 001: send a thank-you email within 24 hours)."
    )
    yield Hit(*anchor(a.draft), message=why)


def _day_after(day: date, days: int) -> str:
    """``day`` plus ``days`` as ISO, or "later" past the calendar's end (year 9999)."""
    try:
        return (day + timedelta(days=days)).isoformat()
    except OverflowError:
        return "later"


def _before_decision(a: Analysis) -> Iterator[Hit]:
    ctx = a.context
    if a.draft.kind not in _CHASING_DRAFTS or ctx.send_at is None or ctx.decision_date is None:
        return
    # The sender's calendar day, on the clock send_at was given in.
    sent = ctx.send_at.date()
    decision = ctx.decision_date
    if isinstance(decision, datetime):  # a caller's datetime: date < datetime raises
        decision = decision.date()
    wait = numbers(a.context).decision_wait_days
    if sent < decision:
        early = (decision - sent).days
        why = (
            f"Sent {early} day{'s' if early != 1 else ''} before the decision date they gave "
            f"({decision.isoformat()}): they have not yet had the time they asked "
            f"for; wait until about {wait} days after it (seed 001: wait about a week after "
            f"the expected date)."
        )
        yield Hit(*anchor(a.draft), message=why)
    elif (sent - decision).days < wait:
        after = (sent - decision).days
        when = "on the decision date" if after == 0 else f"{after} days after the decision date"
        why = (
            f"Sent {when} ({decision.isoformat()}); decisions often slip by a few "
            f"days, so give them about {wait} days before you check in (seed 001: wait about "
            f"a week after the expected date)."
        )
        yield Hit(*anchor(a.draft), message=why, severity=Severity.INFO)


def _too_soon(a: Analysis) -> Iterator[Hit]:
    ctx = a.context
    if a.draft.kind not in _CHASING_DRAFTS or ctx.send_at is None:
        return
    n = numbers(a.context)
    sent = _utc(ctx.send_at)
    earlier = [(_utc(p.sent_at), p.kind.strip().lower()) for p in ctx.previous_followups]
    last = max(((at, k) for at, k in earlier if k in n.contacts and at <= sent), default=None)
    if last is None or sent - last[0] >= timedelta(days=n.min_spacing_days):
        return
    why = (
        f"Sent {_elapsed(sent - last[0])} after your last follow-up ({last[1]}, sent "
        f"{last[0].date().isoformat()}), sooner than {n.min_spacing_days} days: wait until "
        f"{_day_after(last[0].date(), n.min_spacing_days)} or later "
        f"(seed 000: space out your follow-ups by at least a week or two)."
    )
    yield Hit(*anchor(a.draft), message=why)


def _cap(a: Analysis) -> Iterator[Hit]:
    ctx = a.context
    if a.draft.kind not in _CHASING_DRAFTS or ctx.send_at is None:
        return
    n = numbers(a.context)
    sent = _utc(ctx.send_at)
    # A new round starts a fresh count: only what was sent since this interview ended.
    since = None if ctx.interview_end is None else _utc(ctx.interview_end)
    done = [
        p
        for p in ctx.previous_followups
        if _utc(p.sent_at) <= sent and (since is None or _utc(p.sent_at) >= since)
    ]
    closed = [_utc(p.sent_at) for p in done if p.kind.strip().lower() == Kind.CLOSE_THE_LOOP]
    if closed:
        day = max(closed).date().isoformat()
        why = (
            f"You already closed the loop on {day}: after that message, stop; if they "
            f"answer, reply to them (seeds 000, 002: be respectful of their time, not "
            f"overly persistent or pushy)."
        )
        yield Hit(*anchor(a.draft), message=why)
        return
    if a.draft.kind is not Kind.CHECK_IN:
        return
    count = sum(1 for p in done if p.kind.strip().lower() in n.check_ins)
    if count < n.max_check_ins:
        return
    why = (
        f"You have sent {count} check-in{'s' if count != 1 else ''} already, the most the "
        f"plan allows ({n.max_check_ins}): send one polite close-the-loop message instead "
        f"and stop (seed 000: not pushy or desperate; seed 002: don't be overly persistent "
        f"or pushy)."
    )
    yield Hit(*anchor(a.draft), message=why)


RULES = (
    Rule(
        id="timing.thank-you-late",
        category=Category.TIMING,
        severity=Severity.WARNING,
        message="Sent more than 24 hours after the interview ended (seed 001: within 24 hours).",
        seed="001",
        summary="A thank-you or panel note sent over 24 h after the interview (past 48 h too).",
        find=_late,
    ),
    Rule(
        id="timing.thank-you-early",
        category=Category.TIMING,
        severity=Severity.ERROR,
        message="Set to go out before the interview ends (seed 001: within 24 hours after it).",
        seed="001",
        summary="A thank-you or panel note set to go out before the interview ended.",
        find=_early,
    ),
    Rule(
        id="timing.before-decision",
        category=Category.TIMING,
        severity=Severity.WARNING,
        message="Sent before the decision date (seed 001: wait about a week after it).",
        seed="001",
        summary="A check-in before the decision date (info: less than a week after it).",
        find=_before_decision,
    ),
    Rule(
        id="timing.too-soon",
        category=Category.TIMING,
        severity=Severity.WARNING,
        message="Sent less than 7 days after your last follow-up (seed 000: a week or two).",
        seed="000",
        summary="A check-in under 7 days after the last follow-up but the first day's notes.",
        find=_too_soon,
    ),
    Rule(
        id="timing.cap",
        category=Category.TIMING,
        severity=Severity.WARNING,
        message="Past the cap on check-ins: close the loop instead (seed 002: not pushy).",
        seed="002",
        summary="A check-in once the plan's 2 are spent, or one after the close-the-loop.",
        find=_cap,
    ),
)
