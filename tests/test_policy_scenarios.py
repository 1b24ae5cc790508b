"""The planner, situation by situation: each row a case, the seed sentence it checks, and
the exact steps docs/policy.md promises for it.

Times are wall clocks in the recipient's zone (``ny``, ``tokyo``, ``london``); a step's
time must be that instant *and* be expressed in that zone (the same UTC offset).
November 2026: Thu 26 is Thanksgiving (US), Wed 11 Veterans Day (US), Mon 23 Labor
Thanksgiving Day (JP). Clocks change on Sun 25 Oct (EU), Sun 1 Nov (US), Sun 8 Mar (US)
and Sun 29 Mar (EU).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from followup.domain.model import (
    Channel,
    Culture,
    FollowUpKind,
    FollowUpStatus,
    Round,
    Status,
)
from followup.domain.policy import PRESETS, Plan, PolicySettings, Record, Step, plan
from policy_factory import (
    CHASING,
    application,
    done,
    heard,
    interview,
    local,
    person,
    profile,
    record,
    steps,
)

K = FollowUpKind
PLANNED, DONE, SKIPPED, CANCELLED = (
    FollowUpStatus.PLANNED,
    FollowUpStatus.DONE,
    FollowUpStatus.SKIPPED,
    FollowUpStatus.CANCELLED,
)
DEFAULT, MEASURED = PRESETS["default"], PRESETS["measured"]
ANYONE = "<anyone>"
SEEDS = Path("/work/shared/seeds")


def ny(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    return local(year, month, day, hour, minute, zone="America/New_York")


def tokyo(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return local(2026, month, day, hour, minute, zone="Asia/Tokyo")


def london(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return local(2026, month, day, hour, minute, zone="Europe/London")


def berlin(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return local(2026, month, day, hour, minute, zone="Europe/Berlin")


@dataclass(frozen=True)
class Want:
    """One step the plan must hold; None fields are not checked."""

    kind: FollowUpKind
    who: str | None = ANYONE
    rule: str | None = None
    target: datetime | None = None
    earliest: datetime | None = None
    latest: datetime | None = None
    status: FollowUpStatus = PLANNED
    channel: Channel | None = None
    number: int = 1
    says: tuple[str, ...] = ()
    interview: int | None = None


@dataclass(frozen=True)
class Case:
    """A situation: the record, when it is planned, and what the plan must say."""

    id: str
    seed: str  # "NNN: the sentence of the seed this case checks", verbatim
    record: Record
    now: datetime
    wants: tuple[Want, ...] = ()
    settings: PolicySettings = DEFAULT
    #: Kinds of which no step may be pending.
    never: tuple[FollowUpKind, ...] = ()
    #: How many steps of a kind the plan holds that are not cancelled.
    counts: dict[FollowUpKind, int] = field(default_factory=dict)
    close: Status | None = None


DANA = "Dana Smith"
KENJI = person("Kenji Sato", "Recruiter", zone="Asia/Tokyo")
PANEL = (
    person(DANA),
    person("Lee Park", "Staff Engineer"),
    person("Maria Garcia", "Senior Recruiter"),
    person("Sam Okafor", "Director of Data"),
)

# A second round on Tuesday 10 Nov, ending 15:00, with a decision promised by Fri 20 Nov.
PROMISED = interview(ny(11, 10, 15), decision=date(2026, 11, 20))
# The courtesies of that round, sent, so the chasing cases are about chasing only.
THANKED = (
    done(K.REFLECTION, ny(11, 10, 15, 20)),
    done(K.THANK_YOU, ny(11, 10, 16), DANA),
    done(K.LINKEDIN, ny(11, 12, 9, 30), DANA),
)
TUESDAY = interview(ny(11, 17, 11))  # Tue 17 Nov, 10:00-11:00 in New York
ROUND_ONE = interview(ny(11, 3, 11), DANA, round_=Round.FIRST, id_=1)
ROUND_TWO = interview(ny(11, 17, 11), "dana  SMITH", "Lee Park", id_=2)


def _check_in_round(round_: Round, industry: str | None = None) -> Record:
    # Tuesday 3 Nov, 11:00: the following Wednesday (11 Nov) is Veterans Day.
    return record(interview(ny(11, 3, 11), round_=round_), app=application(industry=industry))


# fmt: off
CASES: list[Case] = [
    # -- the thank-you: same day, next morning, same evening, next day --------------------
    Case(
        "friday-5pm",
        "001: Send a Thank-You Email Within 24 Hours",
        record(interview(ny(11, 20, 17))),
        ny(11, 20, 18),
        (
            Want(K.THANK_YOU, DANA, "thank-you.same-evening", ny(11, 20, 18),
                 ny(11, 20, 17, 30), ny(11, 21, 17), channel=Channel.EMAIL, says=("limit",)),
            Want(K.REFLECTION, None, "reflection.right-after", ny(11, 20, 17), ny(11, 20, 17),
                 ny(11, 20, 17, 30), channel=Channel.SELF),
            Want(K.LINKEDIN, DANA, "linkedin.after-thank-you", ny(11, 23, 9), ny(11, 20, 18),
                 ny(11, 30, 9), channel=Channel.LINKEDIN),
        ),
        counts={K.THANK_YOU: 1, K.PANEL_NOTE: 0, K.LINKEDIN: 1, K.REFLECTION: 1},
    ),
    Case(
        "friday-5pm-measured",
        "002: Send your follow-up message within 24-48 hours after the interview.",
        record(interview(ny(11, 20, 17))),
        ny(11, 20, 18),
        (
            Want(K.THANK_YOU, DANA, "thank-you.same-evening", ny(11, 20, 18),
                 ny(11, 20, 17, 30), ny(11, 22, 17)),
        ),
        MEASURED,
    ),
    Case(
        "tuesday-5pm-next-morning",
        "001: Send a Thank-You Email Within 24 Hours",
        record(interview(ny(11, 17, 17))),
        ny(11, 17, 18),
        (
            Want(K.THANK_YOU, DANA, "thank-you.next-morning", ny(11, 18, 9),
                 ny(11, 17, 17, 30), ny(11, 18, 17)),
        ),
    ),
    Case(
        "tuesday-11am-same-day-and-check-in",
        "000: Space out your follow-ups by at least a week or two",
        record(TUESDAY),
        ny(11, 17, 12),
        (
            Want(K.THANK_YOU, DANA, "thank-you.same-day", ny(11, 17, 12), ny(11, 17, 11, 30),
                 ny(11, 18, 11)),
            # 7 working days after Tue 17 Nov, Thanksgiving skipped: Fri 27 Nov.
            Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 27, 9), ny(11, 27, 9),
                 ny(12, 2, 17), channel=Channel.EMAIL),
        ),
    ),
    Case(
        "ends-16:00-still-same-day",
        "001: Send a Thank-You Email Within 24 Hours",
        record(interview(ny(11, 17, 16))),
        ny(11, 17, 16),
        (Want(K.THANK_YOU, DANA, "thank-you.same-day", ny(11, 17, 17)),),
    ),
    Case(
        "ends-16:01-next-morning",
        "001: Send a Thank-You Email Within 24 Hours",
        record(interview(ny(11, 17, 16, 1))),
        ny(11, 17, 16, 1),
        (Want(K.THANK_YOU, DANA, "thank-you.next-morning", ny(11, 18, 9)),),
    ),
    Case(
        "ends-before-office-hours",
        "001: Send a Thank-You Email Within 24 Hours",
        record(interview(ny(11, 17, 7, 30))),
        ny(11, 17, 8),
        (
            Want(K.THANK_YOU, DANA, "thank-you.next-morning", ny(11, 17, 9), ny(11, 17, 8),
                 ny(11, 18, 7, 30)),
        ),
    ),
    Case(
        "ends-08:45-just-before-office-hours",
        "001: Send a Thank-You Email Within 24 Hours",
        # docs/policy.md: ended by 16:00 on a working day -> an hour after the end; and the
        # window opens 30 minutes after the end, so the target cannot be 09:00.
        record(interview(ny(11, 17, 8, 45))),
        ny(11, 17, 9),
        (
            Want(K.THANK_YOU, DANA, "thank-you.same-day", ny(11, 17, 9, 45), ny(11, 17, 9, 15),
                 ny(11, 18, 8, 45)),
        ),
    ),
    Case(
        "ends-23:30-on-a-weekday",
        "001: Send a Thank-You Email Within 24 Hours",
        record(interview(ny(11, 17, 23, 30))),
        ny(11, 17, 23, 45),
        (
            Want(K.THANK_YOU, DANA, "thank-you.next-morning", ny(11, 18, 9), ny(11, 18, 0),
                 ny(11, 18, 23, 30)),
            Want(K.REFLECTION, None, target=ny(11, 17, 23, 30), latest=ny(11, 18, 0)),
        ),
    ),
    Case(
        "ends-23:30-on-a-friday",
        "002: Send your follow-up message within 24-48 hours after the interview.",
        record(interview(ny(11, 20, 23, 30))),
        ny(11, 20, 23, 45),
        (
            Want(K.THANK_YOU, DANA, "thank-you.next-day", ny(11, 21, 9), ny(11, 21, 0),
                 ny(11, 21, 23, 30), says=("weekend",)),
        ),
    ),
    Case(
        "saturday-interview",
        "001: Send a Thank-You Email Within 24 Hours",
        record(interview(ny(11, 21, 14))),
        ny(11, 21, 14),
        (Want(K.THANK_YOU, DANA, "thank-you.same-evening", ny(11, 21, 15), says=("weekend",)),),
    ),
    Case(
        "saturday-interview-measured",
        "002: Send your follow-up message within 24-48 hours after the interview.",
        record(interview(ny(11, 21, 14))),
        ny(11, 21, 14),
        (Want(K.THANK_YOU, DANA, "thank-you.next-morning", ny(11, 23, 9), latest=ny(11, 23, 14)),),
        MEASURED,
    ),
    Case(
        "day-before-thanksgiving",
        "001: Send a Thank-You Email Within 24 Hours",
        record(interview(ny(11, 25, 17))),
        ny(11, 25, 17),
        (
            Want(K.THANK_YOU, DANA, "thank-you.same-evening", ny(11, 25, 18),
                 says=("Thanksgiving",)),
        ),
    ),
    Case(
        "day-before-thanksgiving-measured",
        "002: Send your follow-up message within 24-48 hours after the interview.",
        record(interview(ny(11, 25, 17))),
        ny(11, 25, 17),
        (
            Want(K.THANK_YOU, DANA, "thank-you.next-morning", ny(11, 27, 9),
                 latest=ny(11, 27, 17), says=("Thanksgiving",)),
        ),
        MEASURED,
    ),
    Case(
        "day-before-thanksgiving-noon-check-in",
        "000: Space out your follow-ups by at least a week or two",
        record(interview(ny(11, 25, 12))),
        ny(11, 25, 12),
        (
            Want(K.THANK_YOU, DANA, "thank-you.same-day", ny(11, 25, 13)),
            Want(K.CHECK_IN, DANA, "check-in.no-date", ny(12, 7, 9), latest=ny(12, 10, 17)),
        ),
    ),
    Case(
        "late-thank-you-stays-planned",
        "002: Send your follow-up message within 24-48 hours after the interview.",
        # docs/policy.md, Status: "A step whose window has passed stays planned and shows as
        # overdue, for a while: a thank-you a day or two late is better than none."
        record(TUESDAY),
        ny(11, 20, 12),
        (Want(K.THANK_YOU, DANA, "thank-you.same-day", ny(11, 17, 12)),),
    ),
    Case(
        "stale-thank-you-is-cancelled",
        "002: Send your follow-up message within 24-48 hours after the interview.",
        # ... "more than 7 days past its window (policy_stale_days) is cancelled": the window
        # closed Wed 18 Nov 11:00; on Thu 26 Nov it is 8 days past.
        record(TUESDAY),
        ny(11, 26, 12),
        (Want(K.THANK_YOU, DANA, status=CANCELLED, says=("next message",)),
         Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 27, 9))),
        never=(K.THANK_YOU,),
    ),
    Case(
        "thank-you-overtaken-by-the-next-round",
        "001: Send a Thank-You Email Within 24 Hours",
        # Round one's window closed Wed 4 Nov 11:00, before round two began on Thu 5 Nov:
        # the thank-you is cancelled, the LinkedIn request (her latest round) is not.
        record(
            ROUND_ONE,
            interview(ny(11, 5, 11), "Lee Park", id_=2),
        ),
        ny(11, 5, 12),
        (Want(K.THANK_YOU, DANA, status=CANCELLED, interview=1),
         Want(K.LINKEDIN, DANA, "linkedin.after-thank-you", ny(11, 4, 9), interview=1),
         Want(K.THANK_YOU, "Lee Park", "thank-you.same-day", ny(11, 5, 12), interview=2)),
    ),
    # -- a panel, and recipients elsewhere --------------------------------------------------
    Case(
        "panel-of-four",
        "003: One candidate, in particular, took the time to write a handwritten note to "
        "each member of the interview panel",
        record(interview(ny(11, 17, 14), *PANEL)),
        ny(11, 17, 14),
        (
            *(
                Want(K.PANEL_NOTE, p.contact.name, "thank-you.same-day", ny(11, 17, 15),
                     says=("seed 003",))
                for p in PANEL
            ),
            Want(K.CHECK_IN, "Maria Garcia", "check-in.no-date", ny(11, 27, 9)),
        ),
        counts={K.THANK_YOU: 0, K.PANEL_NOTE: 4, K.LINKEDIN: 4, K.CHECK_IN: 2},
    ),
    Case(
        "recruiter-in-tokyo",
        "001: Send a Thank-You Email Within 24 Hours",
        # Tue 17 Nov 10:00 in New York is Wed 18 Nov 00:00 in Tokyo: the next morning there.
        # The check-in counts 7 Japanese working days from Wed 18, skipping Mon 23 Nov.
        record(interview(ny(11, 17, 10), KENJI)),
        ny(11, 17, 11),
        (
            Want(K.THANK_YOU, "Kenji Sato", "thank-you.next-morning", tokyo(11, 18, 9),
                 tokyo(11, 18, 0, 30), tokyo(11, 19, 0)),
            Want(K.LINKEDIN, "Kenji Sato", target=tokyo(11, 19, 9)),
            Want(K.CHECK_IN, "Kenji Sato", "check-in.no-date", tokyo(11, 30, 9),
                 latest=tokyo(12, 3, 17)),
        ),
    ),
    Case(
        "tokyo-friday-night-before-a-long-weekend",
        "001: Send a Thank-You Email Within 24 Hours",
        # Fri 20 Nov 09:00 in New York is 23:00 in Tokyo; the next working morning there is
        # Tue 24 (weekend, then Labor Thanksgiving Day), 82 hours on: Saturday morning.
        record(interview(ny(11, 20, 9), KENJI)),
        ny(11, 20, 9),
        (
            Want(K.THANK_YOU, "Kenji Sato", "thank-you.next-day", tokyo(11, 21, 9),
                 latest=tokyo(11, 21, 23), says=("weekend", "Labor Thanksgiving Day")),
        ),
    ),
    Case(
        "tokyo-1am-on-a-saturday-waits-for-the-morning",
        "001: Send a Thank-You Email Within 24 Hours",
        # Fri 20 Nov 11:00 in New York is Sat 21 Nov 01:00 in Tokyo. "One hour after the
        # end" would be 02:00 in their night: that is no evening; the next morning, 09:00,
        # is still within the 24 hours (the thank-you.next-day rule, which names the day).
        record(interview(ny(11, 20, 11), KENJI)),
        ny(11, 20, 11),
        (
            Want(K.THANK_YOU, "Kenji Sato", "thank-you.next-day", tokyo(11, 21, 9),
                 latest=tokyo(11, 22, 1), says=("weekend",)),
        ),
    ),
    # -- daylight-saving changes: 24 hours are 24 elapsed hours, 9:00 is the wall clock ----
    Case(
        "us-fall-back-saturday-night",
        "001: Send a Thank-You Email Within 24 Hours",
        # Sat 31 Oct 21:30 EDT + 24 h = Sun 1 Nov 20:30 EST (the clocks went back).
        record(interview(ny(10, 31, 21, 30))),
        ny(10, 31, 22),
        (
            Want(K.THANK_YOU, DANA, "thank-you.next-day", ny(11, 1, 9),
                 latest=ny(11, 1, 20, 30), says=("weekend",)),
        ),
    ),
    Case(
        "us-fall-back-measured",
        "002: Send your follow-up message within 24-48 hours after the interview.",
        # Sat 31 Oct 14:00 EDT to Mon 2 Nov 09:00 EST is 44 hours; the limit falls at 13:00.
        record(interview(ny(10, 31, 14))),
        ny(10, 31, 15),
        (Want(K.THANK_YOU, DANA, "thank-you.next-morning", ny(11, 2, 9), latest=ny(11, 2, 13)),),
        MEASURED,
    ),
    Case(
        "us-fall-back-check-in-at-nine",
        "000: Space out your follow-ups by at least a week or two",
        record(interview(ny(10, 27, 11))),
        ny(10, 27, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 5, 9)),),
    ),
    Case(
        "eu-fall-back-48-hours-elapsed",
        "002: Send your follow-up message within 24-48 hours after the interview.",
        # Sat 24 Oct 09:30 BST to Mon 26 Oct 09:00 GMT is 48.5 elapsed hours (47.5 on the
        # wall clock): past the limit, so the same day, an hour after the end.
        record(
            interview(london(10, 24, 9, 30)),
            app=application(zone="Europe/London", country="GB"),
        ),
        london(10, 24, 10),
        (
            Want(K.THANK_YOU, DANA, "thank-you.same-evening", london(10, 24, 10, 30),
                 latest=london(10, 26, 8, 30), says=("weekend",)),
        ),
        MEASURED,
    ),
    Case(
        "us-spring-forward-48-hours-elapsed",
        "002: Send your follow-up message within 24-48 hours after the interview.",
        # Sat 7 Mar 08:30 EST to Mon 9 Mar 09:00 EDT is 47.5 elapsed hours: within 48.
        record(interview(ny(3, 7, 8, 30))),
        ny(3, 7, 9),
        (Want(K.THANK_YOU, DANA, "thank-you.next-morning", ny(3, 9, 9), latest=ny(3, 9, 9, 30)),),
        MEASURED,
    ),
    Case(
        "eu-spring-forward-48-hours-elapsed",
        "002: Send your follow-up message within 24-48 hours after the interview.",
        record(
            interview(london(3, 28, 8, 30)),
            app=application(zone="Europe/London", country="GB"),
        ),
        london(3, 28, 9),
        (
            Want(K.THANK_YOU, DANA, "thank-you.next-morning", london(3, 30, 9),
                 latest=london(3, 30, 9, 30)),
        ),
        MEASURED,
    ),
    # -- check-ins: a promised date, the round, the industry --------------------------------
    Case(
        "promised-decision-date",
        "001: Wait about a week after the expected date before doing so.",
        record(PROMISED),
        ny(11, 10, 16),
        (
            Want(K.THANK_YOU, DANA, "thank-you.same-day", ny(11, 10, 16)),
            Want(K.LINKEDIN, DANA, target=ny(11, 12, 9), says=("Veterans Day",)),
            Want(K.CHECK_IN, DANA, "check-in.after-decision-date", ny(11, 27, 9),
                 ny(11, 27, 9), ny(12, 2, 17)),
            Want(K.CHECK_IN, DANA, "check-in.again", ny(12, 7, 9), number=2),
            Want(K.CLOSE_THE_LOOP, DANA, "close-the-loop.after-cap", ny(12, 17, 9)),
        ),
        counts={K.CHECK_IN: 2, K.CLOSE_THE_LOOP: 1},
    ),
    Case(
        "decision-date-plus-a-week-is-thanksgiving",
        "001: Wait about a week after the expected date before doing so.",
        record(interview(ny(11, 10, 15), decision=date(2026, 11, 19))),
        ny(11, 10, 16),
        (Want(K.CHECK_IN, DANA, "check-in.after-decision-date", ny(11, 27, 9)),),
    ),
    Case(
        "decision-date-already-past-counts-as-none",
        "003: A general rule of thumb is to wait at least 2-3 business days after the "
        "interview before sending your follow-up communication.",
        # docs/policy.md: "a D + 7 days no later than the interview counts as no date".
        record(interview(ny(11, 17, 11), decision=date(2026, 11, 5))),
        ny(11, 17, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 27, 9)),),
    ),
    Case(
        "decision-date-on-a-saturday",
        "001: Wait about a week after the expected date before doing so.",
        record(interview(ny(11, 10, 15), decision=date(2026, 11, 21))),
        ny(11, 10, 16),
        (Want(K.CHECK_IN, DANA, "check-in.after-decision-date", ny(11, 30, 9)),),
    ),
    Case(
        "first-round-waits-longer",
        "003: If it was a first-round interview, you may want to wait a bit longer before "
        "reaching out.",
        _check_in_round(Round.FIRST),
        ny(11, 3, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 16, 9)),),  # 8 working days
    ),
    Case(
        "screen-waits-like-a-first-round",
        "003: If it was a first-round interview, you may want to wait a bit longer before "
        "reaching out.",
        _check_in_round(Round.SCREEN),
        ny(11, 3, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 16, 9)),),
    ),
    Case(
        "final-round-sooner",
        "003: However, if you had a final-round interview, a more prompt follow-up is "
        "appropriate, as the decision-making process may be imminent.",
        _check_in_round(Round.FINAL),
        ny(11, 3, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 12, 9)),),  # 6 working days
    ),
    Case(
        "tech-sooner",
        "003: For example, in fast-paced industries like tech or media, a quicker follow-up "
        "may be more appropriate.",
        _check_in_round(Round.SECOND, "Tech"),
        ny(11, 3, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 10, 9)),),  # 5 working days
    ),
    Case(
        "banking-later",
        "003: On the other hand, more traditional or conservative industries might prefer a "
        "slightly longer waiting period.",
        _check_in_round(Round.SECOND, "banking"),
        ny(11, 3, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 17, 9)),),  # 9 working days
    ),
    Case(
        "banking-first-round-at-most-ten-days",
        "003: On the other hand, more traditional or conservative industries might prefer a "
        "slightly longer waiting period.",
        _check_in_round(Round.FIRST, "Investment Banking"),
        ny(11, 3, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 18, 9)),),  # 10 working days
    ),
    Case(
        "tech-final-at-least-five-days",
        "003: For example, in fast-paced industries like tech or media, a quicker follow-up "
        "may be more appropriate.",
        _check_in_round(Round.FINAL, "media"),
        ny(11, 3, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 10, 9)),),  # 4, raised to 5
    ),
    Case(
        "measured-preset",
        "003: A general rule of thumb is to wait at least 2-3 business days after the "
        "interview before sending your follow-up communication.",
        _check_in_round(Round.SECOND),
        ny(11, 3, 12),
        (
            Want(K.THANK_YOU, DANA, "thank-you.same-day", ny(11, 3, 12), latest=ny(11, 5, 11)),
            Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 6, 9)),  # 3 working days
        ),
        MEASURED,
    ),
    Case(
        "measured-tech-final-at-least-two-days",
        "003: For example, in fast-paced industries like tech or media, a quicker follow-up "
        "may be more appropriate.",
        _check_in_round(Round.FINAL, "tech"),
        ny(11, 3, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 5, 9)),),
        MEASURED,
    ),
    Case(
        "measured-banking-first-round",
        "003: On the other hand, more traditional or conservative industries might prefer a "
        "slightly longer waiting period.",
        _check_in_round(Round.FIRST, "banking"),
        ny(11, 3, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 10, 9)),),  # 5 working days
        MEASURED,
    ),
    Case(
        "spaced-from-a-check-in-for-another-role",
        "000: Space out your follow-ups by at least a week or two",
        # A check-in to Northwind about another application went out on Wed 25 Nov 10:00:
        # this one waits until 7 days have passed, then the next working morning.
        record(TUESDAY, done=(done(K.CHECK_IN, ny(11, 25, 10), DANA, interview_id=99),)),
        ny(11, 25, 11),
        (Want(K.CHECK_IN, DANA, target=ny(12, 3, 9), says=("000",)),),
    ),
    # -- replies, the cap, closing the file ------------------------------------------------
    Case(
        "reply-after-the-first-check-in",
        "001: If the timeline given for a decision passes without any communication, it’s "
        "appropriate to send a polite follow-up email.",
        record(
            PROMISED,
            done=(*THANKED, done(K.CHECK_IN, ny(11, 27, 9, 30), DANA)),
            replies=(heard(ny(11, 30, 10)),),
        ),
        ny(12, 1, 12),
        (
            Want(K.CHECK_IN, DANA, status=DONE),
            Want(K.THANK_YOU, DANA, status=DONE),
        ),
        never=(*CHASING, K.CALL),
    ),
    Case(
        "reply-right-after-the-interview-keeps-the-courtesies",
        "001: Send a Thank-You Email Within 24 Hours",
        record(TUESDAY, replies=(heard(ny(11, 17, 13)),)),
        ny(11, 17, 13, 30),
        (
            Want(K.THANK_YOU, DANA, "thank-you.same-day", ny(11, 17, 12)),
            Want(K.LINKEDIN, DANA, target=ny(11, 18, 9)),
        ),
        never=CHASING,
    ),
    Case(
        "reply-before-the-interview-is-no-answer",
        "001: If the timeline given for a decision passes without any communication, it’s "
        "appropriate to send a polite follow-up email.",
        record(TUESDAY, replies=(heard(ny(11, 16, 10)),)),
        ny(11, 18, 10),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 27, 9)),),
    ),
    Case(
        "third-check-in-refused",
        "002: Be overly persistent or pushy.",
        record(
            PROMISED,
            done=(*THANKED, done(K.CHECK_IN, ny(11, 27, 9), DANA), done(K.CHECK_IN, ny(12, 7, 9))),
        ),
        ny(12, 8, 12),
        (
            Want(K.CHECK_IN, DANA, status=DONE),
            Want(K.CHECK_IN, DANA, status=DONE, number=2),
            Want(K.CLOSE_THE_LOOP, DANA, "close-the-loop.after-cap", ny(12, 17, 9)),
        ),
        counts={K.CHECK_IN: 2},
    ),
    Case(
        "a-third-check-in-with-a-cap-of-three",
        "000: Space out your follow-ups by at least a week or two",
        record(
            PROMISED,
            done=(*THANKED, done(K.CHECK_IN, ny(11, 27, 9), DANA), done(K.CHECK_IN, ny(12, 7, 9))),
        ),
        ny(12, 8, 12),
        (
            Want(K.CHECK_IN, DANA, "check-in.again", ny(12, 17, 9), number=3),
            Want(K.CLOSE_THE_LOOP, DANA, "close-the-loop.after-cap", ny(12, 28, 9)),
        ),
        PolicySettings(max_check_ins=3),
        counts={K.CHECK_IN: 3},
    ),
    Case(
        "close-after-no-answer",
        "000: When keeping yourself top of mind, it’s important to be respectful of the "
        "employer’s time and not come across as pushy or desperate.",
        record(
            PROMISED,
            done=(
                *THANKED,
                done(K.CHECK_IN, ny(11, 27, 9), DANA),
                done(K.CHECK_IN, ny(12, 7, 9), DANA),
                done(K.CLOSE_THE_LOOP, ny(12, 17, 9), DANA),
            ),
        ),
        ny(12, 31, 12),
        (Want(K.CLOSE_THE_LOOP, DANA, status=DONE),),
        never=CHASING,
        close=Status.NO_RESPONSE,
    ),
    Case(
        "not-closed-before-fourteen-days",
        "002: Expect an immediate response or become discouraged if you don't receive one.",
        record(
            PROMISED,
            done=(
                *THANKED,
                done(K.CHECK_IN, ny(11, 27, 9), DANA),
                done(K.CHECK_IN, ny(12, 7, 9), DANA),
                done(K.CLOSE_THE_LOOP, ny(12, 17, 9), DANA),
            ),
        ),
        ny(12, 30, 12),
        never=CHASING,
        close=None,
    ),
    Case(
        "new-decision-date-from-a-reply",
        "001: Wait about a week after the expected date before doing so.",
        record(
            PROMISED,
            done=(*THANKED, done(K.CHECK_IN, ny(11, 27, 9), DANA)),
            replies=(heard(ny(11, 30, 10), date(2026, 12, 4)),),
        ),
        ny(11, 30, 11),
        (Want(K.CHECK_IN, DANA, "check-in.after-decision-date", ny(12, 11, 9), number=1),),
    ),
    # -- channel -------------------------------------------------------------------------------
    Case(
        "casual-culture-asks-for-availability",
        "003: Just be sure to respect the hiring team's time and preferences, and always ask "
        "for their availability before initiating a call.",
        record(TUESDAY, app=application(culture=Culture.CASUAL)),
        ny(11, 17, 12),
        (
            Want(K.AVAILABILITY_REQUEST, DANA, "availability-request.casual", ny(11, 27, 9),
                 channel=Channel.EMAIL),
        ),
        counts={K.CALL: 0},
    ),
    Case(
        "casual-culture-call-after-they-answer",
        "003: However, if the company culture or the role you are applying for leans more "
        "towards a casual or collaborative environment, a follow-up phone call or even a "
        "video call might be appropriate.",
        record(
            TUESDAY,
            app=application(culture=Culture.CASUAL),
            done=(done(K.AVAILABILITY_REQUEST, ny(11, 27, 9), DANA),),
            replies=(heard(ny(11, 30, 15)),),
        ),
        ny(11, 30, 16),
        (Want(K.CALL, DANA, "call.after-availability", ny(12, 1, 9), channel=Channel.PHONE),),
        never=CHASING,
    ),
    Case(
        "formal-culture-never-calls",
        "003: However, if no specific instructions were given, it’s generally best to send an "
        "email.",
        record(TUESDAY, app=application(culture=Culture.FORMAL)),
        ny(11, 17, 12),
        (Want(K.CHECK_IN, DANA, "check-in.no-date", ny(11, 27, 9), channel=Channel.EMAIL),),
        counts={K.AVAILABILITY_REQUEST: 0, K.CALL: 0},
    ),
    Case(
        "preferred-phone-asks-for-availability-first",
        "003: Just be sure to respect the hiring team's time and preferences, and always ask "
        "for their availability before initiating a call.",
        record(TUESDAY, app=application(preferred=Channel.PHONE)),
        ny(11, 17, 12),
        (
            Want(K.THANK_YOU, DANA, channel=Channel.EMAIL),
            Want(K.AVAILABILITY_REQUEST, DANA, "availability-request.casual", ny(11, 27, 9),
                 channel=Channel.EMAIL),
        ),
        counts={K.CALL: 0},
    ),
    Case(
        "preferred-linkedin",
        "003: If they provided you with their email address or if the company’s website "
        "indicates a preferred mode of communication, follow that guideline.",
        record(TUESDAY, app=application(preferred=Channel.LINKEDIN)),
        ny(11, 17, 12),
        (
            Want(K.THANK_YOU, DANA, channel=Channel.LINKEDIN, says=("LinkedIn",)),
            Want(K.CHECK_IN, DANA, channel=Channel.LINKEDIN),
        ),
    ),
    Case(
        "preferred-mail-is-too-slow",
        "001: Send a Thank-You Email Within 24 Hours",
        record(TUESDAY, app=application(preferred=Channel.MAIL)),
        ny(11, 17, 12),
        (
            Want(K.THANK_YOU, DANA, channel=Channel.EMAIL, says=("post",)),
            Want(K.CHECK_IN, DANA, channel=Channel.EMAIL),
        ),
    ),
    # -- outcomes, rounds, the user's own steps -----------------------------------------------
    Case(
        "rejection-cancels-all-but-your-own-steps",
        "001: While waiting for a response, continue applying to other positions.",
        record(TUESDAY, app=application(status=Status.REJECTED), active=1),
        ny(11, 17, 12),
        (
            Want(K.THANK_YOU, DANA, status=CANCELLED),
            Want(K.CHECK_IN, DANA, status=CANCELLED),
            Want(K.REFLECTION, None, status=PLANNED),
            Want(K.KEEP_APPLYING, None, status=PLANNED),
        ),
        never=(K.THANK_YOU, K.LINKEDIN, *CHASING),
    ),
    Case(
        "offer-keeps-what-was-done",
        "001: Send a Thank-You Email Within 24 Hours",
        record(
            TUESDAY,
            app=application(status=Status.OFFER),
            done=(done(K.THANK_YOU, ny(11, 17, 12), DANA),),
        ),
        ny(11, 18, 12),
        (Want(K.THANK_YOU, DANA, status=DONE),),
        never=(K.LINKEDIN, *CHASING),
    ),
    Case(
        "new-round-re-plans-the-check-ins",
        "001: If the timeline given for a decision passes without any communication, it’s "
        "appropriate to send a polite follow-up email.",
        record(ROUND_ONE, ROUND_TWO),
        ny(11, 17, 12),
        # The check-in follows round two (to its first interviewer, as recorded there).
        (Want(K.CHECK_IN, ANYONE, "check-in.no-date", ny(11, 27, 9), interview=2),),
    ),
    Case(
        "linkedin-once-per-person-across-rounds",
        "001: After your interview, consider sending a LinkedIn connection request to the "
        "interviewer with a personalized note.",
        record(
            ROUND_ONE,
            ROUND_TWO,
            done=(done(K.THANK_YOU, ny(11, 3, 12), DANA), done(K.LINKEDIN, ny(11, 4, 9), DANA)),
        ),
        ny(11, 17, 12),
        (
            Want(K.LINKEDIN, DANA, status=DONE),
            Want(K.LINKEDIN, "Lee Park", "linkedin.after-thank-you", ny(11, 18, 9)),
        ),
        counts={K.LINKEDIN: 2},
    ),
    Case(
        "keep-applying-on-your-own-clock",
        "001: While waiting for a response, continue applying to other positions.",
        # The user lives in Berlin: the interview ended at 23:00 their time.
        record(TUESDAY, active=1, me=profile("Europe/Berlin", "DE")),
        ny(11, 17, 12),
        (
            Want(K.KEEP_APPLYING, None, "keep-applying.thin-pipeline", berlin(11, 18, 9),
                 channel=Channel.SELF, says=("001",)),
            Want(K.REFLECTION, None, target=berlin(11, 17, 17), latest=berlin(11, 17, 17, 30)),
        ),
    ),
    Case(
        "keep-applying-with-two-active",
        "001: While waiting for a response, continue applying to other positions.",
        record(TUESDAY, active=2),
        ny(11, 17, 12),
        (Want(K.KEEP_APPLYING, None, target=ny(11, 18, 9)),),
    ),
    Case(
        "no-keep-applying-with-three-active",
        "001: While waiting for a response, continue applying to other positions.",
        record(TUESDAY, active=3),
        ny(11, 17, 12),
        counts={K.KEEP_APPLYING: 0},
    ),
    Case(
        "no-keep-applying-with-five-active",
        "001: While waiting for a response, continue applying to other positions.",
        record(TUESDAY, active=5),
        ny(11, 17, 12),
        counts={K.KEEP_APPLYING: 0},
    ),
    Case(
        "reflection-and-thank-you-done",
        "001: Take some time to reflect on what went well and what could have been improved.",
        record(
            interview(ny(11, 17, 11), *PANEL[:2]),
            # The stateless contract's history names no one: "I sent the panel notes".
            done=(done(K.REFLECTION, ny(11, 17, 11, 10)), done(K.PANEL_NOTE, ny(11, 17, 13))),
        ),
        ny(11, 17, 14),
        (
            Want(K.REFLECTION, None, status=DONE),
            Want(K.PANEL_NOTE, DANA, status=DONE),
            Want(K.PANEL_NOTE, "Lee Park", status=DONE),
            # LinkedIn follows the note as sent, at 13:00: the next working morning.
            Want(K.LINKEDIN, DANA, target=ny(11, 18, 9), earliest=ny(11, 17, 13)),
        ),
    ),
    Case(
        "skipped-is-not-pending",
        "001: Send a Thank-You Email Within 24 Hours",
        record(TUESDAY, done=(done(K.THANK_YOU, ny(11, 17, 12), DANA, skipped=True),)),
        ny(11, 17, 13),
        (Want(K.THANK_YOU, DANA, status=SKIPPED),),
    ),
]
# fmt: on


def _name(name: str | None) -> str | None:
    # Recipients are names as recorded; matching ignores case and spacing (policy.types).
    return " ".join(name.casefold().split()) if name is not None else None


def _matches(step: Step, want: Want) -> bool:
    return (
        step.kind is want.kind
        and (want.who == ANYONE or _name(step.recipient) == _name(want.who))
        and step.number == want.number
        and step.status is want.status
    )


def _same_instant_and_zone(got: datetime, expected: datetime) -> bool:
    return got == expected and got.utcoffset() == expected.utcoffset()


def _describe(result: Plan) -> str:
    return "\n".join(
        f"  {s.kind} #{s.number} to {s.recipient} [{s.status}] {s.rule} "
        f"{s.earliest.isoformat()} / {s.target.isoformat()} / {s.latest.isoformat()}"
        for s in result.steps
    )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_scenario(case: Case) -> None:
    result = plan(case.record, case.now, case.settings)
    shown = _describe(result)
    for want in case.wants:
        found = [s for s in result.steps if _matches(s, want)]
        assert len(found) == 1, f"want one {want}, plan:\n{shown}"
        step = found[0]
        if want.rule is not None:
            assert step.rule == want.rule, shown
        for name in ("earliest", "target", "latest"):
            expected = getattr(want, name)
            if expected is not None:
                got = getattr(step, name)
                assert _same_instant_and_zone(got, expected), (
                    f"{want.kind} {name}: got {got.isoformat()}, want {expected.isoformat()}"
                )
        if want.channel is not None:
            assert step.channel is want.channel
        if want.interview is not None:
            assert step.interview_id == want.interview
        for text in want.says:
            assert text in step.reason, f"{text!r} not in {step.reason!r}"
    for kind in case.never:
        assert not [s for s in steps(result, kind) if s.pending], shown
    for kind, count in case.counts.items():
        live = [s for s in steps(result, kind) if s.status is not CANCELLED]
        assert len(live) == count, f"{kind}: want {count}, plan:\n{shown}"
    assert result.close is case.close


def test_the_table_is_large_and_its_ids_unique() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


def _plain(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds are not beside this checkout")
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_case_quotes_its_seed_verbatim(case: Case) -> None:
    number, _, sentence = case.seed.partition(": ")
    (path,) = SEEDS.glob(f"{number}_*.txt")
    assert _plain(sentence).rstrip(".") in _plain(path.read_text("utf-8"))


def test_every_reason_cites_a_seed() -> None:
    for case in CASES:
        for step in plan(case.record, case.now, case.settings).steps:
            assert re.search(r"\b[Ss]eeds? 00\d", step.reason), (case.id, step.reason)


def test_a_plan_made_later_keeps_its_times() -> None:
    # "now" only decides what has happened; it never moves a target.
    early = plan(record(TUESDAY), ny(11, 17, 12))
    late = plan(record(TUESDAY), ny(11, 20, 12))
    assert [(s.kind, s.target) for s in early.steps] == [(s.kind, s.target) for s in late.steps]


def test_history_after_now_is_not_yet_history() -> None:
    sent = record(TUESDAY, done=(done(K.THANK_YOU, ny(11, 17, 12), DANA),))
    before = plan(sent, ny(11, 17, 11, 45))
    after = plan(sent, ny(11, 17, 12, 15))
    assert [s.status for s in steps(before, K.THANK_YOU)] == [PLANNED]
    assert [s.status for s in steps(after, K.THANK_YOU)] == [DONE]


def test_no_interviews_no_plan() -> None:
    assert plan(record(), ny(11, 17, 12)).steps == ()


def test_steps_come_ordered_by_target() -> None:
    result = plan(record(interview(ny(11, 17, 14), *PANEL), active=1), ny(11, 17, 14))
    targets = [s.target.astimezone(UTC) for s in result.steps]
    assert targets == sorted(targets)
    assert timedelta(0) < targets[-1] - targets[0]


def test_a_new_round_leaves_no_check_in_pending_for_the_earlier_one() -> None:
    # docs/policy.md: "the check-ins follow the latest interview; those of the earlier
    # round are cancelled."
    result = plan(record(ROUND_ONE, ROUND_TWO), ny(11, 17, 12))
    chasing = [s for s in result.steps if s.kind in CHASING and s.pending]
    assert chasing
    assert {s.interview_id for s in chasing} == {2}
