"""The composer's Brief, read from CONTEXT.json and from the record (services/draft_brief)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from conftest import CLI, NOW
from followup.domain.check.model import Previous
from followup.domain.compose.model import Brief, ConcernNote, Member, Sender
from followup.errors import InputError
from followup.services.context import AppContext, clock_from_env
from followup.services.draft_brief import from_json, from_store, send_time
from followup.settings import Settings

EASTERN = timezone(timedelta(hours=-5))


# From CONTEXT.json -------------------------------------------------------------------------


def test_every_field_of_context_json_reaches_the_brief() -> None:
    data = {
        "company": " Northwind Labs ",
        "role": "Data Analyst",
        "interviewers": [
            {"name": "Amara Okafor", "title": "Head of Data", "email": "amara@northwind.example",
             "topics": ["the churn model", "the churn model"], "timezone": "America/Toronto"},
            {"name": "José Núñez", "topics": ["SQL performance"]},
        ],
        "interview_start": "2026-12-01T10:00:00-05:00",
        "interview_end": "2026-12-01T11:00:00-05:00",
        "round": "Second",
        "topics": ["team rituals", " "],
        "concerns": ["SQL window functions", "stakeholder management"],
        "better_answers": [
            {"concern": "sql  WINDOW functions", "answer": "I would partition by customer"}
        ],
        "standouts": ["we sketched the churn funnel"],
        "forgotten": ["my Tableau certification"],
        "questions": ["How is the team organised after the merger?"],
        "decision_date": "2026-12-18",
        "previous_followups": [{"kind": "thank-you", "sent_at": "2026-12-01T18:00:00-05:00"}],
        "send_at": "2026-12-02T09:00:00-05:00",
        "other_companies": ["Globex"],
        "people_elsewhere": ["Hank Scorpio"],
        "attachments": ["portfolio.pdf"],
        "culture": "Casual",
        "industry": "tech",
        "format": "video",
        "sender_name": "Sam Rivera",
        "sender_signature": "Sam Rivera\r\n+1 555 0100",
        "sender_email": "sam@example.com",
        "sender_phone": "+1 555 0100",
        "sender_linkedin": "https://www.linkedin.com/in/samrivera",
        "to": "Amara",  # the default of --to, read by recipient(); not part of the Brief
        "other_notes": ["Dear José,\nThanks."],  # checked, not used: the composer writes them
    }  # fmt: skip
    assert from_json(data) == Brief(
        company="Northwind Labs",
        role="Data Analyst",
        round="second",
        format="video",
        culture="casual",
        industry="tech",
        interviewers=(
            Member("Amara Okafor", "Head of Data", "amara@northwind.example", ("the churn model",)),
            Member("José Núñez", None, None, ("SQL performance",)),
        ),
        topics=("team rituals",),
        standouts=("we sketched the churn funnel",),
        concerns=(
            ConcernNote("SQL window functions", "I would partition by customer"),
            ConcernNote("stakeholder management", None),
        ),
        forgotten=("my Tableau certification",),
        questions=("How is the team organised after the merger?",),
        decision_date=date(2026, 12, 18),
        interview_start=datetime(2026, 12, 1, 10, tzinfo=EASTERN),
        interview_end=datetime(2026, 12, 1, 11, tzinfo=EASTERN),
        sender=Sender(
            "Sam Rivera",
            "Sam Rivera\n+1 555 0100",
            "sam@example.com",
            "+1 555 0100",
            "https://www.linkedin.com/in/samrivera",
        ),
        attachments=("portfolio.pdf",),
        previous_followups=(Previous("thank-you", datetime(2026, 12, 1, 18, tzinfo=EASTERN)),),
        send_at=datetime(2026, 12, 2, 9, tzinfo=EASTERN),
        other_companies=("Globex",),
        people_elsewhere=("Hank Scorpio",),
    )


def test_an_empty_context_is_an_empty_brief_and_a_panel_is_a_panel() -> None:
    assert from_json({}) == Brief()
    two = from_json({"interviewers": [{"name": "A Bell"}, {"name": "C Dodd"}]})
    assert two.format == "panel"  # as the plan contract reads several interviewers


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"interviewers": [{"name": "Amara", "topics": [3]}]}, "context.interviewers[0].topics[0]"),
        ({"interviewers": [{"name": "Amara"}, {"name": "amara"}]}, "context.interviewers[1].name"),
        ({"culture": "relaxed"}, "context.culture"),
        ({"format": "carrier pigeon"}, "context.format"),
        ({"industry": ["tech"]}, "context.industry"),
        ({"questions": "why?"}, "context.questions"),
        ({"standouts": ["line\nbreak"]}, "context.standouts[0]"),
        ({"better_answers": [{"concern": "the SQL test", "answer": "LAG()"}]},
         "context.better_answers[0].concern"),
        ({"concerns": ["SQL"], "better_answers": [{"concern": "SQL"}]},
         "context.better_answers[0].answer"),
        ({"better_answers": ["SQL => LAG()"]}, "context.better_answers[0]"),
        ({"sender_email": "not an address"}, "context.sender_email"),
        ({"sender_phone": "call me"}, "context.sender_phone"),
        ({"sender_linkedin": "ftp://x"}, "context.sender_linkedin"),
        ({"sender_signature": "Sam\x1b[31m"}, "context.sender_signature"),
        ({"send_at": "tomorrow"}, "context.send_at"),  # the check contract's readers
        ({"to": 7}, "context.to"),
    ],
)  # fmt: skip
def test_a_bad_field_is_named_by_its_path(change: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as caught:
        from_json(change)
    assert caught.value.field == field


def test_a_better_answer_names_the_concern_it_answers() -> None:
    with pytest.raises(InputError) as caught:
        from_json({"concerns": ["SQL window functions"],
                   "better_answers": [{"concern": "SQL", "answer": "LAG()"}]})  # fmt: skip
    assert "'SQL' is not one of context.concerns ('SQL window functions')" in str(caught.value)


# From the record ---------------------------------------------------------------------------


def _context(home: dict[str, str], now: str | None = None) -> AppContext:
    return AppContext(Settings(env=home), clock_from_env(now or home["FOLLOWUP_NOW"]))


@pytest.fixture
def recorded(cli: CLI) -> None:
    """Application 1 (Acme, a panel, interview #1 then #2) and application 2 (Globex)."""
    assert cli("init", "--name", "Sam Lee", "--email", "sam@example.com", "--phone",
               "+1 555 0100", "--signature", "Sam Lee\nData person",
               "--linkedin", "linkedin.com/in/samlee").code == 0  # fmt: skip
    for args in (
        ["-c", "Acme", "-r", "Analyst", "-s", "2026-11-16T10:00", "-i", "Ada Byron"],
        ["-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T16:15", "--end", "17:00",
         "--mode", "panel", "--round", "final", "--culture", "formal", "--industry", "retail",
         "-i", "Dana Rivera <dana@acme.com>, Analytics Manager", "-i", "Kenji Sato, Recruiter",
         "-t", "SQL", "-t", "Dana: the churn dashboard", "-t", "Kenji: team rituals",
         "--concern", "the SQL test => I would use a window function", "--concern", "scaling",
         "--standout", "the whiteboard demo", "--forgot", "the Kafka project",
         "--ask", "How do teams share data?", "--decision", "2026-12-04"],
        ["-c", "Globex", "-r", "Analyst", "-s", "2026-11-10T10:00", "-i", "Hank Scorpio",
         "-i", "Dana Rivera"],
    ):  # fmt: skip
        assert cli("add", *args).code == 0


def test_the_record_gives_the_brief_of_the_latest_interview(
    recorded: None, home: dict[str, str]
) -> None:
    stored = from_store(_context(home), 1)
    brief = stored.brief
    assert stored.interview.id == 2  # the latest of application 1
    assert (brief.company, brief.role, brief.round, brief.format) == (
        "Acme", "Analyst", "final", "panel",
    )  # fmt: skip
    assert (brief.culture, brief.industry) == ("formal", "retail")
    assert brief.interviewers == (
        Member("Dana Rivera", "Analytics Manager", "dana@acme.com", ("the churn dashboard",)),
        Member("Kenji Sato", "Recruiter", None, ("team rituals",)),
    )
    assert brief.topics == ("SQL",)  # the interview's own; each person keeps theirs
    assert brief.concerns == (
        ConcernNote("the SQL test", "I would use a window function"),
        ConcernNote("scaling", None),
    )
    assert (brief.standouts, brief.forgotten) == (("the whiteboard demo",), ("the Kafka project",))
    assert brief.questions == ("How do teams share data?",)
    assert brief.decision_date == date(2026, 12, 4)
    assert brief.interview_end == datetime(2026, 11, 20, 17, tzinfo=EASTERN)
    assert brief.interview_end is not None
    assert brief.interview_end.utcoffset() == timedelta(hours=-5)  # the interview's clock
    assert brief.sender == Sender(
        "Sam Lee", "Sam Lee\nData person", "sam@example.com", "+1 555 0100",
        "https://linkedin.com/in/samlee",
    )  # fmt: skip
    assert brief.other_companies == ("Globex",)
    assert brief.people_elsewhere == ("Hank Scorpio",)  # Dana is on this interview
    assert brief.send_at == NOW
    assert brief.policy is not None and brief.policy.min_spacing_days == 7


def test_an_earlier_interview_and_the_history(
    recorded: None, cli: CLI, home: dict[str, str]
) -> None:
    done = cli("done", "1", "thank-you", "--interview", "1", "--at", "2026-11-16T15:00", "--force")
    assert done.code == 0, done
    stored = from_store(_context(home), 1, 1)
    assert [m.name for m in stored.brief.interviewers] == ["Ada Byron"]
    sent = [(p.kind, p.sent_at.astimezone(EASTERN)) for p in stored.brief.previous_followups]
    assert sent == [("thank-you", datetime(2026, 11, 16, 15, tzinfo=EASTERN))]


def test_an_interview_of_another_application_is_refused(
    recorded: None, home: dict[str, str]
) -> None:
    with pytest.raises(InputError) as caught:
        from_store(_context(home), 1, 3)
    assert caught.value.field == "--interview"
    assert "interview #3 is not one of application 1's (its interviews: #1, #2)" in str(
        caught.value
    )


def test_a_step_ahead_is_judged_at_its_target(recorded: None, home: dict[str, str]) -> None:
    ahead = datetime(2026, 12, 11, 9, tzinfo=EASTERN)
    assert from_store(_context(home), 1, target=ahead).brief.send_at == ahead
    past = datetime(2026, 11, 20, 18, tzinfo=EASTERN)
    assert from_store(_context(home), 1, target=past).brief.send_at == NOW
    assert send_time(NOW, None) == NOW
