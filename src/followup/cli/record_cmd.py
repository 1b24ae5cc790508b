"""`followup init`, `add`, `edit`, `reflect`, `outcome`: recording the job search.

Thin: collect the flags (or ask, on a terminal), call one use case in
:mod:`followup.services.record`, print the result. Only typer and the standard library are
imported at module level; everything else inside the command that needs it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup.cli.render import ApplicationId, InterviewId

if TYPE_CHECKING:
    from followup.services.context import AppContext
    from followup.services.record import Recorded, Reflected
    from followup.services.record_input import InterviewInput

_OUTPUTS = ("text", "json")
_MODES = ("phone", "video", "onsite", "panel")


def register(app: typer.Typer) -> None:
    """Add the record commands."""
    app.command("init")(init_command)
    app.command("add")(add_command)
    app.command("edit")(edit_command)
    app.command("reflect")(reflect_command)
    app.command("outcome")(outcome_command)


_METAVARS = {
    "--start": "WHEN",
    "--end": "WHEN",
    "--decision": "DATE",
    "--minutes": "N",
    "--timezone": "ZONE",
    "--company-timezone": "ZONE",
    "--format": "FORMAT",
    "--mode": "MODE",
    "--from-ics": "FILE",
    "--interviewer": "PERSON",
    "--email": "EMAIL",
    "--posting-url": "URL",
    "--linkedin": "URL",
    "--company-country": "CODE",
    "--country": "CODE",
}


def _opt(*names: str, help: str) -> Any:
    return typer.Option(*names, help=help, metavar=_METAVARS.get(names[0], "TEXT"))


def _interactive() -> bool:
    return sys.stdin.isatty()


def _stdin_text(value: str | None) -> str | None:
    """``-`` means: read the text from stdin (a long note does not fit in an argument).

    At most one character more than the notes' limit is read: a file piped by mistake is
    refused without being read into memory.
    """
    if value != "-":
        return value
    from followup.domain.validate import MAX_TEXT

    text = sys.stdin.read(MAX_TEXT + 1)
    if len(text) > MAX_TEXT:
        from followup.errors import InputError

        raise InputError(
            "--notes",
            f"read from stdin, is longer than the limit of {MAX_TEXT:,} characters "
            "(reading stopped there).",
            fix="Keep notes short, or store the document elsewhere and note where it is.",
        )
    return text


def _output(fmt: str) -> str:
    value = fmt.strip().lower()
    if value not in _OUTPUTS:
        from followup.errors import InputError

        hint = " The interview's format is --mode." if value in _MODES else ""
        raise InputError(
            "--format",
            f"{fmt!r} is not one of: text, json.{hint}",
            fix="Use --format text or --format json.",
        )
    return value


# init ---------------------------------------------------------------------------------------


def init_command(
    ctx: typer.Context,
    name: Annotated[str | None, _opt("--name", help="Your full name.")] = None,
    email: Annotated[str | None, _opt("--email", help="Your email address.")] = None,
    signature: Annotated[str | None, _opt("--signature", help="How you sign messages.")] = None,
    phone: Annotated[str | None, _opt("--phone", help="Your phone number.")] = None,
    linkedin: Annotated[str | None, _opt("--linkedin", help="Your LinkedIn profile URL.")] = None,
    timezone: Annotated[
        str | None, _opt("--timezone", help="Your IANA time zone, e.g. Europe/Paris.")
    ] = None,
    country: Annotated[
        str | None, _opt("--country", help="Your country (US, GB, DE...): holidays.")
    ] = None,
    fmt: Annotated[str, _opt("--format", "-f", help="Output: text or json.")] = "text",
) -> None:
    """Create or update your profile: who you are, how you sign, your time zone."""
    from followup.services import record
    from followup.services.record_input import ProfileInput

    output = _output(fmt)
    context: AppContext = ctx.obj
    data = ProfileInput(name, email, signature, phone, linkedin, timezone, country)
    if _interactive():
        from followup.cli.record_walk import ask_profile

        ask_profile(context, data)
    profile, created = record.init_profile(context, data)
    if output == "json":
        from followup.cli.render import emit_json
        from followup.services import serialize

        emit_json({"profile": serialize.profile(profile), "created": created})
        return
    who = profile.name + (f" <{profile.email}>" if profile.email else "")
    typer.echo(f"{'Created' if created else 'Updated'} your profile: {who}, {profile.timezone}.")
    if created:
        typer.echo("Next: record an interview with `followup add`.")


# add / edit -----------------------------------------------------------------------------------


def _interview_input(flags: dict[str, Any]) -> tuple[InterviewInput, str]:
    """The flags as an InterviewInput, and the output format (--format)."""
    from followup.services.record_input import InterviewInput

    output = _output(flags["fmt"])
    renamed = {"interviewer": "interviewers", "topic": "topics", "standout": "standouts"}
    skip = ("ctx", "interview_id", "fmt", "rename_application")
    values = {renamed.get(k, k): v for k, v in flags.items() if k not in skip}
    values["concerns"] = values.pop("concern")
    values["notes"] = _stdin_text(values.get("notes"))
    return InterviewInput(**values), output


# The options of add and edit (edit: a list option replaces the list; '' clears a field).
_S = str | None
_L = list[str] | None
Company = Annotated[_S, _opt("--company", "-c", help="The company.")]
Role = Annotated[_S, _opt("--role", "-r", help="The job's title.")]
RoundOpt = Annotated[_S, _opt("--round", help="screen, first, second, third or final.")]
Mode = Annotated[_S, _opt("--mode", help="The interview's format: phone, video, onsite, panel.")]
Output = Annotated[str, _opt("--format", "-f", help="Output: text or json.")]
Start = Annotated[_S, _opt("--start", "-s", help="Its start: 2026-11-20T14:00, 'yesterday 3pm'.")]
End = Annotated[_S, _opt("--end", help="Its end: 15:00 (on the start's day), or a full time.")]
Minutes = Annotated[_S, _opt("--minutes", help="Its length, instead of --end.")]
Zone = Annotated[_S, _opt("--timezone", help="Zone of the times typed (default: your profile's).")]
People = Annotated[
    _L, _opt("--interviewer", "-i", help='"Name <email>, Title [Zone]"; one per person.')
]
Topics = Annotated[_L, _opt("--topic", "-t", help='A topic; "Dana: churn" is Dana\'s.')]
Standouts = Annotated[_L, _opt("--standout", help="A standout moment.")]
Asked = Annotated[_L, _opt("--asked", help="A question they asked you.")]
Concerns = Annotated[_L, _opt("--concern", help='"An answer to improve => a better answer".')]
Forgot = Annotated[_L, _opt("--forgot", help="Something you forgot to say.")]
Ask = Annotated[_L, _opt("--ask", help="A question you still want to ask.")]
Decision = Annotated[_S, _opt("--decision", help="Promised decision date: 'next Friday'.")]
DecisionNote = Annotated[_S, _opt("--decision-note", help="What they said about timing.")]
Location = Annotated[_S, _opt("--location", help="Where, or the meeting link.")]
Notes = Annotated[_S, _opt("--notes", help="Free notes; '-' reads them from stdin.")]
Industry = Annotated[_S, _opt("--industry", help="The company's industry.")]
CultureOpt = Annotated[_S, _opt("--culture", help="formal, neutral or casual.")]
CompanyZone = Annotated[_S, _opt("--company-timezone", help="The company's IANA time zone.")]
CompanyCountry = Annotated[_S, _opt("--company-country", help="The company's country code.")]
ChannelOpt = Annotated[_S, _opt("--channel", help="Their preferred channel: email, linkedin...")]
PostingUrl = Annotated[_S, _opt("--posting-url", help="The job posting's address.")]


def add_command(
    ctx: typer.Context,
    company: Company = None,
    role: Role = None,
    round: RoundOpt = None,
    mode: Mode = None,
    start: Start = None,
    end: End = None,
    minutes: Minutes = None,
    timezone: Zone = None,
    interviewer: People = None,
    topic: Topics = None,
    standout: Standouts = None,
    asked: Asked = None,
    concern: Concerns = None,
    forgot: Forgot = None,
    ask: Ask = None,
    decision: Decision = None,
    decision_note: DecisionNote = None,
    location: Location = None,
    notes: Notes = None,
    industry: Industry = None,
    culture: CultureOpt = None,
    company_timezone: CompanyZone = None,
    company_country: CompanyCountry = None,
    channel: ChannelOpt = None,
    posting_url: PostingUrl = None,
    from_ics: Annotated[
        _S, _opt("--from-ics", help="A calendar invitation (.ics): times and people.")
    ] = None,
    fmt: Output = "text",
) -> None:
    """Record an interview: flags, or a walk-through when run in a terminal."""
    data, output = _interview_input(dict(locals()))
    from followup.services import record

    context: AppContext = ctx.obj
    if _interactive() and (not data.company or not data.role or not (data.start or data.from_ics)):
        from followup.cli.record_walk import walk_through

        walk_through(context, data)
    result = record.record_interview(context, data)
    _print_recorded(context, result, output, created=True)


def edit_command(
    ctx: typer.Context,
    interview_id: InterviewId,
    company: Company = None,
    role: Role = None,
    round: RoundOpt = None,
    mode: Mode = None,
    start: Start = None,
    end: End = None,
    minutes: Minutes = None,
    timezone: Zone = None,
    interviewer: People = None,
    topic: Topics = None,
    standout: Standouts = None,
    asked: Asked = None,
    concern: Concerns = None,
    forgot: Forgot = None,
    ask: Ask = None,
    decision: Decision = None,
    decision_note: DecisionNote = None,
    location: Location = None,
    notes: Notes = None,
    industry: Industry = None,
    culture: CultureOpt = None,
    company_timezone: CompanyZone = None,
    company_country: CompanyCountry = None,
    channel: ChannelOpt = None,
    posting_url: PostingUrl = None,
    rename_application: Annotated[
        bool,
        typer.Option(
            "--rename-application",
            help="With --company/--role: rename the application, for all its interviews.",
        ),
    ] = False,
    fmt: Output = "text",
) -> None:
    """Change an interview or its application: only the fields given change.

    A list flag replaces the whole list; give it with an empty value to clear it.
    --topic replaces the interview's general topics and, for each interviewer named
    ("Dana: churn"), that interviewer's topics; the others keep theirs ("Dana:" clears
    Dana's). --company/--role move this interview alone: to the application with that
    company and role, or to a new one when its application has other interviews (an
    application with this interview only is renamed). --rename-application renames the
    application instead, for all its interviews.
    """
    data, output = _interview_input(dict(locals()))
    from followup.services import record_edit

    result = record_edit.edit_interview(
        ctx.obj, interview_id, data, rename_application=rename_application
    )
    _print_recorded(ctx.obj, result, output, created=False)


def _print_recorded(context: AppContext, result: Recorded, output: str, *, created: bool) -> None:
    from zoneinfo import ZoneInfo

    from followup.services.record import NEXT_STEP

    app, iv = result.application, result.interview
    if output == "json":
        from followup.cli.render import emit_json
        from followup.services import serialize

        for note in result.notes:
            sys.stderr.write(f"followup: note: {note}\n")
        stored = context.store.get_interview(iv.id or 0)
        emit_json(
            {
                "application": serialize.application(app),
                "interview": serialize.interview(stored),
                "created_application": result.created_application,
            }
        )
        return
    zone = ZoneInfo(iv.timezone)
    start, end = iv.start.astimezone(zone), iv.end.astimezone(zone)
    verb = "Recorded" if created else "Updated"
    typer.echo(
        f"{verb} interview #{iv.id} (application {app.id}: {app.company} — {app.role}, "
        f"{app.status.value})."
    )
    typer.echo(
        f"  {iv.round.value} round, {iv.format.value}, "
        f"{start:%a %d %b %Y %H:%M}–{end:%H:%M} {iv.timezone}"
    )
    for person in iv.interviewers:
        c = person.contact
        extra = (
            (f", {c.title}" if c.title else "")
            + (f" <{c.email}>" if c.email else "")
            + (f" [{c.timezone}]" if c.timezone else "")
        )
        topics = f" — {'; '.join(person.topics)}" if person.topics else ""
        typer.echo(f"  Interviewer: {c.name}{extra}{topics}")
    for note in result.notes:
        typer.echo(f"Note: {note}")
    if created:
        typer.echo(NEXT_STEP)
        typer.echo(f"Reflect first, while it is fresh: followup reflect {iv.id}")


# reflect / outcome ------------------------------------------------------------------------------


def reflect_command(
    ctx: typer.Context,
    interview_id: InterviewId,
    went_well: Annotated[str | None, _opt("--went-well", help="What went well.")] = None,
    improve: Annotated[str | None, _opt("--improve", help="What could have gone better.")] = None,
    forgot: Annotated[str | None, _opt("--forgot", help="What you forgot to mention.")] = None,
    notes: Annotated[str | None, _opt("--notes", help="Anything else; '-' reads stdin.")] = None,
    fmt: Annotated[str, _opt("--format", "-f", help="Output: text or json.")] = "text",
) -> None:
    """Reflect on an interview (seed 001): what went well, what to improve, what you forgot."""
    from followup.services import record

    output = _output(fmt)
    context: AppContext = ctx.obj
    answers = {
        "went_well": went_well,
        "to_improve": improve,
        "forgotten": forgot,
        "notes": _stdin_text(notes),
    }
    if all(v is None for v in answers.values()):
        current = record.get_reflection(context, interview_id)
        if _interactive():
            from followup.cli.record_walk import prompt

            typer.echo(f"Interview {interview_id}: {_about(current)}.")
            typer.echo("Seed 001: reflect before you write the thank-you. Empty keeps the answer.")
            for key, question in (*record.REFLECTION_QUESTIONS, ("notes", "Other notes?")):
                old = getattr(current.reflection, key, "") if current.reflection else ""
                answers[key] = prompt(question, old or "", lambda v: v, required=False)
        else:
            _print_reflection(current, output)
            return
    saved = record.reflect(context, interview_id, **answers)
    if output == "json":
        _print_reflection(saved, output)
        return
    typer.echo(f"Saved the reflection on interview #{interview_id} ({_about(saved)}).")
    typer.echo(
        "Next: use it in the thank-you notes: mention what went well, "
        "add what you forgot (seed 001)."
    )


def _about(reflected: Reflected) -> str:
    """Which interview this is, so that a wrong ID is noticed: company, role, round, time."""
    from zoneinfo import ZoneInfo

    app, iv = reflected.application, reflected.interview
    start = iv.start.astimezone(ZoneInfo(iv.timezone))
    return (
        f"{app.company} — {app.role}, {iv.round.value} round, "
        f"{start:%a %d %b %Y %H:%M} {iv.timezone}"
    )


def _print_reflection(reflected: Reflected, output: str) -> None:
    from followup.services import record

    reflection = reflected.reflection
    if output == "json":
        from followup.cli.render import emit_json
        from followup.services import serialize

        emit_json({"reflection": serialize.reflection(reflection)})
        return
    typer.echo(f"Interview {reflected.interview.id}: {_about(reflected)}.")
    for key, question in record.REFLECTION_QUESTIONS:
        answer = getattr(reflection, key, "") if reflection else ""
        typer.echo(f"{question}\n  {answer or '(not answered yet)'}")
    if reflection is None or reflection.notes:
        typer.echo(f"Notes\n  {reflection.notes if reflection else '(none)'}")
    typer.echo("Answer with --went-well, --improve and --forgot.")


def outcome_command(
    ctx: typer.Context,
    application_id: ApplicationId,
    outcome: Annotated[
        str, typer.Argument(help="offer, rejected, withdrawn, no-response, or reopen.")
    ],
    fmt: Annotated[str, _opt("--format", "-f", help="Output: text or json.")] = "text",
) -> None:
    """Record how an application ended (offer, rejected, withdrawn, no-response) or reopen it."""
    from followup.services import record

    output = _output(fmt)
    application = record.set_outcome(ctx.obj, application_id, outcome)
    if output == "json":
        from followup.cli.render import emit_json
        from followup.services import serialize

        emit_json({"application": serialize.application(application)})
        return
    typer.echo(
        f"Application {application.id} ({application.company} — {application.role}): "
        f"{application.status.value}."
    )
    advice = {
        "offer": "Next: reply to the offer, and thank everyone who helped.",
        "rejected": "Next: thank them, ask for feedback, reflect, and keep applying (seed 001).",
        "no-response": "Keep applying (seed 001); reopen it if they write.",
    }.get(application.status.value)
    if advice:
        typer.echo(advice)
