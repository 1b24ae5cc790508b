"""Sending mail over SMTP with the standard library's :mod:`smtplib`.

:class:`SmtpSender` holds one connection for many messages::

    with SmtpSender(settings) as smtp:
        smtp.send(data, sender="sam@example.com", recipients=["dana@acme.com"])

The line is protected as ``settings.security`` says: ``starttls`` (the plain port, then
STARTTLS; a server that does not offer it is refused, so a downgrade can never make the
password or a message travel in clear), ``tls`` (TLS from the first byte, port 465) or
``none`` (a server on this machine). Certificates and host names are always verified
(:func:`followup.adapters.mail.server.tls_context`, or the context a caller passes).

A message goes out all or nothing: when the server refuses the sender or any recipient
the transaction is reset before the data is sent, and the connection stays usable.

Every failure is a :class:`~followup.errors.MailError` naming the stage (``connect``,
``tls``, ``login``, ``send``), what failed (with the server's code and text), and what to
do. ``permanent`` is true only when the server refused this message, its sender or a
recipient with a 5xx code; a failure of the network, TLS, the login or a 4xx code is
not about the message, which can go once the cause is fixed or gone. The password is never
logged, and never in a message: a server's text is scrubbed of it too.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import NoReturn

from followup.adapters.mail.server import ServerSettings, tls_context
from followup.errors import MailError

_LONGEST_TEXT = 300


class SmtpSender:
    """One SMTP connection: opened on ``with`` (connect, TLS, login), closed on exit."""

    def __init__(
        self, settings: ServerSettings, *, ssl_context: ssl.SSLContext | None = None
    ) -> None:
        self.settings = settings
        self._context = ssl_context
        self._smtp: smtplib.SMTP | None = None
        #: What the connection did, for :func:`check_smtp`'s summary.
        self.steps: list[str] = []

    def __enter__(self) -> SmtpSender:
        self.open()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def open(self) -> None:
        """Connect, protect the line and log in; a MailError says which step failed."""
        s = self.settings
        context = self._context or (tls_context() if s.security != "none" else None)
        try:
            with self._guard("connect"):
                # The host goes to the constructor: STARTTLS checks the certificate against
                # it. A fixed EHLO name until the socket is up: smtplib would otherwise look
                # up this machine's name (slow on some networks; it tells the host name).
                if s.security == "tls":
                    self._smtp = smtplib.SMTP_SSL(
                        s.host, s.port, "localhost", timeout=s.timeout, context=context
                    )
                else:
                    self._smtp = smtplib.SMTP(s.host, s.port, "localhost", timeout=s.timeout)
                smtp = self._smtp
                address = smtp.sock.getsockname()[0] if smtp.sock is not None else "127.0.0.1"
                smtp.local_hostname = f"[IPv6:{address}]" if ":" in address else f"[{address}]"
                smtp.ehlo()
            self.steps += [f"{s.where} answered"] + (["TLS"] if s.security == "tls" else [])
            if s.security == "starttls":
                self._starttls(smtp, context)
            if s.user:
                self._login(smtp, s.user)
        except BaseException:
            self.close()
            raise

    def _starttls(self, smtp: smtplib.SMTP, context: ssl.SSLContext | None) -> None:
        where = self.settings.where
        if not smtp.has_extn("starttls"):
            raise self._error(
                "tls",
                f"{where} does not offer STARTTLS: the password and the messages would travel "
                "unencrypted, so followup does not go on.",
                "Use security 'tls' (port 465) if the server has it; 'none' is only for a "
                "server on this machine.",
            )
        with self._guard("tls"):
            code, text = smtp.starttls(context=context)
            if code != 220:
                fix = "Try again later, or use security 'tls' (port 465)."
                raise self._error(
                    "tls", f"{where} refused STARTTLS: {self._reply(code, text)}", fix
                )
            smtp.ehlo()
        self.steps.append("STARTTLS")

    def _login(self, smtp: smtplib.SMTP, user: str) -> None:
        if not smtp.has_extn("auth"):
            raise self._error(
                "login",
                f"{self.settings.where} offers no login (AUTH) on this connection.",
                "Servers offer a login only over TLS: use security 'starttls' or 'tls'; "
                "or leave the user unset if the server needs none.",
            )
        with self._guard("login"):
            smtp.login(user, self.settings.password or "")
        self.steps.append(f"logged in as {user}")

    @property
    def closed(self) -> bool:
        """True once the connection is gone (closed, or lost during a send)."""
        return self._smtp is None

    def send(self, data: bytes, *, sender: str, recipients: Sequence[str]) -> None:
        """Send one message (its bytes, CRLF) to ``recipients``, all of them or none.

        A refused sender or recipient leaves nothing sent and the connection usable; a
        connection lost during the data leaves it unknown whether the server took it.
        """
        smtp = self._smtp
        if smtp is None:
            raise self._error("send", "the connection is closed.", "Open a new one.")
        for role, address in (("sender", sender), *(("recipient", r) for r in recipients)):
            if not _one_address(address):
                # smtplib would read only part of it (parseaddr): the message could go to
                # someone the record does not name. Not a server's fault: the message's.
                raise self._error(
                    "send",
                    f"the {role}'s address {address!r} is not one plain address (it holds a "
                    "line break, a space, a comma, angle brackets or a control character).",
                    "Correct the address in the record (`followup edit`), then retry.",
                    permanent=True,
                )
        # A domain in its IDNA form, as the headers have it: dana@bücher.example needs no
        # SMTPUTF8 (which many servers lack); only a non-ASCII local part does.
        sender, recipients = _idna(sender), [_idna(r) for r in recipients]
        options: list[str] = []
        if not data.isascii() or not all(a.isascii() for a in (sender, *recipients)):
            if not smtp.has_extn("smtputf8"):
                raise self._error(
                    "send",
                    f"{self.settings.where} does not take non-ASCII addresses (no SMTPUTF8).",
                    "Use an address in ASCII (its provider may give one).",
                    permanent=True,
                )
            options = ["SMTPUTF8", "BODY=8BITMIME"]
        in_data = False  # once the data goes out, a lost line leaves the outcome unknown
        try:
            code, text = smtp.mail(sender, options)
            if code == 530:  # "authentication required": the settings, not the message
                smtp.rset()
                wants = f"{self.settings.where} wants a login before it takes mail"
                fix = "Set smtp_user (FOLLOWUP_SMTP_USER) and the password."
                raise self._error("login", f"{wants}: {self._reply(code, text)}", fix)
            if code != 250:
                self._refused(smtp, f"the sender {sender}", code, text)
            for recipient in recipients:
                code, text = smtp.rcpt(recipient)
                if code not in (250, 251):
                    self._refused(smtp, f"the recipient {recipient}", code, text)
            in_data = True
            code, text = smtp.data(data)
        except smtplib.SMTPDataError as exc:
            self._refused(smtp, "the message", exc.smtp_code, exc.smtp_error)
        except OSError as exc:  # smtplib's errors are OSErrors too
            self.close()
            if not in_data:
                raise self._error(
                    "send",
                    f"the connection to {self.settings.where} was lost before the message "
                    f"went out ({_why(exc)}).",
                    "Try again later.",
                ) from None
            raise self._error(
                "send",
                f"the connection to {self.settings.where} was lost while sending "
                f"({_why(exc)}); the server may or may not have taken the message.",
                "Try again later; look in the Sent folder before sending it by hand.",
                uncertain=True,
            ) from None
        if code != 250:
            self._refused(smtp, "the message", code, text)

    def _refused(self, smtp: smtplib.SMTP, what: str, code: int, text: bytes | str) -> NoReturn:
        try:
            smtp.rset()  # nothing of this message stays on the server's side
        except OSError:
            self.close()
        permanent = code >= 500
        fix = "Check the address." if permanent else "The server asks to try again later."
        reason = f"{what} was refused: {self._reply(code, text)}"
        raise self._error("send", reason, fix, permanent=permanent)

    def noop(self) -> None:
        """Ask the server whether it is still there (NOOP)."""
        if self._smtp is None:
            raise self._error("connect", "the connection is closed.", "Open a new one.")
        with self._guard("connect"):
            code, text = self._smtp.noop()
        if code != 250:
            raise self._error("connect", f"NOOP: {self._reply(code, text)}", None)

    def close(self) -> None:
        """Say QUIT when the server still listens, and close the socket."""
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            if smtp.sock is not None:
                smtp.quit()
        except OSError:
            pass  # a server that already hung up: nothing is lost by not saying goodbye
        finally:
            smtp.close()

    # Errors ----------------------------------------------------------------------------

    def _error(
        self,
        stage: str,
        reason: str,
        fix: str | None,
        *,
        permanent: bool = False,
        uncertain: bool = False,
    ) -> MailError:
        reason = _scrub(reason, self.settings.password)
        return MailError("SMTP", stage, reason, fix=fix, permanent=permanent, uncertain=uncertain)

    def _reply(self, code: int, text: bytes | str) -> str:
        """A server's answer as one line (``550 5.1.1 No such user``), scrubbed."""
        shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        shown = " ".join(shown.split())
        if len(shown) > _LONGEST_TEXT:
            shown = shown[:_LONGEST_TEXT] + "…"
        return _scrub(f"{code} {shown}", self.settings.password)

    @contextmanager
    def _guard(self, stage: str) -> Iterator[None]:
        """Turn what the network, TLS or smtplib raise during ``stage`` into a MailError."""
        try:
            yield
        except OSError as exc:  # ssl's and smtplib's errors are OSErrors
            raise self._failure(exc, stage) from None

    def _failure(self, exc: OSError, stage: str) -> MailError:
        s, where = self.settings, self.settings.where
        if isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(
            exc.__context__, TimeoutError
        ):
            exc = exc.__context__  # smtplib reports a read that timed out as a hang-up
        fix = "Check the host, the port and the network, or try again later."
        reason = f"the connection to {where} failed: {_why(exc)}."
        if isinstance(exc, ssl.SSLCertVerificationError):
            stage, detail = "tls", (exc.verify_message or str(exc)).rstrip(".")
            reason = f"the TLS certificate of {where} is not trusted: {detail}."
            fix = ("If the server uses a certificate authority of its own, point SSL_CERT_FILE "
                   "at a bundle that includes it; verification is never turned off.")  # fmt: skip
            if "mismatch" in detail.lower():  # the certificate names another host or IP
                reason = f"the TLS certificate of {where} is not for {s.host!r}: {detail}."
                fix = ("Use the host name the certificate names (your provider's SMTP host), "
                       "not an IP address or an alias.")  # fmt: skip
        elif isinstance(exc, ssl.SSLError):
            stage, reason = "tls", f"the TLS handshake with {where} failed: {_why(exc)}."
            fix = "Check the port and security: 465 is 'tls', 587 'starttls'."
        elif isinstance(exc, socket.gaierror):
            reason = f"the host name {s.host!r} is not known (DNS): {exc.strerror or exc}."
            fix = "Check smtp_host (FOLLOWUP_SMTP_HOST) and the network."
        elif isinstance(exc, ConnectionRefusedError):
            reason = f"the connection to {where} was refused: nothing listens there."
            fix = "Check smtp_port (587 for STARTTLS, 465 for TLS) and that the server runs."
        elif isinstance(exc, TimeoutError):
            reason = f"{where} did not answer within {s.timeout:g} s."
            fix = "Check the host, the port and the network (a firewall?), or try again later."
        elif isinstance(exc, smtplib.SMTPAuthenticationError):
            reply = self._reply(exc.smtp_code, exc.smtp_error)
            stage, reason = "login", f"the login of {s.user!r} was refused: {reply}"
            fix = ("Check the user and the password (FOLLOWUP_SMTP_PASSWORD or the keyring); "
                   "many providers want an app password here.")  # fmt: skip
        elif isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code == -1:
            # smtplib's code for a greeting that is no SMTP reply: another service's port.
            said = self._reply(exc.smtp_code, exc.smtp_error).removeprefix("-1 ")
            reason = f"{where} is not an SMTP server (it said: {said})."
            fix = ("Check smtp_port (FOLLOWUP_SMTP_PORT): 587 for STARTTLS, 465 for TLS; "
                   "993 and 143 are IMAP's.")  # fmt: skip
        elif isinstance(exc, smtplib.SMTPResponseException):
            reason = f"{where} answered {self._reply(exc.smtp_code, exc.smtp_error)}"
            fix = "Try again later."
        elif stage == "login" and type(exc) is smtplib.SMTPException:  # no common method
            reason = f"{where} offers no login method followup knows (CRAM-MD5, PLAIN, LOGIN)."
            fix = "Ask the provider for SMTP with a password login."
        return self._error(stage, reason, fix)


def check_smtp(settings: ServerSettings, *, ssl_context: ssl.SSLContext | None = None) -> str:
    """Connect, protect the line, log in, NOOP and QUIT; one line saying what worked.

    ``"smtp.example.com:587 answered; STARTTLS; logged in as ann"``. A failure is the
    MailError of the step that failed.
    """
    with SmtpSender(settings, ssl_context=ssl_context) as smtp:
        smtp.noop()
        steps = list(smtp.steps)
    if settings.security == "none":
        steps.insert(1, "no encryption")
    if not settings.user:
        steps.append("no login")
    return "; ".join(steps)


def _one_address(address: str) -> bool:
    """Whether ``address`` is one bare address (local@domain) the envelope can carry."""
    local, at, domain = address.rpartition("@")
    if not (local and at and domain):
        return False
    return not any(
        c.isspace() or c in '<>,;"()' or unicodedata.category(c) in ("Cc", "Zl", "Zp")
        for c in address
    )


def _idna(address: str) -> str:
    """``address`` with its domain in ASCII (IDNA); unchanged when that cannot be done."""
    local, at, domain = address.rpartition("@")
    if not at or domain.isascii():
        return address
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return address


def _scrub(text: str, password: str | None) -> str:
    """``text`` without the password, should a server ever echo it."""
    return text.replace(password, "********") if password else text


def _why(exc: BaseException) -> str:
    return " ".join((str(exc).strip() or type(exc).__name__).split())
