"""The rules a declaration (iWmo 323) must meet before the provider sends it, as pure functions.

A refusal returns the reason as text (with the iWmo retourcode it mirrors, WJ001), None means acceptable:
- the declared period lies within the assignment's period (9307/9308: prestatie buiten toewijzingsperiode), does
  not end after today (only delivered care is declared) and, when care ended for good, not after its end date;
- the volume ceiling (9321/9322: volume overschreden), kept simple on purpose and cumulative: everything declared so
  far plus this declaration may not exceed `volume * the number of frequency periods (WMO757) from the
  assignment's first day up to the last day of the declared period`. A week is a started block of 7 days counted
  from the assignment's first day; a month is a calendar month touched; per day counts days; "totaal binnen
  geldigheidsduur" (6) allows the volume once. Care not delivered early may thus be declared later, never more;
- a tariff is agreed for the product in the assignment's unit (the amount is volume * tariff, integer cents).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kernel.errors import Refused
from services.care.domain.codes import PER_DAY, PER_MONTH, PER_WEEK, TOTAL


@dataclass(frozen=True)
class Claim:
    period_start: date
    period_end: date
    volume: int


def frequency_periods(frequency: str, first_day: date, last_day: date) -> int:
    """How many periods of `frequency` (WMO757) the days `first_day`..`last_day` (inclusive) span."""
    days = (last_day - first_day).days + 1
    if days <= 0:
        return 0
    if frequency == PER_DAY:
        return days
    if frequency == PER_WEEK:
        return -(-days // 7)
    if frequency == PER_MONTH:
        return (last_day.year - first_day.year) * 12 + last_day.month - first_day.month + 1
    if frequency == TOTAL:
        return 1
    raise Refused(f"frequency {frequency!r} is not in code list WMO757 (1, 2, 4 or 6)")


def volume_ceiling(volume: int, frequency: str, assignment_start: date, through: date) -> int:
    """The most that may have been declared in total for the assignment's days up to and including `through`."""
    return volume * frequency_periods(frequency, assignment_start, through)


@dataclass(frozen=True)
class Assigned:
    """What the provider was assigned: the frame a declaration is judged against."""

    volume: int
    frequency: str
    period_start: date
    period_end: date
    care_ended_on: date | None = None


def refusal(
    assigned: Assigned, claim: Claim, declared_before: int, tariff_cents: int | None, today: date
) -> str | None:
    """Why `claim` cannot be declared, or None. `declared_before` is the volume of earlier accepted declarations."""
    if claim.period_start < assigned.period_start or claim.period_end > assigned.period_end:
        return (
            f"9307/9308: the period {claim.period_start} to {claim.period_end} lies outside the assignment period "
            f"{assigned.period_start} to {assigned.period_end}"
        )
    if claim.period_end > today:
        return f"the period ends on {claim.period_end}, after today ({today}): only delivered care is declared"
    if assigned.care_ended_on is not None and claim.period_end > assigned.care_ended_on:
        return f"care ended on {assigned.care_ended_on}: nothing can be declared after that day"
    if tariff_cents is None:
        return "no tariff is agreed for this product and unit"
    try:
        ceiling = volume_ceiling(assigned.volume, assigned.frequency, assigned.period_start, claim.period_end)
    except Refused as exc:
        return str(exc)
    if declared_before + claim.volume > ceiling:
        return (
            f"9321/9322: {declared_before} already declared plus {claim.volume} exceeds the assigned "
            f"{ceiling} up to {claim.period_end}"
        )
    return None
