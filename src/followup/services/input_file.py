"""Reading a file named on the command line, or stdin: the checks every reader shares.

`check FILE`, `check --batch FILE`, and `--context FILE` of `plan` and `check` read one
file each. A path that names a directory, a missing file or one that cannot be read is an
InputError (exit 2) naming the option; a path is shown escaped when it holds a control
character. Only the standard library: the draft reader must not slow the cold start.
"""

from __future__ import annotations

import sys
from pathlib import Path

from followup.errors import InputError


def local_path(path: str) -> Path:
    """``path`` with a leading ``~`` expanded; as written when that names no known home.

    The shell leaves ``~nosuchuser/x`` as it is; Path.expanduser would raise on it.
    """
    try:
        return Path(path).expanduser()
    except RuntimeError:
        return Path(path)


def shown(path: Path | str) -> str:
    """A path as a message may print it: quoted and escaped when it holds a control character.

    A file name is input too: printed raw, an escape sequence in it would drive the terminal
    and a line break would split the one-line message.
    """
    text = str(path)
    return text if text.isprintable() else repr(text)


def read_bytes(field: str, path: str, limit: int, what: str) -> tuple[str, bytes]:
    """The name to show and at most ``limit + 1`` bytes of ``path`` (``-``: stdin).

    ``field`` names the option in the InputError (exit 2) of a path that cannot be read;
    ``what`` is the kind of file it should be ("a JSON file"). The caller judges the size.
    """
    if not path.strip():  # Path("") is the current directory
        raise InputError(field, "is empty.", fix=f"Give {what}, or - for stdin.")
    if path == "-":
        return "stdin", sys.stdin.buffer.read(limit + 1)
    file = local_path(path)
    name = shown(file)
    if file.is_dir():
        raise InputError(field, f"{name} is a directory.", fix=f"Give {what}.")
    try:
        with file.open("rb") as stream:
            return name, stream.read(limit + 1)
    except FileNotFoundError:
        raise InputError(field, f"{name} does not exist.", fix="Check the path.") from None
    except OSError as exc:
        raise InputError(field, f"cannot read {name}: {exc.strerror}.") from None
