"""Use cases of the record: the profile, an interview, its reflection, the outcome.

Every use case validates ALL its input before the first write, and then writes in one store
call (one transaction): bad input changes nothing. Input arrives as raw strings, as typed;
errors name the command-line flag (``--start``) because that is what the user typed.

Text syntaxes (parsed by :mod:`followup.services.record_input`):

- interviewer: ``Dana Rivera <dana@acme.com>, Analytics Manager [America/Chicago]`` (email,
  title and zone optional);
- topic: ``Dana: churn dashboard`` goes to the interviewer whose first or full name is
  ``Dana``; any other text is a topic of the whole interview;
- concern: ``the SQL question => I would use a window function`` (the better answer after
  ``=>`` is optional).

`followup edit` is in :mod:`followup.services.record_edit`; interviewers (repeats merged,
topics assigned) in :mod:`followup.services.people`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.domain import validate, when
from followup.domain.model import (
    Application,
    Contact,
    Format,
    Interview,
    Interviewer,
    Profile,
    Reflection,
    Round,
    Status,
)
from followup.errors import InputError, NotFoundError
from followup.services.context import AppContext
from followup.services.people import assign_topics, dedupe_people, merge_people
from followup.services.record_input import (
    Checked,
    InterviewInput,
    ProfileInput,
    check_interval,
    match_company,
    profile_fields,
)

if TYPE_CHECKING:
    from followup.adapters.calendar.invite import Invite

NEXT_STEP = "Next: send a thank-you to each interviewer within 24 hours (seed 001)."
#: Seed 001: "Reflect on the Interview: ... what went well and what could have been improved."
REFLECTION_QUESTIONS = (
    ("went_well", "What went well?"),
    ("to_improve", "What could have gone better?"),
    ("forgotten", "What did you forget to mention?"),
)
REOPEN = "reopen"
OUTCOME_CHOICES = ("offer", "rejected", "withdrawn", "no-response", REOPEN)
_ROUND_ORDER = list(Round)


@dataclass(frozen=True, slots=True)
class Recorded:
    """An interview as stored, its application, and what to tell the user."""

    application: Application
    interview: Interview
    created_application: bool = False
    notes: tuple[str, ...] = ()


# Profile ---------------------------------------------------------------------------------


def init_profile(ctx: AppContext, data: ProfileInput) -> tuple[Profile, bool]:
    """Create the profile, or change the fields given; return it and whether it is new."""
    values = profile_fields(data)
    existing = ctx.store.get_profile(ctx.settings["profile"])
    if existing is None:
        if "name" not in values:
            raise InputError("--name", "is required to create your profile.", fix="Give --name.")
        values.setdefault("timezone", str(ctx.settings["timezone"]))
        return ctx.store.save_profile(Profile(**values)), True
    return ctx.store.save_profile(replace(existing, **values)), False


# Interviews --------------------------------------------------------------------------------


def record_interview(ctx: AppContext, data: InterviewInput) -> Recorded:
    """Record an interview: find or create its application, then store both in one call."""
    checked = Checked.parse(data)  # everything that needs no database, first
    zone_flag, company, role = checked.zone, checked.company, checked.role
    app_fields, lists, length = checked.app_fields, checked.lists, checked.length
    round_, format_, location = checked.round, checked.format, checked.location
    decision_note = checked.decision_note
    free_text = checked.notes or ""
    # Everything above needs no database: bad input fails before the store is opened.
    profile = ctx.profile()
    zone, now = zone_flag or profile.timezone, ctx.clock()
    notes: list[str] = list(lists.notes)
    invite = _read_invite(data, profile, zone) if data.from_ics else None
    if invite:
        notes += [f"Invitation: {w}" for w in invite.warnings]
        link = invite.meeting_url
        if link and len(link) > validate.MAX_LINE:  # Teams links run to 300 characters
            free_text = f"{free_text}\n\nMeeting link: {link}".strip()
            notes.append(
                f"the invitation's meeting link is longer than a location may be "
                f"({validate.MAX_LINE} characters): it is in the interview's notes."
            )
    assert profile.id is not None
    if company is None and invite and invite.company_hint:
        known = ctx.store.company_names(profile.id)
        company = match_company(invite.company_hint, known)
        notes.append(
            f"company {company!r} comes from the invitation's organizer "
            f"({invite.company_domain}); if it is wrong, fix it with `followup edit` --company."
        )
    if company is None:
        raise InputError("--company", "is required.", fix="Give --company NAME.")
    if role is None:
        raise InputError("--role", "is required.", fix="Give --role TITLE (the job's title).")
    if data.start:
        start = when.parse_datetime("--start", data.start, now=now, zone=zone, prefer="past")
    elif invite and invite.start:
        start = invite.start
    else:
        raise InputError(
            "--start", "is required.", fix="Give --start, e.g. 2026-11-20T14:00 or 'yesterday 3pm'."
        )
    end = _end(ctx, data, start, zone, now, length, invite)
    decision = (
        when.parse_date("--decision", data.decision, now=now, zone=zone) if data.decision else None
    )
    people = lists.interviewers
    if not people and invite:
        people = tuple(_from_invite(invite))
    elif invite:  # an attendee's email can make two typed entries one person
        people, merged = dedupe_people(merge_people(people, invite.attendees))
        notes += merged
    general, people = assign_topics(lists.topics, people)
    existing = ctx.store.find_application(profile.id, company, role)
    previous = ctx.store.interviews_for(existing.id) if existing and existing.id else []
    if existing is None:
        application = app_fields.apply(Application(company=company, role=role))
        application = replace(application, profile_id=profile.id, status=Status.INTERVIEWING)
    else:
        application = app_fields.apply(existing)
        if application.status == Status.APPLIED:
            application = replace(application, status=Status.INTERVIEWING)
        elif not application.status.active:
            notes.append(
                f"The application stays {application.status.value}; reopen it with "
                f"`followup outcome {application.id} reopen`."
            )
    if invite and invite.timezone and not application.company_timezone:
        application = replace(application, company_timezone=invite.timezone)
    # Timestamps: == between zones is always False for a time in a DST fold (PEP 495).
    twin = next((i for i in previous if i.start.timestamp() == start.timestamp()), None)
    if twin is not None:
        raise InputError(
            "--start",
            f"interview {twin.id} of this application already starts at "
            f"{wall_clock(start, zone):%Y-%m-%d %H:%M} {zone}.",
            fix=f"Change it with `followup edit {twin.id}` instead of recording it twice.",
        )
    interview = Interview(
        application_id=application.id,
        start=start,
        end=end,
        timezone=zone,
        round=round_ or _round(previous, start),
        format=format_ or _format(invite),
        location=location or (invite.location if invite else None),
        interviewers=people,
        topics=general,
        standouts=lists.standouts,
        questions_asked=lists.asked,
        concerns=lists.concerns,
        forgotten=lists.forgot,
        questions_to_ask=lists.ask,
        decision_date=decision,
        decision_note=decision_note,
        notes=free_text,
    )
    from followup.services.refresh import replanning

    with replanning(ctx, profile) as changed:  # a new round re-plans: one transaction
        application, interview = ctx.store.record_interview(application, interview)
        changed.add(application.id)
    return Recorded(application, interview, existing is None, tuple(notes))


@dataclass(frozen=True, slots=True)
class Reflected:
    """A reflection (None before one is written) and the interview it is about."""

    reflection: Reflection | None
    application: Application
    interview: Interview


def reflect(
    ctx: AppContext,
    interview_id: int,
    *,
    went_well: str | None = None,
    to_improve: str | None = None,
    forgotten: str | None = None,
    notes: str | None = None,
) -> Reflected:
    """Save the reflection on an interview (seed 001); fields not given keep their text."""
    given = {
        "went_well": (went_well, "--went-well"),
        "to_improve": (to_improve, "--improve"),
        "forgotten": (forgotten, "--forgot"),
        "notes": (notes, "--notes"),
    }
    values: dict[str, Any] = {
        k: validate.text(flag, v) for k, (v, flag) in given.items() if v is not None
    }
    application, interview = own_interview(ctx, interview_id)
    from followup.services.refresh import replanning

    with replanning(ctx) as changed:  # the plan's reflection step becomes done
        old = ctx.store.get_reflection(interview_id) or Reflection(interview_id=interview_id)
        saved = ctx.store.save_reflection(replace(old, **values))
        changed.add(application.id)
    return Reflected(saved, application, interview)


def get_reflection(ctx: AppContext, interview_id: int) -> Reflected:
    """The reflection on one of the profile's interviews (None if not written yet)."""
    application, interview = own_interview(ctx, interview_id)
    return Reflected(ctx.store.get_reflection(interview_id), application, interview)


def set_outcome(ctx: AppContext, application_id: int, outcome: str) -> Application:
    """Close an application (offer, rejected, withdrawn, no-response) or reopen it.

    The plan follows in the same transaction: closing cancels every pending follow-up but
    the user's own steps; reopening plans them again (docs/policy.md).
    """
    raw = (outcome or "").strip().lower()
    if raw not in OUTCOME_CHOICES:
        valid = ", ".join(OUTCOME_CHOICES)
        raise InputError("outcome", f"{outcome!r} is not one of: {valid}.", fix=f"Use {valid}.")
    profile = ctx.profile()
    application = ctx.store.get_application(application_id)
    if application.profile_id != profile.id:
        raise NotFoundError("application", application_id)
    if raw == REOPEN:
        has_interviews = bool(ctx.store.interviews_for(application_id))
        status = Status.INTERVIEWING if has_interviews else Status.APPLIED
    else:
        status = Status(raw)
    if status == application.status:
        return application
    from followup.services.plan import replan

    with ctx.store.batch():
        ctx.store.update_application(replace(application, status=status))
        return replan(ctx, application_id, profile=profile).application


def existing_profile(ctx: AppContext) -> Profile | None:
    """The profile `init` would change, or None before the first `init`."""
    return ctx.store.get_profile(ctx.settings["profile"])


def walkthrough_basis(ctx: AppContext, data: InterviewInput) -> tuple[str, datetime, Invite | None]:
    """For the interactive walk-through: the zone answers are read in, now, the invitation."""
    profile = ctx.profile()
    zone = validate.timezone("--timezone", data.timezone) if data.timezone else profile.timezone
    invite = _read_invite(data, profile, zone) if data.from_ics else None
    return zone, ctx.clock(), invite


# Helpers -----------------------------------------------------------------------------------


def _read_invite(data: InterviewInput, profile: Profile, zone: str) -> Invite:
    from followup.adapters.calendar.invite import read_invite

    assert data.from_ics is not None
    return read_invite(
        data.from_ics,
        zone=zone,
        user_emails=[profile.email] if profile.email else [],
        user_name=profile.name,
        need_times=data.start is None,
    )


def own_interview(
    ctx: AppContext, interview_id: int, profile: Profile | None = None
) -> tuple[Application, Interview]:
    """One of the profile's interviews and its application; NotFoundError otherwise.

    An unknown ID most often is an application ID from `followup list` typed where an
    interview ID was wanted: the error says where interview IDs are shown.
    """
    profile = profile or ctx.profile()
    try:
        interview = ctx.store.get_interview(interview_id)
        application = ctx.store.get_application(interview.application_id or 0)
        if application.profile_id != profile.id:
            raise NotFoundError("interview", interview_id)
    except NotFoundError:
        raise NotFoundError(
            "interview",
            interview_id,
            fix="Interview IDs are the #N numbers in `followup list` or `followup show` "
            "(the ID column of `followup list` holds application IDs).",
        ) from None
    return application, interview


def _end(
    ctx: AppContext,
    data: InterviewInput,
    start: datetime,
    zone: str,
    now: datetime,
    length: int | None,
    invite: Invite | None,
) -> datetime:
    """The end: --end, else --minutes, else the invitation's, else the usual length."""
    if data.end:
        end = when.parse_end("--end", data.end, start=start, now=now, zone=zone)
    elif length:
        end = when.add_duration(start, timedelta(minutes=length))
    elif invite and invite.start and invite.end:
        end = when.add_duration(start, when.duration(invite.start, invite.end))
    else:
        end = when.add_duration(start, timedelta(minutes=int(ctx.settings["interview_minutes"])))
    check_interval(start, end)
    return end


def _from_invite(invite: Invite) -> list[Interviewer]:
    return [Interviewer(Contact(name=a.name, email=a.email)) for a in invite.attendees]


def _round(previous: list[Interview], start: datetime) -> Round:
    """The round after the application's latest one before this one; else the first."""
    earlier = [i for i in previous if i.start.timestamp() < start.timestamp()]
    if not earlier:
        return Round.FIRST
    last = max(earlier, key=lambda i: i.start.timestamp()).round
    return _ROUND_ORDER[min(_ROUND_ORDER.index(last) + 1, len(_ROUND_ORDER) - 1)]


def _format(invite: Invite | None) -> Format:
    return Format(invite.format_hint) if invite and invite.format_hint else Format.VIDEO


def wall_clock(moment: datetime, zone: str) -> datetime:
    """``moment`` as the naive wall-clock time it is in ``zone``."""
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
