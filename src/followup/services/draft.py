"""`followup draft`: every follow-up a step needs, written from the record and checked.

:func:`draft_record` drafts for a stored application: the kind is the one asked for, else
that of the application's earliest pending step sent to someone (else a thank-you); one
draft per interviewer for the kinds that thank each of them (or the one ``--to`` names);
the composer picks each draft's best checked variant, the optional language model may
improve it (:mod:`followup.services.draft_llm`), the user may edit it (the text is
checked again), and each is stored as a draft Message of its planned step, in one
transaction, the step marked ``drafted`` (still pending: the plan keeps it and `done`
still finds it). Nothing is written before every draft is ready: a refusal, a failing
editor or an interrupt leaves the database as it was. The plan is read as stored (every
command that changes the record re-plans), not re-planned: drafting changes no step but
its own, and holds no transaction open while a model or an editor works.

:func:`draft_context` is the stateless contract (docs/draft-context.md): the same drafts
from a CONTEXT.json, nothing stored.

Errors: a kind that needs something the record lacks (a concern to address) is exit 2
saying what to add; every variant with an error-severity finding is
:class:`~followup.services.draft_write.DraftFailed`, exit 1, carrying the closest candidate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from followup.domain.compose.model import SPECS, Brief, DraftKind, Missing
from followup.errors import InputError
from followup.services.draft_brief import Stored
from followup.services.draft_input import mailable, parse_kind, parse_variant, person
from followup.services.draft_write import Draft, Editor, advice, recipients_of, write

if TYPE_CHECKING:
    from followup.domain.model import FollowUp
    from followup.services.context import AppContext

#: The plan's step kinds a draft stands for: a thank-you and a panel note are one step.
_TWINS = {DraftKind.THANK_YOU: "panel-note", DraftKind.PANEL_NOTE: "thank-you"}


@dataclass(frozen=True, slots=True)
class Drafted:
    """What `followup draft` made: the kind, the brief, the drafts, where they went."""

    kind: DraftKind
    brief: Brief
    drafts: tuple[Draft, ...]
    #: The record it came from (None for a CONTEXT.json).
    stored: Stored | None = None
    #: The language model's notes: why its drafts were not used (empty when it was off).
    notes: tuple[str, ...] = ()
    #: The user's templates of the kind that were left out, and why (templates.unusable).
    skipped: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        """Error-severity findings left in the drafts (only an edit can leave one)."""
        return sum(d.composed.report.errors for d in self.drafts)

    def advice(self, need: Missing) -> str:
        """How to add what is missing: the `followup edit` command, or the context's key."""
        return advice(need, self.stored)


# From the record ---------------------------------------------------------------------------


def draft_record(
    ctx: AppContext,
    application_id: int,
    *,
    kind: str | None = None,
    to: str | None = None,
    interview: int | None = None,
    variant: str | None = None,
    single: bool = False,
    edit: Editor | None = None,
) -> Drafted:
    """Draft the follow-up(s) of an application's step and store them (module docstring).

    ``single``: the caller writes one message (an .eml), so several recipients are refused
    (exit 2) before anything is composed. ``edit`` runs on each draft before it is stored.
    """
    from followup.domain.model import OWN_KINDS, PENDING, FollowUpStatus
    from followup.services.draft_brief import brief_of, pick_interview, send_time
    from followup.services.plan import own_application

    wanted, to, variant = parse_kind(kind, application_id), person(to), parse_variant(variant)
    profile = ctx.profile()
    store = ctx.store
    application = own_application(store, profile, application_id)
    chosen = pick_interview(ctx, application, interview)
    names: dict[int | None, str] = {p.contact.id: p.contact.name for p in chosen.interviewers}
    rows = [
        row
        for row in store.followups(application_id=application_id)
        if row.status in PENDING
        and row.kind not in OWN_KINDS
        and row.interview_id in (chosen.id, None)
    ]
    for row in rows:  # a recipient who is not on this interview (rare: a check-in)
        if row.recipient_id is not None and row.recipient_id not in names:
            names[row.recipient_id] = store.get_contact(row.recipient_id).name
    # The next step not drafted yet: `followup draft 1` run twice moves on to the next one.
    fresh = [r for r in rows if r.status is FollowUpStatus.PLANNED] or rows
    draft_kind = wanted or (DraftKind(fresh[0].kind.value) if fresh else DraftKind.THANK_YOU)
    mailable(draft_kind, single)
    steps = [r for r in rows if r.kind.value in (draft_kind.value, _TWINS.get(draft_kind))]
    brief = brief_of(ctx, profile, application, chosen)
    if to is None and not SPECS[draft_kind].per_person:
        # The plan chose whom a check-in goes to (the recruiter, say): so does the draft.
        to = next((_who(r, names) for r in steps if brief.member(_who(r, names) or "")), None)
    people = recipients_of(brief, draft_kind, to)
    if single and len(people) > 1:
        listed = ", ".join(m.name for m in people if m is not None)
        raise InputError(
            "--to",
            f"a {draft_kind.value} goes to {len(people)} people ({listed}); this format "
            "writes one message.",
            fix="Say whom with --to NAME (a full or first name).",
        )
    own = {
        m.name if m else None: _step_for(steps, m.name if m else None, names, draft_kind)
        for m in people
    }
    targets = [row.target for row in own.values() if row is not None and row.target is not None]
    brief = replace(brief, send_at=send_time(ctx.clock(), min(targets, default=None)))
    stored = Stored(brief, profile, application, chosen)
    drafts, notes = write(ctx, brief, draft_kind, to=to, variant=variant, edit=edit, stored=stored)
    with store.batch():  # every draft or none
        saved = tuple(_save(ctx, d, own.get(_to_name(d))) for d in drafts)
    return Drafted(draft_kind, brief, saved, stored, notes, _skipped(ctx, draft_kind))


def _who(row: FollowUp, names: dict[int | None, str]) -> str | None:
    if row.recipient_id is None:
        return None
    return names.get(row.recipient_id)


def _to_name(draft: Draft) -> str | None:
    return draft.composed.to.name if draft.composed.to is not None else None


def _step_for(
    steps: list[FollowUp], name: str | None, names: dict[int | None, str], kind: DraftKind
) -> FollowUp | None:
    """The pending step a draft to ``name`` stands for (the earliest one of the kind).

    A step planned for someone else is not it: a check-in `--to` another interviewer is
    shown, not stored on the recruiter's step (whose draft would greet the wrong person).
    """
    want = " ".join((name or "").casefold().split())
    for row in steps:
        if not SPECS[kind].per_person and row.recipient_id is None:
            return row
        if " ".join((_who(row, names) or "").casefold().split()) == want:
            return row
    return None


def _save(ctx: AppContext, draft: Draft, row: FollowUp | None) -> Draft:
    """Store a draft as a Message of its step and mark the step drafted (when planned)."""
    from followup.domain.model import PENDING, FollowUpStatus, Message

    if row is None or row.id is None:
        return draft
    store = ctx.store
    current = next(
        (r for r in store.followups(application_id=row.application_id) if r.id == row.id), None
    )
    if current is None or current.status not in PENDING:
        return draft  # marked done or cancelled while the draft was being written
    composed = draft.composed
    message = store.add_message(
        Message(
            followup_id=row.id,
            body=composed.body,
            subject=composed.subject,
            check_report=json.dumps(composed.report.as_json(), ensure_ascii=False),
        )
    )
    if current.status is FollowUpStatus.PLANNED:
        store.update_followup(replace(current, status=FollowUpStatus.DRAFTED))
    return replace(draft, followup_id=row.id, message_id=message.id)


# From CONTEXT.json -------------------------------------------------------------------------


def draft_context(
    ctx: AppContext,
    path: str,
    *,
    kind: str | None = None,
    to: str | None = None,
    variant: str | None = None,
    single: bool = False,
) -> Drafted:
    """The drafts of a CONTEXT.json (``-``: stdin), default kind thank-you; nothing stored.

    ``to`` defaults to the context's ``to``.
    """
    from followup.services.context_file import read_context
    from followup.services.draft_brief import from_json, recipient

    draft_kind, to = parse_kind(kind) or DraftKind.THANK_YOU, person(to)
    variant = parse_variant(variant)
    mailable(draft_kind, single)
    data = read_context(path)
    brief = from_json(data)
    if brief.send_at is not None:  # the timing rules need the user's numbers
        from followup.services.policy_settings import policy_settings

        brief = replace(brief, policy=policy_settings(ctx.settings))
    field = "--to" if to is not None else "context.to"
    to = to if to is not None else recipient(data)
    people = recipients_of(brief, draft_kind, to, field)
    if single and len(people) > 1:
        raise InputError(
            "--to",
            f"a {draft_kind.value} goes to {len(people)} people; this format writes one message.",
            fix="Say whom with --to NAME.",
        )
    drafts, notes = write(ctx, brief, draft_kind, to=to, variant=variant)
    return Drafted(draft_kind, brief, drafts, None, notes, _skipped(ctx, draft_kind))


def _skipped(ctx: AppContext, kind: DraftKind) -> tuple[str, ...]:
    from followup.domain.compose.templates import unusable
    from followup.services.draft_write import user_templates

    return unusable(user_templates(ctx), kind)
