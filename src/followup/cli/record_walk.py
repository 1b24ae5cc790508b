"""The interactive side of the record commands: `add`'s walk-through, `init`'s questions.

`add` asks one question per field not given.

Each answer is checked as it is typed (a bad one is asked again, with the reason); dates
are echoed back as understood ("= Fri 20 Nov 2026 15:00 America/New_York"). Nothing is
saved until the last answer: Ctrl-C leaves the database as it was.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from followup.services.context import AppContext
    from followup.services.record_input import InterviewInput

_LISTS = (
    ("interviewers", "Interviewer {n} (Name <email>, Title)"),
    ("topics", "Topic {n} discussed ('Dana: churn' if it was with Dana)"),
    ("standouts", "Standout moment {n}"),
    ("asked", "Question they asked you {n}"),
    ("concerns", "Answer to improve {n} ('the answer => a better one')"),
    ("forgot", "Something you forgot to mention {n}"),
    ("ask", "Question you still want to ask {n}"),
)


def walk_through(context: AppContext, data: InterviewInput) -> None:
    """Fill the missing fields of ``data`` by asking, one field at a time."""
    from followup.services import record
    from followup.services.record_input import check_field

    zone, now, invite = record.walkthrough_basis(context, data)
    typer.echo("Recording an interview. Empty answers skip; Ctrl-C stops, saving nothing.")
    if invite and invite.warnings:
        for warning in invite.warnings:
            typer.echo(f"Invitation: {warning}")
    state: dict[str, datetime | None] = {"start": None}

    def ask(field: str, label: str, default: str = "", *, required: bool = False) -> str:
        def check(value: str) -> str:
            if not value.strip() and not required:
                return ""
            kept, shown = checked(
                lambda: check_field(field, value, zone=zone, now=now, start=state["start"])
            )
            if shown:
                typer.echo(f"  = {shown}")
            return str(kept)

        return prompt(label, default, check, required=required)

    if data.company is None:
        hint = invite.company_hint if invite else None
        data.company = ask("company", "Company", hint or "", required=True)
    if data.role is None:
        data.role = ask("role", "Role (the job's title)", required=True)
    if data.round is None:
        data.round = ask("round", "Round: screen, first, second, third, final (empty: next)")
        data.round = data.round or None
    if data.mode is None:
        hint = invite.format_hint if invite and invite.format_hint else "video"
        data.mode = ask("mode", "Format: phone, video, onsite, panel", hint, required=True)
    if data.start is None:
        default = invite.start.isoformat(timespec="minutes") if invite and invite.start else ""
        data.start = ask(
            "start", f"Start (e.g. 'yesterday 3pm'; zone {zone})", default, required=True
        )
    state["start"] = datetime.fromisoformat(data.start) if _iso(data.start) else None
    if data.end is None and data.minutes is None and state["start"] is not None:
        default = f"{invite.end:%H:%M}" if invite and invite.end else ""
        minutes = context.settings["interview_minutes"]
        data.end = ask("end", f"End (e.g. 15:00; empty: {minutes} minutes)", default) or None
    if invite and invite.attendees and data.interviewers is None:
        for person in invite.attendees:
            typer.echo(f"Interviewer from the invitation: {person.name} <{person.email}>")
    for field, label in _LISTS:
        if getattr(data, field) is not None or (
            field == "interviewers" and invite and invite.attendees
        ):
            continue
        answers: list[str] = []
        while answer := ask(field, label.format(n=len(answers) + 1)):
            answers.append(answer)
        setattr(data, field, answers or None)
    if data.decision is None:
        data.decision = ask("decision", "Promised decision date (e.g. 'next Friday')") or None


def _iso(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def ask_profile(context: AppContext, data: Any) -> None:
    """Ask for the profile fields not given, the stored value as default.

    Asks when creating the profile, or when `init` is run with no flag at all.
    """
    from followup.services import record
    from followup.services.record_input import ProfileInput, profile_fields

    known = record.existing_profile(context)
    if known is not None and any(value is not None for value in vars(data).values()):
        return  # an update with flags: change what was given, ask nothing
    labels = {
        "name": "Your full name",
        "email": "Email",
        "signature": "Signature (one line; edit later for more)",
        "phone": "Phone",
        "linkedin": "LinkedIn URL",
        "timezone": "Time zone",
        "country": "Country code (for holidays)",
    }
    for key, label in labels.items():
        if getattr(data, key) is not None:
            continue
        default = getattr(known, key, None) if known else None
        if key == "timezone" and default is None:
            default = str(context.settings["timezone"])
        required = key == "name" and known is None

        def check(value: str, key: str = key, required: bool = required) -> str:
            if value.strip() or required:
                checked(lambda: profile_fields(ProfileInput(**{key: value})))
            return value

        answer = prompt(label, default or "", check, required=required)
        if answer.strip() or known is not None:
            setattr(data, key, answer if answer.strip() else None)


# Asking ----------------------------------------------------------------------------------------


def checked(call: Any) -> Any:
    """Run a validation; an InputError becomes click's "try again" error."""
    from followup.errors import InputError

    try:
        return call()
    except InputError as exc:
        raise typer.BadParameter(str(exc)) from None


def prompt(label: str, default: str, check: Any, *, required: bool) -> str:
    """Ask once; click re-asks after a bad answer (BadParameter) or, if required, an empty one."""
    return str(
        typer.prompt(
            label,
            default=default,
            show_default=bool(default),
            value_proc=lambda value: check(str(value)),
        )
    )
