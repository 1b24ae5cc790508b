"""What an IMAP failure means for the user: a MailError naming the stage and the fix.

The IMAP adapter (:mod:`followup.adapters.mail.imap`) hands every exception it meets to
:func:`mail_error`; the message names the server (host:port), never the password.
"""

from __future__ import annotations

import re
import socket
import ssl

from followup.adapters.mail.server import ServerSettings
from followup.errors import MailError

NETWORK_FIX = "Check the host, the port and the network, then try again."
SECURITY_FIX = "Check FOLLOWUP_IMAP_SECURITY: tls for port 993, starttls for port 143."


#: A bytes repr inside an error's text: "unexpected response: b'220 mx ready'".
_BYTES_REPR = re.compile(r"""\bb(['"])(.*?)(?:\1|$)""")


def text(value: object) -> str:
    """What the server said, as text (imapclient's errors carry bytes or their repr)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return _BYTES_REPR.sub(lambda m: m.group(2), str(value)).strip()


def mail_error(settings: ServerSettings, stage: str, exc: BaseException) -> MailError:
    """The MailError for an exception: what failed, at which stage, and what to do."""
    if isinstance(exc, MailError):
        return exc
    where = settings.where
    fix: str | None = NETWORK_FIX
    if isinstance(exc, socket.gaierror):
        stage, reason = "connect", f"cannot resolve the host name {settings.host!r}."
        fix = "Check FOLLOWUP_IMAP_HOST."
    elif isinstance(exc, ConnectionRefusedError):
        stage, reason = "connect", f"{where} refused the connection."
        fix = "Check FOLLOWUP_IMAP_HOST and FOLLOWUP_IMAP_PORT, and that the server is running."
    elif isinstance(exc, TimeoutError):
        reason = f"{where} did not answer within {settings.timeout:g} s."
    elif isinstance(exc, ssl.SSLCertVerificationError):
        stage, reason = "tls", f"the certificate of {where} is not trusted ({exc.verify_message})."
        fix = (
            "If the server uses its own certificate authority, point SSL_CERT_FILE to a "
            "bundle that includes it."
        )
    elif isinstance(exc, ssl.SSLError):
        stage, reason, fix = "tls", f"TLS with {where} failed ({exc.reason or exc}).", SECURITY_FIX
    elif isinstance(exc, OSError):
        reason = f"the connection to {where} failed ({exc})."
    elif stage == "connect" and text(exc).startswith("unexpected response"):
        # The greeting was no IMAP greeting: another service listens on that port.
        said = text(exc).removeprefix("unexpected response:").strip()
        reason = f"{where} is not an IMAP server (it said: {said})."
        fix = ("Check FOLLOWUP_IMAP_PORT: 993 for TLS, 143 for STARTTLS; 587 and 465 are "
               "SMTP's.")  # fmt: skip
    else:
        reason, fix = f"{where} answered: {text(exc)}", None
    return MailError("IMAP", stage, reason, fix=fix)
