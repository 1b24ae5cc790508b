"""The plan in the database: re-planning writes only what changed, on SQLite and PostgreSQL.

Each test drives the services (replan, due, mark_done, replied, set_outcome) on a store
opened through an AppContext whose clock the test moves, and reads the follow-ups back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from followup.adapters.store import backup, schema
from followup.domain.model import (
    Application,
    Contact,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Interview,
    Interviewer,
    Profile,
    Reflection,
    Round,
    Status,
)
from followup.errors import InputError
from followup.services.context import AppContext
from followup.services.plan import due, replan
from followup.services.plan_marks import mark_done, replied
from followup.services.plan_store import PENDING, row_key
from followup.services.record import set_outcome
from followup.settings import Settings

NY = "America/New_York"
K = FollowUpKind
S = FollowUpStatus
CHASING = (K.CHECK_IN, K.AVAILABILITY_REQUEST, K.CLOSE_THE_LOOP)


def ny(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ZoneInfo(NY))


class Clock:
    """The context's clock, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(ny(11, 11, 12))


@pytest.fixture
def ctx(db_url: str, tmp_path: Path, clock: Clock) -> Iterator[AppContext]:
    settings = Settings(
        flags={"database_url": db_url},
        env={"FOLLOWUP_DATA_DIR": str(tmp_path / "data"), "FOLLOWUP_TIMEZONE": NY},
        config_file=tmp_path / "absent.toml",
    )
    context = AppContext(settings, clock=clock)
    context.store.save_profile(Profile(name="Sam Lee", timezone=NY, country="US"))
    yield context
    context.close()


def record(
    ctx: AppContext,
    *,
    company: str = "Acme",
    role: str = "Analyst",
    start: datetime | None = None,
    people: tuple[str, ...] = ("Dana Rivera",),
    round_: Round = Round.FIRST,
) -> tuple[Application, Interview]:
    """An interview of an hour (Tue 10 Nov 10:00 New York unless told)."""
    profile = ctx.profile()
    start = start or ny(11, 10, 10)
    found = ctx.store.find_application(profile.id or 0, company, role)
    application = found or Application(company, role, profile_id=profile.id)
    interview = Interview(
        None,
        start,
        start + timedelta(hours=1),
        NY,
        round=round_,
        interviewers=tuple(Interviewer(Contact(name=n)) for n in people),
    )
    return ctx.store.record_interview(application, interview)


def rows(ctx: AppContext, application: Application) -> list[FollowUp]:
    assert application.id is not None
    return ctx.store.followups(application_id=application.id)


def pending(ctx: AppContext, application: Application, *kinds: K) -> list[FollowUp]:
    return [
        r for r in rows(ctx, application) if r.status in PENDING and (not kinds or r.kind in kinds)
    ]


def table(ctx: AppContext) -> list[dict[str, Any]]:
    """The follow-ups table exactly as stored (stamps included)."""
    f = schema.followups
    with ctx.store.reading() as conn:
        return [dict(r) for r in conn.execute(sa.select(f).order_by(f.c.id)).mappings()]


# Idempotence ---------------------------------------------------------------------------------


def test_replanning_twice_changes_nothing(ctx: AppContext, clock: Clock) -> None:
    application, _ = record(ctx, people=("Dana Rivera", "Kenji Sato"))
    assert application.id is not None
    first = replan(ctx, application.id)
    assert first.changes.inserted, "the first plan is stored"
    stored = table(ctx)
    keys = [row_key(r) for r in rows(ctx, application)]
    assert len(keys) == len(set(keys)), "one row per (interview, kind, recipient, number)"
    assert {r.kind for r in rows(ctx, application)} >= {K.PANEL_NOTE, K.LINKEDIN, K.CHECK_IN}
    clock.now += timedelta(seconds=1)  # a later stamp would show any needless write
    again = replan(ctx, application.id)
    assert not again.changes
    assert table(ctx) == stored
    due(ctx, "week")
    assert table(ctx) == stored


def test_stored_windows_are_the_plans(ctx: AppContext) -> None:
    application, _ = record(ctx)
    assert application.id is not None
    timeline = replan(ctx, application.id)
    by_id = {r.id: r for r in rows(ctx, application)}
    for item in timeline.items:
        if item.status is S.PLANNED:
            row = by_id[item.id]
            assert (row.kind, row.rule, row.reason) == (item.kind, item.rule, item.reason)
            assert row.target == item.target and row.latest == item.latest
            assert row.recipient_id is not None or item.recipient is None


# Replies, outcomes, rounds -------------------------------------------------------------------


def test_a_reply_cancels_pending_check_ins_but_not_the_courtesies(
    ctx: AppContext, clock: Clock
) -> None:
    application, _ = record(ctx)
    assert application.id is not None
    replan(ctx, application.id)
    assert pending(ctx, application, *CHASING)
    result = replied(ctx, application.id, at="2026-11-11T11:00")
    cancelled = [r for r in rows(ctx, application) if r.kind in CHASING]
    assert cancelled and all(r.status is S.CANCELLED for r in cancelled)
    assert all("they replied" in r.reason for r in cancelled)
    assert {r.id for r in result.timeline.changes.cancelled} == {r.id for r in cancelled}
    assert pending(ctx, application, K.LINKEDIN), "a LinkedIn request thanks them anyway"


def test_a_reply_with_a_new_decision_date_plans_check_ins_after_it(ctx: AppContext) -> None:
    application, _ = record(ctx)
    assert application.id is not None
    replan(ctx, application.id)
    before = len(rows(ctx, application))
    replied(ctx, application.id, at="2026-11-11T11:00", decision_date="2026-12-04")
    check_ins = pending(ctx, application, K.CHECK_IN)
    assert check_ins, "a fresh count of check-ins"
    assert min(r.target for r in check_ins if r.target) >= ny(12, 11, 9)  # D + 7 days
    assert ctx.store.replies(application.id)[0].decision_date == date(2026, 12, 4)
    # The pending check-ins moved to the new date: re-targeted, not duplicated.
    assert len(rows(ctx, application)) == before


def test_an_outcome_cancels_all_but_own_steps_and_reopen_restores_them(ctx: AppContext) -> None:
    application, _ = record(ctx)
    assert application.id is not None
    replan(ctx, application.id)
    planned = {row_key(r) for r in pending(ctx, application)}
    count = len(rows(ctx, application))
    set_outcome(ctx, application.id, "rejected")
    left = pending(ctx, application)
    assert {r.kind for r in left} <= {K.REFLECTION, K.KEEP_APPLYING}
    closed = [r for r in rows(ctx, application) if r.status is S.CANCELLED]
    assert closed and all("closed (rejected)" in r.reason for r in closed)
    assert set_outcome(ctx, application.id, "reopen").status is Status.INTERVIEWING
    assert {row_key(r) for r in pending(ctx, application)} == planned
    assert len(rows(ctx, application)) == count


def test_a_new_round_cancels_the_earlier_rounds_check_ins(ctx: AppContext, clock: Clock) -> None:
    application, first = record(ctx)
    assert application.id is not None
    replan(ctx, application.id)
    old = pending(ctx, application, K.CHECK_IN, K.CLOSE_THE_LOOP)
    assert old and {r.interview_id for r in old} == {first.id}
    clock.now = ny(11, 17, 15)
    _, second = record(ctx, start=ny(11, 17, 10), round_=Round.FINAL)
    replan(ctx, application.id)
    by_id = {r.id: r for r in rows(ctx, application)}
    assert all(by_id[r.id].status is S.CANCELLED for r in old)
    assert all("latest round" in by_id[r.id].reason for r in old)
    new = pending(ctx, application, K.CHECK_IN)
    assert new and {r.interview_id for r in new} == {second.id}


# Done, skipped, forced, refused ---------------------------------------------------------------


def test_done_skip_and_force(ctx: AppContext, clock: Clock) -> None:
    application, interview = record(ctx)
    assert application.id is not None
    marked = mark_done(ctx, application.id, "thank-you", at="2026-11-10T14:00")
    assert [i.kind for i in marked.marked] == [K.THANK_YOU] and not marked.forced
    thanks = [r for r in rows(ctx, application) if r.kind is K.THANK_YOU]
    assert [(r.status, r.done_at) for r in thanks] == [(S.DONE, ny(11, 10, 14))]
    mark_done(ctx, application.id, "linkedin", skip=True)
    (linkedin,) = [r for r in rows(ctx, application) if r.kind is K.LINKEDIN]
    assert (linkedin.status, linkedin.done_at) == (S.SKIPPED, clock.now)
    with pytest.raises(InputError, match="a call is planned only after"):
        mark_done(ctx, application.id, "call")
    forced = mark_done(ctx, application.id, "call", force=True)
    assert forced.forced
    (call,) = [r for r in rows(ctx, application) if r.kind is K.CALL]
    assert (call.status, call.rule, call.interview_id) == (S.DONE, "manual", interview.id)
    # The history is never rewritten by a re-plan.
    history = [r for r in rows(ctx, application) if r.status in (S.DONE, S.SKIPPED)]
    replan(ctx, application.id)
    assert [r for r in rows(ctx, application) if r.status in (S.DONE, S.SKIPPED)] == history


def test_a_third_check_in_is_refused_and_nothing_changes(ctx: AppContext, clock: Clock) -> None:
    application, _ = record(ctx)
    assert application.id is not None
    clock.now = ny(11, 23, 10)
    mark_done(ctx, application.id, "check-in")
    clock.now = ny(12, 3, 10)
    mark_done(ctx, application.id, "check-in")
    before = table(ctx)
    with pytest.raises(InputError) as caught:
        mark_done(ctx, application.id, "check-in")
    message = str(caught.value)
    assert "no check-in is pending for Acme: 2 check-ins were sent" in message
    assert "the most the plan allows (seeds 000, 002)" in message
    assert "the next step is close-the-loop" in message
    assert "--force" in message
    assert table(ctx) == before


def test_refused_input_rolls_back_the_replan_it_started_with(ctx: AppContext) -> None:
    application, _ = record(ctx, people=("Dana Rivera", "Kenji Sato"))
    assert application.id is not None
    for kwargs, field in [
        ({"kind": "panel-note"}, "--to"),
        ({"kind": "panel-note", "to": "Nobody"}, "--to"),
        ({"kind": "thank-you", "to": "dana", "at": "2026-11-10T10:30"}, "--at"),  # before the end
        ({"kind": "thank-you", "interview": 99}, "--interview"),
    ]:
        with pytest.raises(InputError) as caught:
            mark_done(ctx, application.id, **kwargs)
        assert caught.value.field == field
        assert table(ctx) == [], "the re-plan inside the refused call was rolled back"


def test_a_reflection_written_settles_its_step(ctx: AppContext) -> None:
    application, interview = record(ctx)
    assert application.id is not None and interview.id is not None
    replan(ctx, application.id)
    assert pending(ctx, application, K.REFLECTION)
    ctx.store.save_reflection(Reflection(interview.id, went_well="rapport"))
    timeline = replan(ctx, application.id)
    assert not pending(ctx, application, K.REFLECTION)
    assert [r.kind for r in timeline.changes.settled] == [K.REFLECTION]


# No answer at all: close, then reopen ----------------------------------------------------------


def test_no_response_closes_once_and_a_reply_reopens(ctx: AppContext, clock: Clock) -> None:
    application, _ = record(ctx)
    assert application.id is not None
    for day in (ny(11, 23, 10), ny(12, 3, 10), ny(12, 14, 10)):
        clock.now = day
        kind = "close-the-loop" if day.day == 14 else "check-in"
        mark_done(ctx, application.id, kind)
    clock.now = ny(12, 28, 9)  # 13 days and 23 hours: still open
    assert replan(ctx, application.id).application.status is Status.INTERVIEWING
    clock.now = ny(12, 28, 11)
    found = due(ctx)
    assert [t.application.id for t in found.closed] == [application.id]
    assert "no-response" in found.closed[0].closed
    assert ctx.store.get_application(application.id).status is Status.NO_RESPONSE
    # Reopened by hand, it stays open: the verdict is not applied twice.
    set_outcome(ctx, application.id, "reopen")
    clock.now = ny(12, 29, 11)
    assert replan(ctx, application.id).application.status is Status.INTERVIEWING
    set_outcome(ctx, application.id, "no-response")
    result = replied(ctx, application.id)
    assert result.reopened
    assert ctx.store.get_application(application.id).status is Status.INTERVIEWING


# The company, the pipeline ---------------------------------------------------------------------


def test_spacing_counts_follow_ups_to_other_applications_at_the_company(
    ctx: AppContext, clock: Clock
) -> None:
    other, _ = record(ctx, company="ACME", role="Engineer", start=ny(11, 2, 10))
    application, _ = record(ctx)
    assert other.id is not None and application.id is not None
    replan(ctx, application.id)
    alone = min(r.target for r in pending(ctx, application, K.CHECK_IN) if r.target)
    clock.now = alone - timedelta(days=2)
    mark_done(ctx, other.id, "check-in")  # to the same company, two days before
    replan(ctx, application.id)
    moved = min(r.target for r in pending(ctx, application, K.CHECK_IN) if r.target)
    assert moved >= clock.now + timedelta(days=7)
    assert "seed 000" in pending(ctx, application, K.CHECK_IN)[0].reason


def test_keep_applying_lives_on_the_latest_interview_only(ctx: AppContext, clock: Clock) -> None:
    older, _ = record(ctx, company="Globex", start=ny(11, 3, 10))
    newer, _ = record(ctx, start=ny(11, 10, 10))
    found = due(ctx, "week")
    keep = [r for app in (older, newer) for r in pending(ctx, app, K.KEEP_APPLYING)]
    assert [r.application_id for r in keep] == [newer.id]
    assert any(d.item.kind is K.KEEP_APPLYING for d in found.items)
    clock.now = ny(11, 20, 12)
    _, latest = record(ctx, company="Globex", start=ny(11, 19, 10), round_=Round.SECOND)
    due(ctx, "week")
    assert not pending(ctx, newer, K.KEEP_APPLYING), "moved to the latest interview"
    assert [r.interview_id for r in pending(ctx, older, K.KEEP_APPLYING)] == [latest.id]


# Storage: the new columns in backups -----------------------------------------------------------


def test_a_reply_date_and_numbers_round_trip_and_an_older_backup_imports(
    ctx: AppContext, tmp_path: Path
) -> None:
    application, _ = record(ctx)
    assert application.id is not None
    replied(ctx, application.id, at="2026-11-11T11:00", decision_date="2026-12-04")
    with ctx.store.reading() as conn:
        data = backup.dump(conn)
    assert data["schema_revision"] == schema.HEAD_REVISION == "0003"
    assert data["tables"]["replies"][0]["decision_date"] == "2026-12-04"
    assert {r["number"] for r in data["tables"]["followups"]} == {1, 2}
    # A backup written before revision 0002 lacks both columns: it imports, with the
    # dates empty and every follow-up number 1.
    old = json.loads(backup.to_json(data))
    old["schema_revision"] = "0001"
    for row in old["tables"]["replies"]:
        del row["decision_date"]
    for row in old["tables"]["followups"]:
        del row["number"]
    settings = Settings(
        flags={"database_url": f"sqlite:///{tmp_path / 'restored.db'}"},
        env={"FOLLOWUP_DATA_DIR": str(tmp_path / "data2")},
        config_file=tmp_path / "absent.toml",
    )
    target = AppContext(settings, clock=ctx.clock)
    try:
        with target.store.transaction() as conn:
            assert backup.load(conn, old).mode == "restore"
        assert target.store.replies(application.id)[0].decision_date is None
        assert {f.number for f in target.store.followups(application_id=application.id)} == {1}
    finally:
        target.close()


def test_a_reply_without_a_date_stores_none(ctx: AppContext) -> None:
    application, _ = record(ctx)
    assert application.id is not None
    reply = replied(ctx, application.id).reply
    assert reply.decision_date is None
    assert replace(ctx.store.replies(application.id)[0], id=reply.id) == reply
