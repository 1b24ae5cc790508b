"""`followup draft`: the follow-ups of an application's step, written from the record.

Thin: check the options, call :mod:`followup.services.draft`, print with
:mod:`followup.cli.draft_render`. Two forms (docs/cli.md, docs/draft-context.md)::

    followup draft ID [--kind KIND] [--to NAME] [--interview N] [--variant NAME] [--edit]
                      [--format text|json|eml]
    followup draft --context FILE|- [--kind KIND] [--to NAME] [--variant NAME]
                   [--format text|json|eml]

Only typer and the standard library at module level (`followup --help` stays fast); the
composer, the checker and the store are imported when the command runs.

Exit status: 0 drafts written; 1 every variant had an error (the closest one's findings
on stderr, no draft printed), or an edited draft has one (it is stored and shown); 2 bad
input, a kind the record cannot support yet (saying what to add), a failing editor:
nothing stored, nothing on stdout.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli.render import MAX_ID

if TYPE_CHECKING:
    from followup.domain.compose.model import Composed
    from followup.services.context import AppContext
    from followup.services.draft_write import Editor

FORMATS = ("text", "json", "eml")
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
        typer.Option("--format", "-f", help="Output: text, json or eml.", metavar="FORMAT"),
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
    editor = _editor() if edit else None
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
    else:
        draft_render.print_text(drafted)
    if drafted.errors:
        raise typer.Exit(1)


def _editor() -> Editor:
    """The --edit hook: the draft in a temporary file, opened in the user's editor."""
    import shlex

    from followup.errors import InputError

    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InputError(
                "--edit",
                "there is no terminal to run vi in.",
                fix="Run it in a terminal, or set EDITOR to an editor that needs none.",
            )
        command = "vi"
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise InputError("--edit", f"cannot read the editor command {command!r}: {exc}.") from None
    if not argv:
        raise InputError("--edit", "EDITOR is blank.", fix="Set EDITOR to your editor.")

    def edit(composed: Composed) -> str:
        return _run_editor(argv, composed)

    return edit


def _run_editor(argv: list[str], composed: Composed) -> str:
    """The edited text; InputError (nothing stored) when the editor fails or empties it."""
    import subprocess
    import tempfile
    from pathlib import Path

    from followup.errors import InputError

    who = composed.to.name.split()[0] if composed.to is not None and composed.to.name else "draft"
    safe = "".join(c if c.isalnum() else "-" for c in who)[:40]
    with tempfile.TemporaryDirectory(prefix="followup-") as folder:
        path = Path(folder) / f"{composed.kind.value}-{safe}.txt"
        path.write_text(composed.text, encoding="utf-8")
        # A JSON or .eml reader on stdout must get only the output: the editor draws on stderr.
        screen = None if sys.stdout.isatty() else sys.stderr
        try:
            done = subprocess.run([*argv, str(path)], stdout=screen, check=False)
        except OSError as exc:
            raise InputError(
                "--edit",
                f"cannot run the editor {argv[0]!r}: {exc.strerror or exc}.",
                fix="Set VISUAL or EDITOR to an editor on your PATH.",
            ) from None
        if done.returncode != 0:
            raise InputError(
                "--edit",
                f"the editor {argv[0]!r} exited with status {done.returncode}; nothing was saved.",
            )
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                "--edit", f"the edited draft cannot be read ({exc}); nothing was saved."
            ) from None
    if not text.strip():
        raise InputError("--edit", "the draft was left empty; nothing was saved.")
    first, _, rest = text.lstrip().partition("\n")
    if first.lower().startswith("subject:") and not rest.strip():
        raise InputError(
            "--edit",
            "the edited draft has a subject and no body; nothing was saved.",
            fix="Keep the message under the subject line.",
        )
    return _sound(text)


#: The longest edited draft (validate.MAX_TEXT): a follow-up, not a file pasted by mistake.
MAX_EDITED = 20_000


def _control(char: str) -> bool:
    """A control character, line separator or text-direction override (as validate has them)."""
    import unicodedata

    return unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _OVERRIDES


_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")


def _sound(text: str) -> str:
    """The edited text when it can be stored and shown: bounded, no control characters."""
    from followup.errors import InputError

    if len(text) > MAX_EDITED:
        raise InputError(
            "--edit",
            f"the edited draft is {len(text):,} characters long; a follow-up is at most "
            f"{MAX_EDITED:,}; nothing was saved.",
            fix="Shorten it and run the command again.",
        )
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        # A NUL or a terminal escape would be stored, then replayed on the user's screen.
        bad = next((c for c in line if c != "\t" and _control(c)), None)
        if bad is not None:
            raise InputError(
                "--edit",
                f"the edited draft contains a control character (U+{ord(bad):04X}) on line "
                f"{number}; nothing was saved.",
                fix="Remove it and run the command again.",
            )
    return text
