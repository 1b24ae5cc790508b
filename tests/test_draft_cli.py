"""`followup draft` through the real entry point: from the record, and the stateless contract.

The record of most tests: application 1, Acme, a panel on Friday 20 Nov 2026 16:15-17:00 in
New York with Dana Rivera (who discussed the churn dashboard) and Kenji Sato (team
rituals); "now" is that evening, 18:00 in New York, so a thank-you is on time.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from conftest import CLI, Result, refused

DANA = "Dana Rivera <dana@acme.com>, Analytics Manager"
KENJI = "Kenji Sato, Recruiter"
EVENING = {"FOLLOWUP_NOW": "2026-11-20T23:00:00+00:00"}
CONTRACT = ["subject", "body", "to", "score", "findings"]
OURS = ["kind", "variant", "edited", "missing", "followup_id", "message_id"]
CONTEXT = {
    "company": "Northwind Labs",
    "role": "Data Analyst",
    "interviewers": [
        {"name": "Amara Okafor", "title": "Head of Data", "topics": ["the churn model"]},
        {"name": "José Núñez", "title": "Analyst", "topics": ["SQL performance"]},
    ],
    "interview_start": "2026-12-01T10:00:00-05:00",
    "interview_end": "2026-12-01T11:00:00-05:00",
    "send_at": "2026-12-01T18:00:00-05:00",
    "sender_name": "Sam Rivera",
}


def ok(result: Result) -> Result:
    assert result.code == 0, result
    assert "Traceback" not in result.err
    return result


def draft(cli: CLI, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
    """The JSON of `followup draft ARGS --format json`, run that evening."""
    return json.loads(ok(cli("draft", *args, "--format", "json", input=input,
                             env={**EVENING, **(env or {})})).out)  # fmt: skip


def rows(home: dict[str, str], sql: str) -> list[tuple[Any, ...]]:
    path = Path(home["FOLLOWUP_DATA_DIR"]) / "followup.db"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def stored(home: dict[str, str]) -> list[tuple[Any, ...]]:
    """Every stored message: its step's kind, the step's status, subject, body, status."""
    return rows(
        home,
        "SELECT f.kind, f.status, m.subject, m.body, m.status FROM messages m "
        "JOIN followups f ON f.id = m.followup_id ORDER BY m.id",
    )


@pytest.fixture
def panel(cli: CLI) -> None:
    ok(cli("init", "--name", "Sam Lee", "--email", "sam@example.com"))
    ok(cli("add", "-c", "Acme", "-r", "Data Analyst", "-s", "2026-11-20T16:15", "--end", "17:00",
           "--mode", "panel", "-i", DANA, "-i", KENJI, "-t", "Dana: the churn dashboard",
           "-t", "Kenji: team rituals", "--decision", "2026-12-04", env=EVENING))  # fmt: skip


# From the record ---------------------------------------------------------------------------


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


# Templates of the user's ---------------------------------------------------------------------


def template(home: dict[str, str], kind: str, name: str, text: str) -> Path:
    folder = Path(home["FOLLOWUP_DATA_DIR"]) / "templates" / kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.j2"
    path.write_text(text, encoding="utf-8")
    return path


MINE = """Subject: Thanks for the {{ role }} chat

{{ greeting }}

Thank you for the conversation {% if day %}on {{ day }} {% endif %}about {{ the_role }}\
{{ at_company }}. I keep coming back to {{ topic }}, and I would love to continue it.

I look forward to hearing about the next steps.

{{ closing }}
{{ signature }}
"""


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


# --edit ------------------------------------------------------------------------------------


def editor(tmp_path: Path, body: str) -> dict[str, str]:
    """EDITOR set to a small Python script acting on the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\npath = sys.argv[1]\n{body}\n", encoding="utf-8")
    return {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}


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


# --format eml ------------------------------------------------------------------------------


def test_eml_is_an_unsent_message_a_mail_client_opens(
    cli: CLI, panel: None, home: dict[str, str], tmp_path: Path
) -> None:
    import subprocess

    from conftest import _entry_point

    proc = subprocess.run(
        [*_entry_point(), "draft", "1", "--to", "dana", "--format", "eml"],
        capture_output=True, env={**home, **EVENING}, check=False, input=b"",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    message = message_from_bytes(proc.stdout, policy=policy.default)
    assert message["From"] == "Sam Lee <sam@example.com>"
    assert message["To"] == "Dana Rivera <dana@acme.com>"
    assert message["X-Unsent"] == "1"
    assert message["Date"] == "Fri, 20 Nov 2026 23:00:00 +0000"
    assert message["Message-ID"].endswith("@example.com>")
    subject, body = stored(home)[0][2:4]
    assert message["Subject"] == subject
    assert message.get_content().replace("\r\n", "\n") == body
    assert b"\r\n\r\n" in proc.stdout  # RFC 5322 line endings


def test_eml_holds_one_message(cli: CLI, panel: None, home: dict[str, str]) -> None:
    result = cli("draft", "1", "--format", "eml", env=EVENING)
    refused(result, "goes to 2 people (Dana Rivera, Kenji Sato)", "--to NAME")
    assert stored(home) == []


def test_eml_headers_cannot_be_injected_and_names_are_encoded() -> None:
    from datetime import UTC, datetime

    from followup.adapters.mail.eml import draft_message, to_bytes

    raw = to_bytes(
        draft_message(
            body="Liebe Zoë,\n\ndanke.\n",
            subject="Danke\r\nBcc: evil@example.com",
            date=datetime(2026, 11, 20, 23, tzinfo=UTC),
            from_name="Sam\nLee\r\nReply-To: evil@example.com",
            from_email="sam@example.com",
            to_name="Zoë Weiß",
            to_email=None,
        )
    )
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()  # the names are encoded words, not raw UTF-8
    message = message_from_bytes(raw, policy=policy.default)
    assert message["Bcc"] is None and message["Reply-To"] is None
    assert message["Subject"] == "Danke Bcc: evil@example.com"
    assert message["From"].addresses[0].display_name == "Sam Lee Reply-To: evil@example.com"
    assert message["To"].groups[0].display_name == "Zoë Weiß"  # no address on record
    assert message.get_content() == "Liebe Zoë,\r\n\r\ndanke.\r\n"


# The stateless contract --------------------------------------------------------------------


def test_context_json_is_exactly_the_contract(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "context.json"
    path.write_text(json.dumps(CONTEXT, ensure_ascii=False), encoding="utf-8")
    notes = draft(cli, "--context", str(path), "--kind", "panel-note")
    assert [list(n) for n in notes] == [CONTRACT, CONTRACT]
    assert [n["to"] for n in notes] == ["Amara Okafor", "José Núñez"]
    assert "the churn model" in notes[0]["body"] and "SQL performance" in notes[1]["body"]
    one = draft(cli, "--context", str(path), "--kind", "panel-note", "--to", "josé")
    assert list(one) == CONTRACT
    assert one == notes[1]  # the same note, whichever way it is asked for
    assert isinstance(one["score"], int) and one["score"] > 0


def test_context_on_stdin_and_its_to(cli: CLI) -> None:
    text = json.dumps({**CONTEXT, "to": "Amara"})
    note = draft(cli, "--context", "-", "--kind", "linkedin", input=text)
    assert list(note) == CONTRACT
    assert (note["to"], note["subject"]) == ("Amara Okafor", None)  # a note has no subject
    assert note["body"].startswith("Hi Amara,") and len(note["body"]) <= 300


def test_a_bad_context_field_is_named(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    bad = {**CONTEXT, "interviewers": [{"name": "Amara Okafor", "topics": "churn"}]}
    path.write_text(json.dumps(bad), encoding="utf-8")
    refused(cli("draft", "--context", str(path)),
            "context.interviewers[0].topics: is text; expected a list.")  # fmt: skip
    path.write_text(json.dumps({**CONTEXT, "culture": "chill"}), encoding="utf-8")
    refused(cli("draft", "--context", str(path)), "context.culture: 'chill' is not one of")
    refused(cli("draft", "--context", "-", input="[1]"), "--context: stdin holds a list")


def test_context_without_what_the_kind_needs_says_which_field(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(CONTEXT), encoding="utf-8")
    refused(cli("draft", "--context", str(path), "--kind", "additional-info"),
            "forgotten (or attachments) in CONTEXT.json")  # fmt: skip


# The language model ------------------------------------------------------------------------


def test_the_language_models_draft_is_used_when_it_checks_as_well(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    from llm_server import chat_server

    template_draft = draft(cli, "1", "--to", "Dana")
    text = f"Subject: {template_draft['subject']}\n\n{template_draft['body']}"
    with chat_server() as server:
        server.answer("Here is your draft:\n\n```\n" + text + "```\n")
        note = draft(cli, "1", "--to", "Dana", env={"FOLLOWUP_LLM_URL": server.base_url})
    assert note["variant"] == "llm"
    assert note["body"] == template_draft["body"]
    assert "the churn dashboard" in server.requests[0].json["messages"][1]["content"]
    assert stored(home)[-1][3] == note["body"]


def test_an_unreachable_model_leaves_the_template_and_says_why(cli: CLI, panel: None) -> None:
    from llm_server import closed_port

    env = {**EVENING, "FOLLOWUP_LLM_URL": f"http://127.0.0.1:{closed_port()}/v1"}
    result = ok(cli("draft", "1", "--to", "Dana", env=env))
    assert " · variant llm" not in result.out
    assert "\n\nLanguage model: cannot reach the language model at " in result.out
    assert result.out.endswith("connection refused. Is the server running, and is llm_url right? "
                               "The template's draft is used.\n")  # fmt: skip
    as_json = ok(cli("draft", "1", "--to", "Dana", "--format", "json", env=env))
    assert json.loads(as_json.out)["variant"] != "llm"
    assert as_json.err.startswith("followup: cannot reach the language model at ")


# Templates that try to leave their directory, or never end ------------------------------------


def test_a_template_cannot_read_a_file_outside_the_template_directories(
    cli: CLI, panel: None, home: dict[str, str], tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Subject: Thanks for everything\n\nthe secret 4711\n", encoding="utf-8")
    folder = Path(home["FOLLOWUP_DATA_DIR"]) / "templates" / "thank-you"
    folder.mkdir(parents=True)
    (folder / "link.j2").symlink_to(secret)
    result = cli("draft", "1", "--to", "Dana", "--kind", "thank-you", "--variant", "link",
                 "--format", "json", env=EVENING)  # fmt: skip
    refused(result, f"template {folder / 'link.j2'}", "outside the template directories")
    assert "4711" not in result.err
    include = "Subject: Thanks a lot\n\n{% include 'thank-you/link.j2' %}\n"
    template(home, "thank-you", "inc", include)
    result = cli("draft", "1", "--to", "Dana", "--kind", "thank-you", "--variant", "inc",
                 env=EVENING)  # fmt: skip
    refused(result, "outside the template directories")
    assert "4711" not in result.err
    result = cli("draft", "1", "--to", "Dana", "--kind", "thank-you", env=EVENING)
    assert result.code == 0 and "4711" not in result.out, result
    assert stored(home)[0][3].startswith("Dear Dana")


def test_an_include_that_climbs_out_is_explained(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    path = template(home, "thank-you", "up", "Subject: Thanks a lot\n\n{% include '../../x' %}\n")
    result = cli("draft", "1", "--to", "Dana", "--kind", "thank-you", "--variant", "up",
                 env=EVENING)  # fmt: skip
    refused(result, f"template {path}: includes '../../x', which is not a template")
    assert ".." not in result.err.replace("'../../x'", "")  # no doubled full stop either


def test_an_empty_or_enormous_template_is_refused(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    empty = template(home, "thank-you", "empty", "{# nothing #}\n")
    result = cli("draft", "1", "--to", "Dana", "--kind", "thank-you", "--variant", "empty",
                 env=EVENING)  # fmt: skip
    refused(result, f"template {empty}: renders an empty draft")
    huge = template(home, "thank-you", "huge", "Subject: Thanks a lot\n\n" + "word " * 200_000)
    result = cli("draft", "1", "--to", "Dana", "--kind", "thank-you", "--variant", "huge",
                 env=EVENING)  # fmt: skip
    refused(result, f"template {huge}", "larger than")
    loops = template(
        home, "thank-you", "loops",
        "Subject: Thanks a lot\n\n{% for i in range(90000) %}{% for j in range(90000) %}"
        "word {% endfor %}{% endfor %}\n",
    )  # fmt: skip
    result = cli("draft", "1", "--to", "Dana", "--kind", "thank-you", "--variant", "loops",
                 env=EVENING)  # fmt: skip
    refused(result, f"template {loops}", "longer than")
    assert stored(home) == []


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


def test_a_to_of_the_context_that_names_nobody_is_named_as_the_contexts(
    cli: CLI, tmp_path: Path
) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({**CONTEXT, "to": "Nobody"}), encoding="utf-8")
    refused(cli("draft", "--context", str(path)),
            "context.to: 'Nobody' is not on this interview (Amara Okafor, José Núñez)")  # fmt: skip
    refused(cli("draft", "--context", str(path), "--to", "Zed"), "--to: 'Zed' is not on this")


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


def test_eml_is_refused_for_what_is_not_an_email(
    cli: CLI, panel: None, home: dict[str, str], tmp_path: Path
) -> None:
    for kind, what in (("call", "said on the phone"), ("voicemail", "said on the phone"),
                       ("linkedin", "a LinkedIn note"), ("card", "written by hand")):  # fmt: skip
        result = cli("draft", "1", "--to", "Kenji", "--kind", kind, "--format", "eml", env=EVENING)
        refused(result, f"--format: a {kind} is {what}", "--format text or json")
    assert stored(home) == []
    path = tmp_path / "c.json"
    path.write_text(json.dumps(CONTEXT), encoding="utf-8")
    refused(cli("draft", "--context", str(path), "--to", "Amara", "--kind", "call", "--format",
                "eml"), "--format: a call is said on the phone")  # fmt: skip


@pytest.mark.parametrize(
    "name", ["José Núñez", "Zoë\u2028Bcc: evil@example.com", "Ana Lee", "Lee, Ana"]
)
def test_eml_to_a_name_without_an_address_parses_back_without_a_defect(name: str) -> None:
    from datetime import UTC, datetime

    from followup.adapters.mail.eml import draft_message, one_line, to_bytes

    when = datetime(2026, 11, 20, 23, tzinfo=UTC)
    raw = to_bytes(draft_message(body="Hi,\n", subject="Thanks", to_name=name, date=when))
    message = message_from_bytes(raw, policy=policy.default)
    assert message["To"].defects == ()
    assert message["To"].groups[0].display_name == one_line(name)
    assert message["To"].addresses == ()
    assert message["Bcc"] is None


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


@pytest.mark.parametrize(
    "expression", ['"x" * 10**12', "9 ** 99999999", "[1, 2] * 10**11", "10**12 * 'ab'"]
)
def test_a_template_that_multiplies_without_end_is_refused(
    cli: CLI, panel: None, home: dict[str, str], expression: str
) -> None:
    path = template(home, "thank-you", "big", f"Subject: Thanks a lot\n\n{{{{ {expression} }}}}\n")
    result = cli("draft", "1", "--to", "Dana", "--kind", "thank-you", "--variant", "big",
                 env=EVENING)  # fmt: skip
    refused(result, f"template {path}: ", "too large")


def test_a_template_that_recurses_without_end_is_refused(
    cli: CLI, panel: None, home: dict[str, str]
) -> None:
    body = "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"
    path = template(home, "thank-you", "deep", f"Subject: Thanks a lot\n\n{body}\n")
    result = cli("draft", "1", "--to", "Dana", "--kind", "thank-you", "--variant", "deep",
                 env=EVENING)  # fmt: skip
    refused(result, f"template {path}: ", "RecursionError")
