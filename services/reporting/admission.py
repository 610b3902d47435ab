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
from uuid import UUID

from pydantic import BaseModel

from contracts.bounds import FIRST_DAY, LAST_DAY
from contracts.events.base import IntegrationEvent

BIGINT = 2**63 - 1


def refusal(event: IntegrationEvent) -> str | None:
    """Why reporting cannot store this fact, or None when it can."""
    return None if _fits(event) else _refusal(event, "")


def _fits(data: Any) -> bool:
    """`_refusal(data) is None`, without naming where: the check runs on every fact a rebuild replays, and the
    paths it built for every field cost a third of it (issue 14); only a refused fact is walked again to name one."""
    kind = type(data)
    if kind in _LEAVES:
        return True
    if kind is int:
        return -BIGINT <= data <= BIGINT
    if kind is date:
        return FIRST_DAY <= data <= LAST_DAY
    if isinstance(data, BaseModel):
        values: Any = data.__dict__.values()  # its fields' values (a superset would only refuse more: named below)
    elif isinstance(data, dict):
        values = data.values()
    elif isinstance(data, list | tuple):
        values = data
    elif isinstance(data, int) and not isinstance(data, bool):
        return _fits(int(data))
    elif isinstance(data, date) and not isinstance(data, datetime):
        return _fits(date(data.year, data.month, data.day))
    else:
        return True
    for value in values:  # noqa: SIM110 (a loop, not all() over a generator: a third of the time)
        if type(value) not in _LEAVES and not _fits(value):
            return False
    return True


def _refusal(data: Any, path: str) -> str | None:
    """Walks the values themselves, not a dump of them: the check runs on every fact a rebuild replays, and
    building a dict per fact to read it once cost more than the check (issue 14)."""
    kind = type(data)
    if kind in _LEAVES:
        return None
    if kind is int:
        return (
            None if abs(data) <= BIGINT else f"{path} = {data} lies outside what reporting can count (a 64-bit integer)"
        )
    if kind is date:
        if FIRST_DAY <= data <= LAST_DAY:
            return None
        return f"{path} = {data.isoformat()} lies outside the reporting window {FIRST_DAY} to {LAST_DAY}"
    if isinstance(data, BaseModel):
        pairs: Any = ((f"{path}.{name}" if path else name, getattr(data, name)) for name in type(data).model_fields)
    elif isinstance(data, dict):
        pairs = ((f"{path}.{key}" if path else str(key), value) for key, value in data.items())
    elif isinstance(data, list | tuple):
        pairs = ((f"{path}[{index}]", value) for index, value in enumerate(data))
    elif isinstance(data, int) and not isinstance(data, bool):
        return _refusal(int(data), path)  # an int subclass (an IntEnum)
    elif isinstance(data, date) and not isinstance(data, datetime):
        return _refusal(date(data.year, data.month, data.day), path)
    else:
        return None
    for where, value in pairs:
        if type(value) in _LEAVES:
            continue
        reason = _refusal(value, where)
        if reason is not None:
            return reason
    return None


_LEAVES = frozenset({str, bool, float, datetime, UUID, type(None)})
