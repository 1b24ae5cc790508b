"""`followup check` through the real entry point: the public contract of DESIGN.md.

Other families of rules change while the checker grows, so most tests silence every family
but ``placeholder`` (the ``check_silence`` setting, itself under test) and assert the
exact output; the rest assert what holds whatever the rules: the shape, the spans, the
exit statuses, the refusals.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from conftest import CLI, Result, refused
from followup.domain.check.model import Category, Context, Person, Previous

#: Every family but placeholder: the output then depends on one finished family only.
ONLY_PLACEHOLDER = {
    "FOLLOWUP_CHECK_SILENCE": ",".join(c.value for c in Category if c is not Category.PLACEHOLDER)
}
DRAFT = "Subject: Thank you\n\nDear Dana,\n\nThank you for the interview at [Company Name].\n"
FINDING_KEYS = ["rule", "category", "severity", "message", "start", "end", "suggestion"]
PLACEHOLDER_WHY = (
    "A template placeholder is still in the draft; fill it in before sending "
    "(seed 002: proofread your message carefully before sending it)."
)
KINDS = "thank-you, check-in, linkedin, panel-note, additional-info, close-the-loop"


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return str(path)


def placeholder(start: int, end: int, suggestion: str | None = None) -> dict[str, Any]:
    return {
        "rule": "placeholder.bracket",
        "category": "placeholder",
        "severity": "error",
        "message": PLACEHOLDER_WHY,
        "start": start,
        "end": end,
        "suggestion": suggestion,
    }


# JSON output -------------------------------------------------------------------------------


def test_json_is_exactly_the_contract(cli: CLI, tmp_path: Path) -> None:
    result = cli("check", write(tmp_path, "d.txt", DRAFT), "--format", "json", env=ONLY_PLACEHOLDER)
    assert result.code == 1, result  # a placeholder is an error
    start = DRAFT.index("[Company Name]")
    document = json.loads(result.out)
    assert document == {
        "score": 70,
        "findings": [placeholder(start, start + len("[Company Name]"))],
        "metrics": document["metrics"],
    }
    metrics = document["metrics"]
    assert (list(metrics), metrics["words"]) == (["words", "politeness", "grade"], 10)
    assert 0 <= metrics["politeness"] <= 1 and metrics["grade"] == round(metrics["grade"], 1)


def test_json_shape_holds_with_every_rule(cli: CLI, tmp_path: Path) -> None:
    result = cli("check", write(tmp_path, "d.txt", DRAFT), "--format", "json")
    assert result.code in (0, 1), result
    document = json.loads(result.out)
    assert list(document) == ["score", "findings", "metrics"]
    assert 0 <= document["score"] <= 100
    assert list(document["metrics"]) == ["words", "politeness", "grade"]
    assert 0 <= document["metrics"]["politeness"] <= 1
    for f in document["findings"]:
        assert list(f) == FINDING_KEYS
        assert 0 <= f["start"] <= f["end"] <= len(DRAFT)
        assert f["category"] in {c.value for c in Category}
        assert f["rule"].split(".")[0] == f["category"]
    spans = [(f["start"], f["end"], f["rule"]) for f in document["findings"]]
    assert spans == sorted(spans)
    errors = [f for f in document["findings"] if f["severity"] == "error"]
    assert result.code == (1 if errors else 0)


def test_a_clean_draft_exits_0(cli: CLI, tmp_path: Path) -> None:
    text = "Dear Dana,\n\nThank you for the interview.\n\nBest,\nSam\n"
    result = cli("check", write(tmp_path, "d.txt", text), "-f", "json", env=ONLY_PLACEHOLDER)
    assert result.code == 0, result
    assert json.loads(result.out)["findings"] == []
    assert json.loads(result.out)["score"] == 100


def test_stdin_gives_the_same_answer_as_the_file(cli: CLI, tmp_path: Path) -> None:
    from_file = cli("check", write(tmp_path, "d.txt", DRAFT), "-f", "json", env=ONLY_PLACEHOLDER)
    from_stdin = cli("check", "-", "-f", "json", input=DRAFT, env=ONLY_PLACEHOLDER)
    assert (from_stdin.code, from_stdin.out) == (from_file.code, from_file.out)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("\ufeffDear [Name],\n".encode(), "Dear [Name],\n"),  # the BOM is not counted
        (b"Hi,\r\n\r\nDear [Name],\r\n", "Hi,\r\n\r\nDear [Name],\r\n"),  # CRLF counts two
        ("Caf\u00e9 \U0001f600 [Name]".encode(), "Caf\u00e9 \U0001f600 [Name]"),  # code points
    ],
)
def test_spans_are_offsets_into_the_text_as_read(
    cli: CLI, tmp_path: Path, raw: bytes, text: str
) -> None:
    result = cli("check", write(tmp_path, "d.txt", raw), "-f", "json", env=ONLY_PLACEHOLDER)
    (found,) = json.loads(result.out)["findings"]
    assert text[found["start"] : found["end"]] == "[Name]"


def test_the_context_fills_the_suggestion(cli: CLI, tmp_path: Path) -> None:
    context = write(tmp_path, "c.json", json.dumps({"company": "Acme", "role": "Analyst"}))
    result = cli(
        "check", write(tmp_path, "d.txt", DRAFT), "--context", context, "-f", "json",
        env=ONLY_PLACEHOLDER,
    )  # fmt: skip
    start = DRAFT.index("[Company Name]")
    assert json.loads(result.out)["findings"] == [placeholder(start, start + 14, "Acme")]


def test_the_interview_fills_the_context_from_the_record(cli: CLI, tmp_path: Path) -> None:
    assert cli("init", "--name", "Sam Lee").code == 0
    added = cli("add", "-c", "Acme", "-r", "Data Analyst", "-s", "2026-11-20T16:15", "-i", "Dana")
    assert added.code == 0, added
    draft = write(tmp_path, "d.txt", "Dear Dana, thanks for the [Job Title] talk.\n--\n[Your Name]")
    result = cli("check", draft, "--interview", "1", "-f", "json", env=ONLY_PLACEHOLDER)
    found = {f["suggestion"] for f in json.loads(result.out)["findings"]}
    assert found == {"Data Analyst", "Sam Lee"}
    refused(cli("check", draft, "--interview", "9"), "interview: no interview with ID 9")


# Text output -------------------------------------------------------------------------------


def test_text_marks_the_span_and_gives_why_and_the_fix(cli: CLI, tmp_path: Path) -> None:
    context = write(tmp_path, "c.json", '{"company": "Acme"}')
    result = cli(
        "check", write(tmp_path, "d.txt", DRAFT), "--context", context, env=ONLY_PLACEHOLDER
    )
    assert result.code == 1, result
    lines = result.out.splitlines()
    assert "5 │ Thank you for the interview at [Company Name]⟨1⟩." in lines
    assert "⟨1⟩ error   placeholder.bracket  5:32  “[Company Name]”" in lines
    assert "    fix: Acme" in lines
    assert "Score 70/100 (1 finding, 1 error)" in lines
    assert "  -30 placeholder.bracket (error)" in lines
    assert "seed 002" in result.out


def test_text_shows_control_characters_as_symbols(cli: CLI, tmp_path: Path) -> None:
    result = cli(
        "check", write(tmp_path, "d.txt", "Hi\x1b[31m red\x00 [Name]"), env=ONLY_PLACEHOLDER
    )
    assert "\x1b" not in result.out and "\x00" not in result.out
    assert "Hi\ufffd[31m red\u2400 [Name]⟨1⟩" in result.out


# Bad input ---------------------------------------------------------------------------------


def test_bad_input_is_exit_2_with_nothing_on_stdout(cli: CLI, tmp_path: Path) -> None:
    draft = write(tmp_path, "d.txt", DRAFT)
    refused(cli("check", str(tmp_path / "nope.txt")), "nope.txt does not exist")
    refused(cli("check", str(tmp_path)), "is a directory")
    refused(cli("check"), "FILE: is missing")
    refused(
        cli("check", draft, "--kind", "memo"),
        f"'memo' is not a kind of draft. Use one of: {KINDS}.",
    )
    refused(cli("check", draft, "--format", "xml"), "--format")
    refused(
        cli("check", draft, "--context", draft, "--interview", "1"),
        "--context: does not go with --interview",
    )
    refused(cli("check", "-", "--context", "-", input=DRAFT), "--context: cannot read stdin")


def test_a_file_that_is_not_utf8_names_its_line(cli: CLI, tmp_path: Path) -> None:
    latin1 = "Dear Dana,\n\nMerci, \u00e0 bient\u00f4t".encode("latin-1")
    refused(cli("check", write(tmp_path, "d.txt", latin1)), "is not UTF-8 text (line 3", "UTF-8")


def test_a_too_large_draft_is_refused_and_a_megabyte_is_not(cli: CLI, tmp_path: Path) -> None:
    refused(cli("check", write(tmp_path, "big.txt", "a" * 2_000_001)), "longer than 2,000,000")
    megabyte = ("Thank you for the talk about data pipelines. " * 23_000)[:1_000_000]
    result = cli("check", write(tmp_path, "mb.txt", megabyte), "-f", "json")
    assert result.code in (0, 1), result
    assert all(f["end"] <= 1_000_000 for f in json.loads(result.out)["findings"])


@pytest.mark.parametrize(
    ("context", "field"),
    [
        (
            {"interviewers": [{"name": "Dana"}, {"title": "CTO"}]},
            "context.interviewers[1].name: is required",
        ),
        ({"topics": "SQL"}, "context.topics: is text; expected a list"),
        ({"topics": ["SQL", 3]}, "context.topics[1]: is a whole number; expected text"),
        ({"send_at": "2026-11-20T16:00"}, "context.send_at: '2026-11-20T16:00' has no UTC offset"),
        ({"decision_date": "20/11/2026"}, "context.decision_date"),
        (
            {"previous_followups": [{"kind": "memo", "sent_at": "2026-11-20T16:00Z"}]},
            "context.previous_followups[0].kind",
        ),
        ({"interviewers": [{"name": "Dana", "email": "dana@"}]}, "context.interviewers[0].email"),
        (
            {"interview_start": "2026-11-20T16:00Z", "interview_end": "2026-11-20T15:00Z"},
            "context.interview_end",
        ),
        ({"other_notes": ["ok", {"a": 1}]}, "context.other_notes[1]: is an object; expected text"),
    ],
)
def test_a_bad_context_field_is_named_by_its_path(
    cli: CLI, tmp_path: Path, context: dict[str, Any], field: str
) -> None:
    path = write(tmp_path, "c.json", json.dumps(context))
    refused(cli("check", write(tmp_path, "d.txt", DRAFT), "--context", path), field)


def test_a_context_that_is_not_json_is_refused(cli: CLI, tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", '{"company": "Acme",}')
    refused(cli("check", write(tmp_path, "d.txt", DRAFT), "--context", path), "is not JSON")


# Settings ----------------------------------------------------------------------------------


def test_silence_and_enable_by_prefix(cli: CLI, tmp_path: Path) -> None:
    draft = write(tmp_path, "d.txt", "Dear [Name], see ____.")
    both = cli("check", draft, "-f", "json", env=ONLY_PLACEHOLDER)
    assert [f["rule"] for f in json.loads(both.out)["findings"]] == [
        "placeholder.bracket",
        "placeholder.blank",
    ]
    silence = ONLY_PLACEHOLDER["FOLLOWUP_CHECK_SILENCE"] + ",placeholder.bracket"
    one = cli("check", draft, "-f", "json", env={"FOLLOWUP_CHECK_SILENCE": silence})
    assert [f["rule"] for f in json.loads(one.out)["findings"]] == ["placeholder.blank"]
    env = {
        "FOLLOWUP_CHECK_SILENCE": silence + ",placeholder",
        "FOLLOWUP_CHECK_ENABLE": "placeholder.bracket",
    }
    back = cli("check", draft, "-f", "json", env=env)
    assert [f["rule"] for f in json.loads(back.out)["findings"]] == ["placeholder.bracket"]


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("spellng", "'spellng' is not a rule family or rule id"),
        ("placeholder.nope", "no rule id starts with 'placeholder.nope'"),
        ("Tone Pushy", "is not a rule family or rule id"),
    ],
)
def test_an_unknown_prefix_is_a_configuration_error(
    cli: CLI, tmp_path: Path, value: str, fragment: str
) -> None:
    result = cli("check", write(tmp_path, "d.txt", DRAFT), env={"FOLLOWUP_CHECK_SILENCE": value})
    assert result.code == 4, result
    assert result.out == ""
    assert fragment in result.err


# Batch -------------------------------------------------------------------------------------


def batch(cli: CLI, tmp_path: Path, lines: list[str], **env: str) -> tuple[Result, list[Any]]:
    path = write(tmp_path, "in.jsonl", "".join(line + "\n" for line in lines))
    result = cli("check", "--batch", path, env={**ONLY_PLACEHOLDER, **env})
    return result, [json.loads(line) for line in result.out.splitlines()]


def test_batch_answers_every_line_in_order(cli: CLI, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "Dear [Name],", "kind": "check-in"}),
        json.dumps({"id": 2, "text": "Dear Dana,", "context": {"company": "Acme"}}),
        "not json",
        "[1, 2]",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "hi", "kind": "memo"}),
        json.dumps({"id": "e", "text": "hi", "context": {"interviewers": [{"title": "CTO"}]}}),
        json.dumps({"id": ["x"], "text": "hi"}),
        "",
        json.dumps({"id": "f", "text": "Dear [Name], hi \ud800", "label": "ignored"}),
    ]
    result, out = batch(cli, tmp_path, lines)
    assert result.code == 1, result
    assert out[0] == {
        "id": "a",
        "score": 70,
        "findings": [placeholder(5, 11)],
        "metrics": out[0]["metrics"],
    }
    assert (out[1]["id"], out[1]["findings"], out[1]["score"]) == (2, [], 100)
    assert out[2:9] == [
        {"id": None, "error": "line 3: is not JSON: Expecting value at column 1."},
        {"id": None, "error": "line 4: holds a list, not a JSON object."},
        {"id": "c", "error": "line 5, text: is required: the draft to check."},
        {"id": "d", "error": f"line 6, kind: 'memo' is not a kind of draft. Use one of: {KINDS}."},
        {
            "id": "e",
            "error": "line 7, context.interviewers[0].name: is required. "
            "Give a value for context.interviewers[0].name.",
        },
        {"id": None, "error": "line 8, id: is a list; expected text or a whole number."},
        {"id": None, "error": "line 9: is empty. Give one JSON object per line."},
    ]
    assert out[9]["id"] == "f" and [f["rule"] for f in out[9]["findings"]] == [
        "placeholder.bracket"
    ]
    assert "7 of 10 lines could not be checked (lines 3, 4, 5, 6, 7, 8, 9)" in result.err


def test_batch_reads_a_lone_surrogate_as_one_replacement_character(
    cli: CLI, tmp_path: Path
) -> None:
    line = '{"id": "s", "text": "\\udc80 Dear [Company]", "context": {"company": "Ac\\ud800me"}}'
    result, out = batch(cli, tmp_path, [line])
    assert result.code == 1, result
    (found,) = out[0]["findings"]
    assert (found["start"], found["end"], found["suggestion"]) == (7, 16, "Ac\ufffdme")


def test_batch_exit_statuses(cli: CLI, tmp_path: Path) -> None:
    clean, out = batch(cli, tmp_path, [json.dumps({"id": "a", "text": "Dear Dana,"})])
    assert (clean.code, clean.err, len(out)) == (0, "", 1)
    one_bad, _ = batch(cli, tmp_path, [json.dumps({"id": "a", "text": "Dear Dana,"}), "{"])
    assert one_bad.code == 1
    refused(cli("check", "--batch", str(tmp_path / "nope.jsonl")), "--batch", "does not exist")
    refused(cli("check", "x.txt", "--batch", "in.jsonl"), "FILE: does not go with --batch")
    refused(cli("check", "--batch", "in.jsonl", "--kind", "linkedin"), "--kind: does not go")
    refused(cli("check", "--batch", "in.jsonl", "-f", "text"), "JSON Lines only")


def test_batch_from_stdin(cli: CLI) -> None:
    lines = "".join(json.dumps({"id": n, "text": f"Note {n} [Name]"}) + "\n" for n in range(50))
    result = cli("check", "--batch", "-", input=lines, env=ONLY_PLACEHOLDER)
    assert [json.loads(line)["id"] for line in result.out.splitlines()] == list(range(50))
    assert result.code == 1


def test_batch_answers_the_same_with_any_number_of_processes(cli: CLI, tmp_path: Path) -> None:
    rows = [{"id": n, "text": f"Dear [Name], note {n}.", "kind": "check-in"} for n in range(300)]
    lines = [json.dumps(row) for row in rows]
    lines[150] = "{broken"
    path = write(tmp_path, "in.jsonl", "\n".join(lines) + "\n")
    answers = {
        jobs: cli("check", "--batch", path, "--jobs", jobs, env=ONLY_PLACEHOLDER)
        for jobs in ("1", "3")
    }
    assert answers["1"].out == answers["3"].out
    assert answers["1"].code == answers["3"].code == 1
    out = [json.loads(line) for line in answers["3"].out.splitlines()]
    assert [a["id"] for a in out] == [*range(150), None, *range(151, 300)]
    refused(cli("check", path, "--jobs", "2"), "--jobs: only goes with --batch")


def test_the_settings_take_a_toml_list(cli: CLI, tmp_path: Path) -> None:
    families = [c.value for c in Category if c is not Category.PLACEHOLDER]
    (tmp_path / "config.toml").write_text(
        f"check_silence = {json.dumps([*families, 'placeholder.blank'])}\n", encoding="utf-8"
    )
    result = cli("check", write(tmp_path, "d.txt", "Dear [Name], see ____."), "-f", "json")
    assert [f["rule"] for f in json.loads(result.out)["findings"]] == ["placeholder.bracket"]
    shown = json.loads(cli("config", "show", "-f", "json").out)["settings"]
    value = next(s["value"] for s in shown if s["name"] == "check_silence")
    assert value == ", ".join([*families, "placeholder.blank"])


# The context, read ------------------------------------------------------------------------


def test_every_field_of_context_json_reaches_the_checker() -> None:
    from followup.services.check_context import from_json

    data = {
        "company": " Acme ",
        "role": "Data Analyst",
        "interviewers": [{"name": "Dana Rivera", "title": "Manager", "email": "dana@acme.com"}],
        "interview_start": "2026-11-20T16:15:00-05:00",
        "interview_end": "2026-11-20T17:00:00-05:00",
        "round": "Final",
        "topics": ["SQL", "SQL", " "],
        "concerns": ["scaling"],
        "decision_date": "2026-12-04",
        "previous_followups": [
            {"kind": "thank-you", "sent_at": "2026-11-20T18:00:00-05:00", "to": "Dana"}
        ],
        "send_at": "2026-11-27T09:00:00-05:00",
        "other_companies": ["Globex"],
        "sender_name": "Sam Lee",
        "to": "Dana Rivera",
        "attachments": ["portfolio.pdf"],
        "other_notes": ["Dear Kenji,\r\nThanks.\n"],
        "people_elsewhere": ["Hank"],
        "standouts": ["the demo"],
        "forgotten": ["the Kafka project"],
        "industry": "tech",  # the plan's: ignored here
    }
    eastern = timezone(timedelta(hours=-5))
    assert from_json(data) == Context(
        company="Acme",
        role="Data Analyst",
        interviewers=(Person("Dana Rivera", "Manager", "dana@acme.com"),),
        interview_start=datetime(2026, 11, 20, 16, 15, tzinfo=eastern),
        interview_end=datetime(2026, 11, 20, 17, 0, tzinfo=eastern),
        round="final",
        topics=("SQL",),
        concerns=("scaling",),
        decision_date=date(2026, 12, 4),
        previous_followups=(Previous("thank-you", datetime(2026, 11, 20, 18, tzinfo=eastern)),),
        send_at=datetime(2026, 11, 27, 9, tzinfo=eastern),
        other_companies=("Globex",),
        sender_name="Sam Lee",
        to="Dana Rivera",
        attachments=("portfolio.pdf",),
        other_notes=("Dear Kenji,\nThanks.",),
        people_elsewhere=("Hank",),
        standouts=("the demo",),
        forgotten=("the Kafka project",),
    )
    assert from_json({}) == Context()


def test_the_record_gives_the_context(cli: CLI, home: dict[str, str]) -> None:
    from followup.services.check_context import from_store
    from followup.services.context import AppContext, clock_from_env
    from followup.settings import Settings

    assert cli("init", "--name", "Sam Lee").code == 0
    for args in (
        ["-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T16:15", "--end", "17:00",
         "-i", "Dana Rivera, Manager", "-i", "Kenji Sato", "-t", "SQL", "--concern", "scaling",
         "--standout", "the demo", "--forgot", "Kafka", "--decision", "2026-12-04"],
        ["-c", "Globex", "-r", "Analyst", "-s", "2026-11-10T10:00", "-i", "Hank Scorpio",
         "-i", "Dana Rivera"],
        ["-c", "ACME", "-r", "Engineer", "-s", "2026-11-12T10:00", "-i", "Ada Byron"],
    ):  # fmt: skip
        assert cli("add", *args).code == 0
    assert cli("done", "1", "thank-you", "--to", "all", "--at", "2026-11-20T18:30").code == 0
    assert cli("done", "3", "thank-you", "--at", "2026-11-12T18:00", "--force").code == 0
    settings = Settings(env=home)
    context = from_store(AppContext(settings, clock_from_env(home["FOLLOWUP_NOW"])), 1)
    eastern = timezone(timedelta(hours=-5))
    assert (context.company, context.role, context.sender_name) == ("Acme", "Analyst", "Sam Lee")
    assert [p.name for p in context.interviewers] == ["Dana Rivera", "Kenji Sato"]
    assert context.interviewers[0].title == "Manager"
    assert context.interview_end == datetime(2026, 11, 20, 17, tzinfo=eastern)
    assert context.interview_end.utcoffset() == timedelta(hours=-5)  # the interview's clock
    assert (context.topics, context.concerns) == (("SQL",), ("scaling",))
    assert (context.standouts, context.forgotten) == (("the demo",), ("Kafka",))
    assert context.decision_date == date(2026, 12, 4)
    # Globex is another company; ACME is this one, under another role.
    assert context.other_companies == ("Globex",)
    assert context.people_elsewhere == ("Hank Scorpio",)  # Dana is on this interview
    sent = [(p.kind, p.sent_at.astimezone(eastern)) for p in context.previous_followups]
    assert sent[0] == ("thank-you", datetime(2026, 11, 12, 18, tzinfo=eastern))
    # Two panel notes (Dana, Kenji) after the ACME thank-you, oldest first.
    assert [kind for kind, _ in sent] == ["thank-you", "panel-note", "panel-note"]
    assert sent[1][1] == datetime(2026, 11, 20, 18, 30, tzinfo=eastern)
    assert context.send_at == datetime.fromisoformat(home["FOLLOWUP_NOW"])


def test_stdin_that_is_not_utf8_is_refused(home: dict[str, str]) -> None:
    import subprocess

    from conftest import _entry_point

    proc = subprocess.run(
        [*_entry_point(), "check", "-"],
        input=b"Dear Dana,\nMerci \xe0 vous\n",
        capture_output=True,
        env=home,
        timeout=120,
        check=False,
    )
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert b"stdin is not UTF-8 text (line 2, byte 17)" in proc.stderr


def test_the_timing_rules_follow_the_users_policy(cli: CLI, tmp_path: Path) -> None:
    """A thank-you 30 hours after the interview: late by the default 24 hours, not by 48."""
    only_timing = ",".join(c.value for c in Category if c is not Category.TIMING)
    times = {"interview_end": "2026-11-20T17:00:00-05:00", "send_at": "2026-11-21T23:00:00-05:00"}
    context = write(tmp_path, "c.json", json.dumps(times))
    draft = "Subject: Thank you\n\nDear Dana,\n\nThank you for the interview.\n"
    line = json.dumps({"id": 1, "text": draft, "context": times})
    batch_file = write(tmp_path, "in.jsonl", line + "\n")
    for policy, late in (("default", True), ("measured", False)):
        env = {"FOLLOWUP_CHECK_SILENCE": only_timing, "FOLLOWUP_POLICY": policy}
        single = cli(
            "check", write(tmp_path, "d.txt", draft), "--context", context, "-f", "json", env=env
        )
        found = [f["rule"] for f in json.loads(single.out)["findings"]]
        assert bool(found) is late and all(r.startswith("timing.") for r in found), (policy, found)
        for jobs in ("1", "2"):
            answer = json.loads(cli("check", "--batch", batch_file, "--jobs", jobs, env=env).out)
            assert [f["rule"] for f in answer["findings"]] == found
