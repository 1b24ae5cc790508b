"""`followup check` read as a script author would: the refusals and messages the contract owes.

Each test here pins a behaviour a review of the public contract (DESIGN.md, "The draft
checker") found missing: bad input is exit 2 with the field named and nothing on stdout,
and a batch line that cannot be checked is answered ``{"id", "error"}`` in plain words.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import CLI, Result, refused
from followup.domain.check.model import Category


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return str(path)


#: Every family but placeholder: the output then depends on one finished family only.
ONLY_PLACEHOLDER = {
    "FOLLOWUP_CHECK_SILENCE": ",".join(c.value for c in Category if c is not Category.PLACEHOLDER)
}


def batch(cli: CLI, tmp_path: Path, lines: list[str]) -> tuple[Result, list[Any]]:
    path = write(tmp_path, "in.jsonl", "".join(line + "\n" for line in lines))
    result = cli("check", "--batch", path, "--jobs", "1")
    return result, [json.loads(line) for line in result.out.splitlines()]


# An empty draft is no draft: a perfect score for it would be a false all-clear --------------


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"  \n\r\n\t\n"])
def test_an_empty_or_blank_draft_is_refused(cli: CLI, tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, "d.txt", content)
    refused(cli("check", path, "-f", "json"), "FILE: ", "d.txt holds no text")


def test_an_empty_stdin_is_refused(cli: CLI) -> None:
    refused(cli("check", "-", "-f", "json", input=""), "FILE: stdin holds no text")


def test_a_batch_line_with_blank_text_is_answered_with_an_error(cli: CLI, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ""}),
        json.dumps({"id": "b", "text": " \n\t"}),
        json.dumps({"id": "c", "text": "Dear Dana, thank you."}),
    ]
    result, out = batch(cli, tmp_path, lines)
    assert result.code == 1, result
    assert out[:2] == [
        {"id": "a", "error": "line 1, text: holds no text (empty or blank)."},
        {"id": "b", "error": "line 2, text: holds no text (empty or blank)."},
    ]
    assert out[2]["id"] == "c" and "score" in out[2]


# A malformed batch line is explained in plain words ---------------------------------------


def test_a_number_of_thousands_of_digits_is_said_plainly(cli: CLI, tmp_path: Path) -> None:
    line = '{"id": "a", "text": "Hi", "n": 1' + "0" * 5_000 + "}"
    _, out = batch(cli, tmp_path, [line])
    assert out == [
        {"id": None, "error": "line 1: is not usable JSON: a number has thousands of digits."}
    ]


def test_an_unterminated_string_is_said_once(cli: CLI, tmp_path: Path) -> None:
    _, out = batch(cli, tmp_path, ['{"id": "a'])
    assert out == [
        {"id": None, "error": "line 1: is not JSON: Unterminated string starting at column 8."}
    ]


def test_a_repeated_key_named_digits_is_not_a_long_number(cli: CLI, tmp_path: Path) -> None:
    _, out = batch(cli, tmp_path, ['{"id": "a", "text": "Hi", "digits": 1, "digits": 2}'])
    assert out == [
        {
            "id": "a",
            "error": "line 1: is not usable JSON: the key 'digits' appears twice in one object.",
        }
    ]


def test_a_repeated_key_keeps_the_id_when_it_is_not_in_doubt(cli: CLI, tmp_path: Path) -> None:
    lines = [
        '{"id": "a", "text": "Hi", "text": "Hello"}',
        '{"id": "b", "text": "Hi", "context": {"company": "Acme", "company": "Globex"}}',
        '{"id": "c", "text": "Hi", "id": "d"}',
        '{"id": ["x"], "text": "Hi", "text": "Hello"}',
    ]
    result, out = batch(cli, tmp_path, lines)
    assert result.code == 1, result
    twice = "is not usable JSON: the key {!r} appears twice in one object."
    assert out == [
        {"id": "a", "error": "line 1: " + twice.format("text")},
        {"id": "b", "error": "line 2: " + twice.format("company")},
        {"id": None, "error": "line 3: " + twice.format("id")},
        {"id": None, "error": "line 4: " + twice.format("text")},
    ]


# A path the shell left as written --------------------------------------------------------


def test_a_tilde_path_of_no_known_user_is_a_missing_file(cli: CLI) -> None:
    # `followup check ~nosuchuser/d.txt`: the shell finds no such user and passes it on as
    # written; expanding it again must not crash (a traceback exits 1: "an error finding").
    path = "~no-such-user-of-followup/d.txt"
    refused(cli("check", path), f"FILE: {path} does not exist")
    refused(cli("check", "--batch", path), f"--batch: {path} does not exist")
    context = "~no-such-user-of-followup/c.json"
    refused(cli("check", "-", "--context", context), f"--context: {context} does not exist")
    now = ("--now", "2026-12-01T10:00:00+00:00")
    refused(cli("plan", "--context", context, *now), f"--context: {context} does not exist")


@pytest.mark.parametrize("option", [[], ["--batch"]])
def test_a_path_with_control_characters_is_shown_escaped(cli: CLI, option: list[str]) -> None:
    # A file name is the user's input too: echoed raw, an escape sequence would drive the
    # terminal and a line break would split the one-line message.
    path = "a\x1b[31mred\nb\u202e.txt"
    for result in (cli("check", *option, path), cli("check", "-", "--context", path)):
        refused(result, repr(path) + " does not exist")
        assert "\x1b" not in result.err and "\u202e" not in result.err
        assert result.err.count("\n") == 1


# Text output ------------------------------------------------------------------------------


def test_text_shows_line_separators_and_direction_marks_as_symbols(
    cli: CLI, tmp_path: Path
) -> None:
    # Not line breaks to the checker (offsets count them as one character each), so the
    # terminal must not break or reorder the line either.
    draft = "Dear Dana,\u2028thank you\u200f for\u2029 the talk\u061c about [Name].\n"
    only_placeholder = ",".join(c.value for c in Category if c is not Category.PLACEHOLDER)
    result = cli(
        "check", write(tmp_path, "d.txt", draft), env={"FOLLOWUP_CHECK_SILENCE": only_placeholder}
    )
    assert result.code == 1, result
    assert not {"\u2028", "\u2029", "\u200e", "\u200f", "\u061c"} & set(result.out)
    assert "1 │ Dear Dana,\ufffdthank you\ufffd for\ufffd the talk\ufffd about [Name]" in result.out


def test_a_bad_id_is_told_what_an_id_may_be(cli: CLI, tmp_path: Path) -> None:
    lines = ['{"id": 9223372036854775808, "text": "Hi"}', '{"id": 1.5, "text": "Hi"}']
    _, out = batch(cli, tmp_path, lines)
    assert out == [
        {"id": None, "error": "line 1, id: is a whole number of more than 63 bits; "
         "expected text or a smaller whole number."},
        {"id": None, "error": "line 2, id: is a number; expected text or a whole number."},
    ]  # fmt: skip


# A terminal or pipe that is not UTF-8 ------------------------------------------------------


def test_json_is_utf8_whatever_the_locale_says(cli: CLI, tmp_path: Path) -> None:
    # JSON between programs is UTF-8 (RFC 8259), as the batch writes it: an output encoding
    # of latin-1 (a Windows console, an old locale) must not crash on a suggestion in Greek.
    draft = write(tmp_path, "d.txt", "Thank you for the interview at [Company Name].\n")
    context = write(tmp_path, "c.json", json.dumps({"company": "\u0391\u03ba\u03bc\u03ae"}))
    args = ("check", draft, "--context", context, "-f", "json")
    plain = cli(*args, env=ONLY_PLACEHOLDER)
    latin = cli(*args, env={**ONLY_PLACEHOLDER, "PYTHONIOENCODING": "latin-1"})
    assert (
        plain.code == 1
        and json.loads(plain.out)["findings"][0]["suggestion"] == "\u0391\u03ba\u03bc\u03ae"
    )
    assert (latin.code, latin.err, latin.out) == (plain.code, "", plain.out)


def test_text_output_on_an_ascii_terminal_does_not_crash(cli: CLI, tmp_path: Path) -> None:
    draft = write(tmp_path, "d.txt", "Dear Dana \U0001f600 [Name],\n")
    result = cli("check", draft, env={**ONLY_PLACEHOLDER, "PYTHONIOENCODING": "ascii"})
    assert (result.code, result.err) == (1, ""), result
    assert "1 ? Dear Dana ? [Name]?1?," in result.out.splitlines()
    assert "?1? error   placeholder.bracket  1:13  ?[Name]?" in result.out.splitlines()


def test_every_commands_json_is_utf8_whatever_the_locale_says(cli: CLI, tmp_path: Path) -> None:
    # The same for the other listing commands: `list --format json` with a company in Greek.
    db = str(tmp_path / "f.db")
    assert cli("--db", db, "init", "--name", "Ana Ruiz", "--timezone", "UTC").code == 0
    added = cli(
        "--db",
        db,
        "add",
        "--company",
        "\u0391\u03ba\u03bc\u03ae",
        "--role",
        "Analyst",
        "--start",
        "2026-11-20 10:00",
    )
    assert added.code == 0, added
    plain = cli("--db", db, "list", "--format", "json")
    ascii_out = cli("--db", db, "list", "--format", "json", env={"PYTHONIOENCODING": "ascii"})
    assert json.loads(plain.out)["applications"][0]["company"] == "\u0391\u03ba\u03bc\u03ae"
    assert (ascii_out.code, ascii_out.err, ascii_out.out) == (0, "", plain.out)


def test_a_crash_is_exit_70_never_1_which_means_an_error_in_the_draft(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import followup.services.check as service
    from followup.cli.main import run

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("a defect")

    monkeypatch.setattr(service, "check_draft", broken)
    monkeypatch.setenv("FOLLOWUP_DATA_DIR", str(tmp_path))
    draft = write(tmp_path, "d.txt", "Thank you, Dana.")
    with pytest.raises(SystemExit) as exited:
        run(["check", draft])
    assert exited.value.code == 70
    err = capsys.readouterr().err
    assert "internal error (KeyError): this is a bug in followup" in err
    assert "Traceback" not in err


def test_an_interviewer_given_twice_is_refused_by_plan_and_check(cli: CLI, tmp_path: Path) -> None:
    people = [{"name": "Dana Rivera"}, {"name": " dana  RIVERA "}]
    context = write(tmp_path, "c.json", json.dumps({"company": "Acme", "interviewers": people}))
    draft = write(tmp_path, "d.txt", "Thank you, Dana.")
    now = ("--now", "2026-12-01T10:00:00+00:00")
    for result in (
        cli("check", draft, "--context", context),
        cli("plan", "--context", context, *now),
    ):
        refused(result, "context.interviewers[1].name: ", "is already interviewers[0]")
