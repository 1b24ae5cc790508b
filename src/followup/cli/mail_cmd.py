"""`followup send`, `outbox`, `sync`, `watch` and `mail test`: delivery and replies.

Thin: each command calls one use case (services/outbox_schedule.py, outbox.py, sync.py,
mail_config.py) and prints through :mod:`followup.cli.mail_render` (`sync` through
:mod:`followup.cli.sync_render`). Only typer and the standard library at module level:
smtplib, imapclient and the store load inside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli.render import MAX_ID, ApplicationId, FormatOption, check_format

if TYPE_CHECKING:
    from followup.services.context import AppContext
    from followup.services.outbox import SendReport


def register(app: typer.Typer) -> None:
    """Add the delivery commands."""
    from followup.cli.watch_cmd import watch_command

    app.command("send")(send_command)
    app.command("outbox")(outbox_command)
    app.command("sync")(sync_command)
    app.command("watch")(watch_command)
    mail = typer.Typer(help="The mail servers: `followup mail test` checks both.")
    mail.command("test")(mail_test_command)
    app.add_typer(mail, name="mail")


_MessageId = Annotated[
    int | None,
    typer.Option(min=1, max=MAX_ID, metavar="N", show_default=False),
]


def send_command(
    ctx: typer.Context,
    application_id: ApplicationId,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Which step: thank-you, check-in... (default: the "
                     "earliest drafted one).", metavar="KIND", show_default=False),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option("--to", help="Only the draft to this person (full or first name).",
                     metavar="NAME", show_default=False),
    ] = None,
    interview: Annotated[
        int | None,
        typer.Option("--interview", help="Only this interview (#N in `show`).", min=1,
                     max=MAX_ID, metavar="N", show_default=False),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="When to send, on your clock: 'Tue 09:30', 2026-12-11T09:00 "
                     "(default: the step's time, in their office hours).", metavar="WHEN",
                     show_default=False),
    ] = None,
    now: Annotated[
        bool, typer.Option("--now", help="Send at once, whatever the hour where they are.")
    ] = False,
    fmt: Annotated[str, FormatOption] = "text",
) -> None:  # fmt: skip
    """Put the drafts of a step in the outbox, to go out in the recipient's office hours."""
    from followup.cli import mail_render as out
    from followup.services.outbox_schedule import schedule

    fmt = check_format(fmt)
    if now and at is not None:
        raise typer.BadParameter("give --now or --at, not both.", param_hint="--now")
    context: AppContext = ctx.obj
    application, queued = schedule(
        context, application_id, kind=kind, to=to, interview=interview, at=at, immediately=now
    )
    report = None
    if now:
        from followup.services.outbox import send_due

        report = send_due(context, only={q.message.id for q in queued if q.message.id})
    out.scheduled(context, application, queued, report, fmt)
    if report is not None:
        _status(report)


def outbox_command(
    ctx: typer.Context,
    send: Annotated[
        bool, typer.Option("--send", help="Send every message whose time has come, now.")
    ] = False,
    cancel: Annotated[
        int | None, typer.Option("--cancel", help="Take message N out (it is a draft again).",
                                 min=1, max=MAX_ID, metavar="N", show_default=False),
    ] = None,
    retry: Annotated[
        int | None, typer.Option("--retry", help="Schedule failed message N again, for now.",
                                 min=1, max=MAX_ID, metavar="N", show_default=False),
    ] = None,
    everything: Annotated[
        bool,
        typer.Option("--all", help="Every message (default: not those sent over 7 days "
                     "ago, nor failed ones whose step was settled since)."),
    ] = False,
    fmt: Annotated[str, FormatOption] = "text",
) -> None:  # fmt: skip
    """The outbox: what goes out when, what failed and why; send, cancel or retry."""
    from followup.cli import mail_render as out
    from followup.services import outbox_manage as manage

    fmt = check_format(fmt)
    given = [name for name, on in (("--send", send), ("--cancel", cancel is not None),
                                   ("--retry", retry is not None)) if on]  # fmt: skip
    if len(given) > 1:
        # Name an option the user gave (the second), never one they did not.
        raise typer.BadParameter(
            "give only one of --send, --cancel and --retry.", param_hint=given[1]
        )
    context: AppContext = ctx.obj
    if cancel is not None:
        out.changed(context, manage.cancel(context, cancel), "cancel", fmt)
        return
    if retry is not None:
        out.changed(context, manage.retry(context, retry), "retry", fmt)
        return
    if send:
        from followup.services.outbox import send_due

        report = send_due(context)
        out.sent(context, report, fmt)
        _status(report)
        return
    out.listing(context, manage.listing(context, everything=everything), fmt)


def _status(report: SendReport) -> None:
    """Exit 5 when the server failed, refused a message, or one is held: scripts can tell."""
    from followup.errors import ExitStatus

    if report.error is not None:
        raise report.error
    if report.failed or report.held:
        raise typer.Exit(ExitStatus.MAIL)


def sync_command(ctx: typer.Context, fmt: Annotated[str, FormatOption] = "text") -> None:
    """Find the employers' replies in your inbox (IMAP); their pending check-ins stop."""
    from followup.cli import sync_render as out
    from followup.services.sync import sync

    fmt = check_format(fmt)
    context: AppContext = ctx.obj
    with out.progress_bar(fmt) as progress:
        report = sync(context, progress=progress)
    out.synced(context, report, fmt)


def mail_test_command(ctx: typer.Context, fmt: Annotated[str, FormatOption] = "text") -> None:
    """Check that followup can reach your mail servers and log in; nothing is sent."""
    from followup.cli import mail_render as out
    from followup.services.mail_config import test

    fmt = check_format(fmt)
    context: AppContext = ctx.obj
    results = test(context)
    out.tested(results, fmt)
    # A server that failed (5) says more than one that is not set up (4).
    worst = max((r.status for r in results), default=0)
    if worst:
        raise typer.Exit(worst)
