"""Speed of the draft checker, in process and warm, side by side with proselint.

    .venv/bin/python bench/check_speed.py [--fills 5] [--rounds 5] [--seed 1] [--json]

The texts are the evaluation samples (../shared/eval/samples/dev.jsonl), the good ones
filled (``--fills`` fills each) and checked with their context. Both tools first see
every text once (warm: caches, lazy tables, regexes compiled); then each round times,
text by text, one call of ``followup.domain.check.check`` and, right after it on the
same text, one call of proselint's linter, with ``time.process_time_ns`` (the CPU time
of this process: on a shared machine a call preempted by another process would
otherwise count its wait) and, beside it, ``time.perf_counter_ns`` (wall). The figures
are the median and the 99th percentile of those single calls, and the ratio of
proselint's median to the checker's, both measured in the same run on the same machine
(shared machines drift: only a ratio measured side by side is worth quoting).
Targets (issue 4): median at most 1 ms, p99 at most 5 ms per sample.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers
from followup.domain.check import Context, Kind, check
from samples import EVAL_DIR, fill, load

Item = tuple[str, Kind, Context]


def items(fills: int, seed: int) -> list[Item]:
    """The texts to time: every sample, each good one filled ``fills`` times."""
    out = []
    for sample in load():
        for i in range(fills if sample.label == "good" else 1):
            f = fill(sample, random.Random(f"{seed}:{sample.id}:{i}"))
            out.append((f.text, sample.kind, f.context))
    return out


def _stats(ns: list[int]) -> dict[str, float]:
    ms = sorted(n / 1e6 for n in ns)
    return {
        "median_ms": statistics.median(ms),
        "p99_ms": ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))],
        "mean_ms": statistics.fmean(ms),
        "calls": len(ms),
    }


def measure(texts: Sequence[Item], rounds: int, with_proselint: bool = True) -> dict[str, object]:
    """Per-call times of the checker (and proselint beside it) over ``rounds`` passes."""
    tools: list[tuple[str, Callable[[Item], object]]] = [
        ("followup", lambda it: check(it[0], it[1], it[2]))
    ]
    if with_proselint:
        tools.append(("proselint", lambda it: peers.proselint_spans(it[0])))
    for _, run in tools:
        for it in texts:  # warm
            run(it)
    cpu: dict[str, list[int]] = {name: [] for name, _ in tools}
    wall: dict[str, list[int]] = {name: [] for name, _ in tools}
    cpu_clock, wall_clock = time.process_time_ns, time.perf_counter_ns
    gc.collect()
    for _ in range(rounds):
        for it in texts:
            for name, run in tools:
                c0, w0 = cpu_clock(), wall_clock()
                run(it)
                w1, c1 = wall_clock(), cpu_clock()
                cpu[name].append(c1 - c0)
                wall[name].append(w1 - w0)
    out: dict[str, object] = {name: _stats(ns) for name, ns in cpu.items()}
    for name, ns in wall.items():
        out[name + "_wall"] = _stats(ns)
    out["texts"] = len(texts)
    out["rounds"] = rounds
    out["words_median"] = statistics.median(len(t.split()) for t, _, _ in texts)
    if with_proselint:
        ours = statistics.median(cpu["followup"])
        out["proselint_over_followup"] = statistics.median(cpu["proselint"]) / max(ours, 1)
    return out


def table(result: dict[str, object]) -> str:
    """The speed figures as a few readable lines."""
    lines = [
        f"speed: {result['texts']} texts (median {result['words_median']} words) x "
        f"{result['rounds']} rounds, warm, in process",
        f"  {'tool (CPU time)':<17} {'median ms':>10} {'p99 ms':>8} {'mean ms':>8}",
    ]
    for name in ("followup", "proselint", "followup_wall", "proselint_wall"):
        s = result.get(name)
        if isinstance(s, dict):
            label = name.replace("_wall", " (wall)")
            lines.append(
                f"  {label:<17} {s['median_ms']:>10.3f} {s['p99_ms']:>8.3f} {s['mean_ms']:>8.3f}"
            )
    if "proselint_over_followup" in result:
        lines.append(
            f"  followup is {result['proselint_over_followup']:.1f} times faster than proselint "
            "(ratio of medians, same run)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fills", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-install", action="store_true", help="do not install proselint")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (EVAL_DIR / "samples" / "dev.jsonl").exists():
        print(f"no evaluation data at {EVAL_DIR}", file=sys.stderr)
        return 2
    if not args.no_install:
        peers.install()
    with_proselint = peers.available("proselint")
    result = measure(items(args.fills, args.seed), args.rounds, with_proselint)
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
