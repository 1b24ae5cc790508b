"""Compose-and-check throughput: drafts a second for a panel of four (target: 500).

Every draft is written from the record, checked, and the best variant kept, as
`followup draft` does; the figure counts drafts handed out. The same run times the
checker alone on the drafts handed out, so the share the templates cost is visible,
and the four panel notes' pairwise word-trigram Jaccard.

    .venv/bin/python bench/compose_speed.py [--seconds 5] [--rounds 5] [--profile]

``--profile`` instead runs the panel 300 times under cProfile and prints the share of the
composer's time spent in the checker, in filling a variant in, and in the facts.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import combinations

from followup.domain.check import check
from followup.domain.compose.composer import compose_all
from followup.domain.compose.model import SPECS, Brief, ConcernNote, DraftKind, Member, Sender

END = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
PANEL = Brief(
    company="Northwind Labs",
    role="Data Analyst",
    round="final",
    format="panel",
    interviewers=(
        Member("Amara Okafor", "Head of Data", topics=("the churn model", "dashboard adoption")),
        Member("José Núñez", "Senior Analyst", topics=("query performance",)),
        Member("Priya Natarajan", "Engineering Manager", topics=("on-call rotations",)),
        Member("Tom Becker", "Staff Engineer", topics=("data contracts between teams",)),
    ),
    topics=("team rituals",),
    standouts=("we sketched the churn funnel together",),
    concerns=(ConcernNote("SQL window functions", "I would partition the orders by customer."),),
    forgotten=("my Tableau certification",),
    questions=("How will the analytics team change after the merger?",),
    decision_date=date(2026, 12, 11),
    interview_start=END - timedelta(hours=2),
    interview_end=END,
    send_at=END + timedelta(hours=3),
    sender=Sender("Sam Rivera", "Sam Rivera\n+1 555 0100"),
    other_companies=("Globex", "Initech"),
)


def _rate(work, seconds: float) -> float:
    """Drafts a second over ``seconds`` of repeated ``work()`` (each returns a count)."""
    done = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        done += work()
    return done / elapsed


def _jaccard(a: str, b: str) -> float:
    def grams(text: str) -> set[tuple[str, ...]]:
        words = text.casefold().split()
        return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}

    x, y = grams(a), grams(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if args.profile:
        _profile()
        return
    notes = compose_all(PANEL, DraftKind.PANEL_NOTE)  # warm: templates compiled
    texts = [n.text for n in notes]
    spec = SPECS[DraftKind.PANEL_NOTE]
    composed, checked = [], []
    for _ in range(args.rounds):
        composed.append(_rate(lambda: len(compose_all(PANEL, DraftKind.PANEL_NOTE)), args.seconds))
        checked.append(
            _rate(lambda: sum(1 for t in texts if check(t, spec.check_kind).score >= 0), 1.0)
        )
    print(f"panel of four, {args.rounds} rounds of {args.seconds:g} s")
    print(
        f"compose and check: median {statistics.median(composed):,.0f} drafts/s "
        f"(min {min(composed):,.0f}, max {max(composed):,.0f}); target 500"
    )
    print(f"checker alone on the drafts handed out: median {statistics.median(checked):,.0f}/s")
    tried = sum(len(n.candidates) for n in notes) / len(notes)
    print(f"variants checked per draft: {tried:.2f}; scores {[n.report.score for n in notes]}")
    worst = max(_jaccard(a, b) for a, b in combinations([n.body for n in notes], 2))
    print(f"largest pairwise word-trigram Jaccard of the four notes: {worst:.3f} (limit 0.5)")
    # Each kind as the plan would send it: the chasing kinds a week after the decision date.
    later = replace(PANEL, send_at=datetime(2026, 12, 19, 15, 0, tzinfo=UTC))
    chasing = {"check-in", "close-the-loop", "availability-request", "call", "voicemail"}
    for kind in DraftKind:
        brief = later if kind.value in chasing else PANEL
        try:
            rate = _rate(lambda k=kind, b=brief: len(compose_all(b, k)), args.seconds / 3)
        except Exception as exc:  # a kind this record cannot have is reported, not fatal
            print(f"  {kind.value:<22} refused: {exc}")
            continue
        print(f"  {kind.value:<22} {rate:8,.0f} drafts/s")


def _profile() -> None:
    import cProfile
    import pstats

    compose_all(PANEL, DraftKind.PANEL_NOTE)  # warm
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(300):
        compose_all(PANEL, DraftKind.PANEL_NOTE)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    wanted = {"compose_all": "composer.py", "check_draft": "check/__init__.py",
              "_written": "composer.py", "facts": "facts.py"}  # fmt: skip
    times = {
        name: stat[3]
        for (path, _, name), stat in stats.items()
        if name in wanted and path.endswith(wanted[name])
    }
    whole = times["compose_all"]
    print(f"300 rounds of the panel under cProfile: {whole:.2f} s in compose_all")
    for name, label in (("check_draft", "the checker"), ("_written", "filling a variant in"),
                        ("facts", "of which the facts")):  # fmt: skip
        print(f"  {label}: {times[name]:.2f} s ({times[name] / whole:.0%})")


if __name__ == "__main__":
    main()
