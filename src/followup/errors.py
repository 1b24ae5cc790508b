"""The errors every layer raises, and the exit status each one maps to.

Errors are part of the interface: each carries a message that says what went wrong and
what to do next. The CLI turns them into a message on stderr and an exit status; it
prints a traceback only with ``--debug``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit statuses shared by every command."""

    OK = 0
    FINDINGS = 1
    BAD_INPUT = 2
    STORAGE = 3
    CONFIG = 4
    #: A mail server (SMTP or IMAP) could not be reached, refused the login or the message.
    MAIL = 5
    #: A defect of followup itself (sysexits' EX_SOFTWARE): never 1, which `check` uses for
    #: "an error in the draft", so a script can tell a crash from a finding.
    INTERNAL = 70
    INTERRUPTED = 130


class FollowupError(Exception):
    """Base class: a failure the user can act on."""

    status: ExitStatus = ExitStatus.BAD_INPUT

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} {self.fix}" if self.fix else self.message


class InputError(FollowupError):
    """Bad input: names the field, says how to fix it. Exit status 2."""

    status = ExitStatus.BAD_INPUT

    def __init__(self, field: str, problem: str, *, fix: str | None = None) -> None:
        super().__init__(f"{field}: {problem}", fix=fix)
        self.field = field
        self.problem = problem


class NotFoundError(InputError):
    """An ID that names nothing. Exit status 2."""

    def __init__(self, what: str, ident: object, *, fix: str | None = None) -> None:
        super().__init__(
            what,
            f"no {what} with ID {ident}.",
            fix=fix or "Run `followup list` to see the IDs.",
        )


class StorageError(FollowupError):
    """The database cannot be opened, read or written. Exit status 3."""

    status = ExitStatus.STORAGE


class ConfigError(FollowupError):
    """A setting or the config file is wrong. Exit status 4."""

    status = ExitStatus.CONFIG


class MailError(FollowupError):
    """A mail server failed: it cannot be reached, refused the login or the message. Exit 5.

    ``server`` is "SMTP" or "IMAP"; ``stage`` what was being done ("connect", "tls",
    "login", "send", "folder", "search", "fetch", "append"); ``permanent`` is true when
    trying again cannot help (a recipient the server refuses with a 5xx code), false when
    it can (the network, a 4xx code, a timeout). ``uncertain`` is true when the server may
    have taken the message anyway (the connection dropped after the data went out): the
    outbox must not send it again before it has looked in the Sent folder.
    """

    status = ExitStatus.MAIL

    def __init__(
        self,
        server: str,
        stage: str,
        reason: str,
        *,
        fix: str | None = None,
        permanent: bool = False,
        uncertain: bool = False,
    ) -> None:
        super().__init__(f"{server} ({stage}): {reason}", fix=fix)
        self.server = server
        self.stage = stage
        self.reason = reason
        self.permanent = permanent
        self.uncertain = uncertain
