"""Settings: declared once, resolved flag > environment > config file > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.errors import ConfigError
from followup.settings import SETTINGS, Settings


def _settings(tmp_path: Path, text: str | None = None, **env: str) -> Settings:
    config = tmp_path / "config.toml"
    if text is not None:
        config.write_text(text, encoding="utf-8")
    return Settings(env={"FOLLOWUP_DATA_DIR": str(tmp_path), **env}, config_file=config)


def test_precedence_flag_env_file_default(tmp_path: Path) -> None:
    text = 'interview_minutes = 30\ntimezone = "Europe/Paris"\n'
    s = _settings(tmp_path, text, FOLLOWUP_INTERVIEW_MINUTES="50")
    assert s.resolve("interview_minutes") == (50, "environment (FOLLOWUP_INTERVIEW_MINUTES)")
    assert s.resolve("timezone")[0] == "Europe/Paris"
    assert s.resolve("timezone")[1].startswith("config file")
    assert s.resolve("backup_dir") == (str(tmp_path / "backups"), "default")
    flagged = Settings(
        flags={"interview_minutes": 20}, env={}, config_file=tmp_path / "config.toml"
    )
    assert flagged.resolve("interview_minutes") == (20, "flag")


def test_database_defaults_to_the_data_directory(tmp_path: Path) -> None:
    assert _settings(tmp_path)["database_url"] == str(tmp_path / "followup.db")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("interview_minutes = [", "not valid TOML"),
        ("colour = 'red'\n", "unknown setting colour"),
        ("interview_minutes = -5\n", "must be greater than 0"),
        ("interview_minutes = 1440\n", "longer than an interview day"),
        ("timezone = 'Mars/Olympus'\n", "unknown time zone"),
    ],
)
def test_bad_config_file_is_a_config_error(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        _settings(tmp_path, text).report()


def test_report_lists_every_declared_setting_once(tmp_path: Path) -> None:
    names = [row["name"] for row in _settings(tmp_path).report()]
    assert names == [s.name for s in SETTINGS]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize(("tz", "usable"), [("Foo/Bar", False), ("Asia/Tokyo", True)])
def test_a_bad_tz_variable_falls_back_instead_of_breaking_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tz: str, usable: bool
) -> None:
    monkeypatch.setenv("TZ", tz)
    zone, source = Settings(env={}, config_file=tmp_path / "none.toml").resolve("timezone")
    assert source == "default"
    assert (zone == tz) is usable
