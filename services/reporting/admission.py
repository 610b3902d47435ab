"""Which facts reporting stores: a fact it cannot count is dead-lettered with the reason, never stored.

Facts are immutable and a rebuild imports every fact again, so one fact the report queries cannot handle would
break every report for good: a decision of 10^19 cents made every council report answer 500 (its amount did not fit
a bigint). The contract's bounds keep such facts out of a valid v1 fact; this check is reporting's own, for what its
SQL needs whatever a contract version allows: every whole number fits a bigint and every day lies in the window
reports can be asked about. Sums are computed in `numeric`, so no total overflows either.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from contracts.bounds import FIRST_DAY, LAST_DAY
from contracts.events.base import IntegrationEvent

BIGINT = 2**63 - 1


def refusal(event: IntegrationEvent) -> str | None:
    """Why reporting cannot store this fact, or None when it can."""
    for name, value in _values(event.model_dump(), ""):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > BIGINT:
            return f"{name} = {value} lies outside what reporting can count (a 64-bit integer)"
        if isinstance(value, date) and not isinstance(value, datetime) and not FIRST_DAY <= value <= LAST_DAY:
            return f"{name} = {value.isoformat()} lies outside the reporting window {FIRST_DAY} to {LAST_DAY}"
    return None


def _values(data: Any, path: str) -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        return [pair for key, value in data.items() for pair in _values(value, f"{path}.{key}" if path else key)]
    if isinstance(data, list):
        return [pair for index, value in enumerate(data) for pair in _values(value, f"{path}[{index}]")]
    return [(path, data)]
