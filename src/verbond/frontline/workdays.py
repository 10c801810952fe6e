"""Working-day arithmetic for statutory deadlines, following the Algemene termijnenwet.

The Dutch law on statutory time limits (art. 3) names the days that do not count: Saturdays, Sundays, New
Year's Day, Easter Monday, Ascension Day, Whit Monday, both Christmas days, the day the King's birthday is
celebrated and 5 May. The `holidays` NL calendar differs in two ways, which we correct: it has Good Friday
(not in the law, so a working day here) and Liberation Day only in lustrum years (the law: 5 May every year).
"""

import datetime
from functools import lru_cache

import holidays

# python-dateutil is a dependency of `holidays`, which uses this very function for its own Easter dates.
from dateutil.easter import easter


@lru_cache(maxsize=64)
def _dutch_holidays(year: int) -> frozenset[datetime.date]:
    """The non-working days of `year` under the Algemene termijnenwet, weekends aside."""
    days = set(holidays.country_holidays("NL", years=year).keys())
    # Dropped by date rather than by name, because holiday names depend on the library's language.
    days.discard(easter(year) - datetime.timedelta(days=2))  # Good Friday
    days.add(datetime.date(year, 5, 5))  # Liberation Day, every year rather than once in five
    return frozenset(days)


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, and not a public holiday under the Algemene termijnenwet."""
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
