"""Export and import: the lossless JSON backup, and CSV exports of job trackers.

Every import validates the whole file before it writes anything and writes in one
transaction, with the plan of the imported active applications (so `followup list` shows
their next steps at once): a bad row, an error or an interruption leaves the database as
it was. A dry run validates and counts, and writes nothing.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from followup.domain import validate
from followup.domain.model import Status
from followup.errors import InputError, StorageError
from followup.services import tracker_csv, tracker_rows
from followup.services.context import AppContext

#: The file name meaning standard input or output.
STDIO = "-"


# Export -----------------------------------------------------------------------------


def export_json(
    ctx: AppContext,
    target: str | Path | None = None,
    *,
    force: bool = False,
    out: IO[str] | None = None,
) -> dict[str, Any]:
    """Write the whole database as a JSON backup to ``target`` (a path, or ``-``/None: stdout).

    A file is written atomically (a temporary file beside it, then a rename) and never
    replaces an existing file unless ``force``. Returns where it went and the row counts.
    """
    from followup.adapters.store import backup

    path = None if target is None or str(target) == STDIO else Path(target).expanduser()
    if path is not None:
        _check_target(path, force=force)
    with ctx.store.reading() as conn:
        data = backup.dump(conn)
    text = backup.to_json(data)
    if path is None:
        (out or sys.stdout).write(text)
    else:
        write_atomically(path, text)
    return {
        "file": None if path is None else str(path),
        "tables": {name: len(rows) for name, rows in data["tables"].items()},
    }


def _check_target(path: Path, *, force: bool) -> None:
    if path.is_dir():
        raise InputError(
            "FILE", f"{path} is a directory.", fix="Give a file name, such as backup.json."
        )
    if path.exists() and not force:
        raise InputError(
            "FILE",
            f"{path} already exists.",
            fix="Add --force to replace it, or give another file name.",
        )
    if not path.parent.is_dir():
        raise InputError(
            "FILE", f"the directory {path.parent} does not exist.", fix="Create it first."
        )


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new, never half.

    The file is readable by its owner only: a backup holds everything about a job search.
    """
    try:
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise StorageError(
            f"cannot write in {path.parent}: {exc.strerror}.", fix="Choose a writable place."
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, path)
    except BaseException as exc:
        Path(partial).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StorageError(
                f"cannot write {path}: {exc.strerror}.", fix="Check the disk and try again."
            ) from None
        raise


# Import -----------------------------------------------------------------------------


def import_file(
    ctx: AppContext,
    path: str | Path,
    *,
    kind: str | None = None,
    dry_run: bool = False,
    mapping: Mapping[str, str] | None = None,
    defaults: Mapping[str, str] | None = None,
    status_map: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Import a JSON backup or a tracker CSV; ``kind`` None detects it from name and content."""
    name, text = read_text(path)
    if kind is None:
        kind = detect_kind(name, text)
    if kind == "json":
        if mapping or defaults or status_map:
            raise InputError(
                "--map",
                "--map, --default and --status-map apply to a CSV import only.",
                fix="Add --csv if the file is a CSV export.",
            )
        return _import_json_text(ctx, name, text, dry_run=dry_run)
    return _import_csv_text(ctx, name, text, mapping or {}, dry_run, defaults or {}, status_map)


def import_json(ctx: AppContext, path: str | Path, dry_run: bool = False) -> dict[str, Any]:
    """Import a backup made by :func:`export_json`: restore into an empty database, or merge.

    Returns ``{"file", "kind": "json", "mode": "restore"|"merge", "dry_run",
    "tables": {table: {"inserted": n, "skipped": m}}}``.
    """
    name, text = read_text(path)
    return _import_json_text(ctx, name, text, dry_run=dry_run)


def import_csv(
    ctx: AppContext,
    path: str | Path,
    mapping: Mapping[str, str] | None = None,
    dry_run: bool = False,
    defaults: Mapping[str, str] | None = None,
    status_map: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Import a job tracker's CSV export as applications (and interviews) of the profile.

    ``mapping`` names columns (field -> header); other fields are recognized by their
    header. ``defaults`` (field -> value) fill empty cells; ``timezone`` among them sets
    the zone of interview times without an offset (default: the profile's).
    ``status_map`` (tracker status -> ours) adds to the statuses recognized. Rows with
    the company and role of an application already stored (or of an earlier row) are
    skipped and reported.
    """
    name, text = read_text(path)
    return _import_csv_text(ctx, name, text, mapping or {}, dry_run, defaults or {}, status_map)


#: The largest file an import reads: a backup of thousands of interviews is a few MB; the
#: cap keeps `import -` on an endless stream from filling the memory.
MAX_IMPORT_BYTES = 200_000_000


def read_text(path: str | Path) -> tuple[str, str]:
    """(display name, text) of a UTF-8 file (a BOM is fine) or of stdin for ``-``."""
    if str(path) == STDIO:
        name, raw = "stdin", sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
    else:
        file = Path(path).expanduser()
        name = file.name
        if file.is_dir():
            raise InputError("FILE", f"{file} is a directory.", fix="Give the file to import.")
        try:
            with file.open("rb") as stream:
                raw = stream.read(MAX_IMPORT_BYTES + 1)
        except FileNotFoundError:
            raise InputError("FILE", f"{file} does not exist.", fix="Check the path.") from None
        except OSError as exc:
            raise InputError("FILE", f"cannot read {file}: {exc.strerror}.") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise InputError(
            "import",
            f"{name} is larger than {MAX_IMPORT_BYTES // 1_000_000} MB, far beyond any job "
            "search's backup; it was not read to its end.",
            fix="Check that this is the right file.",
        )
    try:
        return name, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "import",
            f"{name} is not UTF-8 text (line {line} has the byte {raw[exc.start]:#04x}).",
            fix="Save it as UTF-8 (in a spreadsheet: Save As > CSV UTF-8) and import it again.",
        ) from None


def detect_kind(name: str, text: str) -> str:
    """``json`` or ``csv``: by the file's extension, else by its first character."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".csv", ".tsv"):
        return "csv"
    return "json" if text.lstrip().startswith(("{", "[")) else "csv"


def _import_json_text(ctx: AppContext, name: str, text: str, *, dry_run: bool) -> dict[str, Any]:
    from followup.adapters.store import backup

    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            "import",
            f"{name} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
            fix="Give a file written by `followup export`, or add --csv for a CSV export.",
        ) from None
    except (ValueError, RecursionError):
        raise InputError(
            "import", f"{name} is not a followup backup.", fix="Give a file from `followup export`."
        ) from None
    from followup.services.refresh import refresh_imported, snapshot

    store = ctx.store
    with store.batch():  # the load and the re-plan of what it brought: one transaction
        before = snapshot(ctx)
        with store.transaction() as conn:
            result = backup.load(conn, data, dry_run=dry_run)
        if not dry_run:
            uids = [row["uid"] for row in data["tables"]["applications"]]
            refresh_imported(ctx, store.applications_by_uid(uids), before)
    return {
        "file": name,
        "kind": "json",
        "mode": result.mode,
        "dry_run": dry_run,
        "tables": result.counts(),
    }


def _no_constant(value: str) -> None:
    raise ValueError(f"{value} is not a JSON number")


def _import_csv_text(
    ctx: AppContext,
    name: str,
    text: str,
    mapping: Mapping[str, str],
    dry_run: bool,
    defaults: Mapping[str, str],
    status_map: Mapping[str, str] | None,
) -> dict[str, Any]:
    profile = ctx.profile()
    assert profile.id is not None
    options = tracker_rows.Options(
        profile_id=profile.id,
        timezone=validate.timezone(
            "--default timezone", defaults.get("timezone") or profile.timezone
        ),
        interview_minutes=int(ctx.settings["interview_minutes"]),
        status_map=_status_map(status_map or {}),
        defaults=_defaults(defaults),
    )
    header, columns, records = tracker_csv.parse(name, text, mapping, options)
    known = {
        (a.company.casefold(), a.role.casefold()): a.id for a in ctx.store.applications(profile.id)
    }
    fresh, skipped = [], []
    seen: dict[tuple[str, str], int] = {}
    for record in records:
        app = record.application
        key = (app.company.casefold(), app.role.casefold())
        if key in known:
            reason = f"already in the database (application {known[key]})"
        elif key in seen:
            reason = f"same company and role as row {seen[key]}"
        else:
            seen[key] = record.row
            fresh.append(record)
            continue
        skipped.append(
            {"row": record.row, "company": app.company, "role": app.role, "reason": reason}
        )
    if not dry_run and fresh:
        _write(ctx, fresh)
    interviews = sum(1 for r in fresh if r.interview is not None)
    return {
        "file": name,
        "kind": "csv",
        "dry_run": dry_run,
        "columns": {key: header[i] for key, i in columns.items()},
        "ignored_columns": [h for i, h in enumerate(header) if i not in columns.values() and h],
        "date_order": "day/month/year" if options.day_first else "month/day/year",
        "tables": {
            "applications": {"inserted": len(fresh), "skipped": len(skipped)},
            "interviews": {"inserted": interviews, "skipped": 0},
        },
        "skipped": skipped,
    }


def _write(ctx: AppContext, records: list[tracker_rows.TrackerRow]) -> None:
    """Store every record and plan the active ones, in one transaction: all rows, or none."""
    from followup.services.refresh import replanning

    store = ctx.store
    with replanning(ctx) as changed:
        store.add_records([(r.application, r.interview) for r in records])
        profile_id = records[0].application.profile_id
        assert profile_id is not None
        fresh = {(r.application.company.casefold(), r.application.role.casefold()) for r in records}
        for application in store.applications(profile_id):
            key = (application.company.casefold(), application.role.casefold())
            if key in fresh and application.status.active:
                changed.add(application.id)


def _status_map(pairs: Mapping[str, str]) -> dict[str, Status]:
    out = {}
    for theirs, ours in pairs.items():
        out[tracker_rows.normalize(theirs)] = validate.choice(
            f"--status-map {theirs}", ours, Status
        )
    return out


def _defaults(pairs: Mapping[str, str]) -> dict[str, str]:
    allowed = [*tracker_csv.FIELDS, "timezone"]
    for key in pairs:
        if key not in allowed:
            raise InputError(
                "--default",
                f"{key!r} is not a field an import can fill.",
                fix=f"Use one of: {', '.join(allowed)}.",
            )
    return dict(pairs)
