"""`followup check`: the draft checker at the command line (a public contract: DESIGN.md).

Thin: check the options, call :mod:`followup.services.check` (or
:mod:`followup.services.check_batch`), print. Only typer and the standard library at
module level: a cold `followup check --format json` never imports Rich or the store; the
text output imports Rich when it prints (:mod:`followup.cli.check_render`).

Exit status: 0 no error-severity finding, 1 at least one (in a batch: on any line, or a
line that could not be checked), 2 bad input with nothing on stdout.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli.render import MAX_ID

if TYPE_CHECKING:
    from followup.services.context import AppContext

_KINDS = "thank-you, check-in, linkedin, panel-note, additional-info, close-the-loop"


def register(app: typer.Typer) -> None:
    """Add the check command."""
    app.command("check")(check_command)


def check_command(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            help="The draft: a UTF-8 text file, or - for stdin. A first line 'Subject: ...' "
            "is its subject.",
            metavar="FILE|-",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help=f"What the draft is: {_KINDS} (thank-you).", metavar="KIND"),
    ] = None,
    context_file: Annotated[
        str | None,
        typer.Option(
            "--context",
            help="The interview as CONTEXT.json (docs/check-context.md).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    interview: Annotated[
        int | None,
        typer.Option(
            "--interview",
            help="The interview as recorded: #N in `list` and `show`.",
            min=1,
            max=MAX_ID,
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    batch: Annotated[
        str | None,
        typer.Option(
            "--batch",
            help="Check every line of a JSON Lines file ('-': stdin); one JSON line out each.",
            metavar="FILE.jsonl",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="Output format: text or json.", metavar="FORMAT"),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            help="With --batch: processes checking at once (default: the CPUs; 1 for stdin).",
            min=1,
            max=64,
            metavar="N",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check a follow-up draft: spelling, names, placeholders, tone, length, timing...

    Marks each problem in the text with why (citing the advice it comes from) and the
    fix, then the score from 0 to 100. Exit status 1 when a finding is an error.
    """
    from followup.errors import InputError

    context: AppContext = ctx.obj
    chosen = (fmt or "text").strip().lower()
    if chosen not in ("text", "json"):
        raise InputError("--format", f"{fmt!r} is not one of: text, json.", fix="Give one.")
    if batch is not None:
        extra = [
            name
            for name, value in (
                ("FILE", file),
                ("--kind", kind),
                ("--context", context_file),
                ("--interview", interview),
            )
            if value is not None
        ]
        if extra:
            raise InputError(
                extra[0],
                "does not go with --batch: each line carries its own text, kind and context.",
                fix="Leave it out.",
            )
        if chosen != "json" and fmt is not None:
            raise InputError("--format", "--batch writes JSON Lines only.", fix="Leave it out.")
        _batch(context, batch, jobs)
        return
    if jobs is not None:
        raise InputError("--jobs", "only goes with --batch.", fix="Leave it out.")
    if file is None:
        raise InputError(
            "FILE", "is missing.", fix="Give a draft file, - for stdin, or --batch FILE.jsonl."
        )
    from followup.services.check import check_draft

    text, report = check_draft(context, file, kind, context_file=context_file, interview=interview)
    if chosen == "json":
        from followup.cli.render import emit_json

        emit_json(report.as_json())  # UTF-8 whatever the locale, as the batch lines
    else:
        from followup.cli.check_render import print_report

        print_report(text, report)
    if report.errors:
        raise typer.Exit(1)


def _batch(context: AppContext, path: str, jobs: int | None) -> None:
    from followup.services.check_batch import run_batch

    summary = run_batch(context, path, jobs=jobs)
    if summary.malformed:
        shown = ", ".join(str(n) for n in summary.first_malformed)
        more = ", ..." if summary.malformed > len(summary.first_malformed) else ""
        sys.stderr.write(
            f"followup: {summary.malformed:,} of {summary.lines:,} lines could not be checked "
            f'(lines {shown}{more}); their answers carry "error".\n'
        )
    if summary.internal:
        sys.stderr.write(
            f"followup: {summary.internal:,} of them met an internal error: please report it.\n"
        )
    if summary.malformed or summary.with_errors:
        raise typer.Exit(1)
