"""The output of the plan commands: a follow-up as JSON, as a line, a timeline.

Human output may change; the JSON of :func:`item_json` is a contract (docs/cli.md). Times
are on the recipient's clock, with the user's own beside them when the zones differ.
Imported by the commands when they print, never at start-up.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from followup.services.context import AppContext
    from followup.services.plan import Due, Item, Timeline


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset, or None."""
    return None if moment is None else moment.isoformat()


def item_json(item: Item) -> dict[str, Any]:
    """One step of a timeline: the contract's keys first, then ours."""
    return {
        "kind": item.kind.value,
        "recipient": item.recipient,
        "channel": item.channel.value,
        "earliest": iso(item.earliest),
        "target": iso(item.target),
        "latest": iso(item.latest),
        "rule": item.rule,
        "reason": item.reason,
        "status": item.status.value,
        "id": item.id,
        "interview_id": item.interview_id,
        "number": item.number,
        "done_at": iso(item.done_at),
        "overdue": item.overdue,
    }


def due_json(found: Due) -> dict[str, Any]:
    """The document of `followup due --format json` (also under `demo --format json`)."""
    return {
        "due": [
            {
                "application_id": d.application.id,
                "company": d.application.company,
                "role": d.application.role,
                **item_json(d.item),
            }
            for d in found.items
        ],
        "until": found.until.isoformat(),
        "closed": [{"application_id": t.application.id, "reason": t.closed} for t in found.closed],
    }


def _short(moment: datetime) -> str:
    return f"{moment:%a %d %b %H:%M}"


def mine(moment: datetime, user_zone: str) -> str:
    """A time on the user's own clock (for what the user did, and when)."""
    from zoneinfo import ZoneInfo

    return clock(moment.astimezone(ZoneInfo(user_zone)), user_zone)


def clock(moment: datetime | None, user_zone: str) -> str:
    """A time on the recipient's clock, and the user's own when the zones differ."""
    if moment is None:
        return "-"
    from zoneinfo import ZoneInfo

    text = f"{_short(moment)} {moment.tzname() or ''}".rstrip()
    yours = moment.astimezone(ZoneInfo(user_zone))
    if yours.replace(tzinfo=None) != moment.replace(tzinfo=None):
        text += f" (you: {_short(yours)})"
    return text


def line(item: Item, user_zone: str) -> str:
    """What a step is, on one line: kind, recipient, channel, when."""
    who = f" to {item.recipient}" if item.recipient else ""
    how = "" if item.channel.value in ("self", item.kind.value) else f" by {item.channel.value}"
    if item.status.value in ("done", "sent", "skipped") and item.done_at is not None:
        when = f"{item.status.value} {clock(item.done_at, user_zone)}"
    else:
        when = f"target {clock(item.target, user_zone)}"
        if item.latest is not None and item.status.value != "cancelled":
            when += f", latest {clock(item.latest, user_zone)}"
    flag = "  OVERDUE" if item.overdue else ""
    return f"{item.kind.value}{who}{how}: {when}{flag}"


def _to_option(item: Item) -> str:
    """`` --to NAME`` for the kinds a panel has one of per person, else nothing."""
    if not (item.recipient and item.kind.value in ("thank-you", "panel-note", "linkedin")):
        return ""
    import shlex

    # Quoted for a shell: "Zoë O'Neil" pastes as it is.
    return f" --to {shlex.quote(item.recipient)}"


def done_hint(application_id: int | None, item: Item) -> str:
    """The `followup done` command that records this step."""
    return f"followup done {application_id} {item.kind.value}{_to_option(item)}"


def draft_hint(application_id: int | None, item: Item) -> str | None:
    """The `followup draft` command that writes this step, or None for the user's own steps."""
    from followup.domain.model import OWN_KINDS

    if item.kind in OWN_KINDS:
        return None
    return f"followup draft {application_id} --kind {item.kind.value}{_to_option(item)}"


def next_hint(application_id: int | None, item: Item) -> tuple[str, str] | None:
    """What to do next about a pending step, as (label, command): draft, send, or wait.

    A drafted email is sent with `followup send`; one in the outbox is seen with
    `followup outbox`; anything else is drafted first (None for the user's own steps).
    """
    status, kind = item.status.value, item.kind.value
    if status == "scheduled":
        return "In the outbox", "followup outbox"
    if status == "drafted" and item.channel.value == "email":
        return "Send it", f"followup send {application_id} --kind {kind}{_to_option(item)}"
    hint = draft_hint(application_id, item)
    return ("Draft it", hint) if hint is not None else None


def stateless(context: AppContext, path: str, now: str | None, fmt: str) -> None:
    """The stateless contract: its JSON as it is, or the same steps as a table."""
    from followup.services.plan_context import plan_from_file

    result = plan_from_file(context, path, now)
    if fmt == "json":
        from followup.cli.render import emit_json

        emit_json(result)
        return
    from followup.cli.render import table

    steps = result["followups"]
    if not steps:
        typer.echo("Nothing to plan: the context has no interview.")
        return
    table(
        ["Target", "Kind", "To", "Channel", "Latest", "Status", "Rule"],
        (
            [
                s["target"][:16].replace("T", " ") + s["target"][19:],
                s["kind"],
                s["recipient"] or "you",
                s["channel"],
                s["latest"][:16].replace("T", " "),
                s["status"],
                s["rule"],
            ]
            for s in steps
        ),
        max_widths=[24, 22, 28, 9, 16, 10, 32],
    )
    typer.echo("")
    for s in steps:
        typer.echo(f"- {s['kind']} ({s['recipient'] or 'you'}): {s['reason']}")


def print_timeline(context: AppContext, timeline: Timeline, items: list[Item]) -> None:
    from zoneinfo import ZoneInfo

    zone = context.profile().timezone
    a = timeline.application
    typer.echo(f"{a.company} — {a.role}  [{a.status.value}]  (application {a.id})")
    if timeline.closed:
        typer.echo(f"Closed now as no-response: {timeline.closed}")
    if not timeline.interviews:
        typer.echo("\nNo interview yet: the plan starts when you record one with `followup add`.")
        return
    typer.echo(f"Times are on each recipient's clock; (you: ...) is yours, {zone}.")
    by_interview = {i.id: i for i in timeline.interviews}
    groups: dict[int | None, list[Item]] = {}
    for item in items:
        groups.setdefault(item.interview_id, []).append(item)
    for interview_id, group in groups.items():
        iv = by_interview.get(interview_id) if interview_id is not None else None
        if iv is not None:
            tz = ZoneInfo(iv.timezone)
            start, end = iv.start.astimezone(tz), iv.end.astimezone(tz)
            typer.echo(
                f"\nInterview #{iv.id}: {iv.round.value} round, "
                f"{start:%a %d %b %Y %H:%M}–{end:%H:%M} {iv.timezone}"
            )
        else:
            typer.echo("\nOther follow-ups")
        for item in group:
            typer.echo(f"  {item.status.value:<10} {line(item, zone)}")
            typer.echo(f"  {'':<10} {item.reason}")
    pending = [i for i in items if i.pending]
    if pending:
        typer.echo(f"\nWhen one is done: {done_hint(a.id, pending[0])}")
    else:
        typer.echo("\nNothing is pending.")


def print_next(timeline: Timeline, zone: str) -> None:
    if timeline.closed:
        typer.echo(f"The application is now no-response: {timeline.closed}")
    following = next((i for i in timeline.items if i.pending), None)
    if following is None:
        typer.echo("Nothing else is pending for this application.")
        return
    typer.echo(f"Next: {line(following, zone)}")
    typer.echo(f"  {following.reason}")
