"""Read-only queries straight through sqlite3, for the commands that only read.

Importing SQLAlchemy costs about 200 ms, half of `followup list`'s budget. A SQLite file
already at the head revision can answer the pipeline's queries with the standard library
alone: the profile, the applications with their latest interviews, and the stored plan
(the pending follow-ups with their recipients, and which applications have a plan at
all). Anything else — PostgreSQL, a missing or foreign file, an older or newer schema,
a file sqlite3 cannot open — gets no reader, and the caller opens the full Store, which
creates, migrates or refuses the database with the proper message. A failure while
reading (a damaged page) is a StorageError, exit status 3, as it is through the Store.

The SQL here mirrors Store.get_profile, Store.followups(profile_id=...), Store.pipeline,
Store.first_pending_followups and Store.planned_applications; tests/test_fastread.py checks
that both give identical results on the same database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from followup.adapters.store.revision import HEAD_REVISION
from followup.adapters.store.rows import (
    PENDING_STATUSES,
    PendingRow,
    pending_entries,
    pipeline_entries,
    to_followup,
    to_profile,
)
from followup.domain.model import Application, FollowUp, Interview, Profile
from followup.errors import StorageError

#: Columns stored by SQLAlchemy's DateTime on SQLite as "YYYY-MM-DD HH:MM:SS.ffffff" (UTC).
_DATETIMES = frozenset(
    {"starts_at", "ends_at", "earliest", "target", "latest", "done_at", "created_at", "updated_at"}
)
_DATES = frozenset({"applied_on", "decision_date"})

_PIPELINE = """
SELECT a.*, latest.n AS n, i.id AS interview_id, i.round, i.format, i.starts_at, i.ends_at,
       i.timezone, i.decision_date, i.location, i.decision_note, i.notes AS interview_notes
FROM applications AS a
LEFT OUTER JOIN (
    SELECT application_id, max(starts_at) AS latest, count(id) AS n
    FROM interviews GROUP BY application_id
) AS latest ON latest.application_id = a.id
LEFT OUTER JOIN interviews AS i ON i.application_id = a.id AND i.starts_at = latest.latest
WHERE a.profile_id = ?
ORDER BY a.id, i.id
"""

_FOLLOWUPS = """
SELECT f.* FROM followups AS f JOIN applications AS a ON a.id = f.application_id
WHERE a.profile_id = ?
ORDER BY f.target IS NULL, f.target, f.id
"""

#: As Store.first_pending_followups. Each "(?, ?, ?)" takes rows.PENDING_STATUSES (a
#: count that differs fails loudly in sqlite3); FOLLOWUP_COLUMNS are checked in the tests.
_FIRST_PENDING = """
SELECT f.id, f.application_id, f.interview_id, f.recipient_id, f.kind, f.channel,
       f.earliest, f.target, f.latest, f.status, f.rule, f.reason, f.done_at, f.number,
       c.name AS recipient_name, c.timezone AS recipient_timezone,
       i.timezone AS interview_timezone
FROM followups AS f
JOIN applications AS a ON a.id = f.application_id
JOIN (
    SELECT application_id, min(target) AS first FROM followups
    WHERE status IN (?, ?, ?) GROUP BY application_id
) AS m ON m.application_id = f.application_id
LEFT OUTER JOIN contacts AS c ON c.id = f.recipient_id
LEFT OUTER JOIN interviews AS i ON i.id = f.interview_id
WHERE a.profile_id = ? AND f.status IN (?, ?, ?) AND (f.target = m.first OR m.first IS NULL)
ORDER BY f.application_id, f.id
"""

_PLANNED = """
SELECT DISTINCT f.application_id FROM followups AS f
JOIN applications AS a ON a.id = f.application_id
WHERE a.profile_id = ?
"""


def _decode(cursor: sqlite3.Cursor, raw: tuple[Any, ...]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for (name, *_), value in zip(cursor.description, raw, strict=True):
        if value is not None and name in _DATETIMES:
            value = datetime.fromisoformat(value).replace(tzinfo=UTC)
        elif value is not None and name in _DATES:
            value = date.fromisoformat(value)
        row[name] = value
    return row


class SqliteReader:
    """The pipeline's reads on a SQLite file at the head revision, without SQLAlchemy."""

    def __init__(self, connection: sqlite3.Connection, where: str) -> None:
        self.connection = connection
        self.where = where

    @classmethod
    def open(cls, url: str) -> SqliteReader | None:
        """A reader for this URL, or None when the full Store must handle it."""
        prefix = "sqlite:///"
        if not url.startswith(prefix) or "?" in url:
            return None
        path = Path(url[len(prefix) :])
        if not path.is_file():
            return None
        try:
            connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30)
        except sqlite3.Error:
            return None
        try:
            found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            found = None
        if found is None or found[0] != HEAD_REVISION:
            connection.close()
            return None
        return cls(connection, url)

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def _rows(self, sql: str, *params: Any) -> Iterator[dict[str, Any]]:
        """Every row, decoded; a sqlite3 failure (a corrupt page, a lock) is a StorageError."""
        try:
            cursor = self.connection.execute(sql, params)
            rows = [_decode(cursor, raw) for raw in cursor]
        except sqlite3.Error as exc:
            detail = str(exc).strip() or type(exc).__name__
            raise StorageError(
                f"cannot read the database {self.where}: {detail}.",
                fix="If the file is damaged, restore a copy from the backup directory "
                "(`followup config show` names it) or recover it with sqlite3's .recover.",
            ) from None
        return iter(rows)

    def get_profile(self, profile_id: int | None = None) -> Profile | None:
        """As Store.get_profile."""
        if profile_id is None:
            rows = self._rows("SELECT * FROM profiles ORDER BY id LIMIT 1")
        else:
            rows = self._rows("SELECT * FROM profiles WHERE id = ?", profile_id)
        row = next(rows, None)
        return None if row is None else to_profile(row)

    def followups(self, *, profile_id: int) -> list[FollowUp]:
        """As Store.followups(profile_id=...)."""
        return [to_followup(row) for row in self._rows(_FOLLOWUPS, profile_id)]

    def pipeline(self, profile_id: int) -> list[tuple[Application, Interview | None, int]]:
        """As Store.pipeline."""
        return pipeline_entries(self._rows(_PIPELINE, profile_id))

    def first_pending_followups(self, profile_id: int) -> list[PendingRow]:
        """As Store.first_pending_followups."""
        statuses = PENDING_STATUSES
        return pending_entries(self._rows(_FIRST_PENDING, *statuses, profile_id, *statuses))

    def planned_applications(self, profile_id: int) -> set[int]:
        """As Store.planned_applications."""
        return {row["application_id"] for row in self._rows(_PLANNED, profile_id)}
