"""Opening a database: the URL, the engine, the schema revision, migrations and backups."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from followup.adapters.store.revision import hide_password
from followup.adapters.store.revision import normalize_url as normalize_url
from followup.adapters.store.schema import HEAD_REVISION, KNOWN_REVISIONS
from followup.errors import StorageError

MIGRATIONS = Path(__file__).with_name("migrations")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None (PostgreSQL, or SQLite in memory)."""
    parsed = sa.engine.make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def create_engine(url: str) -> Engine:
    """An engine with the settings followup relies on (SQLite: WAL, foreign keys on)."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise StorageError(
            f"database URL {url!r} is not a URL.",
            fix="Use a path to a SQLite file or postgresql://user@host/dbname.",
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            if path.is_dir():
                raise StorageError(f"database {path} is a directory.", fix="Give a file path.")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(
                    f"cannot create the directory {path.parent} for the database: "
                    f"{exc.strerror or exc}.",
                    fix="Choose a writable place with --db or FOLLOWUP_DATABASE_URL.",
                ) from None
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if backend == "postgresql":
        try:
            return sa.create_engine(url, pool_pre_ping=True)
        except ModuleNotFoundError:
            raise StorageError(
                "PostgreSQL needs the psycopg driver.",
                fix="Install it with: pip install 'followup[postgres]'.",
            ) from None
    raise StorageError(
        f"database type {backend!r} is not supported.",
        fix="Use SQLite (a file path) or PostgreSQL (postgresql://...).",
    )


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()
    # SQLite's own lower() folds ASCII only ("ÉCOLE" stays "École"); PostgreSQL's folds every
    # letter. Case-insensitive lookups (company, role, contact) must agree on both.
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)


def _lower(value: object) -> str | None:
    return None if value is None else str(value).lower()


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision; None for an empty database.

    Raises StorageError when the file is not a database, holds other tables, or cannot be
    reached.
    """
    with storage_errors(hide_password(str(engine.url))), engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names())
        if "alembic_version" not in names:
            if names:
                raise StorageError(
                    f"{hide_password(str(engine.url))} holds tables that are not followup's "
                    f"({', '.join(sorted(names)[:5])}).",
                    fix="Point --db at a new file or an empty database.",
                )
            return None
        row = conn.execute(sa.text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def ensure_schema(
    engine: Engine, *, backup_dir: Path | None, now: datetime, explicit: bool = False
) -> str | None:
    """Bring the database to the head revision; return the backup's path if one was made.

    An empty database is created at head. An older SQLite database is copied to
    ``backup_dir`` first, then upgraded; an older PostgreSQL database is left alone unless
    ``explicit`` (an operator ran ``followup db upgrade`` after a pg_dump): several workers
    must not race to migrate.
    """
    revision = current_revision(engine)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StorageError(
            f"the database is at schema revision {revision}, which this followup does not "
            f"know (it knows up to {HEAD_REVISION}): most likely a newer followup wrote it.",
            fix="Upgrade followup (pip install -U followup) before using this database.",
        )
    if engine.dialect.name == "sqlite":
        # WAL is a property of the file, kept once set. It is set here, once the file is
        # known to be followup's, not on connect: another program's database keeps its mode.
        with storage_errors(hide_password(str(engine.url))), engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode = WAL")
    if revision == HEAD_REVISION:
        return None
    backup = None
    if revision is not None:
        path = sqlite_path(str(engine.url))
        if path is None and engine.dialect.name != "sqlite" and not explicit:
            raise StorageError(
                f"the database is at schema revision {revision}; "
                f"this followup needs {HEAD_REVISION}.",
                fix="Back it up (pg_dump), then run `followup db upgrade`.",
            )
        if path is not None:
            backup = backup_sqlite(path, backup_dir or path.parent, revision, now)
    upgrade(engine)
    return str(backup) if backup else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations up to ``revision`` in one transaction: all or nothing.

    On SQLite, foreign keys are off while the migrations run: Alembic's batch mode rebuilds
    a table by copying it and dropping the original, and with foreign keys on, that DROP
    deletes every child row (ON DELETE CASCADE). A reference left dangling at the end rolls
    the whole upgrade back instead.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    where = hide_password(str(engine.url))
    with storage_errors(where), engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            raw = conn.connection.driver_connection
            assert raw is not None
            # pysqlite runs DDL outside any transaction unless we BEGIN ourselves; and the
            # foreign_keys pragma is ignored inside a transaction, so it goes first.
            raw.isolation_level = None
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                if sqlite:
                    # IMMEDIATE: a second process opening the same file waits here.
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                else:
                    # Several workers may start at once: one migrates, the others wait.
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(7265734)"))
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StorageError(
                        f"migrating {where} to revision {revision} would leave references "
                        "to missing rows; nothing was changed.",
                        fix="Report this as a bug in followup, with the database's revision.",
                    )
        finally:
            if sqlite:
                # Its pragmas were changed for the migration: the pool must not hand it out.
                conn.invalidate()


def backup_sqlite(path: Path, directory: Path, revision: str, now: datetime) -> Path:
    """Copy a SQLite database with the online backup API, before a migration touches it."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%S")
    target = directory / f"{path.stem}.rev{revision}.{stamp}.bak.db"
    partial = target.with_suffix(".partial")
    with sqlite3.connect(path) as source, sqlite3.connect(partial) as copy:
        source.backup(copy)
    copy.close()
    source.close()
    shutil.move(partial, target)
    return target


class storage_errors:
    """Turn driver errors into StorageError naming the database and the way out."""

    def __init__(self, where: str, on_error: Callable[[], None] | None = None) -> None:
        self.where = where
        self.on_error = on_error

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, _tb: object
    ) -> Literal[False]:
        if exc is None or not isinstance(exc, sa.exc.DBAPIError | sqlite3.DatabaseError):
            return False
        if self.on_error:
            self.on_error()
        detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        if "file is not a database" in detail or "file is encrypted" in detail:
            raise StorageError(
                f"{self.where} is not a SQLite database ({detail}).",
                fix="Point --db at a followup database, or at a new file to start one.",
            ) from None
        if "readonly database" in detail or "unable to open database file" in detail:
            raise StorageError(
                f"cannot write the database {self.where} ({detail}).",
                fix="SQLite needs to write the file and its directory, even to read "
                "(its write-ahead log lives beside it): check their permissions, or copy "
                "the file somewhere writable and point --db at the copy.",
            ) from None
        if isinstance(exc, sa.exc.OperationalError):
            raise StorageError(
                f"cannot use the database {self.where}: {detail}.",
                fix="Check the path or URL (--db, FOLLOWUP_DATABASE_URL) and that the server runs.",
            ) from None
        if isinstance(exc, sa.exc.IntegrityError):
            raise StorageError(f"the database {self.where} refused the change: {detail}.") from None
        raise StorageError(f"the database {self.where} reported an error: {detail}.") from None
