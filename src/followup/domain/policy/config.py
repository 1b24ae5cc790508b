"""The planner's numbers, and the two presets that set them.

Every number the policy uses is here, so every one is a setting (``followup config show``
lists them as ``policy_*``). ``default`` reproduces seeds 000-002; ``measured`` seed 003,
which waits "at least 2-3 business days" before the first follow-up and takes the 48-hour
outer limit of seed 002 for the thank-you.

:data:`LIMITS` bounds each number. Two bounds come from the seeds themselves: the
thank-you never later than 48 hours (seed 002: "within 24-48 hours"), and never less than
7 days between follow-ups to a company (seed 000: "at least a week or two").
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import time, timedelta
from typing import Any

#: Industries that move fast (seed 003: "fast-paced industries like tech or media").
FAST_INDUSTRIES = (
    "tech",
    "software",
    "saas",
    "internet",
    "media",
    "gaming",
    "startup",
    "digital",
    "advertising",
    "e-commerce",
    "ecommerce",
    "entertainment",
)
#: Industries that move slowly (seed 003: "more traditional or conservative industries").
CONSERVATIVE_INDUSTRIES = (
    "bank",
    "finance",
    "financial",
    "insurance",
    "law",
    "legal",
    "government",
    "public sector",
    "accounting",
    "pharma",
    "utilities",
    "academ",
    "university",
    "defense",
    "defence",
)


@dataclass(frozen=True, slots=True)
class PolicySettings:
    """The policy's numbers. Times of day are the recipient's wall clock."""

    #: Seed 001: thank-you within 24 hours; seed 002: 48 hours is the outer limit.
    thank_you_hours: int = 24
    #: Seed 001: reflect right after the interview, before writing the thank-you.
    reflection_minutes: int = 30
    #: How long after the end a same-day or same-evening thank-you is aimed.
    thank_you_delay_minutes: int = 60
    business_start: time = time(9, 0)
    business_end: time = time(17, 0)
    #: An interview ending by this time (their clock) gets a thank-you the same day.
    same_day_cutoff: time = time(16, 0)
    #: The latest a same-evening thank-you is aimed, when the next morning is too late.
    evening_until: time = time(21, 0)
    #: Seed 001: a LinkedIn request after the thank-you; how many days it stays due.
    linkedin: bool = True
    linkedin_days: int = 7
    #: Seed 001: "Wait about a week after the expected date" (calendar days).
    decision_wait_days: int = 7
    #: Without a decision date: working days from the interview to the first check-in,
    #: before the industry and round adjustments (seed 003), and its bounds.
    check_in_business_days: int = 7
    industry_shift_days: int = 2
    round_shift_days: int = 1
    check_in_min_business_days: int = 5
    check_in_max_business_days: int = 10
    #: Working days after the target that a check-in is still on time.
    check_in_slack_days: int = 3
    #: Seed 000: "Space out your follow-ups by at least a week or two" (calendar days).
    min_spacing_days: int = 7
    check_in_interval_days: int = 10
    #: Seeds 000, 002: a bounded number of check-ins, then close the loop and stop.
    max_check_ins: int = 2
    close_after_days: int = 14
    #: A courtesy this many days past its window is cancelled: it would read as an afterthought.
    stale_days: int = 7
    #: Seed 001: keep applying while fewer than this many applications are active.
    min_active_applications: int = 3
    _hash: int = field(default=0, init=False, repr=False, compare=False)
    #: The durations above as timedeltas, built once: the planner adds them to every
    #: interview, and building a timedelta costs more than the addition.
    thank_you_delta: timedelta = field(default=timedelta(0), init=False, repr=False, compare=False)
    reflection_delta: timedelta = field(default=timedelta(0), init=False, repr=False, compare=False)
    delay_delta: timedelta = field(default=timedelta(0), init=False, repr=False, compare=False)
    stale_delta: timedelta = field(default=timedelta(0), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Refuse numbers outside :data:`LIMITS` and contradictory hours."""
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if not low <= value <= high:
                raise ValueError(f"{name} must be between {low} and {high}, not {value}")
        if not self.business_start < self.same_day_cutoff <= self.business_end:
            raise ValueError(
                "same_day_cutoff must fall within business hours (after business_start, "
                "no later than business_end)"
            )
        if self.evening_until < self.business_end:
            raise ValueError("evening_until must not be before business_end")
        if self.check_in_min_business_days > self.check_in_max_business_days:
            raise ValueError("check_in_min_business_days must not exceed the maximum")
        if self.check_in_interval_days < self.min_spacing_days:
            raise ValueError("check_in_interval_days must be at least min_spacing_days")
        if self.thank_you_delay_minutes < self.reflection_minutes:
            raise ValueError("thank_you_delay_minutes must leave time for the reflection")
        # The planner's caches are keyed on the settings: hash them once, not per lookup.
        object.__setattr__(self, "_hash", hash(tuple(getattr(self, n) for n in _FIELDS)))
        object.__setattr__(self, "thank_you_delta", timedelta(hours=self.thank_you_hours))
        object.__setattr__(self, "reflection_delta", timedelta(minutes=self.reflection_minutes))
        object.__setattr__(self, "delay_delta", timedelta(minutes=self.thank_you_delay_minutes))
        object.__setattr__(self, "stale_delta", timedelta(days=self.stale_days))

    def __hash__(self) -> int:
        """The hash computed once in ``__post_init__``."""
        return self._hash

    def __eq__(self, other: object) -> bool:
        """Equal settings: the same object (the caches' usual case), or the same values."""
        if self is other:
            return True
        if not isinstance(other, PolicySettings):
            return NotImplemented
        return self._hash == other._hash and all(
            getattr(self, n) == getattr(other, n) for n in _FIELDS
        )


_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(PolicySettings) if f.compare)

#: Inclusive bounds of every whole-number setting.
LIMITS: dict[str, tuple[int, int]] = {
    "thank_you_hours": (12, 48),
    "reflection_minutes": (0, 240),
    "thank_you_delay_minutes": (0, 480),
    "linkedin_days": (1, 60),
    "decision_wait_days": (1, 30),
    "check_in_business_days": (1, 30),
    "industry_shift_days": (0, 10),
    "round_shift_days": (0, 10),
    "check_in_min_business_days": (1, 30),
    "check_in_max_business_days": (1, 60),
    "check_in_slack_days": (0, 20),
    "min_spacing_days": (7, 60),
    "check_in_interval_days": (7, 90),
    "max_check_ins": (0, 5),
    "close_after_days": (1, 90),
    "stale_days": (1, 60),
    "min_active_applications": (0, 50),
}

#: The presets by name.
PRESETS: dict[str, PolicySettings] = {
    "default": PolicySettings(),
    "measured": PolicySettings(
        thank_you_hours=48,
        check_in_business_days=3,
        industry_shift_days=1,
        round_shift_days=1,
        check_in_min_business_days=2,
        check_in_max_business_days=5,
    ),
}

#: The names of the settings, in declaration order.
NAMES: tuple[str, ...] = tuple(f.name for f in fields(PolicySettings) if f.init)


def preset(name: str, **overrides: Any) -> PolicySettings:
    """A preset with some values changed; ValueError names the bad one."""
    if name not in PRESETS:
        raise ValueError(f"unknown policy preset {name!r}; choose {' or '.join(PRESETS)}")
    return replace(PRESETS[name], **overrides) if overrides else PRESETS[name]
