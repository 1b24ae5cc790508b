"""`followup due` says what to do next about each step: draft it, send it, or it is queued."""

from __future__ import annotations

from conftest import CLI
from draft_support import EVENING, ok

#: Scheduling needs an SMTP server named, not reached: nothing is sent here.
SMTP = {**EVENING, "FOLLOWUP_SMTP_HOST": "127.0.0.1", "FOLLOWUP_SMTP_SECURITY": "none"}


def _block(out: str, step: str) -> list[str]:
    """The lines `due` prints for one step (its line, reason and hints)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"- {step}"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
    return lines[start:end]


def test_due_moves_from_draft_it_to_send_it_to_in_the_outbox(cli: CLI, panel: None) -> None:
    before = ok(cli("due", "--week", env=EVENING)).out
    assert "  Draft it: followup draft 1 --kind panel-note --to 'Dana Rivera'" in _block(
        before, "panel-note to Dana Rivera"
    )

    ok(cli("draft", "1", "--kind", "thank-you", "--to", "Dana", env=EVENING))
    drafted = _block(ok(cli("due", "--week", env=EVENING)).out, "panel-note to Dana Rivera")
    assert "  Send it: followup send 1 --kind panel-note --to 'Dana Rivera'" in drafted
    assert not any("Draft it" in line for line in drafted)

    ok(cli("send", "1", "--kind", "panel-note", "--to", "Dana", env=SMTP))
    queued = _block(ok(cli("due", "--week", env=EVENING)).out, "panel-note to Dana Rivera")
    assert "  In the outbox: followup outbox" in queued
    # Kenji's note was never drafted: still "Draft it".
    kenji = _block(ok(cli("due", "--week", env=EVENING)).out, "panel-note to Kenji Sato")
    assert "  Draft it: followup draft 1 --kind panel-note --to 'Kenji Sato'" in kenji
