"""The draft checker: a follow-up message checked against its interview and the seeds.

``check(text, kind, context)`` reads the draft once (:class:`~.text.Draft`), estimates its
politeness and reading grade, runs every selected rule of the registry
(:mod:`.registry`, families under ``rules/``) and returns a :class:`~.model.Report`: the
findings in text order, a score from 0 to 100 and what lowered it. Pure: no I/O, no
clock; the same input always gives the same report.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from followup.domain.check.model import (
    NO_CONTEXT,
    Category,
    Context,
    Finding,
    Kind,
    Metrics,
    Person,
    Previous,
    Report,
    Severity,
)
from followup.domain.check.registry import Analysis, Rule, all_rules, selected

if TYPE_CHECKING:
    from followup.domain.check.text import Draft

__all__ = [
    "NO_CONTEXT",
    "Category",
    "Context",
    "Finding",
    "Kind",
    "Metrics",
    "Person",
    "Previous",
    "Report",
    "Rule",
    "Severity",
    "check",
    "check_draft",
    "rules_for",
]


@lru_cache(maxsize=64)
def rules_for(silence: tuple[str, ...] = (), enable: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The rules that run with these id prefixes silenced and enabled (settings)."""
    return selected(all_rules(), silence, enable)


def check(
    text: str,
    kind: Kind | str = Kind.THANK_YOU,
    context: Context = NO_CONTEXT,
    *,
    silence: Iterable[str] = (),
    enable: Iterable[str] = (),
) -> Report:
    """Check one draft of this kind against its context; never raises on any text."""
    from followup.domain.check.text import Draft

    return check_draft(Draft(text, Kind(kind)), context, silence=silence, enable=enable)


def check_draft(
    draft: Draft,
    context: Context = NO_CONTEXT,
    *,
    silence: Iterable[str] = (),
    enable: Iterable[str] = (),
) -> Report:
    """:func:`check` on a draft already read, for a caller that reads it too (the composer)."""
    from followup.domain.check import politeness, readability
    from followup.domain.check.score import score

    text = draft.text
    words = [w.text for w in draft.words]
    grade = readability.grade(words, len(draft.sentences))
    polite = politeness.probability(draft)
    analysis = Analysis(draft=draft, context=context, politeness=polite, grade=grade)
    size = len(text)
    found: dict[tuple[int, int, str], Finding] = {}
    for rule in rules_for(tuple(silence), tuple(enable)):
        for hit in rule.find(analysis):
            start = min(max(0, hit.start), size)
            end = min(max(start, hit.end), size)
            key = (start, end, rule.id)
            if key not in found:
                found[key] = Finding(
                    rule=rule.id,
                    category=rule.category,
                    severity=hit.severity or rule.severity,
                    message=hit.message or rule.message,
                    start=start,
                    end=end,
                    suggestion=hit.suggestion,
                )
    findings = tuple(found[k] for k in sorted(found))
    value, account = score(findings)
    metrics = Metrics(words=draft.word_count, politeness=polite, grade=grade)
    return Report(score=value, findings=findings, metrics=metrics, account=account)
