"""Settings: declared once, resolved flag > environment > config file > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CLI
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


# The timing policy's settings ---------------------------------------------------------------


def test_one_policy_setting_per_field_of_the_policy() -> None:
    from followup.domain.policy.config import NAMES
    from followup.settings import BY_NAME, POLICY_DESCRIPTIONS

    assert tuple(POLICY_DESCRIPTIONS) == NAMES
    assert BY_NAME["policy_max_check_ins"].env == "FOLLOWUP_POLICY_MAX_CHECK_INS"


def test_policy_defaults_follow_the_chosen_preset(tmp_path: Path) -> None:
    from followup.services.policy_settings import policy_settings

    default = _settings(tmp_path)
    assert default.resolve("policy_thank_you_hours") == (24, "default")
    assert policy_settings(default).check_in_business_days == 7
    measured = _settings(tmp_path, FOLLOWUP_POLICY="Measured")
    assert measured["policy"] == "measured"
    assert measured.resolve("policy_thank_you_hours") == (48, "default")
    assert policy_settings(measured).check_in_max_business_days == 5


def test_env_and_config_file_set_policy_values(tmp_path: Path) -> None:
    from datetime import time

    from followup.services.policy_settings import policy_settings

    text = (
        'policy = "measured"\npolicy_max_check_ins = 1\npolicy_business_start = "08:30"\n'
        "policy_evening_until = 20:00:00\npolicy_linkedin = false\n"
    )
    s = _settings(tmp_path, text, FOLLOWUP_POLICY_MAX_CHECK_INS="3", FOLLOWUP_POLICY_LINKEDIN="YES")
    cfg = policy_settings(s)
    assert cfg.max_check_ins == 3  # the environment wins over the file
    assert cfg.linkedin is True
    assert cfg.business_start == time(8, 30)
    assert cfg.evening_until == time(20, 0)
    assert cfg.thank_you_hours == 48  # not set: the measured preset's value
    assert s.resolve("policy_max_check_ins")[1] == "environment (FOLLOWUP_POLICY_MAX_CHECK_INS)"
    shown = {row["name"]: row["value"] for row in s.report()}
    assert shown["policy_business_start"] == "08:30"
    assert shown["policy_linkedin"] is True


@pytest.mark.parametrize(
    ("env", "fragments"),
    [
        ({"FOLLOWUP_POLICY": "gentle"}, ["policy", "'gentle'", "default, measured"]),
        (
            {"FOLLOWUP_POLICY_MAX_CHECK_INS": "9"},
            ["policy_max_check_ins", "9 is not between 0 and 5", "such as 2"],
        ),
        (
            {"FOLLOWUP_POLICY_THANK_YOU_HOURS": "72"},
            ["policy_thank_you_hours", "between 12 and 48"],
        ),
        (
            {"FOLLOWUP_POLICY_MIN_SPACING_DAYS": "3"},
            ["policy_min_spacing_days", "between 7 and 60"],
        ),
        ({"FOLLOWUP_POLICY_LINKEDIN_DAYS": "1.5"}, ["policy_linkedin_days", "not a whole number"]),
        ({"FOLLOWUP_POLICY_LINKEDIN_DAYS": "1_0"}, ["policy_linkedin_days", "not a whole number"]),
        ({"FOLLOWUP_POLICY_LINKEDIN": "maybe"}, ["policy_linkedin", "true or false"]),
        ({"FOLLOWUP_POLICY_BUSINESS_START": "9am"}, ["policy_business_start", "HH:MM"]),
        ({"FOLLOWUP_POLICY_BUSINESS_START": "24:00"}, ["policy_business_start", "HH:MM"]),
    ],
)
def test_bad_policy_values_are_config_errors(
    tmp_path: Path, env: dict[str, str], fragments: list[str]
) -> None:
    with pytest.raises(ConfigError) as caught:
        _settings(tmp_path, **env).report()
    for fragment in fragments:
        assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("policy_max_check_ins = true\n", "not a whole number"),
        ("policy_max_check_ins = 2.0\n", "not a whole number"),
        ("policy_business_end = 17:00:30\n", "not a time of day"),
        ("policy_linkedin = 2\n", "neither true nor false"),
        ("policy = 1\n", "not a policy preset"),
    ],
)
def test_bad_policy_values_in_the_config_file(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        _settings(tmp_path, text).report()


def test_contradictory_policy_settings_name_each_setting_and_its_source(tmp_path: Path) -> None:
    from followup.services.policy_settings import policy_settings

    s = _settings(tmp_path, "policy_business_end = '15:00'\n")
    with pytest.raises(ConfigError) as caught:
        policy_settings(s)
    message = str(caught.value)
    assert "policy_same_day_cutoff must fall within business hours" in message
    assert "policy_business_end = 15:00 [config file" in message
    assert "policy_same_day_cutoff = 16:00 [default]" in message
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    measured = _settings(
        fresh, FOLLOWUP_POLICY="measured", FOLLOWUP_POLICY_CHECK_IN_MIN_BUSINESS_DAYS="7"
    )
    with pytest.raises(ConfigError) as caught:
        policy_settings(measured)
    assert "policy_check_in_max_business_days = 5 [default]" in str(caught.value)


def test_policy_settings_cli_bad_value_exits_4(cli: CLI) -> None:
    result = cli("config", "show", env={"FOLLOWUP_POLICY_MAX_CHECK_INS": "-1"})
    assert result.code == 4
    assert result.out == ""
    assert "policy_max_check_ins" in result.err and "0 to 5" in result.err


def test_config_show_lists_policy_settings(cli: CLI) -> None:
    import json

    result = cli("config", "show", "--format", "json", env={"FOLLOWUP_POLICY": "measured"})
    assert result.code == 0, result
    rows = {row["name"]: row for row in json.loads(result.out)["settings"]}
    assert rows["policy"]["value"] == "measured"
    assert rows["policy_thank_you_hours"]["value"] == 48
    assert rows["policy_same_day_cutoff"]["value"] == "16:00"
    assert rows["policy_linkedin"]["env"] == "FOLLOWUP_POLICY_LINKEDIN"


# The language-model backend's settings ---------------------------------------------------------

LLM_KEY = "sk-never-shown-0123456789"


def test_the_language_model_is_off_until_a_url_is_set(tmp_path: Path) -> None:
    s = _settings(tmp_path)
    assert s.resolve("llm_url") == ("", "default")
    assert s.resolve("llm_api_key") == (None, "default")
    assert s["llm_timeout"] == 20
    on = _settings(
        tmp_path,
        'llm_url = "http://localhost:11434/v1"\nllm_model = "llama3.1"\nllm_timeout = 90\n',
        FOLLOWUP_LLM_API_KEY=f" {LLM_KEY}\n",
    )
    assert on["llm_url"] == "http://localhost:11434/v1"
    assert (on["llm_model"], on["llm_timeout"]) == ("llama3.1", 90)
    assert on.resolve("llm_api_key") == (LLM_KEY, "environment (FOLLOWUP_LLM_API_KEY)")


@pytest.mark.parametrize(
    ("env", "fragments"),
    [
        ({"FOLLOWUP_LLM_URL": "ftp://localhost/v1"}, ["llm_url", "not an http or https URL"]),
        ({"FOLLOWUP_LLM_URL": "localhost:11434"}, ["llm_url", "such as http://localhost:11434"]),
        ({"FOLLOWUP_LLM_TIMEOUT": "0"}, ["llm_timeout", "between 1 and 300"]),
        ({"FOLLOWUP_LLM_TIMEOUT": "301"}, ["llm_timeout", "between 1 and 300"]),
        ({"FOLLOWUP_LLM_TIMEOUT": "2.5"}, ["llm_timeout", "not a whole number"]),
        ({"FOLLOWUP_LLM_API_KEY": f"{LLM_KEY} extra"}, ["llm_api_key", "the key alone"]),
    ],
)
def test_bad_language_model_settings_are_config_errors(
    tmp_path: Path, env: dict[str, str], fragments: list[str]
) -> None:
    with pytest.raises(ConfigError) as caught:
        _settings(tmp_path, **env).report()
    for fragment in fragments:
        assert fragment in str(caught.value)
    assert LLM_KEY not in str(caught.value)


def test_the_api_key_is_refused_in_the_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        _settings(tmp_path, f'llm_api_key = "{LLM_KEY}"\n')
    assert "llm_api_key is a secret" in str(caught.value)
    assert "FOLLOWUP_LLM_API_KEY" in str(caught.value)
    assert LLM_KEY not in str(caught.value)


def test_the_api_key_comes_from_the_os_keyring_when_keyring_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    # `keyring` is optional and not a dependency: a module with its API stands in for it.
    asked: list[tuple[str, str]] = []

    def get_password(service: str, name: str) -> str | None:
        asked.append((service, name))
        return LLM_KEY

    monkeypatch.setitem(sys.modules, "keyring", types.SimpleNamespace(get_password=get_password))
    s = _settings(tmp_path)
    assert s.resolve("llm_api_key") == (LLM_KEY, "OS keyring")
    assert asked == [("followup", "llm_api_key")]
    shown = {row["name"]: row for row in s.report()}
    assert shown["llm_api_key"]["value"] == "********"
    env = _settings(tmp_path, FOLLOWUP_LLM_API_KEY="sk-from-env")
    assert env.resolve("llm_api_key")[1] == "environment (FOLLOWUP_LLM_API_KEY)"

    def locked(service: str, name: str) -> str | None:
        raise RuntimeError("the keyring is locked")

    monkeypatch.setitem(sys.modules, "keyring", types.SimpleNamespace(get_password=locked))
    assert _settings(tmp_path).resolve("llm_api_key") == (None, "default")


def test_config_show_never_prints_the_key_or_a_password_in_the_url(cli: CLI) -> None:
    import json

    env = {
        "FOLLOWUP_LLM_URL": "https://me:hunter2@llm.example.org/v1",
        "FOLLOWUP_LLM_API_KEY": LLM_KEY,
    }
    text = cli("config", "show", env=env)
    result = cli("config", "show", "--format", "json", env=env)
    assert result.code == 0 and text.code == 0, result
    for output in (text.out + text.err, result.out + result.err):
        assert LLM_KEY not in output
        assert "hunter2" not in output
    rows = {row["name"]: row for row in json.loads(result.out)["settings"]}
    assert rows["llm_api_key"]["value"] == "********"
    assert rows["llm_api_key"]["source"] == "environment (FOLLOWUP_LLM_API_KEY)"
    assert rows["llm_url"]["value"] == "https://llm.example.org/v1"
