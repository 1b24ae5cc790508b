"""Interest: a follow-up that never says you still want the job.

Seed 001: "reiterate your enthusiasm for the role"; seed 000: "By expressing your
enthusiasm for the job and the company, you're showing the employer that you're genuinely
interested." Any sign counts (excited, eager, keen, look forward, would love to, a good
fit, want to join, contribute): the rule looks for its absence, so it is generous.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.domain.check.model import Category, Kind, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.rules.personalization import content
from followup.domain.check.unsaid import unsaid

#: Literals that settle it at once: almost every note that shows interest uses one.
_INTEREST_WORDS = (
    "excit",
    "enthusias",
    "eager",
    "look forward",
    "looking forward",
    "interested",
    "love to",
    "contribut",
    "next step",
    "confident",
)
_INTEREST = re.compile(
    r"\b(?:excit\w*|enthusias\w*|eager\w*|keen|thrill\w*|passion\w*|delighted|motivat\w*"
    r"|interest(?:ed|s)?|look(?:ing|s)? forward|(?:would|'d) (?:love|like|welcome) (?:to|the)"
    r"|(?:would|'d) (?:enjoy|relish)"
    r"|(?:hope|hoping|want|wanting|wish) to (?:join|work|contribute|be part|bring|continue|help"
    r"|grow|build|learn|take|hear|discuss|talk|speak|move)"
    r"|(?:want|wanted) (?:this|the) (?:role|job|position)|i (?:most |really |truly )?want"
    r"|top choice|first choice|(?:strong|great|good|perfect|ideal|natural|excellent) (?:fit|match)"
    r"|fits?\b|match(?:es|ing)? (?:my|me)\b"
    r"|(?:arrange|schedule|set up|find) (?:a |some )?(?:time|call|meeting|conversation)\b"
    r"|align\w*|contribut\w*|join(?:ing)? (?:the|your|you)|be part of"
    r"|bring (?:my|that|this|the same|these|those)|confident|can't wait|cannot wait"
    r"|next steps?|appeal\w*|resonat\w*"
    r"|(?:glad|happy|delighted) to (?:share|help|discuss|talk|send|provide|join|contribute)"
    r"|inspir\w*|energi[sz]ed|(?:working|work) (?:with|alongside) (?:you|the team|your team)"
    # "the chance to work together", "the opportunity to help" (not "to interview").
    r"|(?:chance|opportunity) to (?:join|work|contribute|be part|bring|help|grow|build)"
    r"|work together)"
)
_SEVERITY = {
    Kind.THANK_YOU: Severity.WARNING,
    Kind.CHECK_IN: Severity.WARNING,
    Kind.PANEL_NOTE: Severity.INFO,
}
_WHY = (
    "Nothing here says you still want the role: say what about it draws you "
    "(seed 001: reiterate your enthusiasm for the role)."
)


def _missing(a: Analysis) -> Iterator[Hit]:
    severity = unsaid(a, _SEVERITY, _INTEREST_WORDS, _INTEREST)
    if severity is None:
        return
    found = content(a.draft, a.context)
    if not found.sentences:
        return
    # Enthusiasm usually closes a note: point where it would go (a sentence, not a name).
    text = a.draft.text
    ended = [s for s in found.sentences if text[s.end - 1] in ".!?…"]
    last = (ended or found.sentences)[-1]
    yield Hit(last.start, last.end, severity=severity)


RULES = (
    Rule(
        id="interest.missing",
        category=Category.INTEREST,
        severity=Severity.WARNING,
        message=_WHY,
        seed="001",
        summary=(
            "No sign of continued interest in a thank-you or check-in (warning) or a panel "
            "note (info); marks the last sentence, where enthusiasm usually goes."
        ),
        find=_missing,
    ),
)
