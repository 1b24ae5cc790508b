"""`followup draft --edit`: each draft opened in the user's editor, what is saved read back.

The draft goes into a temporary file named after its kind and reader; the editor runs on
it (its screen on stderr when stdout is a pipe, so a JSON or .eml reader gets only the
output); what is saved must be a draft that can be stored and shown: not empty, not a
subject alone, at most 20,000 characters, no control character. Any failure is an
InputError (exit 2) and nothing is stored: the drafts are stored only after every edit.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.domain.compose.model import Composed
    from followup.services.draft_write import Editor


def editor_hook() -> Editor:
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
