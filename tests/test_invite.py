"""Reading calendar invitations: times and zones, people, company and meeting hints, bad files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup.adapters.calendar.invite import company_from_domain, read_invite
from followup.errors import InputError

NY = ZoneInfo("America/New_York")

GOOGLE = """\
BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REQUEST
BEGIN:VTIMEZONE
TZID:America/New_York
X-LIC-LOCATION:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=America/New_York:20261120T140000
DTEND;TZID=America/New_York:20261120T150000
DTSTAMP:20261110T120000Z
ORGANIZER;CN=Priya Shah:mailto:priya@northwind-analytics.com
UID:abc123@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Dana Rivera;
 X-NUM-GUESTS=0:mailto:dana.rivera@northwind-analytics.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=alex
 @example.org;X-NUM-GUESTS=0:mailto:alex@example.org
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;
 X-NUM-GUESTS=0:mailto:sam.okafor@northwind-analytics.com
ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=NYC-4-Hudson
  (8);X-NUM-GUESTS=0:mailto:c_188abc@resource.calendar.google.com
X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij
SUMMARY:Interview: Data Analyst (Alex Candidate)
DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij
LOCATION:
SEQUENCE:0
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR
"""

OUTLOOK = """\
BEGIN:VCALENDAR
METHOD:REQUEST
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VTIMEZONE
TZID:Pacific Standard Time
BEGIN:STANDARD
DTSTART:16010101T020000
TZOFFSETFROM:-0700
TZOFFSETTO:-0800
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:-0800
TZOFFSETTO:-0700
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ORGANIZER;CN=Recruiting Team:mailto:recruiting@contoso.com
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Kim Lee:mailto:kim.lee@contoso.com
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Alex Candidate:mailto:alex
 .c@gmail.com
ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;CN=Conf Room 4B:mailto:room4b@contoso.com
DESCRIPTION;LANGUAGE=en-US:Join Microsoft Teams Meeting\\nhttps://teams.microsoft.com/l/meetup-join/19%3ameeting_NDg
SUMMARY;LANGUAGE=en-US:Data Analyst - second round
DTSTART;TZID=Pacific Standard Time:20261120T100000
DTEND;TZID=Pacific Standard Time:20261120T110000
UID:040000008200E00074C5B7101A82E00800000000
LOCATION;LANGUAGE=en-US:Building 4, Conf Room 4B
END:VEVENT
END:VCALENDAR
"""


def event(body: str, extra: str = "") -> str:
    """A calendar with one event made of ``body`` lines."""
    head = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{extra}"
    return f"{head}BEGIN:VEVENT\nUID:t1\n{body}\nEND:VEVENT\nEND:VCALENDAR\n"


@pytest.fixture
def write(tmp_path: Path):
    def _write(text: str | bytes, name: str = "invite.ics") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        return path

    return _write


def test_google_invite(write) -> None:
    invite = read_invite(write(GOOGLE), zone="America/New_York", user_emails=["Alex@Example.org"])
    assert invite.start == datetime(2026, 11, 20, 14, tzinfo=NY)
    assert invite.end == datetime(2026, 11, 20, 15, tzinfo=NY)
    assert invite.timezone == "America/New_York"
    assert [(a.name, a.email) for a in invite.attendees] == [
        ("Dana Rivera", "dana.rivera@northwind-analytics.com"),
        ("Sam Okafor", "sam.okafor@northwind-analytics.com"),  # no CN: named from the address
    ]
    assert invite.organizer is not None and invite.organizer.name == "Priya Shah"
    assert invite.company_domain == "northwind-analytics.com"
    assert invite.company_hint == "Northwind Analytics"
    assert invite.meeting_url == "https://meet.google.com/abc-defg-hij"
    assert invite.format_hint == "video"
    assert invite.location == "https://meet.google.com/abc-defg-hij"  # empty LOCATION
    assert invite.summary == "Interview: Data Analyst (Alex Candidate)"
    assert invite.warnings == ()


def test_outlook_invite_with_a_windows_zone(write) -> None:
    invite = read_invite(
        write(OUTLOOK), zone="America/New_York", user_name="Alex Candidate", user_emails=[]
    )
    # 10:00 Pacific is 13:00 in the user's New York.
    assert invite.start == datetime(2026, 11, 20, 13, tzinfo=NY)
    assert invite.start.tzinfo == NY
    assert invite.end - invite.start == timedelta(hours=1)
    assert invite.timezone == "America/Los_Angeles"
    # the room is left out; the user is recognised by name when their email is unknown
    assert [a.name for a in invite.attendees] == ["Kim Lee"]
    assert invite.company_hint == "Contoso"
    assert invite.location == "Building 4, Conf Room 4B"
    assert invite.meeting_url is not None and "teams.microsoft.com" in invite.meeting_url


def test_an_invitation_built_with_icalendar(write) -> None:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    ev = icalendar.Event()
    ev.add("uid", "built-1")
    ev.add("dtstart", datetime(2026, 11, 18, 9, 30, tzinfo=ZoneInfo("Europe/London")))
    ev.add("duration", timedelta(minutes=45))
    ev.add("summary", "Screen call")
    organizer = icalendar.vCalAddress("mailto:talent@globex.co.uk")
    organizer.params["CN"] = icalendar.vText("Talent")
    ev.add("organizer", organizer)
    ev.add("location", "https://globex.zoom.us/j/123456789?pwd=abc")
    cal.add_component(ev)
    invite = read_invite(write(cal.to_ical()), zone="America/New_York")
    assert invite.start == datetime(2026, 11, 18, 9, 30, tzinfo=UTC).astimezone(NY)
    assert invite.end == invite.start + timedelta(minutes=45)  # DURATION
    assert invite.timezone == "Europe/London"
    assert invite.company_hint == "Globex"  # .co.uk handled
    assert invite.format_hint == "video"
    # no attendee at all: the organizer is the candidate interviewer
    assert [a.email for a in invite.attendees] == ["talent@globex.co.uk"]


def test_utc_times_are_instants_without_a_zone_hint(write) -> None:
    path = write(event("DTSTART:20261120T190000Z\nDTEND:20261120T200000Z"))
    invite = read_invite(path, zone="America/New_York")
    assert invite.start == datetime(2026, 11, 20, 14, tzinfo=NY)
    assert invite.timezone is None


def test_floating_times_are_in_the_users_zone(write) -> None:
    path = write(event("DTSTART:20261120T140000\nDTEND:20261120T150000"))
    invite = read_invite(path, zone="Europe/Paris")
    assert invite.start == datetime(2026, 11, 20, 14, tzinfo=ZoneInfo("Europe/Paris"))
    assert invite.timezone is None


def test_a_custom_vtimezone_is_mapped_by_its_offsets(write) -> None:
    custom = (
        "BEGIN:VTIMEZONE\nTZID:(UTC+01:00) Amsterdam\\, Berlin\\, Rome\n"
        "BEGIN:STANDARD\nDTSTART:16010101T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nEND:STANDARD\n"
        "BEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE\n"
    )
    body = (
        'DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin, Rome":20260610T100000\n'
        'DTEND;TZID="(UTC+01:00) Amsterdam, Berlin, Rome":20260610T110000'
    )
    path = write(event(body, extra=custom))
    # The user's own zone wins when it matches all year...
    mine = read_invite(path, zone="Europe/Berlin")
    assert mine.timezone == "Europe/Berlin"
    assert mine.start == datetime(2026, 6, 10, 8, tzinfo=UTC)  # 10:00 CEST
    # ...otherwise the first common zone with the same rules.
    other = read_invite(path, zone="America/New_York")
    assert other.timezone == "Europe/Paris"
    assert other.start == datetime(2026, 6, 10, 4, tzinfo=NY)


def test_an_unknown_tzid_without_definition_is_read_in_the_users_zone_with_a_warning(write) -> None:
    path = write(event("DTSTART;TZID=Somewhere Odd:20261120T140000\nDURATION:PT30M"))
    invite = read_invite(path, zone="America/New_York")
    assert invite.start == datetime(2026, 11, 20, 14, tzinfo=NY)
    assert invite.timezone is None
    assert any("unknown time zone 'Somewhere Odd'" in w for w in invite.warnings)


def test_an_all_day_event_is_refused_unless_the_start_is_given_elsewhere(write) -> None:
    path = write(event("DTSTART;VALUE=DATE:20261120\nDTEND;VALUE=DATE:20261121"))
    with pytest.raises(InputError, match="all-day") as caught:
        read_invite(path, zone="UTC")
    assert caught.value.field == "--from-ics"
    assert "--start" in str(caught.value)
    invite = read_invite(path, zone="UTC", need_times=False)
    assert invite.start is None and invite.end is None


def test_personal_organizer_domain_falls_back_to_the_attendees(write) -> None:
    body = (
        "DTSTART:20261120T190000Z\n"
        "ORGANIZER;CN=Hiring Manager:mailto:boss.person@gmail.com\n"
        "ATTENDEE;CN=Ann:mailto:ann@initech.io\n"
        "ATTENDEE;CN=Bo:mailto:bo@initech.io"
    )
    invite = read_invite(write(event(body)), zone="UTC")
    assert invite.company_domain == "initech.io"
    assert invite.company_hint == "Initech"


def test_calendar_service_organizers_give_no_hint(write) -> None:
    body = (
        "DTSTART:20261120T190000Z\n"
        "ORGANIZER:mailto:c_abc123@group.calendar.google.com\n"
        "ATTENDEE;CN=Alex:mailto:alex@yahoo.com"
    )
    invite = read_invite(write(event(body)), zone="UTC", user_emails=["alex@yahoo.com"])
    assert invite.company_domain is None and invite.company_hint is None
    assert invite.attendees == () and invite.organizer is None


def test_several_events_and_cancellations_warn(write) -> None:
    two = GOOGLE.replace(
        "END:VEVENT\n", "END:VEVENT\nBEGIN:VEVENT\nUID:x\nDTSTART:20261201T100000Z\nEND:VEVENT\n"
    )
    invite = read_invite(write(two.replace("STATUS:CONFIRMED", "STATUS:CANCELLED")), zone="UTC")
    assert invite.start == datetime(2026, 11, 20, 19, tzinfo=UTC)
    assert any("2 events" in w for w in invite.warnings)
    assert any("cancellation" in w for w in invite.warnings)


def test_an_end_before_the_start_is_dropped_with_a_warning(write) -> None:
    path = write(event("DTSTART:20261120T190000Z\nDTEND:20261120T180000Z"))
    invite = read_invite(path, zone="UTC")
    assert invite.end is None
    assert any("ends before it starts" in w for w in invite.warnings)


def test_malformed_attendee_addresses_are_skipped(write) -> None:
    body = (
        "DTSTART:20261120T190000Z\n"
        "ATTENDEE;CN=Broken:mailto:not-an-address\n"
        "ATTENDEE;CN=Ok:mailto:ok@acme.com"
    )
    invite = read_invite(write(event(body)), zone="UTC")
    assert [(a.name, a.email) for a in invite.attendees] == [
        ("Broken", None),
        ("Ok", "ok@acme.com"),
    ]
    assert any("not-an-address" in w for w in invite.warnings)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (b"\xff\xfeB\x00E\x00G\x00", "not UTF-8"),
        (b"hello, this is not a calendar", "not a valid calendar file"),
        (b"BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", "no event"),
        (b"BEGIN:VCALENDAR\nBEGIN:VTODO\nUID:1\nEND:VTODO\nEND:VCALENDAR\n", "no event"),
        (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261120T100000\n", "not a valid calendar"),
        (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:soon\nEND:VEVENT\nEND:VCALENDAR\n", "broken"),
        (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n", "start time"),
    ],
)
def test_bad_files_name_the_flag_and_the_fix(write, content: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as caught:
        read_invite(write(content), zone="UTC")
    assert caught.value.field == "--from-ics"
    assert "--start" in str(caught.value) or "path" in str(caught.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read") as caught:
        read_invite(tmp_path / "nope.ics", zone="UTC")
    assert caught.value.field == "--from-ics"
    with pytest.raises(InputError, match="cannot read"):
        read_invite(tmp_path, zone="UTC")


@pytest.mark.parametrize(
    ("domain", "name"),
    [
        ("acme.com", "Acme"),
        ("acme-analytics.com", "Acme Analytics"),
        ("mail.northwind.co.uk", "Northwind"),
        ("jobs.initech.io", "Initech"),
    ],
)
def test_company_from_domain(domain: str, name: str) -> None:
    assert company_from_domain(domain) == name


# Lengths and daylight saving ------------------------------------------------------------------

TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + "x" * 260 + "%40thread.v2/0"


def test_a_meeting_link_too_long_for_the_location_is_not_cut(write) -> None:
    invite = read_invite(write(event(f"DTSTART:20261120T190000Z\nLOCATION:{TEAMS}")), zone="UTC")
    assert len(TEAMS) > 300
    assert invite.meeting_url == TEAMS
    assert invite.location is None  # a cut link is useless; `add` puts it in the notes
    no_location = read_invite(
        write(event(f"DTSTART:20261120T190000Z\nDESCRIPTION:Join: {TEAMS}")), zone="UTC"
    )
    assert (no_location.location, no_location.meeting_url) == (None, TEAMS)


def test_a_long_location_is_shortened_with_a_warning(write) -> None:
    place = "Building 4, " + "room " * 60
    invite = read_invite(write(event(f"DTSTART:20261120T190000Z\nLOCATION:{place}")), zone="UTC")
    assert invite.location is not None and len(invite.location) == 200
    assert invite.location.endswith("…")
    assert "the location was shortened to 200 characters." in invite.warnings


def test_an_absurdly_long_meeting_link_is_ignored_with_a_warning(write) -> None:
    link = "https://zoom.us/j/" + "9" * 2_100
    invite = read_invite(write(event(f"DTSTART:20261120T190000Z\nDESCRIPTION:{link}")), zone="UTC")
    assert invite.meeting_url is None
    assert invite.location is None
    assert any("meeting link of 2,118 characters was ignored" in w for w in invite.warnings)


def test_a_duration_is_elapsed_time_across_the_clocks_going_back(write) -> None:
    body = "DTSTART;TZID=America/New_York:20261101T013000\nDURATION:PT45M"
    invite = read_invite(write(event(body)), zone="America/New_York")
    assert invite.start is not None and invite.end is not None
    assert invite.start.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
    assert invite.end.astimezone(UTC) == datetime(2026, 11, 1, 6, 15, tzinfo=UTC)  # 01:15 EST


def test_an_end_in_the_repeated_hour_after_the_start_is_kept(write) -> None:
    # 01:50 EDT to 01:10 EST: the end reads earlier on the wall clock but is 20 minutes later.
    body = "DTSTART:20261101T055000Z\nDTEND:20261101T061000Z"
    invite = read_invite(write(event(body)), zone="America/New_York")
    assert invite.end is not None and invite.start is not None
    assert invite.end.astimezone(UTC) - invite.start.astimezone(UTC) == timedelta(minutes=20)
    assert invite.warnings == ()


def test_a_time_in_the_year_one_is_refused_not_a_crash(write) -> None:
    with pytest.raises(InputError) as refused:
        read_invite(write(event("DTSTART:00010101T003000")), zone="Asia/Tokyo")
    assert refused.value.field == "--from-ics"
    assert "year 1" in str(refused.value)
