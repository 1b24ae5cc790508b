"""`followup watch`: send what is due, sync replies, sleep; stop cleanly on SIGTERM.

Each round settles what a crash left, sends every message whose time has come (when SMTP
is set up) and reads new replies (when IMAP is set up), then sleeps until the next round
or the next scheduled message, whichever comes first. A server that cannot be reached is
reported on stderr and tried again next round: a laptop going offline does not stop the
watch. SIGTERM or SIGINT (Ctrl-C) end it between two steps, never in the middle of one,
with exit status 0: a service manager's stop is a normal end. ``--once`` runs one round
and exits 5 when that round hit a server failure (a server that cannot be reached, a
message refused or held), as `outbox --send` does, so cron can tell; else 0.
docs/delivery.md has a systemd user service that runs it.
"""

from __future__ import annotations

import signal
import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from followup.services.context import AppContext

#: Seconds between rounds by default, and the bounds of --interval.
DEFAULT_INTERVAL = 300
INTERVALS = (5, 86_400)


def watch_command(
    ctx: typer.Context,
    interval: Annotated[
        int,
        typer.Option("--interval", help="How often to send and look for replies, in seconds.",
                     min=INTERVALS[0], max=INTERVALS[1], metavar="SECONDS"),
    ] = DEFAULT_INTERVAL,
    once: Annotated[bool, typer.Option(
        "--once", help="Send what is due and look for replies once, then exit (for cron).")
    ] = False,
) -> None:  # fmt: skip
    """Keep sending each message at its time and finding replies, until stopped (Ctrl-C)."""
    from followup.errors import ConfigError
    from followup.services.mail_config import server

    context: AppContext = ctx.obj
    sending, reading = server(context, "smtp"), server(context, "imap")
    if sending is None and reading is None:
        raise ConfigError(
            "neither SMTP nor IMAP is set up: there is nothing to watch.",
            fix="Set FOLLOWUP_SMTP_HOST and/or FOLLOWUP_IMAP_HOST (docs/delivery.md).",
        )
    context.profile()  # no profile: exit 2 now, not every round
    stop = threading.Event()
    previous = {s: signal.signal(s, lambda *_: stop.set()) for s in _SIGNALS}
    failed = False
    try:
        while not stop.is_set():
            started = context.clock()
            busy, failed = _round(context, sending is not None, reading is not None, stop)
            if once:
                # A round that found nothing would otherwise end in silence, or in a
                # "stopped." that nothing asked for.
                if not busy and not stop.is_set():
                    typer.echo(f"{_now(context)} nothing to send and no new reply.")
                break
            stop.wait(_pause(context, interval, started))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stop.is_set():
        typer.echo(f"{_now(context)} stopped.", err=True)
    if once and failed:
        # The failure is on stderr already; the status tells a script (cron) it happened.
        from followup.errors import ExitStatus

        raise typer.Exit(ExitStatus.MAIL)


_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def _round(ctx: AppContext, send: bool, read: bool, stop: threading.Event) -> tuple[bool, bool]:
    """One round: send, then sync; a server failure is reported and the round goes on.

    Whether the round printed something (sent, found, or failed), and whether it hit a
    server failure: a server that could not be reached or failed, a message refused
    (failed) or held, as `outbox --send` exits 5 for.
    """
    from followup.cli.mail_render import recipient
    from followup.errors import MailError

    said = failed = False
    if send and not stop.is_set():
        from followup.services.outbox import send_due

        report = send_due(ctx)
        for m in report.sent:
            typer.echo(f"{_now(ctx)} sent #{m.id} to {recipient(m)}.")
        for m in report.settled:
            typer.echo(f"{_now(ctx)} #{m.id} had gone out before an interruption: marked sent.")
        for m, why in report.retrying:
            typer.echo(f"{_now(ctx)} #{m.id} to {recipient(m)} not sent yet: {why}", err=True)
        for m, why in report.failed:
            typer.echo(f"{_now(ctx)} #{m.id} to {recipient(m)} failed: {why}", err=True)
        for m, why in report.held:  # as `outbox --send` says it: not a refusal
            typer.echo(f"{_now(ctx)} #{m.id} to {recipient(m)} is held: {why}", err=True)
        for note in report.notes:
            typer.echo(f"{_now(ctx)} {note}", err=True)
        if report.error is not None:
            typer.echo(f"{_now(ctx)} {report.error}", err=True)
        said = bool(report.sent or report.settled or report.retrying or report.failed)
        said = said or bool(report.held or report.notes or report.error)
        failed = bool(report.error or report.failed or report.held)
    if read and not stop.is_set():
        from followup.services.sync import sync

        try:
            found = sync(ctx)
        except MailError as exc:
            typer.echo(f"{_now(ctx)} {exc}", err=True)
            return True, True
        for f in found.replies:
            typer.echo(f"{_now(ctx)} reply from {f.reply.sender} about {f.company} ({f.role}).")
        for m, why in found.bounces:
            typer.echo(f"{_now(ctx)} #{m.id} to {recipient(m)} bounced: {why}", err=True)
        said = said or bool(found.replies or found.bounces)
    return said, failed


def _pause(ctx: AppContext, interval: int, started: datetime) -> float:
    """Seconds until the next round: the interval, or sooner when a message comes due.

    A message that was due when the round ``started`` and is still scheduled could not
    go (the server is down, another sender has the outbox): it waits for the interval
    like everything else, or a dead server would be called every second.
    """
    profile = ctx.profile()
    assert profile.id is not None
    due = ctx.store.next_send_at(profile.id)
    if due is None or due <= started:
        return float(interval)
    return max(1.0, min(float(interval), (due - ctx.clock()).total_seconds()))


def _now(ctx: AppContext) -> str:
    moment: datetime = ctx.clock().astimezone(UTC)
    return f"{moment:%Y-%m-%d %H:%M:%S}Z"
