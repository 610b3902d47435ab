"""The Wgs terms for the first conversation (Wet gemeentelijke schuldhulpverlening, art. 4a).

After a request for help the first conversation takes place within four weeks; when the situation is
threatening (bedreigende situatie: eviction, or disconnection of energy or water) within three working days.
"""

from __future__ import annotations

from datetime import date, timedelta

FOUR_WEEKS = timedelta(days=28)
THREATENING_WORKING_DAYS = 3
SATURDAY = 5


def within_four_weeks(received_on: date) -> date:
    """The last day for the first conversation: 4 weeks (28 calendar days) after the request.

    TODO: the Algemene termijnenwet extends a statutory term ending on a Saturday, Sunday or general holiday
    to the next working day; not applied yet (the due date is never later than the true one).
    """
    return received_on + FOUR_WEEKS


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day (Monday to Friday) after `start`.

    TODO: skip the general holidays of the Algemene termijnenwet (art. 3) too; no holiday list yet.
    """
    if days < 0:
        raise ValueError("a term counts forward: days must not be negative")
    day = start
    while days:
        day += timedelta(days=1)
        if day.weekday() < SATURDAY:
            days -= 1
    return day


def first_conversation_due(received_on: date, threatening: bool) -> date:
    """When the first conversation is due: 3 working days when threatening, else 4 weeks."""
    if threatening:
        return add_working_days(received_on, THREATENING_WORKING_DAYS)
    return within_four_weeks(received_on)
