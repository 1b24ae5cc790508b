"""`followup edit`: change an interview, and move it between applications when asked.

Like every use case of the record, all input is validated before the first write; the
write and the re-plan of the applications it touched are one transaction
(:mod:`followup.services.refresh`): a new decision date moves the check-ins at once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from followup.domain import when
from followup.domain.model import Application, Status
from followup.errors import InputError
from followup.services.context import AppContext
from followup.services.people import assign_topics, merge_people
from followup.services.record import Recorded, own_interview, wall_clock
from followup.services.record_input import (
    Checked,
    InterviewInput,
    check_interval,
)
from followup.services.refresh import replanning


def edit_interview(
    ctx: AppContext, interview_id: int, data: InterviewInput, *, rename_application: bool = False
) -> Recorded:
    """Change the given fields of an interview and its application; the rest stays.

    A new --company/--role moves this interview alone: to the application that already
    has that company and role, else to a new one, unless the interview is its
    application's only one (then the application is renamed). ``rename_application``
    renames the application for all its interviews instead.
    """
    if rename_application and not (data.company or data.role):
        raise InputError(
            "--rename-application",
            "needs the new name: --company, --role or both.",
            fix="Give --company or --role with it.",
        )
    if data.is_empty():
        raise InputError("edit", "nothing to change.", fix="Give the flags to change, e.g. --role.")
    checked = Checked.parse(data)  # everything that needs no database, first
    zone_flag, company, role = checked.zone, checked.company, checked.role
    app_fields, lists, length = checked.app_fields, checked.lists, checked.length
    round_, format_, location = checked.round, checked.format, checked.location
    decision_note = checked.decision_note
    free_text = checked.notes
    # Everything above needs no database: bad input fails before the store is opened.
    profile = ctx.profile()
    application, old = own_interview(ctx, interview_id, profile)
    zone, now = zone_flag or old.timezone, ctx.clock()
    start = old.start
    if data.start:
        start = when.parse_datetime("--start", data.start, now=now, zone=zone, prefer="past")
    elif zone != old.timezone:  # a corrected zone: keep the wall-clock time, move the instant
        start = when.localize("--timezone", wall_clock(old.start, old.timezone), zone)
    if data.end:
        end = when.parse_end("--end", data.end, start=start, now=now, zone=zone)
    else:
        kept = timedelta(minutes=length) if length else when.duration(old.start, old.end)
        end = when.add_duration(start, kept)
    check_interval(start, end)
    people = old.interviewers
    if data.interviewers is not None:
        people = merge_people(lists.interviewers, (), keep=old.interviewers)
    general = old.topics
    if data.topics is not None:
        general, people = assign_topics(lists.topics, people, replace_addressed=True)
    target, move = _target_application(ctx, application, company, role, rename_application)
    target = app_fields.apply(target)
    interview = replace(
        old,
        application_id=target.id,
        start=start,
        end=end,
        timezone=zone,
        round=round_ or old.round,
        format=format_ or old.format,
        location=_changed(old.location, location, data.location),
        interviewers=people,
        topics=general,
        standouts=lists.standouts if data.standouts is not None else old.standouts,
        questions_asked=lists.asked if data.asked is not None else old.questions_asked,
        concerns=lists.concerns if data.concerns is not None else old.concerns,
        forgotten=lists.forgot if data.forgot is not None else old.forgotten,
        questions_to_ask=lists.ask if data.ask is not None else old.questions_to_ask,
        decision_date=when.parse_date("--decision", data.decision, now=now, zone=zone)
        if data.decision
        else (None if data.decision == "" else old.decision_date),
        decision_note=_changed(old.decision_note, decision_note, data.decision_note),
        notes=old.notes if free_text is None else free_text,
    )
    with replanning(ctx, profile) as changed:  # the edit and the new plan: one transaction
        target, interview = ctx.store.record_interview(target, interview)
        if target.id != application.id:
            _take_followups(ctx, interview_id, application, target)
        changed.add(application.id)
        # A renamed or moved interview carries its follow-ups to another company: the
        # spacing rule (seed 000) of the applications at both companies may change.
        renamed = move != "same" and application.company.casefold() != target.company.casefold()
        changed.add(target.id, *((application.company, target.company) if renamed else ()))
    notes = [*lists.notes, *_move_notes(move, interview_id, application, target)]
    from followup.services.plan import outbox_notes

    for timeline in changed.timelines.values():
        notes.extend(outbox_notes(timeline))
    if move == "moved" and application.id and not ctx.store.interviews_for(application.id):
        notes.append(f"Application {application.id} has no interview left.")
    return Recorded(target, interview, move == "new", tuple(notes))


def _take_followups(
    ctx: AppContext, interview_id: int, source: Application, target: Application
) -> None:
    """An interview moved to another application takes its follow-ups along.

    What was done for it (a thank-you sent) stays its history, so the new application's
    plan does not ask for it again, and the old one's stops planning for it.
    """
    assert source.id is not None and target.id is not None
    for row in ctx.store.followups(application_id=source.id):
        if row.interview_id == interview_id:
            ctx.store.update_followup(replace(row, application_id=target.id))


def _changed(old: str | None, cleaned: str | None, raw: str | None) -> str | None:
    """Edit rule for optional text: not given keeps it; given empty clears it."""
    if raw is None:
        return old
    return cleaned


def _target_application(
    ctx: AppContext,
    application: Application,
    company: str | None,
    role: str | None,
    rename: bool,
) -> tuple[Application, str]:
    """Where an interview goes after a --company/--role edit, and how it got there.

    The second value: "same" (no change asked), "renamed" (this application, with the new
    company and role), "moved" (another application already has them), "new" (a new
    application, because this one has other interviews that stay).
    """
    if company is None and role is None:
        return application, "same"
    new_company, new_role = company or application.company, role or application.role
    assert application.profile_id is not None and application.id is not None
    other = ctx.store.find_application(application.profile_id, new_company, new_role)
    if other is not None and other.id != application.id:
        if rename:
            raise InputError(
                "--rename-application",
                f"application {other.id} is already {other.company} — {other.role}.",
                fix="Leave out --rename-application to move this interview to it.",
            )
        if other.status == Status.APPLIED:
            other = replace(other, status=Status.INTERVIEWING)
        return other, "moved"
    renamed = replace(application, company=new_company, role=new_role)
    if rename or other is not None or len(ctx.store.interviews_for(application.id)) == 1:
        return renamed, "renamed"
    fresh = Application(company=new_company, role=new_role, profile_id=application.profile_id)
    if new_company.casefold() == application.company.casefold():  # what is known of the company
        fresh = replace(
            application,
            id=None,
            company=new_company,
            role=new_role,
            posting_url=None,
            status=Status.INTERVIEWING,
            applied_on=None,
            notes="",
        )
    return fresh, "new"


def _move_notes(move: str, interview_id: int, old: Application, new: Application) -> list[str]:
    """What to tell the user about where the interview went (see _target_application)."""
    was = f"{old.company} — {old.role}"
    if move == "renamed" and (old.company, old.role) != (new.company, new.role):
        return [f"Application {old.id} renamed from {was} to {new.company} — {new.role}."]
    if move == "moved":
        return [
            f"Moved interview {interview_id} from application {old.id} ({was}) to application "
            f"{new.id} ({new.company} — {new.role})."
        ]
    if move == "new":
        return [
            f"Moved interview {interview_id} to a new application {new.id}; application "
            f"{old.id} ({was}) keeps its other interviews. To rename application {old.id} "
            "for all its interviews instead, use --rename-application."
        ]
    return []
