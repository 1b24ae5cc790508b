"""A small chat-completions server on 127.0.0.1 for the language-model tests.

It speaks the part of the OpenAI-compatible API the client uses: ``POST
/v1/chat/completions`` answered with ``{"choices": [{"message": {"content": ...}}]}``.
Each test queues what it should answer (a draft, an HTTP status, raw bytes, a delay);
every request is recorded with its headers and JSON body.
"""

from __future__ import annotations

import json
import socket
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One answer: the assistant's text, or a status with a raw body, after a delay."""

    content: str | None = None
    status: int = 200
    body: bytes | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]
    json: Any


class ChatServer:
    """The server's state: the queued replies and the requests seen."""

    def __init__(self, server: ThreadingHTTPServer, stop: threading.Event) -> None:
        self._server = server
        self._stop = stop
        self.replies: deque[Reply] = deque()
        self.requests: list[Seen] = []

    @property
    def base_url(self) -> str:
        """The base URL a user would configure: ``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def answer(self, *replies: Reply | str) -> None:
        """Queue replies (a string is a draft, answered with status 200)."""
        self.replies.extend(Reply(content=r) if isinstance(r, str) else r for r in replies)

    def wait(self, seconds: float) -> None:
        """Sleep in a handler, cut short when the server stops."""
        self._stop.wait(seconds)


def _handler(state: list[ChatServer]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            chat = state[0]
            size = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(size)
            try:
                data = json.loads(raw)
            except ValueError:
                data = None
            chat.requests.append(Seen(self.path, dict(self.headers.items()), data))
            reply = chat.replies.popleft() if chat.replies else Reply(status=503, body=b"{}")
            chat.wait(reply.delay)
            body = reply.body
            if body is None:
                answer = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion",
                    "model": (data or {}).get("model", ""),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": reply.content},
                            "finish_reason": "stop",
                        }
                    ],
                }
                body = json.dumps(answer).encode("utf-8")
            try:
                self.send_response(reply.status)
                for name, value in {"Content-Type": "application/json", **reply.headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (the timeout tests): nothing to answer

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: pytest shows stderr of failing tests

    return Handler


@contextmanager
def chat_server() -> Iterator[ChatServer]:
    """A running server on a free loopback port, stopped on exit."""
    state: list[ChatServer] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    stop = threading.Event()
    state.append(ChatServer(server, stop))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield state[0]
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
