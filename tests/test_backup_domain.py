"""A backup is held to the CLI's own checks: what `followup add` refuses, import refuses.

And the other way round: whatever the CLI can store, at its longest, exports and imports
back byte for byte, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import sqlite3
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CLI
from followup.adapters.store import backup
from followup.adapters.store.backup_check import (
    CHOICES,
    DOMAIN,
    JSON_LISTS,
    ZONES,
    check_header,
    validate_rows,
)
from followup.adapters.store.schema import HEAD_REVISION, TABLES
from followup.adapters.store.store import Store
from followup.errors import InputError
from test_backup import _pg_database, export_text, populate, raw_rows

# The rules and the schema --------------------------------------------------------------------


def test_every_text_column_is_checked_and_no_rule_exceeds_its_column() -> None:
    for table in TABLES:
        for column in table.columns:
            if not isinstance(column.type, sa.String):
                continue
            key = (table.name, column.name)
            checks = [key in DOMAIN, key in CHOICES, column.name in ZONES, key in JSON_LISTS]
            assert checks.count(True) == 1, f"{key}: one check, not {checks}"
            width = column.type.length
            if width is None:
                continue
            if key in DOMAIN:  # what import accepts, PostgreSQL's varchar(n) can store
                assert DOMAIN[key].limit <= width, key
            if key in CHOICES:
                assert max(len(option) for option in CHOICES[key]) <= width, key


# Bad values through the real CLI: exit 2, named, nothing written -------------------------------

BAD_VALUES = [
    # (table, row (1-based), field, value, the problem as the message states it)
    (
        "contacts",
        2,
        "name",
        "Dana\r\nBcc: evil@x.com",
        "contains a line break (CR or LF); it must be a single line.",
    ),
    ("contacts", 1, "email", "not an email", "'not an email' is not a valid email address"),
    (
        "applications",
        1,
        "notes",
        "x" * 5_000_000,
        "is 5.0 MB (5,000,000 characters); the limit is 20,",
    ),
    (
        "interviews",
        1,
        "ends_at",
        "2020-11-20T11:15:00+00:00",
        "2020-11-20T11:15:00+00:00 is not after the start 2026-11-20T10:30:00+00:00.",
    ),
    ("interviews", 1, "ends_at", "2026-11-22T10:30:00+00:00", "is a day or more after the start."),
    ("profiles", 1, "name", "A" * 201, "is 201 characters long; the limit is 200."),
    ("contacts", 1, "title", "T" * 201, "is 201 characters long; the limit is 200."),
    ("profiles", 1, "country", "USA", "'USA' is not a two-letter country code."),
    ("profiles", 1, "country", "us", "'us' is not in capitals (US, GB, DE)."),
    (
        "applications",
        1,
        "posting_url",
        "javascript:alert(1)",
        "'javascript:alert(1)' is not a web address.",
    ),
    ("profiles", 1, "email", "ana@example.com\r\nBcc: evil@x.com", "contains a line break"),
    ("messages", 1, "subject", "Thanks\nBcc: evil@x.com", "contains a line break"),
    ("replies", 1, "sender", "bo@acme.example\rX-Evil: 1", "contains a line break"),
    ("reflections", 1, "went_well", "\x1b]8;;https://evil.example\x07hi", "a control character"),
    ("interview_items", 2, "text", "   ", "is required."),
    ("interview_items", 1, "text", "a\nb", "contains a line break"),
    ("applications", 1, "company", "Acme\ud800", "contains a lone surrogate"),
    ("messages", 1, "attachments", '["cv.pdf", "a\\nb"]', "#2 contains a line break"),
    ("messages", 1, "attachments", '["\\ud800.pdf"]', "#1 contains a lone surrogate"),
    ("followups", 1, "rule", "r" * 101, "the limit is 100."),
]


@pytest.mark.parametrize("into", ["empty", "with data"])
@pytest.mark.parametrize(("table", "row", "field", "value", "problem"), BAD_VALUES)
def test_a_value_the_cli_would_refuse_fails_the_import_and_writes_nothing(
    cli: CLI,
    tmp_path: Path,
    into: str,
    table: str,
    row: int,
    field: str,
    value: str,
    problem: str,
) -> None:
    source = Store.open(f"sqlite:///{tmp_path / 'source.db'}")
    target = Store.open(f"sqlite:///{tmp_path / 'target.db'}")
    try:
        populate(source)
        data = json.loads(export_text(source))
        data["tables"][table][row - 1][field] = value
        path = tmp_path / "backup.json"
        path.write_text(json.dumps(data), encoding="utf-8")  # ASCII: a surrogate stays \ud800
        if into == "with data":
            populate(target, company="Other Co", email="o@other.example")
        before = raw_rows(target)

        result = cli("--db", str(tmp_path / "target.db"), "import", str(path))

        assert result.code == 2, result
        assert result.out == ""
        assert result.err.startswith(f"followup: import: {table} row {row}, field {field!r}: ")
        assert problem in result.err
        assert "nothing was imported" in result.err
        assert raw_rows(target) == before  # every row of every table
    finally:
        source.close()
        target.close()


def exported(tmp_path: Path) -> dict[str, Any]:
    """The backup of a populated store, as a dict to change before importing it."""
    source = Store.open(f"sqlite:///{tmp_path / 'source.db'}")
    try:
        populate(source)
        data: dict[str, Any] = json.loads(export_text(source))
    finally:
        source.close()
    return data


def test_a_country_code_older_versions_accepted_still_imports(cli: CLI, tmp_path: Path) -> None:
    # `--country XX` is refused now (no such country), but a backup made when any two
    # capitals passed must still import: the user's data comes back whole.
    data = exported(tmp_path)
    data["tables"]["profiles"][0]["country"] = "XX"
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = cli("--db", str(tmp_path / "target.db"), "import", str(path))
    assert result.code == 0, result
    conn = sqlite3.connect(tmp_path / "target.db")
    try:
        assert list(conn.execute("SELECT country FROM profiles")) == [("XX",)]
    finally:
        conn.close()


def test_the_interview_of_the_finding_is_named_in_full(cli: CLI, tmp_path: Path) -> None:
    data = exported(tmp_path)
    interview = data["tables"]["interviews"][0]
    for number in (2, 3):
        data["tables"]["interviews"].append({**interview, "id": number, "uid": f"iv-{number}"})
    data["tables"]["interviews"][2].update(
        starts_at="2026-03-01T09:00:00+00:00", ends_at="2020-03-01T10:00:00+00:00"
    )
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    result = cli("--db", str(tmp_path / "new.db"), "import", str(path))

    assert result.code == 2
    assert result.err == (
        "followup: import: interviews row 3, field 'ends_at': 2020-03-01T10:00:00+00:00 is not "
        "after the start 2026-03-01T09:00:00+00:00. Correct the file (or export it again with "
        "`followup export`); nothing was imported.\n"
    )


# The CLI at its limits: export, import into an empty database, export again ---------------------


@pytest.fixture
def second_db(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Another empty database of the kind of ``db_url``."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'second.db'}"
    return _pg_database(request.getfixturevalue("pg_server"))


def sized(seed: str, length: int) -> str:
    """``seed`` repeated to exactly ``length`` characters, not ending in a space."""
    text = (seed * (length // len(seed) + 1))[: length - 1]
    return text + "z"


def round_trip(cli: CLI, source: str, target: str, tmp_path: Path) -> dict[str, Any]:
    """Export ``source``, import into the empty ``target``, export that: identical."""
    path = tmp_path / "backup.json"
    exported = cli("--db", source, "export", str(path))
    assert exported.code == 0, exported
    imported = cli("--db", target, "import", str(path))
    assert imported.code == 0, imported
    assert imported.out.startswith("Restored backup.json into an empty database")
    again = cli("--db", target, "export")
    assert again.code == 0, again
    text = path.read_text(encoding="utf-8")
    assert again.out == text
    data: dict[str, Any] = json.loads(text)
    return data


def test_values_at_the_cli_limits_survive_a_round_trip(
    cli: CLI, db_url: str, second_db: str, tmp_path: Path
) -> None:
    name, title = sized("Ana Lídia Ωmega 👩‍💻 ", 200), sized("Head of Ωmega data, ", 200)
    email = sized("a", 64) + "@example.com"
    link = "https://www.linkedin.com/in/" + sized("ana-lidia-", 2_000 - 28)
    init = cli(
        "--db",
        db_url,
        "init",
        "--name",
        name,
        "--email",
        email,
        "--signature",
        sized("Ana Lídia\nData, Ωmega\n", 2_000),
        "--phone",
        "+1 (555) 010-7788 / 0044 20 7946 0958 12",  # 40 characters: the limit
        "--linkedin",
        link,
        "--timezone",
        "Europe/Lisbon",
        "--country",
        "pt",
    )
    assert init.code == 0, init
    notes = sized("Notes — שלום 🚀\nsecond line, third\r\n", 20_000)
    long_line, item = sized("Ωmega 🚀 company ", 200), sized("a topic — 话题 ", 1_000)
    add = cli(
        "--db",
        db_url,
        "add",
        "--company",
        long_line,
        "--role",
        sized("Senior data analyst ", 200),
        "--start",
        "2026-11-20T10:00",
        "--minutes",
        str(24 * 60 - 1),
        "--interviewer",
        f"{sized('Dana Rivera ', 200)} <{sized('d', 64)}@acme.example>, {title}",
        "--topic",
        item,
        "--standout",
        sized("a standout moment ", 1_000),
        "--asked",
        sized("why? ", 1_000),
        "--concern",
        f"{sized('my SQL answer ', 1_000)} => {sized('use LAG() ', 1_000)}",
        "--forgot",
        sized("the cert ", 1_000),
        "--ask",
        sized("team size? ", 1_000),
        "--decision",
        "2026-12-01",
        "--decision-note",
        sized("they decide after the board meets ", 200),
        "--location",
        sized("https://meet.example.com/abc ", 200),
        "--industry",
        sized("data & analytics ", 200),
        "--culture",
        "formal",
        "--company-timezone",
        "Asia/Tokyo",
        "--company-country",
        "jp",
        "--channel",
        "email",
        "--posting-url",
        "https://jobs.example.com/" + sized("x", 2_000 - 25),
        "--notes",
        "-",
        input=notes,
    )
    assert add.code == 0, add
    reflect = cli(
        "--db",
        db_url,
        "reflect",
        "1",
        "--went-well",
        sized("rapport ", 20_000),
        "--improve",
        sized("SQL\n", 20_000),
        "--forgot",
        sized("cert; ", 20_000),
        "--notes",
        "-",
        input=sized("more\n", 20_000),
    )
    assert reflect.code == 0, reflect

    data = round_trip(cli, db_url, second_db, tmp_path)

    tables = data["tables"]
    assert len(tables["profiles"][0]["name"]) == 200
    assert len(tables["profiles"][0]["signature"]) == 2_000
    assert len(tables["profiles"][0]["linkedin"]) == 2_000
    assert tables["profiles"][0]["country"] == "PT"
    assert len(tables["applications"][0]["company"]) == 200
    assert len(tables["applications"][0]["posting_url"]) == 2_000
    assert len(tables["contacts"][0]["name"]) == 200
    assert len(tables["contacts"][0]["title"]) == 200
    assert len(tables["interviews"][0]["notes"]) > 19_000  # CRLF read as LF
    assert len(tables["interviews"][0]["location"]) == 200
    assert {len(i["text"]) for i in tables["interview_items"]} == {1_000}
    assert len(tables["interview_items"][0]["text"]) == 1_000
    assert len(tables["reflections"][0]["went_well"]) == 20_000


def test_a_tracker_csv_at_its_limits_survives_a_round_trip(
    cli: CLI, db_url: str, second_db: str, tmp_path: Path
) -> None:
    """A CSV import appends the location to the notes, within the notes' limit."""
    assert cli("--db", db_url, "init", "--name", "Ana").code == 0
    sheet = io.StringIO()
    writer = csv.writer(sheet)
    writer.writerow(["Company", "Job Title", "Job URL", "Notes", "Location", "Interview Date"])
    writer.writerow(
        [
            sized('Ωmega, "quoted" ', 200),
            sized("Analyst ", 200),
            "https://jobs.example.com/" + sized("y", 2_000 - 25),
            sized('notes, "quoted"\nnext line ', 20_000 - len("\n\nLocation: ") - 200),
            sized("Lisbon, Portugal ", 200),
            "2026-03-20 14:30",
        ]
    )
    path = tmp_path / "tracker.csv"
    path.write_text(sheet.getvalue(), encoding="utf-8")
    imported = cli("--db", db_url, "import", str(path))
    assert imported.code == 0, imported

    data = round_trip(cli, db_url, second_db, tmp_path)

    assert len(data["tables"]["applications"][0]["notes"]) == 20_000


def test_a_location_that_would_overflow_the_notes_is_refused(cli: CLI, tmp_path: Path) -> None:
    assert cli("init", "--name", "Ana").code == 0
    path = tmp_path / "tracker.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Company", "Job Title", "Notes", "Location"])
        writer.writerow(["Acme", "Analyst", sized("n ", 20_000), "Lisbon"])
    result = cli("import", str(path))
    assert result.code == 2, result
    assert "row 2, column 'Notes'" in result.err
    assert "with the location added" in result.err
    assert json.loads(cli("list", "--format", "json").out)["applications"] == []


def test_the_demo_search_survives_a_round_trip(cli: CLI, tmp_path: Path) -> None:
    source, target = tmp_path / "demo.db", tmp_path / "copy.db"
    assert cli("--db", str(source), "demo").code == 0

    data = round_trip(cli, str(source), str(target), tmp_path)

    assert len(data["tables"]["interviews"]) >= 5


# Junk never half-writes ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_backup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A backup with a row in every table."""
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('base') / 'base.db'}")
    try:
        populate(store)
        data: dict[str, Any] = json.loads(export_text(store))
        return data
    finally:
        store.close()


_junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(
        [
            "",
            "   ",
            "a\r\nb",
            "\ud800",
            "\x1b[31m",
            "US",
            "x" * 25_000,
            "2026-11-20T10:30:00+00:00",
            "9999-12-31T23:00:00-05:00",
            "2026-02-30",
            "https://example.com",
            "a@b.example",
            '["a.pdf"]',
            "Europe/Lisbon",
            "offer",
            "topic",
        ]
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=5,
)
_tables = {t.name: t for t in TABLES}


@st.composite
def _mutations(draw: st.DrawFn) -> list[tuple[str, str, int, str, Any]]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(sorted(_tables)))
        columns = [c.name for c in _tables[table].columns]
        column = draw(st.sampled_from(columns) | st.text(max_size=6))
        kind = draw(st.sampled_from(["set", "set", "set", "drop", "row", "copy"]))
        out.append((kind, table, draw(st.integers(0, 9)), column, draw(_junk)))
    return out


def _mutate(data: dict[str, Any], mutations: list[tuple[str, str, int, str, Any]]) -> None:
    for kind, table, index, column, value in mutations:
        rows = data["tables"][table]
        i = index % len(rows)
        if kind == "row":
            rows[i] = value
        elif not isinstance(rows[i], dict):  # an earlier mutation made the row junk
            continue
        elif kind == "set":
            rows[i][column] = value
        elif kind == "drop":
            rows[i].pop(column, None)
        else:
            rows.append({**rows[i], column: value})


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutations=_mutations(), into=st.sampled_from(["empty", "with data"]))
def test_property_junk_in_a_backup_is_refused_whole_or_imported_whole(
    tmp_path: Path,
    base_backup: dict[str, Any],
    mutations: list[tuple[str, str, int, str, Any]],
    into: str,
) -> None:
    data = copy.deepcopy(base_backup)
    _mutate(data, mutations)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    target = Store.open(f"sqlite:///{folder / 'target.db'}")
    again = Store.open(f"sqlite:///{folder / 'again.db'}")
    try:
        if into == "with data":
            populate(target, company="Other Co", email="o@other.example")
        before = raw_rows(target)
        try:
            with target.transaction() as conn:
                backup.load(conn, data)
        except InputError:  # the only failure allowed: no database error, no crash
            assert raw_rows(target) == before
        else:  # accepted: then it is storable and exports and imports like any data
            text = export_text(target)
            with again.transaction() as conn:
                backup.load(conn, json.loads(text))
            assert export_text(again) == text
    finally:
        target.close()
        again.close()


# Speed -----------------------------------------------------------------------------------------


def synthetic(interviews: int) -> dict[str, Any]:
    """A backup of ``interviews`` interviews (4 per application, 2 people and 5 items each)."""
    stamp = "2026-11-22T15:00:00+00:00"
    tables: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    common = {"created_at": stamp, "updated_at": stamp}

    def uid() -> str:
        return str(uuid.uuid4())

    tables["profiles"].append(
        {"id": 1, "uid": uid(), "name": "Ana", "email": "ana@example.com", "signature": "Ana",
         "phone": None, "linkedin": None, "timezone": "Europe/Lisbon", "country": "PT", **common}
    )  # fmt: skip
    first = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for n in range(1, interviews + 1):
        app = (n - 1) // 4 + 1
        if n % 4 == 1:
            tables["applications"].append(
                {"id": app, "uid": uid(), "profile_id": 1, "company": f"Company {app}",
                 "role": "Analyst", "posting_url": f"https://jobs.example.com/{app}",
                 "industry": "tech", "culture": "neutral", "company_timezone": "Asia/Tokyo",
                 "company_country": "JP", "preferred_channel": "email",
                 "status": "interviewing", "applied_on": "2026-01-01",
                 "notes": "Notes\nover two lines", **common}
            )  # fmt: skip
        start = first + timedelta(hours=n)
        tables["interviews"].append(
            {"id": n, "uid": uid(), "application_id": app, "round": "first", "format": "video",
             "starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat(),
             "timezone": "America/New_York", "location": "Zoom", "decision_date": None,
             "decision_note": None, "notes": "Fine.\nSQL.", **common}
        )  # fmt: skip
        for k in (1, 2):
            contact = 2 * n + k - 2
            tables["contacts"].append(
                {"id": contact, "uid": uid(), "profile_id": 1, "name": f"Person {contact}",
                 "title": "Manager", "email": f"p{contact}@company{app}.example.com",
                 "phone": None, "linkedin": None, "timezone": None, "company": None, **common}
            )  # fmt: skip
            tables["interview_people"].append(
                {"interview_id": n, "contact_id": contact, "position": k}
            )
        for position, kind in enumerate(("topic", "standout", "concern", "forgotten", "topic")):
            tables["interview_items"].append(
                {"id": len(tables["interview_items"]) + 1, "interview_id": n, "kind": kind,
                 "contact_id": None, "position": position, "text": f"{kind} {n}",
                 "detail": "better" if kind == "concern" else None}
            )  # fmt: skip
        tables["reflections"].append(
            {"interview_id": n, "went_well": "rapport", "to_improve": "SQL", "forgotten": "",
             "notes": "", **common}
        )  # fmt: skip
    return {
        "format": backup.FORMAT,
        "version": backup.VERSION,
        "schema_revision": HEAD_REVISION,
        "tables": tables,
    }


def test_a_thousand_interviews_are_checked_and_loaded(tmp_path: Path) -> None:
    # Speed is the benchmarks' business: a timed assertion here failed on a busy machine.
    data = synthetic(1_000)
    rows = validate_rows(check_header(data))
    assert len(rows["contacts"]) == 2_000
    store = Store.open(f"sqlite:///{tmp_path / 'big.db'}")
    try:
        with store.transaction() as conn:
            assert backup.load(conn, data).inserted["interviews"] == 1_000
    finally:
        store.close()
