"""Rebuild: replaying every fact topic gives the live state back figure for figure, duplicates included; a live
state that lost a fact is caught (and rolled back, unless asked to keep the rebuild); the CLI prints the outcome."""

from __future__ import annotations

import asyncio
import io
import os
import sys
from typing import Any

import httpx
import pytest

from contracts.topics import FACT_TOPICS
from services.reporting.rebuild import rebuild
from tests.integration.reporting.facts import facts_recorded
from tests.integration.reporting.year import publish_year
from tests.support.bus import Publisher, redeliver
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


async def live_figures(stack: Stack) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=stack.url("reporting")) as client:
        return {
            "report": (await client.get("/report")).json(),
            "facts": (await client.get("/facts/count")).json(),
        }


async def year_recorded_twice(stack: Stack) -> int:
    """Publish the year, then deliver every message a second time; returns the number of distinct facts."""
    await stack.start(["reporting"])
    async with Publisher(stack.settings.kafka_bootstrap) as bus:
        published = await publish_year(bus)
    await facts_recorded(stack, published)
    copies = await redeliver(stack.settings.kafka_bootstrap, list(FACT_TOPICS))
    inbox = stack["reporting"].inbox
    assert inbox is not None and sum(copies.values()) == published

    async def handled() -> int:
        return inbox.processed

    await eventually(handled, lambda n: n >= 2 * published, timeout=60)
    return published


async def test_a_rebuild_equals_the_live_state_and_duplicates_count_once(stack: Stack) -> None:
    published = await year_recorded_twice(stack)
    before = await live_figures(stack)
    progress = io.StringIO()

    outcome = await rebuild(stack.settings, progress, catch_up_seconds=10)

    after = await live_figures(stack)
    assert outcome.equal and outcome.kept, outcome.describe()
    assert (outcome.messages, outcome.facts, outcome.live_facts, outcome.skipped) == (
        2 * published,
        published,
        published,
        0,
    )
    assert before["facts"]["facts"] == published and after == before
    assert "reading fact topics" in progress.getvalue() and f"{published}/{published}" in progress.getvalue()


async def test_a_live_state_that_lost_a_fact_is_caught_and_kept_only_when_asked(stack: Stack) -> None:
    published = await year_recorded_twice(stack)
    pool = stack["reporting"].pool
    assert pool is not None
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
    assert unchanged["facts"]["facts"] == published - 1
    assert kept.kept and repaired["facts"]["facts"] == published
    assert repaired["report"]["satisfaction"]["total"]["answers"] == 3


async def test_the_cli_rebuilds_and_prints_the_outcome(stack: Stack) -> None:
    await stack.start(["reporting"])
    async with Publisher(stack.settings.kafka_bootstrap) as bus:
        published = await publish_year(bus)
    await facts_recorded(stack, published)
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
    assert "equal to the live state" in out.decode() and f"{published} facts replayed" in out.decode()
    assert "rebuilding read model" in err.decode()
