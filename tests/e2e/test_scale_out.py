"""Scale-out on the embedded stack: two instances of planning and of budget share the work during a simulated
year; the relay leader of each is killed with SIGKILL mid-run. The council's figures equal a clean run's, and every
service holds exactly the events of the clean run: nothing lost, nothing applied twice."""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from kernel.clock import SIMULATED_CLOCK_ENV, read_clock, set_clock
from tests.support.infra import TEST_FETCH_WAIT_MS
from tests.support.state import exact_state, normalised
from tooling.embedded_stack import EmbeddedStack
from tooling.ports import free_port
from tooling.simulate_scenario import Municipality
from tooling.simulate_settle import BusWatch
from tooling.simulate_year import simulate_year
from wijk.settings import SERVICES

pytestmark = pytest.mark.e2e
YEAR, HOUSEHOLDS, SEED = 2027, 10, 4
SCALED = ("planning", "budget")
KILL_ON = date(YEAR, 4, 1)


def stack_for(data: Path, scaled: bool) -> EmbeddedStack:
    replicas = {name: [free_port()] for name in SCALED} if scaled else {}
    ports = {name: free_port() for name in SERVICES}
    return EmbeddedStack(data, broker_port=free_port(), ports=ports, replicas=replicas)


def leads(stack: EmbeddedStack, instance: str) -> bool:
    text = httpx.get(f"{stack.url(instance)}/metrics", timeout=5).text
    return any(line.startswith("wijk_relay_leader") and float(line.split()[-1]) == 1 for line in text.splitlines())


async def kill_leaders_when(stack: EmbeddedStack, clock: Path, killed: dict[str, int]) -> None:
    """SIGKILL the relay leader of each scaled service once the simulated calendar reaches KILL_ON."""
    while read_clock(clock).day < KILL_ON:
        await asyncio.sleep(0.2)
    pids = stack.supervisor.pids()
    for name in SCALED:
        leader = name if leads(stack, name) else f"{name}-2"
        os.kill(pids[leader], signal.SIGKILL)
        killed[name] = pids[leader]


async def play(data: Path, scaled: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    almere, clock = Municipality.load("almere"), data / "clock.json"
    set_clock(clock, date(YEAR, 1, 2))
    monkeypatch.setenv(SIMULATED_CLOCK_ENV, str(clock))
    monkeypatch.setenv("WIJK_INTAKE_TERM_CHECK_SECONDS", str(24 * 3600))
    monkeypatch.setenv("WIJK_DEBT_TERM_CHECK_SECONDS", str(24 * 3600))
    monkeypatch.setenv("WIJK_MUNICIPALITY_CONFIG", almere.setting)
    monkeypatch.setenv("WIJK_LOG_LEVEL", "WARNING")
    monkeypatch.setenv("WIJK_CONSUMER_FETCH_WAIT_MS", str(TEST_FETCH_WAIT_MS))  # a simulated day settles hop by hop
    stack, killed = stack_for(data, scaled), {}
    stack.postgres.start()
    stack.postgres.reset_database()
    stack.start(say=lambda _: None)
    watch = BusWatch(stack.settings())
    try:
        urls = {name: stack.url(name) for name in SERVICES}
        if scaled:  # HTTP is stateless: the simulator talks to the instance that will survive
            urls.update({name: stack.url(name if not leads(stack, name) else f"{name}-2") for name in SCALED})
        killer = asyncio.create_task(kill_leaders_when(stack, clock, killed)) if scaled else None
        result = await simulate_year(
            urls, stack.broker.bootstrap, watch, clock, almere, HOUSEHOLDS, SEED, YEAR, stack.auth(), say=lambda _: None
        )
        if killer is not None:
            await killer
        return {**result, "state": normalised(await exact_state(stack.settings())), "killed": killed}
    finally:
        await watch.close()
        stack.stop()


@pytest.mark.timeout(900)
async def test_two_instances_with_their_relay_leaders_killed_end_as_a_clean_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = await play(tmp_path / "clean", scaled=False, monkeypatch=monkeypatch)
    scaled = await play(tmp_path / "scaled", scaled=True, monkeypatch=monkeypatch)

    figures = {k: v for k, v in scaled["summary"].items() if isinstance(v, int)}
    print(f"scale-out: killed {scaled['killed']} on {KILL_ON}; figures {figures}; year end {scaled['year_end']}")
    assert set(scaled["killed"]) == set(SCALED), "a relay leader of planning and of budget was killed mid-run"
    assert scaled["summary"]["care_started"] >= 1
    assert (scaled["summary"], scaled["teams"]) == (clean["summary"], clean["teams"])
    assert scaled["simulated"] == clean["simulated"] and scaled["year_end"] == clean["year_end"]
    assert scaled["state"] == clean["state"], "every service holds the clean run's events, none twice"
