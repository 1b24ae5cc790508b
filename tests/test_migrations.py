"""Migrations: the code and the Alembic history agree, and upgrading never loses a row.

Today the first revision is also the head, so the upgrade tests run over every revision in
the history (an older one is created, filled with plain SQL, then upgraded by the program)
and, to exercise a real upgrade now, over a synthetic next revision written to a copy of
the migrations directory: the code is made to expect it, the real database is older.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from followup.adapters.store import database, schema
from followup.adapters.store.store import Store
from followup.errors import StorageError

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
Rows = dict[str, list[dict[str, Any]]]


def script_directory(location: Path = database.MIGRATIONS) -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(location))
    return ScriptDirectory.from_config(config)


#: Every revision in the migrations directory, oldest first.
REVISIONS = [script.revision for script in reversed(list(script_directory().walk_revisions()))]


def ts(dialect: str, utc: str) -> str:
    """A timestamp as plain SQL holds it: what the program writes on each database."""
    return utc if dialect == "sqlite" else f"{utc}+00"


def fill_0001(d: str) -> Rows:
    """One row or more in every table of revision 0001, every column non-NULL somewhere."""
    t0, t1 = ts(d, "2026-11-20 15:00:00.250000"), ts(d, "2026-11-20 15:45:00.000001")
    stamps = {"created_at": t0, "updated_at": t1}
    return {
        "profiles": [
            {"id": 1, "uid": "p-1", "name": "Dana Reyes", "email": "dana@example.org",
             "signature": "Dana\n+1 555 0100", "phone": "+1 555 0100",
             "linkedin": "https://www.linkedin.com/in/dana", "timezone": "America/New_York",
             "country": "US", **stamps},
        ],
        "applications": [
            {"id": 1, "uid": "a-1", "profile_id": 1, "company": "Électricité de France",
             "role": "Backend Engineer", "posting_url": "https://jobs.example.com/1",
             "industry": "energy", "culture": "formal", "company_timezone": "Europe/Paris",
             "company_country": "FR", "preferred_channel": "email", "status": "interviewing",
             "applied_on": "2026-11-02", "notes": "Referred by Lee", **stamps},
            {"id": 2, "uid": "a-2", "profile_id": 1, "company": "Globex", "role": "SRE",
             "posting_url": None, "industry": None, "culture": "neutral",
             "company_timezone": None, "company_country": None, "preferred_channel": None,
             "status": "applied", "applied_on": None, "notes": "", **stamps},
        ],
        "contacts": [
            {"id": 1, "uid": "c-1", "profile_id": 1, "name": "Priya Shah", "title": "Staff Eng",
             "email": "priya@edf.example", "phone": "+33 1 23", "linkedin": "in/priya",
             "timezone": "Europe/Paris", "company": "Électricité de France", **stamps},
            {"id": 2, "uid": "c-2", "profile_id": 1, "name": "Marcus Lee", "title": None,
             "email": None, "phone": None, "linkedin": None, "timezone": None,
             "company": None, **stamps},
        ],
        "interviews": [
            {"id": 1, "uid": "i-1", "application_id": 1, "round": "second", "format": "panel",
             "starts_at": t0, "ends_at": t1, "timezone": "Europe/Paris", "location": "Zoom",
             "decision_date": "2026-12-01", "decision_note": "next week", "notes": "n", **stamps},
        ],
        "interview_people": [
            {"interview_id": 1, "contact_id": 2, "position": 0},
            {"interview_id": 1, "contact_id": 1, "position": 1},
        ],
        "interview_items": [
            {"id": i, "interview_id": 1, "kind": kind, "contact_id": who, "position": pos,
             "text": text, "detail": detail}
            for i, (kind, who, pos, text, detail) in enumerate(
                [
                    ("topic", 1, 0, "system design", None),
                    ("topic", 1, 1, "on-call", None),
                    ("topic", None, 0, "the migration", None),
                    ("standout", None, 0, "the pager story", None),
                    ("question_asked", None, 0, "Why us?", None),
                    ("concern", None, 0, "Kafka answer", "Explain rebalancing"),
                    ("forgotten", None, 0, "open source", None),
                    ("question_to_ask", None, 0, "How is on-call paid?", None),
                ],
                start=1,
            )
        ],
        "reflections": [
            {"interview_id": 1, "went_well": "rapport", "to_improve": "examples",
             "forgotten": "the demo", "notes": "", **stamps},
        ],
        "followups": [
            {"id": 1, "uid": "f-1", "application_id": 1, "interview_id": 1, "recipient_id": 1,
             "kind": "thank-you", "channel": "email", "earliest": t0, "target": t1,
             "latest": t1, "status": "sent", "rule": "timing.thank_you",
             "reason": "seed 001", "done_at": t1, **stamps},
        ],
        "messages": [
            {"id": 1, "uid": "m-1", "followup_id": 1, "subject": "Thank you", "body": "Dear…",
             "attachments": '["cv.pdf"]', "check_report": "{}", "message_id": "<1@followup>",
             "status": "sent", "sent_at": t1, **stamps},
        ],
        "replies": [
            {"id": 1, "uid": "r-1", "application_id": 1, "message_id": 1, "received_at": t1,
             "sender": "hr@edf.example", "subject": "Re: Thank you", "snippet": "Thanks!",
             "kind": "reply", "created_at": t0},
        ],
    }  # fmt: skip


def fill_0002(d: str) -> Rows:
    """Revision 0002's rows: 0001's, a reply that promised a new date, a numbered follow-up."""
    rows = fill_0001(d)
    rows["replies"][0]["decision_date"] = "2026-12-04"
    rows["followups"][0]["number"] = 2
    return rows


def fill_0003(d: str) -> Rows:
    """Revision 0003's rows: 0002's, an outbox message, a synced reply, a folder's state."""
    rows = fill_0002(d)
    t0 = ts(d, "2026-11-21 09:00:00.000000")
    rows["messages"][0].update(
        send_at=t0,
        to_name="Ana López",
        to_email="ana@edf.example",
        in_reply_to="<0@followup>",
        attempts=1,
        error=None,
    )
    rows["replies"][0].update(header_id="<r1@edf.example>", matched_by="thread")
    rows["mail_folders"] = [
        {
            "id": 1,
            "uid": "mf-1",
            "profile_id": 1,
            "account": "ann@imap.example",
            "folder": "INBOX",
            "uidvalidity": 4_000_000_000,
            "last_uid": 17,
            "synced_at": t0,
        },
    ]
    return rows


#: Plain-SQL rows for a database at each revision. A new revision needs its entry here.
FILL = {"0001": fill_0001, "0002": fill_0002, "0003": fill_0003}


def fill(engine: sa.Engine, rows: Rows) -> None:
    with engine.begin() as conn:
        for table, records in rows.items():
            for record in records:
                names = ", ".join(record)
                marks = ", ".join(f":{name}" for name in record)
                conn.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), record)
            if engine.dialect.name == "postgresql" and "id" in records[0]:
                # The rows came with their IDs: move the sequence past them, as the program's
                # own inserts would have.
                sequence = f"pg_get_serial_sequence('{table}', 'id')"
                conn.execute(sa.text(f"SELECT setval({sequence}, max(id)) FROM {table}"))


def dump(engine: sa.Engine) -> Rows:
    """Every row of every table (but Alembic's), as the database returns it."""
    out: Rows = {}
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
            keys = ", ".join(inspector.get_pk_constraint(table)["constrained_columns"])
            result = conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY {keys}"))
            out[table] = [dict(row) for row in result.mappings()]
    return out


def same_rows(before: Rows, after: Rows) -> None:
    """Every row before is still there, every column it had holds the same value."""
    for table, rows in before.items():
        assert table in after, f"table {table} is gone"
        kept = [{name: row[name] for name in rows[0]} for row in after[table]]
        assert kept == rows, f"rows of {table} changed"


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    made = database.create_engine(db_url)
    yield made
    made.dispose()


# (1) The code and the migrations directory agree ---------------------------------------------


def test_code_knows_the_migration_history() -> None:
    scripts = script_directory()
    assert scripts.get_heads() == [schema.HEAD_REVISION], "one head, the one the code expects"
    assert list(schema.KNOWN_REVISIONS) == REVISIONS
    assert REVISIONS[-1] == schema.HEAD_REVISION
    assert sorted(FILL) == REVISIONS, "every revision needs plain-SQL rows in FILL"


# (2) Upgrading an empty database gives exactly schema.metadata -----------------------------


def structure(conn: sa.Connection) -> dict[str, Any]:
    inspector = sa.inspect(conn)
    out: dict[str, Any] = {}
    for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
        out[table] = {
            "columns": {(c["name"], c["nullable"]) for c in inspector.get_columns(table)},
            "indexes": {
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
                if "duplicates_constraint" not in i
            },
            "unique": {tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)},
            "fks": {
                (
                    tuple(f["constrained_columns"]),
                    f["referred_table"],
                    tuple(f["referred_columns"]),
                    (f["options"].get("ondelete") or "").upper(),
                )
                for f in inspector.get_foreign_keys(table)
            },
        }
    return out


def expected_structure() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for table in schema.metadata.sorted_tables:
        unique = {
            tuple(c.name for c in u.columns)
            for u in table.constraints
            if isinstance(u, sa.UniqueConstraint)
        } | {(c.name,) for c in table.columns if c.unique}
        out[table.name] = {
            "columns": {(c.name, bool(c.nullable)) for c in table.columns},
            "indexes": {
                (i.name, tuple(c.name for c in i.columns), bool(i.unique)) for i in table.indexes
            },
            "unique": unique,
            "fks": {
                (
                    (fk.parent.name,),
                    fk.column.table.name,
                    (fk.column.name,),
                    (fk.ondelete or "").upper(),
                )
                for fk in table.foreign_keys
            },
        }
    return dict(sorted(out.items()))


def test_head_is_exactly_the_metadata(engine: sa.Engine) -> None:
    database.upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, schema.metadata) == []
        assert structure(conn) == expected_structure()
    with engine.begin() as conn:  # the comparison can fail: drop an index, it is noticed
        conn.execute(sa.text("DROP INDEX ix_interviews_application_id_starts_at"))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert [d[0] for d in compare_metadata(context, schema.metadata)] == ["add_index"]


# (3) A database at every revision, full of rows, upgraded to head by the program ------------


@pytest.mark.parametrize("revision", REVISIONS)
def test_upgrade_from_every_revision_keeps_every_row(
    db_url: str, engine: sa.Engine, tmp_path: Path, revision: str
) -> None:
    database.upgrade(engine, revision)
    fill(engine, FILL[revision](engine.dialect.name))
    before = dump(engine)
    assert all(before[table] for table in before), "every table holds rows"
    backups = tmp_path / "backups"
    if engine.dialect.name == "postgresql" and revision != schema.HEAD_REVISION:
        with pytest.raises(StorageError, match="followup db upgrade"):
            Store.open(db_url, clock=lambda: NOW)
        assert dump(engine) == before
        database.upgrade(engine)  # what `followup db upgrade` runs
    store = Store.open(db_url, clock=lambda: NOW, backup_dir=backups)
    try:
        assert database.current_revision(engine) == schema.HEAD_REVISION
        same_rows(before, dump(engine))
        if engine.dialect.name == "sqlite" and revision != schema.HEAD_REVISION:
            assert store.backup is not None
            same_rows(before, dump(database.create_engine(f"sqlite:///{store.backup}")))
        else:
            assert store.backup is None
            assert not backups.exists()
        # The program reads the old rows and keeps writing.
        interview = store.get_interview(1)
        assert [p.contact.name for p in interview.interviewers] == ["Marcus Lee", "Priya Shah"]
        assert interview.interviewers[1].topics == ("system design", "on-call")
        assert interview.start == datetime(2026, 11, 20, 15, 0, 0, 250000, tzinfo=UTC)
        assert store.messages(1)[0].attachments == ("cv.pdf",)
        app = store.get_application(2)
        store.record_interview(app, interview.__class__(app.id, NOW, NOW, "UTC"))
        assert store.count("interviews") == 2
    finally:
        store.close()


NEXT = """
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in ("profiles", "applications"):  # parents of almost every other table
        # What a SQLite migration does for most changes: rebuild the table and copy it over.
        with op.batch_alter_table(table, recreate="always" if sqlite else "auto") as batch:
            batch.add_column(sa.Column("extra", sa.String(40)))
    {more}


def downgrade():
    pass
"""


@pytest.fixture
def next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the code expect a synthetic revision 9001 after the real head; yield its file."""
    location = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS, location, ignore=shutil.ignore_patterns("__pycache__"))
    script = location / "versions" / "9001_next.py"
    script.write_text(NEXT.format(head=REVISIONS[-1], more="pass"))
    known = (*schema.KNOWN_REVISIONS, "9001")
    for module in (database, schema):
        monkeypatch.setattr(module, "HEAD_REVISION", "9001")
        monkeypatch.setattr(module, "KNOWN_REVISIONS", known)
    monkeypatch.setattr(database, "MIGRATIONS", location)
    return script


def at_real_head(url: str) -> Rows:
    engine = database.create_engine(url)
    try:
        database.upgrade(engine, REVISIONS[-1])
        fill(engine, FILL[REVISIONS[-1]](engine.dialect.name))
        return dump(engine)
    finally:
        engine.dispose()


def test_older_sqlite_database_is_backed_up_then_migrated(
    tmp_path: Path, next_revision: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    before = at_real_head(url)
    store = Store.open(url, clock=lambda: NOW, backup_dir=tmp_path / "backups")
    try:
        after = dump(store.engine)
        same_rows(before, after)  # with foreign keys on, rebuilding a parent deleted children
        assert {row["extra"] for row in after["applications"]} == {None}
        assert store.backup is not None
        assert Path(store.backup).name == f"old.rev{REVISIONS[-1]}.20261122T150000.bak.db"
        copy = database.create_engine(f"sqlite:///{store.backup}")
        assert database.current_revision(copy) == REVISIONS[-1]
        assert dump(copy) == before
        with store.reading() as conn:  # the migration's pragmas did not outlive it
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def test_failed_sqlite_migration_changes_nothing(tmp_path: Path, next_revision: Path) -> None:
    next_revision.write_text(
        NEXT.format(head=REVISIONS[-1], more='op.execute("UPDATE nowhere SET x = 1")')
    )
    url = f"sqlite:///{tmp_path / 'old.db'}"
    before = at_real_head(url)
    with pytest.raises(StorageError, match="nowhere"):
        Store.open(url, clock=lambda: NOW, backup_dir=tmp_path / "backups")
    engine = database.create_engine(url)
    assert database.current_revision(engine) == REVISIONS[-1]
    assert dump(engine) == before  # no half-rebuilt table, no _alembic_tmp_ leftovers
    engine.dispose()
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_older_postgres_database_waits_for_db_upgrade(pg_url: str, next_revision: Path) -> None:
    from followup.services.context import AppContext
    from followup.services.maintenance import upgrade_database
    from followup.settings import Settings

    before = at_real_head(pg_url)
    with pytest.raises(StorageError, match="run `followup db upgrade`"):
        Store.open(pg_url, clock=lambda: NOW)
    engine = database.create_engine(pg_url)
    try:
        assert database.current_revision(engine) == REVISIONS[-1]
        assert dump(engine) == before
        settings = Settings(flags={"database_url": pg_url}, env={})
        assert upgrade_database(AppContext(settings, clock=lambda: NOW)) == (REVISIONS[-1], None)
        assert database.current_revision(engine) == "9001"
        same_rows(before, dump(engine))
    finally:
        engine.dispose()


# (4) Databases the program must refuse, and leave as they were ------------------------------


def digest(path: Path) -> dict[str, str]:
    """Every file in the directory, by content."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.iterdir())}


@pytest.mark.parametrize(
    "content",
    [b"Dear diary,\n" * 500, bytes(range(256)) * 16, b"SQLite format 3\x00" + b"\xff" * 4080],
    ids=["text", "binary", "bad-header"],
)
def test_file_that_is_not_a_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "followup.db"
    path.write_bytes(content)
    before = digest(tmp_path)
    with pytest.raises(StorageError, match=r"followup\.db"):
        Store.open(f"sqlite:///{path}", clock=lambda: NOW)
    assert digest(tmp_path) == before


def test_database_of_another_program(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE notes (body TEXT)"))
        conn.execute(sa.text("INSERT INTO notes VALUES ('keep me')"))
    engine.dispose()
    before = digest(tmp_path)
    with pytest.raises(StorageError, match="not followup's"):
        Store.open(f"sqlite:///{path}")
    assert digest(tmp_path) == before


def test_database_newer_than_the_code(db_url: str, engine: sa.Engine, tmp_path: Path) -> None:
    Store.open(db_url, clock=lambda: NOW).close()
    fill(engine, FILL[REVISIONS[-1]](engine.dialect.name))
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    before = dump(engine)
    engine.dispose()
    files = digest(tmp_path)
    with pytest.raises(StorageError, match="9999, which this followup does not know"):
        Store.open(db_url, clock=lambda: NOW, backup_dir=tmp_path / "backups")
    assert database.current_revision(engine) == "9999"
    assert dump(engine) == before
    engine.dispose()
    assert digest(tmp_path) == files  # no backup either: nothing to migrate


def test_backup_is_a_faithful_copy(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    store = Store.open(f"sqlite:///{path}", clock=lambda: NOW)
    engine = store.engine
    with engine.connect() as reader:  # an open reader keeps the WAL from being checkpointed
        reader.exec_driver_sql("SELECT count(*) FROM profiles").scalar()
        fill(engine, FILL[REVISIONS[-1]]("sqlite"))
        assert path.with_name("live.db-wal").stat().st_size > 0, "rows still in the WAL"
        copy = database.backup_sqlite(path, tmp_path / "new" / "dir", "0001", NOW)
        assert copy == tmp_path / "new" / "dir" / "live.rev0001.20261122T150000.bak.db"
        assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]  # no .partial
        source = dump(engine)
    duplicate = database.create_engine(f"sqlite:///{copy}")
    with duplicate.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert database.current_revision(duplicate) == database.current_revision(engine)
    assert dump(duplicate) == source
    assert source["interview_items"], "the copy was compared on real rows"
    duplicate.dispose()
    engine.dispose()
