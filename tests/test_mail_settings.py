"""The mail servers' settings: what each refuses, what `followup send` and `sync` need."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CLI
from draft_support import EVENING, ok
from followup.adapters.mail.server import ServerSettings
from followup.errors import ConfigError
from followup.services.context import AppContext
from followup.services.mail_config import MAX_ACCOUNT, account, need
from followup.settings import Settings


def context(tmp_path: Path, **env: str) -> AppContext:
    base = {"FOLLOWUP_CONFIG": str(tmp_path / "none.toml"), "FOLLOWUP_DATA_DIR": str(tmp_path)}
    return AppContext(Settings(env={**base, **env}))


def test_a_server_is_used_only_when_its_host_is_set(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SMTP is not set up") as caught:
        need(context(tmp_path), "smtp")
    assert "FOLLOWUP_SMTP_HOST" in str(caught.value)
    found = need(context(tmp_path, FOLLOWUP_SMTP_HOST="smtp.example.com"), "smtp")
    assert (found.host, found.port, found.security, found.user) == (
        "smtp.example.com", 587, "starttls", None,
    )  # fmt: skip
    tls = need(context(tmp_path, FOLLOWUP_SMTP_HOST="h", FOLLOWUP_SMTP_SECURITY="tls"), "smtp")
    assert tls.port == 465


def test_imap_needs_a_user_and_a_user_needs_a_password(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="imap_user is not set"):
        need(context(tmp_path, FOLLOWUP_IMAP_HOST="imap.example.com"), "imap")
    with pytest.raises(ConfigError, match="no smtp_password") as caught:
        need(context(tmp_path, FOLLOWUP_SMTP_HOST="h", FOLLOWUP_SMTP_USER="sam"), "smtp")
    assert "keyring set followup smtp_password" in str(caught.value)
    # It says where it looked, so a person knows what is missing.
    assert "was found in FOLLOWUP_SMTP_PASSWORD or the keyring" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("FOLLOWUP_SMTP_HOST", "smtp://mail.example.com", "is not a host name"),
        ("FOLLOWUP_SMTP_SECURITY", "ssl", "not a way to protect the connection"),
        ("FOLLOWUP_SMTP_PORT", "70000", "not between 1 and 65535"),
        ("FOLLOWUP_IMAP_USER", "sam\r\nA1 LOGOUT", "line break or a control character"),
        ("FOLLOWUP_SMTP_SAVES_SENT", "maybe", "neither true nor false"),
    ],
)
def test_a_bad_value_is_a_config_error_naming_the_setting(
    tmp_path: Path, name: str, value: str, fragment: str
) -> None:
    setting = name.removeprefix("FOLLOWUP_").lower()
    with pytest.raises(ConfigError, match=fragment) as caught:
        context(tmp_path, **{name: value}).settings[setting]
    assert f"setting {setting}" in str(caught.value)


def test_the_account_name_never_holds_the_password_and_always_fits(tmp_path: Path) -> None:
    short = ServerSettings("imap.example.com", 993, "tls", "sam@example.com", "hunter2")
    assert account(short) == "sam@example.com@imap.example.com:993"
    assert "hunter2" not in repr(short)
    long = ServerSettings("imap.example.com", 993, "tls", "x" * 600, "pw")
    assert len(account(long)) <= MAX_ACCOUNT
    assert account(long) == account(ServerSettings("imap.example.com", 993, "tls", "x" * 600))
    assert account(long) != account(ServerSettings("imap.example.com", 993, "tls", "y" * 600))


def test_a_first_name_typed_without_its_accent_finds_the_person(cli: CLI) -> None:
    # draft, send and done all take --to as people type it: no accent on the keyboard.
    ok(cli("init", "--name", "Sam Lee", "--email", "sam@example.com"))
    zoe = "Zoë Ní Bhriain <zoe@acme.com>"
    ok(cli("add", "-c", "Acme", "-r", "Data Analyst", "-s", "2026-11-20T16:15", "--end", "17:00",
           "-i", zoe, "-i", "Kenji Sato", "-t", "the churn dashboard", env=EVENING))  # fmt: skip
    drafted = ok(cli("draft", "1", "--kind", "thank-you", "--to", "zoe", env=EVENING)).out
    assert "thank-you to Zoë Ní Bhriain" in drafted and "Kenji" not in drafted.split("\n")[0]
    smtp = {**EVENING, "FOLLOWUP_SMTP_HOST": "127.0.0.1", "FOLLOWUP_SMTP_SECURITY": "none"}
    sent = ok(cli("send", "1", "--to", "zoe", env=smtp)).out
    assert "to Zoë Ní Bhriain <zoe@acme.com>" in sent
    later = {"FOLLOWUP_NOW": "2026-11-24T15:00:00+00:00"}
    done = ok(cli("done", "1", "linkedin", "--to", "zoe ni bhriain", env=later)).out
    assert "Zoë Ní Bhriain" in done
