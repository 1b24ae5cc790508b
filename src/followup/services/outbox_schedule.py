"""`followup send ID`: put the drafts of a step in the outbox, each with its send time.

A message is scheduled once, and everything that identifies it is fixed then: its
Message-ID (so a crash while sending can be settled by looking for it in the Sent folder,
and a reply can be matched to it), its recipient as the record gave them, and the message
of the same thread it answers (a check-in goes in the thread of the thank-you). What
goes out is the stored draft, which the checker passed when it was written.

The send time is ``--at`` when given (``--now``: now); else the step's target when it is
still ahead (the plan chose it, in the recipient's office hours or outside them on
purpose); else now, moved to the next opening of the recipient's office (their zone,
their country's working days and holidays, the business_start/business_end settings) so
nothing lands at 3 a.m. their time or on a public holiday, unless that opening comes
after the step's window closes.

Refusals (exit 2, nothing changed): the profile has no email address (From), no step
is drafted, the recipient has no address, ``--at`` is in the past. Without an SMTP
server: exit 4, naming the settings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from followup.domain.model import (
    Application,
    FollowUp,
    FollowUpStatus,
    Message,
    MessageStatus,
    Profile,
)
from followup.errors import InputError

if TYPE_CHECKING:
    from followup.services.context import AppContext


@dataclass(frozen=True, slots=True)
class Queued:
    """A message put in the outbox: the step it stands for and when it goes out."""

    message: Message
    step: FollowUp
    zone: str


def schedule(
    ctx: AppContext,
    application_id: int,
    *,
    kind: str | None = None,
    to: str | None = None,
    interview: int | None = None,
    at: str | None = None,
    immediately: bool = False,
) -> tuple[Application, list[Queued]]:
    """Schedule the latest draft of each chosen step (see the module docstring).

    ``immediately`` (`--now`): the send time is now, whatever the hour where they are.
    """
    from followup.adapters.mail.eml import new_message_id
    from followup.services.mail_config import need
    from followup.services.outbox_steps import chosen_steps
    from followup.services.plan import own_application

    need(ctx, "smtp")
    profile = ctx.profile()
    if not profile.email:
        raise InputError(
            "profile email",
            "your profile has no email address to send from.",
            fix="Add it with `followup init --email you@example.com`.",
        )
    valid_address(
        "profile email", "your profile's", profile.email, "Correct it with `followup init --email`."
    )
    store, now = ctx.store, ctx.clock()
    assert profile.id is not None
    chosen_at = _at(ctx, at, profile) if at is not None else None
    if immediately:
        chosen_at = now
    queued: list[Queued] = []
    with store.batch():
        store.lock_profile(profile.id)
        application = own_application(store, profile, application_id)
        assert application.id is not None
        steps = chosen_steps(ctx, application, kind, to, interview)
        sent = [m for m, app in store.sent_messages(profile.id) if app == application.id]
        for step in steps:
            assert step.id is not None
            draft = _latest_draft(ctx, step)
            contact = store.get_contact(step.recipient_id) if step.recipient_id else None
            if contact is None or not contact.email:
                name = contact.name if contact else "the recipient"
                # The others of a panel need not wait for this one: say how to send them.
                others = f" Or send the others alone: `followup send {application_id} --to NAME`."
                raise InputError(
                    "recipient email",
                    f"{name} has no email address in the record.",
                    fix=address_fix(step, name) + (others if len(steps) > 1 else ""),
                )
            valid_address(
                "recipient email",
                f"{contact.name}'s",
                contact.email,
                address_fix(step, contact.name),
            )
            zone, country = _their_clock(ctx, application, step, contact.timezone, profile)
            when = chosen_at or _when(ctx, step, now, zone, country)
            earlier = [m for m in sent if m.to_email == contact.email and m.message_id]
            message = replace(
                draft,
                status=MessageStatus.SCHEDULED,
                # A failed message keeps its Message-ID: should a held one have gone out
                # after all, the copy in Sent and any reply still match it.
                message_id=draft.message_id or new_message_id(profile.email),
                send_at=when,
                to_name=contact.name,
                to_email=contact.email,
                in_reply_to=earlier[-1].message_id if earlier else None,
                attempts=0,
                error=None,
            )
            store.update_message(message)
            store.set_step_status(step.id, FollowUpStatus.SCHEDULED)
            queued.append(Queued(message, step, zone))
    return application, queued


def valid_address(field: str, whose: str, address: str, fix: str) -> None:
    """Refuse an address email-validator refuses (the record's own check; exit 2).

    The record never holds one, but an old or imported file may: a line break or a second
    address in it must never reach the SMTP envelope, where smtplib would quietly read
    only part of it.
    """
    from followup.domain.validate import email

    try:
        email(field, address)
    except InputError:
        raise InputError(
            field, f"{whose} address {address!r} is not a valid email address.", fix=fix
        ) from None


def address_fix(step: FollowUp, name: str) -> str:
    """How to give a recipient an address: `followup edit` of the step's interview."""
    import shlex

    interview = step.interview_id if step.interview_id is not None else "N"
    person = shlex.quote(f"{name} <address>")
    # --to: without it, the eml export would hold every interviewer's draft of the step.
    return (
        f"Add it: `followup edit {interview} --interviewer {person}` (give every interviewer "
        "of that interview: the option replaces the list), or write the draft to a file "
        f"with `followup draft {step.application_id} --kind {step.kind.value} --to "
        f"{shlex.quote(name)} --format eml > draft.eml`."
    )


def _latest_draft(ctx: AppContext, step: FollowUp) -> Message:
    """The step's newest draft; a failed message counts: it is a draft that did not go out.

    A refused message leaves its step ``drafted`` (services/outbox.py), so `followup due`
    says to send it, typically after the address was corrected in the record.
    """
    assert step.id is not None
    unsent = (MessageStatus.DRAFT, MessageStatus.FAILED)
    drafts = [m for m in ctx.store.messages(step.id) if m.status in unsent]
    if not drafts:  # a step marked drafted always has one; an import could lose it
        raise InputError(
            "ID",
            f"the {step.kind.value} is marked drafted but its draft is missing.",
            fix=f"Write it again: `followup draft {step.application_id} --kind {step.kind.value}`.",
        )
    return drafts[-1]


def _their_clock(
    ctx: AppContext,
    application: Application,
    step: FollowUp,
    own_zone: str | None,
    profile: Profile,
) -> tuple[str, str | None]:
    """The recipient's zone name and country (docs/policy.md, "Whose clock")."""
    from followup.domain.policy.people import clock

    interview_zone = profile.timezone
    if step.interview_id is not None:
        interview_zone = ctx.store.get_interview(step.interview_id).timezone
    zone, country = clock(
        own_zone, application.company_timezone, application.company_country, interview_zone
    )
    return zone.key, country


def _when(
    ctx: AppContext, step: FollowUp, now: datetime, zone: str, country: str | None
) -> datetime:
    """When the message goes out, in the recipient's office hours where the plan allows.

    The step's target when it is still ahead (the plan put it in office hours, or
    outside them on purpose: a thank-you the same evening beats one after the 24 hours).
    Else now, moved to the next opening of their office, unless that opening falls after
    the step's window closes: then now, inside the window, is better than on time for
    nothing. A step past its window goes out at their next opening.
    """
    from followup.domain.business import in_office
    from followup.domain.business import zone as zone_info
    from followup.services.plan import settings_of

    if step.target is not None and step.target > now:
        return step.target
    cfg = settings_of(ctx)
    opening = in_office(now, zone_info(zone), country, cfg.business_start, cfg.business_end)
    if step.latest is not None and now <= step.latest < opening:
        return now
    return opening


def _at(ctx: AppContext, raw: str, profile: Profile) -> datetime:
    """``--at``: a future time, in the profile's zone unless it carries its own."""
    from followup.domain import when

    now = ctx.clock()
    moment = when.parse_datetime("--at", raw, now=now, zone=profile.timezone, prefer="future")
    if moment < now:
        raise InputError(
            "--at",
            f"{moment:%a %d %b %Y %H:%M %Z} has passed.",
            fix="Give a time ahead, or leave --at out to send in their next office hours.",
        )
    return moment
