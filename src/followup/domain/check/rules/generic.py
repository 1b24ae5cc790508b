"""Generic: stock phrases that say nothing, and notes made of nothing but them.

Seed 002 lists "Send a generic, cookie-cutter follow-up message" among the don'ts. A stock
phrase is flagged by itself when it is filler or an unproven claim ("hope this email finds
you well", "just checking in", "I am the perfect fit"); pleasantries that do work (thanks
for your time, look forward to hearing) are only counted, for ``generic.template``: a note
whose sentences are mostly stock and that holds no concrete detail at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.domain.check.lazy import Lazy
from followup.domain.check.model import Category, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.rules.personalization import KINDS as PERSONAL_KINDS
from followup.domain.check.rules.personalization import content

_SEED = "(seed 002: don't send a generic, cookie-cutter follow-up message)"
_WHY = f"A stock phrase that says nothing about you or this interview {_SEED}."

#: Stock phrases flagged by themselves: (anchors, pattern, severity, why). The pattern runs
#: only when the draft holds one of its anchors.
_STOCK: tuple[tuple[tuple[str, ...], Lazy, Severity, str], ...] = (
    (
        ("finds you",),
        Lazy(
            r"\b(?:i )?(?:hope|trust) (?:this|my) (?:e-?mail|message|note|letter) finds you"
            r"(?: well)?"
        ),
        Severity.INFO,
        f"A stock opener every reader skips: open with your thanks or your point {_SEED}.",
    ),
    (
        ("just ", "base", "circl"),
        Lazy(
            r"\b(?:just (?:checking in|check in|following up|touching base|circling back)"
            r"|just wanted to (?:check in|follow up|touch base|circle back|reach out)"
            r"|touch(?:ing)? base|circl(?:e|ing) back)\b"
        ),
        Severity.INFO,
        "A stock check-in phrase: say what you are writing about, and add something new "
        f"(a result, a question, news) {_SEED}.",
    ),
    (
        ("perfect", "ideal", "best ", "right "),
        Lazy(
            r"\b(?:i am|i'm|i would be|i'd be|i will be|i'll be|makes? me)\s+(?:truly |really )?"
            r"(?:(?:the|an?)\s+(?:perfect|ideal|best|right)\s+(?:fit|candidate|person|match"
            r"|choice)\b|(?:perfect|ideal) for (?:this|the|your) (?:role|job|position|team)\b)"
        ),
        Severity.WARNING,
        "A claim with no evidence: show the fit with one concrete example from your "
        f"experience instead {_SEED}.",
    ),
    (
        ("asset",),
        Lazy(
            r"\b(?:be|become|make me|makes me|am|i'm|as) an? (?:invaluable |valuable |great "
            r"|tremendous |excellent |real )?asset\b(?! management| manager| class)"
        ),
        Severity.WARNING,
        f"A stock claim with no evidence: name what you would bring, with an example {_SEED}.",
    ),
    (
        ("interested in",),
        Lazy(
            r"\bi(?: am|'m)(?: (?:very|really|extremely|highly|so|truly|still))? interested in "
            r"(?:the|this|your) (?:job|position|role|opportunity)(?=\s*(?:[.!…]|$))",
            re.M,
        ),
        Severity.INFO,
        "Flat and stock: say what about the role interests you (seed 001: mention "
        "specific points from the interview that you found particularly engaging).",
    ),
    (
        ("team player", "hard worker", "starter", "getter", "driven", "the box", "oriented"),
        Lazy(
            r"\b(?:team player|hard worker|self-starter|go-getter|results[- ]driven"
            r"|think outside the box|detail[- ]oriented)\b"
        ),
        Severity.INFO,
        f"A résumé cliché: show the quality with an example instead {_SEED}.",
    ),
    (
        ("network",),
        Lazy(
            r"\b(?:i'd|i would) like to (?:add you to|connect with you on) my "
            r"(?:professional )?network\b"
        ),
        Severity.WARNING,
        "LinkedIn's default invitation: say where you met and what you talked about "
        "(seed 001: send a LinkedIn connection request with a personalized note).",
    ),
)

#: Sentences that could close any follow-up: counted for the template likeness.
_STOCK_SENTENCE = Lazy(
    r"\b(?:thanks?(?: you)?(?: (?:so|very) much)? for (?:the|your|our|this|interviewing"
    r"|meeting|speaking|talking|taking)|hope (?:this|my) (?:e-?mail|message|note)"
    r"|check(?:ing)? in|touch(?:ing)? base|circl(?:e|ing) back|follow(?:ing)?[- ]up"
    r"|any (?:updates?|news)|an update"
    r"|when (?:will|can|should|might|do) (?:i|we) (?:hear|expect|know|get)"
    r"|when (?:you will|you'll|you might|you'd) (?:be in touch|get back|decide|contact"
    r"|let me know)|hear(?:ing)? back|remember me|look(?:ing)? forward to hearing"
    r"|interested in (?:the|this|your) (?:job|position|role|opportunity)"
    r"|(?:perfect|ideal) (?:fit|candidate)|add you to my (?:professional )?network)"
)
#: A note is template-like when more than this share of its sentences is stock.
TEMPLATE_SHARE = 0.5


def _stock(a: Analysis) -> Iterator[Hit]:
    low = a.draft.body_lower
    base = a.draft.body_start
    for anchor, pattern, severity, why in _STOCK:
        if not any(x in low for x in anchor):
            continue
        for m in pattern.finditer(low):
            yield Hit(base + m.start(), base + m.end(), message=why, severity=severity)


def _template(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    # For thank-you, panel and LinkedIn notes personalization.none says the same thing.
    if draft.kind in PERSONAL_KINDS or not draft.body.strip():
        return
    found = content(draft, a.context)
    if found.specific or not found.sentences:
        return
    low = draft.lower
    stock = sum(
        1 for s in found.sentences if _STOCK_SENTENCE.search(low, s.start, s.end) is not None
    )
    if stock / len(found.sentences) > TEMPLATE_SHARE:
        yield Hit(found.sentences[0].start, found.sentences[-1].end)


RULES = (
    Rule(
        id="generic.stock",
        category=Category.GENERIC,
        severity=Severity.INFO,
        message=_WHY,
        seed="002",
        summary=(
            "A stock phrase: 'hope this email finds you well', 'just checking in' (info); "
            "'I am the perfect fit', 'invaluable asset', LinkedIn's default invitation "
            "(warning)."
        ),
        find=_stock,
    ),
    Rule(
        id="generic.template",
        category=Category.GENERIC,
        severity=Severity.WARNING,
        message=(
            "This note is made of stock sentences with no detail of your interview or your "
            f"application: add one thing only you could write {_SEED}."
        ),
        seed="002",
        summary=(
            "A check-in or other note whose sentences are mostly stock ('any updates?', "
            "'just checking in', 'when will I hear back') with no concrete detail."
        ),
        find=_template,
    ),
)
