"""`followup list`, `followup show`, `followup demo`: the pipeline and one application in full."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup.cli.render import ApplicationId, FormatOption, check_format

if TYPE_CHECKING:
    from followup.domain.nextstep import NextStep
    from followup.services.context import AppContext
    from followup.services.pipeline import ApplicationDetail, PipelineRow


def register(app: typer.Typer) -> None:
    """Add the pipeline commands."""
    app.command("list")(list_command)
    app.command("show")(show_command)
    app.command("demo")(demo_command)


def _when(moment: datetime | None, zone: str, now: datetime) -> str:
    if moment is None:
        return ""
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(zone))
    today = now.astimezone(ZoneInfo(zone)).date()
    days = (local.date() - today).days
    day = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days, f"{local:%a %d %b}")
    return f"{'since ' if moment < now else ''}{day} {local:%H:%M}"


def _due_note(due: str) -> str:
    if not due:
        return ""
    return f" (overdue {due})" if due.startswith("since") else f" (due {due})"


def _step_json(step: NextStep) -> dict[str, Any]:
    return {
        "text": step.text,
        "due": step.due.isoformat() if step.due else None,
        "seed": step.seed,
        "urgent": step.urgent,
    }


def _row_json(row: PipelineRow) -> dict[str, Any]:
    from followup.services import serialize

    latest = row.latest
    return {
        **serialize.application(row.application),
        "interviews": row.interviews,
        "latest_interview": None
        if latest is None
        else {
            "id": latest.id,
            "round": latest.round.value,
            "format": latest.format.value,
            "start": serialize.interview(latest)["start"],
            "decision_date": latest.decision_date.isoformat() if latest.decision_date else None,
        },
        "next_step": _step_json(row.step),
    }


def print_pipeline(ctx: AppContext, rows: list[PipelineRow]) -> None:
    """The pipeline as an aligned table, with the next step and when it is due."""
    from followup.cli.render import table

    if not rows:
        typer.echo("No applications yet. Record an interview with `followup add`.")
        return
    zone, now = ctx.profile().timezone, ctx.clock()
    table(
        ["ID", "Company", "Role", "Interview", "Status", "Next step", "Due"],
        (
            [
                str(r.application.id),
                r.application.company,
                r.application.role,
                f"#{r.latest.id} {r.latest.round.value}" if r.latest else "-",
                r.application.status.value,
                ("! " if r.step.urgent else "") + r.step.text,
                _when(r.step.due, zone, now),
            ]
            for r in rows
        ),
        max_widths=[6, 28, 28, 14, 12, 70, 24],
    )
    active = sum(1 for r in rows if r.application.status.active)
    plural = "application" if len(rows) == 1 else "applications"
    typer.echo(
        f"\n{len(rows)} {plural}, {active} active. "
        "Details: followup show ID; interviews (#N): followup reflect N, followup edit N"
    )


def list_command(
    ctx: typer.Context,
    active: Annotated[bool, typer.Option("--active", help="Only open applications.")] = False,
    fmt: Annotated[str, FormatOption] = "text",
) -> None:
    """The pipeline: every application, its latest round, status and next step."""
    from followup.services.pipeline import pipeline

    fmt = check_format(fmt)
    context: AppContext = ctx.obj
    rows = pipeline(context, active_only=active)
    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json({"applications": [_row_json(r) for r in rows]})
        return
    print_pipeline(context, rows)


def _detail_json(item: ApplicationDetail) -> dict[str, Any]:
    from followup.services import serialize

    return {
        "application": serialize.application(item.application),
        "interviews": [
            {
                **serialize.interview(i),
                "reflection": serialize.reflection(item.reflections.get(i.id or 0)),
            }
            for i in item.interviews
        ],
        "followups": [serialize.followup(f) for f in item.followups],
        "replies": [serialize.reply(r) for r in item.replies],
        "next_step": _step_json(item.step) if item.step else None,
    }


def show_command(
    ctx: typer.Context,
    application_id: ApplicationId,
    fmt: Annotated[str, FormatOption] = "text",
) -> None:
    """One application in full: every interview, interviewer, topic, concern and reflection."""
    from followup.cli.render import emit_json, fields
    from followup.services.pipeline import detail

    fmt = check_format(fmt)
    context: AppContext = ctx.obj
    item = detail(context, application_id)
    if fmt == "json":
        emit_json(_detail_json(item))
        return
    a = item.application
    out = sys.stdout
    out.write(f"{a.company} — {a.role}  [{a.status.value}]  (application {a.id})\n")
    fields(
        [
            ("Industry", a.industry),
            ("Culture", a.culture.value),
            ("Posting", a.posting_url),
            ("Company zone", a.company_timezone),
            ("Country", a.company_country),
            ("Channel", a.preferred_channel.value if a.preferred_channel else None),
            ("Applied", a.applied_on.isoformat() if a.applied_on else None),
            ("Notes", a.notes),
        ]
    )
    for interview in item.interviews:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(interview.timezone)
        start, end = interview.start.astimezone(zone), interview.end.astimezone(zone)
        out.write(
            f"\nInterview #{interview.id}: {interview.round.value} round, "
            f"{interview.format.value}, {start:%a %d %b %Y %H:%M}–{end:%H:%M} "
            f"{interview.timezone}\n"
        )
        people = [
            f"{p.contact.name}"
            + (f", {p.contact.title}" if p.contact.title else "")
            + (f" <{p.contact.email}>" if p.contact.email else "")
            + (f" [{p.contact.timezone}]" if p.contact.timezone else "")
            + (f" — {'; '.join(p.topics)}" if p.topics else "")
            for p in interview.interviewers
        ]
        reflection = item.reflections.get(interview.id or 0)
        fields(
            [
                ("Interviewers", people),
                ("Location", interview.location),
                ("Topics", list(interview.topics)),
                ("Standout", list(interview.standouts)),
                ("Asked", list(interview.questions_asked)),
                (
                    "Concerns",
                    [
                        c.text + (f" => {c.better_answer}" if c.better_answer else "")
                        for c in interview.concerns
                    ],
                ),
                ("Forgot", list(interview.forgotten)),
                ("To ask", list(interview.questions_to_ask)),
                (
                    "Decision",
                    interview.decision_date.isoformat() if interview.decision_date else None,
                ),
                ("Timeline", interview.decision_note),
                ("Notes", interview.notes),
                ("Went well", reflection.went_well if reflection else None),
                ("To improve", reflection.to_improve if reflection else None),
            ]
        )
    if item.step:
        due = _when(item.step.due, context.profile().timezone, context.clock())
        seed = f" (seed {item.step.seed})" if item.step.seed else ""
        out.write(f"\nNext: {item.step.text}{_due_note(due)}{seed}\n")


def demo_command(
    ctx: typer.Context,
    reset: Annotated[bool, typer.Option("--reset", help="Start the demo database afresh.")] = False,
    fmt: Annotated[str, FormatOption] = "text",
) -> None:
    """Show a demo job search: its pipeline and next steps (seeded when the database is empty).

    Uses demo.db in the data directory, never your own database, unless --db is given.
    """
    from followup.services import demo
    from followup.services.pipeline import pipeline

    fmt = check_format(fmt)
    context: AppContext = ctx.obj
    demo.use_demo_database(context, reset=reset)
    seeded = demo.seed_if_empty(context)
    rows = pipeline(context)
    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json({"database": context.store.where, "applications": [_row_json(r) for r in rows]})
        return
    note = f"seeded {seeded} interviews" if seeded else "existing data"
    typer.echo(
        f"Demo job search of {context.profile().name} ({note}; database {context.store.where})\n"
    )
    print_pipeline(context, rows)
    urgent = [r for r in rows if r.step.urgent]
    if urgent:
        typer.echo("\nDo now:")
        zone, now = context.profile().timezone, context.clock()
        for r in urgent:
            due = _when(r.step.due, zone, now)
            seed = f" (seed {r.step.seed})" if r.step.seed else ""
            typer.echo(f"- {r.application.company}: {r.step.text}{_due_note(due)}{seed}")
    where = context.store.where.removeprefix("sqlite:///")
    typer.echo(
        f"\nLook closer: followup --db {where} show ID. "
        "Start your own: followup init, then followup add."
    )
