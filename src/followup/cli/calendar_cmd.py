"""`followup calendar export FILE`: the follow-ups still to do, for any calendar app.

Thin: the options go to :func:`followup.services.calendar_export.export` (which checks
them, re-plans and builds the same feed the web app serves); this prints where it went.
Only typer and the standard library at module level (`followup --help` stays fast).

Exit status: 0 written (a calendar with nothing pending is still written, with a note on
stderr); 2 bad input (an unknown application, a negative number, --alarm with --no-alarm,
a path that cannot be written): nothing re-planned, nothing written.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from followup.services.context import AppContext

calendar_app = typer.Typer(
    help="Your follow-ups in your calendar: export them as an .ics file.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the calendar commands."""
    app.add_typer(calendar_app, name="calendar")


@calendar_app.command("export")
def export_command(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(metavar="FILE|-", help="The .ics file to write (replaced); - for stdout."),
    ],
    as_: Annotated[
        str,
        typer.Option(
            "--as",
            metavar="events|todos",
            help="events (every calendar app shows them) or todos (VTODO, for task apps).",
        ),
    ] = "events",
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            metavar="N",
            help="Only steps due within N days (overdue ones too); default: every pending step.",
            show_default=False,
        ),
    ] = None,
    application: Annotated[
        int | None,
        typer.Option(
            "--application",
            metavar="ID",
            help="Only this application's steps (see `list`).",
            show_default=False,
        ),
    ] = None,
    alarm: Annotated[
        int | None,
        typer.Option(
            "--alarm",
            metavar="MINUTES",
            help="Remind you this many minutes before the target time (default 0: at it).",
            show_default=False,
        ),
    ] = None,
    no_alarm: Annotated[bool, typer.Option("--no-alarm", help="No reminders at all.")] = False,
) -> None:
    """Write the pending follow-ups as iCalendar: import it again to update, never duplicate.

    Each step is an item over its window with the reason, the commands to draft it and to
    mark it done, and a reminder at its target. Steps done, skipped or cancelled in the
    last 30 days stay in as cancelled (events) or completed (todos), so a re-import
    clears them from your calendar.
    """
    from followup.errors import InputError
    from followup.services.calendar_export import export

    if no_alarm and alarm is not None:
        # The synopsis offers one or the other: which reminder was meant cannot be guessed.
        raise InputError(
            "--no-alarm",
            "cannot go with --alarm: one asks for a reminder, the other for none.",
            fix="Give --alarm MINUTES for a reminder that many minutes before the target, "
            "or --no-alarm for none, not both.",
        )
    context: AppContext = ctx.obj
    path, made = export(
        context,
        file,
        as_=as_.strip().lower(),
        days=days,
        application=application,
        alarm=None if no_alarm else alarm or 0,
    )
    if path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(made)
        sys.stdout.buffer.flush()
    noun = "to-do" if as_.strip().lower() == "todos" else "event"
    if not made.pending:
        typer.echo(
            "followup: no pending follow-up; the calendar is empty of steps to do.", err=True
        )
    if made.untimed:
        one = made.untimed == 1
        typer.echo(
            f"followup: {made.untimed} pending step{'' if one else 's'} "
            f"{'has' if one else 'have'} no time yet and {'is' if one else 'are'} not in it.",
            err=True,
        )
    if path is not None:
        plural = "s" if made.pending != 1 else ""
        # "6 settled" said nothing to a person: say what they are and why they are there.
        gone = "removes" if noun == "event" else "ticks off"
        settled = (
            f", and {made.finished} done or cancelled that a re-import {gone}"
            if made.finished
            else ""
        )
        typer.echo(f"Wrote {path}: {made.pending} {noun}{plural} to do{settled}.")
