"""`followup init`, `add`, `edit`, `reflect`, `outcome` through the real entry point."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from test_invite import GOOGLE

NEXT = "Next: send a thank-you to each interviewer within 24 hours (seed 001)."


@pytest.fixture
def profile(cli) -> None:
    result = cli("init", "--name", "Alex Candidate", "--email", "alex@example.org")
    assert result.code == 0, result


def add(cli, *args: str) -> dict[str, Any]:
    """Run `add ... --format json` and return the stored record it prints."""
    result = cli("add", *args, "--format", "json")
    assert result.code == 0, result
    return json.loads(result.out)


def show(cli, application_id: int) -> dict[str, Any]:
    result = cli("show", str(application_id), "--format", "json")
    assert result.code == 0, result
    return json.loads(result.out)


# init ---------------------------------------------------------------------------------------


def test_init_creates_then_updates_the_profile(cli) -> None:
    created = cli(
        "init",
        "--name",
        "Alex Candidate",
        "--email",
        "Alex@Example.org",
        "--phone",
        "+1 555 010 7788",
        "--linkedin",
        "linkedin.com/in/alexc",
        "--country",
        "us",
    )
    assert created.code == 0, created
    assert created.out == (
        "Created your profile: Alex Candidate <Alex@example.org>, America/New_York.\n"
        "Next: record an interview with `followup add`.\n"
    )
    updated = cli("init", "--timezone", "Europe/Paris", "--signature", "Alex", "-f", "json")
    assert updated.code == 0, updated
    data = json.loads(updated.out)
    assert data["created"] is False
    assert data["profile"] == {
        "name": "Alex Candidate",
        "email": "Alex@example.org",
        "signature": "Alex",
        "phone": "+1 555 010 7788",
        "linkedin": "https://linkedin.com/in/alexc",
        "timezone": "Europe/Paris",
        "country": "US",
        "id": 1,
    }


def test_init_without_a_name_off_a_terminal_names_the_flag(cli) -> None:
    result = cli("init", "--email", "alex@example.org")
    assert result.code == 2
    assert result.err.startswith("followup: --name: is required")
    assert result.out == ""


def test_add_before_init_says_to_run_init(cli) -> None:
    result = cli("add", "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00")
    assert result.code == 2
    assert "followup init" in result.err


# add ----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("profile")
def test_add_with_flags_prints_the_id_and_the_next_step(cli) -> None:
    result = cli(
        "add",
        "--company",
        "Acme Analytics",
        "--role",
        "Data Analyst",
        "--round",
        "second",
        "--mode",
        "panel",
        "--start",
        "2026-11-20T14:00",
        "--end",
        "15:15",
        "--interviewer",
        "Dana Rivera <dana@acme.com>, Analytics Manager",
        "--interviewer",
        "Sam Okafor, Data Engineer",
        "--topic",
        "Dana: churn dashboard",
        "--topic",
        "sam okafor: dbt models",
        "--topic",
        "Q3 roadmap: self-serve analytics",
        "--standout",
        "Dana liked the cohort analysis",
        "--asked",
        "How would you size an A/B test?",
        "--concern",
        "Vague on power analysis => 80% power, MDE from the baseline",
        "--concern",
        "Too long on the intro",
        "--forgot",
        "the Tableau certificate",
        "--ask",
        "How is the team split?",
        "--decision",
        "2026-12-01",
        "--decision-note",
        "HR said early December",
        "--location",
        "https://meet.google.com/abc",
        "--notes",
        "Second of three rounds.\nBring the case study.",
        "--industry",
        "tech",
        "--culture",
        "casual",
        "--company-timezone",
        "America/Chicago",
        "--company-country",
        "us",
        "--channel",
        "email",
        "--posting-url",
        "https://acme.example/jobs/42",
    )
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert (
        lines[0]
        == "Recorded interview #1 (application 1: Acme Analytics — Data Analyst, interviewing)."
    )
    assert lines[1] == "  second round, panel, Fri 20 Nov 2026 14:00–15:15 America/New_York"
    assert NEXT in lines
    assert lines[-1] == "Reflect first, while it is fresh: followup reflect 1"

    stored = show(cli, 1)
    app = stored["application"]
    assert (app["company"], app["role"], app["status"]) == (
        "Acme Analytics",
        "Data Analyst",
        "interviewing",
    )
    assert (app["industry"], app["culture"], app["company_timezone"]) == (
        "tech",
        "casual",
        "America/Chicago",
    )
    assert (app["company_country"], app["preferred_channel"]) == ("US", "email")
    assert app["posting_url"] == "https://acme.example/jobs/42"
    (iv,) = stored["interviews"]
    assert (iv["round"], iv["format"]) == ("second", "panel")
    assert iv["start"] == "2026-11-20T14:00:00-05:00"
    assert iv["end"] == "2026-11-20T15:15:00-05:00"
    people = [(p["name"], p["email"], p["title"], p["topics"]) for p in iv["interviewers"]]
    assert people == [
        ("Dana Rivera", "dana@acme.com", "Analytics Manager", ["churn dashboard"]),
        ("Sam Okafor", None, "Data Engineer", ["dbt models"]),
    ]
    assert iv["topics"] == ["Q3 roadmap: self-serve analytics"]  # not a person: a general topic
    assert iv["standouts"] == ["Dana liked the cohort analysis"]
    assert iv["questions_asked"] == ["How would you size an A/B test?"]
    assert iv["concerns"] == [
        {"text": "Vague on power analysis", "better_answer": "80% power, MDE from the baseline"},
        {"text": "Too long on the intro", "better_answer": None},
    ]
    assert iv["forgotten"] == ["the Tableau certificate"]
    assert iv["questions_to_ask"] == ["How is the team split?"]
    assert (iv["decision_date"], iv["decision_note"]) == ("2026-12-01", "HR said early December")
    assert iv["location"] == "https://meet.google.com/abc"
    assert iv["notes"] == "Second of three rounds.\nBring the case study."


@pytest.mark.usefixtures("profile")
def test_add_with_natural_dates(cli) -> None:
    # FOLLOWUP_NOW is Sunday 22 Nov 2026 10:00 in New York.
    record = add(
        cli, "-c", "Globex", "-r", "Analyst", "-s", "yesterday 3pm", "--end", "4pm",
        "--decision", "next friday",
    )  # fmt: skip
    iv = record["interview"]
    assert (iv["start"], iv["end"]) == ("2026-11-21T15:00:00-05:00", "2026-11-21T16:00:00-05:00")
    assert iv["decision_date"] == "2026-11-27"
    second = add(cli, "-c", "globex", "-r", "ANALYST", "-s", "Tue 10:00", "--minutes", "30")
    iv2 = second["interview"]
    assert (iv2["start"], iv2["end"]) == ("2026-11-17T10:00:00-05:00", "2026-11-17T10:30:00-05:00")
    # Same company and role (any case): the same application.
    assert second["application"]["id"] == record["application"]["id"]
    assert second["created_application"] is False


@pytest.mark.usefixtures("profile")
def test_add_times_in_another_zone_and_default_length(cli) -> None:
    record = add(
        cli, "-c", "Initech", "-r", "BI", "-s", "2026-11-20 09:00", "--timezone", "Europe/Paris"
    )
    iv = record["interview"]
    assert iv["timezone"] == "Europe/Paris"
    assert (iv["start"], iv["end"]) == ("2026-11-20T09:00:00+01:00", "2026-11-20T09:45:00+01:00")


@pytest.mark.usefixtures("profile")
def test_rounds_follow_on_and_a_duplicate_is_refused(cli) -> None:
    first = add(cli, "-c", "Acme", "-r", "Analyst", "-s", "2026-11-10T10:00")
    assert first["interview"]["round"] == "first"
    second = add(cli, "-c", "Acme", "-r", "Analyst", "-s", "2026-11-17T10:00")
    assert second["interview"]["round"] == "second"
    again = cli("add", "-c", "Acme", "-r", "Analyst", "-s", "2026-11-17T10:00")
    assert again.code == 2
    assert again.err.startswith("followup: --start: interview 2 of this application already starts")
    assert "followup edit 2" in again.err


@pytest.mark.usefixtures("profile")
def test_add_from_an_invitation(cli, tmp_path: Path) -> None:
    invite = tmp_path / "invite.ics"
    invite.write_text(GOOGLE, encoding="utf-8")
    result = cli("add", "--from-ics", str(invite), "--role", "Data Analyst", "-t", "Dana: churn")
    assert result.code == 0, result
    assert "Recorded interview #1 (application 1: Northwind Analytics — Data Analyst" in result.out
    assert "company 'Northwind Analytics' comes from the invitation's organizer" in result.out
    assert NEXT in result.out
    stored = show(cli, 1)
    assert stored["application"]["company_timezone"] == "America/New_York"
    (iv,) = stored["interviews"]
    assert (iv["start"], iv["end"]) == ("2026-11-20T14:00:00-05:00", "2026-11-20T15:00:00-05:00")
    assert iv["format"] == "video"
    assert iv["location"] == "https://meet.google.com/abc-defg-hij"
    people = [(p["name"], p["email"], p["topics"]) for p in iv["interviewers"]]
    assert people == [
        ("Dana Rivera", "dana.rivera@northwind-analytics.com", ["churn"]),
        ("Sam Okafor", "sam.okafor@northwind-analytics.com", []),
    ]  # not the user (alex@example.org), not the meeting room


@pytest.mark.usefixtures("profile")
def test_flags_override_the_invitation(cli, tmp_path: Path) -> None:
    invite = tmp_path / "invite.ics"
    invite.write_text(GOOGLE, encoding="utf-8")
    record = add(
        cli, "--from-ics", str(invite), "-c", "Northwind", "-r", "Analyst",
        "-s", "2026-11-20T16:00", "--mode", "onsite", "-i", "Dana Rivera",
    )  # fmt: skip
    iv = record["interview"]
    assert record["application"]["company"] == "Northwind"
    assert (iv["start"], iv["end"]) == ("2026-11-20T16:00:00-05:00", "2026-11-20T17:00:00-05:00")
    assert iv["format"] == "onsite"
    # the invitation only completes the typed interviewer's email
    assert [(p["name"], p["email"]) for p in iv["interviewers"]] == [
        ("Dana Rivera", "dana.rivera@northwind-analytics.com")
    ]


@pytest.mark.usefixtures("profile")
@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("-r", "Analyst", "-s", "2026-11-20T14:00"), "--company"),
        (("-c", "Acme", "-s", "2026-11-20T14:00"), "--role"),
        (("-c", "Acme", "-r", "Analyst"), "--start"),
    ],
)
def test_add_off_a_terminal_names_the_missing_flag(cli, args: tuple[str, ...], flag: str) -> None:
    result = cli("add", *args)
    assert result.code == 2
    assert result.err.startswith(f"followup: {flag}: is required.")
    assert result.out == ""


@pytest.mark.usefixtures("profile")
def test_notes_from_stdin(cli) -> None:
    record_args = ("-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00", "--notes", "-")
    result = cli("add", *record_args, "-f", "json", input="line one\nline two\n")
    assert result.code == 0, result
    assert json.loads(result.out)["interview"]["notes"] == "line one\nline two"


@pytest.mark.usefixtures("profile")
def test_add_with_iso_dates_never_imports_dateparser_nor_icalendar(cli) -> None:
    result = cli(
        "add", "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00", "--end", "15:00",
        env={"PYTHONPROFILEIMPORTTIME": "1"},
    )  # fmt: skip
    assert result.code == 0, result
    assert "import time:" in result.err  # the profile really ran
    assert "dateparser" not in result.err
    assert "icalendar" not in result.err


# edit ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("profile")
def test_edit_changes_only_what_is_given(cli) -> None:
    add(
        cli, "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00", "--end", "15:00",
        "-i", "Dana Rivera <dana@acme.com>", "-i", "Sam Okafor", "-t", "Dana: churn",
        "--standout", "the cohort chart", "--decision", "2026-12-01",
    )  # fmt: skip
    result = cli(
        "edit", "1", "--role", "Senior Analyst", "--start", "2026-11-20T13:00",
        "-i", "Dana Rivera <dana@acme.com>, Director", "--forgot", "Tableau", "-f", "json",
    )  # fmt: skip
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["application"]["role"] == "Senior Analyst"
    iv = data["interview"]
    # the length is kept when only the start moves
    assert (iv["start"], iv["end"]) == ("2026-11-20T13:00:00-05:00", "2026-11-20T14:00:00-05:00")
    # the list replaces the old one; Dana is the same contact, keeps her topics, gains a title
    (dana,) = iv["interviewers"]
    assert (dana["id"], dana["title"], dana["topics"]) == (1, "Director", ["churn"])
    assert iv["standouts"] == ["the cohort chart"]
    assert iv["forgotten"] == ["Tableau"]
    assert iv["decision_date"] == "2026-12-01"

    cleared = cli("edit", "1", "--standout", "", "--decision", "", "-f", "json")
    assert cleared.code == 0, cleared
    iv = json.loads(cleared.out)["interview"]
    assert (iv["standouts"], iv["decision_date"]) == ([], None)


@pytest.mark.usefixtures("profile")
def test_edit_the_zone_alone_keeps_the_wall_clock(cli) -> None:
    add(cli, "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00", "--minutes", "60")
    result = cli("edit", "1", "--timezone", "Europe/London")
    assert result.code == 0, result
    assert "Fri 20 Nov 2026 14:00–15:00 Europe/London" in result.out
    iv = show(cli, 1)["interviews"][0]
    assert iv["start"] == "2026-11-20T14:00:00+00:00"


@pytest.mark.usefixtures("profile")
def test_edit_to_another_applications_company_and_role_moves_the_interview(cli) -> None:
    add(cli, "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00")
    add(cli, "-c", "Acme Corp", "-r", "Analyst", "-s", "2026-11-21T14:00")
    result = cli("edit", "1", "--company", "acme corp")
    assert result.code == 0, result
    assert result.out.splitlines()[0] == (
        "Updated interview #1 (application 2: Acme Corp — Analyst, interviewing)."
    )
    assert (
        "Note: Moved interview 1 from application 1 (Acme — Analyst) to application 2 "
        "(Acme Corp — Analyst).\nNote: Application 1 has no interview left.\n"
    ) in result.out
    assert len(show(cli, 2)["interviews"]) == 2
    assert show(cli, 1)["interviews"] == []


@pytest.mark.usefixtures("profile")
def test_edit_role_moves_one_interview_of_several_to_a_new_application(cli) -> None:
    add(cli, "-c", "Initech", "-r", "Analyst", "-s", "2026-11-10T14:00", "--industry", "fintech")
    add(cli, "-c", "Initech", "-r", "Analyst", "-s", "2026-11-17T14:00")
    result = cli("edit", "2", "--role", "Senior Analyst")
    assert result.code == 0, result
    assert result.out.splitlines()[0] == (
        "Updated interview #2 (application 2: Initech — Senior Analyst, interviewing)."
    )
    assert (
        "Note: Moved interview 2 to a new application 2; application 1 (Initech — Analyst) "
        "keeps its other interviews. To rename application 1 for all its interviews instead, "
        "use --rename-application."
    ) in result.out
    old, new = show(cli, 1), show(cli, 2)
    assert (old["application"]["role"], [i["id"] for i in old["interviews"]]) == ("Analyst", [1])
    assert (new["application"]["role"], [i["id"] for i in new["interviews"]]) == (
        "Senior Analyst",
        [2],
    )
    assert new["application"]["industry"] == "fintech"  # same company: what is known of it
    # the JSON says an application was created
    again = cli("edit", "1", "--company", "Initrode", "-f", "json")
    assert again.code == 0, again
    assert json.loads(again.out)["created_application"] is False  # its only interview: renamed


@pytest.mark.usefixtures("profile")
def test_rename_application_renames_it_for_all_its_interviews(cli) -> None:
    add(cli, "-c", "Initech", "-r", "Analyst", "-s", "2026-11-10T14:00")
    add(cli, "-c", "Initech", "-r", "Analyst", "-s", "2026-11-17T14:00")
    result = cli("edit", "2", "--role", "Senior Analyst", "--rename-application")
    assert result.code == 0, result
    assert "Note: Application 1 renamed from Initech — Analyst to Initech — Senior Analyst." in (
        result.out
    )
    renamed = show(cli, 1)
    assert renamed["application"]["role"] == "Senior Analyst"
    assert [i["id"] for i in renamed["interviews"]] == [1, 2]
    taken = cli("add", "-c", "Initech", "-r", "Manager", "-s", "2026-11-18T14:00")
    assert taken.code == 0, taken
    refused = cli("edit", "1", "--role", "manager", "--rename-application")
    assert refused.code == 2, refused
    assert refused.err.startswith(
        "followup: --rename-application: application 2 is already Initech — Manager."
    )


@pytest.mark.usefixtures("profile")
def test_edit_of_a_single_interview_renames_its_application(cli) -> None:
    add(cli, "-c", "Initech", "-r", "Analyst", "-s", "2026-11-10T14:00")
    result = cli("edit", "1", "--role", "BI Analyst")
    assert result.code == 0, result
    assert "Note: Application 1 renamed from Initech — Analyst to Initech — BI Analyst." in (
        result.out
    )
    assert show(cli, 1)["application"]["role"] == "BI Analyst"


@pytest.mark.usefixtures("profile")
def test_edit_topic_keeps_the_interviewers_own_topics(cli) -> None:
    add(
        cli, "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00",
        "-i", "Dana Rivera", "-i", "Sam Okafor",
        "-t", "Dana: churn", "-t", "Sam: dbt", "-t", "roadmap",
    )  # fmt: skip

    def topics() -> tuple[list[str], dict[str, list[str]]]:
        iv = show(cli, 1)["interviews"][0]
        return iv["topics"], {p["name"]: p["topics"] for p in iv["interviewers"]}

    assert cli("edit", "1", "--topic", "hiring plan").code == 0
    assert topics() == (["hiring plan"], {"Dana Rivera": ["churn"], "Sam Okafor": ["dbt"]})
    assert cli("edit", "1", "-t", "Dana: cohorts", "-t", "Dana: SQL", "-t", "budget").code == 0
    assert topics() == (["budget"], {"Dana Rivera": ["cohorts", "SQL"], "Sam Okafor": ["dbt"]})
    assert cli("edit", "1", "-t", "Sam:").code == 0  # clears Sam's, and the general ones
    assert topics() == ([], {"Dana Rivera": ["cohorts", "SQL"], "Sam Okafor": []})


@pytest.mark.usefixtures("profile")
def test_edit_with_nothing_to_change(cli) -> None:
    add(cli, "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00")
    result = cli("edit", "1")
    assert result.code == 2
    assert (
        result.err == "followup: edit: nothing to change. Give the flags to change, e.g. --role.\n"
    )


# reflect and outcome ----------------------------------------------------------------------------


@pytest.mark.usefixtures("profile")
def test_reflect(cli) -> None:
    add(cli, "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00")
    empty = cli("reflect", "1")
    assert empty.code == 0, empty
    assert "What went well?\n  (not answered yet)" in empty.out
    assert "What could have gone better?" in empty.out
    assert "What did you forget to mention?" in empty.out
    assert empty.out.startswith(
        "Interview 1: Acme — Analyst, first round, Fri 20 Nov 2026 14:00 America/New_York.\n"
    )
    saved = cli("reflect", "1", "--went-well", "SQL round", "--improve", "stats answers")
    assert saved.code == 0, saved
    assert saved.out.startswith(
        "Saved the reflection on interview #1 "
        "(Acme — Analyst, first round, Fri 20 Nov 2026 14:00 America/New_York).\n"
    )
    more = cli("reflect", "1", "--forgot", "Tableau", "-f", "json")
    assert more.code == 0, more
    reflection = json.loads(more.out)["reflection"]
    assert reflection["went_well"] == "SQL round"  # kept: not given this time
    assert reflection["to_improve"] == "stats answers"
    assert reflection["forgotten"] == "Tableau"
    assert show(cli, 1)["interviews"][0]["reflection"]["forgotten"] == "Tableau"


@pytest.mark.usefixtures("profile")
def test_outcome_and_reopen(cli) -> None:
    add(cli, "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00")
    rejected = cli("outcome", "1", "rejected")
    assert rejected.code == 0, rejected
    assert rejected.out.splitlines()[0] == "Application 1 (Acme — Analyst): rejected."
    assert show(cli, 1)["application"]["status"] == "rejected"
    # a new interview does not silently reopen a closed application
    later = cli("add", "-c", "Acme", "-r", "Analyst", "-s", "2026-11-21T14:00")
    assert later.code == 0, later
    assert "stays rejected" in later.out and "followup outcome 1 reopen" in later.out
    reopened = cli("outcome", "1", "reopen", "-f", "json")
    assert reopened.code == 0, reopened
    assert json.loads(reopened.out)["application"]["status"] == "interviewing"
    offer = cli("outcome", "1", "OFFER")
    assert offer.code == 0 and "offer." in offer.out


# the interactive walk-through ---------------------------------------------------------------------


def _on_a_terminal(home: dict[str, str], args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as stdin, typing ``answers`` one line at a time."""
    from conftest import _entry_point

    main, terminal = pty.openpty()
    proc = subprocess.Popen(
        [*_entry_point(), *args],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=home,
    )
    os.close(terminal)
    for answer in answers:
        os.write(main, (answer + "\n").encode())
        time.sleep(0.02)
    out, _ = proc.communicate(timeout=60)
    os.close(main)
    return proc.returncode, out.decode()


@pytest.mark.usefixtures("profile")
def test_the_walk_through_asks_again_after_a_bad_answer(cli, home: dict[str, str]) -> None:
    answers = [
        "Globex",  # company
        "Analyst",  # role
        "",  # round: the next one
        "phone",  # format
        "blah",  # start: refused, asked again
        "yesterday 2pm",
        "3pm",  # end
        "Dana Rivera <dana@globex.com>",
        "Bob <bob@>",  # refused: asked again
        "",  # no more interviewers
        "Dana: pipelines",
        "",  # topics done
        "", "", "", "", "",  # standouts, asked, concerns, forgot, ask
        "in two weeks",  # decision
    ]  # fmt: skip
    code, out = _on_a_terminal(home, ["add"], answers)
    assert code == 0, out
    assert "--start: 'blah' is not a date or time." in out
    assert "= Sat 21 Nov 2026 14:00 America/New_York" in out
    assert "--interviewer: 'bob@' is not a valid email address" in out
    assert "Recorded interview #1" in out
    assert NEXT in out
    iv = show(cli, 1)["interviews"][0]
    assert (iv["start"], iv["end"], iv["format"]) == (
        "2026-11-21T14:00:00-05:00",
        "2026-11-21T15:00:00-05:00",
        "phone",
    )
    assert [(p["name"], p["topics"]) for p in iv["interviewers"]] == [
        ("Dana Rivera", ["pipelines"])
    ]
    assert iv["decision_date"] == "2026-12-06"


def test_init_on_a_terminal_asks_for_the_name(home: dict[str, str], cli) -> None:
    answers = ["", "Alex Candidate", "alex@example", "alex@example.org", "", "", "", "", ""]
    code, out = _on_a_terminal(home, ["init"], answers)
    assert code == 0, out
    assert "Your full name:" in out
    assert "--email: 'alex@example' is not a valid email address" in out
    assert "Created your profile: Alex Candidate <alex@example.org>, America/New_York." in out


@pytest.mark.usefixtures("profile")
def test_reflect_on_a_terminal_asks_seed_001s_questions(cli, home: dict[str, str]) -> None:
    add(cli, "-c", "Acme", "-r", "Analyst", "-s", "2026-11-20T14:00")
    assert cli("reflect", "1", "--went-well", "the SQL round").code == 0
    code, out = _on_a_terminal(home, ["reflect", "1"], ["", "stats answers", "Tableau", ""])
    assert code == 0, out
    for question in ("What went well?", "What could have gone better?", "What did you forget"):
        assert question in out
    assert "[the SQL round]" in out  # the saved answer is the default
    reflection = json.loads(cli("reflect", "1", "-f", "json").out)["reflection"]
    assert (reflection["went_well"], reflection["to_improve"], reflection["forgotten"]) == (
        "the SQL round",
        "stats answers",
        "Tableau",
    )
