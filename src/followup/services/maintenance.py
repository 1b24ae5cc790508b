"""Database maintenance: status and explicit upgrades."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from followup.services.context import AppContext


def database_status(ctx: AppContext) -> dict[str, Any]:
    """The database in use, its revision and the revision this code expects."""
    from followup.adapters.store.database import create_engine, current_revision
    from followup.adapters.store.revision import hide_password
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
    return {
        "database": hide_password(url),
        "revision": revision,
        "head": HEAD_REVISION,
        "state": state,
    }


def upgrade_database(ctx: AppContext) -> tuple[str | None, str | None]:
    """Upgrade to head (SQLite: after a backup copy); return (old revision, backup path)."""
    from followup.adapters.store.database import create_engine, current_revision, ensure_schema

    engine = create_engine(ctx.database_url)
    try:
        before = current_revision(engine)
        backup = ensure_schema(
            engine, backup_dir=Path(ctx.settings["backup_dir"]), now=ctx.clock(), explicit=True
        )
    finally:
        engine.dispose()
    return before, backup
