"""Rebuild: empty the read model and replay every fact topic from the start, then prove the result equals the
live state it replaced, figure for figure, before keeping it.

1. Read every fact topic from the beginning up to its current end (progress bar), once per CloudEvents id.
2. Wait until the live inbox has recorded all of them (it may lag a little).
3. In one transaction: lock `reporting.fact` against the live inbox (it waits; readers do not), note the live
   facts and every report's figures, read on for facts the live side had and the first read had not seen,
   TRUNCATE, insert the replayed rows (progress bar), compute every report again and compare.
4. Equal: commit. Different: roll back, so the live state stays, unless asked to keep the rebuild anyway.

Facts published after step 1 that the live inbox has not recorded yet are held back: they were not part of the
state being replaced, and the live inbox records them once the lock is released. TRUNCATE, not DROP: the live
service's prepared statements stay valid.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from dataclasses import dataclass, field
from typing import Any, TextIO

import asyncpg

from services.reporting import queries
from services.reporting.assemble import Reports
from services.reporting.context import MunicipalityContext, load_context
from services.reporting.filters import ReportFilter
from services.reporting.progress import ProgressBar
from services.reporting.replay import FactRow, Replay, TopicReader
from wijk.db import create_pool
from wijk.settings import PlatformSettings

BATCH = 500


@dataclass
class RebuildOutcome:
    messages: int = 0
    facts: int = 0
    skipped: int = 0
    live_facts: int = 0
    held_back: int = 0
    live_lag: int = 0
    differences: list[str] = field(default_factory=list)
    kept: bool = False

    @property
    def equal(self) -> bool:
        return not self.differences

    def describe(self) -> str:
        lines = [
            f"read {self.messages} messages: {self.facts} facts replayed, {self.skipped} not valid facts skipped",
            f"live state replaced: {self.live_facts} facts; held back (published meanwhile): {self.held_back}",
            "result: equal to the live state, figure for figure" if self.equal else "result: DIFFERENT from live",
            *(f"  {difference}" for difference in self.differences[:20]),
            "rebuild kept" if self.kept else "rebuild rolled back: the live state is unchanged",
        ]
        return "\n".join(lines)


async def figures(db: queries.Db, context: MunicipalityContext) -> dict[str, Any]:
    """Every report's figures for everything so far, as JSON-ready data: what a rebuild must reproduce."""
    report = await Reports(db, context).accountability(ReportFilter())
    counted = {row["type"]: row["facts"] for row in await queries.facts_by_type(db, None)}
    return {"facts": counted, "report": report.model_dump(mode="json")}


def differences(before: Any, after: Any, path: str = "") -> list[str]:
    """Where two JSON-like values differ, as readable paths."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in sorted(set(before) | set(after), key=str):
            found += differences(before.get(key), after.get(key), f"{path}.{key}" if path else str(key))
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            d for i, (b, a) in enumerate(zip(before, after, strict=True)) for d in differences(b, a, f"{path}[{i}]")
        ]
    return [] if before == after else [f"{path}: live {before!r}, rebuilt {after!r}"]


async def wait_for_live(pool: asyncpg.Pool, ids: list[str], seconds: float) -> int:
    """Wait until the live inbox has recorded every id; returns how many it still lacks at the deadline."""
    deadline = time.monotonic() + seconds
    while True:
        known = await pool.fetchval("SELECT count(*) FROM reporting.fact WHERE event_id = ANY($1::text[])", ids)
        if known >= len(ids) or time.monotonic() > deadline:
            return len(ids) - int(known)
        await asyncio.sleep(0.25)


async def rebuild(
    settings: PlatformSettings,
    stream: TextIO | None = None,
    catch_up_seconds: float = 30.0,
    keep_if_different: bool = False,
) -> RebuildOutcome:
    stream = stream or sys.stderr
    # An operator's batch: its one transaction replays everything, so no statement or lock timeout cuts it short.
    unhurried = settings.model_copy(update={"pg_statement_timeout_seconds": 0, "pg_lock_timeout_seconds": 0})
    pool = await create_pool(unhurried)
    try:
        await queries.create_schema(pool)
        async with TopicReader(settings.kafka_bootstrap) as reader:
            return await _rebuild(pool, reader, load_context(settings), stream, catch_up_seconds, keep_if_different)
    finally:
        await pool.close()


async def _rebuild(
    pool: asyncpg.Pool,
    reader: TopicReader,
    context: MunicipalityContext,
    stream: TextIO,
    catch_up_seconds: float,
    keep: bool,
) -> RebuildOutcome:
    replay, outcome = Replay(), RebuildOutcome()
    bar = ProgressBar("reading fact topics", await reader.size(), stream)
    await reader.read_until(replay, await reader.ends(), bar.advance)
    bar.close()
    first_read = set(replay.facts)
    outcome.live_lag = await wait_for_live(pool, list(first_read), catch_up_seconds)
    with contextlib.suppress(_RollBack):  # rolled back: the live state is unchanged
        await _replace(pool, reader, replay, first_read, context, stream, outcome, keep)
    return outcome


async def _replace(
    pool: asyncpg.Pool,
    reader: TopicReader,
    replay: Replay,
    first_read: set[str],
    context: MunicipalityContext,
    stream: TextIO,
    outcome: RebuildOutcome,
    keep: bool,
) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("LOCK TABLE reporting.fact IN EXCLUSIVE MODE")
        live = {row["event_id"] for row in await conn.fetch("SELECT event_id FROM reporting.fact")}
        if live - first_read:
            await reader.read_until(replay, await reader.ends())
        rows = [row for event_id, row in replay.facts.items() if event_id in first_read or event_id in live]
        before = await figures(conn, context)
        await conn.execute("TRUNCATE reporting.fact")
        await _insert(conn, rows, stream)
        after = await figures(conn, context)
        outcome.messages, outcome.skipped, outcome.facts = replay.messages, replay.skipped, len(rows)
        outcome.live_facts, outcome.held_back = len(live), len(replay.facts) - len(rows)
        outcome.differences = differences(before, after)
        outcome.kept = outcome.equal or keep
        if not outcome.kept:
            raise _RollBack


class _RollBack(Exception):
    """Raised inside the transaction to undo it; caught by the caller of `_rebuild`."""


async def _insert(conn: asyncpg.Connection, rows: list[FactRow], stream: TextIO) -> None:
    bar = ProgressBar("rebuilding read model", len(rows), stream)
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        await conn.executemany(queries.INSERT_FACT, chunk)
        bar.advance(len(chunk))
    bar.close()
