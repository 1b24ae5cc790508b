"""What the delivery commands print: text for people, JSON (a contract) for scripts.

Times are shown on the recipient's clock with the user's own beside it when the zones
differ (as `followup due` shows them); JSON carries ISO 8601 in UTC.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from datetime import datetime

    from followup.adapters.store.mail import OutboxRow
    from followup.domain.model import Application, Message
    from followup.services.context import AppContext
    from followup.services.mail_config import Tested
    from followup.services.outbox import SendReport
    from followup.services.outbox_schedule import Queued


def utc(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC (``+00:00``), or None: a time held on the user's clock included."""
    from datetime import UTC

    return None if moment is None else moment.astimezone(UTC).isoformat()


def message_json(message: Message) -> dict[str, Any]:
    """A message of the outbox as JSON; its times in UTC, however they were made."""
    return {
        "id": message.id,
        "followup_id": message.followup_id,
        "status": message.status.value,
        "message_id": message.message_id,
        "to": {"name": message.to_name, "email": message.to_email},
        "subject": message.subject,
        "send_at": utc(message.send_at),
        "sent_at": utc(message.sent_at),
        "in_reply_to": message.in_reply_to,
        "attempts": message.attempts,
        "error": message.error,
    }


def recipient(message: Message) -> str:
    """``Name <address>``, or the address alone."""
    return f"{message.to_name} <{message.to_email}>" if message.to_name else message.to_email or ""


def scheduled(
    ctx: AppContext,
    application: Application,
    queued: list[Queued],
    report: SendReport | None,
    fmt: str,
) -> None:
    """`followup send`: what went in the outbox and when it goes out."""
    from followup.cli.plan_render import clock

    zone = ctx.profile().timezone
    if fmt == "json":
        from followup.cli.render import emit_json

        data: dict[str, Any] = {
            "application_id": application.id,
            "scheduled": [{**message_json(q.message), "kind": q.step.kind.value} for q in queued],
        }
        if report is not None:
            data["report"] = report_json(report)
        emit_json(data)
        return
    now, waiting = ctx.clock(), False
    for q in queued:
        from zoneinfo import ZoneInfo

        there = q.message.send_at.astimezone(ZoneInfo(q.zone)) if q.message.send_at else None
        # "goes out Mon 30 Nov 12:05 EST" for a time already here reads like a mistake.
        when = "now" if there is None or there <= now else clock(there, zone)
        waiting = waiting or when != "now"
        typer.echo(
            f"#{q.message.id} {q.step.kind.value} to {recipient(q.message)}: goes out {when}."
        )
    # Two messages queued are "them", not "it".
    it, is_, times = (
        ("them", "they are", "their times") if len(queued) > 1 else ("it", "it is", "that time")
    )
    if report is None and waiting:
        typer.echo(
            f"`followup watch` sends {it} at {times}; or run `followup outbox --send` once "
            f"{is_} due. `followup outbox` shows what waits."
        )
    elif report is None:
        typer.echo(f"`followup outbox --send` sends {it} now (or a running `followup watch`).")
    else:
        _report_text(report, zone)


def report_json(report: SendReport) -> dict[str, Any]:
    """A run of the sender as JSON."""
    return {
        "sent": [message_json(m) for m in report.sent],
        "settled": [message_json(m) for m in report.settled],
        "retrying": [{**message_json(m), "reason": why} for m, why in report.retrying],
        "failed": [{**message_json(m), "reason": why} for m, why in report.failed],
        "held": [{**message_json(m), "reason": why} for m, why in report.held],
        "busy": report.busy,
        "notes": report.notes,
        "error": report.error.message if report.error else None,
    }


def _report_text(report: SendReport, zone: str, later: str = "") -> None:
    """A run of the sender in words; ``later`` follows "Nothing is due" (when the next goes)."""
    from followup.cli.plan_render import mine

    if report.busy:
        typer.echo("Another followup is sending right now; nothing was done.")
    for m in report.settled:
        typer.echo(f"#{m.id} went out before an interruption (found in Sent): marked sent.")
    for m in report.sent:
        typer.echo(f"Sent #{m.id} to {recipient(m)}.")
    for m, why in report.retrying:
        again = f"at {mine(m.send_at, zone)}" if m.send_at is not None else "later"
        typer.echo(f"#{m.id} to {recipient(m)} is not sent yet; it is tried again {again}: {why}")
    for m, why in report.failed:
        typer.echo(f"#{m.id} to {recipient(m)} failed: {why}", err=True)
        # What to do: the step is pending again, and the usual cause is the address.
        typer.echo(
            f"  If the address is wrong, correct it with `followup edit`, then "
            f"`followup outbox --retry {m.id}`; or `followup outbox --cancel {m.id}`.",
            err=True,
        )
    for m, why in report.held:
        typer.echo(f"#{m.id} to {recipient(m)} is held: {why}", err=True)
    for note in report.notes:
        typer.echo(note, err=True)
    acted = report.sent or report.settled or report.retrying or report.failed or report.held
    if not (acted or report.busy or report.error or report.notes):
        typer.echo(f"Nothing is due{later}.")


def sent(ctx: AppContext, report: SendReport, fmt: str) -> None:
    """`followup outbox --send`."""
    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json(report_json(report))
        return
    from followup.cli.plan_render import mine

    profile = ctx.profile()
    assert profile.id is not None
    upcoming = ctx.store.next_send_at(profile.id)
    later = (
        f" yet; the next message goes out {mine(upcoming, profile.timezone)}" if upcoming else ""
    )
    _report_text(report, profile.timezone, later)


def changed(ctx: AppContext, message: Message, action: str, fmt: str) -> None:
    """`followup outbox --cancel` / `--retry`."""
    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json({"action": action, "message": message_json(message)})
        return
    if action == "cancel":
        typer.echo(
            f"#{message.id} to {recipient(message)} is out of the outbox; it is a draft again "
            "(`followup send` queues it anew)."
        )
    else:
        typer.echo(
            f"#{message.id} to {recipient(message)} is scheduled again, for now: "
            "`followup outbox --send` sends it (or a running `followup watch`)."
        )


def listing(ctx: AppContext, rows: list[OutboxRow], fmt: str) -> None:
    """`followup outbox`: one line per message."""
    from followup.cli.plan_render import mine

    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json(
            [
                {**message_json(r.message), "application_id": r.application_id,
                 "company": r.company, "role": r.role, "kind": r.kind}
                for r in rows
            ]
        )  # fmt: skip
        return
    if not rows:
        typer.echo("The outbox is empty. `followup send ID` puts a drafted step in it.")
        return
    zone, now = ctx.profile().timezone, ctx.clock()
    for r in rows:
        m = r.message
        when = m.sent_at if m.sent_at is not None else m.send_at
        shown = mine(when, zone) if when is not None else "-"
        what = f"{r.kind} to {recipient(m)} — {r.company} ({r.role})"
        typer.echo(f"#{m.id:<5} {m.status.value:<9} {shown}  {what}")
        waiting = m.status.value == "scheduled"
        if m.error:
            # A scheduled message with an error was refused for now and waits to be retried.
            typer.echo(f"       {'Last try: ' if waiting else ''}{m.error}")
        if m.status.value == "failed" and "--retry" not in (m.error or ""):
            typer.echo(f"       Once fixed, `followup outbox --retry {m.id}` sends it again.")
        if waiting and r.followup_status in ("done", "skipped", "cancelled"):
            # A reply or `followup done` settled the step: the sender will not send it.
            typer.echo(f"       Its {r.kind} is {r.followup_status}: it will not be sent.")
        elif waiting and m.send_at is not None and m.send_at <= now:
            typer.echo("       Due: `followup outbox --send` sends it now, or `followup watch`.")


def tested(results: list[Tested], fmt: str) -> None:
    """`followup mail test`."""
    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json(
            [{"server": r.kind, "ok": r.ok, "summary": r.summary, "fix": r.fix} for r in results]
        )
        return
    for r in results:
        state = "ok" if r.ok else "FAILED"
        typer.echo(f"{r.kind.upper()}: {state}: {r.summary}")
        if r.fix:
            typer.echo(f"  {r.fix}")
