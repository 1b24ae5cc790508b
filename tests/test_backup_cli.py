"""`followup export` and `followup import` through the real entry point."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import CLI
from followup.adapters.store.store import Store
from followup.domain.model import Profile, Status
from test_backup import NOW, export_text, populate


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "mine.db"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    """The database the CLI runs on, opened by the test to set it up and look inside."""
    opened = Store.open(f"sqlite:///{db}", clock=lambda: NOW)
    yield opened
    opened.close()


@pytest.fixture
def with_profile(store: Store) -> Store:
    store.save_profile(Profile(name="Ana", timezone="America/New_York"))
    return store


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


TRACKER = (
    "Company Name,Job Title,Status,Job URL,Date Applied,Interview Date,Notes,Location,Salary\n"
    'Acme,Backend Engineer,Applied,www.acme.example/jobs/1,03/14/2026,,"great team, ""fast""",'
    "Remote,100k\n"
    "Globex,Data Scientist,Phone Screen,https://globex.example/j/2,2026-03-10,"
    "2026-03-20 14:30,,NYC,\n"
    'Initech,Product Manager,Offer,,"Mar 2, 2026",,,,\n'
)


# Export ------------------------------------------------------------------------------------


def test_export_writes_the_backup_to_stdout(cli: CLI, db: Path, store: Store) -> None:
    populate(store)
    result = cli("--db", str(db), "export")
    assert (result.code, result.err) == (0, "")
    assert result.out == export_text(store)
    assert json.loads(result.out)["format"] == "followup-backup"
    assert cli("--db", str(db), "export", "-").out == result.out


def test_export_to_a_file_refuses_to_overwrite_without_force(
    cli: CLI, db: Path, store: Store, tmp_path: Path
) -> None:
    populate(store)
    target = tmp_path / "backup.json"

    first = cli("--db", str(db), "export", str(target))

    assert first.code == 0, first
    assert first.out == f"Exported 19 rows from 11 tables to {target}.\n"
    assert target.read_text(encoding="utf-8") == export_text(store)
    write(target, "keep me")
    again = cli("--db", str(db), "export", str(target))
    assert again.code == 2
    assert again.out == ""
    assert "already exists" in again.err and "--force" in again.err
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = cli("--db", str(db), "export", str(target), "--force")
    assert forced.code == 0
    assert target.read_text(encoding="utf-8") == export_text(store)


# Import of a backup ------------------------------------------------------------------------


def test_import_restores_then_merges_a_backup(
    cli: CLI, db: Path, store: Store, tmp_path: Path
) -> None:
    populate(store)
    backup = write(tmp_path / "backup.json", export_text(store))
    other = tmp_path / "other.db"

    restored = cli("--db", str(other), "import", str(backup))

    assert restored.code == 0, restored
    lines = restored.out.splitlines()
    assert lines[0] == "Restored backup.json into an empty database (every ID kept):"
    assert lines[1].split() == ["table", "inserted", "skipped"]
    assert lines[2].split() == ["profiles", "1", "0"]
    assert lines[5].split() == ["mail_folders", "1", "0"]
    assert lines[8].split() == ["interview_items", "7", "0"]
    # The import re-plans the active application it brought (its plan, written around the
    # planner here, was not current): every other table is restored as it was, and every
    # follow-up of the backup is still there.
    again = json.loads(cli("--db", str(other), "export").out)["tables"]
    original = json.loads(backup.read_text(encoding="utf-8"))["tables"]
    assert {k: v for k, v in again.items() if k != "followups"} == {
        k: v for k, v in original.items() if k != "followups"
    }
    assert {r["uid"] for r in original["followups"]} <= {r["uid"] for r in again["followups"]}

    merged = cli("--db", str(other), "import", str(backup), "--format", "json")

    assert merged.code == 0, merged
    data = json.loads(merged.out)
    assert data["kind"] == "json" and data["mode"] == "merge" and data["dry_run"] is False
    assert data["tables"]["interviews"] == {"inserted": 0, "skipped": 1}
    assert data["tables"]["mail_folders"] == {"inserted": 0, "skipped": 1}
    assert list(data["tables"]) == [
        "profiles",
        "applications",
        "contacts",
        "mail_folders",
        "interviews",
        "followups",
        "interview_items",
        "interview_people",
        "reflections",
        "messages",
        "replies",
    ]


def test_import_reads_stdin(cli: CLI, db: Path, store: Store, tmp_path: Path) -> None:
    populate(store)
    other = tmp_path / "other.db"
    result = cli("--db", str(other), "import", "-", "--format", "json", input=export_text(store))
    assert result.code == 0, result
    assert json.loads(result.out)["tables"]["replies"] == {"inserted": 1, "skipped": 0}


def test_import_dry_run_writes_nothing(cli: CLI, db: Path, store: Store, tmp_path: Path) -> None:
    populate(store)
    backup = write(tmp_path / "backup.json", export_text(store))
    other = tmp_path / "other.db"

    result = cli("--db", str(other), "import", str(backup), "--dry-run")

    assert result.code == 0, result
    assert result.out.startswith("Dry run of backup.json: nothing was written.")
    assert json.loads(cli("--db", str(other), "export").out)["tables"]["profiles"] == []


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda d: d["tables"]["interviews"][0].update(starts_at="yesterday"),
            "import: interviews row 1, field 'starts_at': 'yesterday' is not an ISO 8601 time "
            "with an offset.",
        ),
        (
            lambda d: d["tables"]["contacts"][1].update(profile_id=5),
            "import: contacts row 2, field 'profile_id': refers to profiles ID 5",
        ),
        (
            lambda d: d.update(schema_revision="0042"),
            "newer than this followup understands",
        ),
        (lambda d: d.update(format="other"), "not a followup backup"),
    ],
)
def test_a_bad_backup_exits_2_and_changes_nothing(
    cli: CLI, db: Path, store: Store, tmp_path: Path, change: Callable[[dict], None], words: str
) -> None:
    populate(store)
    data = json.loads(export_text(store))
    change(data)
    backup = write(tmp_path / "backup.json", json.dumps(data))
    before = export_text(store)

    result = cli("--db", str(db), "import", str(backup))

    assert result.code == 2, result
    assert result.out == ""
    assert result.err.startswith("followup: ")
    assert words in result.err
    assert export_text(store) == before


def test_a_file_that_is_not_json_exits_2(cli: CLI, db: Path, store: Store, tmp_path: Path) -> None:
    backup = write(tmp_path / "backup.json", '{"format": "followup-backup",')
    result = cli("--db", str(db), "import", str(backup))
    assert result.code == 2
    assert "backup.json is not JSON (line 1" in result.err
    assert store.is_empty()


# Import of a tracker's CSV -----------------------------------------------------------------


def test_csv_import_recognizes_common_headers(
    cli: CLI, db: Path, with_profile: Store, tmp_path: Path
) -> None:
    tracker = write(tmp_path / "huntr.csv", TRACKER)

    result = cli("--db", str(db), "import", str(tracker))

    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0] == "Imported huntr.csv:"
    assert lines[2].split() == ["applications", "3", "0"]
    assert lines[3].split() == ["interviews", "1", "0"]
    assert "company <- 'Company Name'" in result.out
    assert "Ignored columns: Salary." in result.out
    acme, globex, initech = sorted(with_profile.applications(1), key=lambda a: a.id or 0)
    assert (acme.company, acme.role, acme.status) == ("Acme", "Backend Engineer", Status.APPLIED)
    assert acme.posting_url == "https://www.acme.example/jobs/1"
    assert acme.applied_on is not None and acme.applied_on.isoformat() == "2026-03-14"
    assert acme.notes == 'great team, "fast"\n\nLocation: Remote'
    assert globex.status == Status.INTERVIEWING
    (interview,) = with_profile.interviews_for(globex.id or 0)
    assert interview.start.isoformat() == "2026-03-20T18:30:00+00:00"  # 14:30 in New York
    assert interview.timezone == "America/New_York"
    assert initech.status == Status.OFFER
    assert initech.applied_on is not None and initech.applied_on.isoformat() == "2026-03-02"

    again = cli("--db", str(db), "import", str(tracker))

    assert again.code == 0
    assert again.out.splitlines()[2].split() == ["applications", "0", "3"]
    assert "Skipped row 2 (Acme, Backend Engineer): already in the database" in again.out
    assert len(with_profile.applications(1)) == 3


def test_csv_import_with_map_status_map_and_json_output(
    cli: CLI, db: Path, with_profile: Store, tmp_path: Path
) -> None:
    sheet = write(
        tmp_path / "sheet.txt",
        "Org;Gig;Where we are;Comments\nUmbrella;Chemist;Ghosted;\nWayne;Analyst;Long shot;bats\n",
    )

    result = cli(
        "--db",
        str(db),
        "import",
        str(sheet),
        "--csv",
        "--map",
        "company=Org",
        "--map",
        "role=gig",
        "--map",
        "status=Where we are",
        "--status-map",
        "Long shot=applied",
        "--format",
        "json",
    )

    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["kind"] == "csv"
    assert data["columns"] == {
        "company": "Org",
        "role": "Gig",
        "status": "Where we are",
        "notes": "Comments",
    }
    assert data["tables"]["applications"] == {"inserted": 2, "skipped": 0}
    statuses = {a.company: a.status for a in with_profile.applications(1)}
    assert statuses == {"Umbrella": Status.NO_RESPONSE, "Wayne": Status.APPLIED}


def test_csv_dry_run_writes_nothing(
    cli: CLI, db: Path, with_profile: Store, tmp_path: Path
) -> None:
    tracker = write(tmp_path / "huntr.csv", TRACKER)

    result = cli("--db", str(db), "import", str(tracker), "--dry-run", "--format", "json")

    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["dry_run"] is True
    assert data["tables"]["applications"] == {"inserted": 3, "skipped": 0}
    assert with_profile.applications(1) == []


def test_a_bad_csv_names_the_row_and_column_and_writes_nothing(
    cli: CLI, db: Path, with_profile: Store, tmp_path: Path
) -> None:
    tracker = write(
        tmp_path / "huntr.csv",
        "Company,Title,Status,Interview Date\n"
        "Acme,Engineer,Applied,\n"
        "Globex,Scientist,Maybe later,\n"
        ",Designer,Applied,\n"
        "Initech,PM,Interviewing,next week\n",
    )

    result = cli("--db", str(db), "import", str(tracker))

    assert result.code == 2, result
    assert result.out == ""
    first, *rest = result.err.splitlines()
    assert first.startswith(
        "followup: import: huntr.csv row 3, column 'Status': 'Maybe later' is not a status"
    )
    assert "--status-map 'Maybe later=applied'" in first
    assert "  row 4, column 'Company': is required." in rest
    assert "  row 5, column 'Interview Date': 'next week' is not a date this import reads." in rest
    assert with_profile.applications(1) == []


def test_a_csv_that_is_not_utf8_exits_2(
    cli: CLI, db: Path, with_profile: Store, tmp_path: Path
) -> None:
    tracker = tmp_path / "excel.csv"
    tracker.write_bytes("Company,Title\nCafé Ltd,Barista\n".encode("latin-1"))

    result = cli("--db", str(db), "import", str(tracker))

    assert result.code == 2
    assert "excel.csv is not UTF-8 text (line 2 has the byte 0xe9)" in result.err
    assert "CSV UTF-8" in result.err
    assert with_profile.applications(1) == []


def test_a_csv_with_a_bom_and_semicolons_is_read(
    cli: CLI, db: Path, with_profile: Store, tmp_path: Path
) -> None:
    tracker = tmp_path / "teal.csv"
    tracker.write_bytes(
        "\ufeffCompany;Job Position;Status\nMüller GmbH;Entwickler;Rejected\n".encode()
    )

    result = cli("--db", str(db), "import", str(tracker), "--format", "json")

    assert result.code == 0, result
    (application,) = with_profile.applications(1)
    assert (application.company, application.status) == ("Müller GmbH", Status.REJECTED)


@pytest.mark.parametrize(
    ("content", "args", "words"),
    [
        ("Name,Price\nx,1\n", (), "has no column for company"),
        ("Company,Title\nA,B\n", ("--map", "salary=Title"), "'salary' is not a field"),
        ("Company,Title\nA,B\n", ("--map", "company=Employer"), "has no column 'Employer'"),
        ("Company,Title\nA,B\n", ("--map", "company"), "is not of the form KEY=VALUE"),
        ("Company,Title\nA,B\n", ("--status-map", "Maybe=perhaps"), "'perhaps' is not one of"),
        ('Company,Title\n"A,B\n', (), "huntr.csv row 2 is not valid CSV"),
        ("Company,Title\nA,B,C\n", (), "row 2, column 'column 3'"),
        ("\x00\x01binary", ("--csv",), "not a CSV file"),
    ],
)
def test_csv_input_errors_exit_2(
    cli: CLI, db: Path, with_profile: Store, tmp_path: Path, content: str, args: tuple, words: str
) -> None:
    tracker = write(tmp_path / "huntr.csv", content)
    result = cli("--db", str(db), "import", str(tracker), *args)
    assert result.code == 2, result
    assert words in result.err
    assert with_profile.applications(1) == []


def test_csv_import_needs_a_profile(cli: CLI, db: Path, store: Store, tmp_path: Path) -> None:
    tracker = write(tmp_path / "huntr.csv", TRACKER)
    result = cli("--db", str(db), "import", str(tracker))
    assert result.code == 2
    assert "followup init" in result.err
    assert store.is_empty()


def test_a_csv_with_two_columns_of_one_name_is_refused(
    cli: CLI, db: Path, with_profile: Store, tmp_path: Path
) -> None:
    tracker = write(tmp_path / "dup.csv", "Company,Job Title,Company\nAcme,Analyst,Globex\n")

    result = cli("--db", str(db), "import", str(tracker))

    assert result.code == 2, result
    assert "two columns named 'Company' (columns 1 and 3)" in result.err
    assert with_profile.applications(1) == []
