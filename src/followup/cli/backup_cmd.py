"""`followup export` and `followup import`: the JSON backup, and CSV from job trackers."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup.cli.render import FormatOption, check_format

if TYPE_CHECKING:
    from followup.services.context import AppContext


def register(app: typer.Typer) -> None:
    """Add the export and import commands."""
    app.command("export")(export_command)
    app.command("import")(import_command)


def export_command(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE|-]", help="Where to write the backup (default: standard output)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Write the whole database as a JSON backup; `followup import` reads it back."""
    from followup.services.backup import export_json

    context: AppContext = ctx.obj
    result = export_json(context, file, force=force)
    if result["file"] is not None:
        rows = sum(result["tables"].values())
        typer.echo(f"Exported {rows} rows from {len(result['tables'])} tables to {result['file']}.")


_EXAMPLES = {
    "--map": "company='Company Name'",
    "--status-map": "'Phone Screen=interviewing'",
    "--default": "status=applied",
}


def _pairs(option: str, values: list[str] | None) -> dict[str, str]:
    """``key=value`` options as a dict; a clear error for anything else."""
    from followup.errors import InputError

    pairs: dict[str, str] = {}
    for value in values or []:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise InputError(
                option,
                f"{value!r} is not of the form KEY=VALUE.",
                fix=f"For example: {option} {_EXAMPLES[option]}.",
            )
        pairs[key.strip()] = rest.strip()
    return pairs


def import_command(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE|-", help="A backup (.json) or a tracker export (.csv).")
    ],
    csv: Annotated[
        bool, typer.Option("--csv", help="Read FILE as CSV (default: from its name or content).")
    ] = False,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="FIELD=COLUMN",
            help="CSV: the column that fills a field, e.g. --map company='Employer'. Repeatable.",
        ),
    ] = None,
    status_map: Annotated[
        list[str] | None,
        typer.Option(
            "--status-map",
            metavar="THEIRS=OURS",
            help="CSV: what a tracker status means, e.g. 'Phone Screen=interviewing'.",
        ),
    ] = None,
    default: Annotated[
        list[str] | None,
        typer.Option(
            "--default",
            metavar="FIELD=VALUE",
            help="CSV: a value for empty cells, e.g. status=applied or timezone=Europe/Paris.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and count; write nothing.")
    ] = False,
    output: Annotated[str, FormatOption] = "text",
) -> None:
    """Import a JSON backup (restore or merge) or a job tracker's CSV export.

    Nothing is written unless every row is valid. A backup restores into an empty
    database keeping every ID; into one with data it adds what is not there yet.
    """
    from followup.services.backup import import_file

    output = check_format(output)
    context: AppContext = ctx.obj
    result = import_file(
        context,
        file,
        kind="csv" if csv else None,
        dry_run=dry_run,
        mapping=_pairs("--map", mapping),
        defaults=_pairs("--default", default),
        status_map=_pairs("--status-map", status_map),
    )
    if output == "json":
        from followup.cli.render import emit_json

        emit_json(result)
        return
    _print_summary(result)


def _print_summary(result: dict[str, Any]) -> None:
    from followup.cli.render import table

    if result["dry_run"]:
        head = f"Dry run of {result['file']}: nothing was written. It would import:"
    elif result["kind"] == "json" and result["mode"] == "restore":
        head = f"Restored {result['file']} into an empty database (every ID kept):"
    elif result["kind"] == "json":
        head = f"Merged {result['file']} into the database (known records skipped):"
    else:
        head = f"Imported {result['file']}:"
    typer.echo(head)
    table(
        ["table", "inserted", "skipped"],
        [[name, str(c["inserted"]), str(c["skipped"])] for name, c in result["tables"].items()],
    )
    if result["kind"] == "csv":
        used = ", ".join(f"{field} <- {column!r}" for field, column in result["columns"].items())
        typer.echo(f"Columns: {used}.")
        if result["ignored_columns"]:
            typer.echo(f"Ignored columns: {', '.join(result['ignored_columns'])}.")
        for skip in result["skipped"]:
            typer.echo(
                f"Skipped row {skip['row']} ({skip['company']}, {skip['role']}): {skip['reason']}."
            )
    profiles = result["tables"].get("profiles", {"inserted": 0})["inserted"]
    if result.get("mode") == "merge" and profiles:
        sys.stderr.write(
            "followup: note: the import added a profile; commands use the first one unless "
            "FOLLOWUP_PROFILE names another.\n"
        )
