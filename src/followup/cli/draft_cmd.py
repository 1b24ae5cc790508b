"""`followup draft`: the follow-ups of an application's step, written from the record.

Thin: check the options, call :mod:`followup.services.draft`, print with
:mod:`followup.cli.draft_render`. Two forms (docs/cli.md, docs/draft-context.md)::

    followup draft ID [--kind KIND] [--to NAME] [--interview N] [--variant NAME] [--edit]
                      [--format text|json|eml|mailto]
    followup draft --context FILE|- [--kind KIND] [--to NAME] [--variant NAME]
                   [--format text|json|eml|mailto]

Only typer and the standard library at module level (`followup --help` stays fast); the
composer, the checker and the store are imported when the command runs.

Exit status: 0 drafts written; 1 every variant had an error (the closest one's findings
on stderr, no draft printed), or an edited draft has one (it is stored and shown); 2 bad
input, a kind the record cannot support yet (saying what to add), a failing editor:
nothing stored, nothing on stdout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli.render import MAX_ID

if TYPE_CHECKING:
    from followup.services.context import AppContext

FORMATS = ("text", "json", "eml", "mailto")
_KINDS = (
    "thank-you, panel-note, linkedin, check-in, additional-info, address-concern, "
    "close-the-loop, availability-request, call, voicemail, card"
)


def register(app: typer.Typer) -> None:
    """Add the draft command."""
    app.command("draft")(draft_command)


def draft_command(
    ctx: typer.Context,
    application: Annotated[
        int | None,
        typer.Argument(
            help="The application's ID (see `list`).",
            min=1,
            max=MAX_ID,
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help=f"What to draft: {_KINDS} (default: the next planned step's kind).",
            metavar="KIND",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="One interviewer (full or first name); default: everyone the kind thanks.",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    interview: Annotated[
        int | None,
        typer.Option(
            "--interview",
            help="Which interview (#N in `show`); default: the latest.",
            min=1,
            max=MAX_ID,
            metavar="N",
            show_default=False,
        ),
    ] = None,
    variant: Annotated[
        str | None,
        typer.Option(
            "--variant",
            help="Use this variant (1, 2, ... or your template's name) instead of the best.",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    edit: Annotated[
        bool,
        typer.Option("--edit", help="Open each draft in $VISUAL/$EDITOR, then check it again."),
    ] = False,
    context_file: Annotated[
        str | None,
        typer.Option(
            "--context",
            help="Draft from a CONTEXT.json instead ('-': stdin); nothing is stored.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="Output: text, json, eml or mailto.", metavar="FORMAT"),
    ] = None,
) -> None:
    """Draft a follow-up from the record: one note per interviewer, each checked.

    Writes the next planned step's follow-up (or --kind) from what was said in the
    interview, picks each draft's best-scoring variant, and stores it on its step.
    """
    from followup.errors import InputError

    context: AppContext = ctx.obj
    chosen = (fmt or "text").strip().lower()
    if chosen not in FORMATS:
        raise InputError(
            "--format", f"{fmt!r} is not one of: {', '.join(FORMATS)}.", fix="Give one."
        )
    if chosen == "mailto" and kind is not None:
        _email_kind(kind, application)
    if context_file is not None:
        for name, value in (("ID", application), ("--interview", interview)):
            if value is not None:
                raise InputError(
                    name,
                    "does not go with --context: the interview comes from the file.",
                    fix="Give one of them.",
                )
        if edit:
            raise InputError(
                "--edit",
                "goes with an application ID: with --context nothing is stored.",
                fix="Leave it out, or draft from the record.",
            )
    elif application is None:
        raise InputError(
            "ID", "is missing.", fix="Give an application ID (see `followup list`) or --context."
        )
    if edit:
        from followup.cli.draft_edit import editor_hook

        editor = editor_hook()
    else:
        editor = None
    from followup.cli import draft_render
    from followup.services.draft import draft_context, draft_record
    from followup.services.draft_write import DraftFailed

    single = chosen == "eml"  # an .eml holds one message
    try:
        if context_file is not None:
            drafted = draft_context(
                context, context_file, kind=kind, to=to, variant=variant, single=single
            )
        else:
            assert application is not None
            drafted = draft_record(
                context,
                application,
                kind=kind,
                to=to,
                interview=interview,
                variant=variant,
                single=single,
                edit=editor,
            )
    except DraftFailed as exc:
        draft_render.print_failure(exc)
        raise typer.Exit(1) from None

    if chosen == "json":
        draft_render.print_json(drafted)
    elif chosen == "eml":
        draft_render.print_eml(drafted, context.clock())
    elif chosen == "mailto":
        draft_render.print_mailto(drafted)
    else:
        draft_render.print_text(drafted)
    if drafted.errors:
        raise typer.Exit(1)


def _email_kind(kind: str, application: int | None) -> None:
    """A ``mailto:`` link opens an email: refuse a kind that is not one before drafting."""
    from followup.domain.compose.model import SPECS, Shape
    from followup.errors import InputError
    from followup.services.draft_input import parse_kind

    parsed = parse_kind(kind, application)
    if parsed is not None and SPECS[parsed].shape is not Shape.EMAIL:
        raise InputError(
            "--format",
            f"a {parsed.value} is not an email: a mailto link does not fit it.",
            fix="Use --format text or json.",
        )
