"""The reference provider's thin auto-policy: what it does with an assignment the moment it arrives."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from services.care.domain.assignment import Assignment


def auto_start_date(period_start: date, period_end: date, today: date) -> date | None:
    """Care starts on the first day of the period, or today when that is later.

    None when the period has already ended: the assignment can no longer be started.
    """
    start = max(period_start, today)
    return start if start <= period_end else None


def respond(assignment: Assignment, served_providers: Collection[str], today: date) -> None:
    """Accept on receipt and start care when the assignment is for a provider this system serves;
    reject it otherwise (a provider only acts on its own assignments)."""
    if assignment.provider_id not in served_providers:
        assignment.reject(f"provider {assignment.provider_id!r} is not served by this system")
        return
    assignment.accept()
    start = auto_start_date(assignment.period_start, assignment.period_end, today)
    if start is not None:
        assignment.start(start)
