"""A small client for any OpenAI-compatible chat endpoint (Ollama, llama.cpp, vLLM, hosted).

One request: ``POST {base}/chat/completions`` with ``{"model", "messages", "temperature"}``
and, only when a key is set, ``Authorization: Bearer KEY``. Standard library only
(urllib), so the backend costs no dependency. Redirects are not followed: urllib would
carry the Authorization header to wherever the redirect points.

Every failure is an :class:`LlmError` with a message that says what to do and never holds
the key: it is taken out of anything the server sends back before that is quoted.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from followup import __version__

#: The path of the chat API under the base URL (``http://localhost:11434/v1``).
CHAT_PATH = "/chat/completions"
#: The most bytes read from an answer: a draft is a few kilobytes; a server that sends
#: more is not answering a chat request.
MAX_ANSWER_BYTES = 1 << 20
#: How much of a server's error message is quoted.
QUOTED_CHARS = 200


class LlmError(Exception):
    """The model gave no usable answer.

    ``unreachable``: no answer came at all (no server, a timeout), so asking again at once
    is pointless.
    """

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where to ask and how: the chat URL, the model, the key (never shown), the timeout."""

    url: str
    model: str = ""
    key: str | None = field(default=None, repr=False)
    #: Seconds for the whole request, connection to last byte.
    timeout: float = 20.0


def shown_url(url: str) -> str:
    """The URL as messages show it: without a user, password, query or fragment."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return urllib.parse.urlunsplit((parts.scheme, host + port, parts.path, "", ""))


def endpoint_url(base_url: str) -> str:
    """The chat-completions URL for a base URL (or one that already ends in that path).

    LlmError unless it is an http or https URL with a host.
    """
    url = base_url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise LlmError(
            f"{shown_url(url) or 'the URL'} is not an http or https URL; use the server's "
            "base URL, such as http://localhost:11434/v1 (Ollama)."
        )
    try:
        parts.port  # noqa: B018 -- parsing the port is the check
    except ValueError:
        raise LlmError(f"{shown_url(url)} has a port that is not a number.") from None
    path = parts.path.rstrip("/")
    if not path.endswith(CHAT_PATH):
        path += CHAT_PATH
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def chat(endpoint: Endpoint, messages: list[dict[str, str]], *, temperature: float = 0.3) -> str:
    """The model's answer to ``messages``: the first choice's text, as sent.

    LlmError for no server, a timeout, an HTTP error, a body that is not JSON or too big,
    no choices, or an empty answer.
    """
    url = endpoint_url(endpoint.url)
    where = shown_url(url)
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": f"followup/{__version__}",
    }
    if endpoint.key:
        headers["Authorization"] = f"Bearer {_usable_key(endpoint.key, url)}"
    payload = {"model": endpoint.model, "messages": messages, "temperature": temperature}
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    raw = _post(url, body, headers, endpoint.timeout, where, endpoint.key)
    return _content(raw, where, endpoint.key)


def _usable_key(key: str, url: str) -> str:
    """The key, if it can go in a header and will not travel in the clear to another host."""
    if not key.isascii() or not key.isprintable() or any(c.isspace() for c in key):
        # http.client would put the whole header value in its error message.
        raise LlmError(
            "the API key has a space, a line break or a non-ASCII character; "
            "set FOLLOWUP_LLM_API_KEY to the key alone."
        )
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() == "http" and not _loopback(parts.hostname or ""):
        raise LlmError(
            f"{shown_url(url)} is plain http to another machine: the API key would "
            "travel unencrypted. Use https, or a server on this machine."
        )
    return key


def _loopback(host: str) -> bool:
    """Whether ``host`` is this machine (where plain http carries the key nowhere)."""
    return host.lower() in ("localhost", "::1") or host.startswith("127.")


def _post(
    url: str, body: bytes, headers: dict[str, str], timeout: float, where: str, key: str | None
) -> bytes:
    """The answer's body; LlmError for anything but a 2xx answer read in time."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            return _read(response, deadline, where, timeout)
    except LlmError:
        raise
    except urllib.error.HTTPError as exc:
        raise LlmError(_status_message(exc, where, key)) from None
    except urllib.error.URLError as exc:
        raise _unreachable(exc.reason, where, timeout) from None
    except (OSError, ValueError) as exc:  # TimeoutError, a reset connection, a bad URL
        raise _unreachable(exc, where, timeout) from None
    except Exception as exc:  # http.client's protocol errors: a server that is not HTTP
        raise LlmError(
            f"the language model at {where} did not answer in HTTP ({type(exc).__name__})."
        ) from None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects become HTTP errors: following one would send the key to another address."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _read(response: Any, deadline: float, where: str, timeout: float) -> bytes:
    """The body, in chunks, within the deadline and the size limit."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise LlmError(_late(where, timeout), unreachable=True)
        chunk = response.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise LlmError(
                f"the language model at {where} sent more than {MAX_ANSWER_BYTES:,} bytes; "
                "a chat answer is a few kilobytes."
            )
        chunks.append(chunk)


def _late(where: str, timeout: float) -> str:
    return (
        f"the language model at {where} did not answer within {timeout:g} s; "
        "raise llm_timeout for a slow model."
    )


def _unreachable(reason: object, where: str, timeout: float) -> LlmError:
    """A connection that failed or timed out, said plainly."""
    if isinstance(reason, TimeoutError):
        return LlmError(_late(where, timeout), unreachable=True)
    if isinstance(reason, ConnectionRefusedError):
        return LlmError(
            f"cannot reach the language model at {where}: connection refused. "
            "Is the server running, and is llm_url right?",
            unreachable=True,
        )
    if isinstance(reason, socket.gaierror):
        return LlmError(
            f"cannot reach the language model at {where}: the host name is unknown.",
            unreachable=True,
        )
    what = getattr(reason, "strerror", None) or type(reason).__name__
    return LlmError(f"cannot reach the language model at {where}: {what}.", unreachable=True)


def _status_message(exc: Any, where: str, key: str | None) -> str:
    """An HTTP error status, with the server's own reason when it gave one."""
    status = int(exc.code)
    try:
        detail = _quoted(exc.read(16 * 1024), key)
    except Exception:  # the error body is a courtesy; its absence is no second error
        detail = ""
    said = f" ({detail})" if detail else ""
    if status in (401, 403):
        hint = "check the API key (FOLLOWUP_LLM_API_KEY or the OS keyring)."
    elif status == 404:
        hint = "check llm_url (the base URL, such as http://localhost:11434/v1) and llm_model."
    elif 300 <= status < 400:
        hint = "set llm_url to the address it redirects to."
    else:
        hint = "the server's log may say more."
    return f"the language model at {where} answered HTTP {status}{said}; {hint}"


def _quoted(raw: bytes, key: str | None) -> str:
    """A server's error message, short, on one line, with the key taken out."""
    text = raw.decode("utf-8", "replace")
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        error = data.get("error", data.get("message", ""))
        if isinstance(error, dict):
            error = error.get("message", "")
        text = error if isinstance(error, str) else ""
    return _redact(" ".join(text.split())[:QUOTED_CHARS], key)


def _redact(text: str, key: str | None) -> str:
    """``text`` with the key (and any long piece of it) replaced by asterisks."""
    if not key:
        return text
    text = text.replace(key, "********")
    # A server may quote part of the key; any 8 characters of it in a row are enough.
    for start in range(0, max(0, len(key) - 7)):
        piece = key[start : start + 8]
        if piece in text:
            text = text.replace(piece, "****")
    return text


def _content(raw: bytes, where: str, key: str | None) -> str:
    """The first choice's message text from a chat-completions body."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        start = _redact(" ".join(raw[:60].decode("utf-8", "replace").split()), key)
        raise LlmError(
            f"the language model at {where} did not answer in JSON (it began {start!r}); "
            "is llm_url an OpenAI-compatible endpoint?"
        ) from None
    choices = data.get("choices") if isinstance(data, dict) else None
    first = choices[0] if isinstance(choices, list) and choices else None
    message = first.get("message") if isinstance(first, dict) else None
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str):
        raise LlmError(
            f"the language model at {where} answered without a chat completion "
            "(no choices[0].message.content)."
        )
    if not content.strip():
        raise LlmError(f"the language model at {where} answered with an empty message.")
    return content
