"""A lossless, table-level backup of the whole database: dump to JSON-safe data, load back.

The backup is generic: it walks :data:`schema.TABLES` (parents before children) and their
columns, so a new column is backed up without touching this module. Its shape::

    {"format": "followup-backup", "version": 1, "schema_revision": "0002",
     "tables": {"profiles": [{"id": 1, "uid": "...", ...}, ...], ...}}

Rows are ordered by primary key; datetimes are ISO 8601 in UTC with the offset, dates
ISO. Nothing in it depends on when it was made, so dump -> load into an empty database ->
dump gives the same text byte for byte. A backup from an older schema revision imports
when the revisions since then only added nullable columns (``ADDED_COLUMNS`` in
backup_check.py).

:func:`load` validates every row before it writes anything, then either *restores* (the
database is empty: every ID is kept) or *merges* (rows whose ``uid`` is already there
are skipped, the others get new IDs and every foreign key is remapped; rows of tables
without a uid follow their parent). The caller runs it inside one transaction, so a
failure or an interruption half-way leaves the database as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from followup.adapters.store.backup_check import (
    FORMAT,
    VERSION,
    BackupRowError,
    check_header,
    show,
    validate_rows,
)
from followup.adapters.store.schema import HEAD_REVISION, TABLES

__all__ = ["FORMAT", "VERSION", "BackupRowError", "LoadResult", "dump", "load", "to_json"]

_CHUNK = 500  # values per IN (...) query: far below every driver's parameter limit
#: Tables whose IDs other tables hold: a merge must learn the new IDs it gives them.
_REFERENCED = frozenset(
    fk.column.table.name
    for table in TABLES
    for column in table.columns
    for fk in column.foreign_keys
)


@dataclass
class LoadResult:
    """What an import did (or, in a dry run, would do), per table."""

    mode: str  # "restore" (empty database, IDs kept) or "merge" (appended, IDs remapped)
    inserted: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, dict[str, int]]:
        """``{table: {"inserted": n, "skipped": m}}`` in backup order."""
        return {
            t.name: {
                "inserted": self.inserted.get(t.name, 0),
                "skipped": self.skipped.get(t.name, 0),
            }
            for t in TABLES
        }


# Dump ---------------------------------------------------------------------------------


def dump(conn: Connection) -> dict[str, Any]:
    """Every row of every table as JSON-safe data (see the module docstring).

    On PostgreSQL the reads share one REPEATABLE READ snapshot when ``conn`` has not begun
    a transaction yet, so a backup taken while others write is still consistent.
    """
    if conn.dialect.name == "postgresql" and not conn.in_transaction():
        conn.execution_options(isolation_level="REPEATABLE READ")
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        query = sa.select(table).order_by(*table.primary_key.columns)
        tables[table.name] = [
            {column.name: _json_value(row[column.name]) for column in table.columns}
            for row in conn.execute(query).mappings()
        ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema_revision": HEAD_REVISION,
        "tables": tables,
    }


def to_json(data: Mapping[str, Any]) -> str:
    """The backup's canonical text: UTF-8 friendly, indented, stable, ending in a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):  # before date: a datetime is a date
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


# Load ---------------------------------------------------------------------------------


def load(conn: Connection, data: Any, *, dry_run: bool = False) -> LoadResult:
    """Validate ``data`` completely, then write it (unless ``dry_run``); see the module doc.

    Run it inside one transaction. Raises InputError (a :class:`BackupRowError` for a bad
    row) before writing anything.
    """
    raw_tables = check_header(data)
    rows = validate_rows(raw_tables)
    empty = all(
        conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first() is None
        for t in TABLES
    )
    if empty:
        result = LoadResult("restore", {t.name: len(rows[t.name]) for t in TABLES})
        if not dry_run:
            for table in TABLES:
                if rows[table.name]:
                    _insert(conn, table, rows[table.name])
            _reset_sequences(conn)
        return result
    return _merge(conn, rows, dry_run=dry_run)


def _insert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows; return their new IDs (in row order) when other tables refer to them.

    The one place an import writes, so a test can interrupt an import half-way.
    """
    if table.name in _REFERENCED and "id" not in rows[0]:
        # One multi-row INSERT ... RETURNING, with the IDs handed back in the rows' order.
        query = table.insert().returning(table.c.id, sort_by_parameter_order=True)
        return [int(ident) for ident in conn.execute(query, rows).scalars()]
    conn.execute(table.insert(), rows)
    return []


def _reset_sequences(conn: Connection) -> None:
    """After inserting explicit IDs on PostgreSQL, move each sequence past the largest."""
    if conn.dialect.name != "postgresql":
        return
    for table in TABLES:
        if "id" not in table.c:
            continue
        following = sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0) + 1).scalar_subquery()
        sequence = sa.func.pg_get_serial_sequence(table.name, "id")
        conn.execute(sa.select(sa.func.setval(sequence, following, False)))


def _existing(conn: Connection, column: sa.Column[Any], values: Iterable[Any]) -> dict[Any, int]:
    """Which of ``values`` the database already holds in ``column``: value -> row ID."""
    wanted = list(dict.fromkeys(values))
    found: dict[Any, int] = {}
    table = column.table
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        query = sa.select(column, table.c.id).where(column.in_(chunk))
        found.update({value: ident for value, ident in conn.execute(query)})
    return found


def _merge(conn: Connection, rows: dict[str, list[dict[str, Any]]], *, dry_run: bool) -> LoadResult:
    """Append to a database that already has data: skip known uids, remap every ID."""
    result = LoadResult("merge")
    id_map: dict[str, dict[int, int]] = {}  # table -> backup ID -> database ID
    inserted: dict[str, set[Any]] = {}  # table -> backup IDs of the rows written
    plans: list[tuple[sa.Table, list[dict[str, Any]], list[dict[str, Any]]]] = []
    for table in TABLES:
        fresh: list[dict[str, Any]] = []
        if "uid" in table.c:
            known = _existing(conn, table.c.uid, (r["uid"] for r in rows[table.name]))
            for row in rows[table.name]:
                if row["uid"] in known:
                    id_map.setdefault(table.name, {})[row["id"]] = known[row["uid"]]
                else:
                    fresh.append(row)
        else:
            owner = _owner(table)
            parent = next(iter(owner.foreign_keys)).column.table.name
            fresh = [r for r in rows[table.name] if r[owner.name] in inserted.get(parent, ())]
        _check_unique(conn, table, rows[table.name], fresh)
        if "id" in table.c:
            inserted[table.name] = {r["id"] for r in fresh}
        result.inserted[table.name] = len(fresh)
        result.skipped[table.name] = len(rows[table.name]) - len(fresh)
        plans.append((table, rows[table.name], fresh))
    if dry_run:
        return result
    for table, _all, fresh in plans:
        if not fresh:
            continue
        remapped = [_remap(table, row, id_map) for row in fresh]
        new_ids = _insert(conn, table, remapped)
        if new_ids:
            id_map.setdefault(table.name, {}).update(
                zip((r["id"] for r in fresh), new_ids, strict=True)
            )
    return result


def _owner(table: sa.Table) -> sa.Column[Any]:
    """The parent a table without a uid follows: its first required foreign key."""
    return next(c for c in table.columns if c.foreign_keys and not c.nullable)


def _remap(
    table: sa.Table, row: dict[str, Any], id_map: dict[str, dict[int, int]]
) -> dict[str, Any]:
    """The row as the database will hold it: no ID of its own, foreign keys translated."""
    out = {name: value for name, value in row.items() if name != "id"}
    for column in table.columns:
        for fk in column.foreign_keys:
            value = row[column.name]
            if value is not None:
                out[column.name] = id_map[fk.column.table.name][value]
    return out


def _check_unique(
    conn: Connection, table: sa.Table, all_rows: list[dict[str, Any]], fresh: list[dict[str, Any]]
) -> None:
    """A row to be appended must not collide with the database on a unique column."""
    number = {id(row): n for n, row in enumerate(all_rows, start=1)}
    for column in table.columns:
        if not column.unique or column.name == "uid":
            continue
        values = [r[column.name] for r in fresh if r[column.name] is not None]
        clashes = _existing(conn, column, values)
        for row in fresh:
            if row[column.name] in clashes:
                raise BackupRowError(
                    table.name,
                    number[id(row)],
                    column.name,
                    f"{show(row[column.name])} is already in the database "
                    f"({table.name} ID {clashes[row[column.name]]}, another record).",
                )
