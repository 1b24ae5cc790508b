"""The composer's Brief: from a stored interview, or from a CONTEXT.json object.

:func:`from_store` reads one interview of one of the user's applications (the latest by
default) with everything a draft can use: the people and what each discussed, the
standout moments, the concerns and their better answers, what was forgotten, the
questions still to ask, the profile as the sender, the history and the user's other
applications (:func:`followup.services.check_context.around`, shared with `check
--interview`), and the user's timing policy.

:func:`from_json` reads the stateless contract's CONTEXT.json (docs/draft-context.md):
the check contract's fields through :func:`followup.services.check_context.from_json`,
the plan's ``interviewers[].topics``, ``culture`` and ``industry``, and our extensions.
A bad field is an InputError naming its path (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.domain import validate
from followup.domain.compose.model import Brief, ConcernNote, Member, Sender
from followup.errors import InputError
from followup.services import context_file as cf

if TYPE_CHECKING:
    from followup.domain.model import Application, Interview, Profile
    from followup.services.context import AppContext

#: The most interviewers on one interview, as in the check and plan contracts.
MAX_PEOPLE = 50
#: The longest signature (as `followup init --signature` allows).
MAX_SIGNATURE = 2_000
CONTEXT_FIX = "The fields of CONTEXT.json for drafting: docs/draft-context.md."


@dataclass(frozen=True, slots=True)
class Stored:
    """A Brief from the record, and the rows it was read from."""

    brief: Brief
    profile: Profile
    application: Application
    interview: Interview


def send_time(now: datetime, target: datetime | None) -> datetime:
    """When a draft would go out: its step's target when that is still ahead, else now.

    A check-in drafted a week early is judged as sent on time, not as too soon.
    """
    return target if target is not None and target > now else now


# From the record ---------------------------------------------------------------------------


def from_store(
    ctx: AppContext,
    application_id: int,
    interview_id: int | None = None,
    *,
    target: datetime | None = None,
) -> Stored:
    """The Brief of one interview of an application of the user's (default: its latest).

    ``target`` is the planned step's target: ``send_at`` is :func:`send_time` of it.
    NotFoundError for an application that is not the user's; InputError for an interview
    that is not the application's, or an application with none.
    """
    from followup.services.plan import own_application

    profile = ctx.profile()
    application = own_application(ctx.store, profile, application_id)
    interview = pick_interview(ctx, application, interview_id)
    return Stored(
        brief_of(ctx, profile, application, interview, target), profile, application, interview
    )


def pick_interview(ctx: AppContext, application: Application, wanted: int | None) -> Interview:
    """The application's interview ``wanted`` (an interview ID), or its latest one."""
    assert application.id is not None
    interviews = ctx.store.interviews_for(application.id)
    if not interviews:
        raise InputError(
            "ID",
            f"application {application.id} ({application.company}) has no interview recorded.",
            fix=f"Record one with `followup add -c {_quoted(application.company)} ...`; "
            "a follow-up is written from what was said.",
        )
    if wanted is None:
        return max(interviews, key=lambda i: (i.end, i.start, i.id or 0))
    for interview in interviews:
        if interview.id == wanted:
            return interview
    known = ", ".join(f"#{i.id}" for i in interviews)
    raise InputError(
        "--interview",
        f"interview #{wanted} is not one of application {application.id}'s (its interviews: "
        f"{known}).",
        fix="Interview numbers are the #N in `followup show ID`.",
    )


def _quoted(text: str) -> str:
    return text if text.replace("-", "").isalnum() else f"'{text}'"


def brief_of(
    ctx: AppContext,
    profile: Profile,
    application: Application,
    interview: Interview,
    target: datetime | None = None,
) -> Brief:
    """The Brief of a stored interview (see :func:`from_store`)."""
    from zoneinfo import ZoneInfo

    from followup.services.check_context import around
    from followup.services.policy_settings import policy_settings

    zone = ZoneInfo(interview.timezone)
    seen = around(ctx, profile, application, interview)
    return Brief(
        company=application.company,
        role=application.role,
        round=interview.round.value,
        format=interview.format.value,
        culture=application.culture.value,
        industry=application.industry,
        interviewers=tuple(
            Member(p.contact.name, p.contact.title, p.contact.email, p.topics)
            for p in interview.interviewers
        ),
        topics=interview.topics,
        standouts=interview.standouts,
        concerns=tuple(ConcernNote(c.text, c.better_answer) for c in interview.concerns),
        forgotten=interview.forgotten,
        questions=interview.questions_to_ask,
        decision_date=interview.decision_date,
        # On the interview's clock, as the record shows it (the store keeps UTC).
        interview_start=interview.start.astimezone(zone),
        interview_end=interview.end.astimezone(zone),
        sender=Sender(
            name=profile.name,
            signature=profile.signature,
            email=profile.email,
            phone=profile.phone,
            linkedin=profile.linkedin,
        ),
        previous_followups=seen.previous,
        send_at=send_time(ctx.clock(), target),
        other_companies=seen.other_companies,
        people_elsewhere=seen.people_elsewhere,
        policy=policy_settings(ctx.settings),
    )


# From CONTEXT.json -------------------------------------------------------------------------


def from_file(ctx: AppContext, path: str) -> Brief:
    """The Brief of the CONTEXT.json in ``path`` (``-``: stdin), with the user's policy.

    The policy matters only to the timing rules, which need ``send_at``: without it they
    are quiet and the policy is not read (as `followup check --context`).
    """
    brief = from_json(cf.read_context(path))
    if brief.send_at is None:
        return brief
    from dataclasses import replace

    from followup.services.policy_settings import policy_settings

    return replace(brief, policy=policy_settings(ctx.settings))


def from_json(data: dict[str, Any], where: str = "context") -> Brief:
    """The Brief of one CONTEXT.json object; InputError names the first bad field."""
    from followup.domain.model import Culture, Format
    from followup.services.check_context import from_json as check_fields

    shared = check_fields(data, where)

    def at(key: str) -> str:
        return f"{where}.{key}"

    members = tuple(
        Member(person.name, person.title, person.email, topics)
        for person, topics in zip(shared.interviewers, _topics_each(data, where), strict=True)
    )
    answers = _better_answers(data, where, shared.concerns)
    culture = cf.choice(data, "culture", Culture, where=where)
    shape = cf.choice(data, "format", Format, where=where)
    return Brief(
        company=shared.company,
        role=shared.role,
        round=shared.round,
        format=shape.value if shape else ("panel" if len(members) > 1 else None),
        culture=culture.value if culture else None,
        industry=cf.line(data, "industry", at("industry")),
        interviewers=members,
        topics=shared.topics,
        standouts=shared.standouts,
        concerns=tuple(ConcernNote(text, answers.get(_key(text))) for text in shared.concerns),
        forgotten=shared.forgotten,
        questions=cf.lines(data, "questions", at("questions")),
        decision_date=shared.decision_date,
        interview_start=shared.interview_start,
        interview_end=shared.interview_end,
        sender=_sender(data, where, shared.sender_name),
        attachments=shared.attachments,
        previous_followups=shared.previous_followups,
        send_at=shared.send_at,
        other_companies=shared.other_companies,
        people_elsewhere=shared.people_elsewhere,
    )


def recipient(data: dict[str, Any], where: str = "context") -> str | None:
    """The context's ``to`` (the recipient's name), the default of ``--to``."""
    return cf.line(data, "to", f"{where}.to")


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _topics_each(data: dict[str, Any], where: str) -> list[tuple[str, ...]]:
    """Each interviewer's ``topics`` (the plan contract's field), in the file's order."""
    return [
        cf.lines(person, "topics", f"{here}.topics")
        for here, _name, person in cf.interviewers(data, where, MAX_PEOPLE)
    ]


def _better_answers(data: dict[str, Any], where: str, concerns: tuple[str, ...]) -> dict[str, str]:
    """``better_answers``: [{"concern", "answer"}], each naming one of ``concerns``.

    Kept beside ``concerns`` (which stay a list of text) so that the same file still
    passes `followup check --context` and `followup plan --context`.
    """
    known = {_key(text): text for text in concerns}
    out: dict[str, str] = {}
    for index, item in enumerate(cf.listing(data, "better_answers", where, MAX_PEOPLE * 20)):
        here = f"{where}.better_answers[{index}]"
        entry = cf.obj(item, here)
        concern = validate.required_line(
            f"{here}.concern", cf.get(entry, "concern", here, str), max_len=validate.MAX_ITEM
        )
        if _key(concern) not in known:
            listed = "; ".join(repr(c) for c in concerns) or "none"
            raise InputError(
                f"{here}.concern",
                f"{concern!r} is not one of {where}.concerns ({listed}).",
                fix="Give the concern's text as it is in concerns, or add it there.",
            )
        answer = validate.required_line(
            f"{here}.answer", cf.get(entry, "answer", here, str), max_len=validate.MAX_ITEM
        )
        out[_key(concern)] = answer
    return out


def _sender(data: dict[str, Any], where: str, name: str | None) -> Sender:
    """The sender: ``sender_name``, and our ``sender_signature``, ``_email``, ``_phone``..."""
    from followup.services.record_input import phone

    signature = cf.get(data, "sender_signature", where, str)
    email = cf.get(data, "sender_email", where, str)
    linkedin = cf.line(data, "sender_linkedin", f"{where}.sender_linkedin")
    return Sender(
        name=name,
        signature=validate.text(f"{where}.sender_signature", signature, max_len=MAX_SIGNATURE)
        or None,
        email=validate.email(f"{where}.sender_email", email) if email else None,
        phone=phone(f"{where}.sender_phone", cf.get(data, "sender_phone", where, str)),
        linkedin=validate.url(f"{where}.sender_linkedin", linkedin),
    )
