"""Benchmark: plan many random interviews on one core; interviews per second.

    .venv/bin/python bench/plan_bench.py [--count 100000] [--seed 1] [--passes 3] [--warm 2000]
        [--runs 1] [--no-speed]

Each record is one application with one interview (a fifth with an earlier round), 1-6
interviewers (one in 40%, two in 25%, three in 15%, then 10%, 6% and 4%: a screen is one
person, a final round often a panel), 15% of them in a zone of their own, nine countries,
random industries, cultures, rounds, decision dates, histories (follow-ups done,
replies) and a "now" from the interview's end to two months later. The records are built
first; only :func:`followup.domain.policy.plan` is timed, with ``time.process_time`` (CPU
time of this process: on a shared machine it is steadier than the wall clock).

Pass 1 meets every date and zone for the first time (the calendars' caches fill as it
goes); later passes plan the same records with warm caches. The target (docs/benchmarks.md)
is read on pass 1: real use plans interviews it has not seen.

The machines this runs on are shared, and their speed drifts by half within minutes. So
each pass prints, beside its figure, how long this machine took for ``sum(range(1000))``
just before it: a pass run while the machine was slow shows it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

from followup.domain.model import (
    Application,
    Channel,
    Contact,
    Culture,
    FollowUpKind,
    Interview,
    Interviewer,
    Profile,
    Round,
    Status,
)
from followup.domain.policy import Done, Heard, Record, clear_caches, plan, preset

ZONES = (
    ("America/New_York", "US"),
    ("America/Los_Angeles", "US"),
    ("Europe/London", "GB"),
    ("Europe/Berlin", "DE"),
    ("Europe/Paris", "FR"),
    ("Asia/Tokyo", "JP"),
    ("Asia/Kolkata", "IN"),
    ("America/Sao_Paulo", "BR"),
    ("Australia/Sydney", "AU"),
)
INDUSTRIES = ("software", "media", "banking", "law", "retail", "healthcare", None)
TITLES = ("Recruiter", "Hiring Manager", "Senior Engineer", "Director", None)
PANEL_SIZES = (1, 2, 3, 4, 5, 6)
PANEL_WEIGHTS = (40, 25, 15, 10, 6, 4)
SENT = (FollowUpKind.THANK_YOU, FollowUpKind.PANEL_NOTE, FollowUpKind.CHECK_IN)


def random_record(rng: random.Random, index: int) -> tuple[Record, datetime]:
    """One application with its interview(s) and history, and the "now" to plan it at."""
    zone, country = rng.choice(ZONES)
    start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(0, 730 * 24 * 60))
    end = start + timedelta(minutes=rng.choice((30, 45, 60, 90, 240)))
    people = []
    for k in range(rng.choices(PANEL_SIZES, PANEL_WEIGHTS)[0]):
        own_zone = rng.choice(ZONES)[0] if rng.random() < 0.15 else None
        contact = Contact(f"Person {index}-{k}", title=rng.choice(TITLES), timezone=own_zone)
        people.append(Interviewer(contact, topics=(f"topic {k}",)))
    decision = end.date() + timedelta(days=rng.randint(2, 21)) if rng.random() < 0.5 else None
    interviews = [
        Interview(
            index,
            start,
            end,
            zone,
            round=rng.choice(tuple(Round)),
            interviewers=tuple(people),
            decision_date=decision,
            id=2 * index + 1,
        )
    ]
    if rng.random() < 0.2:
        before = start - timedelta(days=rng.randint(5, 20))
        interviews.append(
            Interview(
                index,
                before,
                before + timedelta(minutes=30),
                zone,
                round=Round.SCREEN,
                interviewers=tuple(people[:1]),
                id=2 * index,
            )
        )
    now = end + timedelta(hours=rng.randrange(0, 60 * 24))
    done = []
    for kind in SENT:
        if rng.random() < 0.3:
            at = end + timedelta(hours=rng.randrange(1, 24 * 20))
            if at <= now:
                done.append(Done(kind, at, interview_id=2 * index + 1))
    replies = (Heard(now - timedelta(hours=1)),) if rng.random() < 0.1 else ()
    application = Application(
        "Company",
        "Role",
        industry=rng.choice(INDUSTRIES),
        culture=rng.choice(tuple(Culture)),
        company_timezone=zone,
        company_country=country,
        preferred_channel=rng.choice((None, None, None, Channel.LINKEDIN, Channel.PHONE)),
        status=Status.INTERVIEWING if rng.random() < 0.9 else Status.REJECTED,
    )
    record = Record(
        application,
        tuple(interviews),
        Profile("Job Seeker", timezone="America/New_York", country="US"),
        tuple(done),
        replies,
        active_applications=rng.randint(0, 6),
    )
    return record, now


def calibration() -> float:
    """Microseconds this machine takes for ``sum(range(1000))``, best of five.

    Printed beside the figures so that a run on another machine, or at a busier moment on
    a shared one, can be compared: the planner's speed scales with the interpreter's.
    """
    import timeit

    return min(timeit.repeat("sum(range(1000))", number=2000, repeat=5)) / 2000 * 1e6


def main(argv: list[str] | None = None) -> int:
    """Build the records, plan them, print interviews per second per pass."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--preset", default="default", choices=("default", "measured"))
    parser.add_argument(
        "--warm", type=int, default=2_000, help="records planned first, untimed (default 2000)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="start again from empty caches this many times (default 1)",
    )
    parser.add_argument(
        "--no-speed",
        action="store_true",
        help="skip timing sum(range(1000)): for counting instructions under valgrind",
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    cfg = preset(args.preset)
    warm = [random_record(rng, -i - 1) for i in range(args.warm)]
    jobs = [random_record(rng, i) for i in range(args.count)]
    sample = jobs[:1000]
    steps = sum(len(plan(r, now, cfg).steps) for r, now in sample) / max(len(sample), 1)
    print(f"{args.count:,} interviews, about {steps:.1f} steps each, preset {args.preset}")
    firsts, rates = [], []
    for run in range(1, args.runs + 1):
        # Each run from empty caches, then the warm-up on other records: the code paths
        # and the first holiday years, as a process that has planned a few already.
        clear_caches()
        for record, now in warm:
            plan(record, now, cfg)
        for number in range(1, args.passes + 1):
            speed = 0.0 if args.no_speed else calibration()
            began = time.process_time()
            for record, now in jobs:
                plan(record, now, cfg)
            spent = time.process_time() - began
            rates.append(args.count / spent)
            if number == 1:
                firsts.append(rates[-1])
            name = f"run {run} pass {number}" if args.runs > 1 else f"pass {number}"
            note = "" if args.no_speed else f" (sum(range(1000)) just before: {speed:.1f} µs)"
            print(f"{name}: {spent:.2f} s CPU, {rates[-1]:,.0f} interviews/s{note}")
    print(f"median of passes: {statistics.median(rates):,.0f} interviews/s")
    if firsts and args.runs > 1:
        # Noise on a shared machine only ever slows a run down: the best run is the one
        # least disturbed (as timeit's documentation advises), the median the typical one.
        print(
            f"pass 1 (caches filling), best of {len(firsts)} runs: {max(firsts):,.0f} "
            f"interviews/s; median {statistics.median(firsts):,.0f}"
        )
    if not args.no_speed:
        print(f"python {sys.version.split()[0]}; {calibration():.1f} µs for sum(range(1000)) here")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
