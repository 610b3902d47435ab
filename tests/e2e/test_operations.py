"""What an operator runs against the embedded stack, as processes: `wijk status` lists every service with its
health, readiness and lag; `wijk trace` prints the span tree of a household that went through the stack, from
the span files the services wrote (no Docker, no trace backend)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from contracts.events.care import CareStarted
from contracts.topics import facts
from tests.support.bus import facts_now
from tests.support.infra import TEST_FETCH_WAIT_MS
from tooling.bench import one_household
from tooling.embedded_stack import EmbeddedStack
from tooling.ports import free_port
from tooling.simulate_scenario import Municipality
from wijk.settings import SERVICES

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
TOUCHED = {"intake", "planning", "budget", "backoffice", "care", "reporting"}
"""Services a melding that ends in care passes: the case, the plan and decision, the money, the beschikking and
assignment, the start of care, and the council's count of each."""


def services_in(shown: str) -> set[str]:
    """The services `wijk trace` names on its last line."""
    return set(shown.rsplit("services: ", 1)[-1].strip().split(", ")) if "services: " in shown else set()


def wijk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tooling.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStack]:
    """A stack of its own, as `wijk up` starts it (child processes, each writing its own span file): the shared
    test stack runs the services inside the test process, with one tracer for all of them."""
    saved = dict(os.environ)
    os.environ.update({"WIJK_MUNICIPALITY_CONFIG": Municipality.load("almere").setting, "WIJK_LOG_LEVEL": "WARNING",
                       "WIJK_CONSUMER_SESSION_TIMEOUT_MS": "2000",
                       "WIJK_CONSUMER_FETCH_WAIT_MS": str(TEST_FETCH_WAIT_MS)})  # fmt: skip
    stack = EmbeddedStack(
        tmp_path_factory.mktemp("ops") / "data", broker_port=free_port(), ports={n: free_port() for n in SERVICES}
    )
    try:
        stack.start(say=lambda _: None)
        yield stack
    finally:
        stack.stop()
        os.environ.clear()
        os.environ.update(saved)


async def a_household_until_care_started(stack: EmbeddedStack) -> str:
    urls = {name: stack.url(name) for name in SERVICES}
    async with httpx.AsyncClient(timeout=30, auth=stack.auth()) as client:
        household, _ = await one_household(client, urls, 1, 2026)
    for _ in range(60):
        if any(isinstance(f, CareStarted) for f in await facts_now(stack.broker.bootstrap, facts("care"), [household])):
            return household
        await asyncio.sleep(1)
    raise AssertionError(f"care did not start for {household}")


@pytest.mark.timeout(600)
def test_wijk_trace_prints_the_span_tree_of_every_service_a_household_touched(running: EmbeddedStack) -> None:
    household = asyncio.run(a_household_until_care_started(running))
    for _ in range(30):  # reporting counts the last facts, and every process writes its spans within a second
        shown = wijk("trace", household, "--data", str(running.data_dir))
        if shown.returncode == 0 and services_in(shown.stdout) >= TOUCHED:
            break
        time.sleep(1)
    print(shown.stdout)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert services_in(shown.stdout) >= TOUCHED, f"missing from the traces: {TOUCHED - services_in(shown.stdout)}"
    assert "POST /support-requests" in shown.stdout  # the HTTP span, named after its route template
    assert " ms" in shown.stdout and "└── " in shown.stdout  # timings, in a tree
    other = wijk("trace", "00000000-0000-0000-0000-000000000000", "--data", str(running.data_dir))
    assert other.returncode == 1 and "no trace" in other.stdout


def test_wijk_status_prints_every_service_of_a_running_stack_once_when_not_a_terminal(running: EmbeddedStack) -> None:
    urls = [f"--url={name}={running.url(name)}" for name in SERVICES]
    shown = wijk("status", *urls, "--interval", "0.5")
    print(shown.stdout)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    rows = [line for line in shown.stdout.splitlines() if "http://127.0.0.1:" in line]
    assert [row.split()[1] for row in rows] == list(SERVICES)
    assert all(" ok " in row and " ready " in row for row in rows)
    assert "\r" not in shown.stdout and "\x1b[" not in shown.stdout  # one plain table for a log, no redraws
