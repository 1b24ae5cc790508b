"""`followup db status` and `followup db upgrade`: the schema revision and migrations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli.render import FormatOption, check_format

if TYPE_CHECKING:
    from followup.services.context import AppContext

db_app = typer.Typer(help="The database: schema revision and upgrades.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the db commands."""
    app.add_typer(db_app, name="db")


@db_app.command("status")
def status(ctx: typer.Context, fmt: Annotated[str, FormatOption] = "text") -> None:
    """Which database is in use, its schema revision, and whether it needs an upgrade."""
    from followup.services.maintenance import database_status

    fmt = check_format(fmt)
    context: AppContext = ctx.obj
    report = database_status(context)
    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json(report)
        return
    from followup.cli.render import fields

    fields(
        [
            ("Database", report["database"]),
            ("Revision", report["revision"] or "(empty: created on first use)"),
            ("Code expects", report["head"]),
            ("State", report["state"]),
        ]
    )


@db_app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Migrate the database to this version's schema, after a backup (SQLite).

    PostgreSQL databases are never migrated implicitly: back them up (pg_dump), stop
    the workers, then run this once.
    """
    from followup.services.maintenance import upgrade_database

    context: AppContext = ctx.obj
    before, backup = upgrade_database(context)
    if backup:
        typer.echo(f"Backed up to {backup}")
    typer.echo(f"Database at revision {before or '(empty)'} is now at the current schema.")
