"""What the delivery commands print: text for people, JSON (a contract) for scripts.

Times are shown on the recipient's clock with the user's own beside it when the zones
differ (as `followup due` shows them); JSON carries ISO 8601 in UTC.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from followup.adapters.store.mail import OutboxRow
    from followup.domain.model import Application, Message
    from followup.services.context import AppContext
    from followup.services.mail_config import Tested
    from followup.services.outbox import SendReport
    from followup.services.outbox_schedule import Queued
    from followup.services.sync import Progress, SyncReport

#: A first sync of more messages than this shows a progress bar (on a terminal).
PROGRESS_FROM = 500


def message_json(message: Message) -> dict[str, Any]:
    """A message of the outbox as JSON."""
    from followup.cli.plan_render import iso

    return {
        "id": message.id,
        "followup_id": message.followup_id,
        "status": message.status.value,
        "message_id": message.message_id,
        "to": {"name": message.to_name, "email": message.to_email},
        "subject": message.subject,
        "send_at": iso(message.send_at),
        "sent_at": iso(message.sent_at),
        "in_reply_to": message.in_reply_to,
        "attempts": message.attempts,
        "error": message.error,
    }


def _to(message: Message) -> str:
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
    now = ctx.clock()
    for q in queued:
        from zoneinfo import ZoneInfo

        there = q.message.send_at.astimezone(ZoneInfo(q.zone)) if q.message.send_at else None
        # "goes out Mon 30 Nov 12:05 EST" for a time already here reads like a mistake.
        when = "now" if there is None or there <= now else clock(there, zone)
        typer.echo(f"#{q.message.id} {q.step.kind.value} to {_to(q.message)}: goes out {when}.")
    if report is None:
        typer.echo(
            "`followup watch` sends it at that time; or run `followup outbox --send` once it "
            "is due. `followup outbox` shows what waits."
        )
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


def _report_text(report: SendReport, zone: str) -> None:
    from followup.cli.plan_render import mine

    if report.busy:
        typer.echo("Another followup is sending right now; nothing was done.")
    for m in report.settled:
        typer.echo(f"#{m.id} went out before an interruption (found in Sent): marked sent.")
    for m in report.sent:
        typer.echo(f"Sent #{m.id} to {_to(m)}.")
    for m, why in report.retrying:
        again = f"at {mine(m.send_at, zone)}" if m.send_at is not None else "later"
        typer.echo(f"#{m.id} to {_to(m)} is not sent yet; it is tried again {again}: {why}")
    for m, why in report.failed:
        typer.echo(f"#{m.id} to {_to(m)} failed: {why}", err=True)
        # What to do: the step is pending again, and the usual cause is the address.
        typer.echo(
            f"  If the address is wrong, correct it with `followup edit`, then "
            f"`followup outbox --retry {m.id}`; or `followup outbox --cancel {m.id}`.",
            err=True,
        )
    for m, why in report.held:
        typer.echo(f"#{m.id} to {_to(m)} is held: {why}", err=True)
    for note in report.notes:
        typer.echo(note, err=True)
    acted = report.sent or report.settled or report.retrying or report.failed or report.held
    if not (acted or report.busy or report.error or report.notes):
        typer.echo("Nothing is due.")


def sent(ctx: AppContext, report: SendReport, fmt: str) -> None:
    """`followup outbox --send`."""
    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json(report_json(report))
        return
    _report_text(report, ctx.profile().timezone)


def changed(ctx: AppContext, message: Message, action: str, fmt: str) -> None:
    """`followup outbox --cancel` / `--retry`."""
    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json({"action": action, "message": message_json(message)})
        return
    if action == "cancel":
        typer.echo(f"#{message.id} is out of the outbox; it is a draft again.")
    else:
        typer.echo(f"#{message.id} is scheduled again, for now: `followup outbox --send` sends it.")


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
    zone = ctx.profile().timezone
    for r in rows:
        m = r.message
        when = m.sent_at if m.sent_at is not None else m.send_at
        shown = mine(when, zone) if when is not None else "-"
        typer.echo(
            f"#{m.id:<5} {m.status.value:<9} {shown}  {r.kind} to {_to(m)} — {r.company} ({r.role})"
        )
        if m.error:
            typer.echo(f"       {m.error}")
        if m.status.value == "scheduled" and r.followup_status in ("done", "skipped", "cancelled"):
            # A reply or `followup done` settled the step: the sender will not send it.
            typer.echo(f"       Its {r.kind} is {r.followup_status}: it will not be sent.")


@contextmanager
def progress_bar(fmt: str) -> Iterator[Progress | None]:
    """A progress bar on stderr for a long sync, when stderr is a terminal."""
    if fmt == "json" or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    with Bar(console=Console(stderr=True), transient=True) as bar:
        task = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if total < PROGRESS_FROM:
                return
            if task is None:
                task = bar.add_task("Reading the inbox", total=total)
            bar.update(task, completed=done, total=total)

        yield update


def synced(ctx: AppContext, report: SyncReport, fmt: str) -> None:
    """`followup sync`: the replies found and what they changed."""
    from followup.cli.plan_render import iso, mine

    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json(
            {
                "read": report.read,
                "renumbered": report.renumbered,
                "auto_replies": report.auto_replies,
                "replies": [
                    {"application_id": f.reply.application_id, "company": f.company,
                     "role": f.role, "received_at": iso(f.reply.received_at),
                     "sender": f.reply.sender, "subject": f.reply.subject,
                     "snippet": f.reply.snippet, "matched_by": f.reply.matched_by,
                     "message_id": f.reply.header_id}
                    for f in report.replies
                ],
                "bounces": [{**message_json(m), "reason": why} for m, why in report.bounces],
                "cancelled": report.cancelled,
            }
        )  # fmt: skip
        return
    zone = ctx.profile().timezone
    if report.read == 0 and not report.renumbered:
        typer.echo("No new message in your inbox since the last sync.")
        return
    again = " (the server renumbered the inbox: read again in full)" if report.renumbered else ""
    typer.echo(f"Read {_count(report.read, 'new message')}{again}.")
    for f in report.replies:
        r = f.reply
        subject = f"“{r.subject}”" if r.subject else "(no subject)"
        typer.echo(
            f"Reply from {r.sender} about {f.company} ({f.role}), {mine(r.received_at, zone)}: "
            f"{subject} ({_HOW.get(r.matched_by, r.matched_by)})"
        )
        if r.snippet:
            typer.echo(f"  “{r.snippet}”")
    for m, why in report.bounces:
        typer.echo(
            f"#{m.id} to {_to(m)} bounced: {why} It is pending again: check the address "
            f"(`followup edit`), then `followup outbox --retry {m.id}`.",
            err=True,
        )
    if report.auto_replies:
        auto = _count(report.auto_replies, "automatic reply", "automatic replies")
        typer.echo(f"{auto} (out of office and the like): not replies, nothing changed.")
    if report.cancelled:
        apps = {f.reply.application_id for f in report.replies}
        left = f" `followup plan {apps.pop()}` shows what is left." if len(apps) == 1 else ""
        stopped = _count(report.cancelled, "follow-up")
        typer.echo(f"Cancelled {stopped} that waited for an answer: they answered.{left}")
    if not report.replies and not report.bounces:
        typer.echo("No reply from an employer among them.")


#: How a reply was matched, in words (`matched_by` in the JSON).
_HOW = {
    "thread": "in the thread of your email",
    "address": "from an address on record",
    "domain": "from the company's domain",
}


def _count(n: int, one: str, many: str | None = None) -> str:
    """``1 new message``, ``9 new messages``."""
    return f"{n} {one if n == 1 else many or one + 's'}"


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
