"""What `followup sync` prints: the replies found and what they changed, and its progress bar.

Times are on the user's own clock (a reply is something that happened to them); JSON
carries ISO 8601 with the offset.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from followup.cli.mail_render import message_json, recipient

if TYPE_CHECKING:
    from followup.services.context import AppContext
    from followup.services.sync import Progress, SyncReport

#: A first sync of more messages than this shows a progress bar (on a terminal).
PROGRESS_FROM = 500


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
        how = _HOW.get(r.matched_by or "", r.matched_by)
        typer.echo(
            f"Reply from {r.sender} about {f.company} ({f.role}), {mine(r.received_at, zone)}: "
            f"{subject}{f' ({how})' if how else ''}"
        )
        if r.snippet:
            typer.echo(f"  “{r.snippet}”")
    for m, why in report.bounces:
        typer.echo(
            f"#{m.id} to {recipient(m)} bounced: {why} It is pending again: check the address "
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
    if not report.replies:  # a bounce is said on stderr: it is no answer either
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
