"""The docs match the code: every command and every setting is documented."""

from __future__ import annotations

from pathlib import Path

import typer

from followup.cli.main import app
from followup.settings import SETTINGS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _commands(group: typer.Typer, prefix: str = "") -> list[str]:
    names = [f"{prefix}{c.name}" for c in group.registered_commands if c.name]
    for sub in group.registered_groups:
        assert sub.name is not None and sub.typer_instance is not None
        names += _commands(sub.typer_instance, f"{prefix}{sub.name} ")
    return names


def test_every_command_is_in_the_cli_reference() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = _commands(app)
    assert len(commands) >= 12
    missing = [c for c in commands if f"`followup {c}" not in text]
    assert missing == []


def test_every_setting_is_in_the_configuration_reference() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text or f"`{s.env}`" not in text]
    assert missing == []
