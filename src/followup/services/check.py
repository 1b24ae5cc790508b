"""`followup check`: read a draft, build its context, run the checker, say what it found.

The public contract (DESIGN.md, docs/check-context.md): ``followup check FILE|- [--kind
KIND] [--context CONTEXT.json | --interview ID] [--format text|json]`` and ``followup
check --batch FILE.jsonl``. This module reads the draft and the options; the context
comes from :mod:`followup.services.check_context`, the bulk form from
:mod:`followup.services.check_batch`, the findings from :func:`followup.domain.check.check`.

A draft is UTF-8 text (a byte-order mark is dropped and not counted), not blank, of at
most :data:`MAX_DRAFT_CHARS` characters; line endings stay as they are, so every span is an
offset into the text exactly as read. Bytes that are not UTF-8 are refused with the line
they are on (exit 2): guessing an encoding would move every offset.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.errors import InputError
from followup.services.input_file import read_bytes

if TYPE_CHECKING:
    from followup.domain.check.model import Context, Kind, Report
    from followup.services.context import AppContext

#: The longest draft checked, in characters: a follow-up is a few thousand; a megabyte
#: (the robustness test's size) passes with room to spare, a pasted book does not.
MAX_DRAFT_CHARS = 2_000_000
#: The most bytes read for one draft: every character of the limit at 4 bytes, and a BOM.
MAX_DRAFT_BYTES = 4 * MAX_DRAFT_CHARS + 3
#: The kinds of draft, in the contract's order (the values of ``--kind``).
KINDS = ("thank-you", "check-in", "linkedin", "panel-note", "additional-info", "close-the-loop")


def kind_of(value: str | None, field: str = "--kind") -> Kind:
    """The draft kind named by ``value`` (any case, default thank-you); InputError otherwise."""
    from followup.domain.check.model import Kind

    if value is None:
        return Kind.THANK_YOU
    wanted = value.strip().lower()
    if wanted in KINDS:
        return Kind(wanted)
    shown = value if len(value) <= 40 else value[:40] + "…"
    raise InputError(
        field, f"{shown!r} is not a kind of draft.", fix=f"Use one of: {', '.join(KINDS)}."
    )


def read_draft(path: str) -> str:
    """The draft in ``path`` (``-``: stdin) as text; InputError (exit 2) when unusable."""
    name, raw = read_bytes("FILE", path, MAX_DRAFT_BYTES, "a draft file")
    too_big = InputError(
        "FILE",
        f"{name} is longer than {MAX_DRAFT_CHARS:,} characters; a follow-up is a few thousand.",
        fix="Check that this is the right file.",
    )
    if len(raw) > MAX_DRAFT_BYTES:
        raise too_big
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "FILE",
            f"{name} is not UTF-8 text (line {line}, byte {exc.start:,}).",
            fix="Save it as UTF-8 (iconv -f LATIN1 -t UTF-8 converts a Latin-1 file).",
        ) from None
    if len(text) > MAX_DRAFT_CHARS:
        raise too_big
    if not text.strip():
        # Nothing to check: a score of 100 would be a false all-clear for a script whose
        # draft went missing on the way (an empty pipe, a truncated file).
        raise InputError(
            "FILE",
            f"{name} holds no text (it is empty or blank).",
            fix="Check that this is the right file; a draft needs words to check.",
        )
    return text


def rule_filters(ctx: AppContext) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The rule-id prefixes the settings silence and enable (check_silence, check_enable)."""
    return tuple(ctx.settings["check_silence"] or ()), tuple(ctx.settings["check_enable"] or ())


def check_draft(
    ctx: AppContext,
    path: str,
    kind: str | None = None,
    *,
    context_file: str | None = None,
    interview: int | None = None,
) -> tuple[str, Report]:
    """Check the draft in ``path``: its text as read and the checker's report.

    Everything is validated before the draft is checked: the kind, the options, the
    context, the draft. The store is opened only for ``interview``.
    """
    from followup.domain.check import check

    if context_file is not None and interview is not None:
        raise InputError(
            "--context",
            "does not go with --interview: the context comes from a file or from the record.",
            fix="Give one of them.",
        )
    if path == "-" and context_file == "-":
        raise InputError(
            "--context", "cannot read stdin: the draft does.", fix="Give the context as a file."
        )
    draft_kind = kind_of(kind)
    silence, enable = rule_filters(ctx)
    context = with_policy(ctx, load_context(ctx, context_file=context_file, interview=interview))
    text = read_draft(path)
    return text, check(text, draft_kind, context, silence=silence, enable=enable)


def load_context(
    ctx: AppContext, *, context_file: str | None = None, interview: int | None = None
) -> Context:
    """The Context from CONTEXT.json, from a stored interview, or none at all."""
    from followup.domain.check.model import NO_CONTEXT

    if context_file is not None:
        from followup.services.check_context import from_json
        from followup.services.context_file import read_context

        return from_json(read_context(context_file))
    if interview is not None:
        from followup.services.check_context import from_store

        return from_store(ctx, interview)
    return NO_CONTEXT


def with_policy(ctx: AppContext, context: Context) -> Context:
    """The context with the user's timing policy (the plan's settings), when timing matters.

    The timing rules judge a draft by when it would go out (``send_at``) with the planner's
    numbers: the user's, so that the checker and the plan never disagree about a deadline.
    Without ``send_at`` they are quiet, and the policy package is not even imported.
    """
    if context.send_at is None:
        return context
    from dataclasses import replace

    from followup.services.policy_settings import policy_settings

    return replace(context, policy=policy_settings(ctx.settings))
