"""The checker's evaluation bench: its filler, its plants, its AUC, and a run on the eval data.

The filler and the plants are tested on templates written here (no ../shared needed);
the run on ../shared/eval/samples/dev.jsonl is skipped, with the reason, without it.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import eval_checker  # noqa: E402
from fakes import edits  # noqa: E402
from followup.domain.check import Kind, check  # noqa: E402
from plant import blank, misspell, plant, slip  # noqa: E402
from samples import EVAL_DIR, Sample, fill, find_slots, load  # noqa: E402

TEMPLATES = [
    "Dear [Interviewer's Name],\n\nThank you for discussing the [Position] role at "
    "[Company Name] with me.\n\nBest regards,\n[Your Name]",
    "Dear Mr./Ms. Last Name:\n\nI enjoyed learning about the ________ (position) at the "
    "__________ (employer).\n\nSincerely,",
    "Hi {first_name}, thank you for the chat about <ROLE> at %COMPANY%. - {{ sender }}",
    "Dear XXX (from cover letter),\nI am following up on the role with XXX Organization.",
    "During the interview, I learned [Insert Something Specific You Learned]. Thanks!",
]


def _sample(text: str, label: str = "good", kind: Kind = Kind.THANK_YOU) -> Sample:
    return Sample("t1", kind, label, "whole", text)


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_filled_template_has_no_blank_left(template: str) -> None:
    assert find_slots(template)
    for seed in range(10):
        f = fill(_sample(template), random.Random(seed))
        assert find_slots(f.text) == [], f.text
        report = check(f.text, Kind.THANK_YOU, f.context)
        assert not [x for x in report.findings if x.category == "placeholder"], f.text
        for p in f.placed:
            assert f.text[p.start : p.end] == p.value


def test_the_values_put_in_are_those_of_the_context() -> None:
    f = fill(_sample(TEMPLATES[0]), random.Random(4))
    interviewer = f.context.interviewers[0].name
    assert (
        f.text.startswith(f"Dear {interviewer.split()[0]}")
        or interviewer.split()[-1] in (f.text.splitlines()[0])
    )
    assert f"the {f.context.role} role at {f.context.company} with me" in f.text
    assert f.text.endswith("\n" + str(f.context.sender_name))
    assert f.context.company not in f.context.other_companies
    assert not set(f.context.people_elsewhere) & {p.name for p in f.context.interviewers}


def test_a_formal_blank_gets_the_interviewers_last_name_and_no_article_before_a_company() -> None:
    f = fill(_sample(TEMPLATES[1]), random.Random(2))
    last = f.context.interviewers[0].name.split()[-1]
    assert f.text.startswith(("Dear Mr. " + last + ":", "Dear Ms. " + last + ":"))
    assert f"the {f.context.role} position at {f.context.company}." in f.text
    # A template that ends on its sign-off is signed by whoever fills it in.
    assert f.text.endswith("Sincerely,\n" + str(f.context.sender_name))


def test_fills_are_varied_and_the_same_seed_gives_the_same_fill() -> None:
    fills = [fill(_sample(TEMPLATES[0]), random.Random(seed)) for seed in range(30)]
    assert len({f.context.interviewers[0].name for f in fills}) >= 15
    assert len({f.context.company for f in fills}) >= 10
    again = fill(_sample(TEMPLATES[0]), random.Random(7))
    assert again == fills[7]


def test_a_message_that_names_people_gets_new_names_everywhere_it_named_them() -> None:
    text = "Hi Sarah,\n\nThank you, Sarah, for the tour.\n\nBest regards,\nMia Carter"
    f = fill(_sample(text), random.Random(1))
    first = f.context.interviewers[0].name.split()[0]
    assert f.text == (
        f"Hi {first},\n\nThank you, {first}, for the tour.\n\nBest regards,\n"
        f"{f.context.sender_name}"
    )


def test_a_bad_sample_is_checked_as_written_with_the_greeted_person_as_interviewer() -> None:
    text = "good morning kimberly,\n\nthanks for [the interview]."
    f = fill(_sample(text, label="bad"), random.Random(1))
    assert f.text == text and f.placed == ()
    assert f.context.interviewers[0].name == "Kimberly"


@pytest.mark.parametrize(
    ("good", "bad", "expected"),
    [
        ([3, 2], [1, 0], 1.0),
        ([0, 1], [2, 3], 0.0),
        ([1], [1], 0.5),
        ([0, 2], [1], 0.5),
        ([2, 1, 1], [1, 0], 5 / 6),  # ties count half
    ],
)
def test_auc_is_the_share_of_good_bad_pairs_in_the_right_order(
    good: list[float], bad: list[float], expected: float
) -> None:
    assert eval_checker.auc(good, bad) == pytest.approx(expected)


def test_a_slip_is_one_typing_mistake_away_and_never_a_recorded_name() -> None:
    rng = random.Random(3)
    for word in ("Kowalski", "O'Connell", "Kim", "Garcia-Lopez", "Mei") * 20:
        wrong = slip(word, rng, avoid={"kin"})
        assert wrong != word and wrong.lower() != "kin"
        assert edits(wrong, word) <= 2  # a swap of two letters is two Levenshtein edits
        assert wrong[0].isupper()


def test_every_blank_the_plants_use_is_a_template_blank() -> None:
    rng = random.Random(5)
    for kind in ("company", "role", "person", "formal", "sender", "topic", "team", "date"):
        for _ in range(40):
            b = blank(kind, rng)
            assert find_slots(f"Thanks, {b}, for the call."), b


@pytest.mark.parametrize("kind", ["company", "misspelled", "elsewhere", "placeholder"])
def test_a_plant_changes_only_its_span(kind: str) -> None:
    f = fill(_sample(TEMPLATES[0]), random.Random(9))
    planted = plant(kind, f, random.Random(1))
    assert planted is not None
    text, (start, end) = planted
    new = text[start:end]
    assert text[:start] == f.text[:start]
    assert text[end:] == f.text[len(f.text) - (len(text) - end) :]
    if kind == "company":
        assert new in f.context.other_companies
    elif kind == "elsewhere":
        assert new in {w for n in f.context.people_elsewhere for w in (n, n.split()[0])} or (
            new.split()[-1] in {n.split()[-1] for n in f.context.people_elsewhere}
        )
    elif kind == "placeholder":
        assert find_slots(text)


def test_a_misspelling_takes_the_place_of_its_word_or_comes_in_a_sentence_of_its_own() -> None:
    f = fill(
        _sample("Hi Sarah,\n\nThank you for the problem you set.\n\nBest,\nMia"), random.Random(1)
    )
    text, span, way = misspell(f, "problem", "problam", random.Random(1))
    assert (way, text[span[0] : span[1]]) == ("replaced", "problam")
    text, span, way = misspell(f, "juice", "juse", random.Random(1))
    assert (way, text[span[0] : span[1]]) == ("added", "juse")
    assert text.index("juse") < text.index("\nBest,")  # before the signature


needs_eval = pytest.mark.skipif(
    not (EVAL_DIR / "samples" / "dev.jsonl").exists(),
    reason=f"no evaluation data at {EVAL_DIR} (../shared is absent)",
)


@needs_eval
def test_every_good_sample_of_the_eval_data_is_filled_without_a_blank_left() -> None:
    goods = [s for s in load() if s.label == "good"]
    assert goods
    for sample in goods:
        for seed in range(5):
            f = fill(sample, random.Random(seed))
            assert find_slots(f.text) == [], (sample.id, f.text)
            report = check(f.text, sample.kind, f.context)
            assert not [x for x in report.findings if x.category == "placeholder"], sample.id


@needs_eval
def test_the_bench_runs_on_the_eval_data(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--json", "--fills", "1", "--plants", "8", "--spelling-rounds", "1"]
    eval_checker.main([*argv, "--rounds", "1", "--no-peers"])
    res = json.loads(capsys.readouterr().out)
    assert res["counts"]["good_texts"] == sum(s.label == "good" for s in load())
    q = res["separation"]["followup"]
    assert 0 <= q["good_with_error"] <= 1 and 0 <= q["auc"] <= 1
    assert res["raw_templates"]["templates"] >= 1
    assert {p["planted"] for p in res["planted"].values()} == {8}
    assert res["spelling"]["planted"] == 270
    assert res["speed"]["followup"]["calls"] == res["speed"]["texts"]
    assert res["crashes"] == []
