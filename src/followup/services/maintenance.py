"""Database maintenance: status and explicit upgrades."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from followup.services.context import AppContext


def database_status(ctx: AppContext) -> dict[str, Any]:
    """The database in use, its revision and the revision this code expects."""
    from followup.adapters.store.database import create_engine, current_revision, describe
    from followup.adapters.store.schema import HEAD_REVISION, KNOWN_REVISIONS

    url = ctx.database_url
    engine = create_engine(url)
    try:
        revision = current_revision(engine)
    finally:
        engine.dispose()
    if revision is None:
        state = "empty"
    elif revision == HEAD_REVISION:
        state = "current"
    elif revision in KNOWN_REVISIONS:
        state = "needs upgrade"
    else:
        state = "newer than this followup"
    return {"database": describe(url), "revision": revision, "head": HEAD_REVISION, "state": state}


def upgrade_database(ctx: AppContext) -> tuple[str | None, str | None]:
    """Upgrade to head (SQLite: after a backup copy); return (old revision, backup path)."""
    from followup.adapters.store.database import (
        backup_sqlite,
        create_engine,
        current_revision,
        sqlite_path,
        upgrade,
    )
    from followup.adapters.store.schema import HEAD_REVISION, KNOWN_REVISIONS
    from followup.errors import StorageError

    engine = create_engine(ctx.database_url)
    try:
        before = current_revision(engine)
        if before is not None and before not in KNOWN_REVISIONS:
            raise StorageError(
                f"the database is at revision {before}, newer than this followup knows "
                f"({HEAD_REVISION}).",
                fix="Upgrade followup instead.",
            )
        backup = None
        path = sqlite_path(ctx.database_url)
        if before not in (None, HEAD_REVISION) and path is not None:
            backup = str(backup_sqlite(path, Path(ctx.settings["backup_dir"]), before, ctx.clock()))
        upgrade(engine)
    finally:
        engine.dispose()
    return before, backup
