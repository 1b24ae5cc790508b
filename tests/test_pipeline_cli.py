"""`list`, `show`, `demo`, `config show`, `db status` through the real entry point."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from tests.conftest import CLI, NOW

from followup.adapters.store.store import Store
from followup.domain.model import (
    Application,
    Concern,
    Contact,
    Interview,
    Interviewer,
    Profile,
    Reflection,
    Round,
)


def _db(home: dict[str, str]) -> str:
    return str(Path(home["FOLLOWUP_DATA_DIR"]) / "followup.db")


@pytest.fixture
def filled(home: dict[str, str]) -> dict[str, int]:
    """Two applications in the isolated home's database, written through the store."""
    store = Store.open(f"sqlite:///{_db(home)}")
    profile = store.save_profile(Profile(name="Jordan Lee", timezone="America/New_York"))
    end = NOW - timedelta(hours=3)
    app, interview = store.record_interview(
        Application(company="Northwind Analytics", role="Data Analyst", profile_id=profile.id),
        Interview(
            application_id=None,
            start=end - timedelta(minutes=45),
            end=end,
            timezone="America/New_York",
            round=Round.SECOND,
            interviewers=(
                Interviewer(
                    Contact("Dana Rivera", title="Analytics Manager", email="dana@nw.example"),
                    ("churn dashboard",),
                ),
            ),
            concerns=(Concern("SQL window functions", "partition by customer"),),
            decision_date=date(2026, 12, 4),
        ),
    )
    assert interview.id is not None
    store.save_reflection(Reflection(interview.id, went_well="Good rapport"))
    other = store.add_application(
        Application(company="Kestrel Media", role="Editor", profile_id=profile.id)
    )
    store.close()
    assert app.id is not None and other.id is not None
    return {"app": app.id, "other": other.id, "interview": interview.id}


def test_help_lists_every_command(cli: CLI) -> None:
    result = cli("--help")
    assert result.code == 0, result
    for command in (
        "init",
        "add",
        "list",
        "show",
        "edit",
        "reflect",
        "outcome",
        "export",
        "import",
        "config",
        "demo",
        "db",
    ):
        assert f" {command} " in result.out or f" {command}\n" in result.out, command


def test_version(cli: CLI) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.startswith("followup ")


def test_list_without_a_profile_says_to_run_init(cli: CLI) -> None:
    result = cli("list")
    assert result.code == 2, result
    assert "followup init" in result.err
    assert result.out == ""


def test_list_shows_the_pipeline_with_next_steps(cli: CLI, filled: dict[str, int]) -> None:
    result = cli("list")
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0].split() == [
        "ID",
        "Company",
        "Role",
        "Interview",
        "Status",
        "Next",
        "step",
        "Due",
    ]
    assert f"#{filled['interview']} second" in lines[1]
    # The interview ended 3 hours ago: the thank-you is the urgent step, listed first.
    assert lines[1].startswith(f"{filled['app']} ")
    assert "Northwind Analytics" in lines[1] and "thank-you" in lines[1]
    assert "Kestrel Media" in lines[2] and "Wait for an answer" in lines[2]
    assert "2 applications, 2 active." in result.out


def test_list_json_is_the_documented_shape(cli: CLI, filled: dict[str, int]) -> None:
    result = cli("list", "--format", "json")
    assert result.code == 0, result
    data = json.loads(result.out)
    first = data["applications"][0]
    assert first["id"] == filled["app"]
    assert first["company"] == "Northwind Analytics"
    assert first["latest_interview"]["round"] == "second"
    assert first["latest_interview"]["start"].endswith("-05:00")
    due = datetime.fromisoformat(first["next_step"]["due"])
    assert due == NOW - timedelta(hours=3) + timedelta(hours=24)
    assert first["next_step"]["seed"] == "001"
    assert data["applications"][1]["latest_interview"] is None


def test_show_gives_everything_recorded(cli: CLI, filled: dict[str, int]) -> None:
    result = cli("show", str(filled["app"]), "--format", "json")
    assert result.code == 0, result
    data = json.loads(result.out)
    (interview,) = data["interviews"]
    assert interview["interviewers"][0]["name"] == "Dana Rivera"
    assert interview["interviewers"][0]["topics"] == ["churn dashboard"]
    assert interview["concerns"] == [
        {"text": "SQL window functions", "better_answer": "partition by customer"}
    ]
    assert interview["reflection"]["went_well"] == "Good rapport"
    assert interview["decision_date"] == "2026-12-04"
    text = cli("show", str(filled["app"]))
    assert text.code == 0
    assert "Dana Rivera, Analytics Manager <dana@nw.example> — churn dashboard" in text.out
    assert "SQL window functions => partition by customer" in text.out


def test_show_unknown_id_is_bad_input(cli: CLI, filled: dict[str, int]) -> None:
    result = cli("show", "999")
    assert result.code == 2
    assert "no application with ID 999" in result.err
    assert "followup list" in result.err


def test_unknown_format_is_bad_input(cli: CLI, filled: dict[str, int]) -> None:
    result = cli("list", "--format", "xml")
    assert result.code == 2
    assert "xml" in result.err


def test_demo_seeds_once_and_leaves_the_real_database_alone(cli: CLI, home: dict[str, str]) -> None:
    first = cli("demo")
    assert first.code == 0, first
    assert "seeded 6 interviews" in first.out
    assert "Do now:" in first.out
    again = cli("demo", "--format", "json")
    data = json.loads(again.out)
    assert len(data["applications"]) == 6
    assert data["database"].endswith("demo.db")
    assert not Path(_db(home)).exists()
    assert "seeded 6" in cli("demo", "--reset").out


def test_not_a_database_is_a_storage_error(cli: CLI, home: dict[str, str]) -> None:
    path = Path(_db(home))
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is a text file, not SQLite\n" * 100)
    before = path.read_bytes()
    result = cli("list")
    assert result.code == 3, result
    assert "not a SQLite database" in result.err
    assert path.read_bytes() == before


def test_config_show_names_each_source(cli: CLI, home: dict[str, str]) -> None:
    Path(home["FOLLOWUP_CONFIG"]).write_text("interview_minutes = 60\n", encoding="utf-8")
    result = cli("config", "show", "--format", "json", env={"FOLLOWUP_PROFILE": "3"})
    assert result.code == 0, result
    rows = {r["name"]: r for r in json.loads(result.out)["settings"]}
    assert rows["interview_minutes"]["value"] == 60
    assert rows["interview_minutes"]["source"].startswith("config file")
    assert rows["profile"] == {
        **rows["profile"],
        "value": 3,
        "source": "environment (FOLLOWUP_PROFILE)",
    }
    assert rows["backup_dir"]["source"] == "default"
    flagged = cli("--db", "/tmp/elsewhere.db", "config", "show")
    assert "/tmp/elsewhere.db" in flagged.out and "flag" in flagged.out


def test_bad_config_file_exits_4(cli: CLI, home: dict[str, str]) -> None:
    Path(home["FOLLOWUP_CONFIG"]).write_text("interview_minutes = [\n", encoding="utf-8")
    result = cli("config", "show")
    assert result.code == 4
    assert "not valid TOML" in result.err


def test_db_status_reports_the_revision(cli: CLI, filled: dict[str, int]) -> None:
    data = json.loads(cli("db", "status", "--format", "json").out)
    assert data["state"] == "current"
    assert data["revision"] == data["head"]


def test_record_then_list_uses_utc_storage_but_local_display(
    cli: CLI, filled: dict[str, int]
) -> None:
    out = cli("show", str(filled["app"])).out
    local = (NOW - timedelta(hours=3)).astimezone(UTC) - timedelta(hours=5)
    assert f"–{local:%H:%M} America/New_York" in out


def test_passwords_in_database_urls_are_never_printed(cli: CLI) -> None:
    url = "postgresql://jordan:s3cret@127.0.0.1:1/followup"
    shown = cli("--db", url, "config", "show", "--format", "json")
    assert shown.code == 0, shown
    assert "s3cret" not in shown.out
    assert "postgresql://jordan:***@127.0.0.1:1/followup" in shown.out
    failed = cli("--db", url, "list")
    assert failed.code == 3, failed
    assert "s3cret" not in failed.err + failed.out


def test_demo_reset_refuses_a_database_given_with_db(cli: CLI, tmp_path: Path) -> None:
    mine = tmp_path / "mine.db"
    result = cli("--db", str(mine), "demo", "--reset")
    assert result.code == 2
    assert "--reset" in result.err
    assert not mine.exists()


def _command() -> list[str]:
    script = Path(sys.executable).with_name("followup")
    return [str(script)] if script.exists() else [sys.executable, "-m", "followup"]


def _popen(home: dict[str, str], *args: str, **kw: object) -> subprocess.Popen[str]:
    return subprocess.Popen([*_command(), *args], env=home, text=True, **kw)  # type: ignore[call-overload, no-any-return]


def test_ctrl_c_during_a_command_says_nothing_was_saved(
    home: dict[str, str], filled: dict[str, int]
) -> None:
    before = Path(_db(home)).read_bytes()
    proc = _popen(
        home,
        "import",
        "-",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    proc.stdin.write('{"format": "followup-backup", ')  # and then nothing: it waits for more
    proc.stdin.flush()
    time.sleep(2.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "interrupted; nothing was saved." in err
    assert out == ""
    assert Path(_db(home)).read_bytes() == before


def test_a_reader_that_stops_early_is_not_a_failure(home: dict[str, str]) -> None:
    store = Store.open(f"sqlite:///{_db(home)}")
    profile = store.save_profile(Profile(name="Jordan Lee", timezone="America/New_York"))
    store.add_records(
        [(Application(f"Company {n}", "Analyst", profile_id=profile.id), None) for n in range(3000)]
    )
    store.close()
    proc = _popen(home, "list", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith("ID")
    proc.stdout.close()  # as `followup list | head -1` does
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0, err
    assert "Traceback" not in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_output_to_a_full_disk_is_a_storage_failure_not_a_bug(home: dict[str, str]) -> None:
    store = Store.open(f"sqlite:///{_db(home)}")
    profile = store.save_profile(Profile(name="Jordan Lee", timezone="America/New_York"))
    store.add_records([(Application("Acme", "Analyst", profile_id=profile.id), None)])
    store.close()
    for args in (("list",), ("--version",)):
        with open("/dev/full", "w") as full:  # every write fails: ENOSPC
            proc = _popen(home, *args, stdout=full, stderr=subprocess.PIPE)
            _, err = proc.communicate(timeout=60)
        assert proc.returncode == 3, err
        assert err == "followup: could not write the output: No space left on device.\n"


def test_a_closed_standard_output_is_nobody_reading(home: dict[str, str]) -> None:
    # `followup list >&-`: the command runs, its output goes nowhere, nothing fails.
    store = Store.open(f"sqlite:///{_db(home)}")
    profile = store.save_profile(Profile(name="Jordan Lee", timezone="America/New_York"))
    store.add_records([(Application("Acme", "Analyst", profile_id=profile.id), None)])
    store.close()
    shell = " ".join(f"'{part}'" for part in _command()) + " list >&-"
    proc = subprocess.run(["sh", "-c", shell], env=home, capture_output=True, text=True,
                          check=False, timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ("show", "99999999999999999999999"),
        ("reflect", "3000000000"),
        ("edit", "0", "--role", "X"),
        ("outcome", "0", "offer"),
    ],
)
def test_ids_no_database_can_hold_are_bad_input(
    cli: CLI, filled: dict[str, int], args: tuple[str, ...]
) -> None:
    result = cli(*args)
    assert result.code == 2, result
    assert "is not in the range 1<=x<=2147483647" in result.err
    assert "Traceback" not in result.err
    assert result.out == ""


def test_a_database_path_that_cannot_be_created_is_a_storage_error(
    cli: CLI, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = cli("--db", str(blocker / "sub" / "f.db"), "list")
    assert result.code == 3, result
    assert f"cannot create the directory {blocker / 'sub'}" in result.err
    assert "--db" in result.err


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://h/db?password=s3cret&user=bob", "postgresql://h/db?password=***&user=bob"),
        ("postgresql://bob:s3cr/et@host/db", "postgresql://bob:***@host/db"),
        ("postgresql://bob:p@ss@host/db", "postgresql://bob:***@host/db"),
    ],
)
def test_every_form_of_password_is_masked(cli: CLI, url: str, shown: str) -> None:
    result = cli("--db", url, "config", "show")
    assert result.code == 0, result
    assert shown in result.out
    assert "s3cr" not in result.out and "p@ss" not in result.out


def test_a_missing_config_file_given_with_config_is_refused(cli: CLI, tmp_path: Path) -> None:
    result = cli("--config", str(tmp_path / "nope.toml"), "config", "show")
    assert result.code == 4
    assert "--config" in result.err and "is not a file" in result.err
    assert result.out == ""


def test_an_import_larger_than_the_cap_is_not_read_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.errors import InputError
    from followup.services import backup

    monkeypatch.setattr(backup, "MAX_IMPORT_BYTES", 1_000)
    big = tmp_path / "big.json"
    big.write_text("[" + "0," * 1_000 + "0]")
    with pytest.raises(InputError, match="larger than"):
        backup.read_text(big)
    small = tmp_path / "small.json"
    small.write_text("[0]")
    assert backup.read_text(small) == ("small.json", "[0]")
