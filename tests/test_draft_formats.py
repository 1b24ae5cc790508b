"""`followup draft` output formats: the stateless JSON contract, `.eml`, the language model.

The record of most tests is the `panel` fixture (conftest.py), drafted that evening
(draft_support.EVENING).
"""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from conftest import CLI, refused
from draft_support import (
    CONTEXT,
    CONTRACT,
    EVENING,
    draft,
    ok,
    stored,
)

# --format eml -----------------------------------------------------------------------------


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


# The stateless contract -------------------------------------------------------------------


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


def test_a_to_of_the_context_that_names_nobody_is_named_as_the_contexts(
    cli: CLI, tmp_path: Path
) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({**CONTEXT, "to": "Nobody"}), encoding="utf-8")
    refused(cli("draft", "--context", str(path)),
            "context.to: 'Nobody' is not on this interview (Amara Okafor, José Núñez)")  # fmt: skip
    refused(cli("draft", "--context", str(path), "--to", "Zed"), "--to: 'Zed' is not on this")


# The language model -----------------------------------------------------------------------


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
