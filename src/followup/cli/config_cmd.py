"""`followup config show`: every setting, its value and where it came from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli.render import FormatOption, check_format

if TYPE_CHECKING:
    from followup.services.context import AppContext

config_app = typer.Typer(help="Settings.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the config commands."""
    app.add_typer(config_app, name="config")


@config_app.command("show")
def show(ctx: typer.Context, fmt: Annotated[str, FormatOption] = "text") -> None:
    """Every setting: its value, where it came from, and what it does."""
    from followup.cli.render import emit_json, table

    fmt = check_format(fmt)
    context: AppContext = ctx.obj
    rows = context.settings.report()
    if fmt == "json":
        emit_json({"config_file": str(context.settings.config_file), "settings": rows})
        return
    table(
        ["Setting", "Value", "Source", "Environment"],
        (
            [r["name"], "" if r["value"] is None else str(r["value"]), r["source"], r["env"]]
            for r in rows
        ),
        max_widths=[20, 60, 60, 28],
    )
    exists = "" if context.settings.config_file.exists() else " (not created yet)"
    typer.echo(f"\nConfig file: {context.settings.config_file}{exists}")
