"""Reading a job tracker's CSV export (Huntr, Teal, a spreadsheet) into applications.

Columns are recognized by their header (``Company``, ``Job Title``, ``Status``...) or named
with ``--map field=Column Header``; tracker statuses become followup's; every value goes
through :mod:`followup.domain.validate`. Errors name the CSV row, counting the header as
row 1, and the column. Pure: text in, records or errors out; no database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from followup.errors import InputError
from followup.services.tracker_rows import (
    CsvRowError,
    Options,
    TrackerRow,
    convert,
    day_first,
    normalize,
)

#: The fields a CSV column can fill, and the headers that name each one (normalized).
FIELDS: dict[str, tuple[str, ...]] = {
    "company": ("company", "company name", "employer", "organization", "organisation"),
    "role": ("job title", "title", "position", "role", "job position", "job", "job role"),
    "status": ("status", "stage", "job status", "application status", "list"),
    "posting_url": ("url", "job url", "link", "posting url", "job link", "job posting url"),
    "applied_on": ("date applied", "applied", "applied on", "application date", "applied date"),
    "notes": ("notes", "note", "comments", "comment"),
    "location": ("location", "job location"),
    "industry": ("industry", "sector"),
    "interview_at": ("interview date", "interview", "next interview", "interview time"),
    "interview_round": ("interview round", "round"),
    "interview_format": ("interview format", "interview type"),
}
REQUIRED = ("company", "role")


def read_table(name: str, text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the numbered rows of a CSV text (delimiter , ; tab or |, sniffed)."""
    if "\x00" in text:
        raise InputError(
            "import", f"{name} is not a CSV file (it holds binary data).", fix=_CSV_FIX
        )
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise InputError("import", f"{name} is empty.", fix=_CSV_FIX)
    try:
        delimiter = csv.Sniffer().sniff(first, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append((number, cells))
    except csv.Error as exc:
        raise InputError(
            "import", f"{name} row {len(rows) + 1} is not valid CSV ({exc}).", fix=_CSV_FIX
        ) from None
    while rows and not any(c.strip() for c in rows[0][1]):
        rows.pop(0)
    if not rows:
        raise InputError("import", f"{name} has no header row.", fix=_CSV_FIX)
    header = [cell.strip() for cell in rows[0][1]]
    return header, rows[1:]


#: How many bad rows one error message lists.
_LISTED = 10
_CSV_FIX = "Export the tracker as CSV (UTF-8), with one header row, and import that file."


def resolve_columns(name: str, header: list[str], mapping: Mapping[str, str]) -> dict[str, int]:
    """Which column fills which field: ``--map`` first, then recognized headers."""
    for key in mapping:
        if key not in FIELDS:
            raise InputError(
                "--map",
                f"{key!r} is not a field an import can fill.",
                fix=f"Use one of: {', '.join(FIELDS)}.",
            )
    by_header: dict[str, int] = {}
    for index, title in enumerate(header):
        if title.strip() and normalize(title) in by_header:
            # Two columns of one name: which one holds the company? Guessing could swap data.
            raise InputError(
                "import",
                f"{name} has two columns named {title.strip()!r} "
                f"(columns {by_header[normalize(title)] + 1} and {index + 1}).",
                fix="Rename one of them in the file, then import it again.",
            )
        by_header[normalize(title)] = index
    columns: dict[str, int] = {}
    for key, title in mapping.items():
        if not title.strip():
            continue  # `--map notes=` leaves the field out
        if normalize(title) not in by_header:
            raise InputError(
                "--map",
                f"{name} has no column {title!r} (for {key}).",
                fix=f"Its columns are: {', '.join(header)}.",
            )
        columns[key] = by_header[normalize(title)]
    taken = set(columns.values())
    for key, names in FIELDS.items():
        if key in mapping:
            continue
        found = next(
            (by_header[n] for n in names if n in by_header and by_header[n] not in taken), None
        )
        if found is not None:
            columns[key] = found
            taken.add(found)
    for key in REQUIRED:
        if key not in columns:
            raise InputError(
                "import",
                f"{name} has no column for {key} (its columns are: {', '.join(header)}).",
                fix=f"Name it with --map {key}='Column Header'.",
            )
    return columns


def parse(
    name: str, text: str, mapping: Mapping[str, str], options: Options
) -> tuple[list[str], dict[str, int], list[TrackerRow]]:
    """(header, field -> column index, rows) of a whole CSV text, every row validated.

    Raises one InputError for all the bad rows (the first in full, then a list), so a
    user fixes the file in one pass. Sets ``options.day_first`` from the file's dates.
    """
    header, rows = read_table(name, text)
    columns = resolve_columns(name, header, mapping)
    for number, cells in rows:
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            raise CsvRowError(
                name,
                number,
                f"column {len(header) + 1}",
                f"the row has {len(cells)} cells but the header names {len(header)} columns.",
                "Give every column a header, or remove the extra cells.",
            )
    filled = [
        (
            number,
            {key: (header[i], cells[i] if i < len(cells) else "") for key, i in columns.items()},
        )
        for number, cells in rows
        if any(c.strip() for c in cells)
    ]
    options.day_first = day_first(
        name,
        [
            (number, *values[key])
            for number, values in filled
            for key in ("applied_on", "interview_at")
            if key in values
        ],
    )
    records: list[TrackerRow] = []
    errors: list[CsvRowError] = []
    for number, values in filled:
        try:
            records.append(convert(name, number, values, options))
        except CsvRowError as exc:
            errors.append(exc)
    if errors:
        raise _combined(errors)
    return header, columns, records


def _combined(errors: list[CsvRowError]) -> CsvRowError:
    """One error for every bad row: the first in full, then a list of the others."""
    first = errors[0]
    if len(errors) == 1:
        return first
    lines = [f"  row {e.row}, column {e.column!r}: {e.problem}" for e in errors[1 : _LISTED + 1]]
    if len(errors) > _LISTED + 1:
        lines.append(f"  ... and {len(errors) - _LISTED - 1} more.")
    fix = [
        *([first.fix] if first.fix else []),
        f"{len(errors) - 1} other rows have problems too:",
        *lines,
        "Nothing was imported; --dry-run checks a file without writing.",
    ]
    return CsvRowError(first.name, first.row, first.column, first.problem, "\n".join(fix))
