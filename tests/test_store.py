"""The store suite: every Store method, on SQLite and on PostgreSQL (the `db_url` fixture)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from followup.adapters.store.store import Store
from followup.domain.model import (
    Application,
    Channel,
    Concern,
    Contact,
    Culture,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Format,
    Interview,
    Interviewer,
    Message,
    MessageStatus,
    Profile,
    Reflection,
    Reply,
    ReplyKind,
    Round,
    Status,
)
from followup.errors import NotFoundError, StorageError

#: The store's clock in these tests (the same instant as conftest's NOW).
NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
NY = "America/New_York"
CHILD_TABLES = ("interviews", "interview_people", "interview_items", "contacts", "applications")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url, clock=lambda: NOW)
    yield opened
    opened.close()


@pytest.fixture
def me(store: Store) -> Profile:
    return store.save_profile(Profile(name="Dana Reyes", email="dana@example.org", timezone=NY))


def at(*args: int, zone: str = NY) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))


def new_interview(start: datetime | None = None, **fields: object) -> Interview:
    start = start or at(2026, 11, 20, 10)
    return Interview(None, start, start + timedelta(minutes=45), NY, **fields)


def person(name: str, *topics: str, **fields: str) -> Interviewer:
    return Interviewer(Contact(name, **fields), topics)


def record(store: Store, me: Profile, company: str = "Acme", **fields: object) -> Interview:
    app = store.find_application(me.id or 0, company, "Backend Engineer")
    app = app or Application(company, "Backend Engineer", profile_id=me.id)
    return store.record_interview(app, new_interview(**fields))[1]


def counts(store: Store, *tables: str) -> dict[str, int]:
    return {name: store.count(name) for name in tables}


# Profiles ----------------------------------------------------------------------------------


def test_profile_save_get_update(store: Store) -> None:
    assert store.is_empty()
    assert store.get_profile() is None
    first = store.save_profile(Profile(name="Dana", phone="+1 555 0100", country="US"))
    assert first.id is not None
    assert not store.is_empty()
    assert store.get_profile() == first
    changed = replace(first, name="Dana Reyes", signature="Dana\n+1 555 0100", timezone=NY)
    assert store.save_profile(changed) == changed
    assert store.get_profile(first.id) == changed
    second = store.save_profile(Profile(name="Sam"))
    assert store.get_profile() == changed  # the first one, when no ID is given
    assert store.get_profile(second.id) == second
    assert store.get_profile(9999) is None
    assert store.count("profiles") == 2
    with pytest.raises(NotFoundError):
        store.save_profile(replace(second, id=9999))


# Applications ------------------------------------------------------------------------------


def test_application_round_trips_every_field(store: Store, me: Profile) -> None:
    app = store.add_application(
        Application(
            "Zürich Versicherung",
            "Staff Engineer",
            profile_id=me.id,
            posting_url="https://jobs.example.com/42",
            industry="insurance",
            culture=Culture.FORMAL,
            company_timezone="Europe/Zurich",
            company_country="CH",
            preferred_channel=Channel.LINKEDIN,
            status=Status.APPLIED,
            applied_on=date(2026, 11, 2),
            notes="Referred by Lee.\nSalary band: ask.",
        )
    )
    assert app.id is not None
    assert store.get_application(app.id) == app
    updated = replace(app, status=Status.OFFER, preferred_channel=None, notes="")
    store.update_application(updated)
    assert store.get_application(app.id) == updated
    with pytest.raises(NotFoundError):
        store.get_application(9999)
    with pytest.raises(NotFoundError):
        store.update_application(replace(app, id=9999))


def test_find_application_ignores_case_even_beyond_ascii(store: Store, me: Profile) -> None:
    other = store.save_profile(Profile(name="Sam"))
    store.add_application(Application("Électricité de France", "Data Analyst", profile_id=other.id))
    old = store.add_application(
        Application("Électricité de France", "Data Analyst", profile_id=me.id)
    )
    new = store.add_application(
        Application("Électricité de France", "Data Analyst", profile_id=me.id)
    )
    assert me.id is not None and old.id is not None
    assert store.find_application(me.id, "électricité de FRANCE", "data ANALYST") == new
    assert store.find_application(me.id, "Électricité de France", "Data Engineer") is None
    assert store.find_application(me.id, "Électricité", "Data Analyst") is None


def test_applications_newest_first_active_only_and_company_names(store: Store, me: Profile) -> None:
    other = store.save_profile(Profile(name="Sam"))
    store.add_application(Application("Initech", "QA", profile_id=other.id))
    made = [
        store.add_application(Application(company, "Dev", profile_id=me.id, status=status))
        for company, status in [
            ("Globex", Status.APPLIED),
            ("Acme", Status.REJECTED),
            ("Umbrella", Status.INTERVIEWING),
            ("Acme", Status.OFFER),
            ("Hooli", Status.WITHDRAWN),
            ("Vandelay", Status.NO_RESPONSE),
        ]
    ]
    assert me.id is not None
    assert store.applications(me.id) == made[::-1]
    assert store.applications(me.id, active_only=True) == [made[2], made[0]]
    assert store.company_names(me.id) == ["Acme", "Globex", "Hooli", "Umbrella", "Vandelay"]
    assert store.applications(9999) == []


def test_foreign_keys_are_enforced(store: Store, me: Profile) -> None:
    with pytest.raises(StorageError, match="refused"):
        store.add_application(Application("Acme", "Dev", profile_id=9999))
    with pytest.raises(StorageError, match="refused"):
        store.add_message(Message(followup_id=9999, body="Thank you"))
    assert counts(store, "applications", "messages") == {"applications": 0, "messages": 0}


# Interviews --------------------------------------------------------------------------------


def full_interview() -> Interview:
    return new_interview(
        at(2026, 11, 20, 10, 5),
        round=Round.SECOND,
        format=Format.PANEL,
        location="Zoom",
        interviewers=(
            person("Priya Shah", "system design", "on-call", email="priya@acme.example"),
            person("Marcus Lee", title="Engineering Manager"),
            person("Élodie Martin", "team culture", "mentoring", "growth", linkedin="in/elodie"),
        ),
        topics=("the payments migration", "hiring plans"),
        standouts=("They laughed at the pager story",),
        questions_asked=("Tell me about a conflict", "Why Acme?"),
        concerns=(
            Concern("Fumbled the Kafka question", "Explain partition rebalancing with the demo"),
            Concern("Too vague on salary"),
        ),
        forgotten=("the open-source work",),
        questions_to_ask=("How is on-call paid?",),
        decision_date=date(2026, 12, 1),
        decision_note="by the end of next week",
        notes="Long notes\nwith lines — and ünïcödé.",
    )


def test_record_interview_creates_application_and_contacts(store: Store, me: Profile) -> None:
    app, saved = store.record_interview(
        Application("Acme", "Backend Engineer", profile_id=me.id), full_interview()
    )
    assert app.id is not None and saved.id is not None
    assert saved.application_id == app.id
    assert all(p.contact.id is not None for p in saved.interviewers)
    assert all(p.contact.company == "Acme" for p in saved.interviewers)
    assert store.get_application(app.id) == app
    got = store.get_interview(saved.id)
    assert got == saved
    expected = replace(full_interview(), id=saved.id, application_id=app.id)
    assert got == replace(expected, interviewers=got.interviewers)
    names = [p.contact.name for p in got.interviewers]
    assert names == ["Priya Shah", "Marcus Lee", "Élodie Martin"]
    assert [p.topics for p in got.interviewers] == [
        ("system design", "on-call"),
        (),
        ("team culture", "mentoring", "growth"),
    ]
    assert got.concerns[1].better_answer is None
    assert store.interviews_for(app.id) == [got]
    assert counts(store, "applications", "contacts", "interviews") == {
        "applications": 1,
        "contacts": 3,
        "interviews": 1,
    }
    assert store.get_contact(got.interviewers[1].contact.id or 0).title == "Engineering Manager"


def test_interviewer_order_is_per_interview(store: Store, me: Profile) -> None:
    names = ["Zoe Adams", "Yann Bose", "Xia Chen"]
    first = record(store, me, interviewers=tuple(person(n, f"{n} topic") for n in names))
    second = record(
        store,
        me,
        start=at(2026, 11, 21, 9),
        interviewers=tuple(person(n, f"{n} again", "more") for n in reversed(names)),
    )
    assert store.count("contacts") == 3
    assert [p.contact.name for p in store.get_interview(first.id or 0).interviewers] == names
    again = store.get_interview(second.id or 0)
    assert [p.contact.name for p in again.interviewers] == names[::-1]
    assert [p.topics for p in again.interviewers] == [(f"{n} again", "more") for n in names[::-1]]


def test_contact_reused_by_email_keeps_known_fields(store: Store, me: Profile) -> None:
    first = record(store, me, interviewers=(person("Priya Shah", email="priya@acme.example"),))
    second = record(
        store,
        me,
        start=at(2026, 11, 21, 9),
        interviewers=(
            person("Priya S.", email="PRIYA@acme.example", title="Staff Engineer", phone="555"),
        ),
    )
    known, again = first.interviewers[0].contact, second.interviewers[0].contact
    assert again.id == known.id
    assert store.count("contacts") == 1
    stored = store.get_contact(known.id or 0)
    assert (stored.name, stored.email) == ("Priya Shah", "priya@acme.example")
    assert (stored.title, stored.phone) == ("Staff Engineer", "555")
    assert again == stored


def test_contact_reused_by_name_at_company_and_filled_in(store: Store, me: Profile) -> None:
    first = record(store, me, interviewers=(person("Marcus Lee", title="EM"),))
    second = record(
        store,
        me,
        start=at(2026, 11, 21, 9),
        interviewers=(person("MARCUS LEE", email="marcus@acme.example", title="CTO"),),
    )
    contact_id = first.interviewers[0].contact.id
    assert second.interviewers[0].contact.id == contact_id
    stored = store.get_contact(contact_id or 0)
    assert (stored.email, stored.title) == ("marcus@acme.example", "EM")
    assert store.count("contacts") == 1


def test_namesakes_stay_different_people(store: Store, me: Profile) -> None:
    record(store, me, interviewers=(person("Alex Kim", email="alex@acme.example"),))
    record(store, me, "Globex", interviewers=(person("Alex Kim"),))
    record(store, me, start=at(2026, 11, 23, 9), interviewers=(person("Alex Kim", email="a@b.c"),))
    assert store.count("contacts") == 3


def test_contact_given_by_id_is_updated(store: Store, me: Profile) -> None:
    first = record(store, me, interviewers=(person("Marcus Lee"),))
    known = first.interviewers[0].contact
    changed = replace(known, title="VP Engineering", email="m@acme.example")
    record(store, me, start=at(2026, 11, 21, 9), interviewers=(Interviewer(changed),))
    assert store.get_contact(known.id or 0) == changed
    with pytest.raises(NotFoundError):
        store.get_contact(9999)
    with pytest.raises(NotFoundError):
        record(store, me, interviewers=(Interviewer(replace(known, id=9999)),))


@pytest.mark.parametrize(
    ("zone", "wall", "fold"),
    [
        ("Europe/Paris", (2026, 3, 29, 1, 59, 59, 999999), 0),  # just before the spring gap
        ("America/New_York", (2026, 11, 1, 1, 30, 0, 1), 1),  # the repeated hour, 2nd time
        ("Australia/Lord_Howe", (2026, 4, 5, 1, 45, 0, 500000), 0),  # a 30-minute DST shift
        ("Asia/Kathmandu", (2026, 11, 20, 23, 59, 59, 123456), 0),  # +05:45
        ("UTC", (1999, 12, 31, 23, 59, 59, 999999), 0),
    ],
)
def test_aware_datetimes_round_trip_exactly(
    store: Store, me: Profile, zone: str, wall: tuple[int, ...], fold: int
) -> None:
    start = datetime(*wall, tzinfo=ZoneInfo(zone), fold=fold)  # type: ignore[misc]
    end = start + timedelta(hours=1, microseconds=7)
    app, saved = store.record_interview(
        Application("Acme", "Dev", profile_id=me.id),
        replace(new_interview(), start=start, end=end, timezone=zone),
    )
    got = store.get_interview(saved.id or 0)
    same_instant(got.start, start)
    same_instant(got.end, end)
    local = got.start.astimezone(ZoneInfo(got.timezone))  # what the user typed, again
    assert local.replace(tzinfo=None) == start.replace(tzinfo=None)
    assert local.utcoffset() == start.utcoffset()
    assert app.id is not None
    planned = store.add_followup(
        FollowUp(app.id, FollowUpKind.THANK_YOU, earliest=start, target=end, done_at=end)
    )
    back = store.followups(application_id=app.id)[0]
    for value, original in [(back.earliest, start), (back.target, end), (back.done_at, end)]:
        same_instant(value, original)
    store.add_message(Message(planned.id or 0, "Thanks", sent_at=start))
    same_instant(store.messages(planned.id or 0)[0].sent_at, start)
    store.add_reply(Reply(app.id, received_at=end))
    same_instant(store.replies(app.id)[0].received_at, end)


def same_instant(back: datetime | None, original: datetime) -> None:
    """Exactly the same instant, to the microsecond, and aware.

    Not ``back == original``: comparing times in two zones is False inside a DST fold
    (PEP 495), and float timestamps would round the microseconds away.
    """
    assert back is not None and back.tzinfo is not None
    assert back.astimezone(UTC) == original.astimezone(UTC)
    assert back.astimezone(UTC).microsecond == original.astimezone(UTC).microsecond


def test_naive_datetime_is_refused_and_nothing_written(store: Store, me: Profile) -> None:
    naive = replace(new_interview(), start=datetime(2026, 11, 20, 10))  # noqa: DTZ001
    with pytest.raises(sa.exc.StatementError, match="naive datetime"):
        store.record_interview(Application("Acme", "Dev", profile_id=me.id), naive)
    assert counts(store, *CHILD_TABLES) == dict.fromkeys(CHILD_TABLES, 0)
    app = store.add_application(Application("Acme", "Dev", profile_id=me.id))
    with pytest.raises(sa.exc.StatementError, match="naive datetime"):
        store.add_reply(Reply(app.id or 0, received_at=datetime(2026, 11, 21)))  # noqa: DTZ001
    assert store.count("replies") == 0


def test_update_interview_replaces_people_and_lists(store: Store, me: Profile) -> None:
    saved = record(
        store,
        me,
        interviewers=(person("Priya Shah", "design"), person("Marcus Lee", "culture")),
        topics=("old topic",),
        concerns=(Concern("old concern", "old answer"),),
        questions_to_ask=("old question",),
    )
    changed = replace(
        saved,
        round=Round.FINAL,
        end=saved.end + timedelta(minutes=30),
        interviewers=(person("Marcus Lee", "budget"), person("Nora Vance")),
        topics=("new topic", "another"),
        concerns=(),
        questions_to_ask=(),
        standouts=("a standout",),
        notes="rewritten",
    )
    store.update_interview(changed)
    got = store.get_interview(saved.id or 0)
    assert [(p.contact.name, p.topics) for p in got.interviewers] == [
        ("Marcus Lee", ("budget",)),
        ("Nora Vance", ()),
    ]
    assert got == replace(changed, interviewers=got.interviewers)
    assert counts(store, "contacts", "interview_people", "interview_items") == {
        "contacts": 3,
        "interview_people": 2,
        "interview_items": 4,
    }
    with pytest.raises(NotFoundError):
        store.update_interview(replace(changed, id=9999))
    with pytest.raises(NotFoundError):
        store.get_interview(9999)


def test_delete_interview_cascades(store: Store, me: Profile) -> None:
    saved = record(store, me, interviewers=(person("Priya Shah", "design"),), topics=("t",))
    kept = record(store, me, start=at(2026, 11, 24, 9), topics=("kept",))
    app_id = saved.application_id or 0
    store.save_reflection(Reflection(saved.id or 0, went_well="rapport"))
    planned = store.add_followup(FollowUp(app_id, FollowUpKind.THANK_YOU, interview_id=saved.id))
    app_level = store.add_followup(FollowUp(app_id, FollowUpKind.CHECK_IN))
    sent = store.add_message(Message(planned.id or 0, "Thank you", message_id="<a@b>"))
    store.add_reply(Reply(app_id, NOW, message_id=sent.id, snippet="Thanks!"))
    store.delete_interview(saved.id or 0)
    with pytest.raises(NotFoundError):
        store.get_interview(saved.id or 0)
    assert store.get_reflection(saved.id or 0) is None
    assert store.followups(application_id=app_id) == [app_level]
    assert store.replies(app_id)[0].message_id is None  # the reply stays, unlinked
    assert counts(store, "interview_people", "interview_items", "messages", "contacts") == {
        "interview_people": 0,
        "interview_items": 1,
        "messages": 0,
        "contacts": 1,
    }
    assert store.interviews_for(app_id) == [store.get_interview(kept.id or 0)]
    with pytest.raises(NotFoundError):
        store.delete_interview(saved.id or 0)


def test_pipeline_latest_interview_and_count(store: Store, me: Profile) -> None:
    other = store.save_profile(Profile(name="Sam"))
    store.add_application(Application("Initech", "QA", profile_id=other.id))
    later = record(store, me, start=at(2026, 11, 19, 14), round=Round.SECOND)
    record(store, me, start=at(2026, 11, 12, 9), round=Round.SCREEN)
    record(store, me, start=at(2026, 11, 15, 9), round=Round.FIRST)
    quiet = store.add_application(Application("Globex", "Dev", profile_id=me.id))
    tied = record(store, me, "Hooli", start=at(2026, 11, 16, 9))
    record(store, me, "Hooli", start=at(2026, 11, 16, 9), round=Round.SECOND)
    rows = store.pipeline(me.id or 0)
    assert [(a.company, n) for a, _, n in rows] == [("Acme", 3), ("Globex", 0), ("Hooli", 2)]
    acme, globex, hooli = rows
    assert acme[1] is not None and acme[1].id == later.id
    assert acme[1] == replace(later, interviewers=())
    assert globex == (quiet, None, 0)
    assert hooli[1] is not None and hooli[1].id == tied.id
    assert store.pipeline(9999) == []


# Reflections, follow-ups, messages, replies ---------------------------------------------


def test_reflection_upsert(store: Store, me: Profile) -> None:
    saved = record(store, me)
    ticks = itertools.count()
    store = Store(store.engine, clock=lambda: NOW + timedelta(seconds=next(ticks)))
    assert store.get_reflection(saved.id or 0) is None
    first = store.save_reflection(Reflection(saved.id or 0, "rapport", "examples", "the demo"))
    assert first.updated_at is not None
    assert store.get_reflection(saved.id or 0) == first
    second = store.save_reflection(
        replace(first, went_well="the design part", notes="ask about on-call")
    )
    assert (second.went_well, second.to_improve) == ("the design part", "examples")
    assert second.updated_at is not None and second.updated_at > first.updated_at
    assert store.get_reflection(saved.id or 0) == second  # the time it returned is the stored one
    assert store.count("reflections") == 1
    with pytest.raises(NotFoundError):
        store.save_reflection(Reflection(9999, "x"))


def test_followups_by_target_then_missing_targets(store: Store, me: Profile) -> None:
    saved = record(store, me)
    app_id = saved.application_id or 0
    other = store.save_profile(Profile(name="Sam"))
    foreign = store.add_application(Application("Initech", "QA", profile_id=other.id))
    store.add_followup(FollowUp(foreign.id or 0, FollowUpKind.CHECK_IN, target=NOW))
    undated = store.add_followup(FollowUp(app_id, FollowUpKind.KEEP_APPLYING))
    late = store.add_followup(
        FollowUp(app_id, FollowUpKind.CHECK_IN, target=NOW + timedelta(days=7), rule="r.check")
    )
    soon = store.add_followup(
        FollowUp(
            app_id,
            FollowUpKind.THANK_YOU,
            interview_id=saved.id,
            recipient_id=None,
            channel=Channel.EMAIL,
            earliest=NOW,
            target=NOW + timedelta(hours=3),
            latest=NOW + timedelta(days=1),
            rule="timing.thank_you",
            reason="seed 001: within 24 hours",
        )
    )
    assert store.followups(application_id=app_id) == [soon, late, undated]
    assert store.followups(profile_id=me.id) == [soon, late, undated]
    done = replace(soon, status=FollowUpStatus.SENT, done_at=NOW + timedelta(hours=4))
    assert store.update_followup(done) == done
    assert store.followups(application_id=app_id)[0] == done
    with pytest.raises(NotFoundError):
        store.update_followup(replace(done, id=9999))


def test_messages_keep_attachments_and_unique_message_ids(store: Store, me: Profile) -> None:
    saved = record(store, me)
    planned = store.add_followup(FollowUp(saved.application_id or 0, FollowUpKind.THANK_YOU))
    fid = planned.id or 0
    draft = store.add_message(
        Message(fid, "Dear Priya,\n…", subject="Thank you", attachments=("cv.pdf", "portfólio.zip"))
    )
    sent = store.add_message(
        Message(
            fid,
            "Hi",
            check_report='{"score": 97}',
            message_id="<1@followup>",
            status=MessageStatus.SENT,
            sent_at=NOW,
        )
    )
    assert store.messages(fid) == [draft, sent]
    assert store.messages(fid)[0].attachments == ("cv.pdf", "portfólio.zip")
    with pytest.raises(StorageError, match="refused"):
        store.add_message(Message(fid, "again", message_id="<1@followup>"))
    assert store.count("messages") == 2
    assert store.messages(9999) == []


def test_replies_oldest_first(store: Store, me: Profile) -> None:
    app_id = record(store, me).application_id or 0
    late = store.add_reply(Reply(app_id, NOW, sender="hr@acme.example", kind=ReplyKind.OFFER))
    early = store.add_reply(
        Reply(app_id, NOW - timedelta(days=2), subject="Re: Thank you", snippet="Thanks Dana")
    )
    same = store.add_reply(Reply(app_id, NOW, kind=ReplyKind.REJECTION))
    assert store.replies(app_id) == [early, late, same]
    assert store.replies(9999) == []


# Transactions and the database itself ------------------------------------------------------


def test_failed_record_interview_writes_nothing(store: Store, me: Profile) -> None:
    # The second interviewer's topic is NULL: interview_items refuses it after the
    # application, the interview and both contacts were inserted. (The same person twice
    # no longer fails: the store puts a contact once on an interview.)
    broken = new_interview(
        interviewers=(person("Priya Shah", "design"), person("Marcus Lee", None)),  # type: ignore[arg-type]
        topics=("t",),
    )
    with pytest.raises(StorageError, match="refused"):
        store.record_interview(Application("Acme", "Dev", profile_id=me.id), broken)
    assert counts(store, *CHILD_TABLES) == dict.fromkeys(CHILD_TABLES, 0)
    # An existing application's changes roll back with the rest.
    app = store.add_application(Application("Acme", "Dev", profile_id=me.id))
    unknown = Interviewer(Contact("Ghost", id=9999))
    with pytest.raises(NotFoundError):
        store.record_interview(
            replace(app, status=Status.OFFER),
            new_interview(interviewers=(person("Marcus Lee"), unknown)),
        )
    assert store.get_application(app.id or 0) == app
    assert counts(store, *CHILD_TABLES) == dict.fromkeys(CHILD_TABLES, 0) | {"applications": 1}
    with pytest.raises(NotFoundError):
        store.record_interview(replace(app, id=9999), new_interview())
    assert store.count("interviews") == 0


def test_transaction_is_all_or_nothing(store: Store) -> None:
    from followup.adapters.store import schema

    row = {"name": "Dana", "timezone": "UTC", "created_at": NOW, "updated_at": NOW}

    def insert(*uids: str, fail: bool = False) -> None:
        with store.transaction() as conn:
            for uid in uids:
                conn.execute(schema.profiles.insert().values(uid=uid, **row))
            if fail:
                raise KeyError("any error, not only the database's")

    with pytest.raises(StorageError, match="refused"):
        insert("u-1", "u-1")  # uid is unique: the second insert fails, the first goes too
    with pytest.raises(KeyError):
        insert("u-2", fail=True)
    assert store.is_empty()
    with store.transaction() as conn:
        conn.execute(schema.profiles.insert().values(uid="u-3", **row))
    assert store.count("profiles") == 1


def test_sqlite_runs_with_foreign_keys_and_wal(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'pragmas.db'}")
    for _ in range(2):  # every pooled connection, not only the first
        with store.reading() as conn, store.reading() as other:
            for c in (conn, other):
                assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()


def test_an_interview_moved_to_another_application_takes_its_followups(
    store: Store, me: Profile
) -> None:
    moved = record(store, me, "Acme")
    stays = record(store, me, "Acme", start=at(2026, 11, 24, 10))
    other = store.add_application(Application("Globex", "Analyst", profile_id=me.id))
    assert moved.id is not None and stays.id is not None and other.id is not None
    for interview in (moved, stays):
        store.add_followup(
            FollowUp(
                application_id=interview.application_id or 0,
                interview_id=interview.id,
                kind=FollowUpKind.THANK_YOU,
                rule="thank-you",
                reason="seed 001",
            )
        )
    store.update_interview(replace(moved, application_id=other.id))
    assert [f.interview_id for f in store.followups(application_id=other.id)] == [moved.id]
    assert [f.interview_id for f in store.followups(application_id=stays.application_id)] == [
        stays.id
    ]
