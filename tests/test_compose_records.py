"""Issue 5's "Done when": every draft of every kind, for 200 generated records, is clean.

For each record of tests/compose_records.py and each kind the record allows, every draft
``compose_all`` hands out has no error and no warning from the checker; a thank-you body
has 50-150 words; a LinkedIn note at most 300 characters; a panel's notes share at most
half their word trigrams; every draft names a recorded topic when the record has one;
and no draft holds another company's name, a person of another interview, another panel
member's name (in a note to one person) or anything that looks like a template's blank.

Words of a thank-you body are counted as the checker's length rule counts them
(``message_words``: the body's words before the closing line, so the signature block is
not counted, the greeting is). The Jaccard index is computed here, not by the checker's
code: lower-cased words, sets of consecutive word trigrams.

Each kind's drafts are composed once (a module cache) and shared by its tests.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cache
from itertools import combinations

import pytest

from compose_records import SEED, records, timed
from followup.domain.check.model import Kind, Report, Severity
from followup.domain.check.rules.length import message_words
from followup.domain.check.text import Draft
from followup.domain.compose.composer import ComposeError, compose_all
from followup.domain.compose.facts import TOPIC_WORDS, first_name, reader_topics
from followup.domain.compose.missing import required
from followup.domain.compose.model import SPECS, Brief, Composed, DraftKind
from followup.domain.compose.shorten import shorten
from followup.domain.compose.templates import library

#: Another seed explores other records: COMPOSE_RECORDS_SEED=7 pytest tests/test_compose_records.py
RECORDS = records(seed=int(os.environ.get("COMPOSE_RECORDS_SEED", SEED)))
PER_PERSON = tuple(k for k in DraftKind if SPECS[k].per_person)
#: What a template's blank or a missing value leaves behind.
LEFTOVERS = ("{", "}", "[", "]", "__", "None")
#: A voicemail of 30 seconds, at an unhurried 150 words a minute.
VOICEMAIL_WORDS = 75
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@cache
def drafts(kind: DraftKind) -> tuple[tuple[int, Brief, tuple[Composed, ...]], ...]:
    """Every record the kind allows, timed for it, with the drafts composed from it."""
    out = []
    for index, record in enumerate(RECORDS):
        if required(record, kind) is not None:
            continue
        brief = timed(record, kind)
        try:
            composed = compose_all(brief, kind)
        except ComposeError as exc:
            best = exc.best
            shown = "" if best is None else f"\n{best.text}\n{_findings(best.text, best.report)}"
            pytest.fail(f"record {index}, {kind.value}: {exc}{shown}\n{brief!r}")
        out.append((index, brief, composed))
    return tuple(out)


def _findings(text: str, report: Report) -> str:
    return "\n".join(
        f"  {f.severity.value} {f.rule}: {text[f.start : f.end]!r}" for f in report.findings
    )


def _show(index: int, brief: Brief, draft: Composed, why: str) -> str:
    return (
        f"--- record {index}, {draft.kind.value} to "
        f"{draft.to.name if draft.to else 'the team'}: {why}\n{draft.text}"
        f"{_findings(draft.text, draft.report)}\n{brief!r}\n"
    )


def _each(kind: DraftKind) -> Iterator[tuple[int, Brief, Composed]]:
    for index, brief, composed in drafts(kind):
        for draft in composed:
            yield index, brief, draft


def _assert_none(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} drafts fail:\n" + "\n".join(problems[:5])


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _has_word(text: str, name: str) -> bool:
    """Whether ``name`` occurs in ``text`` as whole words (case-insensitive)."""
    pattern = r"(?<![^\W_])" + re.escape(name.casefold()) + r"(?![^\W_])"
    return re.search(pattern, text.casefold()) is not None


def _recorded_topics(brief: Brief) -> list[str]:
    return [*brief.topics, *(t for m in brief.interviewers for t in m.topics)]


#: What a note says when the record holds nothing of its reader's (no topic of their own,
#: none general): true, since another member's topic is never cited to them.
_NOTHING_OF_THEIRS = frozenset({"personalization.none", "generic.template"})


def _bad(brief: Brief, draft: Composed) -> list[str]:
    """The errors and warnings of a draft, but the ones its record leaves no way around."""
    allowed = _NOTHING_OF_THEIRS if not reader_topics(brief, draft.to) else frozenset()
    return [
        f.rule
        for f in draft.report.findings
        if f.severity is not Severity.INFO and f.rule not in allowed
    ]


def test_the_records_vary_as_the_issue_asks() -> None:
    sizes = {len(r.interviewers) for r in RECORDS}
    assert len(RECORDS) == 200 and sizes == {0, 1, 2, 3, 4, 5, 6}
    names = {m.name for r in RECORDS for m in r.interviewers}
    assert {"李娜", "Алексей Иванов", "Zoë Ní Bhriain", "Saoirse"} <= names
    assert any(len(t.split()) >= 30 for r in RECORDS for t in _recorded_topics(r))
    assert any(not _recorded_topics(r) for r in RECORDS)
    assert any(r.interview_end is None for r in RECORDS)
    assert {r.culture for r in RECORDS} == {"formal", "neutral", "casual", None}
    assert all(r.sender.name for r in RECORDS)


@pytest.mark.parametrize("kind", list(DraftKind), ids=str)
def test_no_error_and_no_warning(kind: DraftKind) -> None:
    problems = []
    count = 0
    for index, brief, draft in _each(kind):
        count += 1
        if _bad(brief, draft):
            problems.append(_show(index, brief, draft, "has errors or warnings"))
    assert count >= 40, f"only {count} {kind.value} drafts: the records do not exercise it"
    _assert_none(problems)


@pytest.mark.parametrize("kind", list(DraftKind), ids=str)
def test_every_draft_names_a_recorded_topic(kind: DraftKind) -> None:
    problems = []
    for index, brief, draft in _each(kind):
        # What the note may cite: its reader's own topics and the general ones (never
        # another member's); a note to the team, all of them.
        topics = list(reader_topics(brief, draft.to))
        if not topics:
            continue
        text = draft.text.casefold()
        if not any(shorten(t, TOPIC_WORDS).casefold() in text for t in topics):
            problems.append(_show(index, brief, draft, "names none of the record's topics"))
    _assert_none(problems)


@pytest.mark.parametrize("kind", list(DraftKind), ids=str)
def test_no_other_name_and_no_leftover(kind: DraftKind) -> None:
    problems = []
    for index, brief, draft in _each(kind):
        text = draft.text
        strangers = [*brief.other_companies, *brief.people_elsewhere]
        strangers += [first_name(p) for p in brief.people_elsewhere]
        if kind in PER_PERSON and draft.to is not None:
            others = [m.name for m in brief.interviewers if m != draft.to]
            strangers += others + [first_name(n) for n in others]
        named = [s for s in strangers if _has_word(text, s)]
        left = [x for x in LEFTOVERS if x in text]
        if named or left:
            problems.append(_show(index, brief, draft, f"names {named}, leaves {left}"))
    _assert_none(problems)


@pytest.mark.parametrize("kind", [k for k in DraftKind if SPECS[k].shape.value == "email"])
def test_subjects_have_three_to_six_words(kind: DraftKind) -> None:
    problems = []
    for index, brief, draft in _each(kind):
        size = len((draft.subject or "").split())
        if not 3 <= size <= 6:
            problems.append(_show(index, brief, draft, f"a subject of {size} words"))
    _assert_none(problems)


def test_thank_you_bodies_have_50_to_150_words() -> None:
    problems = []
    for index, brief, draft in _each(DraftKind.THANK_YOU):
        size = len(message_words(Draft(draft.text, Kind.THANK_YOU)))
        if not 50 <= size <= 150:
            problems.append(_show(index, brief, draft, f"{size} words"))
    _assert_none(problems)


def test_linkedin_notes_fit_in_300_characters() -> None:
    problems = []
    for index, brief, draft in _each(DraftKind.LINKEDIN):
        if draft.subject is not None or len(draft.body.strip()) > 300:
            problems.append(_show(index, brief, draft, f"{len(draft.body.strip())} characters"))
    _assert_none(problems)


def _jaccard(a: str, b: str) -> float:
    def grams(text: str) -> set[tuple[str, ...]]:
        words = _words(text)
        return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}

    x, y = grams(a), grams(b)
    return len(x & y) / len(x | y) if x | y else 0.0


@pytest.mark.parametrize("kind", [DraftKind.PANEL_NOTE, DraftKind.CARD])
def test_a_panels_notes_differ(kind: DraftKind) -> None:
    problems = []
    for index, brief, composed in drafts(kind):
        for one, two in combinations(composed, 2):
            likeness = _jaccard(one.body, two.body)
            if likeness > 0.5:
                problems.append(
                    f"--- record {index}: {likeness:.2f}\n{one.text}\n{two.text}\n{brief!r}"
                )
    _assert_none(problems)


def test_check_ins_ask_one_question_at_most_and_name_the_decision_date() -> None:
    problems = []
    for index, brief, draft in _each(DraftKind.CHECK_IN):
        day = brief.decision_date
        if draft.body.count("?") > 1:
            problems.append(_show(index, brief, draft, "more than one question"))
        if day is not None and f"{day:%B} {day.day}" not in draft.body:
            problems.append(_show(index, brief, draft, "no decision date"))
    _assert_none(problems)


def test_additional_information_offers_what_was_forgotten_and_the_attachments() -> None:
    problems = []
    for index, brief, draft in _each(DraftKind.ADDITIONAL_INFO):
        text = draft.body.casefold()
        if brief.forgotten and shorten(brief.forgotten[0], 12).casefold() not in text:
            problems.append(_show(index, brief, draft, "not what was forgotten"))
        if brief.attachments and "attach" not in text:
            problems.append(_show(index, brief, draft, "the attachments unmentioned"))
    _assert_none(problems)


def test_a_concern_note_gives_the_better_answer() -> None:
    problems = []
    for index, brief, draft in _each(DraftKind.ADDRESS_CONCERN):
        concern = brief.concerns[0]
        text = " ".join(draft.body.split())
        if shorten(concern.text, 9).casefold() not in text.casefold():
            problems.append(_show(index, brief, draft, "not the concern"))
        if concern.better_answer and " ".join(concern.better_answer.split()[1:6]) not in text:
            problems.append(_show(index, brief, draft, "not the better answer"))
    _assert_none(problems)


def test_a_call_asks_whether_now_is_a_good_time_before_anything_else() -> None:
    problems = []
    for index, brief, draft in _each(DraftKind.CALL):
        first = draft.body.split("?")[0].rsplit(".", 1)[-1].casefold()
        if "?" not in draft.body or not any(w in first for w in ("good", "convenient")):
            problems.append(_show(index, brief, draft, f"first asks {first!r}"))
    _assert_none(problems)


def test_a_voicemail_takes_30_seconds_and_says_name_and_number_twice() -> None:
    problems = []
    for index, brief, draft in _each(DraftKind.VOICEMAIL):
        size = len(draft.body.split())
        phone = brief.sender.phone
        twice = phone is None or (
            draft.body.count(phone) == 2 and draft.body.count(brief.sender.name or "") >= 2
        )
        if size > VOICEMAIL_WORDS or not twice:
            problems.append(_show(index, brief, draft, f"{size} words, name and number: {twice}"))
    _assert_none(problems)


#: The kinds whose every variant is tested by name below: all of them.
NAMED = tuple(DraftKind)


@pytest.mark.parametrize("kind", NAMED, ids=str)
def test_every_variant_asked_for_by_name_is_clean(kind: DraftKind) -> None:
    """`followup draft --variant N` hands out any variant: each one must pass on its own.

    Every member of a panel then gets the same variant, so duplicate.panel is left out.
    """
    problems = []
    email = SPECS[kind].shape.value == "email"
    for variant in library(None)[kind]:
        for index, record in enumerate(RECORDS):
            if required(record, kind) is not None:
                continue
            brief = timed(record, kind)
            for draft in compose_all(brief, kind, variant=variant.name, silence=("duplicate",)):
                bad = _bad(brief, draft)
                size = len((draft.subject or "").split())
                if bad or (email and not 3 <= size <= 6):
                    why = f"variant {variant.name}, a subject of {size} words"
                    problems.append(_show(index, brief, draft, why))
    _assert_none(problems)
