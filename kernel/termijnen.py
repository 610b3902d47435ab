"""Statutory terms (termijnen) on the Dutch calendar: pure functions, no I/O.

- Algemene termijnenwet (Atw) art. 1: a term set by law that would end on a Saturday, Sunday or general holiday
  ends on the next day that is none of these. Art. 3 lists the general holidays: New Year's Day, Easter Monday,
  Ascension Day, Whit Monday, Christmas Day and Boxing Day, King's Day (27 April, or 26 April when the 27th is a
  Sunday) and Liberation Day (5 May). Good Friday is not one. Source: https://wetten.overheid.nl/BWBR0002448/
- Working days (werkdagen, e.g. Wgs: first conversation within 3 working days): Monday to Friday, without those
  holidays.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    la = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * la) // 433
    month = (h + la - 7 * m + 90) // 25
    day = (h + la - 7 * m + 33 * month + 19) % 32
    return date(year, month, day)


@lru_cache(maxsize=64)
def general_holidays(year: int) -> frozenset[date]:
    """The general holidays of Atw art. 3 in a year."""
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    return frozenset(
        {
            date(year, 1, 1),
            easter + timedelta(days=1),
            easter + timedelta(days=39),  # Ascension Day
            easter + timedelta(days=50),  # Whit Monday
            kings_day,
            date(year, 5, 5),
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in general_holidays(day.year)


def next_working_day_from(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it (Atw art. 1)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the day of the event itself is not counted)."""
    day = start
    for _ in range(days):
        day = next_working_day_from(day + timedelta(days=1))
    return day


def term_end(start: date, *, days: int = 0, weeks: int = 0) -> date:
    """The last day of a statutory term counted from the day after `start`, extended under Atw art. 1.

    E.g. the 6-week objection term (Awb 6:7, 6:8): dispatch on Monday 2 March 2026 → ends Monday 13 April 2026;
    dispatch on Saturday 14 March 2026 → six weeks end on Saturday 25 April, Monday 27 April is King's Day, so the
    term ends on Tuesday 28 April 2026.
    """
    return next_working_day_from(start + timedelta(days=days, weeks=weeks))
