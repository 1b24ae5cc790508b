"""`followup draft` with the user's own templates: used by name, refused when they misbehave.

The record of most tests is the `panel` fixture (conftest.py), drafted that evening
(draft_support.EVENING).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CLI, Result, refused
from draft_support import (
    EVENING,
    MINE,
    draft,
    ok,
    stored,
    template,
)


def dana_thanks(cli: CLI, variant: str, *more: str) -> Result:
    """`followup draft 1 --to Dana --kind thank-you --variant VARIANT`, that evening."""
    return cli("draft", "1", "--to", "Dana", "--kind", "thank-you", "--variant", variant, *more,
               env=EVENING)  # fmt: skip


# Templates of the user's ------------------------------------------------------------------


def test_a_template_of_the_users_is_used_by_name(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    template(home, "thank-you", "mine", MINE)
    note = draft(cli, "1", "--kind", "thank-you", "--to", "Dana", "--variant", "mine")
    assert (note["variant"], note["subject"]) == ("mine", "Thanks for the Data Analyst chat")
    assert note["body"] == (
        "Dear Dana,\n\nThank you for the conversation on Friday about the Data Analyst role at "
        "Acme. I keep coming back to the churn dashboard, and I would love to continue it.\n\n"
        "I look forward to hearing about the next steps.\n\nBest regards,\nSam Lee\n"
    )
    assert stored(home)[0][:2] == ("panel-note", "drafted")  # a thank-you is the same step


def test_a_broken_template_is_named_with_its_problem(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    path = template(home, "thank-you", "typo", "Subject: Thanks\n\n{{ greting }}\n")
    result = cli("draft", "1", "--kind", "thank-you", "--variant", "typo", env=EVENING)
    refused(result, f"template {path}: 'greting' is undefined.")
    assert stored(home) == []
    # Without --variant the built-in variants serve.
    assert len(draft(cli, "1", "--kind", "thank-you")) == 2


def test_a_variant_with_an_error_is_never_handed_out(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    template(home, "thank-you", "blank", MINE.replace("{{ greeting }}", "Dear [Name],"))
    result = cli(
        "draft", "1", "--kind", "thank-you", "--to", "Dana", "--variant", "blank", env=EVENING
    )
    assert result.code == 1, result
    assert result.out == ""
    assert result.err.startswith("followup: variant 'blank' of the thank-you draft")
    assert "The closest was variant blank" in result.err
    assert "placeholder.bracket" in result.err
    assert stored(home) == []


def test_a_template_cannot_read_a_file_outside_the_template_directories(
    cli: CLI, panel: None, home: dict[str, str], tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Subject: Thanks for everything\n\nthe secret 4711\n", encoding="utf-8")
    folder = Path(home["FOLLOWUP_DATA_DIR"]) / "templates" / "thank-you"
    folder.mkdir(parents=True)
    (folder / "link.j2").symlink_to(secret)
    result = dana_thanks(cli, "link", "--format", "json")
    refused(result, f"template {folder / 'link.j2'}", "outside the template directories")
    assert "4711" not in result.err
    include = "Subject: Thanks a lot\n\n{% include 'thank-you/link.j2' %}\n"
    template(home, "thank-you", "inc", include)
    result = dana_thanks(cli, "inc")
    refused(result, "outside the template directories")
    assert "4711" not in result.err
    result = cli("draft", "1", "--to", "Dana", "--kind", "thank-you", env=EVENING)
    assert result.code == 0 and "4711" not in result.out, result
    assert stored(home)[0][3].startswith("Dear Dana")


def test_an_include_that_climbs_out_is_explained(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    path = template(home, "thank-you", "up", "Subject: Thanks a lot\n\n{% include '../../x' %}\n")
    result = dana_thanks(cli, "up")
    refused(result, f"template {path}: includes '../../x', which is not a template")
    assert ".." not in result.err.replace("'../../x'", "")  # no doubled full stop either


def test_an_empty_or_enormous_template_is_refused(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    empty = template(home, "thank-you", "empty", "{# nothing #}\n")
    result = dana_thanks(cli, "empty")
    refused(result, f"template {empty}: renders an empty draft")
    huge = template(home, "thank-you", "huge", "Subject: Thanks a lot\n\n" + "word " * 200_000)
    result = dana_thanks(cli, "huge")
    refused(result, f"template {huge}", "larger than")
    loops = template(
        home, "thank-you", "loops",
        "Subject: Thanks a lot\n\n{% for i in range(90000) %}{% for j in range(90000) %}"
        "word {% endfor %}{% endfor %}\n",
    )  # fmt: skip
    result = dana_thanks(cli, "loops")
    refused(result, f"template {loops}", "longer than")
    assert stored(home) == []


def test_a_template_that_cannot_be_used_is_skipped_with_a_note(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    spaced = template(home, "thank-you", "my note", MINE)
    latin = template(home, "thank-you", "latin", "")
    latin.write_bytes(b"Subject: Merci\n\nCordialement, \xe9t\xe9\n")
    result = ok(cli("draft", "1", "--to", "Dana", "--kind", "thank-you", "--format", "json",
                    env=EVENING))  # fmt: skip
    assert json.loads(result.out)["to"] == "Dana Rivera"
    assert f"followup: template {spaced} is not used: " in result.err
    assert "letters, digits, - and _" in result.err
    assert f"followup: template {latin} is skipped: cannot be read" in result.err
    text = ok(cli("draft", "1", "--to", "Kenji", "--kind", "thank-you", env=EVENING))
    assert f"template {spaced} is not used" in text.err
    assert "template" not in text.out.split("Findings")[0].split("\n", 1)[0]


@pytest.mark.parametrize(
    "expression", ['"x" * 10**12', "9 ** 99999999", "[1, 2] * 10**11", "10**12 * 'ab'"]
)
def test_a_template_that_multiplies_without_end_is_refused(
    cli: CLI, panel: None, home: dict[str, str], expression: str
) -> None:
    path = template(home, "thank-you", "big", f"Subject: Thanks a lot\n\n{{{{ {expression} }}}}\n")
    result = dana_thanks(cli, "big")
    refused(result, f"template {path}: ", "too large")


def test_a_template_that_recurses_without_end_is_refused(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    body = "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"
    path = template(home, "thank-you", "deep", f"Subject: Thanks a lot\n\n{body}\n")
    result = dana_thanks(cli, "deep")
    refused(result, f"template {path}: ", "RecursionError")
