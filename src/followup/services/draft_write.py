"""The drafts of one Brief: composed, improved by the language model, edited, rechecked.

Shared by both forms of `followup draft` (:mod:`followup.services.draft`): the composer
writes every draft the kind needs (:func:`followup.domain.compose.composer.compose_all`,
with the user's templates from ``<data_dir>/templates`` and the user's rule filters), the
optional language-model backend may replace each with a better-scoring one
(:mod:`followup.services.draft_llm`), and the user's editor may change each, which is
then checked again exactly as the composer checked it.

A ComposeError becomes the error the CLI reports: exit 2 when the record lacks what the
kind needs (saying what to add), when ``--to`` or ``--variant`` names nothing, or when a
template cannot be rendered (naming its file); :class:`DraftFailed` (exit 1) when every
variant has an error-severity finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from followup.domain.compose.model import (
    Brief,
    Candidate,
    Composed,
    DraftKind,
    Member,
    Missing,
)
from followup.errors import ExitStatus, FollowupError

if TYPE_CHECKING:
    from followup.services.context import AppContext
    from followup.services.draft_brief import Stored

#: Where each Missing field goes in CONTEXT.json (the stateless form).
CONTEXT_KEYS = {
    "topics": "topics (or interviewers[].topics)",
    "interviewers": "interviewers",
    "decision_date": "decision_date",
    "profile name": "sender_name",
    "role": "role",
    "standouts": "standouts",
    "questions to ask": "questions",
    "profile phone": "sender_phone",
    "concerns": "concerns (and better_answers)",
    "forgotten": "forgotten (or attachments)",
}

#: The editor hook: a draft in, its edited text out (it raises to abandon everything).
Editor = Callable[[Composed], str]


class DraftFailed(FollowupError):
    """Every variant has an error-severity finding: no draft is handed out (exit 1)."""

    status = ExitStatus.FINDINGS

    def __init__(self, message: str, best: Candidate | None, problems: tuple[str, ...]) -> None:
        super().__init__(message)
        self.best = best
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Draft:
    """One finished draft, and what became of it."""

    composed: Composed
    #: Whether the user's editor changed it (its report is then the new text's).
    edited: bool = False
    #: The planned step it was stored on, and the stored Message (None: not stored).
    followup_id: int | None = None
    message_id: int | None = None


def advice(need: Missing, stored: Stored | None) -> str:
    """How to add what is missing: the `followup edit` command, or the context's key."""
    if stored is None:
        return f"{CONTEXT_KEYS.get(need.field, need.field)} in CONTEXT.json"
    return need.option.replace("followup edit ID", f"followup edit {stored.interview.id}")


def user_templates(ctx: AppContext) -> str | None:
    """``<data_dir>/templates`` when it exists: the user's templates (docs/drafting.md)."""
    folder = Path(ctx.settings["data_dir"]) / "templates"
    return str(folder) if folder.is_dir() else None


def recipients_of(
    brief: Brief, kind: DraftKind, to: str | None, field: str = "--to"
) -> tuple[Member | None, ...]:
    """Who gets a draft; the composer's refusal of ``to`` as exit 2 naming ``field``."""
    from followup.domain.compose.composer import ComposeError, recipients

    if to is not None and brief.member(to) is None:
        from followup.domain.policy.people import key

        want = key(to)
        shared = [m.name for m in brief.interviewers if key(m.name).split()[:1] == [want]]
        if len(shared) > 1:
            raise FollowupError(
                f"{field}: {to!r} is the first name of {', '.join(shared[:-1])} and {shared[-1]}.",
                fix="Give the full name.",
            )
    try:
        return recipients(brief, kind, to)
    except ComposeError as exc:
        message = str(exc)
        if field != "--to":  # the name came from CONTEXT.json's "to", not the option
            message = message.replace("--to:", f"{field}:", 1)
        raise FollowupError(
            message, fix="Give one of those names (a full or first name)."
        ) from None


def write(
    ctx: AppContext,
    brief: Brief,
    kind: DraftKind,
    *,
    to: str | None,
    variant: str | None,
    edit: Editor | None = None,
    stored: Stored | None = None,
) -> tuple[tuple[Draft, ...], tuple[str, ...]]:
    """Compose, let the language model improve, let the user edit.

    Returns the drafts, and the language model's notes (why its drafts were not used).
    """
    from followup.domain.compose.composer import ComposeError, compose_all

    user_dir = user_templates(ctx)
    silence = tuple(ctx.settings["check_silence"] or ())
    enable = tuple(ctx.settings["check_enable"] or ())
    try:
        composed = compose_all(
            brief, kind, to=to, variant=variant, user_dir=user_dir, silence=silence, enable=enable
        )
    except ComposeError as exc:
        raise refusal(exc, stored) from None
    better, notes = _improve(ctx, brief, composed, user_dir, silence, enable)
    drafts = [Draft(one) for one in better]
    if edit is not None:
        for index, draft in enumerate(drafts):
            others = tuple(d.composed.body for i, d in enumerate(drafts) if i != index)
            text = edit(draft.composed)
            if text != draft.composed.text:
                fresh = recheck(brief, draft.composed, text, others, silence, enable)
                drafts[index] = replace(draft, composed=fresh, edited=True)
    return tuple(drafts), notes


def _improve(
    ctx: AppContext,
    brief: Brief,
    composed: tuple[Composed, ...],
    user_dir: str | None,
    silence: tuple[str, ...],
    enable: tuple[str, ...],
) -> tuple[tuple[Composed, ...], tuple[str, ...]]:
    """The language model's versions where they check better (draft_llm decides)."""
    from followup.services.draft_llm import improve_all

    return improve_all(
        ctx.settings, brief, composed, user_dir=user_dir, silence=silence, enable=enable
    )


def recheck(
    brief: Brief,
    composed: Composed,
    text: str,
    others: tuple[str, ...],
    silence: tuple[str, ...],
    enable: tuple[str, ...],
) -> Composed:
    """An edited draft, checked as the composer checked it (same context, same rules)."""
    from followup.domain.compose.composer import judge, split

    cleaned = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))
    subject, body = split(cleaned.strip("\n") + "\n")
    draft = replace(composed, subject=subject, body=body)
    report = judge(brief, composed.kind, composed.to, draft.text, others=others,
                   silence=silence, enable=enable)  # fmt: skip
    return replace(draft, report=report)


def refusal(exc: Exception, stored: Stored | None) -> FollowupError:
    """A ComposeError as the error the CLI reports (exit 2, or 1 for findings)."""
    missing: Missing | None = getattr(exc, "missing", None)
    best: Candidate | None = getattr(exc, "best", None)
    problems: tuple[str, ...] = getattr(exc, "problems", ())
    if missing is not None:
        if stored is None:
            how = f"Give {advice(missing, None)} (docs/draft-context.md)."
        else:
            how = f"Add it to the record: {advice(missing, stored)}"
        return FollowupError(str(exc), fix=how)
    if best is not None:
        return DraftFailed(str(exc), best, problems)
    if problems:
        return FollowupError(
            "; ".join(problems) + ".",
            fix="Fix the template (docs/drafting.md lists the variables), or leave --variant "
            "out to use the others.",
        )
    return FollowupError(str(exc))
