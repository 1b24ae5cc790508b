"""AppContext: what one invocation needs, passed in rather than reached for.

Settings, the clock, and the store (opened on first use, so commands that never touch
the database never import SQLAlchemy).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from followup.errors import InputError
from followup.settings import Settings

if TYPE_CHECKING:
    from followup.adapters.store.fastread import SqliteReader
    from followup.adapters.store.rows import PendingRow
    from followup.adapters.store.store import Store
    from followup.domain.model import Application, FollowUp, Interview, Profile


class Reads(Protocol):
    """The reads the pipeline needs: the Store, or the SQLAlchemy-free SQLite reader."""

    def get_profile(self, profile_id: int | None = None) -> Profile | None: ...

    def followups(self, *, profile_id: int) -> list[FollowUp]: ...

    def pipeline(self, profile_id: int) -> list[tuple[Application, Interview | None, int]]: ...

    def first_pending_followups(self, profile_id: int) -> list[PendingRow]: ...

    def planned_applications(self, profile_id: int) -> set[int]: ...


def system_clock() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


@dataclass
class AppContext:
    """Everything a use case may touch. One per invocation."""

    settings: Settings
    clock: Callable[[], datetime] = system_clock
    _store: Store | None = field(default=None, repr=False)
    _reader: SqliteReader | None = field(default=None, repr=False)
    _reader_tried: bool = field(default=False, repr=False)

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL of the configured database."""
        from followup.adapters.store.revision import normalize_url

        return normalize_url(str(self.settings["database_url"]))

    @property
    def store(self) -> Store:
        """The store, opened (and created or migrated) on first use."""
        if self._store is None:
            from followup.adapters.store.store import Store

            self._store = Store.open(
                self.database_url,
                clock=self.clock,
                backup_dir=Path(self.settings["backup_dir"]),
            )
        return self._store

    @property
    def reader(self) -> Reads:
        """For read-only commands: the store if open, else a fast SQLite reader if possible.

        The reader skips importing SQLAlchemy (see adapters/store/fastread.py); whenever it
        cannot serve (PostgreSQL, a new, old or foreign file) the full store opens instead.
        """
        if self._store is not None:
            return self._store
        if not self._reader_tried:
            from followup.adapters.store.fastread import SqliteReader

            self._reader_tried = True
            self._reader = SqliteReader.open(self.database_url)
        return self._reader if self._reader is not None else self.store

    def close(self) -> None:
        """Release the database, if it was opened."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def profile(self) -> Profile:
        """The profile this invocation works for; InputError when there is none yet."""
        wanted = self.settings["profile"]
        found = self.reader.get_profile(wanted)
        if found is None:
            if wanted is not None:
                raise InputError(
                    "profile", f"no profile with ID {wanted}.", fix="Check FOLLOWUP_PROFILE."
                )
            raise InputError(
                "profile",
                "there is no profile yet.",
                fix="Run `followup init` first to say who you are.",
            )
        return found


def clock_from_env(value: str | None) -> Callable[[], datetime]:
    """The clock for an invocation: FOLLOWUP_NOW pins "now" for reproducible runs and tests."""
    if not value:
        return system_clock
    try:
        pinned = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            "FOLLOWUP_NOW",
            f"{value!r} is not an ISO 8601 time.",
            fix="Use 2026-03-10T11:05:00-04:00.",
        ) from None
    if pinned.tzinfo is None:
        raise InputError("FOLLOWUP_NOW", "has no UTC offset.", fix="Add one, e.g. +00:00.")
    return lambda: pinned
