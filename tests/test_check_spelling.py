"""The spelling family: unknown words with suggestions, repeated words, sentence case."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.domain.check import NO_CONTEXT, Context, Person, check, dictionary, suggest
from followup.domain.check.lexicon import LEXICON
from followup.domain.check.nearness import distance
from followup.domain.check.registry import all_rules

OTHERS = tuple({r.family for r in all_rules()} - {"spelling"})
SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
ELENA = Context(
    company="Northwind Labs",
    role="Data Analyst",
    interviewers=(Person("Elena Marchetti", "Head of Analytics"),),
    topics=("the Talvik rollout",),
    sender_name="Dana Reyes",
)


def found(text: str, rule: str, context: Context = NO_CONTEXT) -> list[tuple[str, str | None]]:
    """(span text, suggestion) of each finding of ``rule`` on ``text``."""
    report = check(text, "thank-you", context, silence=OTHERS)
    return [(text[f.start : f.end], f.suggestion) for f in report.findings if f.rule == rule]


@pytest.mark.parametrize(
    ("text", "span", "first"),
    [
        ("Thank you for the intervew yesterday.", "intervew", "interview"),
        ("I enjoyed our conversaton about the roadmap.", "conversaton", "conversation"),
        ("I am grateful for the oportunity to meet the team.", "oportunity", "opportunity"),
        ("The role is a great fit for my experiance.", "experiance", "experience"),
        ("I look forward to heering from you.", "heering", "hearing"),
        ("Thnak you for your time today.", "Thnak", "Thank"),
        ("Hi Elena,\nThnak you for your time today.", "Thnak", "Thank"),
        ("Subject: Thank you for the interveiw\n\nHi Elena,\nThanks.", "interveiw", "interview"),
        ("It was a plesure to talk, and I definately want the role.", "plesure", "pleasure"),
        ("It was a pleasure, and I definately want the role.", "definately", "definitely"),
        # A listed but never-seen word one slip from a common one: a typo that is a word.
        ("I was glad to hear fromm you about the next steps.", "fromm", "from"),
        ("I had perviously led a similar migration.", "perviously", "previously"),
    ],
)
def test_unknown_words_are_flagged_with_the_likeliest_word_first(
    text: str, span: str, first: str
) -> None:
    hits = [h for h in found(text, "spelling.unknown") if h[0] == span]
    assert hits, found(text, "spelling.unknown")
    assert (hits[0][1] or "").split(", ")[0] == first


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("I enjoyed meeting the team at Brightline last week.", Context()),
        ("I enjoyed talking about the analyst role at\nGrafton Labs last week.", Context()),
        ("I'm sure the team's roadmap won't slip; we'd love Acme's help.", Context()),
        ("A well-crafted, data-driven follow-up to the check-in.", Context()),
        ("I realised the colour of the organisation's behaviour at the centre.", Context()),
        ("We travelled to the theatre and analysed the programme's catalogue.", Context()),
        ("The Q3 launch cut churn by 18% on 10/12 at 5pm, about 3x.", Context()),
        ("Our GraphQL and kubernetes setup, the onboarding workflow and SaaS KPIs.", Context()),
        ("I attached my résumé; the café chat was naïve fun.", Context()),
        ("See https://example.com/portfoloi or write to dana@exmaple.org.", Context()),
        ("My handle is @danarx and #hirng is the tag.", Context()),
        ("The ZXQV team and the iPhone app.", Context()),
        ("Спасибо за встречу, and thank you.", Context()),
        ("Thanks for the talvik rollout details.", ELENA),
        ("Best regards,\nDana Reyse", Context()),
        ("Dear Marguerrite,\nThank you.", Context()),
        # The name family, not this one, judges a word close to a recorded name.
        ("Thank you, elena marchettti, for the chat.", ELENA),
        ("I look forward to the next steps at northwind.", ELENA),
        ("Our invitee list and the advisee programme.", Context()),
        ("Please say hi to the team, e.g. the analysts, i.e. everyone.", Context()),
        ("", Context()),
    ],
)
def test_known_words_names_and_addresses_pass(text: str, context: Context) -> None:
    assert found(text, "spelling.unknown", context) == []


def test_a_record_word_is_known_only_with_its_record() -> None:
    text = "Thanks for the talvik rollout details."
    assert found(text, "spelling.unknown", ELENA) == []
    assert [h[0] for h in found(text, "spelling.unknown")] == ["talvik"]


def test_a_capitalised_word_with_no_close_common_word_opening_a_sentence_is_a_name() -> None:
    assert found("Brightline was a great place to learn.", "spelling.unknown") == []
    assert found("Recieve my thanks.", "spelling.unknown")[0][0] == "Recieve"


@pytest.mark.parametrize(
    "text",
    [
        "I loved the qzxwvbn demo.",  # no English word near: a term, not a typo
        "Your lab's spatial transcriptomics preprint was a great read.",
        "We keep runbooks for the intercompany multi-region failover.",
        # A prefix on a known word is a term, though deleting the prefix is cheap.
        "I'd use a watermark window when deduplicating events in PySpark.",
        "We moved the nightly cron jobs to Kubernetes and upsert the rows.",
        "It's the template we used for a 40-person product org.",
        "The rebranding, the oncall rota, linting in CI and the oauth and sso work.",
    ],
)
def test_terms_no_typo_explains_pass(text: str) -> None:
    assert found(text, "spelling.unknown") == []


def test_a_compound_one_slip_from_a_common_word_is_a_typo() -> None:
    assert found("I undersand the plan.", "spelling.unknown")[0][1] == (
        "understand, underhand, undersold"
    )


def test_without_the_dictionary_package_no_word_is_unknown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dictionary, "available", lambda: False)
    assert found("Thank you for the intervew.", "spelling.unknown") == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("Thank you for the the interview.", "the the", "the"),
        ("The the team was great.", "The the", "The"),
        ("I enjoyed meeting\nmeeting the team.", "meeting\nmeeting", "meeting"),
        ("Subject: Thank you you\n\nHi Elena,", "you you", "you"),
    ],
)
def test_a_word_typed_twice_is_flagged(text: str, span: str, fix: str) -> None:
    assert found(text, "spelling.repeated") == [(span, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "I know that that matters to the team.",
        "Thank you. Thank you again.",
        "It was the end. The end of a long day.",
        "We had had a long day.",
        "Thanks,\n\nThanks again for everything.",
        "a follow-up up front",
    ],
)
def test_grammatical_or_separated_repeats_pass(text: str) -> None:
    assert found(text, "spelling.repeated") == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("Thank you for your time. it was great to meet you.", "it", "It"),
        ("Hi Elena,\n\nthank you for the chat.", "thank", "Thank"),
        ("Thank you! i enjoyed it.", "i", "I"),
        ("Thank you. I think i'm a good fit.", "i", "I"),
        ("Dear elena,\nThank you.", "elena", "Elena"),
        ("Hi elena marchetti,\nThank you.", "elena marchetti", "Elena Marchetti"),
        ("Thanks again for the chat.\n\nthanks,\nDana", "thanks", "Thanks"),
    ],
)
def test_missing_capitals_are_flagged(text: str, span: str, fix: str) -> None:
    assert found(text, "spelling.case", ELENA) == [(span, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for the chat, e.g. the part about dbt. It was great.",
        "I met Dr. lee and Mr. park yesterday.",
        "Hi team,\nThank you all.",
        "Dear hiring manager,\nThank you.",
        "Hello there,\nThank you.",
        "What I did:\n- led the migration\n- cut costs",
        "Two steps: (i) the pilot and (ii) the rollout.",
        "I wrote it... and then it shipped.",
        "iPhone sales grew. eBay too.",
        "My profile: linkedin.com/in/dana is up to date.",
        "1. led the team. 2. shipped it.",
        "Best,\nd. reyes",
        # Name particles are written in lower case: "van der", "de la", "bin".
        "Dear Mr. van der Berg,\nThank you.",
        "Dear Ms. de la Cruz,\nThank you.",
        "Hi Rahul and team,\nThank you all.",
        "Dear Ana & Tom,\nThank you both.",
    ],
)
def test_lower_case_where_english_allows_it_passes(text: str) -> None:
    assert found(text, "spelling.case") == []


@pytest.mark.parametrize(
    ("word", "known"),
    [
        ("interview", True),
        ("interviewer's", True),
        ("follow-ups", True),
        ("organised", True),
        ("centres", True),
        ("counsellor", True),
        ("kubernetes", True),
        ("marvellous", True),
        ("paediatric", True),
        ("orthopaedic", True),
        ("oestrogen", True),
        ("faeld", False),  # "ae" before too short a rest: not a British spelling
        ("usefull", False),  # not a British "-ll" form: a typo
        ("appealling", False),  # nor this: a vowel pair before the "ll"
        ("hre", False),  # too short to be a British "-re" ending
        ("fourm", False),
        ("intervew", False),
    ],
)
def test_is_word(word: str, known: bool) -> None:
    assert dictionary.is_word(word) is known


def test_lexicon_words_are_lower_case_single_tokens() -> None:
    assert all(w == w.lower() and re.fullmatch(r"[a-z0-9'\-]+", w) for w in LEXICON)


def test_suggestions_are_memoised_and_deterministic() -> None:
    first = suggest.suggestions("oportunity")
    assert first[0] == "opportunity"
    assert suggest.suggestions("oportunity") == first
    assert suggest.suggestions("") == ()
    assert suggest.suggestions("x" * 200) == ()


def test_edit_distance() -> None:
    assert distance("elena", "elena") == 0
    assert distance("elena", "elean") == 1
    assert distance("elena", "elenora") == 2
    assert distance("elena", "margaret") == 3


@pytest.mark.parametrize(
    "text",
    ["\x00\ud800 i i", "‮ the the ‬", "🙂" * 50 + " intervew", "e\u0301e\u0301 x", "Ｔｈｅ ｔｈｅ"],
)
def test_odd_text_never_raises_and_spans_stay_inside(text: str) -> None:
    report = check(text, "thank-you", ELENA, silence=OTHERS)
    assert all(0 <= f.start <= f.end <= len(text) for f in report.findings)


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/eval is not beside the checkout")
def test_norvig_misspellings_planted_in_a_good_message_meet_the_targets() -> None:
    base = (
        "Hi Elena,\n\nThank you for taking the time to talk with me about the analyst role. "
        "I enjoyed hearing how the team plans its reporting, and I would be glad to help "
        "with the migration you described.\n\nBest regards,\nDana Reyes"
    )
    spots = [m for m in re.finditer(r"(?<=[a-z] )[a-z]{3,}(?= [a-z])", base)]
    rng = random.Random(7)
    pairs = []
    lines = (SHARED / "spelling" / "norvig_spell-testset1.txt").read_text().splitlines()
    for line in lines:
        right, _, wrongs = line.partition(":")
        pairs += [(right.strip(), w) for w in wrongs.split()]
    hit = first = 0
    for right, wrong in pairs:
        spot = rng.choice(spots)
        text = base[: spot.start()] + wrong + base[spot.end() :]
        report = check(text, "thank-you", ELENA, silence=OTHERS)
        mine = [f for f in report.findings if f.start == spot.start() and f.rule.startswith("s")]
        hit += bool(mine)
        first += bool(mine) and (mine[0].suggestion or "").split(", ")[0] == right
    assert hit / len(pairs) >= 0.97
    assert first / len(pairs) >= 0.75


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/eval is not beside the checkout")
def test_the_good_career_site_samples_raise_no_spelling_finding() -> None:
    rows = [json.loads(x) for x in (SHARED / "samples" / "dev.jsonl").read_text().splitlines()]
    good = [r["text"] for r in rows if r["label"] == "good" and "[" not in r["text"]]
    good = [t for t in good if "___" not in t and "XXX" not in t]
    assert len(good) >= 10
    for text in good:
        report = check(text, "thank-you", silence=OTHERS)
        assert [text[f.start : f.end] for f in report.findings] == [], text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=300))
def test_any_text_gives_the_same_findings_inside_it(text: str) -> None:
    first = check(text, "thank-you", ELENA, silence=OTHERS)
    assert all(0 <= f.start <= f.end <= len(text) for f in first.findings)
    assert check(text, "thank-you", ELENA, silence=OTHERS) == first


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["the", "i", "Intervew", "dear", "e.g.", ".", "\n", " "])))
def test_word_soup_never_raises(words: list[str]) -> None:
    text = " ".join(words)
    report = check(text, "linkedin", silence=OTHERS)
    assert all(0 <= f.start <= f.end <= len(text) for f in report.findings)
