"""What both mail adapters need to reach a server: its settings and a TLS context.

:class:`ServerSettings` is built by the services from the ``smtp_*`` or ``imap_*``
settings (settings.py); the password comes from the environment or the OS keyring,
never the database, and :meth:`ServerSettings.__repr__` never shows it, so a traceback
or a log line cannot leak it.

TLS always verifies the server's certificate and host name against the system's
certificate authorities (``ssl.create_default_context``). A self-hosted server with its
own authority is trusted by pointing OpenSSL at a bundle that includes it
(``SSL_CERT_FILE=/path/to/bundle.pem``), never by turning verification off.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from typing import Literal

#: How the connection is protected: STARTTLS on the plain port, TLS from the first byte,
#: or nothing (only for a server on this machine or a test).
Security = Literal["starttls", "tls", "none"]
SECURITIES: tuple[Security, ...] = ("starttls", "tls", "none")

#: The usual port of each server kind and security.
DEFAULT_PORTS: dict[tuple[str, Security], int] = {
    ("smtp", "starttls"): 587,
    ("smtp", "tls"): 465,
    ("smtp", "none"): 25,
    ("imap", "starttls"): 143,
    ("imap", "tls"): 993,
    ("imap", "none"): 143,
}


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """One SMTP or IMAP server: where it is, how to log in, how the line is protected."""

    host: str
    port: int
    security: Security = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    #: Seconds to wait for the server on connect and on every command.
    timeout: float = 30.0

    def __repr__(self) -> str:
        shown = "********" if self.password else None
        return (
            f"ServerSettings(host={self.host!r}, port={self.port}, security={self.security!r}, "
            f"user={self.user!r}, password={shown!r}, timeout={self.timeout})"
        )

    @property
    def where(self) -> str:
        """host:port, as messages name the server."""
        return f"{self.host}:{self.port}"


def tls_context() -> ssl.SSLContext:
    """A client context that verifies certificates and host names (see the module docstring)."""
    return ssl.create_default_context()
