"""The checker's Context: from CONTEXT.json (or a batch line's ``context``), or from the record.

:func:`from_json` reads the fields of the check contract (docs/check-context.md) with the
typed readers of :mod:`followup.services.context_file`: a bad field is an InputError
naming its path (``context.interviewers[1].name``), exit 2 (in a batch: that line's
``error``). Every field is optional; keys the checker does not use (the plan's) are
ignored, since both contracts share the file.

:func:`from_store` builds the same Context from a stored interview (``--interview ID``):
the record knows more than a file (standout moments, what was forgotten, the people of
the user's other applications).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from followup.domain import validate
from followup.domain.check.model import Context, Person, Previous
from followup.errors import InputError
from followup.services import context_file as cf

if TYPE_CHECKING:
    from followup.domain.model import Application, Interview, Profile
    from followup.services.context import AppContext

#: The most interviewers on one interview (as the plan contract: a panel of 50 is no panel).
MAX_PEOPLE = 50
#: The most previous follow-ups, other companies or other notes in one context.
MAX_HISTORY = 1_000


def from_json(data: dict[str, Any], where: str = "context") -> Context:
    """The Context of one CONTEXT.json object; InputError names the first bad field."""

    def at(key: str) -> str:
        return f"{where}.{key}"

    start = _instant(data, "interview_start", where)
    end = _instant(data, "interview_end", where)
    if start is not None and end is not None and end < start:
        raise InputError(
            at("interview_end"),
            f"{end.isoformat()} is before interview_start {start.isoformat()}.",
            fix="Give an end after the start.",
        )
    found_round = None
    if data.get("round") is not None:  # domain.model costs start-up time: only when needed
        from followup.domain.model import Round

        found_round = cf.choice(data, "round", Round, where=where)
    return Context(
        company=cf.line(data, "company", at("company")),
        role=cf.line(data, "role", at("role")),
        interviewers=_people(data, where),
        interview_start=start,
        interview_end=end,
        round=None if found_round is None else found_round.value,
        topics=cf.lines(data, "topics", at("topics")),
        concerns=cf.lines(data, "concerns", at("concerns")),
        decision_date=cf.day(data, "decision_date", at("decision_date")),
        previous_followups=_previous(data, where),
        send_at=_instant(data, "send_at", where),
        other_companies=cf.lines(data, "other_companies", at("other_companies")),
        sender_name=cf.line(data, "sender_name", at("sender_name")),
        to=cf.line(data, "to", at("to")),
        attachments=cf.lines(data, "attachments", at("attachments")),
        other_notes=_notes(data, where),
        # Extensions of ours (docs/check-context.md): what --interview reads from the record.
        people_elsewhere=cf.lines(data, "people_elsewhere", at("people_elsewhere")),
        standouts=cf.lines(data, "standouts", at("standouts")),
        forgotten=cf.lines(data, "forgotten", at("forgotten")),
    )


def _instant(data: dict[str, Any], key: str, where: str) -> datetime | None:
    raw = cf.get(data, key, where, str)
    return None if raw is None else cf.instant(f"{where}.{key}", raw)


def _people(data: dict[str, Any], where: str) -> tuple[Person, ...]:
    out: list[Person] = []
    for here, name, person in cf.interviewers(data, where, MAX_PEOPLE):
        email = cf.get(person, "email", here, str)
        out.append(
            Person(
                name=name,
                title=cf.line(person, "title", f"{here}.title"),
                email=validate.email(f"{here}.email", email) if email else None,
            )
        )
    return tuple(out)


def _previous(data: dict[str, Any], where: str) -> tuple[Previous, ...]:
    items = cf.listing(data, "previous_followups", where, MAX_HISTORY)
    if not items:
        return ()
    from followup.domain.model import FollowUpKind

    out = []
    for index, item in enumerate(items):
        here = f"{where}.previous_followups[{index}]"
        entry = cf.obj(item, here)
        kind = cf.choice(entry, "kind", FollowUpKind, where=here)
        if kind is None:
            raise InputError(
                f"{here}.kind", "is required.", fix=f"Use one of: {', '.join(FollowUpKind)}."
            )
        sent = cf.instant(f"{here}.sent_at", cf.get(entry, "sent_at", here, str))
        cf.line(entry, "to", f"{here}.to")  # the plan's extension: checked, not used here
        out.append(Previous(kind.value, sent))
    return tuple(out)


def _notes(data: dict[str, Any], where: str) -> tuple[str, ...]:
    """``other_notes``: whole messages (line breaks allowed), for the duplicate rule."""
    out = []
    for index, item in enumerate(cf.listing(data, "other_notes", where, MAX_PEOPLE)):
        field = f"{where}.other_notes[{index}]"
        if not isinstance(item, str):
            raise InputError(field, f"is {cf.kind_of(item)}; expected text.", fix=cf.SCHEMA_FIX)
        note = validate.text(field, item)
        if note:
            out.append(note)
    return tuple(out)


# From the record ---------------------------------------------------------------------------


def from_store(ctx: AppContext, interview_id: int) -> Context:
    """The Context of a stored interview of the user's, as of now (``send_at``)."""
    from zoneinfo import ZoneInfo

    from followup.services.record import own_interview

    profile = ctx.profile()
    application, interview = own_interview(ctx, interview_id, profile)
    zone = ZoneInfo(interview.timezone)
    seen = around(ctx, profile, application, interview)
    return Context(
        company=application.company,
        role=application.role,
        interviewers=tuple(
            Person(p.contact.name, p.contact.title, p.contact.email) for p in interview.interviewers
        ),
        # On the interview's clock, as the record shows it (the store keeps UTC).
        interview_start=interview.start.astimezone(zone),
        interview_end=interview.end.astimezone(zone),
        round=interview.round.value,
        topics=_topics(interview),
        concerns=tuple(c.text for c in interview.concerns),
        decision_date=interview.decision_date,
        previous_followups=seen.previous,
        send_at=ctx.clock(),
        other_companies=seen.other_companies,
        sender_name=profile.name,
        people_elsewhere=seen.people_elsewhere,
        standouts=interview.standouts,
        forgotten=interview.forgotten,
    )


class Around(NamedTuple):
    """What the rest of the record says about drafts for one interview."""

    #: Follow-ups that went out for this application and others at the same company.
    previous: tuple[Previous, ...]
    #: The companies of the user's other applications (never named in this draft).
    other_companies: tuple[str, ...]
    #: The interviewers of those applications who are not on this interview.
    people_elsewhere: tuple[str, ...]


def around(
    ctx: AppContext, profile: Profile, application: Application, interview: Interview
) -> Around:
    """The history and the other applications of a stored interview.

    The record-aware fields of the checker's Context and of the composer's Brief: shared
    by `check --interview` and `draft`.
    """
    store = ctx.store
    assert profile.id is not None
    company = _key(application.company)
    here = {_key(p.contact.name) for p in interview.interviewers}
    others: dict[str, str] = {}
    elsewhere: dict[str, str] = {}
    sent: list[Previous] = _sent(ctx, application)
    for other in store.applications(profile.id):
        if other.id == application.id or other.id is None:
            continue
        if _key(other.company) == company:
            # Another role at the same company: its follow-ups count for spacing (seed 000:
            # a week or two between follow-ups to one company); its people are colleagues.
            sent.extend(_sent(ctx, other))
            continue
        others.setdefault(_key(other.company), other.company)
        for past in store.interviews_for(other.id):
            for person in past.interviewers:
                name = person.contact.name
                if _key(name) not in here:
                    elsewhere.setdefault(_key(name), name)
    return Around(
        tuple(sorted(sent, key=lambda p: p.sent_at)),
        tuple(others.values()),
        tuple(elsewhere.values()),
    )


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _topics(interview: Interview) -> tuple[str, ...]:
    """The interview's topics, then each interviewer's, once each."""
    found = dict.fromkeys(interview.topics)
    for person in interview.interviewers:
        found.update(dict.fromkeys(person.topics))
    return tuple(found)


def _sent(ctx: AppContext, application: Application) -> list[Previous]:
    """The follow-ups of an application that went out (sent, or marked done)."""
    from followup.domain.model import OWN_KINDS, FollowUpStatus

    assert application.id is not None
    out = []
    for row in ctx.store.followups(application_id=application.id):
        if row.kind in OWN_KINDS:
            continue
        if row.status not in (FollowUpStatus.SENT, FollowUpStatus.DONE):
            continue
        when = row.done_at or row.target
        if when is not None:
            out.append(Previous(row.kind.value, when))
    return out
