"""The pipeline's next step: each row a situation and the advice the seeds give for it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from followup.domain.model import Application, FollowUpKind, Interview, Round, Status
from followup.domain.nextstep import next_step

END = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)  # a Wednesday, 10:00 in New York


def _interview(decision: date | None = None, end: datetime = END) -> Interview:
    return Interview(
        application_id=1,
        start=end - timedelta(hours=1),
        end=end,
        timezone="America/New_York",
        round=Round.SECOND,
        decision_date=decision,
    )


APP = Application(company="Northwind", role="Analyst", id=1)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.OFFER, "Offer received"),
        (Status.REJECTED, "ask for feedback"),
        (Status.WITHDRAWN, "withdrew"),
        (Status.NO_RESPONSE, "reopen"),
    ],
)
def test_closed_applications_say_so(status: Status, expected: str) -> None:
    step = next_step(Application("A", "B", status=status), _interview(), END + timedelta(hours=2))
    assert expected in step.text
    assert step.due is None
    assert not step.urgent


def test_no_interview_yet_keeps_applying() -> None:
    step = next_step(APP, None, END)
    assert "keep applying" in step.text
    assert step.seed == "001"


def test_upcoming_interview_is_prepared_for_in_its_own_zone() -> None:
    step = next_step(APP, _interview(), END - timedelta(days=2))
    assert step.text.startswith("Prepare for the second interview")
    assert step.due is not None
    assert step.due.utcoffset() == timedelta(hours=-5)


def test_thank_you_within_24_hours_of_the_end() -> None:
    step = next_step(APP, _interview(), END + timedelta(hours=1))
    assert "thank-you" in step.text
    assert step.due == END + timedelta(hours=24)
    assert step.urgent
    assert step.seed == "001"


def test_thank_you_late_but_inside_48_hours_cites_seed_002() -> None:
    step = next_step(APP, _interview(), END + timedelta(hours=30))
    assert "24 hours have passed" in step.text
    assert step.due == END + timedelta(hours=48)
    assert step.seed == "002"


def test_thank_you_done_moves_on_to_waiting() -> None:
    done = frozenset({FollowUpKind.THANK_YOU})
    step = next_step(APP, _interview(date(2026, 11, 27)), END + timedelta(hours=2), done=done)
    assert step.text.startswith("Wait for the decision, promised by Fri 27 Nov")


def test_check_in_a_week_after_the_promised_date_on_a_weekday_morning() -> None:
    decision = date(2026, 11, 20)  # Friday; +7 days = Friday 27 Nov
    step = next_step(APP, _interview(decision), datetime(2026, 11, 23, 12, tzinfo=UTC))
    assert "a week after it" in step.text
    assert step.due == datetime(2026, 11, 27, 14, 0, tzinfo=UTC)  # 9:00 in New York
    assert not step.urgent


def test_check_in_is_urgent_once_the_week_has_passed() -> None:
    step = next_step(APP, _interview(date(2026, 11, 20)), datetime(2026, 11, 30, tzinfo=UTC))
    assert step.text.startswith("Check in:")
    assert step.urgent


def test_without_a_date_check_in_after_a_week_skipping_the_weekend() -> None:
    end = datetime(2026, 11, 14, 15, tzinfo=UTC)  # a Saturday; +7 days is a Saturday too
    step = next_step(APP, _interview(end=end), end + timedelta(days=3))
    assert step.seed == "000"
    assert step.due is not None
    assert step.due.date() == date(2026, 11, 23)  # moved to the Monday
