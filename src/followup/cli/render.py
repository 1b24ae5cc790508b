"""Output helpers shared by every command: JSON, fast tables, key-value blocks.

Human output may change between versions; JSON output is a contract (see docs/cli.md).
Tables are laid out here rather than with rich.table: a thousand-row pipeline must print
in a few milliseconds, and Rich's table measures every cell several times.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import IO, Annotated, Any

import typer

FORMATS = ("text", "json")
#: The largest ID a database stores (a 32-bit integer column on PostgreSQL).
MAX_ID = 2**31 - 1

#: The ID arguments: out of range is a usage error (exit 2), never an overflow.
ApplicationId = Annotated[
    int,
    typer.Argument(
        help="The application's ID (see `list`).", min=1, max=MAX_ID, metavar="APPLICATION_ID"
    ),
]
InterviewId = Annotated[
    int,
    typer.Argument(
        help="The interview's number: #N in `list` and `show`; `add` prints it.",
        min=1,
        max=MAX_ID,
        metavar="INTERVIEW_ID",
    ),
]

#: Use as ``fmt: Annotated[str, FormatOption] = "text"``.
FormatOption = typer.Option("--format", "-f", help="Output format: text or json.", metavar="FORMAT")


def check_format(value: str) -> str:
    """Validate a --format value."""
    value = value.lower()
    if value not in FORMATS:
        raise typer.BadParameter(f"{value!r} is not one of: {', '.join(FORMATS)}.")
    return value


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(data: Any) -> str:
    """JSON text for machine output: stable key order as given, UTF-8, no NaN."""
    return json.dumps(data, default=_default, ensure_ascii=False, indent=2, allow_nan=False)


def emit_json(data: Any, out: IO[str] | None = None) -> None:
    """Write a JSON document to stdout, as UTF-8 whatever the locale (RFC 8259).

    A latin-1 or ASCII stdout would otherwise fail on a name in Greek, after the command
    has done its work.
    """
    if out is not None:
        out.write(dumps(data) + "\n")
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a stream without bytes underneath (a test's StringIO)
        sys.stdout.write(dumps(data) + "\n")
        return
    buffer.write(dumps(data).encode("utf-8") + b"\n")
    buffer.flush()


def color_enabled(out: IO[str] | None = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    stream = out or sys.stdout
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def width(text: str) -> int:
    """Terminal cells a string takes.

    Wide East Asian characters and emoji count double; combining marks, invisible format
    characters and the parts of an emoji joined by ZWJ after the first count nothing.
    """
    if text.isascii():
        return len(text)
    total, joined = 0, False
    for ch in text:
        total += 0 if joined else _cells(ch)
        joined = ch == "\u200d"
    return total


def _cells(ch: str) -> int:
    if unicodedata.category(ch) in ("Mn", "Me", "Cf") or "\ufe00" <= ch <= "\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def clip(text: str, limit: int) -> str:
    """Cut text to ``limit`` cells, ending with an ellipsis when cut."""
    text = " ".join(text.split())
    if width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = _cells(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    out: IO[str] | None = None,
    max_widths: Sequence[int] | None = None,
) -> None:
    """Print an aligned table: a bold header on a terminal, plain text in a pipe."""
    stream = out or sys.stdout
    limits = list(max_widths or [60] * len(headers))
    cells = [[clip(str(c), limits[i]) for i, c in enumerate(row)] for row in rows]
    sizes = [width(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            sizes[i] = max(sizes[i], width(cell))
    bold, reset = ("\x1b[1m", "\x1b[0m") if color_enabled(stream) else ("", "")

    def line(values: Sequence[str]) -> str:
        parts = [v + " " * (sizes[i] - width(v)) for i, v in enumerate(values)]
        return "  ".join(parts).rstrip()

    chunks = [bold + line(list(headers)) + reset]
    chunks.extend(line(row) for row in cells)
    stream.write("\n".join(chunks) + "\n")


def fields(pairs: Iterable[tuple[str, Any]], *, out: IO[str] | None = None) -> None:
    """Print labelled values, one per line, skipping empty ones; multi-line values indented."""
    stream = out or sys.stdout
    items = [(k, v) for k, v in pairs if v not in (None, "", (), [])]
    if not items:
        return
    pad = max(width(k) for k, _ in items) + 2
    bold, reset = ("\x1b[1m", "\x1b[0m") if color_enabled(stream) else ("", "")
    for key, value in items:
        if isinstance(value, list | tuple):
            value = "\n".join(f"- {v}" for v in value)
        text = str(value).replace("\n", "\n" + " " * pad)
        stream.write(f"{bold}{key}{reset}{' ' * (pad - width(key))}{text}\n")
