"""The draft checker measured on the evaluation samples, beside proselint and write-good.

    .venv/bin/python bench/eval_checker.py [--fills 10] [--plants 400] [--spelling-rounds 2]
        [--rounds 5] [--seed 1] [--json] [--verbose] [--no-peers] [--no-speed] [--no-install]

Reads ../shared/eval (or $FOLLOWUP_EVAL_DIR) at run time: samples/dev.jsonl (or
``--samples``) and spelling/norvig_spell-testset1.txt. Installs the peers it compares
with when they are missing (``--no-install`` to skip): proselint from PyPI into this
Python (``python -m pip install proselint==0.16.0``) and write-good from npm into
~/.cache/followup-bench (``npm install --prefix ~/.cache/followup-bench write-good@1.0.8``).

1. Separation. Each good sample is filled ``--fills`` times (samples.py: realistic names,
   companies, roles, topics, and the context that goes with them); bad samples are
   checked as written. Reported per tool: the share of good samples with an error
   (target 0%), the share of bad whole messages with a warning or an error (target
   >= 90%), and the ROC AUC of the score between good and bad (Mann-Whitney; target
   >= 0.9). proselint and write-good have no severities and no score: any finding counts
   as "an error" and as "a warning or an error", and their score is minus the number of
   findings.
2. Raw templates: every sample with a template blank, unfilled, must be flagged
   ``placeholder`` (100%); also the share of the blanks themselves that a finding covers.
3. Planted defects (plant.py) into filled good whole messages, ``--plants`` of each:
   found = a finding of the right category on the planted span (target >= 99%); false
   alarms = the same category on the same message before planting.
4. Spelling: every misspelling of Norvig's test set planted into a filled good message
   (``--spelling-rounds`` times): found = a ``spelling`` finding on it (>= 97%), the right
   word first in its suggestion (>= 75%); false alarms = ``spelling`` findings per 1,000
   words on the unplanted filled good samples (<= 1).
5. Speed (check_speed.py), in process and warm, beside proselint on the same texts.

Exit status 1 when the checker raised on any text (it must never raise), else 0.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import traceback
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check_speed
import peers
from eval_table import details, table
from followup.domain.check import Report, Severity, check
from plant import CATEGORY, misspell, plant
from samples import EVAL_DIR, Filled, Sample, fill, find_slots, load

_crashes: list[str] = []


def run(text: str, f: Filled) -> Report | None:
    """The checker's report, or None (counted) if it raised."""
    try:
        return check(text, f.sample.kind, f.context)
    except Exception:  # the checker must never raise: count it, keep measuring
        _crashes.append(f"{f.sample.id}: {traceback.format_exc(limit=-1).strip()}")
        return None


def auc(good: Sequence[float], bad: Sequence[float]) -> float:
    """P(a good sample scores above a bad one), ties half: the Mann-Whitney U over n*m."""
    ranked = sorted([(s, 1) for s in good] + [(s, 0) for s in bad])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + 1 + j) / 2  # ranks i+1..j share their mean
        rank_sum += mid * sum(flag for _, flag in ranked[i:j])
        i = j
    n, m = len(good), len(bad)
    return (rank_sum - n * (n + 1) / 2) / (n * m) if n and m else float("nan")


def overlaps(start: int, end: int, span: tuple[int, int]) -> bool:
    """Whether [start, end) meets the span (an empty finding inside it counts)."""
    return (start < span[1] and span[0] < end) or span[0] <= start < span[1]


def share(flags: Sequence[bool]) -> float:
    """The share of True, or NaN for none."""
    return sum(flags) / len(flags) if flags else float("nan")


Figures = dict[str, dict[str, object]]


def separation(
    good: list[Filled], bad: list[Filled], peer_counts: dict[str, list[int]]
) -> tuple[Figures, dict[str, int], list[Report | None], list[dict[str, object]]]:
    """Section 1: good with an error, bad whole flagged, AUC, per tool."""
    texts = good + bad
    reports = [run(f.text, f) for f in texts]
    # Per tool and text: an error?  a warning or an error?  the score.
    tools: dict[str, tuple[list[bool], list[bool], list[float]]] = {}
    sev = [{x.severity for x in r.findings} if r else {Severity.ERROR} for r in reports]
    tools["followup"] = (
        [Severity.ERROR in s for s in sev],
        [bool(s & {Severity.ERROR, Severity.WARNING}) for s in sev],
        [float(r.score) if r else 0.0 for r in reports],
    )
    for name, found in peer_counts.items():
        flags = [c > 0 for c in found]
        tools[name] = (flags, flags, [-float(c) for c in found])
    n = len(good)
    whole = [i for i, f in enumerate(texts) if f.sample.scope == "whole"]
    out: Figures = {}
    for name, (error, flag, score) in tools.items():
        out[name] = {
            "good_with_error": share(error[:n]),
            "bad_whole_flagged": share([flag[i] for i in whole if i >= n]),
            "auc": auc(score[:n], score[n:]),
            "auc_whole": auc(
                [score[i] for i in whole if i < n], [score[i] for i in whole if i >= n]
            ),
        }
    error, flag, _ = tools["followup"]
    out["followup"]["good_ids_with_error"] = sorted(
        {f.sample.id for f, e in zip(good, error, strict=False) if e}
    )
    out["followup"]["good_with_warning_or_error"] = share(flag[:n])
    out["followup"]["good_whole_with_warning_or_error"] = share([flag[i] for i in whole if i < n])
    out["followup"]["bad_whole_ids_missed"] = [
        texts[i].sample.id for i in whole if i >= n and not flag[i]
    ]
    counts = {
        "good_texts": n,
        "good_samples": len({f.sample.id for f in good}),
        "bad_texts": len(bad),
        "bad_whole": sum(f.sample.scope == "whole" for f in bad),
        # A blank the filler did not know (another split's templates): the filler's fault.
        "good_texts_with_a_blank_left": sum(
            any(x.category == "placeholder" for x in r.findings)
            for r in reports[:n]
            if r is not None
        ),
    }
    detail = [
        {
            "id": f.sample.id,
            "label": f.sample.label,
            "score": r.score,
            "findings": [
                f"{x.severity.value}:{x.rule}:{f.text[x.start : x.end][:40]!r}" for x in r.findings
            ],
        }
        for f, r in zip(texts, reports, strict=True)
        if r is not None
    ]
    return out, counts, reports, detail


def raw_templates(samples: list[Sample], seed: int) -> dict[str, object]:
    """Section 2: every unfilled template flagged placeholder, and its blanks covered."""
    flagged, blanks, covered, missed = 0, 0, 0, []
    templates = [s for s in samples if find_slots(s.text)]
    for s in templates:
        f = fill(s, random.Random(f"{seed}:{s.id}:raw"))
        r = run(s.text, f)
        spans = [(x.start, x.end) for x in (r.findings if r else ()) if x.category == "placeholder"]
        flagged += bool(spans)
        for slot in find_slots(s.text):
            blanks += 1
            hit = any(overlaps(a, b, (slot.start, slot.end)) for a, b in spans)
            covered += hit
            if not hit:
                missed.append(f"{s.id}: {s.text[slot.start : slot.end]!r}")
    return {
        "templates": len(templates),
        "flagged": flagged / len(templates) if templates else float("nan"),
        "blanks": blanks,
        "blanks_covered": covered / blanks if blanks else float("nan"),
        "missed": missed,
    }


def planted(samples: list[Sample], count: int, seed: int) -> dict[str, dict[str, object]]:
    """Section 3: each kind of planted defect, found on its span, and false alarms."""
    whole = [s for s in samples if s.label == "good" and s.scope == "whole"]
    out: dict[str, dict[str, object]] = {}
    for kind, category in CATEGORY.items():
        probe = [(s, plant(kind, fill(s, random.Random(seed)), random.Random(0))) for s in whole]
        eligible = [s for s, p in probe if p is not None]
        found = anywhere = alarms = done = 0
        misses: list[str] = []
        i = 0
        while done < count and eligible:
            s = eligible[i % len(eligible)]
            rng = random.Random(f"{seed}:{kind}:{i}")
            i += 1
            f = fill(s, rng)
            result = plant(kind, f, rng)
            if result is None:
                continue
            text, span = result
            done += 1
            r, before = run(text, f), run(f.text, f)
            cats = [(x.start, x.end) for x in (r.findings if r else ()) if x.category == category]
            hit = any(overlaps(a, b, span) for a, b in cats)
            found += hit
            anywhere += bool(cats)
            alarms += bool(before and any(x.category == category for x in before.findings))
            if not hit:
                near = text[max(0, span[0] - 20) : span[1] + 20]
                misses.append(f"{s.id}: {text[span[0] : span[1]]!r} in {near!r}")
        out[kind] = {
            "category": category,
            "planted": done,
            "templates": len(eligible),
            "found": found / done if done else float("nan"),
            "found_anywhere": anywhere / done if done else float("nan"),
            "false_alarms": alarms / done if done else float("nan"),
            "missed": misses[:20],
        }
    return out


def norvig(path: Path) -> list[tuple[str, str]]:
    """(right, wrong) pairs of Norvig's test set, in file order."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        right, _, wrongs = line.partition(":")
        pairs += [(right.strip(), w) for w in wrongs.split()]
    return pairs


def spelling(
    samples: list[Sample], good: list[Filled], reports: list[Report | None], rounds: int, seed: int
) -> dict[str, object]:
    """Section 4: Norvig's misspellings found and corrected; false alarms per 1,000 words."""
    pairs = norvig(EVAL_DIR / "spelling" / "norvig_spell-testset1.txt")
    whole = [s for s in samples if s.label == "good" and s.scope == "whole"]
    found = first = 0
    how: Counter[str] = Counter()
    misses: list[str] = []
    for r in range(rounds):
        for j, (right, wrong) in enumerate(pairs):
            rng = random.Random(f"{seed}:spell:{r}:{j}")
            f = fill(rng.choice(whole), rng)
            text, span, way = misspell(f, right, wrong, rng)
            how[way] += 1
            report = run(text, f)
            hits = [
                x
                for x in (report.findings if report else ())
                if x.category == "spelling" and overlaps(x.start, x.end, span)
            ]
            hits.sort(key=lambda x: (x.start, x.end) != span)
            found += bool(hits)
            best = (hits[0].suggestion or "").split(", ")[0] if hits else ""
            first += best.lower() == right.lower()
            if not hits or best.lower() != right.lower():
                misses.append(f"{wrong}->{right}: {best or ('-' if hits else 'not found')}")
    words = sum(r.metrics.words for r in reports if r is not None)
    alarms: Counter[str] = Counter(
        f.text[x.start : x.end]
        for f, r in zip(good, reports, strict=True)
        if r is not None
        for x in r.findings
        if x.category == "spelling"
    )
    total = len(pairs) * rounds
    return {
        "planted": total,
        "ways": dict(how),
        "found": found / total,
        "right_first": first / total,
        "words": words,
        "false_alarms_per_1000_words": 1000 * sum(alarms.values()) / words if words else 0.0,
        "false_alarm_words": dict(alarms.most_common(30)),
        "missed": misses,
    }


def peer_counts(texts: list[str], status: dict[str, str]) -> dict[str, list[int]]:
    """How many findings each available peer reports on each text."""
    out = {}
    if status.get("proselint") == "ok":
        out["proselint"] = [len(peers.proselint_spans(t)) for t in texts]
    if status.get("write-good") == "ok":
        out["write-good"] = [len(spans) for spans in peers.write_good_spans(texts)]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=EVAL_DIR / "samples" / "dev.jsonl")
    parser.add_argument("--fills", type=int, default=10, help="fills of each good sample")
    parser.add_argument("--plants", type=int, default=400, help="plants of each defect")
    parser.add_argument("--spelling-rounds", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds for speed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="what was missed, and where")
    parser.add_argument("--no-peers", action="store_true", help="followup alone")
    parser.add_argument("--no-install", action="store_true", help="do not install the peers")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)
    if not args.samples.exists():
        print(f"no evaluation samples at {args.samples}", file=sys.stderr)
        return 2
    _crashes.clear()
    samples = load(args.samples)
    good = [
        fill(s, random.Random(f"{args.seed}:{s.id}:{i}"))
        for s in samples
        if s.label == "good"
        for i in range(args.fills)
    ]
    bad = [fill(s, random.Random(f"{args.seed}:{s.id}:0")) for s in samples if s.label == "bad"]
    status: dict[str, str] = {}
    if not args.no_peers:
        status = peers.status() if args.no_install else peers.install()
    counts = peer_counts([f.text for f in good + bad], status)
    sep, count, reports, detail = separation(good, bad, counts)
    res: dict[str, Any] = {
        "seed": args.seed,
        "fills": args.fills,
        "counts": count,
        "peers": status,
        "separation": sep,
        "raw_templates": raw_templates(samples, args.seed),
        "planted": planted(samples, args.plants, args.seed),
        "spelling": spelling(samples, good, reports[: len(good)], args.spelling_rounds, args.seed),
        "detail": detail,
    }
    if not args.no_speed:
        items = [(f.text, f.sample.kind, f.context) for f in good + bad]
        res["speed"] = check_speed.measure(items, args.rounds, "proselint" in counts)
    res["crashes"] = list(_crashes)
    if args.json:
        print(json.dumps(res, indent=1, default=str))
    else:
        print(table(res) + (details(res) if args.verbose else ""))
    return 1 if _crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
