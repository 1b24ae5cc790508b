"""A real SMTP server on 127.0.0.1 for the tests: aiosmtpd in a thread, on a free port.

``smtp_server(...)`` is a context manager; tests use it through module- or
session-scoped fixtures so a server starts once per file. It records every message it
accepts as a :class:`Received` (envelope sender, recipients, raw bytes as they arrived)
and can:

- offer STARTTLS and refuse mail before it (``starttls=True``), or speak TLS from the
  first byte (``implicit_tls=True``), with a certificate for 127.0.0.1 and localhost
  (or ``hostnames``) issued by a throwaway authority from ``trustme``;
- require a login (``user``/``password``; AUTH is offered only over TLS);
- refuse given recipients with a code (``refuse={"gone@example.com": 550}``);
- drop the connection when the message's data arrives (``drop_data=True``);
- call ``on_message(received)`` before answering 250 (a fault-injection test files the
  message into an IMAP Sent folder there, as a real server does); a hook that raises
  makes the server answer 451, and the message is not recorded.

``TestCA`` is the authority: ``trusting_context()`` for a client that trusts it, or
``ca_file`` for ``SSL_CERT_FILE``.
"""

from __future__ import annotations

import ssl
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass(frozen=True)
class Received:
    """One accepted message: the envelope and the bytes of the DATA, CRLF as sent."""

    sender: str
    recipients: tuple[str, ...]
    data: bytes


class TestCA:
    """A certificate authority of the tests' own, and its files on disk."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self) -> None:
        self.ca = trustme.CA()
        self._folder = tempfile.TemporaryDirectory(prefix="followup-ca-")
        self.ca_file = Path(self._folder.name) / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))

    def server_context(self, hostnames: Iterable[str] = ("127.0.0.1", "localhost")) -> Any:
        """A server-side context with a certificate for ``hostnames``."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert(*hostnames).configure_cert(context)
        return context

    def trusting_context(self) -> ssl.SSLContext:
        """A verifying client context that trusts this authority (and no other)."""
        context = ssl.create_default_context()
        self.ca.configure_trust(context)
        return context

    def close(self) -> None:
        """Remove the CA file."""
        self._folder.cleanup()


_REASONS = {550: "5.1.1 No such user here", 451: "4.3.0 Mailbox busy, try again later"}


@dataclass
class _Handler:
    refuse: dict[str, int]
    drop_data: bool
    on_message: Callable[[Received], None] | None
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        code = self.refuse.get(address.lower())
        if code is not None:
            return f"{code} {_REASONS.get(code, 'Refused')}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.drop_data:
            server.transport.abort()  # as a server that crashed mid-message
            return "421 gone"
        received = Received(envelope.mail_from, tuple(envelope.rcpt_tos), envelope.original_content)
        if self.on_message is not None:
            # On the server's thread, before the 250: a client killed meanwhile never
            # hears that the message was taken, as with a real server.
            try:
                self.on_message(received)
            except Exception as exc:  # the hook failed: a temporary failure, not a crash
                return f"451 4.3.0 on_message failed: {type(exc).__name__}"
        self.received.append(received)
        return "250 2.0.0 Queued"


class _Controller(Controller):
    """aiosmtpd's controller on port 0: the port the system chose is read once bound."""

    def factory(self) -> Any:
        # aiosmtpd warns about AUTH without STARTTLS even over implicit TLS, which is TLS.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
            return super().factory()  # type: ignore[no-untyped-call]

    def _trigger_server(self) -> None:
        server: Any = self.server  # an asyncio Server, bound by now
        self.port = server.sockets[0].getsockname()[1]
        super()._trigger_server()  # type: ignore[no-untyped-call]


@dataclass
class SmtpServer:
    """A running server: where it is, what it received, its CA."""

    host: str
    port: int
    ca: TestCA
    handler: _Handler

    @property
    def received(self) -> list[Received]:
        """The messages accepted so far, in order."""
        return self.handler.received

    def clear(self) -> None:
        """Forget what was received (a module-scoped server shared by tests)."""
        self.handler.received.clear()


@contextmanager
def smtp_server(
    *,
    ca: TestCA | None = None,
    starttls: bool = False,
    implicit_tls: bool = False,
    user: str | None = None,
    password: str | None = None,
    refuse: dict[str, int] | None = None,
    drop_data: bool = False,
    hostnames: Iterable[str] = ("127.0.0.1", "localhost"),
    on_message: Callable[[Received], None] | None = None,
) -> Iterator[SmtpServer]:
    """A running server with these options (module docstring), stopped on exit."""
    own_ca = ca is None
    authority = ca if ca is not None else TestCA()
    handler = _Handler({k.lower(): v for k, v in (refuse or {}).items()}, drop_data, on_message)
    kwargs: dict[str, Any] = {"hostname": "127.0.0.1", "port": 0, "server_hostname": "mx.test"}
    context = authority.server_context(hostnames) if starttls or implicit_tls else None
    if implicit_tls:
        kwargs["ssl_context"] = context
    elif starttls:
        kwargs |= {"tls_context": context, "require_starttls": True}
    if user is not None:

        def authenticate(
            server: Any, session: Any, envelope: Any, mechanism: str, data: Any
        ) -> Any:
            good = (
                isinstance(data, LoginPassword)
                and data.login.decode() == user
                and data.password.decode() == password
            )
            return AuthResult(success=good, handled=False)

        # aiosmtpd counts only STARTTLS as TLS: over implicit TLS, AUTH must be allowed.
        kwargs |= {
            "authenticator": authenticate,
            "auth_required": True,
            "auth_require_tls": not implicit_tls,
        }
    controller = _Controller(handler, **kwargs)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", controller.port, authority, handler)
    finally:
        controller.stop()
        if own_ca:
            authority.close()


def server_fixture(name: str, *, scope: str = "module", **options: Any) -> Any:
    """A pytest fixture ``name`` that runs :func:`smtp_server` with ``options`` once per scope.

    In a test module: ``secure = server_fixture("secure", starttls=True, user="ann",
    password="pw")``, then a test takes ``secure: SmtpServer``.
    """

    def run() -> Iterator[SmtpServer]:
        with smtp_server(**options) as server:
            yield server

    return pytest.fixture(run, scope=scope, name=name)  # type: ignore[call-overload]
