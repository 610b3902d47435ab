"""Rebuild: empty the read model and replay every fact topic from the start, then prove the result equals the
live state it replaced, fact for fact, before keeping it.

1. Read every fact topic from the beginning up to its current end (progress bar), in large fetches; each fact is
   parsed once (a copy with a CloudEvents id already taken is not parsed again) and COPYed into a temporary
   staging table while the next fetch is parsed.
2. Wait until the live inbox has recorded every staged fact (it may lag a little).
3. In one transaction: lock `reporting.fact` against the live inbox (it waits; readers do not), compare the
   staged facts with the live ones column for column in one query (what every report reads, and where each copy
   was read), read on for facts the live side had and the first read had not seen (then compare again), and make
   `reporting.fact` hold exactly the staged rows (progress bar): when few rows differ, only those are deleted
   and inserted again, so an equal rebuild writes nothing and the recorded facts keep their `recorded_at`; when
   many differ, TRUNCATE and insert every staged row.
4. Equal: commit. Every report is computed from these columns at read time, so equal facts give equal figures.
   Different: the reports are computed on both sides to name the figures that would change, and the transaction
   is rolled back, so the live state stays, unless asked to keep the rebuild anyway.

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

STAGING = "reporting_rebuild_staging"
"""The temporary table (this connection's own) the replayed facts are copied into before the swap."""
FACT_COLUMNS = ["event_id", "type", "source", "subject", "occurred_at", "topic", "partition", "kafka_offset", "data",
                "fact_date"]  # fmt: skip
"""`reporting.fact`'s columns in `fact_row`'s order (`recorded_at` is the moment a row is written)."""
COLUMNS = ", ".join(FACT_COLUMNS)
COMPARED = ("type", "source", "subject", "occurred_at", "topic", "data", "fact_date")
"""What a fact says: the live and rebuilt facts must agree on these; the Kafka position and `recorded_at` may
differ (a redelivered copy, the moment it was recorded) and no report reads them."""
STORED = (*COMPARED, "partition", "kafka_offset")
"""Every column a rebuilt row sets: a row that differs in any of them is written again."""
FULL_SWAP_SHARE = 0.25
"""Above this share of the staged rows changed, the swap TRUNCATEs and inserts every row (and builds the secondary
indexes once) instead of deleting and inserting the changed ones."""
SECONDARY_INDEXES = """SELECT i.indexname, i.indexdef FROM pg_indexes i
JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = 'reporting'::regnamespace
JOIN pg_index x ON x.indexrelid = c.oid
WHERE i.schemaname = 'reporting' AND i.tablename = 'fact' AND NOT x.indisprimary ORDER BY i.indexname"""
"""`reporting.fact`'s indexes but its primary key, with the statements that create them again."""


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
    seconds: dict[str, float] = field(default_factory=dict)
    """Where the time went: read, stage, compare, swap, reports."""

    @property
    def equal(self) -> bool:
        return not self.differences

    def describe(self) -> str:
        lines = [
            f"read {self.messages} messages: {self.facts} facts replayed, {self.skipped} not valid facts skipped",
            f"live state replaced: {self.live_facts} facts; held back (published meanwhile): {self.held_back}",
            "result: equal to the live state, fact for fact and so figure for figure"
            if self.equal
            else "result: DIFFERENT from live",
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


async def wait_for_live(conn: asyncpg.Connection, seconds: float) -> int:
    """Wait until the live inbox has recorded every staged fact; returns how many it still lacks at the deadline."""
    deadline = time.monotonic() + seconds
    while True:
        lacking = await conn.fetchval(
            f"SELECT count(*) FROM {STAGING} s WHERE NOT EXISTS "
            "(SELECT 1 FROM reporting.fact f WHERE f.event_id = s.event_id)"
        )
        if lacking == 0 or time.monotonic() > deadline:
            return int(lacking)
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
    async with pool.acquire() as conn:
        started = time.perf_counter()
        stager = Stager(conn)
        await stager.start()
        try:
            bar = ProgressBar("reading fact topics", await reader.size(), stream)

            def step(records: int) -> None:
                bar.advance(records)
                stager.offer(replay.drain())

            await reader.read_until(replay, await reader.ends(), step)
            bar.close()
            await stager.finish()
            outcome.seconds["read"] = time.perf_counter() - started
            first_read = set(replay.facts)
            outcome.live_lag = await wait_for_live(conn, catch_up_seconds)
            with contextlib.suppress(_RollBack):  # rolled back: the live state is unchanged
                await _replace(conn, reader, replay, first_read, context, stream, outcome, keep)
        finally:
            await stager.close()
    return outcome


class Stager:
    """Copies the replayed rows into a temporary staging table (this connection's own) while the topics are still
    being read: PostgreSQL stores one chunk while the next is parsed."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.queue: asyncio.Queue[list[FactRow] | None] = asyncio.Queue()
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.conn.execute(
            f"DROP TABLE IF EXISTS {STAGING}; CREATE TEMP TABLE {STAGING} (LIKE reporting.fact INCLUDING DEFAULTS)"
        )
        self.task = asyncio.create_task(self._run())

    def offer(self, rows: list[FactRow]) -> None:
        if rows:
            self.queue.put_nowait(rows)

    async def finish(self) -> None:
        """Wait until every offered row is staged."""
        self.queue.put_nowait(None)
        if self.task is not None:
            await self.task

    async def close(self) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        await self.conn.execute(f"DROP TABLE IF EXISTS {STAGING}")

    async def _run(self) -> None:
        while (rows := await self.queue.get()) is not None:
            await copy(self.conn, rows)


async def _replace(
    conn: asyncpg.Connection,
    reader: TopicReader,
    replay: Replay,
    first_read: set[str],
    context: MunicipalityContext,
    stream: TextIO,
    outcome: RebuildOutcome,
    keep: bool,
) -> None:
    async with conn.transaction():
        started = time.perf_counter()
        await conn.execute("LOCK TABLE reporting.fact IN EXCLUSIVE MODE")
        live = await conn.fetchval("SELECT count(*) FROM reporting.fact")
        changes = await fact_changes(conn)
        extra: list[FactRow] = []
        if changes.only_live:  # published meanwhile and recorded by the live inbox already: read on for them
            unread = set(changes.only_live)
            await reader.read_until(replay, await reader.ends())
            extra = [row for event_id, row in replay.facts.items() if event_id in unread]
            await copy(conn, extra)
            changes = await fact_changes(conn)
        kept = len(first_read) + len(extra)
        outcome.messages, outcome.skipped, outcome.facts = replay.messages, replay.skipped, kept
        outcome.live_facts, outcome.held_back = live, len(replay.facts) - kept
        unequal = changes.differences()
        outcome.seconds["compare"] = time.perf_counter() - started
        # Equal facts give equal reports: every report is computed from these columns at read time. Only when the
        # facts differ are the live reports computed too, to name the figures that would change.
        before = await figures(conn, context) if unequal else None
        started = time.perf_counter()
        bar = ProgressBar("rebuilding read model", kept, stream)
        if changes.count > FULL_SWAP_SHARE * kept:
            await replace_all(conn)
        else:
            await replace_changed(conn, changes)
        bar.advance(kept)
        bar.close()
        outcome.seconds["swap"] = time.perf_counter() - started
        if before is not None:
            started = time.perf_counter()
            outcome.differences = differences(before, await figures(conn, context)) + unequal
            outcome.seconds["reports"] = time.perf_counter() - started
        outcome.kept = outcome.equal or keep
        if not outcome.kept:
            raise _RollBack


async def replace_all(conn: asyncpg.Connection) -> None:
    """TRUNCATE `reporting.fact` and insert every staged row. The secondary indexes are built once over the new
    rows, not kept up to date row by row. Dropping them locks out readers, but TRUNCATE did already, until the
    commit."""
    await conn.execute("TRUNCATE reporting.fact")
    indexes = await conn.fetch(SECONDARY_INDEXES)
    for index in indexes:
        await conn.execute(f'DROP INDEX reporting."{index["indexname"]}"')
    await conn.execute(f"INSERT INTO reporting.fact ({COLUMNS}) SELECT {COLUMNS} FROM {STAGING}")
    for index in indexes:
        await conn.execute(index["indexdef"])


async def replace_changed(conn: asyncpg.Connection, changes: FactChanges) -> None:
    """Delete the live rows that differ from the staged ones or are not staged, and insert the staged rows that
    differ or are not live: `reporting.fact` then holds the staged rows, as after `replace_all`."""
    gone, new = changes.live_rows(), changes.staged_rows()
    if gone:
        await conn.execute("DELETE FROM reporting.fact WHERE event_id = ANY($1::text[])", gone)
    if new:
        await conn.execute(
            f"INSERT INTO reporting.fact ({COLUMNS}) SELECT {COLUMNS} FROM {STAGING} WHERE event_id = ANY($1::text[])",
            new,
        )


class _RollBack(Exception):
    """Raised inside the transaction to undo it; caught by the caller of `_replace`."""


async def copy(conn: asyncpg.Connection, rows: list[FactRow]) -> None:
    """COPY rows into the staging table."""
    if rows:
        await conn.copy_records_to_table(STAGING, records=rows, columns=FACT_COLUMNS)


@dataclass
class FactChanges:
    """How the staged rows differ from the live ones, by CloudEvents id and type."""

    only_rebuilt: list[tuple[str, str]] = field(default_factory=list)
    only_live: list[tuple[str, str]] = field(default_factory=list)
    different: list[tuple[str, str]] = field(default_factory=list)
    """In both, but differing in what a fact says (`COMPARED`)."""
    moved: list[tuple[str, str]] = field(default_factory=list)
    """In both and saying the same, read from another Kafka position: not a difference, but written again."""

    @property
    def count(self) -> int:
        return len(self.only_rebuilt) + len(self.only_live) + len(self.different) + len(self.moved)

    def live_rows(self) -> list[str]:
        return [event_id for event_id, _ in (*self.only_live, *self.different, *self.moved)]

    def staged_rows(self) -> list[str]:
        return [event_id for event_id, _ in (*self.only_rebuilt, *self.different, *self.moved)]

    def differences(self, shown: int = 20) -> list[str]:
        """The facts that differ in what reports read (not where or when a copy was delivered): at most `shown`
        of them, and how many more."""
        sides = (
            (self.only_rebuilt, "only in the rebuilt facts"),
            (self.only_live, "only in the live facts"),
            (self.different, "different in each"),
        )
        found = sorted((event_id, kind, where) for rows, where in sides for event_id, kind in rows)
        lines = [f"fact {event_id} ({kind}): {where}" for event_id, kind, where in found[:shown]]
        return lines + ([f"... and {len(found) - shown} more facts"] if len(found) > shown else [])


async def fact_changes(conn: asyncpg.Connection) -> FactChanges:
    """Every fact whose staged row differs from its live one, in one FULL JOIN of the two tables."""
    rows = await conn.fetch(
        f"""
        SELECT CASE WHEN l.event_id IS NULL THEN 'rebuilt' WHEN r.event_id IS NULL THEN 'live'
                    WHEN ({_columns("r", COMPARED)}) IS DISTINCT FROM ({_columns("l", COMPARED)}) THEN 'both'
                    ELSE 'moved' END AS side,
               COALESCE(r.event_id, l.event_id) AS event_id, COALESCE(r.type, l.type) AS type
        FROM {STAGING} r FULL JOIN reporting.fact l ON l.event_id = r.event_id
        WHERE l.event_id IS NULL OR r.event_id IS NULL
           OR ({_columns("r", STORED)}) IS DISTINCT FROM ({_columns("l", STORED)})
        """
    )
    changes = FactChanges()
    sides = {"rebuilt": changes.only_rebuilt, "live": changes.only_live, "both": changes.different,
             "moved": changes.moved}  # fmt: skip
    for row in rows:
        sides[row["side"]].append((row["event_id"], row["type"]))
    return changes


def _columns(table: str, columns: tuple[str, ...]) -> str:
    return ", ".join(f"{table}.{column}" for column in columns)
