"""`followup draft` through the real entry point, from the record: steps, recipients, --edit.

The record of most tests is the `panel` fixture (conftest.py), drafted that evening
(draft_support.EVENING).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CLI, refused
from draft_support import (
    CONTEXT,
    CONTRACT,
    EVENING,
    OURS,
    draft,
    editor,
    ok,
    rows,
    stored,
)

# From the record --------------------------------------------------------------------------


def test_a_panel_gets_one_note_per_member_each_about_their_topic(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    notes = draft(cli, "1")
    assert [n["to"] for n in notes] == ["Dana Rivera", "Kenji Sato"]
    dana, kenji = (n["body"] for n in notes)
    assert dana.startswith("Dear Dana,\n") and "churn dashboard" in dana
    assert kenji.startswith("Dear Kenji,\n") and "team rituals" in kenji
    assert "Kenji" not in dana and "Dana" not in kenji
    assert "team rituals" not in dana and "churn dashboard" not in kenji
    assert [n["kind"] for n in notes] == ["panel-note", "panel-note"]  # the plan's next step
    assert all(f["severity"] != "error" for n in notes for f in n["findings"])
    # Each is stored as a draft of its own step, and the steps are drafted.
    assert stored(home) == [
        ("panel-note", "drafted", notes[0]["subject"], dana, "draft"),
        ("panel-note", "drafted", notes[1]["subject"], kenji, "draft"),
    ]
    assert len({n["followup_id"] for n in notes}) == 2
    assert [n["message_id"] for n in notes] == [1, 2]


def test_a_drafted_step_is_still_pending_for_the_plan(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    draft(cli, "1", "--to", "dana")
    plan = json.loads(ok(cli("plan", "1", "--format", "json", env=EVENING)).out)["followups"]
    notes = {s["recipient"]: s["status"] for s in plan if s["kind"] == "panel-note"}
    assert notes == {"Dana Rivera": "drafted", "Kenji Sato": "planned"}
    ok(cli("done", "1", "panel-note", "--to", "Dana", env=EVENING))
    assert rows(home, "SELECT status FROM followups WHERE id = 2") == [("done",)]


def test_drafting_again_moves_on_to_the_next_step_not_drafted(cli: CLI, panel: None) -> None:
    assert [n["kind"] for n in draft(cli, "1")] == ["panel-note", "panel-note"]
    # Both notes are drafted: the next planned step is the LinkedIn requests.
    assert [n["kind"] for n in draft(cli, "1")] == ["linkedin", "linkedin"]
    # Asked for by kind, a drafted step is drafted again (a second try).
    assert [n["kind"] for n in draft(cli, "1", "--kind", "panel-note")] == ["panel-note"] * 2


def test_the_text_output_shows_each_draft_and_what_to_add(cli: CLI, panel: None) -> None:
    out = ok(cli("draft", "1", "--to", "Kenji", env=EVENING)).out
    head, rule, rest = out.split("\n", 2)
    assert head.startswith("panel-note to Kenji Sato · variant ")
    assert head.endswith(" · score 100/100")
    assert rule == "─" * 60
    assert rest.startswith("Subject: ")
    assert "\nDear Kenji,\n" in rest
    assert "\nAdd to the record:\n  - standouts: a standout moment makes the note memorable" in out
    assert (
        "\n    followup edit 1 --standout TEXT (the flag replaces the list, so give every one)\n"
        in out
    )
    assert out.endswith("Stored as draft message #1 of follow-up #3.\n")


def test_to_picks_one_by_first_name_in_any_case(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    note = draft(cli, "1", "--to", "KENJI")
    assert list(note) == CONTRACT + OURS  # one recipient: one object, not a list
    assert note["to"] == "Kenji Sato"
    assert len(stored(home)) == 1


def test_an_unknown_recipient_is_refused_with_the_names(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    result = cli("draft", "1", "--to", "Zed", env=EVENING)
    refused(result, "--to: 'Zed' is not on this interview (Dana Rivera, Kenji Sato).")
    assert stored(home) == []


def test_a_concern_note_needs_a_concern_and_answers_it(cli: CLI, panel: None) -> None:
    result = cli("draft", "1", "--kind", "address-concern", env=EVENING)
    refused(result, "needs concerns", "followup edit 1 --concern")
    ok(cli("edit", "1", "--concern", "the SQL test => I would use a window function"))
    note = draft(cli, "1", "--kind", "Address_Concern")
    assert note["kind"] == "address-concern"
    assert "the SQL test" in note["body"] and "I would use a window function." in note["body"]


def test_a_check_in_goes_to_the_planned_recipient_and_is_judged_at_its_target(
    cli: CLI, panel: None
) -> None:
    note = draft(cli, "1", "--kind", "check-in")
    assert note["to"] == "Kenji Sato"  # the plan writes check-ins to the recruiter
    # Drafted three weeks early, it is judged as sent on 11 December: not too soon.
    assert [f["rule"] for f in note["findings"] if f["category"] == "timing"] == []
    assert note["followup_id"] is not None


def test_bad_options_are_refused(cli: CLI, panel: None, tmp_path: Path) -> None:
    refused(cli("draft", "1", "--kind", "memo"), "--kind: 'memo' is not a kind of draft.",
            "thank-you, panel-note, linkedin")  # fmt: skip
    refused(cli("draft", "1", "--format", "pdf"), "--format")
    refused(cli("draft", "9"), "no application with ID 9")
    refused(cli("draft", "1", "--interview", "5"), "interview #5 is not one of application 1's")
    refused(cli("draft"), "ID: is missing.")
    path = tmp_path / "c.json"
    path.write_text(json.dumps(CONTEXT), encoding="utf-8")
    refused(cli("draft", "1", "--context", str(path)), "ID: does not go with --context")
    refused(cli("draft", "--context", str(path), "--edit"), "--edit")


def test_to_and_variant_are_checked_before_anything_is_read(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    """A name with a line break, a name of 10,000 characters, a path as a variant."""
    for name, fragment in (("Dana\r\nBcc: x@example.com", "--to: contains a line break"),
                           ("Dana\u2028Rivera", "--to: contains a line break"),
                           ("a" * 10_000, "--to: is 10,000 characters long")):  # fmt: skip
        result = cli("draft", "1", "--to", name, env=EVENING)
        refused(result, fragment)
        assert len(result.err) < 300, result.err
    for raw in ("../../x", "", "a" * 5_000, "my note"):
        result = cli("draft", "1", "--to", "Dana", "--variant", raw, env=EVENING)
        refused(result, "--variant:", "letters, digits, - and _")
        assert len(result.err) < 300, result.err
    assert stored(home) == []


def test_a_step_of_your_own_is_not_drafted_and_says_what_to_do(cli: CLI, panel: None) -> None:
    refused(cli("draft", "1", "--kind", "reflection", env=EVENING),
            "--kind: a reflection is your own step: nothing is sent, so nothing is drafted.",
            "followup reflect N` (N: the interview's #N in `followup show 1`)")  # fmt: skip
    refused(cli("draft", "1", "--kind", "Keep_Applying", env=EVENING),
            "--kind: keep-applying is your own step", "followup done 1 keep-applying")  # fmt: skip


def test_a_check_in_to_someone_else_than_the_planned_recipient_is_not_stored_on_that_step(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    note = draft(cli, "1", "--kind", "check-in", "--to", "Dana")
    assert note["to"] == "Dana Rivera" and note["body"].startswith("Dear Dana")
    assert (note["followup_id"], note["message_id"]) == (None, None)
    assert stored(home) == []  # the plan's check-in goes to Kenji: his step is not drafted
    assert draft(cli, "1", "--kind", "check-in", "--to", "Kenji")["followup_id"] is not None
    assert [(kind, status) for kind, status, *_ in stored(home)] == [("check-in", "drafted")]


def test_a_first_name_two_interviewers_share_asks_for_the_full_name(
    cli: CLI, tmp_path: Path
) -> None:
    path = tmp_path / "c.json"
    people = [{"name": "Ana Lee"}, {"name": "Ana Ruiz", "title": "Recruiter"}]
    path.write_text(json.dumps({**CONTEXT, "interviewers": people}), encoding="utf-8")
    result = cli("draft", "--context", str(path), "--to", "ana")
    refused(result, "--to: 'ana' is the first name of Ana Lee and Ana Ruiz.", "the full name")
    assert draft(cli, "--context", str(path), "--to", "ana ruiz")["to"] == "Ana Ruiz"


# --edit -----------------------------------------------------------------------------------


def test_edit_checks_and_stores_the_edited_text(
    cli: CLI, panel: None, home: dict[str, str], tmp_path: Path
) -> None:
    env = editor(
        tmp_path,
        "text = open(path, encoding='utf-8').read()\n"
        "text = text.replace('Dear Dana,', 'Dear Dana,\\n\\nIt was great to meet you.')\n"
        "open(path, 'w', encoding='utf-8').write(text)",
    )
    note = draft(cli, "1", "--to", "Dana", "--edit", env=env)
    assert note["edited"] is True
    assert note["body"].startswith("Dear Dana,\n\nIt was great to meet you.\n\n")
    assert stored(home)[0][3] == note["body"]
    report = json.loads(rows(home, "SELECT check_report FROM messages")[0][0])
    assert report["score"] == note["score"]


def test_edit_that_introduces_an_error_is_stored_and_exits_1(
    cli: CLI, panel: None, home: dict[str, str], tmp_path: Path
) -> None:
    env = editor(
        tmp_path,
        "text = open(path, encoding='utf-8').read().replace('Dear Dana,', 'Dear [NAME],')\n"
        "open(path, 'w', encoding='utf-8').write(text)",
    )
    result = cli("draft", "1", "--to", "Dana", "--edit", env={**EVENING, **env})
    assert result.code == 1, result
    assert "variant " in result.out and ", edited · score " in result.out
    assert "error   placeholder.bracket" in result.out
    assert "Dear [NAME]," in stored(home)[0][3]


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("sys.exit(1)", "exited with status 1; nothing was saved."),
        ("open(path, 'w').write('  \\n')", "the draft was left empty; nothing was saved."),
    ],
)
def test_an_editor_that_fails_or_empties_the_draft_stores_nothing(
    cli: CLI, panel: None, home: dict[str, str], tmp_path: Path, body: str, why: str
) -> None:
    result = cli("draft", "1", "--edit", env={**EVENING, **editor(tmp_path, body)})
    refused(result, "--edit: ", why)
    assert stored(home) == []
    assert rows(home, "SELECT status FROM followups WHERE kind = 'panel-note'") == [
        ("planned",),
        ("planned",),
    ]


def test_edit_without_an_editor_or_a_terminal_is_refused(cli: CLI, panel: None) -> None:
    refused(cli("draft", "1", "--edit", env={"EDITOR": "", "VISUAL": ""}), "no terminal")


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("open(path, 'a').write('P.S. \\x00 \\x1b[31m')", "contains a control character"),
        ("open(path, 'w').write('Subject: Hi\\n\\n' + 'Thank you. ' * 3000)",
         "33,013 characters long; a follow-up is at most 20,000"),
        ("open(path, 'w').write('Subject: Thanks for today\\n\\n  \\n')",
         "has a subject and no body"),
    ],
)  # fmt: skip
def test_an_edited_draft_with_a_control_character_a_book_or_no_body_is_refused(
    cli: CLI, panel: None, home: dict[str, str], tmp_path: Path, body: str, why: str
) -> None:
    result = cli("draft", "1", "--to", "Dana", "--edit", "--format", "json",
                 env={**EVENING, **editor(tmp_path, body)})  # fmt: skip
    refused(result, "--edit: the edited draft ", why, "nothing was saved")
    assert stored(home) == []
