"""`followup list`, `followup show`, `followup demo`: the pipeline and one application in full."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup.cli.render import ApplicationId, FormatOption, check_format

if TYPE_CHECKING:
    from datetime import tzinfo

    from followup.domain.nextstep import NextStep
    from followup.services.context import AppContext
    from followup.services.pipeline import ApplicationDetail, PipelineRow, PlannedStep


def register(app: typer.Typer) -> None:
    """Add the pipeline commands."""
    app.command("list")(list_command)
    app.command("show")(show_command)
    app.command("demo")(demo_command)


def _when(moment: datetime | None, zone: str | tzinfo, now: datetime) -> str:
    """A moment on a clock, in words relative to that clock's today ("since yesterday 09:00")."""
    if moment is None:
        return ""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    local = moment.astimezone(tz)
    today = now.astimezone(tz).date()
    days = (local.date() - today).days
    day = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days, f"{local:%a %d %b}")
    return f"{'since ' if moment < now else ''}{day} {local:%H:%M}"


def _due(step: NextStep, planned: PlannedStep | None, zone: str, now: datetime) -> str:
    """When the next step is due: a plan step on the recipient's clock (named when not yours)."""
    if planned is None or planned.target is None:
        return _when(step.due, zone, now)
    from zoneinfo import ZoneInfo

    target = planned.target
    text = _when(target, target.tzinfo or ZoneInfo(zone), now)
    mine = target.astimezone(ZoneInfo(zone))
    if mine.replace(tzinfo=None) != target.replace(tzinfo=None):
        text += f" {target.tzname()}"
    return text


def _next_text(step: NextStep, planned: PlannedStep | None) -> str:
    """The next step's words: "!" when it is due now, "(overdue)" when its window closed."""
    overdue = " (overdue)" if planned is not None and planned.overdue else ""
    return ("! " if step.urgent else "") + step.text + overdue


def _due_note(due: str) -> str:
    if not due:
        return ""
    return f" (overdue {due})" if due.startswith("since") else f" (due {due})"


_PLAN_KEYS = (
    "kind", "recipient", "channel", "earliest", "target", "latest", "rule", "reason", "status",
    "id", "interview_id", "number", "done_at", "overdue",
)  # fmt: skip


def _step_json(step: NextStep, planned: PlannedStep | None = None) -> dict[str, Any]:
    """The next step as JSON: text, due, seed and urgent (as ever), then where it comes from.

    When it is the plan's step, it carries the keys of `followup plan ID --format json`
    with the same values; when it is the summary's, those keys are null.
    """
    out: dict[str, Any] = {
        "text": step.text,
        "due": step.due.isoformat() if step.due else None,
        "seed": step.seed,
        "urgent": step.urgent,
        "source": "plan" if planned is not None else "summary",
        "seeds": list(planned.seeds) if planned is not None else [s for s in [step.seed] if s],
    }
    if planned is None:
        return out | dict.fromkeys(_PLAN_KEYS)

    def iso(moment: datetime | None) -> str | None:
        return None if moment is None else moment.isoformat()

    return out | {
        "kind": planned.kind.value,
        "recipient": planned.recipient,
        "channel": planned.channel.value,
        "earliest": iso(planned.earliest),
        "target": iso(planned.target),
        "latest": iso(planned.latest),
        "rule": planned.rule,
        "reason": planned.reason,
        "status": planned.status.value,
        "id": planned.id,
        "interview_id": planned.interview_id,
        "number": planned.number,
        "done_at": None,
        "overdue": planned.overdue,
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
        "next_step": _step_json(row.step, row.planned),
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
                _next_text(r.step, r.planned),
                _due(r.step, r.planned, zone, now),
            ]
            for r in rows
        ),
        max_widths=[6, 28, 28, 14, 12, 70, 30],
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
        "next_step": _step_json(item.step, item.planned) if item.step else None,
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
    if item.planned is not None:
        _print_planned(a.id, item.planned, context.profile().timezone)
    elif item.step:
        due = _when(item.step.due, context.profile().timezone, context.clock())
        seed = f" (seed {item.step.seed})" if item.step.seed else ""
        out.write(f"\nNext: {item.step.text}{_due_note(due)}{seed}\n")


def _print_planned(application_id: int | None, step: PlannedStep, zone: str) -> None:
    """The plan's next step as `followup plan ID` words it: when, its reason, how to mark it."""
    from followup.cli.plan_render import clock

    when = f"target {clock(step.target, zone)}"
    if step.latest is not None:
        when += f", latest {clock(step.latest, zone)}"
    flag = "  OVERDUE" if step.overdue else ""
    to = ""
    if step.recipient and step.kind.value in ("thank-you", "panel-note", "linkedin"):
        to = f" --to '{step.recipient}'" if " " in step.recipient else f" --to {step.recipient}"
    sys.stdout.write(
        f"\nNext: {step.headline}: {when}{flag}\n  {step.reason}\n"
        f"  Done? followup done {application_id} {step.kind.value}{to}"
        f" (whole plan: followup plan {application_id})\n"
    )


def demo_command(
    ctx: typer.Context,
    reset: Annotated[bool, typer.Option("--reset", help="Start the demo database afresh.")] = False,
    fmt: Annotated[str, FormatOption] = "text",
) -> None:
    """Show a demo job search: its pipeline and what is due this week (seeded when empty).

    Uses demo.db in the data directory, never your own database, unless --db is given.
    """
    from followup.services import demo
    from followup.services.pipeline import pipeline
    from followup.services.plan import due

    fmt = check_format(fmt)
    context: AppContext = ctx.obj
    demo.use_demo_database(context, reset=reset)
    seeded = demo.seed_if_empty(context)
    if fmt == "json":
        from followup.cli.plan_render import due_json
        from followup.cli.render import emit_json

        found = due(context, "week")  # re-plans first, as `followup due --week` does
        emit_json(
            {
                "database": context.store.where,
                "applications": [_row_json(r) for r in pipeline(context)],
                # The document of `followup due --week --format json`, under its own keys.
                **due_json(found),
            }
        )
        return
    from followup.cli.plan_cmd import due_command

    note = f"seeded {seeded} interviews" if seeded else "existing data"
    typer.echo(
        f"Demo job search of {context.profile().name} ({note}; database {context.store.where})\n"
    )
    # Re-planned first (a demo seeded days ago has moved on), so the table and the steps
    # below say the same thing.
    due(context, "week")
    print_pipeline(context, pipeline(context))
    typer.echo("\nDo now: what is due within a week, as `followup due --week` shows it.")
    due_command(ctx, today=False, week=True, fmt="text")
    where = context.store.where.removeprefix("sqlite:///")
    typer.echo(
        f"\nLook closer: followup --db {where} show ID, followup --db {where} plan ID. "
        "Start your own: followup init, then followup add."
    )
