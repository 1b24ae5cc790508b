"""The score from 0 to 100 and the short account of what lowered it.

Each rule costs by its severity (error 30, warning 10, info 2); a rule that fires again
costs half as much each time (a draft with ten typos is bad, not ten times as bad), so
a rule costs at most twice its first hit. The account names the costliest rules first.
"""

from __future__ import annotations

from collections import Counter

from followup.domain.check.model import Finding, Severity

COST = {Severity.ERROR: 30.0, Severity.WARNING: 10.0, Severity.INFO: 2.0}
#: Lines in the account: the rest are summed into one.
ACCOUNT_LINES = 5


def score(findings: tuple[Finding, ...]) -> tuple[int, tuple[str, ...]]:
    """The score of a draft with these findings, and what lowered it, costliest first."""
    cost: dict[str, float] = {}
    worst: dict[str, Severity] = {}
    count: Counter[str] = Counter()
    order = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    for f in findings:
        n = count[f.rule]
        count[f.rule] += 1
        cost[f.rule] = cost.get(f.rule, 0.0) + COST[f.severity] * 0.5**n
        if f.rule not in worst or order.index(f.severity) < order.index(worst[f.rule]):
            worst[f.rule] = f.severity
    total = sum(cost.values())
    value = max(0, min(100, round(100 - total)))
    ranked = sorted(cost, key=lambda r: (-cost[r], r))
    lines = [
        f"-{cost[r]:.0f} {r} ({worst[r].value}" + (f", {count[r]} times)" if count[r] > 1 else ")")
        for r in ranked[:ACCOUNT_LINES]
    ]
    rest = sum(cost[r] for r in ranked[ACCOUNT_LINES:])
    if rest:
        more = len(ranked) - ACCOUNT_LINES
        lines.append(f"-{rest:.0f} {more} more rule" + ("s" if more > 1 else ""))
    return value, tuple(lines)
