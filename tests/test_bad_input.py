"""Every bad input of the record commands: a clear message naming the field, exit status 2
(3 for storage failures), and the database exactly as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import NOW, _entry_point

TEN_MB = "x" * 10_000_000


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a profile, an interview (ID 1, 14:00-15:00) and a reflection."""
    root = tmp_path_factory.mktemp("template")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env |= {
        "FOLLOWUP_DATA_DIR": str(root),
        "FOLLOWUP_CONFIG": str(root / "config.toml"),
        "FOLLOWUP_NOW": NOW.isoformat(),
        "FOLLOWUP_TIMEZONE": "America/New_York",
    }
    steps = [
        ["init", "--name", "Alex Candidate", "--email", "alex@example.org"],
        ["add", "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00", "--end", "15:00",
         "-i", "Dana Rivera <dana@acme.com>", "-t", "Dana: churn"],
        ["reflect", "1", "--went-well", "SQL"],
    ]  # fmt: skip
    for step in steps:
        subprocess.run([*_entry_point(), *step], env=env, check=True, capture_output=True, input="")
    return root / "followup.db"


@pytest.fixture
def db(template: Path, home: dict[str, str]) -> Path:
    """This test's copy of the template, where the CLI will find it."""
    target = Path(home["FOLLOWUP_DATA_DIR"]) / "followup.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target


def dump(path: Path) -> list[str]:
    """Every table's schema and rows, as SQL text."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def unchanged(db: Path) -> Iterator[None]:
    """Fail unless the database is the same after the test as before it."""
    before = dump(db)
    assert any('INSERT INTO "interviews"' in line for line in before)
    yield
    assert dump(db) == before


START = ("-c", "Acme", "-r", "Analyst", "-s", "2026-11-21T10:00")

CASES = [
    # unknown time zone
    (("add", *START, "--timezone", "Mars/Olympus"), "--timezone", "unknown time zone"),
    (("add", *START, "--company-timezone", "Europe/Pariss"), "--company-timezone", "Europe/Paris"),
    (("init", "--timezone", "Atlantis/Capital"), "--timezone", "unknown time zone"),
    (("edit", "1", "--timezone", "EST5"), "--timezone", "unknown time zone"),
    # end before start
    (("add", *START, "--end", "2026-11-21T09:00"), "--end", "is not after the start"),
    (("add", *START, "--end", "9:30"), "--end", "is not after the start"),
    (("edit", "1", "--end", "13:00"), "--end", "is not after the start"),
    (("add", *START, "--end", "2026-11-23T10:00"), "--end", "a day or more"),
    # unknown ID
    (("edit", "99", "--role", "x"), "interview", "no interview with ID 99"),
    (("reflect", "99", "--went-well", "x"), "interview", "no interview with ID 99"),
    (("reflect", "99"), "interview", "the #N numbers in `followup list` or `followup show`"),
    (("edit", "99", "--mode", "phone"), "interview", "the #N numbers in `followup list`"),
    (("outcome", "99", "offer"), "application", "no application with ID 99"),
    # malformed email
    (("init", "--email", "alex@"), "--email", "not a valid email address"),
    (("add", *START, "-i", "Dana Rivera <dana@acme>"), "--interviewer", "not a valid email"),
    (("edit", "1", "-i", "Dana <dana at acme.com>"), "--interviewer", "not a valid email"),
    (("add", *START, "-i", "Dana <dana@acme.com"), "--interviewer", "cannot read"),
    # CR or LF inside a name or a subject-like field
    (("add", "-c", "Acme\nBcc: evil@x.com", "-r", "Analyst", "-s", "2026-11-21T10:00"),
     "--company", "line break"),
    (("add", "-c", "Acme", "-r", "Analyst\r\nSubject: hi", "-s", "2026-11-21T10:00"),
     "--role", "line break"),
    (("add", *START, "-i", "Dana\rRivera <dana@acme.com>"), "--interviewer", "line break"),
    (("add", *START, "-i", "Dana Rivera, Manager\nX-Header: 1"), "--interviewer", "line break"),
    (("add", *START, "-t", "Dana: churn\ndashboard"), "--topic #1", "line break"),
    (("add", *START, "--decision-note", "soon\nish"), "--decision-note", "line break"),
    (("add", *START, "--location", "Room 1\r"), "--location", "line break"),
    (("init", "--name", "Alex\nCandidate"), "--name", "line break"),
    (("edit", "1", "--company", "Acme\rInc"), "--company", "line break"),
    (("edit", "1", "-i", "Sam\nOkafor"), "--interviewer", "line break"),
    # too much text
    (("add", *START, "--notes", "y" * 100_000), "--notes", "the limit is 20,000"),
    # other bad values
    (("add", *START, "--round", "fifth"), "--round", "screen, first, second, third, final"),
    (("add", *START, "--mode", "carrier-pigeon"), "--mode", "phone, video, onsite, panel"),
    (("add", *START, "--format", "video"), "--format", "The interview's format is --mode"),
    (("add", *START, "-f", "jsn"), "--format", "'jsn' is not one of: text, json"),
    (("edit", "1", "--mode", "onsite", "-f", "yaml"), "--format", "text, json"),
    (("add", *START, "--minutes", "ninety"), "--minutes", "not a length in minutes"),
    (("add", *START, "--minutes", "30", "--end", "11:00"), "--minutes", "cannot be combined"),
    (("add", "-c", "Acme", "-r", "Analyst", "-s", "blah"), "--start", "'blah' is not a date"),
    (("add", "-c", "Acme", "-r", "Analyst", "-s", "2026-03-08T02:30"), "--start", "does not exist"),
    (("add", *START, "--decision", "someday"), "--decision", "is not a date"),
    (("add", *START, "--culture", "chaotic"), "--culture", "formal, neutral, casual"),
    (("add", *START, "--channel", "fax"), "--channel", "email, linkedin, phone, mail"),
    (("add", *START, "--posting-url", "acme jobs"), "--posting-url", "not a web address"),
    (("add", *START, "--company-country", "USA"), "--company-country", "two-letter"),
    (("add", *START, "--concern", "=> only an answer"), "--concern", "no concern"),
    (("add", *START, "-t", "Dana: x", "-i", "Dana A", "-i", "Dana B"), "--topic", "more than one"),
    (("add", *START, "-i", "Ann <Ann@acme.com>", "-i", "Ann B <ann@acme.com>"), "--interviewer",
     "same email address but different names"),
    (("edit", "1", "-i", "Dana, CTO", "-i", "dana <dana@acme.com>, VP"), "--interviewer",
     "different titles"),
    (("edit", "1", "--rename-application"), "--rename-application", "needs the new name"),
    (("add", "-c", "Acme", "-r", "Analyst", "-s", "0001-01-01T00:30+05:00"), "--start",
     "in the year 1"),
    (("add", *START, "--decision-note", "n" * 201), "--decision-note", "the limit is 200"),
    (("add", *START, "--location", "l" * 201), "--location", "the limit is 200"),
    (("edit", "1", "--industry", "i" * 201), "--industry", "the limit is 200"),
    (("init", "--phone", "call me"), "--phone", "not a phone number"),
    (("init", "--country", "France"), "--country", "two-letter"),
    # Two capitals ISO never assigned planned with no holidays at all, silently.
    (("init", "--country", "XX"), "--country", "not an ISO 3166 country code"),
    (("init", "--country", "uk"), "--country", "The United Kingdom's is GB"),
    (("add", *START, "--company-country", "QQ"), "--company-country", "not an ISO 3166"),
    (("outcome", "1", "ghosted"), "outcome", "offer, rejected, withdrawn, no-response, reopen"),
    (("reflect", "1", "--format", "yaml"), "--format", "text, json"),
]  # fmt: skip


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize(("args", "field", "problem"), CASES)
def test_bad_input_names_the_field_and_changes_nothing(
    cli, args: tuple[str, ...], field: str, problem: str
) -> None:
    result = cli(*args)
    assert result.code == 2, result
    assert result.err.startswith(f"followup: {field}: "), result.err
    assert problem in result.err
    assert result.err.count("\n") == 1  # one message, no traceback
    assert result.out == ""


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize(
    "args",
    [
        ("add", *START, "--notes", "-"),
        ("edit", "1", "--notes", "-"),
        ("reflect", "1", "--notes", "-"),
    ],
)
def test_ten_megabytes_of_notes(cli, args: tuple[str, ...]) -> None:
    result = cli(*args, input=TEN_MB)
    assert result.code == 2, result
    assert result.err == (
        "followup: --notes: read from stdin, is longer than the limit of 20,000 characters "
        "(reading stopped there). Keep notes short, or store the document elsewhere and note "
        "where it is.\n"
    )


@pytest.mark.usefixtures("unchanged")
def test_endless_notes_on_stdin_are_refused_without_reading_them_all(
    home: dict[str, str],
) -> None:
    """`yes | followup add ... --notes -` stops after the limit instead of reading forever."""
    endless = subprocess.Popen(["yes", "a line of notes"], stdout=subprocess.PIPE)
    assert endless.stdout is not None
    try:
        result = subprocess.run(
            [*_entry_point(), "add", *START, "--notes", "-"],
            stdin=endless.stdout,
            capture_output=True,
            text=True,
            env=home,
            timeout=60,
            check=False,
        )
    finally:
        endless.kill()
        endless.wait()
    assert result.returncode == 2, result
    assert result.stderr.startswith("followup: --notes: read from stdin, is longer than the limit")


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", "no event (VEVENT)"),
        (b"not a calendar at all", "not a valid calendar file"),
        (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261121\nEND:VEVENT\nEND:VCALENDAR\n",
         "all-day"),
    ],
)  # fmt: skip
def test_bad_invitations(cli, tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "invite.ics"
    path.write_bytes(content)
    result = cli("add", "--from-ics", str(path), "-c", "Acme", "-r", "Analyst")
    assert result.code == 2, result
    assert result.err.startswith("followup: --from-ics: ")
    assert problem in result.err


@pytest.mark.usefixtures("unchanged")
def test_a_missing_invitation(cli, tmp_path: Path) -> None:
    result = cli("add", "--from-ics", str(tmp_path / "nope.ics"), "-c", "Acme", "-r", "Analyst")
    assert result.code == 2
    assert result.err.startswith("followup: --from-ics: cannot read ")


@pytest.mark.parametrize(
    "args",
    [
        ("add", *START),
        ("init", "--name", "Alex"),
        ("edit", "1", "--role", "x"),
        ("reflect", "1", "--went-well", "x"),
        ("outcome", "1", "offer"),
    ],
)
def test_a_file_that_is_not_sqlite(cli, home: dict[str, str], args: tuple[str, ...]) -> None:
    path = Path(home["FOLLOWUP_DATA_DIR"]) / "followup.db"
    path.parent.mkdir(parents=True)
    garbage = b"This is my CV, not a database.\n" * 300
    path.write_bytes(garbage)
    result = cli(*args)
    assert result.code == 3, result
    assert "is not a SQLite database" in result.err
    assert result.err.startswith("followup: ")
    assert path.read_bytes() == garbage


@pytest.mark.parametrize(
    "args",
    [("add", *START), ("edit", "1", "--role", "x"), ("reflect", "1", "--went-well", "x")],
)
def test_a_database_newer_than_the_code(cli, db: Path, args: tuple[str, ...]) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before = dump(db)
    result = cli(*args)
    assert result.code == 3, result
    assert "schema revision 9999, which this followup does not know" in result.err
    assert dump(db) == before
