"""The business calendar: working days, national holidays, wall-clock instants, zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.domain import business
from followup.domain.business import (
    add_business_days,
    at,
    country_of_zone,
    days_off_between,
    holiday_name,
    is_business_day,
    next_business_day,
)

NY = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")


@pytest.mark.parametrize(
    ("day", "country", "name"),
    [
        (date(2026, 11, 26), "US", "Thanksgiving Day"),
        (date(2026, 11, 11), "US", "Veterans Day"),
        (date(2026, 11, 23), "JP", "Labor Thanksgiving Day"),
        (date(2026, 12, 28), "GB", "Boxing Day (observed)"),
        (date(2026, 10, 3), "DE", "German Unity Day"),
        (date(2026, 11, 11), "FR", "Armistice Day"),
        (date(2026, 11, 20), "BR", "National Day of Zumbi and Black Awareness"),
        (date(2026, 1, 26), "IN", "Republic Day"),
    ],
)
def test_national_holidays_by_name(day: date, country: str, name: str) -> None:
    assert holiday_name(day, country) == name
    assert not is_business_day(day, country)


@pytest.mark.parametrize(
    ("day", "country"),
    [
        (date(2026, 11, 26), "GB"),  # Thanksgiving is American
        (date(2026, 11, 27), "US"),  # the Friday after is not a national holiday
        (date(2026, 11, 23), "US"),  # Japan's Labor Thanksgiving Day
        (date(2026, 11, 26), None),  # no country known: weekends only
        (date(2026, 11, 26), "XX"),  # a country the package does not know: weekends only
    ],
)
def test_working_days_elsewhere(day: date, country: str | None) -> None:
    assert holiday_name(day, country) is None
    assert is_business_day(day, country)


@pytest.mark.parametrize("country", ["US", "GB", "JP", None])
def test_weekends_are_never_working_days(country: str | None) -> None:
    assert not is_business_day(date(2026, 11, 21), country)  # Saturday
    assert not is_business_day(date(2026, 11, 22), country)  # Sunday
    assert is_business_day(date(2026, 11, 24), country)  # Tuesday


@pytest.mark.parametrize(
    ("day", "country", "expected"),
    [
        (date(2026, 11, 25), "US", date(2026, 11, 25)),  # a working day is its own answer
        (date(2026, 11, 26), "US", date(2026, 11, 27)),  # Thanksgiving -> Friday
        (date(2026, 11, 21), "US", date(2026, 11, 23)),  # Saturday -> Monday
        (date(2026, 11, 21), "JP", date(2026, 11, 24)),  # ... but Monday is a holiday in Japan
        (date(2026, 12, 25), "GB", date(2026, 12, 29)),  # Christmas, weekend, Boxing Day obs.
        (date(2027, 1, 1), "US", date(2027, 1, 4)),  # New Year's Day, a Friday, then Monday
    ],
)
def test_next_business_day(day: date, country: str, expected: date) -> None:
    assert next_business_day(day, country) == expected


@pytest.mark.parametrize(
    ("day", "count", "country", "expected"),
    [
        # Wednesday 18 Nov + 7 working days, skipping the weekend and Thanksgiving.
        (date(2026, 11, 18), 7, "US", date(2026, 11, 30)),
        (date(2026, 11, 18), 7, "GB", date(2026, 11, 27)),
        (date(2026, 11, 18), 7, "JP", date(2026, 11, 30)),  # skips Mon 23 Nov instead
        (date(2026, 11, 20), 1, "US", date(2026, 11, 23)),  # Friday -> Monday
        (date(2026, 11, 21), 1, "US", date(2026, 11, 23)),  # from a Saturday
        (date(2026, 11, 10), 1, "US", date(2026, 11, 12)),  # over Veterans Day
        (date(2026, 11, 25), 1, "US", date(2026, 11, 27)),  # over Thanksgiving
    ],
)
def test_add_business_days(day: date, count: int, country: str, expected: date) -> None:
    assert add_business_days(day, count, country) == expected


def test_days_off_between_names_each_day_off_and_why() -> None:
    assert list(days_off_between(date(2026, 11, 26), date(2026, 11, 30), "US")) == [
        "Thu 26 Nov (Thanksgiving Day)",
        "Sat 28 Nov (weekend)",
        "Sun 29 Nov (weekend)",
    ]
    assert not days_off_between(date(2026, 11, 24), date(2026, 11, 25), "US")
    assert not days_off_between(date(2026, 11, 30), date(2026, 11, 26), "US")  # empty range


def test_at_is_the_wall_clock_of_that_day_on_both_sides_of_a_change() -> None:
    before = at(date(2026, 10, 30), time(9, 0), NY)
    after = at(date(2026, 11, 2), time(9, 0), NY)
    assert (before.hour, before.minute, before.utcoffset()) == (9, 0, timedelta(hours=-4))
    assert (after.hour, after.minute, after.utcoffset()) == (9, 0, timedelta(hours=-5))
    # 3 days apart on the calendar, 3 days and one hour apart in elapsed time (compared in
    # UTC: Python subtracts two datetimes of one tzinfo by their wall clocks).
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(days=3, hours=1)


@pytest.mark.parametrize(
    ("day", "clock", "zone", "expected_utc"),
    [
        # New York springs forward at 02:00 -> 03:00: 02:30 does not exist; the first
        # valid instant after the gap is 03:00 EDT (07:00 UTC), as the docstring promises.
        (date(2026, 3, 8), time(2, 30), NY, datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),
        # Lord Howe springs forward by 30 minutes, 02:00 -> 02:30 (+10:30 -> +11:00).
        (date(2026, 10, 4), time(2, 15), LORD_HOWE, datetime(2026, 10, 3, 15, 30, tzinfo=UTC)),
    ],
)
def test_at_in_a_gap_is_the_first_instant_after_it(
    day: date, clock: time, zone: ZoneInfo, expected_utc: datetime
) -> None:
    moment = at(day, clock, zone)
    assert moment == expected_utc
    # The answer is a real instant: it survives the round trip through UTC unchanged.
    again = moment.astimezone(UTC).astimezone(zone)
    assert (again.hour, again.minute) == (moment.hour, moment.minute)


def test_at_in_the_repeated_hour_is_a_real_instant_showing_that_time() -> None:
    moment = at(date(2026, 11, 1), time(1, 30), NY)
    back = moment.astimezone(UTC).astimezone(NY)
    assert (back.date(), back.hour, back.minute) == (date(2026, 11, 1), 1, 30)


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Asia/Tokyo", "JP"),
        ("Europe/London", "GB"),
        ("America/New_York", "US"),
        ("America/St_Johns", "CA"),
        ("Asia/Kathmandu", "NP"),
        ("Pacific/Chatham", "NZ"),
        ("Australia/Lord_Howe", "AU"),
        ("Europe/Berlin", "DE"),
        ("UTC", None),
        ("Etc/GMT+5", None),
        ("", None),
        (None, None),
    ],
)
def test_country_of_zone(zone: str | None, country: str | None) -> None:
    assert country_of_zone(zone) == country


def test_holiday_calendars_are_computed_once_per_country_and_year() -> None:
    # The benchmark plans 100,000 interviews: each (country, year) must be built once.
    is_business_day(date(2031, 5, 5), "FR")
    before = business._holidays.cache_info()
    for day in range(1, 29):
        is_business_day(date(2031, 2, day), "FR")
    after = business._holidays.cache_info()
    assert after.misses == before.misses
    assert after.hits >= before.hits + 20


# Office hours: when the outbox sends -------------------------------------------------------

NINE, FIVE = time(9, 0), time(17, 0)
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.mark.parametrize(
    ("utc", "zone", "country", "expected"),
    [
        # Inside office hours on a working day: at once.
        ("2026-11-24 15:30", NY, "US", "2026-11-24 10:30"),
        # Before nine: nine the same day.
        ("2026-11-24 11:00", NY, "US", "2026-11-24 09:00"),
        # Five o'clock is closed: the next working morning.
        ("2026-11-24 22:00", NY, "US", "2026-11-25 09:00"),
        # Wednesday evening before Thanksgiving: Friday morning, not the holiday.
        ("2026-11-25 23:00", NY, "US", "2026-11-27 09:00"),
        # Saturday: Monday.
        ("2026-11-21 15:00", NY, "US", "2026-11-23 09:00"),
        # Monday 23 Nov is a holiday in Japan: Tuesday, on the recipient's clock.
        ("2026-11-22 23:00", TOKYO, "JP", "2026-11-24 09:00"),
    ],
)
def test_in_office_is_the_moment_or_the_next_opening_of_their_office(
    utc: str, zone: ZoneInfo, country: str, expected: str
) -> None:
    moment = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    got = business.in_office(moment, zone, country, NINE, FIVE)
    assert got == datetime.fromisoformat(expected).replace(tzinfo=zone)
    assert got >= moment
