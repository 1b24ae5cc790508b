"""`followup plan`, `due`, `done`, `replied`: the follow-up plan at the command line.

Thin: check the flags, call one use case in :mod:`followup.services.plan` or
:mod:`followup.services.plan_marks` (or the stateless contract in
:mod:`followup.services.plan_context`), print through :mod:`followup.cli.plan_render`.
Only typer and the standard library at module level; the planner, the store and zoneinfo
load inside the commands.

Times are shown on the recipient's clock, with the user's own time beside them when the
zones differ; JSON carries them as ISO 8601 with the recipient's offset.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli.render import MAX_ID, ApplicationId, FormatOption, check_format

if TYPE_CHECKING:
    from followup.services.context import AppContext
    from followup.services.plan import Horizon


def register(app: typer.Typer) -> None:
    """Add the plan commands."""
    app.command("plan")(plan_command)
    app.command("due")(due_command)
    app.command("done")(done_command)
    app.command("replied")(replied_command)


_OptionalId = Annotated[
    int | None,
    typer.Argument(
        help="The application's ID (see `list`); leave it out with --context.",
        min=1,
        max=MAX_ID,
        metavar="[APPLICATION_ID]",
        show_default=False,
    ),
]
_Interview = Annotated[
    int | None,
    typer.Option(
        "--interview",
        help="Only this interview (#N in `show`).",
        min=1,
        max=MAX_ID,
        metavar="N",
        show_default=False,
    ),
]


# plan ------------------------------------------------------------------------------------


def plan_command(
    ctx: typer.Context,
    application_id: _OptionalId = None,
    interview: _Interview = None,
    context_file: Annotated[
        str | None,
        typer.Option(
            "--context",
            help="Plan without the database, from a CONTEXT.json ('-' reads stdin).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help="With --context: plan as of this ISO 8601 time (with its offset).",
            metavar="ISO",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, FormatOption] = "text",
) -> None:
    """An application's whole follow-up timeline, with the reason for every step.

    With --context FILE --now ISO: the stateless plan of a CONTEXT.json (docs/cli.md).
    """
    from followup.cli import plan_render as out
    from followup.errors import InputError

    fmt = check_format(fmt)
    context: AppContext = ctx.obj
    if context_file is not None:
        if application_id is not None:
            raise InputError(
                "--context",
                "plans from a file, not from the database: it does not go with an application ID.",
                fix="Give either APPLICATION_ID or --context FILE.",
            )
        if interview is not None:
            raise InputError("--interview", "does not go with --context.", fix="Leave it out.")
        out.stateless(context, context_file, now, fmt)
        return
    if now is not None:
        raise InputError(
            "--now",
            "only goes with --context: a stored application is planned as of now.",
            fix="Leave --now out, or give --context FILE (FOLLOWUP_NOW pins the clock).",
        )
    if application_id is None:
        raise InputError(
            "APPLICATION_ID",
            "is missing.",
            fix="Give an application ID (see `followup list`), or --context FILE --now ISO.",
        )
    from followup.services.plan import replan

    with context.store.batch():  # a refused --interview leaves the re-plan unwritten
        timeline = replan(context, application_id)
        if interview is not None and interview not in {i.id for i in timeline.interviews}:
            known = ", ".join(f"#{i.id}" for i in timeline.interviews) or "none"
            raise InputError(
                "--interview",
                f"interview #{interview} is not one of application {application_id}'s "
                f"(its interviews: {known}).",
                fix="Interview numbers are the #N in `followup show ID`.",
            )
    items = [i for i in timeline.items if interview is None or i.interview_id == interview]
    if fmt == "json":
        from followup.cli.render import emit_json
        from followup.services import serialize

        emit_json(
            {
                "application": serialize.application(timeline.application),
                "followups": [out.item_json(i) for i in items],
                "closed": timeline.closed or None,
            }
        )
        return
    out.print_timeline(context, timeline, items)


# due -------------------------------------------------------------------------------------


def due_command(
    ctx: typer.Context,
    today: Annotated[bool, typer.Option("--today", help="Everything due by the end of today.")] = (
        False
    ),
    week: Annotated[bool, typer.Option("--week", help="Everything due within 7 days.")] = False,
    fmt: Annotated[str, FormatOption] = "text",
) -> None:
    """What to do now across every application, with the reason for each step."""
    from followup.cli import plan_render as out
    from followup.errors import InputError

    fmt = check_format(fmt)
    if today and week:
        raise InputError("--today", "and --week exclude each other.", fix="Give one of them.")
    from followup.services.plan import due

    context: AppContext = ctx.obj
    horizon: Horizon = "today" if today else "week" if week else None
    found = due(context, horizon)
    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json(out.due_json(found))
        return
    zone = context.profile().timezone
    for t in found.closed:
        a = t.application
        typer.echo(f"Application {a.id} ({a.company} — {a.role}) is now no-response: {t.closed}")
    label = {None: "now", "today": "today", "week": "within a week"}[horizon]
    if not found.items:
        wider = "" if week else " See what is ahead with `followup due --week`."
        typer.echo(f"Nothing is due {label}.{wider}")
        return
    count = len(found.items)
    typer.echo(f"Due {label} ({count} step{'s' if count != 1 else ''}; times on their clock):")
    heading = None
    for d in found.items:
        a, item = d.application, d.item
        where = f"application {a.id}" + (
            f", interview #{item.interview_id}" if item.interview_id else ""
        )
        if (a.id, item.interview_id) != heading:  # consecutive steps of one interview: one heading
            heading = (a.id, item.interview_id)
            typer.echo(f"\n{a.company} — {a.role} ({where})")
        typer.echo(f"- {out.line(item, zone)}")
        typer.echo(f"  {item.reason}")
        hint = out.next_hint(a.id, item)
        if hint is not None:
            typer.echo(f"  {hint[0]}: {hint[1]}")
        typer.echo(f"  Done? {out.done_hint(a.id, item)}")


# done / replied --------------------------------------------------------------------------


def done_command(
    ctx: typer.Context,
    application_id: ApplicationId,
    kind: Annotated[
        str,
        typer.Argument(
            help="thank-you, panel-note, linkedin, check-in, availability-request, call, "
            "close-the-loop, reflection, keep-applying, additional-info, address-concern.",
            metavar="KIND",
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help="Whose step (a name), or all.", metavar="NAME", show_default=False
        ),
    ] = None,
    interview: _Interview = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="When you did it (default now): ISO 8601 or words, e.g. 'yesterday 5pm'.",
            metavar="WHEN",
            show_default=False,
        ),
    ] = None,
    skip: Annotated[bool, typer.Option("--skip", help="You decided not to do it.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Record it even though the plan has no such step.")
    ] = False,
    fmt: Annotated[str, FormatOption] = "text",
) -> None:
    """Record that you did a planned step (or skipped it); the plan follows."""
    from followup.cli import plan_render as out
    from followup.services.plan_marks import mark_done

    fmt = check_format(fmt)
    context: AppContext = ctx.obj
    marked = mark_done(
        context,
        application_id,
        kind,
        to=to,
        interview=interview,
        at=at,
        skip=skip,
        force=force,
    )
    timeline = marked.timeline
    if fmt == "json":
        from followup.cli.render import emit_json
        from followup.services import serialize

        emit_json(
            {
                "application": serialize.application(timeline.application),
                "marked": [out.item_json(i) for i in marked.marked],
                "status": marked.status.value,
                "at": marked.at.isoformat(),
                "forced": marked.forced,
                "followups": [out.item_json(i) for i in timeline.items],
            }
        )
        return
    zone = context.profile().timezone
    a = timeline.application
    verb = marked.status.value
    when = out.mine(marked.at, zone)
    if marked.forced:
        typer.echo(f"Recorded {kind.strip()} as {verb} for {a.company}, {when}, outside the plan.")
    for item in marked.marked:
        who = f" to {item.recipient}" if item.recipient else ""
        typer.echo(f"Marked {verb}: {item.kind.value}{who} ({a.company}), {when}.")
    out.print_next(timeline, zone)


def replied_command(
    ctx: typer.Context,
    application_id: ApplicationId,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="When they replied (default now): ISO 8601 or words.",
            metavar="WHEN",
            show_default=False,
        ),
    ] = None,
    decision_date: Annotated[
        str | None,
        typer.Option(
            "--decision-date",
            help="The new date they promised a decision by, e.g. 2026-12-04 or 'next Friday'.",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, FormatOption] = "text",
) -> None:
    """Record that the employer replied: pending check-ins stop, or follow the new date."""
    from followup.cli import plan_render as out
    from followup.services.plan_marks import replied

    fmt = check_format(fmt)
    context: AppContext = ctx.obj
    result = replied(context, application_id, at=at, decision_date=decision_date)
    timeline = result.timeline
    by_id = {i.id: i for i in timeline.items if i.id is not None}
    cancelled = [by_id[r.id] for r in timeline.changes.cancelled if r.id in by_id]
    planned = [by_id[r.id] for r in timeline.changes.planned if r.id in by_id]
    if fmt == "json":
        from followup.cli.render import emit_json
        from followup.services import serialize

        emit_json(
            {
                "application": serialize.application(timeline.application),
                "reply": serialize.reply(result.reply),
                "reopened": result.reopened,
                "cancelled": [out.item_json(i) for i in cancelled],
                "planned": [out.item_json(i) for i in planned],
                "followups": [out.item_json(i) for i in timeline.items],
            }
        )
        return
    zone = context.profile().timezone
    a = timeline.application
    typer.echo(f"Recorded a reply from {a.company} ({out.mine(result.reply.received_at, zone)}).")
    if result.reply.decision_date:
        typer.echo(f"They will decide by {result.reply.decision_date:%a %d %b %Y}.")
    if result.reopened:
        typer.echo(f"Application {a.id} is open again ({a.status.value}).")
    for note in result.notes:
        typer.echo(note)
    for item in cancelled:
        typer.echo(f"Cancelled: {out.line(item, zone)}")
    for item in planned:
        typer.echo(f"Planned: {out.line(item, zone)}")
    if not cancelled and not planned and not result.notes:
        typer.echo("Nothing pending had to change.")
    out.print_next(timeline, zone)
