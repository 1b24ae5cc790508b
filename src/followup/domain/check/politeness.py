"""TEMPORARY during development: replaced by the fitted model before this lands."""

from __future__ import annotations

from followup.domain.check.text import Draft


def probability(draft: Draft) -> float:
    """The probability that a reader finds the draft polite."""
    return 0.5
