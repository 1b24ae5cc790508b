"""The composer: every variant of a kind filled from the record, checked, the best kept.

``compose_all(brief, kind)`` writes the drafts a follow-up step needs: one per
interviewer for the kinds that thank each of them (seed 003: a separate, different note
to each panel member), else one to the main contact. For each reader the variants are
tried in an order that starts at the reader's place on the panel, each is run through the
checker (with the notes already written for the others, so no two read alike), and the
best score wins; a draft with an error-severity finding is never handed out (seed 002:
proofread). Pure: no clock, no database; templates are read once per directory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from followup.domain.check import check_draft
from followup.domain.check.model import Report
from followup.domain.check.text import Draft
from followup.domain.compose.facts import facts
from followup.domain.compose.missing import missing, required
from followup.domain.compose.model import (
    SPECS,
    Brief,
    Candidate,
    Composed,
    DraftKind,
    Member,
    Missing,
    Shape,
)
from followup.domain.compose.templates import TemplateProblem, Variant, library

#: Body words past which a variant is written again in its short form (Boomerang's study:
#: 50-125 words get the most replies; the checker's length rule starts at 125).
LONG_WORDS = {Shape.EMAIL: 125, Shape.CARD: 80, Shape.SPOKEN: 150, Shape.NOTE: 60}
#: A LinkedIn note past this many characters is written again in its short form: LinkedIn
#: refuses notes over 300 characters, and a free account's over 200 (seed 001).
NOTE_CHARS = 200
PANEL_LONG_WORDS = 100
#: The fewest words of a message (greeting to closing line) by kind: Boomerang's 50-125.
#: A shorter variant is chosen only when no variant of the right length scores as well.
MIN_WORDS = {DraftKind.THANK_YOU: 50}

_SUBJECT = re.compile(r"\ASubject:[ \t]*(.*)\n", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]{2,}")
_BEFORE_MARK = re.compile(r"[ \t]+([,.;:!?])")
_BLANKS = re.compile(r"\n{3,}")


class ComposeError(Exception):
    """No draft can be handed out: the record lacks what it needs, or each variant errs.

    ``missing`` says what to add; ``best`` is the closest candidate; ``problems`` are the
    templates that could not be filled in.
    """

    def __init__(
        self,
        message: str,
        *,
        missing: Missing | None = None,
        best: Candidate | None = None,
        problems: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.missing = missing
        self.best = best
        self.problems = problems


def recipients(brief: Brief, kind: DraftKind, to: str | None = None) -> tuple[Member | None, ...]:
    """Who gets a draft of ``kind``: everyone on the interview, one of them, or the team.

    ComposeError when ``to`` names nobody on the interview.
    """
    if to is not None:
        member = brief.member(to)
        if member is None:
            names = ", ".join(m.name for m in brief.interviewers) or "nobody is recorded"
            raise ComposeError(f"--to: {to!r} is not on this interview ({names}).")
        return (member,)
    if SPECS[kind].per_person:
        return tuple(brief.interviewers) or (None,)
    return (brief.interviewers[0] if brief.interviewers else None,)


def compose_all(
    brief: Brief,
    kind: DraftKind,
    *,
    to: str | None = None,
    variant: str | None = None,
    user_dir: str | None = None,
    silence: Iterable[str] = (),
    enable: Iterable[str] = (),
) -> tuple[Composed, ...]:
    """Every draft ``kind`` needs (or the one to ``to``), each different from the others."""
    need = required(brief, kind)
    if need is not None:
        article = "an" if kind.value[0] in "aeiou" else "a"
        raise ComposeError(
            f"{article} {kind.value} draft needs {need.field}: {need.why}.", missing=need
        )
    people = recipients(brief, kind, to)
    written: list[str] = []
    used: list[str] = []
    out: list[Composed] = []
    for index, member in enumerate(people):
        seat = index if to is None else _seat(brief, member)
        draft = compose(
            brief,
            kind,
            member,
            seat=seat,
            variant=variant,
            user_dir=user_dir,
            others=tuple(written),
            used=tuple(used),
            silence=silence,
            enable=enable,
        )
        written.append(draft.body)
        used.append(draft.variant)
        out.append(draft)
    return tuple(out)


def _seat(brief: Brief, member: Member | None) -> int:
    """The reader's place on the panel (the same note whichever way it is asked for)."""
    return brief.interviewers.index(member) if member in brief.interviewers else 0


def compose(
    brief: Brief,
    kind: DraftKind,
    member: Member | None,
    *,
    seat: int = 0,
    variant: str | None = None,
    user_dir: str | None = None,
    others: tuple[str, ...] = (),
    used: tuple[str, ...] = (),
    silence: Iterable[str] = (),
    enable: Iterable[str] = (),
) -> Composed:
    """The best draft of ``kind`` to ``member``: the highest score with no error.

    ``variant`` names one variant to use instead of the best. ``used`` are the variants
    the other readers' notes came from: tried last, so each reader gets a note of its own.
    ComposeError when no variant (or not the one named) is free of errors.
    """
    variants = _ordered(library(user_dir)[kind], seat, variant, kind, used)
    quiet, rules = tuple(silence), tuple(enable)
    tried: list[Candidate] = []
    short: set[str] = set()
    problems: list[str] = []
    for choice in variants:
        try:
            text = _written(brief, kind, member, seat, choice)
        except TemplateProblem as exc:
            problems.append(str(exc))
            continue
        # Read once: the checker and the length floor share the draft's words.
        draft = Draft(text, SPECS[kind].check_kind)
        report = _judge(brief, kind, member, draft, others, quiet, rules)
        tried.append(Candidate(choice.name, text, report))
        if _under(draft, kind):
            short.add(choice.name)
        elif report.score == 100:
            break  # nothing can beat it: the rest are not worth checking
    clean = sorted(
        (c for c in tried if c.report.errors == 0),
        # Stable: ties keep the reader's order.
        key=lambda c: (-c.report.score, c.variant in short),
    )
    if not clean:
        best = max(tried, key=lambda c: c.report.score, default=None)
        what = f"variant {variant!r}" if variant else "every variant"
        raise ComposeError(
            f"{what} of the {kind.value} draft has an error the checker found; "
            "nothing was handed out.",
            best=best,
            problems=tuple(problems),
        )
    best = clean[0]
    subject, body = split(best.text)
    ranked = (best, *(c for c in tried if c is not best))
    return Composed(
        kind=kind,
        to=member,
        subject=subject,
        body=body,
        variant=best.variant,
        report=best.report,
        missing=missing(brief, kind, member),
        candidates=ranked,
    )


def judge(
    brief: Brief,
    kind: DraftKind,
    member: Member | None,
    text: str,
    *,
    others: tuple[str, ...] = (),
    silence: Iterable[str] = (),
    enable: Iterable[str] = (),
) -> Report:
    """The checker's report on ``text`` as a draft of ``kind`` to ``member``.

    The one way a draft is judged, whoever wrote it (a template, the language model, the
    user in an editor): the record as the reader's context, the other notes of the panel,
    the kind's own silenced rules plus the user's ``silence`` and ``enable``.
    """
    draft = Draft(text, SPECS[kind].check_kind)
    return _judge(brief, kind, member, draft, others, tuple(silence), tuple(enable))


def _judge(
    brief: Brief,
    kind: DraftKind,
    member: Member | None,
    draft: Draft,
    others: tuple[str, ...],
    silence: tuple[str, ...],
    enable: tuple[str, ...],
) -> Report:
    from followup.domain.compose.tocheck import context_for

    context = context_for(brief, member, others)
    quiet = (*SPECS[kind].silence, *silence)
    return check_draft(draft, context, silence=quiet, enable=enable)


def _ordered(
    variants: tuple[Variant, ...],
    seat: int,
    name: str | None,
    kind: DraftKind,
    used: tuple[str, ...] = (),
) -> tuple[Variant, ...]:
    """The variants to try: from the reader's seat on, the ones other notes used last.

    With ``name``, only the variant of that name.
    """
    if name is not None:
        chosen = tuple(v for v in variants if v.name == name)
        if not chosen:
            names = ", ".join(v.name for v in variants) or "none"
            raise ComposeError(f"--variant: {kind.value} has no variant {name!r} (it has {names}).")
        return chosen
    if not variants:
        raise ComposeError(f"no template of kind {kind.value} was found.")
    start = seat % len(variants)
    turn = variants[start:] + variants[:start]
    return tuple(sorted(turn, key=lambda v: v.name in used))  # stable: keeps the turn


def _written(
    brief: Brief, kind: DraftKind, member: Member | None, seat: int, choice: Variant
) -> str:
    """One variant filled in, in its short form when the long one runs past the limits."""
    shape = SPECS[kind].shape
    text = tidy(choice.render(facts(brief, kind, shape, member, seat, short=False)))
    if _too_long(text, kind, shape):
        text = tidy(choice.render(facts(brief, kind, shape, member, seat, short=True)))
    return text


def _under(draft: Draft, kind: DraftKind) -> bool:
    """Whether the message (greeting to closing line) is shorter than its kind's floor."""
    least = MIN_WORDS.get(kind)
    if least is None:
        return False
    from followup.domain.check.rules.length import message_words

    return len(message_words(draft)) < least


def _too_long(text: str, kind: DraftKind, shape: Shape) -> bool:
    body = split(text)[1]
    if shape is Shape.NOTE:
        return len(body) > NOTE_CHARS
    limit = PANEL_LONG_WORDS if kind is DraftKind.PANEL_NOTE else LONG_WORDS[shape]
    return len(body.split()) > limit


def tidy(text: str) -> str:
    """A rendered template made neat.

    No double spaces, no space before a mark, one blank line between paragraphs, no
    trailing spaces, and exactly one blank line after the subject.
    """
    lines = [_BEFORE_MARK.sub(r"\1", _SPACES.sub(" ", line)).rstrip() for line in text.split("\n")]
    out = _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n")
    found = _SUBJECT.match(out)
    if found is not None:
        out = f"Subject: {found.group(1).strip()}\n\n{out[found.end() :].lstrip(chr(10))}"
    return out + "\n"


def split(text: str) -> tuple[str | None, str]:
    """``(subject, body)`` of a tidied draft; the subject is None when it has none."""
    found = _SUBJECT.match(text)
    if found is None:
        return None, text
    return found.group(1).strip() or None, text[found.end() :].lstrip("\n")


__all__ = [
    "ComposeError",
    "compose",
    "compose_all",
    "judge",
    "recipients",
    "split",
    "tidy",
]
