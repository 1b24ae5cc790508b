"""What the delivery commands say, and exit with: defects found in review, each pinned here.

The real entry point, a real aiosmtpd on loopback (tests/smtp_server.py), and the record
of tests/test_outbox_cli.py (Zoë's panel at Acme on Friday 20 Nov 2026 with Dana Rivera
and Kenji Sato, both notes drafted that evening, 18:00 in New York), built once for this
module and copied for each test.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import icalendar

import test_outbox_cli
from conftest import CLI, Result, refused
from smtp_server import SmtpServer, server_fixture
from test_outbox_cli import EVENING, SUNDAY, ok, outbox, smtp, write

texts = server_fixture("texts", refuse={"gone@acme.com": 550})

# Zoë's record with both panel notes drafted, as tests/test_outbox_cli.py builds it.
template = test_outbox_cli.template
drafted = test_outbox_cli.drafted

#: That evening, written on New York's clock: a "now" with an offset that is not UTC.
EVENING_HERE = {"FOLLOWUP_NOW": "2026-11-20T18:00:00-05:00"}


# outbox: one action at a time ---------------------------------------------------------------


def test_two_actions_at_once_name_one_the_user_gave(
    cli: CLI, drafted: dict[str, str], texts: SmtpServer
) -> None:
    env = {**EVENING, **smtp(texts)}
    ok(cli("send", "1", "--to", "Dana", "--at", "2026-11-21T10:30", env=env))
    before = outbox(drafted)
    result = cli("outbox", "--cancel", "1", "--retry", "1", env=env)
    assert result.code == 2, result
    assert result.out == ""
    assert "Invalid value for --retry: give only one of --send, --cancel and --retry." in (
        result.err
    )
    assert "for --send" not in result.err  # the user did not give --send
    assert outbox(drafted) == before
    both = cli("outbox", "--send", "--cancel", "1", env=env)
    assert both.code == 2 and "Invalid value for --cancel:" in both.err, both
    assert outbox(drafted) == before and texts.received == []


# JSON: every message time in UTC -------------------------------------------------------------


def _times(messages: list[dict[str, Any]]) -> list[str]:
    return [m[key] for m in messages for key in ("send_at", "sent_at") if m[key] is not None]


def _all_utc(times: list[str]) -> None:
    assert times
    for text in times:
        assert text.endswith("+00:00"), times
        assert datetime.fromisoformat(text).utcoffset() is not None


def test_send_gives_its_times_in_utc_as_the_outbox_does(
    cli: CLI, drafted: dict[str, str], texts: SmtpServer
) -> None:
    env = {**EVENING, **smtp(texts)}
    # --at reads 10:30 on Zoë's clock (New York): 15:30 in UTC.
    made = json.loads(ok(cli("send", "1", "--to", "Dana", "--at", "2026-11-21T10:30",
                             "--format", "json", env=env)).out)  # fmt: skip
    assert [m["send_at"] for m in made["scheduled"]] == ["2026-11-21T15:30:00+00:00"]
    listed = json.loads(ok(cli("outbox", "--format", "json", env=env)).out)
    assert [m["send_at"] for m in listed] == ["2026-11-21T15:30:00+00:00"]


def test_sending_gives_its_times_in_utc_whatever_the_offset_of_now(
    cli: CLI, drafted: dict[str, str], texts: SmtpServer
) -> None:
    texts.clear()
    env = {**EVENING_HERE, **smtp(texts)}
    now = json.loads(ok(cli("send", "1", "--to", "Kenji", "--now", "--format", "json",
                            env=env)).out)  # fmt: skip
    _all_utc(_times(now["scheduled"]) + _times(now["report"]["sent"]))
    assert now["report"]["sent"][0]["sent_at"] == "2026-11-20T23:00:00+00:00"
    ok(cli("send", "1", "--to", "Dana", env=env))
    sent = json.loads(ok(cli("outbox", "--send", "--format", "json", env=env)).out)
    _all_utc(_times(sent["sent"]))
    assert [m["sent_at"] for m in sent["sent"]] == ["2026-11-20T23:00:00+00:00"]
    assert len(texts.received) == 2


# send: "them" for more than one -------------------------------------------------------------


def test_two_messages_queued_are_them(cli: CLI, drafted: dict[str, str], texts: SmtpServer) -> None:
    # Both notes are due at once that evening.
    out = ok(cli("send", "1", env={**EVENING, **smtp(texts)})).out
    assert out.endswith(
        "`followup outbox --send` sends them now (or a running `followup watch`).\n"
    ), out
    assert "sends it" not in out


def test_two_messages_waiting_are_them_and_one_is_it(
    cli: CLI, drafted: dict[str, str], texts: SmtpServer
) -> None:
    # On Sunday both wait for Monday's office hours.
    out = ok(cli("send", "1", env={**SUNDAY, **smtp(texts)})).out
    assert out.endswith(
        "`followup watch` sends them at their times; or run `followup outbox --send` once "
        "they are due. `followup outbox` shows what waits.\n"
    ), out
    ok(cli("outbox", "--cancel", "2", env=SUNDAY))
    one = ok(cli("send", "1", "--to", "Kenji", env={**SUNDAY, **smtp(texts)})).out
    assert "`followup watch` sends it at that time; or run `followup outbox --send` once it " \
        "is due." in one  # fmt: skip


# calendar export: --alarm or --no-alarm ----------------------------------------------------


def test_alarm_and_no_alarm_together_are_refused(
    cli: CLI, drafted: dict[str, str], tmp_path: Any
) -> None:
    target = tmp_path / "followups.ics"
    target.write_bytes(b"the old calendar")
    for args in (("--alarm", "10", "--no-alarm"), ("--no-alarm", "--alarm", "0")):
        result = cli("calendar", "export", str(target), *args, env=EVENING)
        refused(result, "--no-alarm: cannot go with --alarm", "or --no-alarm for none")
        assert target.read_bytes() == b"the old calendar"
    # Each alone still works.
    ok(cli("calendar", "export", str(target), "--no-alarm", env=EVENING))
    assert b"BEGIN:VALARM" not in target.read_bytes()
    ok(cli("calendar", "export", str(target), "--alarm", "10", env=EVENING))
    assert b"BEGIN:VALARM" in target.read_bytes()


# calendar export: a scheduled step is in the outbox ------------------------------------------


def _descriptions(result: Result) -> dict[str, str]:
    calendar = icalendar.Calendar.from_ical(result.out)
    return {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT")}


def test_a_scheduled_step_says_it_is_in_the_outbox_not_to_draft_it(
    cli: CLI, drafted: dict[str, str], texts: SmtpServer
) -> None:
    env = {**EVENING, **smtp(texts)}
    ok(cli("send", "1", "--to", "Dana", "--at", "2026-11-21T10:30", env=env))
    described = _descriptions(ok(cli("calendar", "export", "-", env=EVENING)))
    dana = described["Panel note to Dana Rivera — Acme (Data Analyst)"]
    assert "Draft it:" not in dana
    assert "In the outbox: #1 goes out Sat 21 Nov 2026 10:30 EST; `followup outbox` shows " \
        "it." in dana  # fmt: skip
    assert "Done? followup done 1 panel-note --to 'Dana Rivera'" in dana
    # Kenji's note is drafted, not queued: drafting it is still what the entry says.
    kenji = described["Panel note to Kenji Sato — Acme (Data Analyst)"]
    assert "Draft it: followup draft 1 --kind panel-note --to 'Kenji Sato'" in kenji
    # Exported after its time, the entry says it was due and what sends it.
    late = _descriptions(
        ok(cli("calendar", "export", "-", env={"FOLLOWUP_NOW": "2026-11-21T16:00:00+00:00"}))
    )["Panel note to Dana Rivera — Acme (Data Analyst)"]
    assert "In the outbox: #1 was due Sat 21 Nov 2026 10:30 EST" in late
    assert "`followup outbox --send` sends what is due" in late
    assert "Draft it:" not in late


# watch --once: a failed round exits 5, as outbox --send does -------------------------------


def test_watch_once_exits_5_when_the_server_cannot_be_reached(
    cli: CLI, drafted: dict[str, str], texts: SmtpServer
) -> None:
    ok(cli("send", "1", "--to", "Dana", env={**EVENING, **smtp(texts)}))
    down = smtp()  # a loopback port nothing listens on
    result = cli("watch", "--once", env={**EVENING, **down})
    assert result.code == 5, result
    assert "SMTP (connect)" in result.err
    assert outbox(drafted)[0][1] == "scheduled"  # kept for the next round
    # outbox --send says the same with the same status.
    assert cli("outbox", "--send", env={**EVENING, **down}).code == 5


def test_watch_once_exits_5_when_a_message_is_refused_and_0_once_all_went(
    cli: CLI, drafted: dict[str, str], texts: SmtpServer
) -> None:
    texts.clear()
    write(drafted, "UPDATE contacts SET email = 'gone@acme.com' WHERE name = 'Dana Rivera'")
    env = {**EVENING, **smtp(texts)}
    ok(cli("send", "1", env=env))
    result = cli("watch", "--once", env=env)
    assert result.code == 5, result
    assert "#1 to Dana Rivera <gone@acme.com> failed:" in result.err
    assert "sent #2 to Kenji Sato <kenji@acme.com>." in result.out
    # The next round has nothing to send: all is well again.
    assert ok(cli("watch", "--once", env=env)).out.endswith("nothing to send and no new reply.\n")
