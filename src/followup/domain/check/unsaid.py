"""The shared first step of the rules that flag what a note never says (thanks, interest).

Such a rule applies to some kinds of note, each with its own severity, and is settled at
once when the body holds one of a few literals or a pattern matches; only then does it
look for the sentence to mark.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from followup.domain.check.model import Kind, Severity
from followup.domain.check.registry import Analysis


def unsaid(
    a: Analysis,
    severities: Mapping[Kind, Severity],
    words: tuple[str, ...],
    pattern: re.Pattern[str],
) -> Severity | None:
    """The severity for this kind of note if its body says none of ``words`` or ``pattern``.

    None when the kind is not judged, the body is blank, or the thing is said: a literal
    of ``words`` occurs in the lower-case body, or ``pattern`` matches there.
    """
    severity = severities.get(a.draft.kind)
    if severity is None or not a.draft.body.strip():
        return None
    low = a.draft.body_lower
    if any(w in low for w in words) or pattern.search(low) is not None:
        return None
    return severity
