"""Every length the commands accept fits the column it is stored in.

The limits live in the validators (no SQLAlchemy on the CLI's fast path); this file holds
them against ``followup.adapters.store.schema``: every String(n) column must be listed in
FEEDS, with the limit of the validator that fills it, and that limit must be <= n. Each
limit is also probed through the real validator (a value at the limit passes, one more
character is refused), so a constant that is not the one in use cannot hide a bug.
Then values at every maximum go through `init` and `add` on SQLite and PostgreSQL, and
the database survives `export` and `import` into an empty one.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import CLI
from followup.adapters.store import schema
from followup.domain import validate
from followup.domain.model import (
    MATCHED_BY,
    Channel,
    Culture,
    FollowUpKind,
    FollowUpStatus,
    Format,
    MessageStatus,
    ReplyKind,
    Round,
    Status,
)
from followup.errors import InputError
from followup.services import people, record_input
from followup.services.mail_config import MAX_ACCOUNT as ACCOUNT
from followup.services.record_input import AppFields, InterviewInput, ProfileInput
from followup.services.sync import MAX_HEADER as HEADER

Probe = Callable[[str], object]
NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


def longest(enum: type[StrEnum]) -> int:
    return max(len(member.value) for member in enum)


def email_of(length: int) -> str:
    """A valid address of exactly ``length`` characters (64-character local part)."""
    local, rest = "a" * 64, length - 64 - 1 - len(".com")
    labels = []
    while rest > 0:
        size = min(63, rest)
        if rest - size == 1:  # never leave a lone dot
            size -= 1
        labels.append("b" * size)
        rest -= size + 1
    return f"{local}@{'.'.join(labels)}.com"


def url_of(length: int) -> str:
    return "https://x.example/" + "p" * (length - len("https://x.example/"))


def walk(field: str) -> Probe:
    """The interactive walk-through's check of one answer."""
    return lambda v: record_input.check_field(field, v, zone="UTC", now=NOW)


# (table, column) -> (the validator's limit, a probe taking a value of some length) for
# what a command stores from the user's input; a string for what no command takes as
# typed text (a reason), with the longest value that can be written when one is known.
Feed = tuple[int, Probe | None] | tuple[int | None, str]
FEEDS: dict[tuple[str, str], Feed] = {
    ("profiles", "uid"): (36, "a UUID the store makes"),
    ("profiles", "name"): (
        validate.MAX_LINE,
        lambda v: record_input.profile_fields(ProfileInput(name=v)),
    ),
    ("profiles", "email"): (
        validate.MAX_EMAIL,
        lambda v: record_input.profile_fields(ProfileInput(email=email_of(len(v)))),
    ),
    ("profiles", "phone"): (
        record_input.MAX_PHONE,
        lambda v: record_input.phone("--phone", "1" * len(v)),
    ),
    ("profiles", "linkedin"): (
        validate.MAX_URL,
        lambda v: record_input.profile_fields(ProfileInput(linkedin=url_of(len(v)))),
    ),
    ("profiles", "timezone"): (validate.MAX_ZONE, None),
    ("profiles", "country"): (validate.MAX_COUNTRY, None),
    ("applications", "uid"): (36, "a UUID the store makes"),
    ("applications", "company"): (
        record_input.LINE_LIMITS["company"],
        lambda v: record_input.one_line("company", v),
    ),
    ("applications", "role"): (
        record_input.LINE_LIMITS["role"],
        lambda v: record_input.one_line("role", v),
    ),
    ("applications", "posting_url"): (
        validate.MAX_URL,
        lambda v: AppFields.parse(InterviewInput(posting_url=url_of(len(v)))),
    ),
    ("applications", "industry"): (
        record_input.LINE_LIMITS["industry"],
        lambda v: AppFields.parse(InterviewInput(industry=v)),
    ),
    ("applications", "culture"): (longest(Culture), None),
    ("applications", "company_timezone"): (validate.MAX_ZONE, None),
    ("applications", "company_country"): (validate.MAX_COUNTRY, None),
    ("applications", "preferred_channel"): (longest(Channel), None),
    ("applications", "status"): (longest(Status), None),
    ("contacts", "uid"): (36, "a UUID the store makes"),
    ("contacts", "name"): (validate.MAX_LINE, people.parse_interviewer),
    ("contacts", "title"): (
        validate.MAX_LINE,
        lambda v: people.parse_interviewer(f"Dana Rivera, {v}"),
    ),
    ("contacts", "email"): (
        validate.MAX_EMAIL,
        lambda v: people.parse_interviewer(f"Dana <{email_of(len(v))}>"),
    ),
    ("contacts", "phone"): (None, "no command takes a contact's phone yet"),
    ("contacts", "linkedin"): (None, "no command takes a contact's LinkedIn yet"),
    ("contacts", "timezone"): (None, "no command takes a contact's zone yet"),
    # An interviewer's company is the application's.
    ("contacts", "company"): (
        record_input.LINE_LIMITS["company"],
        lambda v: record_input.one_line("company", v),
    ),
    ("interviews", "uid"): (36, "a UUID the store makes"),
    ("interviews", "round"): (longest(Round), None),
    ("interviews", "format"): (longest(Format), None),
    ("interviews", "timezone"): (validate.MAX_ZONE, None),
    ("interviews", "location"): (
        record_input.LINE_LIMITS["location"],
        lambda v: record_input.one_line("location", v),
    ),
    ("interviews", "decision_note"): (
        record_input.LINE_LIMITS["decision_note"],
        lambda v: record_input.one_line("decision_note", v),
    ),
    ("interview_items", "kind"): (max(map(len, schema.ITEM_KINDS)), "the store's item kinds"),
    ("followups", "uid"): (36, "a UUID the store makes"),
    ("followups", "kind"): (longest(FollowUpKind), None),
    ("followups", "channel"): (longest(Channel), None),
    ("followups", "status"): (longest(FollowUpStatus), None),
    ("followups", "rule"): (None, "no command writes follow-ups yet"),
    ("messages", "uid"): (36, "a UUID the store makes"),
    ("messages", "subject"): (None, "no command writes messages yet"),
    ("messages", "message_id"): (None, "no command writes messages yet"),
    ("messages", "status"): (longest(MessageStatus), None),
    ("messages", "to_name"): (validate.MAX_LINE, "contacts.name, copied when scheduled"),
    ("messages", "to_email"): (validate.MAX_EMAIL, "contacts.email, copied when scheduled"),
    ("messages", "in_reply_to"): (None, "a Message-ID followup made (eml.new_message_id)"),
    ("replies", "uid"): (36, "a UUID the store makes"),
    ("replies", "sender"): (HEADER, "services.sync cuts a header to 998 characters"),
    ("replies", "subject"): (HEADER, "services.sync cuts a header to 998 characters"),
    ("replies", "header_id"): (HEADER, "services.sync keeps no Message-ID over 998"),
    ("replies", "matched_by"): (max(map(len, MATCHED_BY)), None),
    ("mail_folders", "uid"): (36, "a UUID the store makes"),
    ("mail_folders", "account"): (ACCOUNT, "mail_config.account hashes a longer user"),
    ("mail_folders", "folder"): (len("INBOX"), "services.sync reads INBOX"),
    ("replies", "kind"): (longest(ReplyKind), None),
}

#: The walk-through checks answers with the same limits.
WALK_PROBES = {
    ("applications", "company"): walk("company"),
    ("applications", "role"): walk("role"),
    ("applications", "industry"): walk("industry"),
    ("interviews", "location"): walk("location"),
    ("interviews", "decision_note"): walk("decision_note"),
}


def string_columns() -> list[tuple[str, str, int]]:
    return [
        (table.name, column.name, column.type.length)
        for table in schema.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, sa.String) and column.type.length is not None
    ]


def test_every_string_column_is_accounted_for() -> None:
    columns = {(table, column) for table, column, _ in string_columns()}
    assert columns - FEEDS.keys() == set(), "add the new column to FEEDS, with its validator"
    assert FEEDS.keys() - columns == set(), "FEEDS names a column the schema no longer has"


@pytest.mark.parametrize(("table", "column", "length"), string_columns())
def test_the_validator_limit_fits_the_column(table: str, column: str, length: int) -> None:
    limit = FEEDS[table, column][0]
    if limit is not None:
        assert limit <= length, f"{table}.{column} is String({length}); the input allows {limit}"


PROBED = [
    (table, column, feed[0], feed[1])
    for (table, column), feed in FEEDS.items()
    if callable(feed[1]) and feed[0] is not None
] + [
    (table, column, FEEDS[table, column][0], probe)
    for (table, column), probe in WALK_PROBES.items()
]


@pytest.mark.parametrize(("table", "column", "limit", "probe"), PROBED)
def test_the_validator_enforces_that_limit(
    table: str, column: str, limit: int, probe: Probe
) -> None:
    probe("n" * limit)  # at the limit: accepted
    with pytest.raises(InputError) as refused:
        probe("n" * (limit + 1))
    assert f"the limit is {limit:,}" in str(refused.value)


def test_a_decision_note_longer_than_the_column_is_refused_by_the_cli(cli: CLI) -> None:
    assert cli("init", "--name", "Alex").code == 0
    note = "n" * (validate.MAX_LINE + 1)
    result = cli("add", "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00",
                 "--decision-note", note)  # fmt: skip
    assert result.code == 2, result
    assert result.err.startswith("followup: --decision-note: is 201 characters long; the limit")


@pytest.mark.parametrize("check", [validate.line, validate.text])
def test_bytes_that_are_not_utf8_are_refused_by_name(check: Callable[..., object]) -> None:
    # What Python makes of the byte 0xff in an argument: a lone surrogate, which no
    # database, file or mail can hold.
    with pytest.raises(InputError) as refused:
        check("--company", "Ac\udcffme")
    assert refused.value.field == "--company"
    assert "not UTF-8" in str(refused.value)
    assert check("--company", "Acmé 株式会社") == "Acmé 株式会社"


def test_a_company_typed_in_another_encoding_is_refused_and_nothing_is_stored(cli: CLI) -> None:
    assert cli("init", "--name", "Alex").code == 0
    result = cli("add", "-c", "Ac\udcffme", "-r", "Analyst", "-s", "2026-11-20T14:00")
    assert result.code == 2, result
    assert result.err.startswith("followup: --company: holds bytes that are not UTF-8 text")
    assert "Traceback" not in result.err
    listed = cli("list", "--format", "json")
    assert listed.code == 0 and json.loads(listed.out) == {"applications": []}


# Values at every maximum, stored, exported and imported -------------------------------------


def _fresh_database(url: str, tmp_path: Path, pg_server: Callable[[], str]) -> str:
    """Another empty database of the same kind as ``url``."""
    if url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'restored.db'}"
    import psycopg

    name = f"restored_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, query = url.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


def test_values_at_every_maximum_survive_add_export_and_import(
    cli: CLI, db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    line = validate.MAX_LINE
    init = cli(
        "--db", db_url, "init",
        "--name", "N" * line,
        "--email", email_of(validate.MAX_EMAIL),
        "--phone", "1" * record_input.MAX_PHONE,
        "--linkedin", url_of(validate.MAX_URL),
        "--signature", "S" * record_input.MAX_SIGNATURE,
        "--timezone", "America/Argentina/ComodRivadavia",
    )  # fmt: skip
    assert init.code == 0, init
    interviewer = f"{'I' * line} <{email_of(validate.MAX_EMAIL)}>, {'T' * line}"
    assert len(interviewer) == people.MAX_PERSON
    added = cli(
        "--db", db_url, "add",
        "--company", "C" * line,
        "--role", "R" * line,
        "--start", "2026-11-20T14:00",
        "--industry", "I" * line,
        "--location", "L" * line,
        "--decision-note", "D" * line,
        "--posting-url", url_of(validate.MAX_URL),
        "--interviewer", interviewer,
        "--topic", "t" * validate.MAX_ITEM,
        "--concern", f"{'c' * validate.MAX_ITEM} => {'b' * validate.MAX_ITEM}",
        "--notes", "n" * validate.MAX_TEXT,
        "--company-timezone", "America/Argentina/ComodRivadavia",
        "--company-country", "AR",
        "--mode", "onsite",
        "--format", "json",
    )  # fmt: skip
    assert added.code == 0, added
    stored = json.loads(added.out)
    assert stored["interview"]["decision_note"] == "D" * line
    assert stored["interview"]["interviewers"][0]["title"] == "T" * line

    backup = tmp_path / "backup.json"
    exported = cli("--db", db_url, "export", str(backup))
    assert exported.code == 0, exported
    target = _fresh_database(db_url, tmp_path, lambda: request.getfixturevalue("pg_server"))
    imported = cli("--db", target, "import", str(backup), "--format", "json")
    assert imported.code == 0, imported
    assert json.loads(imported.out)["mode"] == "restore"
    again = cli("--db", target, "export")
    assert again.code == 0, again
    assert again.out == backup.read_text(encoding="utf-8")


def test_a_teams_link_too_long_for_the_location_goes_to_the_notes(
    cli: CLI, db_url: str, tmp_path: Path
) -> None:
    link = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + "x" * 260 + "%40thread.v2/0"
    invite = tmp_path / "teams.ics"
    invite.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nBEGIN:VEVENT\nUID:x\n"
        "DTSTART:20261120T190000Z\nDTEND:20261120T200000Z\n"
        f"LOCATION:{link}\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    assert cli("--db", db_url, "init", "--name", "Alex").code == 0
    result = cli(
        "--db", db_url, "add", "--from-ics", str(invite), "-c", "Acme", "-r", "Analyst",
        "--notes", "Bring the case study.",
    )  # fmt: skip
    assert result.code == 0, result
    assert (
        "Note: the invitation's meeting link is longer than a location may be (200 characters): "
        "it is in the interview's notes."
    ) in result.out
    shown = cli("--db", db_url, "show", "1", "--format", "json")
    (iv,) = json.loads(shown.out)["interviews"]
    assert iv["location"] is None
    assert iv["format"] == "video"
    assert iv["notes"] == f"Bring the case study.\n\nMeeting link: {link}"
