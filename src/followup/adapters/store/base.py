"""The store's foundation: the engine, the clock, transactions and shared write helpers."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, RowMapping

from followup.adapters.store.database import storage_errors
from followup.adapters.store.revision import hide_password
from followup.domain.model import Contact
from followup.errors import NotFoundError

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The current time in UTC: the store's clock unless one is given."""
    return datetime.now(UTC)


def new_uid() -> str:
    """A stable identity for a row, kept across export and import."""
    return str(uuid.uuid4())


class StoreBase:
    """Connections and transactions; the entity methods live in the subclasses."""

    def __init__(self, engine: Engine, *, clock: Clock = utcnow) -> None:
        self.engine = engine
        self.clock = clock
        self.where = hide_password(str(engine.url))
        self.backup: str | None = None
        self._batch: Connection | None = None

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: everything inside commits together or not at all.

        Inside :meth:`batch`, it joins the batch's transaction instead.
        """
        if self._batch is not None:
            yield self._batch
            return
        with storage_errors(self.where), self.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                # Take the write lock now, not at the first write: a look-up followed by an
                # insert ("is there an application for Acme? no: add one") must not
                # interleave with another process doing the same.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield conn

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make every store call inside the block one transaction: all of it, or none."""
        if self._batch is not None:
            yield
            return
        with self.transaction() as conn:
            self._batch = conn
            try:
                yield
            finally:
                self._batch = None

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads (the batch's, inside a batch: it sees its writes)."""
        if self._batch is not None:
            yield self._batch
            return
        with storage_errors(self.where), self.engine.connect() as conn:
            yield conn

    def _stamps(self, created: bool = True) -> dict[str, datetime]:
        now = self.clock()
        return {"created_at": now, "updated_at": now} if created else {"updated_at": now}

    def _one(self, table: sa.Table, ident: int, what: str) -> RowMapping:
        """The row with this ID; NotFoundError naming ``what`` otherwise."""
        check_id(what, ident)
        with self.reading() as conn:
            row = conn.execute(sa.select(table).where(table.c.id == ident)).mappings().first()
        if row is None:
            raise NotFoundError(what, ident)
        return row


# Entity -> row -----------------------------------------------------------------------------


def fields_of(
    entity: Any, *, exclude: Sequence[str] = (), rename: dict[str, str] | None = None
) -> dict[str, Any]:
    """An entity's attributes as column values (enums as their value)."""
    out: dict[str, Any] = {}
    for name in entity.__slots__:
        if name in exclude:
            continue
        value = getattr(entity, name)
        if hasattr(value, "value") and isinstance(value.value, str):
            value = value.value
        out[(rename or {}).get(name, name)] = value
    return out


#: IDs are 32-bit integers on PostgreSQL; a larger one names nothing on either database.
MAX_ID = 2**31 - 1


def check_id(what: str, ident: int | None) -> None:
    """NotFoundError for an ID no row can have (SQLite would overflow, PostgreSQL refuse)."""
    if ident is None or not 1 <= ident <= MAX_ID:
        raise NotFoundError(what, ident)


def update_row(
    conn: Connection, table: sa.Table, ident: int | None, values: dict[str, Any], what: str
) -> None:
    check_id(what, ident)
    result = conn.execute(table.update().where(table.c.id == ident).values(**values))
    if result.rowcount == 0:
        raise NotFoundError(what, ident)


def merge_contact(known: Contact, new: Contact) -> Contact:
    """Keep what was known; fill in what the new record adds.

    A time zone given anew replaces the known one: it is typed on purpose
    (``--interviewer "... [Asia/Tokyo]"``) and the planner times this person's follow-ups
    by it, so it must not be dropped silently.
    """
    updates = {
        name: getattr(new, name)
        for name in ("title", "email", "phone", "linkedin", "timezone", "company")
        if getattr(new, name) and (name == "timezone" or not getattr(known, name))
    }
    return replace(known, **updates) if updates else known
