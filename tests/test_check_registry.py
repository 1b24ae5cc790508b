"""The registry's structure: ids unique and stable in form, every family registered and
documented with its seed, selection by id prefix, the score and the draft reader."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import followup.domain.check.rules as rules_pkg
from followup.domain.check import Category, Kind, Severity, check
from followup.domain.check.catalog import SEEDS, markdown
from followup.domain.check.model import Finding
from followup.domain.check.registry import Hit, Rule, all_rules, selected
from followup.domain.check.rules import FAMILIES
from followup.domain.check.score import score
from followup.domain.check.text import Draft

ROOT = Path(__file__).resolve().parents[1]
RULES = all_rules()
STUDIES = {"Boomerang", "Danescu-Niculescu-Mizil 2013", "LinkedIn"}


def test_ids_are_unique():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_every_module_under_rules_is_a_registered_family():
    modules = {m.name for m in pkgutil.iter_modules(rules_pkg.__path__)}
    registered = {m.__name__.rsplit(".", 1)[1] for m in FAMILIES}
    assert modules == registered


def test_every_category_has_a_family_and_every_family_has_rules():
    assert {m.__name__.rsplit(".", 1)[1] for m in FAMILIES} == {c.value for c in Category}
    for module in FAMILIES:
        assert module.RULES, f"{module.__name__} declares no rule"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_well_formed(rule: Rule):
    module = importlib.import_module(rule.find.__module__)
    assert module.__name__.rsplit(".", 1)[1] == rule.family == rule.category.value
    assert rule.severity in set(Severity)
    assert rule.seed in SEEDS or rule.seed in STUDIES, rule.seed
    cited = f"seed {rule.seed}" if rule.seed in SEEDS else rule.seed
    assert cited.lower() in rule.message.lower(), f"{rule.id}: the message must cite {cited}"
    assert rule.summary.strip() and rule.message.strip()


def test_docs_rules_md_is_the_registry():
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == markdown(), "regenerate: .venv/bin/python scripts/rules_doc.py > docs/rules.md"
    for rule in RULES:
        row = next(line for line in page.splitlines() if line.startswith(f"| `{rule.id}` |"))
        assert rule.seed in row


def test_a_rule_id_must_be_dotted_lower_case():
    with pytest.raises(ValueError, match=r"family\.name"):
        Rule("Tone", Category.TONE, Severity.INFO, "m", "000", "s", lambda a: ())
    with pytest.raises(ValueError, match=r"family\.name"):
        Rule("tone.Pushy", Category.TONE, Severity.INFO, "m", "000", "s", lambda a: ())


def _rule(rule_id: str, default: bool = True) -> Rule:
    return Rule(rule_id, Category.TONE, Severity.INFO, "m", "000", "s", lambda a: (), default)


@pytest.mark.parametrize(
    ("silence", "enable", "expected"),
    [
        ((), (), {"tone.pushy", "tone.pushy.strong", "tonal.x"}),
        (("tone",), (), {"tonal.x"}),
        (("tone.",), (), {"tonal.x"}),
        (("tone",), ("tone.pushy.strong",), {"tonal.x", "tone.pushy.strong"}),
        (("tone.pushy.strong",), ("tone",), {"tonal.x", "tone.pushy", "tone.off"}),
        (("tone.push",), (), {"tone.pushy", "tone.pushy.strong", "tonal.x"}),
        ((), ("tone.off",), {"tone.pushy", "tone.pushy.strong", "tonal.x", "tone.off"}),
        (("tone",), ("tone",), {"tone.pushy", "tone.pushy.strong", "tone.off"} | {"tonal.x"}),
    ],
)
def test_selection_by_prefix(silence, enable, expected):
    rules = [_rule("tone.pushy"), _rule("tone.pushy.strong"), _rule("tonal.x")]
    rules.append(_rule("tone.off", default=False))
    assert {r.id for r in selected(rules, silence, enable)} == expected


def test_silencing_a_family_silences_its_findings():
    text = "Dear [Name], thanks for the interview."
    assert any(f.category is Category.PLACEHOLDER for f in check(text).findings)
    quiet = check(text, silence=["placeholder"])
    assert not any(f.category is Category.PLACEHOLDER for f in quiet.findings)


def _finding(rule: str, severity: Severity) -> Finding:
    return Finding(rule, Category.TONE, severity, "m", 0, 1)


def test_score_costs_by_severity_and_halves_repeats():
    assert score(()) == (100, ())
    value, account = score((_finding("a.b", Severity.ERROR),))
    assert value == 70 and account == ("-30 a.b (error)",)
    value, account = score(tuple(_finding("a.b", Severity.WARNING) for _ in range(3)))
    assert value == 82 and account == ("-18 a.b (warning, 3 times)",)
    many = tuple(_finding(f"r.x{i}", Severity.ERROR) for i in range(7))
    value, account = score(many)
    assert value == 0 and account[-1] == "-60 2 more rules" and len(account) == 6
    six = tuple(_finding(f"r.x{i}", Severity.ERROR) for i in range(6))
    assert score(six)[1][-1] == "-30 1 more rule"


def test_hit_spans_are_clamped_into_the_text():
    findings = check("Dear ____", Kind.THANK_YOU).findings
    assert [(f.start, f.end) for f in findings if f.rule == "placeholder.blank"] == [(5, 9)]
    assert Hit(3, 1).start == 3  # a finder's span is kept as given; the engine clamps it


def test_draft_reads_subject_greeting_signoff_and_words():
    text = (
        "Subject: Thank you — data role\n\nDear Ana Ruiz,\n\nIt was great.\n\n"
        "Best regards,\nLi Wei\n"
    )
    d = Draft(text, Kind.THANK_YOU)
    assert d.subject_text == "Thank you — data role"
    assert d.greeting is not None and text[d.greeting.start : d.greeting.end] == "Dear Ana Ruiz,"
    assert d.greeting_name is not None
    assert text[d.greeting_name.start : d.greeting_name.end] == "Ana Ruiz"
    assert d.signoff is not None and text[d.signoff.start : d.signoff.end] == "Best regards,"
    assert d.after_signoff == "Li Wei"
    assert [w.text for w in d.words][:4] == ["Dear", "Ana", "Ruiz", "It"]
    assert all(text[w.start : w.end] == w.text for w in d.words)
    sentences = [text[s.start : s.end] for s in d.sentences]
    assert sentences == ["Dear Ana Ruiz,", "It was great.", "Best regards,\nLi Wei"]


def test_draft_lower_keeps_offsets_for_characters_that_lower_into_two():
    d = Draft("İstanbul’s office", Kind.THANK_YOU)
    assert len(d.lower) == len(d.text) and d.lower.endswith("'s office")
    assert d.span_of("office") is not None and d.text[d.span_of("office").start] == "o"


def test_report_json_has_the_contract_keys():
    report = check("Subject: Thanks\n\nHi Ana, thank you for today.").as_json()
    assert set(report) >= {"score", "findings", "metrics"}
    assert set(report["metrics"]) == {"words", "politeness", "grade"}
    assert 0 <= report["metrics"]["politeness"] <= 1


def test_every_rule_message_names_no_placeholder_of_its_own():
    for rule in RULES:
        assert not re.search(r"\bTODO\b|TEMPORARY", rule.message + rule.summary), rule.id


def test_every_rule_has_example_rows_in_the_tests():
    """A rule's id must appear in the example tables (at least a must-flag and a must-pass
    use); a new rule without its tables fails here."""
    tables = "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_check_*.py")
    )
    tables = tables.replace(Path(__file__).read_text(encoding="utf-8"), "")
    thin = [r.id for r in RULES if tables.count(f'"{r.id}"') + tables.count(f"'{r.id}'") < 2]
    assert thin == []


def test_every_lazily_compiled_pattern_compiles():
    """Patterns compile on first use; a broken one must fail here, not on a user's draft."""
    import gc

    import followup.domain.check as check_pkg
    from followup.domain.check.lazy import Lazy
    from followup.domain.check.phrases import Phrases

    for found in pkgutil.walk_packages(check_pkg.__path__, "followup.domain.check."):
        importlib.import_module(found.name)
    lazy = [o for o in gc.get_objects() if isinstance(o, Lazy | Phrases)]
    for item in lazy:
        item.compiled() if isinstance(item, Lazy) else item.compile_all()
    assert len(lazy) >= 50
