"""How much an assigned omvang allows over a period (WMO757 Frequentie), for the volume rules 9321 and 9322.

A week is a started block of seven days counted from the first day, a month a calendar month touched, per day
counts days, and "totaal binnen geldigheidsduur" (6) allows the volume once: the same reading as the backoffice's.
"""

from __future__ import annotations

from datetime import date

PER_DAY, PER_WEEK, PER_MONTH, TOTAL = "1", "2", "4", "6"


def periods(frequency: str, first: date, last: date) -> int:
    days = (last - first).days + 1
    if days <= 0:
        return 0
    if frequency == PER_DAY:
        return days
    if frequency == PER_WEEK:
        return -(-days // 7)
    if frequency == PER_MONTH:
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return 1


def allowed(volume: int, frequency: str, first: date, last: date) -> int:
    """The volume the omvang allows from `first` to `last`, both inclusive."""
    return volume * periods(frequency, first, last)
