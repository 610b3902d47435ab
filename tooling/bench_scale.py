"""`wijk bench --scale 100,1000,5000`: CPU per household as the work grows. The households of each step go through
the same stack after those of the steps before, 8 at a time like the pipeline's, so the last step runs against a
store (plans, budget lines, reporting's facts) that holds every earlier household: a cost that grows with the data
shows as CPU per household that grows from step to step."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from tooling.bench import CONCURRENCY, CareWatch, _percentiles, drive
from tooling.bench_cpu import cpu_seconds, per_household
from tooling.bench_raw import rate
from tooling.bench_targets import platform_cpu


async def scale(
    urls: dict[str, str], bootstrap: str, parts: dict[str, int], steps: list[int], first: int, auth: httpx.Auth
) -> list[dict[str, Any]]:
    """Drive each step's households in turn, numbered on from `first`; the figures of each step."""
    watch = CareWatch(bootstrap)
    watcher = asyncio.create_task(watch.run())
    rows, number = [], first
    try:
        for households in steps:
            began, before = time.monotonic(), cpu_seconds(parts)
            latencies, seconds = await drive(
                watch, urls, range(number, number + households), CONCURRENCY, f"{households} households (scale)", auth
            )
            cpu = per_household(before, cpu_seconds(parts), households)
            number += households
            rows.append({
                "households": households, "care_started": len(latencies), "cpu_ms_per_household": cpu,
                "platform_cpu_ms_per_household": platform_cpu(cpu), "households_per_s": rate(len(latencies), seconds),
                "latency_p99_s": round(_percentiles(latencies)[98], 3) if latencies else 0.0,
                "seconds": round(time.monotonic() - began, 1),
            })  # fmt: skip
    finally:
        watcher.cancel()
        await watch.consumer.stop()
    return rows
