"""The human output of `followup check`: the draft with its problems marked, then each one.

Each finding gets a number; the number appears in the text where the problem is (after a
short span, before a long one) and the span is underlined in the finding's colour, so the
marks survive a pipe or NO_COLOR as well as a terminal. Below: each finding's severity,
rule, line:column, the text it points at, why, and the fix; then the score, what lowered
it and the metrics. Human output may change between versions; the JSON does not.

Control characters of the draft are shown as symbols (a draft must not drive the
terminal); a draft of more than :data:`MAX_LINES` lines shows only the lines with a mark.
Imported only when text output is printed: Rich costs start-up time the JSON does not pay.
"""

from __future__ import annotations

import bisect
import re
import sys
import textwrap
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from followup.domain.check.model import Finding, Report

#: Drafts longer than this show only their marked lines.
MAX_LINES = 200
#: Characters of one line shown (a megabyte on one line is no draft to read).
MAX_WIDTH = 5_000
#: Spans longer than this are not underlined (a rule about the whole draft): marked at start.
LONG_SPAN = 120
_BREAK = re.compile(r"\r\n|\r|\n")
# Control characters, line and paragraph separators (not line breaks to the checker) and
# text-direction marks, overrides and isolates: each would break or reorder a shown line.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SPAN_STYLE = {"error": "red underline", "warning": "yellow underline", "info": "cyan underline"}


def _visible(text: str) -> str:
    """Control characters as printable ones, one for one (offsets stay valid)."""
    return _CONTROL.sub(lambda m: "\u2400" if m.group() == "\x00" else "\ufffd", text)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its line ending."""
    out, start = [], 0
    for m in _BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    if start < len(text) or not out:  # a final line break ends the last line, opens none
        out.append((start, len(text)))
    return out


def _mark_at(f: Finding) -> int:
    short = 0 < f.end - f.start <= LONG_SPAN
    return f.end if short else f.start


def print_report(text: str, report: Report, console: Console | None = None) -> None:
    """Print the marked draft, the findings, the score and the metrics."""
    if console is None and hasattr(sys.stdout, "reconfigure"):
        # A terminal that cannot show a character (an ASCII or latin-1 locale) gets "?" for
        # it: human output, better shown in part than a traceback after the check was done.
        sys.stdout.reconfigure(errors="replace")
    out = console or Console(highlight=False, emoji=False)
    lines = _lines(text)
    starts = [s for s, _ in lines]
    findings = report.findings
    marks: dict[int, list[tuple[int, int]]] = {}
    for number, f in enumerate(findings, start=1):
        at = _mark_at(f)
        row = bisect.bisect_right(starts, at) - 1
        marks.setdefault(row, []).append((at - lines[row][0], number))
    shown = range(len(lines)) if len(lines) <= MAX_LINES else sorted(marks)
    gutter = len(str(len(lines)))
    # Wrapped here so that a long line continues right of its number (and Rich pads nothing).
    room = max(20, out.width - gutter - 3)
    previous = -1
    for row in shown:
        if previous >= 0 and row != previous + 1:
            out.print(Text(" " * gutter + " ┆", style="dim"))
        previous = row
        start, end = lines[row]
        marked = _marked(text, start, end, findings, marks.get(row, []))
        for index, part in enumerate(marked.wrap(out, room, overflow="fold") or [Text("")]):
            label = str(row + 1) if index == 0 else ""
            line = Text(f"{label:>{gutter}} │ ", style="dim")
            line.append_text(part)
            line.rstrip()
            out.print(line, soft_wrap=True)
    if len(lines) > MAX_LINES:
        out.print(Text(f"({len(lines):,} lines; only those with a finding are shown)", "dim"))
    out.print()
    for number, f in enumerate(findings, start=1):
        _finding(out, text, lines, starts, number, f)
    if findings:
        out.print()
    _score(out, report)


def _marked(
    text: str, start: int, end: int, findings: tuple[Finding, ...], marks: list[tuple[int, int]]
) -> Text:
    """One line of the draft with its spans underlined and the finding numbers in place."""
    cut = min(end, start + MAX_WIDTH)
    body = Text(_visible(text[start:cut]))
    order = {"info": 0, "warning": 1, "error": 2}  # errors styled last: their colour shows
    for f in sorted(findings, key=lambda f: order[f.severity.value]):
        if 0 < f.end - f.start <= LONG_SPAN and f.start < cut and f.end > start:
            body.stylize(
                SPAN_STYLE[f.severity.value], max(f.start, start) - start, min(f.end, cut) - start
            )
    if cut < end:
        body.append("…", style="dim")
    if not marks:
        return body
    positions = sorted({min(at, cut - start) for at, _ in marks})
    pieces = body.divide(positions)  # len(positions) + 1 pieces, empty ones included
    joined = Text()
    by_position: dict[int, list[int]] = {}
    for at, number in marks:
        by_position.setdefault(min(at, cut - start), []).append(number)
    for index, piece in enumerate(pieces):
        joined.append_text(piece)
        if index < len(positions):
            for number in by_position[positions[index]]:
                severity = findings[number - 1].severity.value
                joined.append(f"⟨{number}⟩", style=SEVERITY_STYLE[severity])
    return joined


def _finding(
    out: Console,
    text: str,
    lines: list[tuple[int, int]],
    starts: list[int],
    number: int,
    f: Finding,
) -> None:
    row = bisect.bisect_right(starts, f.start) - 1
    column = f.start - lines[row][0] + 1
    head = Text()
    head.append(f"⟨{number}⟩ ", style=SEVERITY_STYLE[f.severity.value])
    head.append(f"{f.severity.value:<7} ", style=SEVERITY_STYLE[f.severity.value])
    head.append(f.rule, style="bold")
    head.append(f"  {row + 1}:{column}", style="dim")
    quoted = " ".join(text[f.start : f.end].split())
    if quoted and f.end - f.start <= LONG_SPAN:
        head.append(f"  “{_visible(quoted[:60])}{'…' if len(quoted) > 60 else ''}”")
    out.print(head)
    # Wrapped here, not by Rich: its wrapped lines come padded with spaces to the width.
    width, pad = max(40, out.width - 1), "    "
    out.print(Text(textwrap.fill(f.message, width, initial_indent=pad, subsequent_indent=pad)))
    if f.suggestion:
        fix = Text("    fix: ", style="dim")
        # A suggestion of several lines (a sign-off and a name) keeps its lines, indented.
        fix.append(_visible(f.suggestion).replace("\n", "\n" + " " * 9), style="green")
        out.print(fix)


def _score(out: Console, report: Report) -> None:
    style = "green" if report.score >= 80 else "yellow" if report.score >= 50 else "red"
    count = len(report.findings)
    found = "no findings" if not count else f"{count} finding{'s' if count != 1 else ''}"
    line = Text("Score ", style="bold")
    line.append(f"{report.score}/100", style=f"bold {style}")
    line.append(f" ({found}, {report.errors} error{'s' if report.errors != 1 else ''})")
    out.print(line)
    for reason in report.account:
        out.print(Text(f"  {reason}", style="dim"))
    m = report.metrics
    out.print(f"Words {m.words} · politeness {m.politeness:.2f} · reading grade {m.grade:.1f}")
