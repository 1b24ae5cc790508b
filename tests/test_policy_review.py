"""Review of the planner (issue 3): adversarial records, each against a sentence of docs/policy.md.

Each test names the rule it holds the planner to; the records are the odd ones a user or
a script can produce: a round still to come, history dated before the interview, a reply
with a new date after the loop was closed, a decision date before the interview, a
recruiter whose morning starts before the interview ended, unusual settings.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from followup.domain import business
from followup.domain.model import Channel, Culture, FollowUpKind, FollowUpStatus
from followup.domain.policy import Plan, PolicySettings, Record, plan, preset
from policy_factory import (
    application,
    done,
    heard,
    interview,
    local,
    person,
    profile,
    record,
    steps,
)

K = FollowUpKind
DANA = "Dana Smith"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _only(result: Plan, kind: FollowUpKind, recipient: str | None = None) -> list:  # type: ignore[type-arg]
    found = steps(result, kind, recipient)
    assert found, f"no {kind} in the plan"
    return found


# Replies, outcomes and new rounds ------------------------------------------------------


def test_a_round_still_to_come_does_not_cancel_a_thank_you_that_is_due() -> None:
    # docs/policy.md: "A thank-you whose window closed before the next round *began* is
    # cancelled". On Monday at noon the Wednesday round has not begun: the thank-you for
    # Monday's round is due now, and the reason must not say Wednesday "took place".
    monday = interview(local(2026, 11, 16, 11), id_=1)
    wednesday = interview(local(2026, 11, 18, 11), id_=2)
    result = plan(record(monday, wednesday), local(2026, 11, 16, 12))
    thanks = [s for s in _only(result, K.THANK_YOU) if s.interview_id == 1]
    assert [s.status for s in thanks] == [FollowUpStatus.PLANNED], thanks
    assert "took place" not in thanks[0].reason


def test_a_round_that_took_place_still_cancels_the_thank_you_it_overtook() -> None:
    # The other half of the same sentence: once Wednesday's round began, Monday's thank-you
    # (window closed Tuesday 11:00) is cancelled: thank them in person.
    monday = interview(local(2026, 11, 16, 11), id_=1)
    wednesday = interview(local(2026, 11, 18, 11), id_=2)
    result = plan(record(monday, wednesday), local(2026, 11, 18, 12))
    first = [s for s in _only(result, K.THANK_YOU) if s.interview_id == 1]
    assert [s.status for s in first] == [FollowUpStatus.CANCELLED]
    assert "in person" in first[0].reason


def test_the_next_round_does_not_cancel_a_reflection_with_a_thank_you_reason() -> None:
    # docs/policy.md cancels a *thank-you* overtaken by the next round; a reflection only
    # goes stale (7 days). Before the fix the reflection was cancelled with "thank them in
    # person", which says nothing about reflecting.
    monday = interview(local(2026, 11, 16, 11), id_=1)
    tuesday = interview(local(2026, 11, 17, 15), id_=2)
    result = plan(record(monday, tuesday), local(2026, 11, 17, 17))
    first = [s for s in _only(result, K.REFLECTION) if s.interview_id == 1]
    assert len(first) == 1
    assert "thank them" not in first[0].reason
    assert first[0].status is FollowUpStatus.PLANNED


def test_a_thank_you_sent_before_the_interview_is_not_this_interviews_thank_you() -> None:
    # The stateless contract's previous_followups name no interview: a thank-you sent two
    # weeks before this interview (an earlier round's) cannot be this one's. Before the fix
    # it marked this interview's thank-you and reflection done, and the LinkedIn request
    # became due two weeks before the interview.
    iv = interview(local(2026, 11, 16, 11), id_=1)
    before = local(2026, 11, 2, 12)
    history = [done(K.THANK_YOU, before), done(K.REFLECTION, before), done(K.KEEP_APPLYING, before)]
    result = plan(record(iv, done=history, active=1), local(2026, 11, 16, 12))
    assert _only(result, K.THANK_YOU)[0].status is FollowUpStatus.PLANNED
    assert _only(result, K.REFLECTION)[0].status is FollowUpStatus.PLANNED
    assert _only(result, K.KEEP_APPLYING)[0].status is FollowUpStatus.PLANNED
    for step in result.steps:
        assert _utc(step.earliest) >= _utc(iv.end), step


def test_a_thank_you_sent_after_the_interview_still_counts() -> None:
    # The fix above must keep matching the thank-you that was actually sent.
    iv = interview(local(2026, 11, 16, 11), id_=1)
    after = local(2026, 11, 16, 13)
    result = plan(record(iv, done=[done(K.THANK_YOU, after)]), local(2026, 11, 16, 14))
    thanks = _only(result, K.THANK_YOU)[0]
    assert thanks.status is FollowUpStatus.DONE
    assert thanks.done_at == _utc(after)


def test_a_reply_with_a_new_date_after_the_close_the_loop_keeps_the_file_open() -> None:
    # docs/policy.md: "A reply that gives a new decision date re-plans the check-ins after
    # that date, with a fresh count"; the no-response verdict is for a close-the-loop that
    # "has gone unanswered". Here they answered the close-the-loop with a new date: the old
    # close-the-loop belongs to the previous round of chasing and must not close the file.
    iv = interview(local(2026, 10, 1, 11), id_=1)
    history = [
        done(K.CHECK_IN, local(2026, 10, 13, 9)),
        done(K.CHECK_IN, local(2026, 10, 23, 9)),
        done(K.CLOSE_THE_LOOP, local(2026, 11, 2, 9)),
    ]
    reply = heard(local(2026, 11, 5, 10), date(2026, 11, 30))
    result = plan(record(iv, done=history, replies=[reply]), local(2026, 11, 20, 12))
    assert result.close is None, result.close_reason
    closing = _only(result, K.CLOSE_THE_LOOP)
    assert [s.status for s in closing] == [FollowUpStatus.PLANNED]
    first = _only(result, K.CHECK_IN)[0]
    assert first.rule == "check-in.after-decision-date"
    assert first.pending


def test_an_availability_request_answered_with_a_new_date_plans_the_call() -> None:
    # docs/policy.md: "A reply after an availability request plans the call." Here the
    # reply also gave a new decision date; before the fix the call was dropped and a second
    # availability request was planned, asking again for what they had just answered.
    app = application(culture=Culture.CASUAL)
    iv = interview(local(2026, 11, 2, 11), id_=1)
    asked = done(K.AVAILABILITY_REQUEST, local(2026, 11, 11, 9), interview_id=1)
    reply = heard(local(2026, 11, 12, 10), date(2026, 12, 1))
    result = plan(record(iv, app=app, done=[asked], replies=[reply]), local(2026, 11, 12, 12))
    call = _only(result, K.CALL)
    assert [(s.status, s.channel) for s in call] == [(FollowUpStatus.PLANNED, Channel.PHONE)]
    assert call[0].target == local(2026, 11, 13, 9)
    again = [s for s in result.steps if s.kind is K.AVAILABILITY_REQUEST and s.pending]
    assert again == []
    first = _only(result, K.CHECK_IN)[0]
    assert first.rule == "check-in.after-decision-date"


# Spacing ------------------------------------------------------------------------------


def test_an_overdue_check_in_waits_a_week_after_a_later_follow_up() -> None:
    # docs/policy.md: at least 7 days "between one of them and any earlier follow-up to that
    # company". The first check-in was due 13 Oct and not sent; additional information went
    # out on 25 Oct. Sending the check-in now (27 Oct) would follow it by two days.
    iv = interview(local(2026, 10, 1, 11), id_=1)
    info = local(2026, 10, 25, 10)
    result = plan(
        record(iv, done=[done(K.ADDITIONAL_INFO, info, interview_id=1)]),
        local(2026, 10, 27, 12),
    )
    for step in result.steps:
        if step.pending and step.kind in (K.CHECK_IN, K.CLOSE_THE_LOOP):
            assert _utc(step.target) >= _utc(info) + timedelta(days=7), step


# Check-ins ----------------------------------------------------------------------------


def test_a_decision_date_before_the_interview_is_no_date() -> None:
    # A decision "promised" for a day before the interview cannot have passed "without any
    # communication" (seed 001): the interview was news. Before the fix D + 7 landed the
    # morning after the interview, a check-in before the thank-you's own window closed.
    iv = interview(local(2026, 11, 16, 11), decision=date(2026, 11, 10), id_=1)
    result = plan(record(iv), local(2026, 11, 16, 12))
    first = _only(result, K.CHECK_IN)[0]
    assert first.rule == "check-in.no-date"
    assert first.target.date() >= date(2026, 11, 23), first


def test_a_decision_date_on_the_interview_day_still_counts() -> None:
    # "We decide today": check in about a week after that day (seed 001).
    iv = interview(local(2026, 11, 16, 11), decision=date(2026, 11, 16), id_=1)
    first = _only(plan(record(iv), local(2026, 11, 16, 12)), K.CHECK_IN)[0]
    assert first.rule == "check-in.after-decision-date"
    assert first.target == local(2026, 11, 23, 9)


def test_a_decision_date_the_user_gave_as_today_counts_for_a_recipient_a_day_ahead() -> None:
    # A day's grace for the time difference: Monday 23:30 in New York is Tuesday in Tokyo,
    # and "we decide today" (Monday) is still a promised date.
    kenji = person("Kenji Sato", "Recruiter", "Asia/Tokyo")
    iv = interview(local(2026, 11, 16, 23, 30), kenji, decision=date(2026, 11, 16), id_=1)
    first = _only(plan(record(iv), local(2026, 11, 17)), K.CHECK_IN)[0]
    assert first.rule == "check-in.after-decision-date"
    assert first.target == local(2026, 11, 24, 9, zone="Asia/Tokyo")


# The thank-you --------------------------------------------------------------------------


def test_an_interview_over_before_the_office_opens_is_not_too_late_for_the_evening() -> None:
    # A Tokyo recruiter: Friday 16:00 in New York is Saturday 06:00 in Tokyo, and Monday 23
    # Nov is a holiday there. The thank-you goes at Saturday 09:00 their time; the reason
    # said the interview ended "too late for the same evening", at six in the morning.
    kenji = person("Kenji Sato", "Recruiter", "Asia/Tokyo")
    iv = interview(local(2026, 11, 20, 16), kenji, id_=1)
    thanks = _only(plan(record(iv), local(2026, 11, 20, 17)), K.THANK_YOU)[0]
    assert thanks.target == local(2026, 11, 21, 9, zone="Asia/Tokyo")
    assert "06:00" in thanks.reason
    assert "too late" not in thanks.reason


def test_a_same_day_thank_you_is_aimed_within_office_hours() -> None:
    # docs/policy.md, thank-you.same-day: "an hour after the end is within office hours".
    # With a two-hour delay an interview ending 15:30 would be thanked at 17:30: past 17:00.
    cfg = preset("default", thank_you_delay_minutes=120)
    iv = interview(local(2026, 11, 16, 15, 30), id_=1)
    thanks = _only(plan(record(iv), local(2026, 11, 16, 16), cfg), K.THANK_YOU)[0]
    assert thanks.target.time() <= cfg.business_end or thanks.rule != "thank-you.same-day"
    assert thanks.target == local(2026, 11, 17, 9)


# Channel --------------------------------------------------------------------------------


def test_an_availability_request_on_linkedin_does_not_say_email() -> None:
    # docs/policy.md: "LinkedIn is used as asked". The step goes on LinkedIn; its reason
    # said "ask by email".
    app = application(culture=Culture.CASUAL, preferred=Channel.LINKEDIN)
    iv = interview(local(2026, 11, 16, 11), id_=1)
    ask = _only(plan(record(iv, app=app), local(2026, 11, 16, 12)), K.AVAILABILITY_REQUEST)[0]
    assert ask.channel is Channel.LINKEDIN
    assert "by email" not in ask.reason
    assert "LinkedIn" in ask.reason


def test_an_availability_request_by_email_says_email() -> None:
    app = application(culture=Culture.CASUAL)
    iv = interview(local(2026, 11, 16, 11), id_=1)
    ask = _only(plan(record(iv, app=app), local(2026, 11, 16, 12)), K.AVAILABILITY_REQUEST)[0]
    assert ask.channel is Channel.EMAIL
    assert "by email" in ask.reason


def test_a_now_without_offset_is_refused_not_read_as_this_machines_time() -> None:
    iv = interview(local(2026, 11, 16, 11), id_=1)
    with pytest.raises(ValueError, match="aware"):
        plan(record(iv), datetime(2026, 11, 16, 12))  # noqa: DTZ001 - the point of the test
    # In any zone it is the same instant, and the same plan.
    at_noon = local(2026, 11, 16, 12)
    assert plan(record(iv), at_noon) == plan(record(iv), at_noon.astimezone(UTC))


# The business calendar ------------------------------------------------------------------


def test_a_year_beyond_the_holiday_tables_warns_nothing() -> None:
    # The holidays package warns (UserWarning on stderr, with its own file path) for India
    # after 2035; `followup plan` printed it. The calendar is best effort: no warning.
    business._holidays.cache_clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert business.is_business_day(date(2040, 3, 6), "IN")
        assert business.holiday_name(date(2040, 1, 26), "IN") is not None


# Adversarial records: the plan's basic promises hold --------------------------------------


def _no_interviewers() -> Record:
    return record(replace(interview(local(2026, 12, 24, 10), id_=1), interviewers=()))


def _chatham() -> Record:
    # New Zealand's clocks go back on 5 Apr 2026 at 03:45 in Chatham; Easter Monday follows.
    recruiter = person("Aroha Ngata", "Recruiter", "Pacific/Chatham")
    end = local(2026, 4, 4, 14, zone="Pacific/Chatham")
    return record(
        interview(end, recruiter, id_=1),
        app=application(zone=None, country=None),
        me=profile("Asia/Kathmandu", None),
        active=1,
    )


def _unknown_country() -> Record:
    return record(
        interview(local(2026, 12, 24, 15, zone="Antarctica/Troll"), id_=1),
        app=application(zone="Antarctica/Troll", country="XK"),
    )


def _two_rounds_one_day() -> Record:
    return record(
        interview(local(2026, 11, 16, 11), "Lee Park", id_=1),
        interview(local(2026, 11, 16, 15), "Lee Park", "Sam Okafor", id_=2),
    )


def _early_history() -> Record:
    # A reply and a check-in dated before the interview (an earlier contact with the company).
    iv = interview(local(2026, 11, 16, 11), id_=1)
    return record(
        iv,
        replies=[heard(local(2026, 11, 10, 9))],
        done=[done(K.CHECK_IN, local(2026, 11, 12, 9))],
    )


_RECORDS = {
    "no interviewers": (_no_interviewers, local(2026, 12, 24, 11), None),
    "Chatham and Kathmandu": (_chatham, local(2026, 4, 4, 15, zone="Pacific/Chatham"), None),
    "a country unknown to holidays": (_unknown_country, local(2026, 12, 24, 11), None),
    "two rounds one day": (_two_rounds_one_day, local(2026, 11, 16, 16), None),
    "an interview still to come": (_two_rounds_one_day, local(2026, 11, 9, 12), None),
    "history before the interview": (_early_history, local(2026, 11, 16, 12), None),
    "no check-ins allowed": (_two_rounds_one_day, local(2026, 11, 16, 16), "cap0"),
}


@pytest.mark.parametrize("name", list(_RECORDS))
def test_adversarial_records_keep_the_plans_promises(name: str) -> None:
    build, now, cfg = _RECORDS[name]
    settings = preset("default", max_check_ins=0) if cfg == "cap0" else PolicySettings()
    rec = build()
    result = plan(rec, now, settings)
    assert result.steps
    ends = {i.id: _utc(i.end) for i in rec.interviews}
    for step in result.steps:
        assert _utc(step.earliest) <= _utc(step.target) <= _utc(step.latest), step
        assert _utc(step.earliest) >= ends[step.interview_id], step
        if step.kind in (K.THANK_YOU, K.PANEL_NOTE):
            limit = ends[step.interview_id] + timedelta(hours=settings.thank_you_hours)
            assert _utc(step.latest) == limit
    check_ins = [s for s in result.steps if s.kind is K.CHECK_IN and s.pending]
    assert len(check_ins) <= settings.max_check_ins
    assert plan(rec, now, settings) == result
