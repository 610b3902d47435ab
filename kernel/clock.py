"""The municipality's calendar: dates that the law counts are dates in Europe/Amsterdam, not datetimes."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

MUNICIPAL_TZ = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    return datetime.now(MUNICIPAL_TZ).date()
