"""The JSON backup: lossless round trips, merges, validation, and all-or-nothing imports."""

from __future__ import annotations

import copy
import itertools
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.adapters.store import backup
from followup.adapters.store.schema import TABLES
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
from followup.errors import InputError
from followup.services import backup as service
from followup.services.context import AppContext
from followup.settings import Settings

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)

# Databases ---------------------------------------------------------------------------------

_names = itertools.count()


@pytest.fixture
def new_db(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    """More fresh, empty databases of the same kind as ``db_url``."""
    if db_url.startswith("sqlite"):
        return lambda: f"sqlite:///{tmp_path / f'extra{next(_names)}.db'}"
    server = request.getfixturevalue("pg_server")
    return lambda: _pg_database(server)


def _pg_database(server: str) -> str:
    import psycopg

    name = f"b{os.getpid()}_{next(_names)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, query = server.partition("?")
    base = base.rsplit("/", 1)[0].split("://", 1)[1]
    return f"postgresql+psycopg://{base}/{name}" + (f"?{query}" if query else "")


@pytest.fixture
def stores() -> Iterator[list[Store]]:
    """Close every store a test opens."""
    opened: list[Store] = []
    yield opened
    for store in opened:
        store.close()


def open_store(stores: list[Store], url: str) -> Store:
    store = Store.open(url, clock=lambda: NOW)
    stores.append(store)
    return store


def export_text(store: Store) -> str:
    with store.reading() as conn:
        return backup.to_json(backup.dump(conn))


def raw_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row as the database hands it back (datetimes, dates): what "lossless" means."""
    import sqlalchemy as sa

    with store.reading() as conn:
        return {
            t.name: [tuple(r) for r in conn.execute(sa.select(t).order_by(*t.primary_key))]
            for t in TABLES
        }


def load(store: Store, data: Any, *, dry_run: bool = False) -> backup.LoadResult:
    with store.transaction() as conn:
        return backup.load(conn, data, dry_run=dry_run)


def populate(
    store: Store, *, company: str = "Acme Ωmega 🚀", email: str = "bo@acme.example"
) -> None:
    """A small but complete record: a row in every table."""
    profile = store.save_profile(
        Profile(name="Ana Lídia 👩‍💻", email="ana@example.com", timezone="Europe/Lisbon")
    )
    application = Application(
        company=company,
        role="Backend engineer",
        profile_id=profile.id,
        culture=Culture.CASUAL,
        preferred_channel=Channel.EMAIL,
        applied_on=date(2026, 11, 2),
        notes="שלום — مرحبا\nline two",
    )
    start = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
    interview = Interview(
        application_id=None,
        start=start,
        end=start + timedelta(minutes=45),
        timezone="America/New_York",
        round=Round.SECOND,
        format=Format.PANEL,
        interviewers=(
            Interviewer(Contact(name="Bo Chen", email=email, title="CTO"), ("Rust", "k8s")),
            Interviewer(Contact(name="Dana Ortiz", company=company), ("culture",)),
        ),
        topics=("architecture",),
        standouts=("the whiteboard",),
        concerns=(Concern("sharding answer", "use consistent hashing"),),
        questions_to_ask=("team size?",),
        decision_date=date(2026, 12, 1),
    )
    application, interview = store.record_interview(application, interview)
    assert application.id is not None and interview.id is not None
    store.save_reflection(Reflection(interview_id=interview.id, went_well="rapport"))
    followup = store.add_followup(
        FollowUp(
            application_id=application.id,
            kind=FollowUpKind.THANK_YOU,
            interview_id=interview.id,
            recipient_id=interview.interviewers[0].contact.id,
            target=start + timedelta(hours=20),
        )
    )
    assert followup.id is not None
    message = store.add_message(
        Message(
            followup_id=followup.id,
            body="Thank you, Bo!",
            subject="Thanks",
            attachments=("portfolio.pdf",),
            message_id=f"<{company.encode().hex()}@followup.test>",
            status=MessageStatus.SENT,
            sent_at=start + timedelta(hours=21),
            send_at=start + timedelta(hours=20),
            to_name="Bo",
            to_email=email,
            in_reply_to=f"<0.{company.encode().hex()}@followup.test>",
            attempts=1,
            error="451 try later (the first attempt)",
        )
    )
    store.add_reply(
        Reply(
            application_id=application.id,
            received_at=start + timedelta(days=2),
            message_id=message.id,
            sender=email,
            kind=ReplyKind.INVITATION,
            header_id=f"<r.{company.encode().hex()}@mail.test>",
            matched_by="thread",
        )
    )
    assert profile.id is not None
    store.save_folder_state(profile.id, f"me@imap.{company.lower()}.test", "INBOX", 2**32 - 1, 9)


# Round trips -------------------------------------------------------------------------------


def test_round_trip_into_an_empty_database_is_byte_identical(
    db_url: str, new_db: Callable[[], str], stores: list[Store]
) -> None:
    source = open_store(stores, db_url)
    populate(source)
    text = export_text(source)
    data = json.loads(text)
    assert all(data["tables"][t.name] for t in TABLES), "every table has a row"
    assert "exported_at" not in text

    target = open_store(stores, new_db())
    result = load(target, json.loads(text))

    assert result.mode == "restore"
    assert raw_rows(target) == raw_rows(source)
    assert result.counts()["interview_items"] == {
        "inserted": len(data["tables"]["interview_items"]),
        "skipped": 0,
    }
    assert export_text(target) == text
    # IDs were kept, and new rows do not collide with them (PostgreSQL sequences moved on).
    added = target.add_application(Application(company="New", role="Role", profile_id=1))
    assert added.id == max(row["id"] for row in data["tables"]["applications"]) + 1


def test_the_same_data_exports_the_same_on_sqlite_and_postgresql(
    tmp_path: Path, pg_url: str, stores: list[Store]
) -> None:
    lite = open_store(stores, f"sqlite:///{tmp_path / 'a.db'}")
    populate(lite)
    text = export_text(lite)
    pg = open_store(stores, pg_url)
    load(pg, json.loads(text))
    assert export_text(pg) == text


def test_importing_twice_is_idempotent(
    db_url: str, new_db: Callable[[], str], stores: list[Store]
) -> None:
    source = open_store(stores, db_url)
    populate(source)
    text = export_text(source)
    target = open_store(stores, new_db())
    load(target, json.loads(text))

    again = load(target, json.loads(text))

    assert again.mode == "merge"
    assert all(c["inserted"] == 0 for c in again.counts().values())
    assert again.counts()["interviews"] == {"inserted": 0, "skipped": 1}
    assert export_text(target) == text


def test_import_into_a_database_with_data_appends_and_remaps_every_id(
    db_url: str, new_db: Callable[[], str], stores: list[Store]
) -> None:
    source = open_store(stores, db_url)
    populate(source)
    data = json.loads(export_text(source))
    target = open_store(stores, new_db())
    populate(target, company="Other Co", email="x@other.example")
    before = json.loads(export_text(target))

    result = load(target, copy.deepcopy(data))

    assert result.mode == "merge"
    assert result.counts()["applications"] == {"inserted": 1, "skipped": 0}
    assert result.counts()["interview_people"] == {"inserted": 2, "skipped": 0}
    after = json.loads(export_text(target))
    for table in TABLES:  # what was there is untouched
        rows = after["tables"][table.name]
        assert rows[: len(before["tables"][table.name])] == before["tables"][table.name]
    imported = target.find_application(2, "Acme Ωmega 🚀", "Backend engineer")
    assert imported is not None and imported.id == 2
    (interview,) = target.interviews_for(imported.id)
    assert [p.contact.name for p in interview.interviewers] == ["Bo Chen", "Dana Ortiz"]
    assert [p.contact.profile_id for p in interview.interviewers] == [2, 2]
    assert interview.interviewers[0].topics == ("Rust", "k8s")
    assert interview.concerns == (Concern("sharding answer", "use consistent hashing"),)
    assert target.get_reflection(interview.id or 0) == Reflection(
        interview_id=interview.id or 0, went_well="rapport", updated_at=NOW
    )
    (followup,) = target.followups(application_id=imported.id)
    assert followup.interview_id == interview.id
    assert followup.recipient_id == interview.interviewers[0].contact.id
    (message,) = target.messages(followup.id or 0)
    assert message.attachments == ("portfolio.pdf",)
    (reply,) = target.replies(imported.id)
    assert reply.message_id == message.id

    again = load(target, copy.deepcopy(data))  # and a second time adds nothing
    assert all(c["inserted"] == 0 for c in again.counts().values())


def test_a_dry_run_counts_and_writes_nothing(
    db_url: str, new_db: Callable[[], str], stores: list[Store]
) -> None:
    source = open_store(stores, db_url)
    populate(source)
    data = json.loads(export_text(source))
    target = open_store(stores, new_db())

    result = load(target, data, dry_run=True)

    assert result.mode == "restore"
    assert result.counts()["contacts"] == {"inserted": 2, "skipped": 0}
    assert target.is_empty()
    assert all(target.count(t.name) == 0 for t in TABLES)


# The property: export, import into an empty database, export again -------------------------

# Values the CLI could have stored (the import holds a backup to the same checks): one-line
# fields without line breaks or control characters, free text with line breaks, valid
# addresses. Arbitrary junk is the business of the property after this one.
# Format characters (Cf) hold the text-direction overrides the CLI refuses; the harmless
# ones (ZWJ in an emoji, the right-to-left mark) come in through _special.
_line_chars = st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp"))
_text_chars = st.characters(
    exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp"), include_characters="\n\r\t"
)
_special = st.sampled_from(
    ["👩‍💻🚀", "שלום עולם", "مرحبا بك", "e\u0301", "\u200fRLM", "zero\u200dwidth"]
)
_line = st.one_of(st.text(_line_chars, max_size=25), _special)
_word = st.one_of(st.text(_line_chars, min_size=1, max_size=25).filter(str.strip), _special)
_text = st.one_of(st.text(_text_chars, max_size=25), _special, st.just(" two\r\nlines \n"))
_emails = st.sampled_from(
    ["ana@example.com", "Dana.Rivera+jobs@Sub.Example.org", "josé@exämple.com", "用户@例子.广告"]
)
_urls = st.builds(
    "https://example.com/{}".format, st.text(st.characters(categories=("L", "N")), max_size=20)
)
_zones = st.sampled_from(sorted(available_timezones()))
_moments = st.datetimes(
    min_value=datetime(1990, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
    max_value=datetime(2080, 1, 1),  # noqa: DTZ001
    timezones=st.timezones(),
)
_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2080, 1, 1))
_maybe_moment = st.none() | _moments


@st.composite
def _interviews(draw: st.DrawFn, serial: Iterator[int]) -> tuple[Interview, Reflection | None]:
    start = draw(_moments)
    people = tuple(
        Interviewer(
            Contact(
                name=f"{draw(_word)} #{next(serial)}",  # unique: the store merges namesakes
                title=draw(st.none() | _word),
                email=draw(st.none() | st.just(f"p{next(serial)}@example.com")),
                timezone=draw(st.none() | _zones),
                company=draw(st.none() | _word),
            ),
            tuple(draw(st.lists(_word, max_size=2, unique=True))),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    interview = Interview(
        application_id=None,
        start=start,
        # A length in real time: wall-clock arithmetic across a DST change can end an
        # interview before it starts, which `followup add` refuses.
        end=(start.astimezone(UTC) + timedelta(minutes=draw(st.integers(1, 600)))).astimezone(
            start.tzinfo
        ),
        timezone=draw(_zones),
        round=draw(st.sampled_from(Round)),
        format=draw(st.sampled_from(Format)),
        location=draw(st.none() | _word),
        interviewers=people,
        topics=tuple(draw(st.lists(_word, max_size=2))),
        standouts=tuple(draw(st.lists(_word, max_size=2))),
        questions_asked=tuple(draw(st.lists(_word, max_size=1))),
        concerns=tuple(
            Concern(text, better)
            for text, better in draw(st.lists(st.tuples(_word, st.none() | _line), max_size=2))
        ),
        forgotten=tuple(draw(st.lists(_word, max_size=1))),
        questions_to_ask=tuple(draw(st.lists(_word, max_size=1))),
        decision_date=draw(st.none() | _dates),
        decision_note=draw(st.none() | _word),
        notes=draw(_text),
    )
    reflection = draw(
        st.none() | st.builds(Reflection, st.just(0), _text, _text, _text, _text)  # type: ignore[arg-type]
    )
    return interview, reflection


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, Any]:
    """Random records of every kind, as nested specs :func:`build` writes through the Store."""
    serial = itertools.count()
    profiles = []
    for _ in range(draw(st.integers(1, 2))):
        applications = []
        for _ in range(draw(st.integers(0, 3))):
            followups = [
                {
                    "followup": FollowUp(
                        application_id=0,
                        kind=draw(st.sampled_from(FollowUpKind)),
                        channel=draw(st.sampled_from(Channel)),
                        earliest=draw(_maybe_moment),
                        target=draw(_maybe_moment),
                        latest=draw(_maybe_moment),
                        status=draw(st.sampled_from(FollowUpStatus)),
                        rule=draw(_line),
                        reason=draw(_text),
                        done_at=draw(_maybe_moment),
                    ),
                    "interview": draw(st.none() | st.integers(0, 5)),
                    "messages": [
                        Message(
                            followup_id=0,
                            body=draw(_text),
                            subject=draw(st.none() | _line),
                            attachments=tuple(draw(st.lists(_word, max_size=2))),
                            check_report=draw(st.none() | _text),
                            message_id=draw(st.none() | st.just(f"<m{next(serial)}@x.test>")),
                            status=draw(st.sampled_from(MessageStatus)),
                            sent_at=draw(_maybe_moment),
                        )
                        for _ in range(draw(st.integers(0, 2)))
                    ],
                }
                for _ in range(draw(st.integers(0, 2)))
            ]
            applications.append(
                {
                    "application": Application(
                        company=draw(_word),
                        role=draw(_word),
                        posting_url=draw(st.none() | _urls),
                        industry=draw(st.none() | _word),
                        culture=draw(st.sampled_from(Culture)),
                        company_timezone=draw(st.none() | _zones),
                        company_country=draw(st.none() | st.sampled_from(["US", "DE", "JP"])),
                        preferred_channel=draw(st.none() | st.sampled_from(Channel)),
                        status=draw(st.sampled_from(Status)),
                        applied_on=draw(st.none() | _dates),
                        notes=draw(_text),
                    ),
                    "interviews": draw(st.lists(_interviews(serial), max_size=2)),
                    "followups": followups,
                    "replies": [
                        Reply(
                            application_id=0,
                            received_at=draw(_moments),
                            sender=draw(st.none() | _word),
                            subject=draw(st.none() | _line),
                            snippet=draw(st.none() | _text),
                            kind=draw(st.sampled_from(ReplyKind)),
                        )
                        for _ in range(draw(st.integers(0, 2)))
                    ],
                }
            )
        profile = Profile(
            name=draw(_word),
            email=draw(st.none() | _emails),
            signature=draw(st.none() | _text),
            phone=draw(st.none() | _word),
            timezone=draw(_zones),
            country=draw(st.none() | st.sampled_from(["US", "GB", "BR"])),
        )
        profiles.append({"profile": profile, "applications": applications})
    return {"clock": draw(_moments), "profiles": profiles}


def build(store: Store, world: dict[str, Any]) -> None:
    """Write a world through the Store API, linking what it refers to."""
    for spec in world["profiles"]:
        profile = store.save_profile(spec["profile"])
        for app_spec in spec["applications"]:
            application = store.add_application(
                replace(app_spec["application"], profile_id=profile.id)
            )
            assert application.id is not None
            interviews = []
            for interview, reflection in app_spec["interviews"]:
                application, interview = store.record_interview(application, interview)
                interviews.append(interview)
                if reflection is not None:
                    store.save_reflection(replace(reflection, interview_id=interview.id))
            message_ids: list[int | None] = [None]
            for f_spec in app_spec["followups"]:
                about = None
                if interviews and f_spec["interview"] is not None:
                    about = interviews[f_spec["interview"] % len(interviews)]
                people = about.interviewers if about else ()
                followup = store.add_followup(
                    replace(
                        f_spec["followup"],
                        application_id=application.id,
                        interview_id=about.id if about else None,
                        recipient_id=people[0].contact.id if people else None,
                    )
                )
                for message in f_spec["messages"]:
                    added = store.add_message(replace(message, followup_id=followup.id))
                    message_ids.append(added.id)
            for reply in app_spec["replies"]:
                store.add_reply(
                    replace(reply, application_id=application.id, message_id=message_ids[-1])
                )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds())
def test_property_export_import_export_is_identical(tmp_path: Path, world: dict[str, Any]) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    source = Store.open(f"sqlite:///{folder / 'a.db'}", clock=lambda: world["clock"])
    target = Store.open(f"sqlite:///{folder / 'b.db'}")
    try:
        build(source, world)
        text = export_text(source)

        first = load(target, json.loads(text))
        assert first.mode == "restore"
        assert export_text(target) == text
        assert raw_rows(target) == raw_rows(source)  # not merely stable: nothing was lost

        second = load(target, json.loads(text))
        assert all(c["inserted"] == 0 for c in second.counts().values())
        assert export_text(target) == text
    finally:
        source.close()
        target.close()


# Malformed backups -------------------------------------------------------------------------


def _set(table: str, row: int, column: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        data["tables"][table][row - 1][column] = value

    return mutate


def _drop(table: str, row: int, column: str) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        del data["tables"][table][row - 1][column]

    return mutate


def _duplicate_uid(data: dict[str, Any]) -> None:
    data["tables"]["contacts"][1]["uid"] = data["tables"]["contacts"][0]["uid"]


ROW_ERRORS = [
    # (mutation, table, row, field, words in the message)
    (
        _set("applications", 1, "status", "maybe"),
        "applications",
        1,
        "status",
        "'maybe' is not one of",
    ),
    (_set("interviews", 1, "round", "fourth"), "interviews", 1, "round", "not one of: screen"),
    (_set("followups", 1, "channel", "fax"), "followups", 1, "channel", "not one of"),
    (_set("interview_items", 3, "kind", "vibe"), "interview_items", 3, "kind", "not one of"),
    (
        _set("interviews", 1, "starts_at", "yesterday"),
        "interviews",
        1,
        "starts_at",
        "'yesterday' is not an ISO 8601 time with an offset.",
    ),
    (
        _set("interviews", 1, "ends_at", "2026-11-20T10:00:00"),
        "interviews",
        1,
        "ends_at",
        "not an ISO 8601 time with an offset",
    ),
    (_set("applications", 1, "applied_on", "2 Nov"), "applications", 1, "applied_on", "not a date"),
    (_drop("profiles", 1, "name"), "profiles", 1, "name", "is missing; it is required."),
    (_set("contacts", 2, "name", None), "contacts", 2, "name", "is null; it is required."),
    (_set("applications", 1, "profile_id", 99), "applications", 1, "profile_id", "profiles ID 99"),
    (_set("replies", 1, "message_id", 7), "replies", 1, "message_id", "messages ID 7"),
    (
        _set("interview_people", 2, "contact_id", 42),
        "interview_people",
        2,
        "contact_id",
        "contacts ID 42, which is not in the backup",
    ),
    (_set("applications", 1, "company", "x" * 201), "applications", 1, "company", "limit is 200"),
    (_set("profiles", 1, "id", "1"), "profiles", 1, "id", "'1' is not a whole number."),
    (_set("profiles", 1, "id", True), "profiles", 1, "id", "not a whole number"),
    (_set("profiles", 1, "id", 2**40), "profiles", 1, "id", "out of range"),
    (_set("profiles", 1, "name", 7), "profiles", 1, "name", "7 is not text."),
    (_set("profiles", 1, "colour", "red"), "profiles", 1, "colour", "not a column of profiles"),
    (
        _set("profiles", 1, "timezone", "Mars/Olympus"),
        "profiles",
        1,
        "timezone",
        "unknown time zone",
    ),
    (_set("messages", 1, "attachments", "a.pdf"), "messages", 1, "attachments", "JSON list"),
    (_set("messages", 1, "body", "a\x00b"), "messages", 1, "body", "NUL"),
    (_duplicate_uid, "contacts", 2, "uid", "appears twice (rows 1 and 2)"),
]


@pytest.mark.parametrize(("mutate", "table", "row", "column", "words"), ROW_ERRORS)
def test_a_bad_row_is_named_and_nothing_is_written(
    tmp_path: Path,
    stores: list[Store],
    mutate: Callable[[dict[str, Any]], None],
    table: str,
    row: int,
    column: str,
    words: str,
) -> None:
    source = open_store(stores, f"sqlite:///{tmp_path / 'a.db'}")
    populate(source)
    data = json.loads(export_text(source))
    mutate(data)
    for target in (
        open_store(stores, f"sqlite:///{tmp_path / 'empty.db'}"),
        open_store(stores, f"sqlite:///{tmp_path / 'full.db'}"),
    ):
        if "full" in target.where:
            populate(target, company="Other", email="o@other.example")
        before = export_text(target)

        with pytest.raises(backup.BackupRowError) as caught:
            load(target, copy.deepcopy(data))

        error = caught.value
        assert (error.table, error.row, error.column) == (table, row, column)
        assert str(error).startswith(f"import: {table} row {row}, field {column!r}: ")
        assert words in str(error)
        assert "nothing was imported" in str(error)
        assert export_text(target) == before


def test_the_message_of_a_bad_time_reads_as_documented(stores: list[Store], tmp_path: Path) -> None:
    source = open_store(stores, f"sqlite:///{tmp_path / 'a.db'}")
    populate(source)
    data = json.loads(export_text(source))
    interviews = data["tables"]["interviews"]
    for ident in (2, 3):
        interviews.append({**interviews[0], "id": ident, "uid": f"uid-{ident}"})
    interviews[2]["starts_at"] = "yesterday"
    with pytest.raises(InputError, match="import: interviews row 3") as caught:
        load(open_store(stores, f"sqlite:///{tmp_path / 'b.db'}"), data)
    assert str(caught.value).startswith(
        "import: interviews row 3, field 'starts_at': 'yesterday' is not an ISO 8601 time "
        "with an offset."
    )


def test_a_message_id_already_in_the_database_is_refused_on_merge(
    tmp_path: Path, stores: list[Store]
) -> None:
    source = open_store(stores, f"sqlite:///{tmp_path / 'a.db'}")
    populate(source)
    data = json.loads(export_text(source))
    target = open_store(stores, f"sqlite:///{tmp_path / 'b.db'}")
    populate(target)  # same Message-ID, other uids
    before = export_text(target)
    with pytest.raises(backup.BackupRowError, match="already in the database") as caught:
        load(target, data)
    assert (caught.value.table, caught.value.column) == ("messages", "message_id")
    assert export_text(target) == before


DOCUMENT_ERRORS = [
    ([1, 2], "not a followup backup"),
    ({"format": "something-else", "version": 1}, "not a followup backup"),
    ({"format": "followup-backup", "version": 2, "schema_revision": "0001"}, "version 2"),
    ({"format": "followup-backup", "version": "1", "schema_revision": "0001"}, "version '1'"),
    ({"format": "followup-backup", "version": 1}, 'no "schema_revision"'),
    (
        {"format": "followup-backup", "version": 1, "schema_revision": "0099", "tables": {}},
        "newer than this followup",
    ),
    ({"format": "followup-backup", "version": 1, "schema_revision": "0001"}, 'no "tables"'),
    (
        {"format": "followup-backup", "version": 1, "schema_revision": "0001", "tables": {"x": []}},
        "table 'x'",
    ),
    (
        {
            "format": "followup-backup",
            "version": 1,
            "schema_revision": "0001",
            "tables": {"profiles": {}},
        },
        "not a list of rows",
    ),
    (
        {
            "format": "followup-backup",
            "version": 1,
            "schema_revision": "0001",
            "tables": {"profiles": [3]},
        },
        "profiles row 1",
    ),
]


@pytest.mark.parametrize(("document", "words"), DOCUMENT_ERRORS)
def test_a_file_that_is_not_a_backup_is_refused(
    tmp_path: Path, stores: list[Store], document: Any, words: str
) -> None:
    target = open_store(stores, f"sqlite:///{tmp_path / 'b.db'}")
    with pytest.raises(InputError, match="import") as caught:
        load(target, document)
    assert words in str(caught.value)
    assert target.is_empty()


def test_a_newer_backup_names_the_fix(tmp_path: Path, stores: list[Store]) -> None:
    target = open_store(stores, f"sqlite:///{tmp_path / 'b.db'}")
    document = {"format": "followup-backup", "version": 1, "schema_revision": "0042", "tables": {}}
    with pytest.raises(InputError) as caught:
        load(target, document)
    assert caught.value.status == 2
    assert "pip install -U followup" in str(caught.value)


# Interrupted imports -------------------------------------------------------------------------


@pytest.mark.parametrize("interruption", [RuntimeError("disk on fire"), KeyboardInterrupt()])
@pytest.mark.parametrize("into", ["empty", "with data"])
def test_an_import_interrupted_half_way_changes_nothing(
    db_url: str,
    new_db: Callable[[], str],
    stores: list[Store],
    monkeypatch: pytest.MonkeyPatch,
    interruption: BaseException,
    into: str,
) -> None:
    source = open_store(stores, db_url)
    populate(source)
    data = json.loads(export_text(source))
    target = open_store(stores, new_db())
    if into == "with data":
        populate(target, company="Other", email="o@other.example")
    before = export_text(target)
    real_insert = backup._insert
    calls = itertools.count(1)

    def failing_insert(conn: Any, table: Any, rows: list[dict[str, Any]]) -> list[int]:
        if next(calls) == 5:  # profiles, applications, contacts, interviews are in
            raise interruption
        return real_insert(conn, table, rows)

    monkeypatch.setattr(backup, "_insert", failing_insert)

    with pytest.raises(type(interruption)):
        load(target, data)

    monkeypatch.undo()
    assert next(calls) == 6, "the interruption came half-way"
    assert export_text(target) == before
    load(target, data)  # and the same import still works afterwards
    assert target.count("interviews") == (1 if into == "empty" else 2)


# The service: files, JSON text, CSV details ----------------------------------------------------


def make_context(url: str, tmp_path: Path) -> AppContext:
    settings = Settings(
        flags={"database_url": url},
        env={"FOLLOWUP_DATA_DIR": str(tmp_path / "data")},
        config_file=tmp_path / "absent.toml",
    )
    return AppContext(settings=settings, clock=lambda: NOW)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = make_context(f"sqlite:///{tmp_path / 'svc.db'}", tmp_path)
    yield context
    context.close()


def test_export_to_a_file_is_atomic_and_refuses_to_overwrite(
    ctx: AppContext, tmp_path: Path
) -> None:
    populate(ctx.store)
    target = tmp_path / "backup.json"

    result = service.export_json(ctx, target)

    assert result["file"] == str(target)
    assert result["tables"]["interview_people"] == 2
    assert target.read_text(encoding="utf-8") == export_text(ctx.store)
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".backup")] == []
    target.write_text("old", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        service.export_json(ctx, target)
    assert target.read_text(encoding="utf-8") == "old"
    service.export_json(ctx, target, force=True)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "followup-backup"


def test_import_json_reports_counts_and_a_dry_run_writes_nothing(
    ctx: AppContext, tmp_path: Path, stores: list[Store]
) -> None:
    source = open_store(stores, f"sqlite:///{tmp_path / 'a.db'}")
    populate(source)
    path = tmp_path / "backup.json"
    path.write_text(export_text(source), encoding="utf-8")

    dry = service.import_json(ctx, path, dry_run=True)
    assert dry["dry_run"] is True
    assert ctx.store.is_empty()

    done = service.import_json(ctx, path)
    assert done["mode"] == "restore"
    assert done["tables"]["applications"] == {"inserted": 1, "skipped": 0}
    # The active application is re-planned in the import's transaction (its plan, written
    # around the planner here, was not current); every other table is as it was.
    again = json.loads(export_text(ctx.store))["tables"]
    original = json.loads(path.read_text(encoding="utf-8"))["tables"]
    assert {k: v for k, v in again.items() if k != "followups"} == {
        k: v for k, v in original.items() if k != "followups"
    }
    assert {r["uid"] for r in original["followups"]} <= {r["uid"] for r in again["followups"]}
    assert len(again["followups"]) > len(original["followups"])


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", "backup.json is not JSON (line 1, column 2"),
        (b'{"a": NaN}', "not a followup backup"),
        (b"\xff\xfe{}", "not UTF-8 text (line 1 has the byte 0xff)"),
        (b"", "not JSON"),
    ],
)
def test_import_json_refuses_what_is_not_json(
    ctx: AppContext, tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "backup.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        service.import_json(ctx, path)
    assert words in str(caught.value)
    assert ctx.store.is_empty()


def test_import_of_a_missing_file_names_it(ctx: AppContext, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        service.import_json(ctx, tmp_path / "nope.json")


def test_a_utf8_bom_is_accepted(ctx: AppContext, tmp_path: Path, stores: list[Store]) -> None:
    source = open_store(stores, f"sqlite:///{tmp_path / 'a.db'}")
    populate(source)
    path = tmp_path / "backup.json"
    path.write_bytes(b"\xef\xbb\xbf" + export_text(source).encode())
    assert service.import_json(ctx, path)["mode"] == "restore"


def test_detect_kind_by_name_then_content() -> None:
    assert service.detect_kind("x.json", "Company,Role") == "json"
    assert service.detect_kind("x.CSV", "{") == "csv"
    assert service.detect_kind("stdin", '  {"format": 1}') == "json"
    assert service.detect_kind("export.txt", "Company;Role") == "csv"


# Reading trackers' CSV ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "dayfirst", "expected"),
    [
        ("2026-03-14", False, (date(2026, 3, 14), None, None)),
        ("2026-03-14 10:05", False, (date(2026, 3, 14), "10:05:00", None)),
        ("2026-03-14T10:05:00+02:00", False, (date(2026, 3, 14), "10:05:00", "+02:00")),
        ("03/04/2026", False, (date(2026, 3, 4), None, None)),
        ("03/04/2026", True, (date(2026, 4, 3), None, None)),
        ("3/4/26 2:30 PM", False, (date(2026, 3, 4), "14:30:00", None)),
        ("3/4/2026 12:15 a.m.", False, (date(2026, 3, 4), "00:15:00", None)),
        ("2026/03/14", True, (date(2026, 3, 14), None, None)),
        ("14.03.2026", True, (date(2026, 3, 14), None, None)),
        ("Mar 2, 2026", False, (date(2026, 3, 2), None, None)),
        ("2 March 2026 9:00", False, (date(2026, 3, 2), "09:00:00", None)),
    ],
)
def test_tracker_dates_are_read(value: str, dayfirst: bool, expected: tuple[Any, ...]) -> None:
    from followup.services.tracker_rows import parse_when

    day, clock, zone = parse_when(value, dayfirst=dayfirst)
    offset = None if zone is None else datetime.now(zone).strftime("%z")
    assert (day, clock and clock.isoformat(), offset and f"{offset[:3]}:{offset[3:]}") == expected


@pytest.mark.parametrize("value", ["yesterday", "13/13/2026", "3/4/2026 13:00 PM", "2026-02-30"])
def test_tracker_dates_that_are_not_dates_are_refused(value: str) -> None:
    from followup.services.tracker_rows import parse_when

    with pytest.raises(ValueError, match="is not a date"):
        parse_when(value)


def test_the_date_order_comes_from_the_file_and_a_mix_is_refused() -> None:
    from followup.services.tracker_rows import CsvRowError, day_first

    assert day_first("t.csv", [(2, "Applied", "03/04/2026"), (3, "Applied", "2026-01-30")]) is False
    assert day_first("t.csv", [(2, "Applied", "03/04/2026"), (3, "Applied", "25/03/2026")])
    with pytest.raises(CsvRowError, match="mixes date orders") as caught:
        day_first("t.csv", [(2, "Applied", "25/03/2026"), (4, "Interview", "03/25/2026 10:00")])
    assert (caught.value.row, caught.value.column) == (4, "Interview")


@pytest.mark.parametrize(
    ("theirs", "ours"),
    [
        ("Wishlist", Status.APPLIED),
        ("APPLIED", Status.APPLIED),
        ("Phone Screen", Status.INTERVIEWING),
        ("interview", Status.INTERVIEWING),
        ("Offer", Status.OFFER),
        ("Declined", Status.REJECTED),
        ("Archived", Status.WITHDRAWN),
        ("no-response", Status.NO_RESPONSE),
        ("No_Response", Status.NO_RESPONSE),
        ("Maybe", None),
    ],
)
def test_tracker_statuses_map_to_ours(theirs: str, ours: Status | None) -> None:
    from followup.services.tracker_rows import tracker_status

    assert tracker_status(theirs, {}) == ours


def test_a_status_map_adds_to_and_overrides_the_known_statuses() -> None:
    from followup.services.tracker_rows import tracker_status

    custom = {"maybe": Status.APPLIED, "archived": Status.NO_RESPONSE}
    assert tracker_status("Maybe", custom) == Status.APPLIED
    assert tracker_status("Archived", custom) == Status.NO_RESPONSE


def test_headers_are_recognized_and_a_map_wins() -> None:
    from followup.services.tracker_csv import resolve_columns

    header = ["Title", "Job Title", "Employer", "Stage", "Link", "Applied", "Comments"]
    assert resolve_columns("t.csv", header, {}) == {
        "company": 2,
        "role": 1,
        "status": 3,
        "posting_url": 4,
        "applied_on": 5,
        "notes": 6,
    }
    mapped = resolve_columns("t.csv", header, {"role": "title", "notes": ""})
    assert mapped["role"] == 0 and "notes" not in mapped


def test_csv_import_in_the_service_reports_duplicates_and_defaults(
    ctx: AppContext, tmp_path: Path
) -> None:
    ctx.store.save_profile(Profile(name="Ana", timezone="Europe/Berlin"))
    path = tmp_path / "jobs.csv"
    path.write_text(
        "Company,Role,Interview Date\nAcme,Dev,2026-03-14\nacme,DEV,\nGlobex,QA,\n",
        encoding="utf-8",
    )

    result = service.import_csv(
        ctx, path, defaults={"status": "rejected", "timezone": "Asia/Tokyo"}
    )

    assert result["tables"]["applications"] == {"inserted": 2, "skipped": 1}
    assert result["skipped"] == [
        {"row": 3, "company": "acme", "role": "DEV", "reason": "same company and role as row 2"}
    ]
    apps = {a.company: a for a in ctx.store.applications(1)}
    assert {a.status for a in apps.values()} == {Status.REJECTED}
    (interview,) = ctx.store.interviews_for(apps["Acme"].id or 0)
    assert interview.timezone == "Asia/Tokyo"
    assert interview.start.isoformat() == "2026-03-14T00:00:00+00:00"  # 09:00 in Tokyo
    assert "placeholder" in interview.notes
    with pytest.raises(InputError, match="'colour' is not a field"):
        service.import_csv(ctx, path, defaults={"colour": "red"})
