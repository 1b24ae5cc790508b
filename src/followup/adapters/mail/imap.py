"""Reading the user's mailbox over IMAP (imapclient): folders, new headers, the Sent folder.

Sync only reads: every folder is opened read-only (EXAMINE) and every body fetched with
``BODY.PEEK``, so no message is ever marked as read. The one write is :meth:`append`
(a sent message's copy into the Sent folder).

Every failure is a :class:`~followup.errors.MailError` saying what failed and what to do;
the password never appears in one. A changed UIDVALIDITY is not a failure: the caller
compares :attr:`FolderState.uidvalidity` with what it stored and starts that folder over.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import socket
import ssl
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any

import imapclient
from imapclient.exceptions import IMAPClientError, LoginError

from followup.adapters.mail.imap_errors import SECURITY_FIX, mail_error, text
from followup.adapters.mail.server import ServerSettings, tls_context
from followup.domain.mail.incoming import message_ids
from followup.errors import MailError

#: Where mail programs keep sent mail, tried in order when no folder is flagged \Sent.
SENT_NAMES = ("Sent", "Sent Items", "Sent Messages", "[Gmail]/Sent Mail", "INBOX.Sent",
              "INBOX/Sent", "Sent Mail")  # fmt: skip


@dataclass(frozen=True, slots=True)
class FolderState:
    """A folder as SELECT reports it: sync is incremental while uidvalidity stays the same."""

    uidvalidity: int
    uidnext: int | None
    exists: int


def pick_sent_folder(
    folders: Sequence[tuple[Sequence[bytes], str]], configured: str | None
) -> str | None:
    r"""The configured folder if it exists, else the one flagged \Sent, else a usual name."""
    names = [name for _, name in folders]
    if configured and configured in names:
        return configured
    for flags, name in folders:
        if any(flag.lower() == b"\\sent" for flag in flags):
            return name
    by_lower = {name.lower(): name for name in names}
    for candidate in SENT_NAMES:
        if candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    return None


class ImapMailbox:
    """One logged-in IMAP connection, as a context manager (logged out on exit)."""

    def __init__(self, settings: ServerSettings, *, ssl_context: ssl.SSLContext | None = None):
        self.settings = settings
        self._ssl_context = ssl_context
        self._client: Any = None
        self._selected: str | None = None

    # -- connection ------------------------------------------------------------------------

    def _fail(self, stage: str, exc: BaseException) -> MailError:
        """The MailError for an exception (see :mod:`followup.adapters.mail.imap_errors`)."""
        return mail_error(self.settings, stage, exc)

    def __enter__(self) -> ImapMailbox:
        s = self.settings
        context = self._ssl_context or tls_context()
        try:
            client = imapclient.IMAPClient(
                s.host, s.port, ssl=s.security == "tls", ssl_context=context, timeout=s.timeout
            )
        except Exception as exc:
            raise self._fail("connect", exc) from None
        self._client = client
        # Commands such as APPEND write in two parts: without TCP_NODELAY each waits out
        # the peer's delayed ACK (about 40 ms a command; 4 ms with it, on loopback).
        with contextlib.suppress(OSError, AttributeError):
            client.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        stage = "tls" if s.security == "starttls" else "login"
        try:
            if s.security == "starttls":
                if b"STARTTLS" not in client.capabilities():
                    raise MailError(
                        "IMAP",
                        "tls",
                        f"{s.where} does not offer STARTTLS.",
                        fix=SECURITY_FIX + " followup never logs in unprotected "
                        "unless FOLLOWUP_IMAP_SECURITY=none.",
                    )
                client.starttls(context)
            stage = "login"
            self._login()
        except BaseException as exc:
            self._close()
            if not isinstance(exc, Exception):
                raise  # Ctrl-C, SystemExit: not a server failure
            raise self._fail(stage, exc) from None
        return self

    def _login(self) -> None:
        s = self.settings
        if not s.user or s.password is None:
            raise MailError(
                "IMAP",
                "login",
                "no user name or password is set.",
                fix="Set FOLLOWUP_IMAP_USER and FOLLOWUP_IMAP_PASSWORD (or the "
                "password in the OS keyring).",
            )
        try:
            self._client.login(s.user, s.password)
        except LoginError as exc:
            said = text(exc).replace(s.password, "********") if s.password else text(exc)
            raise MailError(
                "IMAP",
                "login",
                f"{s.where} refused the login of {s.user!r}: {said}",
                fix="Check FOLLOWUP_IMAP_USER and FOLLOWUP_IMAP_PASSWORD (an "
                "app password if the account uses two-factor login).",
            ) from None

    def _close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:
            with contextlib.suppress(Exception):  # already gone: nothing left to close
                client.shutdown()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._close()

    def _connected(self, stage: str) -> Any:
        if self._client is None:
            raise MailError("IMAP", stage, "not connected (use ImapMailbox as a `with` block).")
        return self._client

    def _call(self, stage: str, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(self._connected(stage), method)(*args, **kwargs)
        except (IMAPClientError, OSError) as exc:
            raise self._fail(stage, exc) from None

    # -- folders ---------------------------------------------------------------------------

    def _listing(self) -> list[tuple[Sequence[bytes], str]]:
        caps = self._call("folder", "capabilities")
        use_xlist = b"XLIST" in caps and b"SPECIAL-USE" not in caps
        rows = self._call("folder", "xlist_folders" if use_xlist else "list_folders")
        return [(tuple(flags), str(name)) for flags, _, name in rows]

    def folders(self) -> list[str]:
        """Every folder's name."""
        return [name for _, name in self._listing()]

    def sent_folder(self, configured: str | None) -> str:
        """Where sent mail is kept (see :func:`pick_sent_folder`); MailError when none is."""
        listing = self._listing()
        found = pick_sent_folder(listing, configured)
        if found is None or (configured and found != configured):
            names = ", ".join(repr(name) for _, name in listing) or "none"
            what = f"no folder named {configured!r}" if configured else "no Sent folder found"
            raise MailError(
                "IMAP",
                "folder",
                f"{what} on {self.settings.where} (folders: {names}).",
                fix="Set FOLLOWUP_IMAP_SENT_FOLDER to the folder that holds your sent mail.",
            )
        return found

    def select(self, folder: str) -> FolderState:
        """Open a folder read-only (EXAMINE) and report its UIDVALIDITY, UIDNEXT and size."""
        self._selected = None
        try:
            info = self._connected("folder").select_folder(folder, readonly=True)
        except IMAPClientError as exc:
            raise MailError(
                "IMAP",
                "folder",
                f"cannot open the folder {folder!r} on {self.settings.where}: {text(exc)}",
                fix="Check the folder name (`followup mail test` lists them).",
            ) from None
        except OSError as exc:
            raise self._fail("folder", exc) from None
        self._selected = folder
        uidnext = info.get(b"UIDNEXT")
        return FolderState(
            int(info.get(b"UIDVALIDITY", 0)),
            int(uidnext) if uidnext is not None else None,
            int(info.get(b"EXISTS", 0)),
        )

    # -- messages --------------------------------------------------------------------------

    def headers_after(
        self, folder: str, after_uid: int, batch: int = 1000
    ) -> Iterator[list[tuple[int, bytes]]]:
        """The header blocks of the messages with UID > after_uid, ``batch`` at a time."""
        state = self.select(folder)
        if state.exists == 0 or (state.uidnext is not None and state.uidnext <= after_uid + 1):
            return  # nothing new: no search at all (the incremental sync's usual case)
        # "UID n:*" also returns the last message when every UID is below n: filter.
        found = self._call("search", "search", ["UID", f"{after_uid + 1}:*"])
        uids = sorted(uid for uid in found if uid > after_uid)
        for start in range(0, len(uids), batch):
            chunk = uids[start : start + batch]
            data = self._call("fetch", "fetch", chunk, ["BODY.PEEK[HEADER]"])
            yield [(uid, data[uid][b"BODY[HEADER]"]) for uid in chunk if uid in data]

    def fetch_full(self, folder: str, uids: Iterable[int]) -> dict[int, bytes]:
        """Whole messages by UID (missing ones left out), never marking them read."""
        wanted = sorted(set(uids))
        if not wanted:
            return {}
        if self._selected != folder:
            self.select(folder)
        data = self._call("fetch", "fetch", wanted, ["BODY.PEEK[]"])
        return {uid: data[uid][b"BODY[]"] for uid in wanted if uid in data}

    def has_message_id(self, folder: str, message_id: str) -> bool:
        """Whether a message with exactly this Message-ID is in the folder."""
        wanted = message_id.strip()
        self.select(folder)  # a fresh look: the message may have been appended a moment ago
        found = self._call("search", "search", ["HEADER", "Message-ID", wanted])
        if not found:
            return False
        # SEARCH HEADER matches substrings (some servers match words): compare what came back.
        data = self._call("fetch", "fetch", found, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
        for item in data.values():
            raw = next((v for k, v in item.items() if k.startswith(b"BODY[HEADER")), b"")
            value = parser.parsebytes(raw or b"").get("Message-ID")
            if message_ids(str(value or "")) == (wanted,):
                return True
        return False

    def append(
        self,
        folder: str,
        data: bytes,
        flags: Sequence[str] = ("\\Seen",),
        when: datetime | None = None,
    ) -> None:
        """Store a message in a folder (a sent message's copy into Sent)."""
        self._call("append", "append", folder, data, flags=tuple(flags), msg_time=when)
        if self._selected == folder:
            self._selected = None  # select again to see it


def check_imap(
    settings: ServerSettings, sent_folder: str | None, *, ssl_context: ssl.SSLContext | None = None
) -> str:
    """Connect, protect, log in, open INBOX and find the Sent folder: a one-line summary."""
    with ImapMailbox(settings, ssl_context=ssl_context) as box:
        inbox = box.select("INBOX")
        sent = box.sent_folder(sent_folder)
    protection = {"tls": "TLS", "starttls": "STARTTLS", "none": "no TLS"}[settings.security]
    return (
        f"IMAP {settings.where} ({protection}): logged in as {settings.user}; "
        f"INBOX has {inbox.exists} messages; sent mail in {sent!r}."
    )
