"""The catalogue of rules as docs/rules.md shows it, built from the registry itself.

docs/rules.md is this module's output (``scripts/rules_doc.py`` writes it; a test keeps
the two equal), so a rule cannot be added, renamed or re-seeded without the page saying so.
"""

from __future__ import annotations

from followup.domain.check.registry import Rule, all_rules

#: What each seed is, as the page cites it.
SEEDS = {
    "000": "Why follow-up is crucial: interest, concerns, strengths; space follow-ups a week or "
    "two apart and never seem pushy or desperate.",
    "001": "What to do after an interview: a thank-you within 24 hours naming specific points, "
    "a LinkedIn request with a note, a check-in a week after the decision date, reflection.",
    "002": "The power of the follow-up: proofread, personalize, express gratitude, send within "
    "24-48 hours; never pushy, never generic.",
    "003": "The art of interview follow-ups: gratitude, address concerns, meaningful questions "
    "the company's site does not answer, additional information, the right channel.",
}

_HEAD = """# Rules of the draft checker

Every rule `followup check` applies, generated from the registry
(`src/followup/domain/check/rules/`, one module per family): its stable id, category,
severity, whether it runs by default, where its advice comes from, and what it finds.
Ids are public: scripts filter on them, and the settings `check_silence` and
`check_enable` take id prefixes (`tone` silences every tone rule, `tone.pushy` one).

Regenerate with `.venv/bin/python scripts/rules_doc.py > docs/rules.md`.

The seeds are the four documents the product's advice comes from:

"""


def source(rule: Rule) -> str:
    """Where a rule's advice comes from, as the page names it."""
    return f"seed {rule.seed}" if rule.seed in SEEDS else rule.seed


def markdown(rules: tuple[Rule, ...] | None = None) -> str:
    """docs/rules.md: the seeds, then one table per family, rules in registry order."""
    rules = all_rules() if rules is None else rules
    out = [_HEAD]
    out.extend(f"- **seed {key}**: {text}\n" for key, text in SEEDS.items())
    family = None
    for rule in rules:
        if rule.family != family:
            family = rule.family
            out.append(f"\n## {family}\n\n")
            out.append("| id | severity | default | source | finds |\n|---|---|---|---|---|\n")
        summary = rule.summary.replace("|", "\\|")
        on = "on" if rule.default else "off"
        out.append(f"| `{rule.id}` | {rule.severity.value} | {on} | {source(rule)} | {summary} |\n")
    return "".join(out)
