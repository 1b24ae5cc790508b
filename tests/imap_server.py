"""A real IMAP server (pymap) on 127.0.0.1 for the IMAP tests and the sync benchmark.

``imap_server(...)`` starts pymap's in-memory ``dict`` backend in a subprocess on a free
loopback port, with one user, the folders asked for and their messages, and stops it on
exit. The messages are loaded inside the server process before it listens (this file is
also the launcher: ``python tests/imap_server.py SPOOL PYMAP-ARGS...``), because APPEND
over IMAP takes about 12 s for 10,000 messages and pymap's ``maildir`` backend re-reads
its UID list for every message it fetches (quadratic: minutes for 10,000).

pymap offers STARTTLS (``tls="starttls"``, a trustme certificate for 127.0.0.1) but not
TLS from the first byte, nor SPECIAL-USE flags: ``tls="tls"`` puts a small TLS-terminating
relay in front of the plain port.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

USER = "me@example.com"
PASSWORD = "correct horse battery staple"


@dataclass
class ImapServer:
    """A running server: where it listens, who may log in, and how to trust its certificate."""

    host: str
    port: int
    security: Literal["starttls", "tls", "none"]
    user: str
    password: str
    #: A client context trusting the test certificate authority (None without TLS).
    ssl_context: ssl.SSLContext | None
    #: The trustme CA (None without TLS), e.g. to write a bundle for SSL_CERT_FILE.
    ca: Any = None

    def settings(self, **changes: Any) -> Any:
        """ServerSettings for this server, as a user would configure them."""
        from followup.adapters.mail.server import ServerSettings

        values: dict[str, Any] = {
            "host": self.host,
            "port": self.port,
            "security": self.security,
            "user": self.user,
            "password": self.password,
            "timeout": 10.0,
        }
        values.update(changes)
        return ServerSettings(**values)

    @contextmanager
    def client(self) -> Iterator[Any]:
        """A logged-in IMAPClient, for a test to change the mailbox behind sync's back."""
        from imapclient import IMAPClient

        client = IMAPClient(
            self.host, self.port, ssl=self.security == "tls", ssl_context=self.ssl_context
        )
        try:
            if self.security == "starttls":
                client.starttls(self.ssl_context)
            client.login(self.user, self.password)
            yield client
        finally:
            with suppress(Exception):
                client.logout()

    def append(self, folder: str, *messages: bytes, flags: Sequence[str] = ()) -> None:
        """Deliver messages into a folder (a reply arriving while followup is not looking)."""
        with self.client() as client:
            for message in messages:
                client.append(folder, message, flags=tuple(flags))


def free_port() -> int:
    """A loopback port free right now (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _write_spool(
    folder: Path, folders: Mapping[str, Sequence[bytes]], uidvalidity: Mapping[str, int]
) -> Path:
    """Messages as length-prefixed frames, one file per folder, and a manifest naming them."""
    entries = []
    for index, (name, messages) in enumerate(folders.items()):
        path = folder / f"{index}.frames"
        with path.open("wb") as out:
            for message in messages:
                out.write(b"%d\n" % len(message))
                out.write(message)
        entries.append({"name": name, "file": str(path), "uidvalidity": uidvalidity.get(name)})
    manifest = folder / "manifest.json"
    manifest.write_text(json.dumps(entries), encoding="utf-8")
    return manifest


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], deadline: float) -> None:
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"pymap exited with status {proc.returncode}") from None
            if time.monotonic() > deadline:
                raise TimeoutError(f"pymap did not listen on port {port}") from None
            time.sleep(0.01)


@contextmanager
def imap_server(
    folders: Mapping[str, Sequence[bytes]] | None = None,
    *,
    tls: Literal["starttls", "tls", "none"] = "none",
    uidvalidity: Mapping[str, int] | None = None,
    user: str = USER,
    password: str = PASSWORD,
) -> Iterator[ImapServer]:
    """A running pymap with ``folders`` (default: empty INBOX and Sent), stopped on exit."""
    folders = folders if folders is not None else {"INBOX": [], "Sent": []}
    with tempfile.TemporaryDirectory(prefix="followup-imap-") as tmp:
        tmpdir = Path(tmp)
        manifest = _write_spool(tmpdir, folders, uidvalidity or {})
        port = free_port()
        args = [
            sys.executable,
            str(Path(__file__).resolve()),
            str(manifest),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        ca = client_ctx = None
        if tls == "none":
            args.append("--no-tls")
        else:
            import trustme

            ca = trustme.CA()
            cert = ca.issue_cert("127.0.0.1", "localhost")
            cert.private_key_and_cert_chain_pem.write_to_path(str(tmpdir / "server.pem"))
            client_ctx = ssl.create_default_context()
            ca.configure_trust(client_ctx)
            if tls == "starttls":
                args += ["--cert", str(tmpdir / "server.pem"), "--key", str(tmpdir / "server.pem")]
            else:
                args.append("--no-tls")
        args += ["preloaded", "--demo-user", user, "--demo-password", password]
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        relay = None
        try:
            _wait_for_port(port, proc, time.monotonic() + 60)
            listen = port
            if tls == "tls":
                server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                server_ctx.load_cert_chain(str(tmpdir / "server.pem"))
                relay = _TlsRelay(server_ctx, port)
                listen = relay.port
            yield ImapServer("127.0.0.1", listen, tls, user, password, client_ctx, ca)
        finally:
            if relay is not None:
                relay.close()
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class _TlsRelay:
    """TLS from the first byte on a loopback port, relayed in clear to pymap's plain port."""

    def __init__(self, context: ssl.SSLContext, target: int) -> None:
        self._context = context
        self._target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(10)
            secure = self._context.wrap_socket(conn, server_side=True)
            secure.settimeout(None)
        except (OSError, ssl.SSLError):
            conn.close()  # the client refused the certificate: that is what a test looks at
            return
        plain = socket.create_connection(("127.0.0.1", self._target))
        self._open += [secure, plain]
        threading.Thread(target=self._pump, args=(plain, secure), daemon=True).start()
        self._pump(secure, plain)

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._listener.close()
        for sock in self._open:
            with suppress(OSError):
                sock.close()


def _launch(manifest: str, pymap_args: list[str]) -> None:
    """Run pymap with a ``preloaded`` backend: the dict backend filled from the spool."""
    from datetime import UTC, datetime

    from pymap.backend import backends
    from pymap.backend.dict import DictBackend
    from pymap.main import main
    from pymap.parsing.message import AppendMessage
    from pymap.parsing.specials.flag import Flag
    from pysasl.hashing import Cleartext

    entries = json.loads(Path(manifest).read_text(encoding="utf-8"))
    seen = frozenset({Flag(b"\\Seen")})

    class Preloaded(DictBackend):
        @classmethod
        async def init(cls, args: Any, **overrides: Any) -> Any:
            # Stored in clear: pymap's default PBKDF2 costs ~0.2 s per login, per test.
            return await super().init(args, hash_context=Cleartext(), **overrides)

        async def start(self, stack: Any) -> None:
            when = datetime.now(UTC)
            async with self.login.demo_user_identity.new_session() as session:
                mailboxes = session.mailbox_set
                for entry in entries:
                    if entry["name"].upper() != "INBOX":
                        await mailboxes.add_mailbox(entry["name"])
                    mailbox = await mailboxes.get_mailbox(entry["name"])
                    if entry["uidvalidity"]:
                        # pymap draws it at random; a test that asserts it needs to know it.
                        mailbox._uid_validity = entry["uidvalidity"]
                    data = Path(entry["file"]).read_bytes()
                    pos = 0
                    while pos < len(data):
                        end = data.index(b"\n", pos)
                        size = int(data[pos:end])
                        literal = data[end + 1 : end + 1 + size]
                        pos = end + 1 + size
                        await mailbox.append(AppendMessage(literal, when, seen))

    backends.add("preloaded", Preloaded)
    sys.argv = ["pymap", *pymap_args]
    main()


if __name__ == "__main__":
    # Started by imap_server(): the spool manifest, then pymap's own arguments.
    os.environ.pop("CERT_FILE", None)
    os.environ.pop("KEY_FILE", None)
    _launch(sys.argv[1], sys.argv[2:])
