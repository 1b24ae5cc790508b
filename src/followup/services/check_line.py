r"""One line of `followup check --batch`: JSON in, the answer's JSON line out, never a raise.

A line is ``{"id": str, "text": str, "kind": str, "context": {...}}``; its answer is
``{"id", "score", "findings", "metrics"}``, or ``{"id", "error"}`` when it cannot be checked
(not UTF-8, not JSON, not an object, empty, too long, a missing, blank or bad ``text``, an
unknown ``kind``, a bad context field). The id is echoed when it could be read.

A lone surrogate escape (``"\ud800"``) is no character and could not be written out as
UTF-8: each one is replaced by U+FFFD, one code point for one, so offsets do not move.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from followup.errors import InputError
from followup.services.check import MAX_DRAFT_CHARS, kind_of

if TYPE_CHECKING:
    from followup.domain.policy.config import PolicySettings

#: The longest input line: a draft at its limit, escaped, with a large context.
MAX_LINE_BYTES = 16_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")


class TooLong:
    """Stands for a line longer than MAX_LINE_BYTES, already skipped."""


def answer(
    raw: bytes | TooLong,
    number: int,
    silence: tuple[str, ...],
    enable: tuple[str, ...],
    policy: PolicySettings | None = None,
) -> tuple[bytes, str]:
    """The answer to line ``number``, and what it was.

    ``ok``; ``error`` (an error finding); ``bad`` (malformed); ``internal`` (a bug met:
    reported on the line, never raised). ``policy``: the user's timing policy, given to a
    context that has a ``send_at`` (as services.check.with_policy does for one draft).
    """
    ident: Any = None
    try:
        data = _parse(raw, number)
        ident = _ident(data)
        report = _check(data, silence, enable, policy)
    except InputError as exc:
        if isinstance(exc, Repeated):
            ident = exc.ident
        where = "" if exc.field.startswith("line ") else f"line {number}, "
        return _line({"id": ident, "error": f"{where}{exc}"}), "bad"
    except Exception as exc:  # one bad line must not stop a batch of 100,000
        problem = f"line {number}: internal error, please report it: {type(exc).__name__}: {exc}"
        return _line({"id": ident, "error": _clean(problem)}), "internal"
    state = "error" if report.errors else "ok"
    return _line({"id": ident, **report.as_json()}), state


def _parse(raw: bytes | TooLong, number: int) -> dict[str, Any]:
    line = f"line {number}"
    if isinstance(raw, TooLong):
        raise InputError(line, f"is longer than {MAX_LINE_BYTES // 1_000_000} MB.")
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        raise InputError(line, "is empty.", fix="Give one JSON object per line.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(line, f"is not UTF-8 text (byte {exc.start + 1:,}).") from None
    repeats: list[tuple[dict[str, Any], str]] = []
    try:
        data = json.loads(text, object_pairs_hook=lambda pairs: _no_repeats(pairs, repeats))
        if repeats:
            _repeated(line, data, repeats)
        if "\\u" in text:  # only an escape can make a lone surrogate
            data = _clean(data)
    except json.JSONDecodeError as exc:
        # Some of json's messages end in "at" ("Unterminated string starting at").
        problem = exc.msg.removesuffix(" at")
        raise InputError(line, f"is not JSON: {problem} at column {exc.colno}.") from None
    except RecursionError:
        raise InputError(line, "nests too deeply.") from None
    except ValueError as exc:  # a number of thousands of digits
        # Python's own words for the long number advise a call to sys: not the user's fix.
        long = "integer string conversion" in str(exc)
        problem = "a number has thousands of digits" if long else str(exc)
        raise InputError(line, f"is not usable JSON: {problem}.") from None
    if not isinstance(data, dict):
        from followup.services.context_file import kind_of as json_kind

        raise InputError(line, f"holds {json_kind(data)}, not a JSON object.")
    return data


class Repeated(InputError):
    """A key given twice in a line: refused, with the line's id when that one is not in doubt."""

    def __init__(self, field: str, problem: str, ident: Any) -> None:
        super().__init__(field, problem)
        self.ident = ident


def _no_repeats(pairs: list[tuple[str, Any]], repeats: list[tuple[dict[str, Any], str]]) -> Any:
    """The object, noting each key it holds twice (the whole line is read first, for its id)."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                repeats.append((out, key))
            seen.add(key)
    return out


def _repeated(line: str, data: Any, repeats: list[tuple[dict[str, Any], str]]) -> None:
    """Refuse the line for its first repeated key; its id is echoed unless ``id`` is repeated."""
    ident = None
    top = {key for found, key in repeats if found is data}
    if isinstance(data, dict) and "id" not in top:
        try:
            ident = _clean(_ident(data))
        except InputError:
            ident = None
    key = _clean(repeats[0][1])
    raise Repeated(line, f"is not usable JSON: the key {key!r} appears twice in one object.", ident)


def _ident(data: dict[str, Any]) -> Any:
    """The line's id, echoed as given: text or a whole number; absent or null is null."""
    ident = data.get("id")
    if ident is None or isinstance(ident, str):
        return ident
    whole = isinstance(ident, int) and not isinstance(ident, bool)
    if whole and abs(ident) < 2**63:
        return ident
    if whole:
        raise InputError(
            "id", "is a whole number of more than 63 bits; expected text or a smaller whole number."
        )
    from followup.services.context_file import kind_of as json_kind

    raise InputError("id", f"is {json_kind(ident)}; expected text or a whole number.")


def _check(
    data: dict[str, Any],
    silence: tuple[str, ...],
    enable: tuple[str, ...],
    policy: PolicySettings | None,
) -> Any:
    from followup.domain.check import NO_CONTEXT, check
    from followup.services.context_file import kind_of as json_kind

    text = data.get("text")
    if text is None:
        raise InputError("text", "is required: the draft to check.")
    if not isinstance(text, str):
        raise InputError("text", f"is {json_kind(text)}; expected text.")
    if len(text) > MAX_DRAFT_CHARS:
        raise InputError("text", f"is longer than {MAX_DRAFT_CHARS:,} characters.")
    if not text.strip():  # as for a file: no all-clear for a draft that is not there
        raise InputError("text", "holds no text (empty or blank).")
    kind = data.get("kind")
    if kind is not None and not isinstance(kind, str):
        raise InputError("kind", f"is {json_kind(kind)}; expected text.")
    draft_kind = kind_of(kind, "kind")
    raw_context = data.get("context")
    context = NO_CONTEXT
    if raw_context is not None:
        from followup.services.check_context import from_json
        from followup.services.context_file import obj

        context = from_json(obj(raw_context, "context"))
        if policy is not None and context.send_at is not None:
            context = replace(context, policy=policy)
    return check(text, draft_kind, context, silence=silence, enable=enable)


def _clean(value: Any) -> Any:
    """``value`` with every lone surrogate replaced by U+FFFD (strings, keys, nested)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _line(document: dict[str, Any]) -> bytes:
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:  # a surrogate that came some other way: never a crash
        return _SURROGATE.sub("\ufffd", text).encode("utf-8") + b"\n"
