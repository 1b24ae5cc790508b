"""Gratitude: a thank-you note that never thanks anyone.

Seed 002: "Express gratitude for the opportunity"; seed 003: "Start your follow-up by
expressing genuine gratitude for the opportunity to interview." Thanks in any form count
(thank, grateful, appreciate, "it was a pleasure", "I enjoyed meeting you"): the rule looks
for its absence, so it is generous about what counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.domain.check.model import Category, Kind, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.rules.personalization import content
from followup.domain.check.unsaid import unsaid

#: Literals that settle it at once (most notes thank early and plainly).
_THANKS_WORDS = ("thank", "grateful", "gratitude", "appreciat", "pleasure", "enjoyed")
_THANKS = re.compile(
    r"\b(?:kudos|(?:great|wonderful|lovely|nice|good|fantastic|a delight) (?:to|meeting"
    r"|speaking|talking|chatting|learning|getting|connecting)|(?:kind|generous) of you)\b"
)
#: Severity by kind: a thank-you note without thanks misses its point; elsewhere a nudge.
_SEVERITY = {
    Kind.THANK_YOU: Severity.WARNING,
    Kind.PANEL_NOTE: Severity.WARNING,
    Kind.CHECK_IN: Severity.INFO,
    Kind.LINKEDIN: Severity.INFO,
}
_WHY = (
    "Nothing here thanks the reader: thank them for their time and the conversation "
    "(seed 002: express gratitude for the opportunity)."
)
_WHY_MILD = (
    "A word of thanks for their time would warm this note "
    "(seed 003: start your follow-up by expressing genuine gratitude)."
)


def _missing(a: Analysis) -> Iterator[Hit]:
    severity = unsaid(a, _SEVERITY, _THANKS_WORDS, _THANKS)
    if severity is None:
        return
    found = content(a.draft, a.context)
    if not found.sentences:
        return
    first = found.sentences[0]
    why = _WHY if severity is Severity.WARNING else _WHY_MILD
    yield Hit(first.start, first.end, message=why, severity=severity)


RULES = (
    Rule(
        id="gratitude.missing",
        category=Category.GRATITUDE,
        severity=Severity.WARNING,
        message=_WHY,
        seed="002",
        summary=(
            "No thanks in a thank-you or panel note (warning) or in a check-in or LinkedIn "
            "note (info); marks the first sentence, where thanks belong."
        ),
        find=_missing,
    ),
)
