"""Working-day arithmetic: weekends and Dutch public holidays (from the `holidays` package) are not working days."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _dutch_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, and not a Dutch public holiday."""
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (start itself never counts, even when it is a working day).

    Runs in O(days + holidays in between).
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def add_working_days_to_moment(start: datetime.datetime, days: int) -> datetime.datetime:
    """The same local time of day, `days` working days later (for a deadline raised at `start`)."""
    due_date = add_working_days(start.date(), days)
    return start.replace(year=due_date.year, month=due_date.month, day=due_date.day)
