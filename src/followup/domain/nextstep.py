"""The next step of an application, in one line, for the pipeline view.

A summary, not the plan: it reads the application's status and its latest interview and
says what the seeds advise now. Pure: `now` is a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from followup.domain.model import Application, FollowUpKind, Interview, Status

#: Seed 001: "Send a Thank-You Email Within 24 Hours".
THANK_YOU_WITHIN = timedelta(hours=24)
#: Seed 002: "Send your follow-up message within 24-48 hours after the interview."
THANK_YOU_OUTER = timedelta(hours=48)
#: Seed 001: "Wait about a week after the expected date" before checking in.
AFTER_DECISION = timedelta(days=7)
#: Seed 000: "Space out your follow-ups by at least a week or two."
NO_DATE_CHECK_IN = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class NextStep:
    """What to do next, by when (if it has a deadline), and the seed behind the advice."""

    text: str
    due: datetime | None = None
    seed: str | None = None
    urgent: bool = False


def next_step(
    application: Application,
    latest: Interview | None,
    now: datetime,
    *,
    done: frozenset[FollowUpKind] = frozenset(),
) -> NextStep:
    """The next step for an application, given its latest interview and what is done."""
    closed = {
        Status.OFFER: NextStep("Offer received: reply to it, and thank everyone who helped."),
        Status.REJECTED: NextStep(
            "Closed: ask for feedback, reflect, and keep applying.", seed="001"
        ),
        Status.WITHDRAWN: NextStep("Closed: you withdrew."),
        Status.NO_RESPONSE: NextStep(
            "Closed without an answer; reopen it if they write (`followup outcome ID reopen`)."
        ),
    }
    if application.status in closed:
        return closed[application.status]
    if latest is None:
        return NextStep("Wait for an answer to the application; keep applying.", seed="001")
    if latest.start > now:
        when = latest.start.astimezone(ZoneInfo(latest.timezone))
        return NextStep(f"Prepare for the {latest.round} interview", due=when)
    if latest.end > now:
        return NextStep("Interview in progress.")
    thank_by = latest.end + THANK_YOU_WITHIN
    if FollowUpKind.THANK_YOU not in done and now < latest.end + THANK_YOU_OUTER:
        late = now >= thank_by
        text = (
            "Send the thank-you notes now: 24 hours have passed; 48 is the outer limit"
            if late
            else "Reflect, then send a thank-you to each interviewer"
        )
        return NextStep(
            text,
            due=thank_by if not late else latest.end + THANK_YOU_OUTER,
            seed="001" if not late else "002",
            urgent=True,
        )
    zone = ZoneInfo(latest.timezone)
    if latest.decision_date is not None:
        decided = latest.decision_date
        check_in = _morning(decided + AFTER_DECISION, zone)
        if now.astimezone(zone).date() <= decided:
            return NextStep(
                f"Wait for the decision, promised by {decided:%a %d %b}", due=check_in, seed="001"
            )
        if now < check_in:
            return NextStep(
                "Decision date passed: check in a week after it if no news",
                due=check_in,
                seed="001",
            )
        return NextStep(
            "Check in: a week has passed since the promised decision date",
            due=check_in,
            seed="001",
            urgent=True,
        )
    check_in = _morning(latest.end.astimezone(zone).date() + NO_DATE_CHECK_IN, zone)
    if now < check_in:
        return NextStep(
            "No decision date given: check in after a week if no news", due=check_in, seed="000"
        )
    return NextStep(
        "Check in politely: a week has passed with no news", due=check_in, seed="000", urgent=True
    )


def _morning(day: date, zone: ZoneInfo) -> datetime:
    """9:00 on that day in that zone, moved off a weekend to the Monday."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(9, 0), tzinfo=zone)
