"""The checker never raises, keeps its spans inside the text and answers the same twice.

Hypothesis drafts mix arbitrary Unicode (lone surrogates included: what a reader that
escapes bad bytes hands over) with the pieces rules look for (subjects, greetings,
placeholders, names, emoji, right-to-left text, combining marks, NUL), with and without
random contexts; then a megabyte of text of several shapes, and the batch runner over
2,000 lines with malformed ones (bench/check_batch_bench.py runs the 100,000).
Every registered rule runs: a family that raises on some text fails here.
"""

from __future__ import annotations

import importlib.util
import json
import math
import random
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.domain.check import (
    Category,
    Context,
    Kind,
    Person,
    Previous,
    Report,
    Severity,
    check,
)

BENCH = Path(__file__).resolve().parent.parent / "bench" / "check_batch_bench.py"

#: Any code point, lone surrogates included (st.characters leaves them out by default).
ANY_CHAR = st.one_of(st.characters(), st.characters(categories=["Cs"]))
PIECES = [
    "Subject: ", "Subject: Thank you\n", "Dear ", "Hi Dana,", "Hello Mr. Rivera,", "\n", "\r\n",
    "\n\n", "\r", "Best regards,\n", "Sincerely,\nSam Lee", "Thank you", "thanks!", "I'm", "’",
    "[Company Name]", "<NAME>", "{name}", "{{ role }}", "____", "Mr./Ms. Last Name", "Your Name",
    "(position)", "...", "?", "!!!", "ASAP", "attached", "Acme", "Dana", "Rivera", "Globex",
    "\U0001f600", "\U0001f469\u200d\U0001f4bb", "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\u202e", "\u200f", "e\u0301", "a\u0308\u0323", "\x00", "\ud800", "\udfff", "\u0130", "\u00df",
    "\ufb01", "\u2028", "\t", " ", "  ", "https://example.com/x?y=1", "sam@example.org", "555-0100",
    "1,000", "Q3", "don't", "re-run", "U.S.", "x" * 60,
]  # fmt: skip
DRAFTS = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(ANY_CHAR, max_size=12)), max_size=40
).map("".join)
NAMES = st.one_of(
    st.sampled_from(
        ["Dana", "Dana Rivera", "Acme", "O'Brien", "Jos\u00e9", "\u674e\u96f7", "", " ", "Dr."]
    ),
    st.text(ANY_CHAR, max_size=15),
)  # fmt: skip
ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9, minutes=30))]
)
# Hypothesis takes naive bounds and attaches the zones itself.
MOMENTS = st.datetimes(
    datetime(2000, 1, 1),  # noqa: DTZ001
    datetime(2100, 1, 1),  # noqa: DTZ001
    timezones=ZONES,
)
OPTIONAL_MOMENT = st.none() | MOMENTS


def texts(
    values: st.SearchStrategy[str] = NAMES, size: int = 4
) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(values, max_size=size).map(tuple)


CONTEXTS = st.builds(
    Context,
    company=st.none() | NAMES,
    role=st.none() | NAMES,
    interviewers=st.lists(
        st.builds(Person, name=NAMES, title=st.none() | NAMES, email=st.none() | NAMES), max_size=4
    ).map(tuple),
    interview_start=OPTIONAL_MOMENT,
    interview_end=OPTIONAL_MOMENT,
    round=st.sampled_from([None, "screen", "first", "final", "x"]),
    topics=texts(),
    concerns=texts(),
    decision_date=st.none() | st.dates(date(2000, 1, 1), date(2100, 1, 1)),
    previous_followups=st.lists(
        st.builds(Previous, kind=st.sampled_from([*Kind, "call", "x"]), sent_at=MOMENTS), max_size=4
    ).map(tuple),
    send_at=OPTIONAL_MOMENT,
    other_companies=texts(),
    sender_name=st.none() | NAMES,
    to=st.none() | NAMES,
    attachments=texts(),
    other_notes=texts(DRAFTS, 3),
    people_elsewhere=texts(),
    standouts=texts(),
    forgotten=texts(),
)


def sound(text: str, report: Report) -> None:
    """What every report must be, whatever the text."""
    assert isinstance(report.score, int) and 0 <= report.score <= 100
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert isinstance(f.severity, Severity) and isinstance(f.category, Category)
        assert f.rule.split(".")[0] == f.category.value, f
        assert f.message and (f.suggestion is None or isinstance(f.suggestion, str))
    keys = [(f.start, f.end, f.rule) for f in report.findings]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    m = report.metrics
    assert m.words >= 0 and 0.0 <= m.politeness <= 1.0
    assert math.isfinite(m.grade) and m.grade >= 0
    json.dumps(report.as_json(), allow_nan=False)  # the JSON contract can be written


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DRAFTS, kind=st.sampled_from(list(Kind)))
def test_any_text_without_a_context(text: str, kind: Kind) -> None:
    report = check(text, kind)
    sound(text, report)
    assert check(text, kind) == report


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DRAFTS, context=CONTEXTS)
def test_any_text_with_any_context_under_every_kind(text: str, context: Context) -> None:
    first = {kind: check(text, kind, context) for kind in Kind}
    for kind in reversed(Kind):  # another order: no rule keeps state from one call to the next
        again = check(text, kind, context)
        sound(text, again)
        assert again == first[kind]


@settings(max_examples=100, deadline=None)
@given(text=st.text(ANY_CHAR, max_size=400), context=CONTEXTS)
def test_unstructured_text(text: str, context: Context) -> None:
    sound(text, check(text, Kind.CHECK_IN, context))


@pytest.mark.parametrize(
    "text", ["", " ", "\n", "\x00", "\ud800", "Subject:", "Subject: \n", "Dear"]
)
@pytest.mark.parametrize("kind", list(Kind))
def test_tiny_texts(text: str, kind: Kind) -> None:
    sound(text, check(text, kind))
    sound(text, check(text, kind, Context(company="Acme", interviewers=(Person("Dana"),))))


def megabytes() -> list[object]:
    rng = random.Random(4)
    paragraph = (
        "Dear Dana,\n\nThank you for the conversation about the data platform at Acme; "
        "I enjoyed hearing how the team ships weekly \U0001f600. Best regards,\nSam\n\n"
    )
    size = 1_000_000
    shapes = {
        "prose": (paragraph * (size // len(paragraph) + 1))[:size],
        "random": "".join(chr(rng.randrange(0x110000)) for _ in range(size)),
        "one-word": "a" * size,
        "line-breaks": "\n" * size,
        "placeholders": ("[Company Name] ____ " * size)[:size],
        "rtl-and-marks": ("\u05e9\u05dc\u05d5\u05dd e\u0301 \u202e " * size)[:size],
    }
    return [pytest.param(text, id=shape) for shape, text in shapes.items()]


@pytest.mark.slow
@pytest.mark.parametrize("text", megabytes())
def test_a_megabyte(text: str) -> None:
    context = Context(company="Acme", interviewers=(Person("Dana Rivera"),), topics=("data",))
    report = check(text, Kind.THANK_YOU, context)
    sound(text, report)
    assert check(text, Kind.THANK_YOU, context) == report


# The batch runner ------------------------------------------------------------------------------


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_batch_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_batch_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_a_batch_of_2000_lines_with_malformed_ones(tmp_path: Path) -> None:
    bench = _bench()
    source = tmp_path / "in.jsonl"
    bad = bench.generate(source, 2_000, bad_every=37)
    assert len(bad) == 54
    result = bench.run(source, 2_000, bad, env=_home(tmp_path))
    assert result.problems == []
    assert result.exit_status == 1  # malformed lines
    assert result.peak_rss_mb > 0


def _home(tmp_path: Path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env.update(FOLLOWUP_DATA_DIR=str(tmp_path / "data"), FOLLOWUP_CONFIG=str(tmp_path / "c.toml"))
    return env
