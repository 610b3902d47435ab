"""What every service holds, read straight from PostgreSQL, to compare a run with a clean one."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from typing import Any

import asyncpg

from wijk.settings import SERVICES, PlatformSettings

EVENT_SOURCED = [s for s in SERVICES if s != "reporting"]


async def connect(settings: PlatformSettings) -> asyncpg.Connection:
    return await asyncpg.connect(
        host=settings.pg_host, port=settings.pg_port, user=settings.pg_user, database=settings.pg_dbname
    )


async def exact_state(settings: PlatformSettings) -> dict[str, Any]:
    """Every stored event (id, version, type) per service and every reporting fact id: for same-run comparisons."""
    conn = await connect(settings)
    try:
        state: dict[str, Any] = {}
        for service in EVENT_SOURCED:
            rows = await conn.fetch(
                f'SELECT originator_id::text, originator_version, topic FROM "{service}"."{service}_events"'
            )
            state[service] = sorted(tuple(r) for r in rows)
        state["reporting"] = sorted(tuple(r) for r in await conn.fetch("SELECT event_id, type FROM reporting.fact"))
        return state
    finally:
        await conn.close()


def normalised(state: dict[str, Any]) -> dict[str, Counter[str]]:
    """How many events of each kind each service holds: comparable across runs with different random ids."""
    counts = {service: Counter(row[2].rsplit(":", 1)[-1] for row in state[service]) for service in EVENT_SOURCED}
    counts["reporting"] = Counter(row[1] for row in state["reporting"])
    return counts


async def settled(settings: PlatformSettings, quiet: float = 1.5, timeout: float = 90) -> dict[str, Any]:
    """The exact state once it has stopped changing for `quiet` seconds: every follow-up fact has been handled."""
    deadline = time.monotonic() + timeout
    previous = await exact_state(settings)
    while True:
        await asyncio.sleep(quiet)
        current = await exact_state(settings)
        if current == previous:
            return current
        if time.monotonic() > deadline:
            raise AssertionError(f"the services were still changing after {timeout}s")
        previous = current


def differences(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """Per service, what only `before` and only `after` holds: a readable message for a failed comparison."""
    found = {}
    for service in sorted(set(before) | set(after)):
        old, new = set(before.get(service, ())), set(after.get(service, ()))
        if old != new:
            found[service] = {"only_before": sorted(old - new)[:10], "only_after": sorted(new - old)[:10]}
    return found
