"""CONTEXT.json as read by the contracts: the file, and typed fields named by their path.

`followup plan --context` (and later `followup check --context`) read one JSON object
from a file or stdin. :func:`read_context` refuses what is not one (a missing or huge
file, bytes that are not UTF-8, text that is not JSON, a key given twice, NaN); the field
readers check each value's JSON type and name it by its path, ``context.<key>`` or
``context.interviewers[2].timezone`` (counted from 0 as in JSON), in the InputError that
exits 2. Absent and null are the same: the field is not given.

Pure apart from reading the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from followup.domain import validate
from followup.domain.when import checked_year
from followup.errors import InputError
from followup.services.input_file import read_bytes

E = TypeVar("E", bound=StrEnum)

#: The largest CONTEXT.json read: one application's context is a few kB.
MAX_CONTEXT_BYTES = 5_000_000
#: The most entries of a list of text (topics, concerns).
MAX_ITEMS = 1_000
TIME_FIX = "Write it in ISO 8601 with a UTC offset, such as 2026-11-20T16:00:00-05:00."
SCHEMA_FIX = (
    "The fields of CONTEXT.json: docs/plan-context.md (plan), docs/check-context.md (check), "
    "docs/draft-context.md (draft)."
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_context(path: str) -> dict[str, Any]:
    """The JSON object in ``path``: UTF-8 (a BOM is fine), at most MAX_CONTEXT_BYTES."""
    name, raw = read_bytes("--context", path, MAX_CONTEXT_BYTES, "a JSON file")
    if len(raw) > MAX_CONTEXT_BYTES:
        raise InputError(
            "--context",
            f"{name} is larger than {MAX_CONTEXT_BYTES // 1_000_000} MB; one application's "
            "context is a few kB.",
            fix="Check that this is the right file.",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "--context", f"{name} is not UTF-8 text (line {line}).", fix="Save it as UTF-8."
        ) from None
    try:
        data = json.loads(text, object_pairs_hook=_no_repeats, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            "--context",
            f"{name} is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
            fix="Fix the JSON (a validator such as `python -m json.tool` shows where).",
        ) from None
    except RecursionError:
        raise InputError("--context", f"{name} nests too deeply to be a context.") from None
    except ValueError as exc:  # a repeated key, NaN, a number of thousands of digits
        long = "integer string conversion" in str(exc)
        problem = "a number has thousands of digits" if long else str(exc)
        raise InputError("--context", f"{name} is not usable JSON: {problem}.") from None
    if not isinstance(data, dict):
        raise InputError(
            "--context", f"{name} holds {kind_of(data)}, not a JSON object.", fix=SCHEMA_FIX
        )
    if "\\u" in text and not _encodable(data):
        # A JSON escape such as \ud800 alone is no character: it would crash the output.
        raise InputError(
            "--context",
            f"{name} holds a lone surrogate escape (\\ud800-\\udfff), which is not text.",
            fix="Write the character itself, or both halves of its escape pair.",
        )
    return data


def _encodable(data: Any) -> bool:
    """Whether every string of ``data`` (keys too) can be written as UTF-8.

    Walked with a stack, not recursively: the file may nest as deeply as json.loads allows.
    """
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return False
        elif isinstance(value, dict):
            stack.extend(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return True


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; a key given twice is refused rather than the last one silently kept."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def instant(field: str, value: str | None) -> datetime:
    """An ISO 8601 date and time with a UTC offset (``Z`` too), as an aware datetime."""
    raw = validate.line(field, value, max_len=64)
    if raw is None:
        raise InputError(field, "is required.", fix=TIME_FIX)
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InputError(field, f"{raw!r} is not an ISO 8601 time.", fix=TIME_FIX) from None
    checked_year(field, raw, moment)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InputError(field, f"{raw!r} has no UTC offset.", fix=TIME_FIX)
    return moment


_NAMES = {
    str: "text",
    int: "a whole number",
    list: "a list",
    dict: "an object",
}


def kind_of(value: Any) -> str:
    """What a JSON value is, as the messages say it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, float):
        return "a number"
    return _NAMES.get(type(value), type(value).__name__)


def get(data: dict[str, Any], key: str, where: str, kind: type) -> Any:
    """``data[key]`` when present and not null, checked to be of ``kind``; else None."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, kind):
        if kind is int and isinstance(value, float) and value.is_integer():
            return int(value)
        raise InputError(
            f"{where}.{key}", f"is {kind_of(value)}; expected {_NAMES[kind]}.", fix=SCHEMA_FIX
        )
    return value


def obj(value: Any, where: str) -> dict[str, Any]:
    """``value`` when it is a JSON object."""
    if not isinstance(value, dict):
        raise InputError(where, f"is {kind_of(value)}; expected an object.", fix=SCHEMA_FIX)
    return value


def listing(data: dict[str, Any], key: str, where: str, limit: int) -> list[Any]:
    """A JSON list of at most ``limit`` entries (empty when absent)."""
    values = get(data, key, where, list) or []
    if len(values) > limit:
        raise InputError(
            f"{where}.{key}",
            f"has {len(values):,} entries; the limit is {limit:,}.",
            fix="Check that this is the right file.",
        )
    return list(values)


def line(data: dict[str, Any], key: str, field: str) -> str | None:
    """A one-line text (validate.line: no control characters, at most MAX_LINE)."""
    where, _, _ = field.rpartition(".")
    return validate.line(field, get(data, key, where, str))


def lines(data: dict[str, Any], key: str, field: str) -> tuple[str, ...]:
    """A list of one-line texts (topics, concerns): blanks dropped, repeats removed."""
    where, _, _ = field.rpartition(".")
    found: dict[str, None] = {}
    for index, item in enumerate(listing(data, key, where, MAX_ITEMS)):
        if not isinstance(item, str):
            raise InputError(
                f"{field}[{index}]", f"is {kind_of(item)}; expected text.", fix=SCHEMA_FIX
            )
        cleaned = validate.line(f"{field}[{index}]", item, max_len=validate.MAX_ITEM)
        if cleaned:
            found[cleaned] = None
    return tuple(found)


def zone(data: dict[str, Any], key: str, where: str = "context") -> str | None:
    """An IANA time zone name."""
    value = get(data, key, where, str)
    return None if value is None else validate.timezone(f"{where}.{key}", value)


def day(data: dict[str, Any], key: str, field: str) -> date | None:
    """A calendar day as YYYY-MM-DD, in the years followup accepts."""
    where, _, _ = field.rpartition(".")
    found = validate.iso_date(field, get(data, key, where, str))
    return None if found is None else checked_year(field, str(found), found)


def choice(
    data: dict[str, Any],
    key: str,
    options: type[E],
    allowed: tuple[E, ...] | None = None,
    where: str = "context",
) -> E | None:
    """One of an enum's values (only ``allowed`` ones when given), or None when absent."""
    value = get(data, key, where, str)
    if value is None:
        return None
    choices = allowed if allowed is not None else tuple(options)
    wanted = value.strip().lower()
    for option in choices:
        if wanted == option.value:
            return option
    valid = ", ".join(option.value for option in choices)
    raise InputError(
        f"{where}.{key}", f"{value!r} is not one of: {valid}.", fix=f"Choose one of: {valid}."
    )


def interviewers(
    data: dict[str, Any], where: str, limit: int
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Each entry of ``interviewers``: its path, its name (required) and its object.

    A name given twice (case and spacing aside) is refused: the plan writes to each
    interviewer by name, and the checker matches the draft against each name.
    """
    seen: dict[str, int] = {}
    for index, item in enumerate(listing(data, "interviewers", where, limit)):
        here = f"{where}.interviewers[{index}]"
        person = obj(item, here)
        name = validate.required_line(f"{here}.name", get(person, "name", here, str))
        key = " ".join(name.casefold().split())
        if key in seen:
            raise InputError(
                f"{here}.name",
                f"{name!r} is already interviewers[{seen[key]}].",
                fix="Give each interviewer once.",
            )
        seen[key] = index
        yield here, name, person
