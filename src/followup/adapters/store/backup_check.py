"""Checking a backup before anything is written: its header, and every value of every row.

Each value is held against its column: type, nullability, length, the vocabularies of the
domain model (statuses, rounds, formats, cultures, channels, kinds), ISO 8601 times with
an offset, IANA time zones, and foreign keys that must point at rows of the same backup.
Text is held, besides, to what the CLI checks before it stores it (:data:`DOMAIN`, with
the validators of :mod:`followup.domain.validate`), and an interview's end must follow
its start: a backup cannot bring in what `followup add` would refuse (a line break in a
name, a malformed address, megabytes of notes). Values are kept exactly as in the file
(an email is not re-normalized), so a round trip stays byte for byte the same.
The first problem raises :class:`BackupRowError` naming the table, the row (1-based) and
the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

import sqlalchemy as sa

from followup.adapters.store.schema import (
    HEAD_REVISION,
    ITEM_KINDS,
    KNOWN_REVISIONS,
    TABLES,
    UTCDateTime,
)
from followup.domain import validate
from followup.domain.model import (
    MATCHED_BY,
    Channel,
    Culture,
    FollowUpKind,
    FollowUpStatus,
    Format,
    MessageStatus,
    ReplyKind,
    Round,
    Status,
)
from followup.errors import InputError

FORMAT = "followup-backup"
VERSION = 1

#: Columns whose values come from a fixed vocabulary.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("applications", "culture"): tuple(Culture),
    ("applications", "preferred_channel"): tuple(Channel),
    ("applications", "status"): tuple(Status),
    ("interviews", "round"): tuple(Round),
    ("interviews", "format"): tuple(Format),
    ("interview_items", "kind"): ITEM_KINDS,
    ("followups", "kind"): tuple(FollowUpKind),
    ("followups", "channel"): tuple(Channel),
    ("followups", "status"): tuple(FollowUpStatus),
    ("messages", "status"): tuple(MessageStatus),
    ("replies", "kind"): tuple(ReplyKind),
    ("replies", "matched_by"): MATCHED_BY,
}
#: The nullable columns each revision added and nothing else: a backup from an older
#: revision lacks them and imports as it is, with those columns empty (as the migration
#: leaves the rows of an older database). A revision that changes more is not listed, and
#: a backup older than it is refused.
ADDED_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "0002": (("replies", "decision_date"), ("followups", "number")),
    "0003": (
        *(
            ("messages", name)
            for name in ("send_at", "to_name", "to_email", "in_reply_to", "attempts", "error")
        ),
        ("replies", "header_id"),
        ("replies", "matched_by"),
    ),
}
#: Integer columns that count from 1 (a follow-up's number: check-in 1, 2).
COUNTS = frozenset({("followups", "number")})
#: Integer columns that count from 0 (a message's attempts at sending).
NON_NEGATIVE = frozenset({("messages", "attempts")})
#: Columns holding an IANA time zone name.
ZONES = frozenset({"timezone", "company_timezone"})
#: Columns holding a JSON list of strings.
JSON_LISTS = frozenset({("messages", "attachments")})


@dataclass(frozen=True, slots=True)
class Rule:
    """What the CLI checks on a text column before it stores a value there.

    ``kind`` names the validator of :mod:`followup.domain.validate`: ``line`` (one line, no
    control characters; ``required`` refuses a blank), ``text`` (free text: line breaks
    allowed), ``email``, ``url`` or ``country``. ``limit`` is the longest value in
    characters: at least what the CLI lets through, at most what the column holds.
    """

    kind: Literal["line", "text", "email", "url", "country"]
    limit: int
    required: bool = False

    def check(self, field: str, value: str) -> None:
        """Raise InputError if the CLI would have refused to store ``value``."""
        if self.kind == "text":
            validate.text(field, value, max_len=self.limit)
        elif self.kind == "email":
            validate.email(field, value)
        elif self.kind == "url":
            validate.url(field, value)
        elif self.kind == "country":
            # The CLI stores the code in capitals; "us" would miss the holiday calendars.
            if validate.country(field, value, assigned=False) != value:
                raise InputError(field, f"{show(value)} is not in capitals (US, GB, DE).")
        else:
            validate.line(field, value, required=self.required, max_len=self.limit)


_NAME = Rule("line", validate.MAX_LINE, required=True)
_LINE = Rule("line", validate.MAX_LINE)
_TEXT = Rule("text", validate.MAX_TEXT)
_EMAIL = Rule("email", validate.MAX_EMAIL)
_URL = Rule("url", validate.MAX_URL)
_COUNTRY = Rule("country", 2)
_HEADER = Rule("line", 998)  # an email header line (RFC 5322)
_ITEM = validate.MAX_ITEM  # one topic, question or concern

#: The domain rule of every free-form text column (enumerations, time zones and JSON lists
#: have their own checks above). A test holds it to the schema: every text column has a
#: rule, and no rule lets through more than its column stores on PostgreSQL.
DOMAIN: dict[tuple[str, str], Rule] = {
    **{(t.name, "uid"): Rule("line", 36, required=True) for t in TABLES if "uid" in t.c},
    ("profiles", "name"): _NAME,
    ("profiles", "email"): _EMAIL,
    ("profiles", "signature"): Rule("text", 2_000),  # `followup init --signature`
    ("profiles", "phone"): _LINE,
    ("profiles", "linkedin"): _URL,
    ("profiles", "country"): _COUNTRY,
    ("applications", "company"): _NAME,
    ("applications", "role"): _NAME,
    ("applications", "posting_url"): _URL,
    ("applications", "industry"): _LINE,
    ("applications", "company_country"): _COUNTRY,
    ("applications", "notes"): _TEXT,
    ("contacts", "name"): _NAME,
    ("contacts", "title"): _LINE,
    ("contacts", "email"): _EMAIL,
    ("contacts", "phone"): _LINE,
    ("contacts", "linkedin"): _URL,
    ("contacts", "company"): _LINE,
    ("interviews", "location"): _LINE,
    ("interviews", "decision_note"): _LINE,
    ("interviews", "notes"): _TEXT,
    ("interview_items", "text"): Rule("line", _ITEM, required=True),
    ("interview_items", "detail"): Rule("line", _ITEM),
    ("reflections", "went_well"): _TEXT,
    ("reflections", "to_improve"): _TEXT,
    ("reflections", "forgotten"): _TEXT,
    ("reflections", "notes"): _TEXT,
    ("followups", "rule"): Rule("line", 100),
    ("followups", "reason"): _TEXT,
    ("messages", "subject"): _HEADER,
    ("messages", "body"): _TEXT,
    ("messages", "check_report"): _TEXT,
    ("messages", "message_id"): _HEADER,
    ("replies", "sender"): _HEADER,
    ("replies", "subject"): _HEADER,
    ("replies", "snippet"): _TEXT,
    ("messages", "to_name"): _NAME,
    ("messages", "to_email"): _EMAIL,
    ("messages", "in_reply_to"): _HEADER,
    ("messages", "error"): _TEXT,
    ("replies", "header_id"): _HEADER,
    ("mail_folders", "account"): Rule("line", 500, required=True),
    ("mail_folders", "folder"): Rule("line", 500, required=True),
}
#: Each file name in a JSON list column: one line, as long as a path may be (PATH_MAX).
LIST_ITEM = Rule("line", 4_096, required=True)
#: Tables with a (start, end) pair held to validate.interval, as `followup add` holds them.
INTERVALS = {"interviews": ("starts_at", "ends_at")}

_SURROGATE = re.compile(r"[\ud800-\udfff]")

_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1  # INTEGER on PostgreSQL
#: The BIGINT columns hold IMAP UIDs and UIDVALIDITY: unsigned 32-bit numbers (RFC 3501).
_UINT32_MAX = 2**32 - 1
_FIX = "Correct the file (or export it again with `followup export`); nothing was imported."


class BackupRowError(InputError):
    """A value in a backup that cannot be imported: names the table, the row and the field."""

    def __init__(self, table: str, row: int, column: str, problem: str) -> None:
        super().__init__(f"import: {table} row {row}, field {column!r}", problem, fix=_FIX)
        self.table = table
        self.row = row
        self.column = column


class _Bad(Exception):
    """A problem with one value; the caller adds where it is."""


def check_header(data: Any) -> dict[str, list[Any]]:
    """The ``tables`` of a followup backup; InputError for anything else.

    Refuses a document that is not a followup backup, a format version this code does not
    read, and a schema revision newer than the code.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(
            "import",
            'the file is not a followup backup (no "format": "followup-backup" marker).',
            fix="Give a file written by `followup export`, or use --csv for a job-tracker export.",
        )
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        raise InputError(
            "import",
            f"backup format version {version!r} is not one this followup reads "
            f"(it reads version {VERSION}).",
            fix="Export the data again with a matching followup, or upgrade followup.",
        )
    revision = data.get("schema_revision")
    if not isinstance(revision, str) or not revision:
        raise InputError("import", 'the backup has no "schema_revision".', fix=_FIX)
    if revision not in KNOWN_REVISIONS:
        raise InputError(
            "import",
            f"the backup comes from schema revision {revision!r}, newer than this followup "
            f"understands (it knows up to {HEAD_REVISION}).",
            fix="Upgrade followup (pip install -U followup), then import again.",
        )
    later = KNOWN_REVISIONS[KNOWN_REVISIONS.index(revision) + 1 :]
    if any(r not in ADDED_COLUMNS for r in later):  # pragma: no cover - none so far
        raise InputError(
            "import",
            f"backups from schema revision {revision} cannot be imported by this version.",
            fix="Import it with the followup that wrote it, upgrade that database, export again.",
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise InputError("import", 'the backup has no "tables" object.', fix=_FIX)
    known = {t.name for t in TABLES}
    for name, rows in tables.items():
        if name not in known:
            raise InputError(
                "import",
                f"the backup has a table {name!r} this followup does not know.",
                fix=f"Known tables: {', '.join(sorted(known))}.",
            )
        if not isinstance(rows, list):
            raise InputError("import", f"table {name!r} is not a list of rows.", fix=_FIX)
    return tables


def validate_rows(raw_tables: Mapping[str, list[Any]]) -> dict[str, list[dict[str, Any]]]:
    """Typed rows per table; raises BackupRowError at the first bad value."""
    out: dict[str, list[dict[str, Any]]] = {}
    ids: dict[str, set[Any]] = {}
    for table in TABLES:
        typed: list[dict[str, Any]] = []
        seen: dict[tuple[str, Any], int] = {}
        keys = [c.name for c in table.primary_key.columns]
        uniques = [c.name for c in table.columns if c.unique]
        for number, raw in enumerate(raw_tables.get(table.name, []), start=1):
            row = _row(table, number, raw)
            key = tuple(row[k] for k in keys)
            checks = [("/".join(keys), key[0] if len(key) == 1 else key)]
            checks += [(name, row[name]) for name in uniques if row[name] is not None]
            for name, value in checks:
                if (name, value) in seen:
                    raise BackupRowError(
                        table.name,
                        number,
                        name,
                        f"{show(value)} appears twice (rows {seen[name, value]} and {number}).",
                    )
                seen[name, value] = number
            for column in table.columns:
                for fk in column.foreign_keys:
                    value = row[column.name]
                    target = fk.column.table.name
                    if value is not None and value not in ids.get(target, ()):
                        raise BackupRowError(
                            table.name,
                            number,
                            column.name,
                            f"refers to {target} ID {value}, which is not in the backup.",
                        )
            typed.append(row)
        out[table.name] = typed
        if "id" in table.c:
            ids[table.name] = {row["id"] for row in typed}
    return out


def _row(table: sa.Table, number: int, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise BackupRowError(table.name, number, "*", f"is {_kind(raw)}, not an object.")
    for name in raw:
        if name not in table.c:
            raise BackupRowError(table.name, number, name, f"is not a column of {table.name}.")
    row: dict[str, Any] = {}
    for column in table.columns:
        value = raw.get(column.name)
        if value is None:
            if not column.nullable:
                state = "is null" if column.name in raw else "is missing"
                raise BackupRowError(table.name, number, column.name, f"{state}; it is required.")
            row[column.name] = None
            continue
        try:
            row[column.name] = _value(table.name, column, value)
        except _Bad as exc:
            raise BackupRowError(table.name, number, column.name, str(exc)) from None
    if table.name in INTERVALS:
        start, end = INTERVALS[table.name]
        try:
            validate.interval(row[start], row[end])
        except InputError as exc:
            field = start if exc.field == "start" else end
            raise BackupRowError(table.name, number, field, exc.problem) from None
    return row


def _value(table: str, column: sa.Column[Any], value: Any) -> Any:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _datetime(value)
    if isinstance(kind, sa.Date):
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise _Bad(f"{show(value)} is not a date (YYYY-MM-DD).")
    if isinstance(kind, sa.Integer):
        if type(value) is not int:
            raise _Bad(f"{show(value)} is not a whole number.")
        low, high = (0, _UINT32_MAX) if isinstance(kind, sa.BigInteger) else (_INT_MIN, _INT_MAX)
        if not low <= value <= high:
            raise _Bad(f"{value} is out of range.")
        if (table, column.name) in COUNTS and value < 1:
            raise _Bad(f"{value} is not a count: it starts at 1.")
        if (table, column.name) in NON_NEGATIVE and value < 0:
            raise _Bad(f"{value} is not a count: it cannot be negative.")
        return value
    if isinstance(kind, sa.String):
        return _string(table, column, kind.length, value)
    raise AssertionError(f"backup: no rule for {table}.{column.name} ({kind!r})")


def _datetime(value: Any) -> datetime:
    problem = f"{show(value)} is not an ISO 8601 time with an offset."
    if not isinstance(value, str):
        raise _Bad(problem)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(problem) from None
    if parsed.tzinfo is None:
        raise _Bad(problem)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        raise _Bad(f"{show(value)} is out of range.") from None


def _string(table: str, column: sa.Column[Any], length: int | None, value: Any) -> str:
    if not isinstance(value, str):
        raise _Bad(f"{show(value)} is not text.")
    if length is not None and len(value) > length:
        raise _Bad(f"is {len(value):,} characters long; the limit is {length:,}.")
    if "\x00" in value:  # PostgreSQL cannot store it; refuse it everywhere alike
        raise _Bad("contains a NUL character.")
    if _SURROGATE.search(value):  # a JSON escape such as \ud800: not encodable as UTF-8
        raise _Bad("contains a lone surrogate (\\ud800-\\udfff), which is not text.")
    options = CHOICES.get((table, column.name))
    if options is not None and value not in options:
        raise _Bad(f"{show(value)} is not one of: {', '.join(options)}.")
    if column.name in ZONES:
        try:
            validate.timezone(column.name, value)
        except InputError as exc:
            raise _Bad(exc.problem) from None
    if (table, column.name) in JSON_LISTS:
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if not isinstance(parsed, list) or not all(isinstance(v, str) for v in parsed):
            raise _Bad(f"{show(value)} is not a JSON list of strings.")
        for index, item in enumerate(parsed, start=1):
            if _SURROGATE.search(item):
                raise _Bad(f"#{index} contains a lone surrogate, which is not text.")
            _check(LIST_ITEM, f"{column.name} #{index}", item, prefix=f"#{index} ")
    rule = DOMAIN.get((table, column.name))
    if rule is not None:
        _check(rule, column.name, value)
    return value


def _check(rule: Rule, field: str, value: str, *, prefix: str = "") -> None:
    try:
        rule.check(field, value)
    except InputError as exc:
        raise _Bad(prefix + exc.problem) from None


def show(value: Any) -> str:
    """A value for a message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _kind(value: Any) -> str:
    return {list: "a list", str: "text", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )
