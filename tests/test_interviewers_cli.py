"""The same person given twice as interviewer, on SQLite and PostgreSQL.

Repeats are merged into one interviewer, with a note (by email, case-insensitive; a bare
name into the entry with that name and an email, whose spelling is kept); entries that
conflict (one email, two names; one person, two titles) are refused with exit status 2
naming --interviewer, and nothing is written. The store also never puts one contact twice
on an interview.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CLI
from test_invite import GOOGLE

START = ("-c", "Globex", "-r", "Analyst", "-s", "2026-11-20T14:00")


@pytest.fixture
def url(cli: CLI, db_url: str) -> str:
    result = cli("--db", db_url, "init", "--name", "Alex Candidate", "--email", "alex@example.org")
    assert result.code == 0, result
    return db_url


def people(cli: CLI, url: str, application: int = 1) -> list[list[tuple]]:
    """(name, email, title, topics) of each interviewer, per interview of the application."""
    result = cli("--db", url, "show", str(application), "--format", "json")
    assert result.code == 0, result
    return [
        [(p["name"], p["email"], p["title"], p["topics"]) for p in iv["interviewers"]]
        for iv in json.loads(result.out)["interviews"]
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            ("Kim Ode", "Kim Ode <kim@globex.com>"),
            ("Kim Ode", "kim@globex.com", None, ["roadmap"]),
        ),
        (
            ("Ann <Ann@globex.com>, CTO", "ann <ann@globex.com>"),
            ("Ann", "Ann@globex.com", "CTO", ["roadmap"]),
        ),
        (
            ("kim ode, VP Data", "Kim Ode <kim@globex.com>", "KIM ODE"),
            ("Kim Ode", "kim@globex.com", "VP Data", ["roadmap"]),
        ),
    ],
)
def test_repeats_are_merged_with_a_note(
    cli: CLI, url: str, given: tuple[str, ...], expected: tuple
) -> None:
    flags = [arg for person in given for arg in ("-i", person)]
    result = cli("--db", url, "add", *START, *flags, "-t", f"{expected[0]}: roadmap")
    assert result.code == 0, result
    assert f"was given {len(given)} times as --interviewer" in result.out
    assert "recorded once." in result.out
    assert people(cli, url) == [[expected]]


def test_a_merge_through_the_invitation_email(cli: CLI, url: str, tmp_path: Path) -> None:
    invite = tmp_path / "invite.ics"
    invite.write_text(GOOGLE, encoding="utf-8")
    # The invitation gives "Dana Rivera" the address typed as the second entry.
    result = cli(
        "--db", url, "add", "--from-ics", str(invite), "-c", "Globex", "-r", "Analyst",
        "-i", "Dana Rivera", "-i", "dana.rivera@northwind-analytics.com",
    )  # fmt: skip
    assert result.code == 0, result
    assert "Dana Rivera was given 2 times as --interviewer" in result.out
    assert people(cli, url) == [[("Dana Rivera", "dana.rivera@northwind-analytics.com", None, [])]]


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        (
            ("Ann <Ann@globex.com>", "Ann B <ann@globex.com>"),
            "'Ann <Ann@globex.com>' and 'Ann B <ann@globex.com>' have the same email address "
            "but different names.",
        ),
        (("Kim Ode, CTO", "Kim Ode <kim@globex.com>, VP"), "given with different titles"),
        (
            ("Kim Ode [Asia/Tokyo]", "Kim Ode <kim@globex.com> [Europe/Paris]"),
            "Kim Ode is given with different time zones (Asia/Tokyo and Europe/Paris).",
        ),
        (
            ("Kim", "Kim <kim@globex.com>", "Kim <kim.o@globex.com>"),
            "'Kim' could be either of two people",
        ),
    ],
)
def test_conflicting_repeats_are_refused(
    cli: CLI, url: str, given: tuple[str, ...], problem: str
) -> None:
    flags = [arg for person in given for arg in ("-i", person)]
    result = cli("--db", url, "add", *START, *flags)
    assert result.code == 2, result
    assert result.err.startswith("followup: --interviewer: ")
    assert problem in result.err
    assert "Traceback" not in result.err
    listing = cli("--db", url, "list", "--format", "json")
    assert json.loads(listing.out)["applications"] == []


def test_two_entries_that_are_one_stored_contact(cli: CLI, url: str) -> None:
    # Known from a first interview: Kim Ode <kim@globex.com>.
    first = cli("--db", url, "add", *START, "-i", "Kim Ode <kim@globex.com>")
    assert first.code == 0, first
    # Now typed once by name, once by address with another spelling: both are that contact.
    second = cli(
        "--db", url, "add", "-c", "Globex", "-r", "Analyst", "-s", "2026-11-21T10:00",
        "-i", "Kim Ode", "-i", "K. Ode <KIM@globex.com>", "-t", "Kim Ode: SQL", "-t", "K.: dbt",
    )  # fmt: skip
    assert second.code == 0, second
    (kim,) = people(cli, url)[1]
    assert kim[1].lower() == "kim@globex.com"
    assert kim[3] == ["SQL", "dbt"]


def test_edit_merges_repeats_too(cli: CLI, url: str) -> None:
    assert cli("--db", url, "add", *START, "-i", "Kim Ode").code == 0
    result = cli("--db", url, "edit", "1", "-i", "kim ode", "-i", "Kim Ode <kim@globex.com>")
    assert result.code == 0, result
    assert "recorded once" in result.out
    assert people(cli, url) == [[("Kim Ode", "kim@globex.com", None, [])]]


# Time zones: "Name <email>, Title [Zone]" -------------------------------------------------------


def zones(cli: CLI, url: str, application: int = 1) -> list[list[tuple]]:
    """(name, title, timezone) of each interviewer, per interview of the application."""
    result = cli("--db", url, "show", str(application), "--format", "json")
    assert result.code == 0, result
    return [
        [(p["name"], p["title"], p["timezone"]) for p in iv["interviewers"]]
        for iv in json.loads(result.out)["interviews"]
    ]


def nothing_recorded(cli: CLI, url: str) -> bool:
    listing = cli("--db", url, "list", "--format", "json")
    assert listing.code == 0, listing
    return json.loads(listing.out)["applications"] == []


def test_a_zone_in_brackets_is_recorded_and_shown(cli: CLI, url: str) -> None:
    result = cli(
        "--db", url, "add", *START,
        "-i", "Kenji Sato <kenji@acme.jp>, Recruiter [Asia/Tokyo]",
        "-i", "Dana Rivera [Europe/Paris]",
        "-i", "Kim Ode, Engineer [Platform] team",
    )  # fmt: skip
    assert result.code == 0, result
    assert "Interviewer: Kenji Sato, Recruiter <kenji@acme.jp> [Asia/Tokyo]" in result.out
    assert zones(cli, url) == [
        [
            ("Kenji Sato", "Recruiter", "Asia/Tokyo"),
            ("Dana Rivera", None, "Europe/Paris"),
            # Brackets inside a title that hold no zone are part of the title.
            ("Kim Ode", "Engineer [Platform] team", None),
        ]
    ]
    shown = cli("--db", url, "show", "1")
    assert shown.code == 0, shown
    assert "Kenji Sato, Recruiter <kenji@acme.jp> [Asia/Tokyo]" in shown.out
    assert "Dana Rivera [Europe/Paris]" in shown.out


def test_edit_keeps_a_zone_not_typed_again_and_replaces_one_typed(cli: CLI, url: str) -> None:
    assert cli("--db", url, "add", *START, "-i", "Kenji Sato, Recruiter [Asia/Tokyo]").code == 0
    kept = cli("--db", url, "edit", "1", "-i", "Kenji Sato", "-i", "Dana [Europe/Paris]")
    assert kept.code == 0, kept
    assert zones(cli, url) == [
        [("Kenji Sato", "Recruiter", "Asia/Tokyo"), ("Dana", None, "Europe/Paris")]
    ]
    moved = cli("--db", url, "edit", "1", "-i", "Kenji Sato [Asia/Seoul]", "-i", "Dana")
    assert moved.code == 0, moved
    assert zones(cli, url) == [
        [("Kenji Sato", "Recruiter", "Asia/Seoul"), ("Dana", None, "Europe/Paris")]
    ]


def test_a_zone_typed_in_a_later_round_updates_the_person(cli: CLI, url: str) -> None:
    first = cli("--db", url, "add", *START, "-i", "Kenji Sato <kenji@acme.jp> [Asia/Tokyo]")
    assert first.code == 0, first
    later = ("-c", "Globex", "-r", "Analyst", "-s", "2026-11-21T10:00")
    second = cli("--db", url, "add", *later, "-i", "Kenji Sato <kenji@acme.jp> [Europe/London]")
    assert second.code == 0, second
    # One contact, so both interviews show the zone typed last; a bare name keeps it.
    third = cli("--db", url, "add", "-c", "Globex", "-r", "Analyst", "-s", "2026-11-22T09:00",
                "-i", "Kenji Sato")  # fmt: skip
    assert third.code == 0, third
    assert zones(cli, url) == [[("Kenji Sato", None, "Europe/London")]] * 3


def test_a_zone_on_one_repeat_only_is_merged(cli: CLI, url: str) -> None:
    result = cli(
        "--db", url, "add", *START,
        "-i", "Kim Ode", "-i", "Kim Ode <kim@globex.com>, CTO [Asia/Tokyo]",
    )  # fmt: skip
    assert result.code == 0, result
    assert "'Kim Ode <kim@globex.com>, CTO [Asia/Tokyo]'); recorded once." in result.out
    assert zones(cli, url) == [[("Kim Ode", "CTO", "Asia/Tokyo")]]


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ("Kim, Engineer [Platform]", "ends with [Platform], which is not a time zone"),
        ("Kim [Tokyo]", "Did you mean Asia/Tokyo?"),
        ("Kim []", "ends with [], which is not a time zone"),
        ("Kim [Asia/Tokyo] <kim@globex.com>", "has square brackets in the name"),
        ("Kim, Engineer [Asia/Tokyo] lead", "has the time zone [Asia/Tokyo] before the end"),
        ("Kim, Engineer [Asia/Tokyo", "has an unmatched square bracket"),
    ],
)
def test_bad_zones_and_brackets_are_refused(cli: CLI, url: str, given: str, problem: str) -> None:
    result = cli("--db", url, "add", *START, "-i", given)
    assert result.code == 2, result
    assert result.err.startswith("followup: --interviewer: ")
    assert problem in result.err
    assert "[Asia/Tokyo]" in result.err  # the fix shows where a zone goes
    assert nothing_recorded(cli, url)


def test_edit_with_a_bad_zone_changes_nothing(cli: CLI, url: str) -> None:
    assert cli("--db", url, "add", *START, "-i", "Kenji Sato [Asia/Tokyo]").code == 0
    result = cli("--db", url, "edit", "1", "-i", "Kenji Sato [Asia/Tokio]")
    assert result.code == 2, result
    assert result.err.startswith("followup: --interviewer: ")
    assert "Did you mean Asia/Tokyo" in result.err
    assert zones(cli, url) == [[("Kenji Sato", None, "Asia/Tokyo")]]


def test_self_is_not_a_preferred_channel(cli: CLI, url: str) -> None:
    refused = cli("--db", url, "add", *START, "--channel", "self")
    assert refused.code == 2, refused
    assert refused.err.startswith("followup: --channel: 'self' is not a way to reach")
    assert "Choose one of: email, linkedin, phone, mail." in refused.err
    assert nothing_recorded(cli, url)
    unknown = cli("--db", url, "add", *START, "--channel", "fax")
    assert unknown.code == 2, unknown
    assert "self" not in unknown.err  # not offered among the choices
    added = cli("--db", url, "add", *START, "--channel", "phone", "--format", "json")
    assert added.code == 0, added
    assert json.loads(added.out)["application"]["preferred_channel"] == "phone"
    edited = cli("--db", url, "edit", "1", "--channel", "self")
    assert edited.code == 2, edited
    shown = cli("--db", url, "show", "1", "--format", "json")
    assert json.loads(shown.out)["application"]["preferred_channel"] == "phone"
