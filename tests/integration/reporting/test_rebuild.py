"""Rebuild: replaying every fact topic gives the live state back figure for figure, duplicates included; a live
state that lost a fact is caught (and rolled back, unless asked to keep the rebuild); the CLI prints the outcome.

The reporting stack is shared by reporting's tests, so its topics hold every earlier test's facts (and the
messages they dead-lettered): a rebuild replays all of them, and the expected counts are read from the bus and
the live store rather than assumed."""

from __future__ import annotations

import asyncio
import io
import os
import sys
from typing import Any

import pytest

from contracts.topics import FACT_TOPICS
from services.reporting.rebuild import rebuild
from tests.integration.reporting.facts import fact_count, facts_recorded
from tests.integration.reporting.year import a_year, publish_year
from tests.support.bus import Publisher, headers_of, read_topic, redeliver
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


async def live_figures(stack: Stack) -> dict[str, Any]:
    async with stack.client("reporting") as client:
        return {
            "report": (await client.get("/report")).json(),
            "facts": (await client.get("/facts/count")).json(),
        }


async def on_the_bus(stack: Stack) -> tuple[int, int]:
    """Every message on the fact topics, and how many of them are not facts reporting recorded (dead letters)."""
    pool = stack["reporting"].pool
    assert pool is not None
    recorded = {row["event_id"] for row in await pool.fetch("SELECT event_id FROM reporting.fact")}
    records = [r for topic in FACT_TOPICS for r in await read_topic(stack.bootstrap, topic)]
    return len(records), sum(1 for r in records if headers_of(r).get("ce_id") not in recorded)


async def year_recorded_twice(stack: Stack) -> tuple[int, int]:
    """Publish a year, then deliver every message a second time; returns the year and the facts it published."""
    year, before = a_year(), await fact_count(stack)
    async with Publisher(stack.settings.kafka_bootstrap) as bus:
        published = await publish_year(bus, year)
    await facts_recorded(stack, published, before)
    inbox = stack["reporting"].inbox
    assert inbox is not None
    handled = inbox.processed + inbox.dead_lettered
    copies = await redeliver(stack.settings.kafka_bootstrap, list(FACT_TOPICS))
    assert sum(copies.values()) >= published

    async def processed() -> int:
        return inbox.processed + inbox.dead_lettered

    await eventually(processed, lambda n: n >= handled + sum(copies.values()), timeout=60)
    return year, published


async def test_a_rebuild_equals_the_live_state_and_duplicates_count_once(reporting_stack: Stack) -> None:
    stack = reporting_stack
    await year_recorded_twice(stack)
    before = await live_figures(stack)
    messages, not_recorded = await on_the_bus(stack)
    progress = io.StringIO()

    outcome = await rebuild(stack.settings, progress, catch_up_seconds=10)

    after = await live_figures(stack)
    live = before["facts"]["facts"]
    assert outcome.equal and outcome.kept, outcome.describe()
    assert (outcome.messages, outcome.facts, outcome.live_facts, outcome.skipped) == (
        messages,
        live,
        live,
        not_recorded,
    )
    assert messages >= 2 * live and after == before
    assert "reading fact topics" in progress.getvalue() and f"{live}/{live}" in progress.getvalue()


async def test_a_live_state_that_lost_a_fact_is_caught_and_kept_only_when_asked(reporting_stack: Stack) -> None:
    stack = reporting_stack
    year, _ = await year_recorded_twice(stack)
    pool = stack["reporting"].pool
    assert pool is not None
    live = await fact_count(stack)
    await pool.execute(
        "DELETE FROM reporting.fact WHERE event_id = (SELECT event_id FROM reporting.fact "
        "WHERE type = 'nl.wijkteam.intake.satisfaction-recorded.v1' ORDER BY event_id LIMIT 1)"
    )

    refused = await rebuild(stack.settings, io.StringIO(), catch_up_seconds=1)
    unchanged = await live_figures(stack)
    kept = await rebuild(stack.settings, io.StringIO(), catch_up_seconds=1, keep_if_different=True)
    repaired = await live_figures(stack)

    assert not refused.equal and not refused.kept and refused.live_lag == 1
    assert any("satisfaction" in d for d in refused.differences), refused.differences
    assert unchanged["facts"]["facts"] == live - 1
    assert kept.kept and repaired["facts"]["facts"] == live
    async with stack.client("reporting") as client:
        satisfaction = (await client.get("/report/satisfaction", params={"year": year})).json()
    assert satisfaction["total"]["answers"] == 3


async def test_the_cli_rebuilds_and_prints_the_outcome(reporting_stack: Stack) -> None:
    stack, year, before = reporting_stack, a_year(), await fact_count(reporting_stack)
    async with Publisher(stack.settings.kafka_bootstrap) as bus:
        published = await publish_year(bus, year)
    live = await facts_recorded(stack, published, before)
    s = stack.settings
    env = {
        **os.environ,
        "WIJK_KAFKA_BOOTSTRAP": s.kafka_bootstrap,
        "WIJK_PG_HOST": s.pg_host,
        "WIJK_PG_PORT": str(s.pg_port),
        "WIJK_PG_USER": s.pg_user,
        "WIJK_PG_PASSWORD": s.pg_password,
        "WIJK_PG_DBNAME": s.pg_dbname,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tooling.cli", "reporting", "rebuild", env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, err.decode()
    assert "equal to the live state" in out.decode() and f"{live} facts replayed" in out.decode()
    assert "rebuilding read model" in err.decode()


async def test_a_kept_rebuild_writes_back_only_the_rows_that_changed(reporting_stack: Stack) -> None:
    """A row read from another Kafka position is no difference but is written back; a row that says something
    else is a difference; a row that is the same keeps its `recorded_at` (it is not written again)."""
    stack = reporting_stack
    await year_recorded_twice(stack)
    pool = stack["reporting"].pool
    assert pool is not None
    columns = "event_id, partition, kafka_offset, data, recorded_at"
    moved, changed, same = await pool.fetch(
        f"SELECT {columns} FROM reporting.fact WHERE type = 'nl.wijkteam.intake.satisfaction-recorded.v1' "
        "ORDER BY recorded_at DESC, event_id LIMIT 3"
    )
    await pool.execute(
        "UPDATE reporting.fact SET kafka_offset = kafka_offset + 1000000 WHERE event_id = $1", moved["event_id"]
    )
    await pool.execute("""UPDATE reporting.fact SET data = data || '{"score": 0}' WHERE event_id = $1""",
                       changed["event_id"])  # fmt: skip

    outcome = await rebuild(stack.settings, io.StringIO(), catch_up_seconds=1, keep_if_different=True)
    again = await rebuild(stack.settings, io.StringIO(), catch_up_seconds=1)

    assert outcome.kept and not outcome.equal
    assert any(changed["event_id"] in d for d in outcome.differences), outcome.differences
    assert not any(moved["event_id"] in d for d in outcome.differences), outcome.differences
    ids = [row["event_id"] for row in (moved, changed, same)]
    after = {row["event_id"]: row for row in await pool.fetch(
        f"SELECT {columns} FROM reporting.fact WHERE event_id = ANY($1::text[])", ids)}  # fmt: skip
    for before in (moved, changed, same):
        assert {k: after[before["event_id"]][k] for k in ("partition", "kafka_offset", "data")} == {
            k: before[k] for k in ("partition", "kafka_offset", "data")
        }
    assert after[same["event_id"]]["recorded_at"] == same["recorded_at"]
    assert after[changed["event_id"]]["recorded_at"] > changed["recorded_at"]
    assert again.equal and again.kept, again.describe()
