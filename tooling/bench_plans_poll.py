"""What one `GET /plans?household_id=` costs planning: its process's CPU per request, the poll `wijk bench`'s driver
sends every 50 ms for each household in flight (issue 14).

An embedded stack (as `wijk bench` starts it), a few households taken to a decision the way the bench's driver
does, then rounds of polls of their plans, 8 at a time with one token as the driver sends them; planning's CPU
(its process tree, from /proc) per request. `GET /plans/{id}` is measured the same way. Run it from a checkout
to measure that checkout's planning:

    .venv/bin/python -m tooling.bench_plans_poll --households 8 --requests 2000 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from tooling.bench import one_household
from tooling.bench_cpu import cpu_seconds
from tooling.simulate_steps import CLIENT_LIMITS, checked
from wijk.settings import SERVICES

CONCURRENCY = 8


async def polls(client: httpx.AsyncClient, urls: list[str], requests: int) -> None:
    queue = iter(range(requests))

    async def worker() -> None:
        for number in queue:
            checked(await client.get(urls[number % len(urls)]))

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))


async def measure(stack: Any, households: int, requests: int, rounds: int) -> dict[str, list[float]]:
    urls = {name: stack.url(name) for name in SERVICES}
    planning = {"planning": stack.supervisor.pids()["planning"]}
    year = datetime.now(UTC).year
    figures: dict[str, list[float]] = {"list": [], "one": []}
    async with httpx.AsyncClient(timeout=60, auth=stack.auth(), limits=CLIENT_LIMITS) as client:
        done = [await one_household(client, urls, number, year) for number in range(households)]
        lists = [f"{urls['planning']}/plans?household_id={household}" for household, _ in done]
        plans = [checked(await client.get(url)).json()[0]["plan_id"] for url in lists]
        ones = [f"{urls['planning']}/plans/{plan}" for plan in plans]
        await polls(client, lists + ones, 200)  # warm: routes built, keys and tokens cached
        for _ in range(rounds):
            for kind, targets in (("list", lists), ("one", ones)):
                before = cpu_seconds(planning)["planning"]
                await polls(client, targets, requests)
                figures[kind].append((cpu_seconds(planning)["planning"] - before) * 1e6 / requests)
    return figures


def main() -> None:
    from tooling.simulate_run import start_stack

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--households", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000, help="requests per round and kind")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="wijk-poll-") as data:
        stack = start_stack(Path(data), None, say=lambda *_: None)
        try:
            figures = asyncio.run(measure(stack, args.households, args.requests, args.rounds))
        finally:
            stack.stop()
    for kind, path in (("list", "GET /plans?household_id="), ("one", "GET /plans/{id}")):
        shown = " / ".join(f"{us:,.0f}" for us in figures[kind])
        print(f"{path:<26} planning CPU per request, us: {shown}")
    print(f"{time.monotonic() - began:.0f} s")


if __name__ == "__main__":
    main()
