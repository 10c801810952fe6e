import datetime
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verbond.frontline.services import due_at_for
from verbond.frontline.workdays import add_working_days, is_working_day

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # A weekday plus working days within the week.
        (datetime.date(2026, 11, 23), 2, datetime.date(2026, 11, 25)),
        # Friday plus two working days skips the weekend: Tuesday.
        (datetime.date(2026, 11, 27), 2, datetime.date(2026, 12, 1)),
        # Raised on a Saturday: Monday is the first working day.
        (datetime.date(2026, 11, 28), 1, datetime.date(2026, 11, 30)),
        # Koningsdag, Monday 27 April 2026, is not a working day.
        (datetime.date(2026, 4, 24), 1, datetime.date(2026, 4, 28)),
        (datetime.date(2026, 4, 24), 2, datetime.date(2026, 4, 29)),
        # Christmas (Friday 25 December 2026) and the weekend after it.
        (datetime.date(2026, 12, 24), 1, datetime.date(2026, 12, 28)),
        # Ten working days across Christmas and New Year's Day.
        (datetime.date(2026, 12, 21), 10, datetime.date(2027, 1, 6)),
        # Good Friday (26 March 2027) is a working day under the Algemene termijnenwet; Easter Monday is not.
        (datetime.date(2027, 3, 25), 1, datetime.date(2027, 3, 26)),
        (datetime.date(2027, 3, 25), 2, datetime.date(2027, 3, 30)),
        (datetime.date(2027, 3, 25), 0, datetime.date(2027, 3, 25)),
        # Liberation Day, Tuesday 5 May 2026, counts although 2026 is not a lustrum year: Thursday.
        (datetime.date(2026, 5, 4), 2, datetime.date(2026, 5, 7)),
        # King's Day moves to Saturday 26 April 2025 because the 27th is a Sunday; 5 May 2025 is a Monday.
        (datetime.date(2025, 5, 2), 1, datetime.date(2025, 5, 6)),
    ],
)
def test_add_working_days_skips_weekends_and_dutch_holidays(start, days, expected):
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (datetime.date(2026, 4, 27), False),  # Koningsdag
        (datetime.date(2026, 4, 6), False),  # Easter Monday
        (datetime.date(2026, 4, 3), True),  # Good Friday: not in the Algemene termijnenwet
        (datetime.date(2027, 3, 26), True),  # Good Friday
        (datetime.date(2026, 5, 5), False),  # Liberation Day, also outside lustrum years
        (datetime.date(2027, 5, 5), False),  # Liberation Day on a Wednesday
        (datetime.date(2026, 5, 14), False),  # Ascension Day
        (datetime.date(2026, 5, 25), False),  # Whit Monday
        (datetime.date(2026, 12, 26), False),  # Boxing Day (a Saturday anyway)
        (datetime.date(2030, 12, 26), False),  # Boxing Day on a Thursday
        (datetime.date(2027, 1, 1), False),  # New Year's Day
        (datetime.date(2026, 12, 25), False),  # Christmas Day
        (datetime.date(2027, 12, 27), True),  # Monday after a Christmas that fell in the weekend
        (datetime.date(2026, 11, 28), False),  # Saturday
        (datetime.date(2026, 11, 30), True),
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_urgent_request_is_due_two_working_days_later_at_the_same_time_of_day():
    raised_at = datetime.datetime(
        2026, 3, 27, 10, 0, tzinfo=AMSTERDAM
    )  # Friday, before the switch to summer time

    due = due_at_for(urgency="urgent", raised_at=raised_at)

    assert due.astimezone(AMSTERDAM).replace(tzinfo=None) == datetime.datetime(2026, 3, 31, 10, 0)


def test_normal_request_is_due_ten_working_days_later():
    raised_at = datetime.datetime(2026, 4, 20, 9, 30, tzinfo=AMSTERDAM)  # Monday before Koningsdag

    due = due_at_for(urgency="normal", raised_at=raised_at)

    # Koningsdag (27 April) and Liberation Day (5 May) do not count.
    assert due.astimezone(AMSTERDAM).date() == datetime.date(2026, 5, 6)


def test_deadlines_come_from_settings(settings):
    settings.FRONTLINE_URGENT_WORKING_DAYS = 1
    raised_at = datetime.datetime(2026, 11, 27, 16, 0, tzinfo=AMSTERDAM)

    due = due_at_for(urgency="urgent", raised_at=raised_at)

    assert due.astimezone(AMSTERDAM).date() == datetime.date(2026, 11, 30)


@given(
    start=st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2035, 12, 31)),
    days=st.integers(min_value=1, max_value=40),
)
def test_the_result_is_a_working_day_exactly_that_many_working_days_later(start, days):
    due = add_working_days(start, days)

    between = [start + datetime.timedelta(days=offset) for offset in range(1, (due - start).days + 1)]
    assert is_working_day(due)
    assert sum(is_working_day(day) for day in between) == days
