"""The politeness model: its strategies, its estimate, its weights file and fitting script,
and the ``politeness.low`` rule.

The fitting script's run on the Stanford corpus (../shared/eval/politeness) is skipped,
with the reason, when ../shared is absent; its refusal and the weights file's schema are
tested on a corpus written here.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from followup.domain.check import Kind, check, politeness
from followup.domain.check.rules.politeness import LOW
from followup.domain.check.text import Draft

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "fit_politeness.py"
SHIPPED = ROOT / "src" / "followup" / "domain" / "check" / "data" / "politeness.json"
CORPUS = ROOT.parent / "shared" / "eval" / "politeness" / "wikipedia.annotated.csv"


def _draft(text: str) -> Draft:
    return Draft(text, Kind.CHECK_IN)


def _p(text: str) -> float:
    return politeness.probability(_draft(text))


# (strategy, a text that uses it, a text that must not count as using it)
STRATEGY_ROWS = [
    ("gratitude", "Thanks for the update on the role.", "I saw the update on the role."),
    ("gratitude", "I really appreciate your time.", "I really valued the time."),
    ("deference", "Great talk yesterday. Could we meet again?", "We talked; it was great."),
    ("greeting", "Hi Ana, is there any news?", "Ana, is there any news?"),
    ("apologizing", "Sorry to bother you again.", "I will bother you again."),
    ("apologizing", "Excuse me for the delay.", "Me and the delay."),
    ("please", "Could you please send the form?", "Could you send the form?"),
    ("please", "Could you please send the form?", "Please send the form."),
    ("please_start", "Please send the form.", "Could you please send the form?"),
    ("indirect_btw", "By the way, is the team remote?", "Is the team remote, by any chance?"),
    ("direct_question", "What is the salary?", "I would love to hear what the salary is."),
    ("why_question", "Why is this taking so long?", "Is this taking long?"),
    ("direct_start", "So what did you decide?", "Did you decide, so far?"),
    ("direct_start", "But you said Monday.", "You said Monday, but."),
    ("counterfactual", "Could you share the timeline?", "Can you share the timeline?"),
    ("indicative", "Can you share the timeline?", "Could you share the timeline?"),
    ("first_person_start", "I wanted to follow up.", "Following up, as I said."),
    ("first_plural", "We spoke on Monday.", "You spoke on Monday."),
    ("first_person", "Following up on my application.", "I wanted to follow up."),
    ("second_person", "Thanks for your time.", "You were kind."),
    ("second_person_start", "You never replied.", "I never heard back from them."),
    ("hedges", "I think the role fits me.", "The role fits me."),
    ("hedges", "Perhaps we could talk.", "We should talk."),
    ("factuality", "In fact, I sent it twice.", "I sent it twice."),
    ("factuality", "I actually sent it.", "I sent it."),
    ("conditional", "If you could send it, that would help.", "If they send it, fine."),
    ("indirect_request", "Is it possible to talk?", "It is possible to talk."),
    ("indirect_request", "I was wondering if the role is filled.", "Is the role filled?"),
    ("permission", "May I ask about the timeline?", "I ask about the timeline."),
    ("help", "Happy to help with anything.", "Happy with anything."),
    ("negation", "I haven't heard back.", "I have heard back."),
    ("negation", "There is nothing new.", "There is news."),
    ("third_person", "He said they would call.", "You said you would call."),
    ("imperative_start", "Tell me the answer.", "I will tell you the answer."),
    ("offer", "Let me know if you need anything.", "I know you need things."),
    ("insistence", "Any news??", "Any news?"),
    ("insistence", "I NEVER got an answer.", "I got an answer from NASA."),
    ("exclamation", "Thanks so much!", "Thanks so much."),
    ("positive", "It was a great conversation.", "It was a conversation."),
    ("negative", "That was a ridiculous delay.", "That was a short delay."),
]


@pytest.mark.parametrize(("name", "fires", "silent"), STRATEGY_ROWS)
def test_strategy_fires_on_its_form_only(name: str, fires: str, silent: str) -> None:
    assert name in politeness.STRATEGIES
    assert name in politeness.strategies(_draft(fires)), fires
    assert name not in politeness.strategies(_draft(silent)), silent


def test_every_strategy_has_a_row() -> None:
    assert {row[0] for row in STRATEGY_ROWS} == set(politeness.STRATEGIES)


def test_curly_apostrophes_and_capitals_read_like_straight_lower_case() -> None:
    plain = politeness.strategies(_draft("I haven't heard back"))
    assert politeness.strategies(_draft("I HAVEN’T heard back")) == [*plain, "insistence"]


def test_words_are_the_body_s_not_the_subject_s() -> None:
    draft = Draft("Subject: Thanks\n\nWhy no answer?", Kind.CHECK_IN)
    assert "gratitude" not in politeness.strategies(draft)
    assert politeness.tokens(draft) == {"why", "no", "answer"}


# (the polite way to ask, the rude way to ask the same thing)
ORDERED = [
    (
        "Hi Ana, thank you again for your time. Could you let me know whether there is "
        "any news on the timeline?",
        "Why haven't you told me the timeline yet?",
    ),
    ("I was wondering if you might have an update. Thanks!", "So what is the update?"),
    ("Would you be able to share the next steps?", "Tell me the next steps."),
    ("Sorry to bother you, but could you resend the link?", "You forgot the link. Resend it."),
]


@pytest.mark.parametrize(("polite", "rude"), ORDERED)
def test_a_polite_request_scores_above_the_rude_one(polite: str, rude: str) -> None:
    assert _p(polite) > 0.7 > 0.3 > _p(rude)


def test_probability_is_a_probability_on_any_text() -> None:
    odd = ("", "   ", "\x00", "😀" * 50, "مرحبا", "e\u0301" * 9, "İ" * 5, "\ud800", "a" * 10**5)
    for text in odd:
        p = _p(text)
        assert 0.0 <= p <= 1.0 and not math.isnan(p)
    assert _p("") == 0.5


def test_contributions_name_what_moved_the_estimate() -> None:
    parts = dict(politeness.model().contributions(_draft("Thanks! Why no answer?")))
    assert parts["gratitude"] > 0 > parts["why_question"]
    assert set(parts) <= set(politeness.STRATEGIES) | {
        f"word:{w}" for w in politeness.model().lexicon
    }


def test_the_shipped_weights_load_and_name_every_strategy() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert set(data) == {"about", "data", "fit", "cross_validation", "weights"}
    weights = data["weights"]
    assert set(weights["strategies"]) == set(politeness.STRATEGIES)
    assert 0 < len(weights["lexicon"]) <= 100
    assert all(w.isalpha() and w == w.lower() for w in weights["lexicon"])
    model = politeness.from_json(data)
    assert model == politeness.model()
    assert data["cross_validation"]["model"] > data["cross_validation"]["bow"]


def test_the_weights_are_read_once_and_need_neither_numpy_nor_sklearn() -> None:
    assert politeness.model() is politeness.model()
    code = (
        "import sys; from followup.domain.check import check; check('Why no answer?'); "
        "print(sorted(m for m in ('numpy', 'sklearn', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_weights_file_with_an_unknown_strategy_is_refused() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["weights"]["strategies"]["charm"] = 1.0
    with pytest.raises(ValueError, match="charm"):
        politeness.from_json(data)


def _script() -> ModuleType:
    pytest.importorskip("sklearn", reason="the fitting script needs scikit-learn (bench extra)")
    spec = importlib.util.spec_from_file_location("fit_politeness", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fit_politeness"] = module
    spec.loader.exec_module(module)
    return module


def test_the_script_refuses_clearly_without_the_corpus(tmp_path, capsys) -> None:
    assert _script().main(["--data", str(tmp_path / "absent.csv")]) == 2
    assert "absent" in capsys.readouterr().err


def _corpus(path: Path) -> None:
    """A corpus in the Stanford file's shape, written here: 4,356 requests."""
    polite = ["Could you please look at this? Thanks!", "Hi, would you mind helping me?"]
    rude = ["Why did you do this?", "So what is your problem?", "You broke it. Fix it."]
    middle = ["Is this the page?", "Did it move?"]
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Community", "Id", "Request", "Normalized Score"])
        for i in range(1452):
            out.writerow(["Wikipedia", 3 * i, polite[i % 2], 1.0 + i / 1e4])
            out.writerow(["Wikipedia", 3 * i + 1, rude[i % 3], -1.0 - i / 1e4])
            out.writerow(["Wikipedia", 3 * i + 2, middle[i % 2], i / 1e5])


def test_the_script_writes_the_schema_the_package_reads(tmp_path, capsys) -> None:
    data, out = tmp_path / "corpus.csv", tmp_path / "weights.json"
    _corpus(data)
    code = _script().main(["--data", str(data), "--folds", "2", "--write", "--out", str(out)])
    assert code == 0
    assert "strategies + 50-word lexicon (shipped)" in capsys.readouterr().out
    written = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert set(written) == set(shipped)
    assert set(written["weights"]) == set(shipped["weights"])
    assert set(written["weights"]["strategies"]) == set(shipped["weights"]["strategies"])
    model = politeness.from_json(written)
    assert model.logit(_draft("Could you please help? Thanks!")) > 0
    assert model.logit(_draft("So why did you break it?")) < 0


@pytest.mark.skipif(not CORPUS.exists(), reason=f"no corpus at {CORPUS} (../shared is absent)")
def test_the_shipped_weights_are_what_the_script_fits_on_the_corpus(tmp_path, capsys) -> None:
    out = tmp_path / "weights.json"
    assert _script().main(["--folds", "2", "--write", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2178 requests (1089 polite), 2-fold" in printed
    accuracy = float(printed.split("(shipped)")[1].split("%")[0])
    assert accuracy > 78
    written = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert written["weights"] == shipped["weights"]
    assert written["fit"] == shipped["fit"]


# (draft, the sentence politeness.low must point at)
FLAGGED = [
    ("Why is this taking so long? I interviewed two weeks ago.", "Why is this taking so long?"),
    ("Hello. Why haven't you replied to my email?", "Why haven't you replied to my email?"),
    ("So what is the decision? Tell me by Friday.", "So what is the decision?"),
    ("You said you would call. When will I hear back?", "When will I hear back?"),
]
PASSED = [
    # Polite requests.
    "Hi Ana, thank you again for your time last week. Could you let me know if there is "
    "any update on the timeline?\n\nBest,\nSam",
    "Dear Mr. Lee, I am following up on my interview on May 2. Can you tell me where things stand?",
    "I was wondering whether there is any news about the analyst role. Thanks!",
    # Curt, but asks nothing: the other families judge it.
    "I am interested in the job.",
    "This role matches my 3 years of support experience.",
    "",
]


@pytest.mark.parametrize(("text", "span"), FLAGGED)
def test_low_flags_a_curt_request_at_its_worst_sentence(text: str, span: str) -> None:
    report = check(text, "check-in")
    hits = [f for f in report.findings if f.rule == "politeness.low"]
    assert len(hits) == 1
    hit = hits[0]
    assert text[hit.start : hit.end] == span
    assert hit.suggestion is None
    assert hit.severity.value == "warning"
    assert "seed 000" in hit.message and f"{report.metrics.politeness:.0%}" in hit.message
    assert report.metrics.politeness < LOW


def test_low_names_the_strategies_that_lowered_it() -> None:
    report = check("Why haven't you replied?", "check-in")
    (hit,) = [f for f in report.findings if f.rule == "politeness.low"]
    assert politeness.STRATEGIES["why_question"] in hit.message
    assert politeness.STRATEGIES["negation"] in hit.message


def test_low_says_when_nothing_softens_a_request() -> None:
    report = check("Did you make a decision yet?", "check-in")
    (hit,) = [f for f in report.findings if f.rule == "politeness.low"]
    assert "nothing softens it" in hit.message


@pytest.mark.parametrize("text", PASSED)
def test_low_passes_polite_requests_and_drafts_that_ask_nothing(text: str) -> None:
    assert not [f for f in check(text, "check-in").findings if f.rule == "politeness.low"]


def test_low_is_silenced_by_its_prefix() -> None:
    text = "Why is this taking so long?"
    assert [f.rule for f in check(text, "check-in").findings].count("politeness.low") == 1
    silenced = check(text, "check-in", silence=("politeness",))
    assert "politeness.low" not in [f.rule for f in silenced.findings]
