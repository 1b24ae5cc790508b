"""The language-model backend end to end: settings, a real local chat server, the checker."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from followup.domain.compose.composer import compose_all
from followup.domain.compose.model import Composed, DraftKind
from followup.services.draft_llm import improve, improve_all
from followup.settings import Settings
from llm_server import ChatServer, Reply, chat_server, closed_port
from test_compose_prompt import BRIEF

KEY = "sk-live-do-not-print-0123456789"

GOOD = """Subject: Thank you for Tuesday

Dear Amara,

Thank you for the video call on Tuesday. Walking through the churn model with you, and \
sketching the churn funnel together, made the Data Analyst role feel concrete. On SQL \
window functions, I would partition by customer and use LAG() to compare each month with \
the last.

I would also be glad to share my Tableau certification. How is the analytics team \
organised after the merger?

I am excited about joining Northwind Labs.

Best regards,
Sam Rivera
+1 555 0100
"""


@pytest.fixture
def server() -> Iterator[ChatServer]:
    with chat_server() as running:
        yield running


def _settings(tmp_path: Path, url: str | None, **env: str) -> Settings:
    values = {"FOLLOWUP_DATA_DIR": str(tmp_path), **env}
    if url is not None:
        values["FOLLOWUP_LLM_URL"] = url
    return Settings(env=values, config_file=tmp_path / "none.toml")


def _thank_you() -> Composed:
    return compose_all(BRIEF, DraftKind.THANK_YOU, to="Amara")[0]


def test_without_a_url_nothing_is_sent(tmp_path: Path, server: ChatServer) -> None:
    composed = _thank_you()
    settings = _settings(tmp_path, None, FOLLOWUP_LLM_MODEL="llama3.1")
    assert improve(settings, BRIEF, composed) == (composed, None)
    assert server.requests == []


def test_a_good_answer_is_used_and_checked(tmp_path: Path, server: ChatServer) -> None:
    server.answer("Here is your draft:\n\n```\n" + GOOD + "```\nI hope this helps!")
    composed = _thank_you()
    settings = _settings(tmp_path, server.base_url, FOLLOWUP_LLM_MODEL="llama3.1")
    draft, note = improve(settings, BRIEF, composed)
    assert note is None
    assert draft.variant == "llm"
    assert draft.text == GOOD
    assert (draft.subject, draft.to) == ("Thank you for Tuesday", composed.to)
    assert draft.report.errors == 0 and draft.report.score >= composed.report.score
    assert [c.variant for c in draft.candidates][:2] == ["llm", composed.variant]
    (seen,) = server.requests
    assert seen.json["model"] == "llama3.1"
    system, user = (m["content"] for m in seen.json["messages"])
    assert "(seed 003)" in system and "the churn model" in user
    assert composed.body.strip() in user  # the template's draft is the starting point
    assert "Contoso" not in str(seen.json)
    assert "Authorization" not in seen.headers


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        (
            GOOD.replace("joining Northwind Labs", "joining Contoso Analytics"),
            "The model's draft has an error (company.other).",
        ),
        (GOOD.replace("Dear Amara", "Dear [Interviewer Name]"), "(placeholder.bracket)"),
        (GOOD.replace("Dear Amara", "Dear Amra"), "(name.misspelled)"),
        (
            "Subject: Thank you\n\nDear Amara,\n\nThank you for your time on Tuesday. I enjoyed "
            "our conversation and learning about the team.\n\nI am excited about the role at "
            "Northwind Labs.\n\nBest regards,\nSam Rivera\n+1 555 0100",
            "The model's draft scored 78 (concern.unaddressed, subject.generic, "
            "personalization.none), the template's 100.",
        ),
        ("```\n```", "The model's answer held no draft."),
    ],
)
def test_a_worse_answer_is_refused_and_the_template_serves(
    tmp_path: Path, server: ChatServer, answer: str, fragment: str
) -> None:
    server.answer(answer)
    composed = _thank_you()
    draft, note = improve(_settings(tmp_path, server.base_url), BRIEF, composed)
    assert draft is composed
    assert note is not None and note.endswith(". The template's draft is used.")
    assert fragment in note


def test_the_users_silenced_rules_count_for_the_model_too(
    tmp_path: Path, server: ChatServer
) -> None:
    server.answer(GOOD.replace("Dear Amara", "Dear Amra"))
    composed = _thank_you()
    settings = _settings(tmp_path, server.base_url)
    draft, note = improve(settings, BRIEF, composed, silence=("name",))
    assert (draft.variant, note) == ("llm", None)


@pytest.mark.parametrize(
    ("reply", "fragment"),
    [
        (Reply(status=500, body=b'{"error": "out of memory"}'), "HTTP 500 (out of memory)"),
        (Reply(status=401, body=f'{{"error": "bad key {KEY}"}}'.encode()), "HTTP 401"),
        (Reply(body=b"not json at all"), "did not answer in JSON"),
        (Reply(body=b'{"choices": [{"message": {}}]}'), "without a chat completion"),
    ],
)
def test_a_failing_server_leaves_the_template_and_a_note_without_the_key(
    tmp_path: Path,
    server: ChatServer,
    capsys: pytest.CaptureFixture[str],
    reply: Reply,
    fragment: str,
) -> None:
    server.answer(reply)
    composed = _thank_you()
    settings = _settings(tmp_path, server.base_url, FOLLOWUP_LLM_API_KEY=KEY)
    draft, note = improve(settings, BRIEF, composed)
    assert draft is composed
    assert note is not None and fragment in note
    assert KEY not in note
    assert server.requests[0].headers["Authorization"] == f"Bearer {KEY}"
    shown = capsys.readouterr()
    assert KEY not in shown.out + shown.err


def test_a_slow_model_times_out_at_llm_timeout(tmp_path: Path, server: ChatServer) -> None:
    server.answer(Reply(content=GOOD, delay=5))
    composed = _thank_you()
    settings = _settings(tmp_path, server.base_url, FOLLOWUP_LLM_TIMEOUT="1")
    started = time.monotonic()
    draft, note = improve(settings, BRIEF, composed)
    assert time.monotonic() - started < 3
    assert draft is composed
    assert note == (
        f"the language model at {server.base_url}/chat/completions did not answer within 1 s; "
        "raise llm_timeout for a slow model. The template's draft is used."
    )


def test_no_server_leaves_the_template(tmp_path: Path) -> None:
    composed = _thank_you()
    url = f"http://127.0.0.1:{closed_port()}/v1"
    draft, note = improve(_settings(tmp_path, url, FOLLOWUP_LLM_API_KEY=KEY), BRIEF, composed)
    assert draft is composed
    assert note is not None and "connection refused" in note and KEY not in note


# A panel: improve_all --------------------------------------------------------------------------


def test_a_panel_note_too_like_anothers_is_refused(tmp_path: Path, server: ChatServer) -> None:
    drafts = compose_all(BRIEF, DraftKind.PANEL_NOTE)
    amara = GOOD.replace("Subject: Thank you for Tuesday", "Subject: Thank you, Amara")
    jose = amara.replace("Dear Amara", "Dear José")  # the same note, another name
    server.answer(amara, jose)
    out, notes = improve_all(_settings(tmp_path, server.base_url), BRIEF, drafts)
    assert [d.variant for d in out] == ["llm", drafts[1].variant]
    assert out[1] is drafts[1]
    (note,) = notes
    assert note.startswith("The model's draft scored 90 (duplicate.panel), the template's 100.")
    assert len(server.requests) == 2


def test_an_unreachable_server_is_asked_once_for_a_panel(
    tmp_path: Path, server: ChatServer
) -> None:
    drafts = compose_all(BRIEF, DraftKind.PANEL_NOTE)
    server.answer(Reply(content=GOOD, delay=5), Reply(content=GOOD, delay=5))
    settings = _settings(tmp_path, server.base_url, FOLLOWUP_LLM_TIMEOUT="1")
    started = time.monotonic()
    out, notes = improve_all(settings, BRIEF, drafts)
    assert time.monotonic() - started < 3
    assert out == drafts
    assert len(notes) == 1 and "did not answer within 1 s" in notes[0]
    assert len(server.requests) == 1


def test_a_draft_to_the_team_is_improved_alike(tmp_path: Path, server: ChatServer) -> None:
    brief = replace(BRIEF, interviewers=())
    composed = compose_all(brief, DraftKind.THANK_YOU)[0]
    assert composed.to is None
    server.answer(GOOD.replace("Dear Amara", "Dear Northwind Labs team"))
    draft, note = improve(_settings(tmp_path, server.base_url), brief, composed)
    assert note is None and draft.variant == "llm"
    user = server.requests[0].json["messages"][1]["content"]
    assert "To: the Northwind Labs team." in user
