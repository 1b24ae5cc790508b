"""The mail servers as the settings give them, and `followup mail test`.

A server is configured when its host is set (``FOLLOWUP_SMTP_HOST``, ``FOLLOWUP_IMAP_HOST``
or the config file). The password comes from the environment or the OS keyring only
(settings.py refuses it in the config file) and travels in :class:`ServerSettings`, whose
repr hides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from followup.errors import ConfigError, MailError

if TYPE_CHECKING:
    from followup.adapters.mail.server import ServerSettings
    from followup.services.context import AppContext

Kind = Literal["smtp", "imap"]
_WHAT = {"smtp": "sending mail", "imap": "reading replies"}


def server(ctx: AppContext, kind: Kind) -> ServerSettings | None:
    """The SMTP or IMAP server the settings describe; None when its host is not set."""
    from followup.adapters.mail.server import ServerSettings

    settings = ctx.settings
    host = settings[f"{kind}_host"]
    if not host:
        return None
    return ServerSettings(
        host=host,
        port=settings[f"{kind}_port"],
        security=settings[f"{kind}_security"],
        user=settings[f"{kind}_user"] or None,
        password=settings[f"{kind}_password"],
    )


def need(ctx: AppContext, kind: Kind) -> ServerSettings:
    """The server, or a ConfigError (exit 4) saying which settings to set."""
    found = server(ctx, kind)
    if found is None:
        upper = kind.upper()
        raise ConfigError(
            f"{upper} is not set up, and {_WHAT[kind]} needs it.",
            fix=f"Set FOLLOWUP_{upper}_HOST (and FOLLOWUP_{upper}_USER, FOLLOWUP_{upper}_PASSWORD"
            f"; see docs/delivery.md), then run `followup mail test`.",
        )
    if kind == "imap" and not found.user:
        raise ConfigError(
            "imap_user is not set, and an IMAP server always wants a login.",
            fix="Set FOLLOWUP_IMAP_USER (often your email address) and FOLLOWUP_IMAP_PASSWORD.",
        )
    if found.user and not found.password:
        raise ConfigError(
            f"{kind}_user is set ({found.user}), but no {kind}_password was found in "
            f"FOLLOWUP_{kind.upper()}_PASSWORD or the keyring.",
            fix=f"Set FOLLOWUP_{kind.upper()}_PASSWORD, or store it with "
            f"`keyring set followup {kind}_password`.",
        )
    return found


#: The longest account name the sync state holds (mail_folders.account).
MAX_ACCOUNT = 500


def account(settings: ServerSettings) -> str:
    """The mailbox's name in the sync state: user@host:port (never the password).

    A user name too long for the column is replaced by its SHA-256: still one name per
    mailbox, and the same one at every sync.
    """
    name = f"{settings.user or ''}@{settings.host}:{settings.port}"
    if len(name) <= MAX_ACCOUNT:
        return name
    import hashlib

    digest = hashlib.sha256((settings.user or "").encode()).hexdigest()
    return f"sha256:{digest}@{settings.host}:{settings.port}"


@dataclass(frozen=True, slots=True)
class Tested:
    """One server's test: what it answered, or exactly what failed."""

    kind: Kind
    #: 0 when it worked; else the exit status of what failed (4 not set up, 5 the server).
    status: int
    summary: str
    fix: str | None = None

    @property
    def ok(self) -> bool:
        """True when the server answered and accepted the login."""
        return self.status == 0


def test(ctx: AppContext) -> list[Tested]:
    """Connect to both servers, protect the line, log in; the IMAP folders are found too."""
    from followup.adapters.mail.imap import check_imap
    from followup.adapters.mail.smtp import check_smtp

    results: list[Tested] = []
    for kind in ("smtp", "imap"):
        try:
            settings = need(ctx, kind)
        except ConfigError as exc:
            results.append(Tested(kind, exc.status, exc.message, exc.fix))
            continue
        try:
            if kind == "smtp":
                summary = check_smtp(settings)
            else:
                summary = check_imap(settings, ctx.settings["imap_sent_folder"] or None)
        except MailError as exc:
            # "at login: ...", not "SMTP (login): ..." after the line's own "SMTP:".
            results.append(Tested(kind, exc.status, f"at {exc.stage}: {exc.reason}", exc.fix))
            continue
        results.append(Tested(kind, 0, summary))
    return results
