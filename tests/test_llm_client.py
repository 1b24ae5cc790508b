"""The chat client against a real local server speaking the chat-completions API."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from followup.adapters.llm.client import (
    MAX_ANSWER_BYTES,
    Endpoint,
    LlmError,
    chat,
    endpoint_url,
    shown_url,
)
from llm_server import ChatServer, Reply, chat_server, closed_port

KEY = "sk-test-0123456789abcdef"
ASK = [{"role": "user", "content": "Write a thank-you note."}]


@pytest.fixture
def server() -> Iterator[ChatServer]:
    with chat_server() as running:
        yield running


def _failure(endpoint: Endpoint) -> LlmError:
    with pytest.raises(LlmError) as caught:
        chat(endpoint, ASK)
    assert KEY not in str(caught.value)
    return caught.value


def test_a_good_answer_is_the_first_choice_text(server: ChatServer) -> None:
    server.answer("Subject: Thank you\n\nDear Ana,\n\nThanks.")
    answer = chat(Endpoint(server.base_url, model="llama3.1"), ASK, temperature=0.2)
    assert answer == "Subject: Thank you\n\nDear Ana,\n\nThanks."
    (seen,) = server.requests
    assert seen.path == "/v1/chat/completions"
    assert seen.json == {"model": "llama3.1", "messages": ASK, "temperature": 0.2}
    assert seen.headers["Content-Type"] == "application/json"
    assert "Authorization" not in seen.headers


def test_the_key_goes_only_in_the_authorization_header(server: ChatServer) -> None:
    server.answer("Hi Ana, thanks.")
    chat(Endpoint(server.base_url, key=KEY), ASK)
    (seen,) = server.requests
    assert seen.headers["Authorization"] == f"Bearer {KEY}"
    assert KEY not in json.dumps(seen.json)
    assert KEY not in repr(Endpoint(server.base_url, key=KEY))


@pytest.mark.parametrize("suffix", ["/v1", "/v1/", "/v1/chat/completions", "/v1/chat/completions/"])
def test_a_base_url_or_the_full_path_reach_the_same_place(server: ChatServer, suffix: str) -> None:
    server.answer("Hi Ana, thanks.")
    base = server.base_url.removesuffix("/v1")
    chat(Endpoint(base + suffix), ASK)
    assert [s.path for s in server.requests] == ["/v1/chat/completions"]


def test_a_server_slower_than_the_timeout_is_an_error_in_time(server: ChatServer) -> None:
    server.answer(Reply(content="late", delay=3))
    started = time.monotonic()
    error = _failure(Endpoint(server.base_url, key=KEY, timeout=0.4))
    assert time.monotonic() - started < 2
    assert error.unreachable
    assert "did not answer within 0.4 s" in str(error)
    assert "llm_timeout" in str(error)


@pytest.mark.parametrize(
    ("reply", "fragments"),
    [
        (
            Reply(status=500, body=b'{"error": {"message": "model crashed"}}'),
            ["HTTP 500", "crashed"],
        ),
        (
            Reply(status=401, body=f'{{"error": "Incorrect API key provided: {KEY}"}}'.encode()),
            ["HTTP 401", "Incorrect API key", "FOLLOWUP_LLM_API_KEY"],
        ),
        (
            Reply(status=404, body=b'{"error": "model \\"llama9\\" not found"}'),
            ["HTTP 404", "not found", "llm_model"],
        ),
        (Reply(body=b"<html>It works!</html>"), ["not answer in JSON", "<html>"]),
        (Reply(body=b'{"choices": []}'), ["without a chat completion"]),
        (Reply(body=b'{"object": "list", "data": []}'), ["without a chat completion"]),
        (Reply(content="  \n "), ["empty message"]),
        (Reply(body=b"x" * (MAX_ANSWER_BYTES + 1)), ["more than 1,048,576 bytes"]),
    ],
)
def test_every_bad_answer_is_one_error_without_the_key(
    server: ChatServer, reply: Reply, fragments: list[str]
) -> None:
    server.answer(reply)
    error = _failure(Endpoint(server.base_url, key=KEY))
    for fragment in fragments:
        assert fragment in str(error)
    assert str(error).startswith(f"the language model at {server.base_url}/chat/completions")
    assert not error.unreachable
    assert len(server.requests) == 1


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_not_followed_with_the_key(server: ChatServer, status: int) -> None:
    elsewhere = server.base_url.replace("/v1", "/elsewhere")
    server.answer(Reply(status=status, body=b"", headers={"Location": elsewhere}), "Hi Ana.")
    error = _failure(Endpoint(server.base_url, key=KEY))
    assert f"HTTP {status}" in str(error) and "redirects to" in str(error)
    assert [s.path for s in server.requests] == ["/v1/chat/completions"]


def test_a_closed_port_is_connection_refused() -> None:
    error = _failure(Endpoint(f"http://127.0.0.1:{closed_port()}/v1", key=KEY))
    assert "connection refused" in str(error)
    assert error.unreachable


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("ftp://localhost/v1", "not an http or https URL"),
        ("localhost:11434/v1", "not an http or https URL"),
        ("http:///v1", "not an http or https URL"),
        ("http://localhost:port/v1", "port that is not a number"),
    ],
)
def test_only_http_and_https_urls(url: str, fragment: str) -> None:
    with pytest.raises(LlmError, match=fragment):
        endpoint_url(url)


def test_a_password_in_the_url_is_never_shown(server: ChatServer) -> None:
    server.answer(Reply(status=500, body=b"{}"))
    url = server.base_url.replace("127.0.0.1", "me:hunter2@127.0.0.1") + "?token=abc"
    with pytest.raises(LlmError) as caught:
        chat(Endpoint(url), ASK)
    assert "hunter2" not in str(caught.value)
    assert "token" not in str(caught.value)
    assert shown_url("https://me:pw@api.example.org:8443/v1?k=1#x") == (
        "https://api.example.org:8443/v1"
    )


def test_a_key_that_cannot_be_a_header_is_refused_unsent(server: ChatServer) -> None:
    with pytest.raises(LlmError) as caught:
        chat(Endpoint(server.base_url, key=f"{KEY}\nX-Other: 1"), ASK)
    assert KEY not in str(caught.value)
    assert "line break" in str(caught.value)
    assert server.requests == []


def test_a_key_is_never_sent_over_plain_http_to_another_machine() -> None:
    # Refused before any connection is tried: the host is never looked up.
    error = _failure(Endpoint("http://llm.example.org/v1", key=KEY))
    assert "unencrypted" in str(error)
    assert "https" in str(error)
