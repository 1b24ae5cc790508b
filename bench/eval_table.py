"""The evaluation bench's figures as a readable table, and the details of what missed."""

from __future__ import annotations

from collections import Counter
from typing import Any

import check_speed


def pct(x: object) -> str:
    return f"{100 * x:.1f}%" if isinstance(x, float) and x == x else "n/a"


def table(res: dict[str, Any]) -> str:
    """The figures as a readable table."""
    c = res["counts"]
    lines = [
        f"1. separation: {c['good_texts']} filled good texts ({c['good_samples']} samples x "
        f"{res['fills']} fills), {c['bad_texts']} bad ({c['bad_whole']} whole messages)",
        f"  {'tool':<11} {'good w/ error':>13} {'bad whole flagged':>18} {'AUC':>6} "
        f"{'AUC whole':>10}",
        f"  {'target':<11} {'0%':>13} {'>= 90%':>18} {'>= 0.9':>6} {'':>10}",
    ]
    for name, q in res["separation"].items():
        lines.append(
            f"  {name:<11} {pct(q['good_with_error']):>13} {pct(q['bad_whole_flagged']):>18} "
            f"{q['auc']:>6.3f} {q['auc_whole']:>10.3f}"
        )
    if c["good_texts_with_a_blank_left"]:
        lines.append(
            f"  NOTE: {c['good_texts_with_a_blank_left']} filled good texts still have a "
            "placeholder finding: a blank samples.py does not know (see --verbose)"
        )
    ours = res["separation"]["followup"]
    lines.append(
        f"  followup: good samples with an error in some fill: {ours['good_ids_with_error']}"
    )
    lines.append(f"  followup: bad whole messages not flagged: {ours['bad_whole_ids_missed']}")
    lines.append(
        f"  followup: good texts with a warning or an error: "
        f"{pct(ours['good_with_warning_or_error'])}; good whole messages: "
        f"{pct(ours['good_whole_with_warning_or_error'])} (be quiet and right)"
    )
    for name, why in res["peers"].items():
        if why != "ok":
            lines.append(f"  {name}: not measured ({why})")
    raw = res["raw_templates"]
    lines += [
        "",
        f"2. raw templates flagged placeholder: {pct(raw['flagged'])} of {raw['templates']} "
        f"(target 100%); blanks covered: {pct(raw['blanks_covered'])} of {raw['blanks']}",
        "",
        "3. planted defects (filled good whole messages)",
        f"  {'defect':<12} {'category':<12} {'planted':>7} {'found':>7} {'anywhere':>9} "
        f"{'false alarms':>13}",
    ]
    for kind, p in res["planted"].items():
        lines.append(
            f"  {kind:<12} {p['category']:<12} {p['planted']:>7} {pct(p['found']):>7} "
            f"{pct(p['found_anywhere']):>9} {pct(p['false_alarms']):>13}"
        )
    lines.append("  target: found >= 99%")
    sp = res["spelling"]
    lines += [
        "",
        f"4. spelling: {sp['planted']} misspellings of Norvig's test set planted "
        f"({', '.join(f'{v} {k}' for k, v in sp['ways'].items())})",
        f"  found {pct(sp['found'])} (target >= 97%), right word first {pct(sp['right_first'])} "
        f"(target >= 75%; Norvig's corrector 75%)",
        f"  false alarms: {sp['false_alarms_per_1000_words']:.2f} per 1,000 words on "
        f"{sp['words']} words of filled good samples (target <= 1)",
    ]
    if res.get("speed"):
        lines += ["", "5. " + check_speed.table(res["speed"])]
    if res["crashes"]:
        lines += ["", f"THE CHECKER RAISED on {len(res['crashes'])} texts:"]
        lines += ["  " + c.splitlines()[-1] for c in res["crashes"][:5]]
    return "\n".join(lines)


def details(res: dict[str, Any]) -> str:
    """What was missed and what was flagged wrongly, for whoever tunes the rules."""
    lines = ["", "details:"]
    for d in res["detail"]:
        errs = [x for x in d["findings"] if x.startswith(("error", "warning"))]
        if (d["label"] == "good" and any(x.startswith("error") for x in errs)) or (
            d["label"] == "bad" and not errs
        ):
            lines.append(f"  {d['id']} ({d['label']}, score {d['score']}): {d['findings']}")
    warned: Counter[str] = Counter(
        f"{x.split(':')[1]} ({d['id']})"
        for d in res["detail"]
        if d["label"] == "good"
        for x in d["findings"]
        if x.startswith("warning")
    )
    lines.append(f"  warnings on good texts, by rule and sample: {dict(warned.most_common())}")
    lines += [f"  raw template blank missed: {m}" for m in res["raw_templates"]["missed"]]
    for kind, p in res["planted"].items():
        lines += [f"  {kind} missed: {m}" for m in p["missed"]]
    sp = res["spelling"]
    lines.append(f"  spelling false alarms: {sp['false_alarm_words']}")
    lines.append(f"  spelling misses / wrong first: {sp['missed'][:60]}")
    return "\n".join(lines)
