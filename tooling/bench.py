"""`wijk bench`: the raw limits and the full pipeline, in one run on the same machine, as ratios.

1. The pipeline: households through every service over the real APIs and bus (melding, client-support offer,
   plan, goal, decision under the mandate; budget reserves, the backoffice sends the beschikking and assigns the
   provider, care starts), 8 at a time, then a few one at a time (the latency of an unloaded platform). Latency
   is from the melding request to CareStarted on care's facts topic, matched by household id (the message key).
   2. Reporting's own rebuild (`services.reporting.rebuild`): every fact topic replayed into the read model and
   proven equal to the live state (facts per second). 3. Raw aiokafka produce and consume with the pipeline's mean
   fact size, and raw asyncpg inserts. Results go to `bench-results/<timestamp>.json`.
"""

from __future__ import annotations

import asyncio
import functools
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer

from contracts.events.care import CareStarted
from contracts.topics import facts
from tooling.bench_cpu import cpu_seconds, per_household, postmaster_pid
from tooling.bench_raw import create_topic, kafka_consume, kafka_produce, pg_commits, pg_inserts, rate
from tooling.bench_rebuild import rebuild_at_scale
from tooling.identity_tokens import acting, user
from tooling.progress import Progress
from tooling.simulate_scenario import Municipality
from tooling.simulate_steps import CLIENT_LIMITS, checked, plan_of, post
from wijk.settings import SERVICES, PlatformSettings

CONCURRENCY = 8
UNLOADED = 10
"""Households sent one at a time after the loaded run: what a household waits when nothing else is going on."""
DECISION_CENTS = 24_000
"""Each household's Wmo decision: small enough that one municipality's budget funds every household of a
`--scale 100,1000,5000` run (Almere Poort's Wmo line of EUR 1.5 million funds 625 decisions of EUR 2,400, a quarter
of the 6,000; a refused reservation starts no care, and the run would measure the wait for it)."""
DRIVER_POLL = 0.05
"""How often the driver asks whether planning has the plan and the offer: short, so the figures are the platform's."""


class CareWatch:
    """Consumes care's facts and notes when care started for each household (by message key)."""

    def __init__(self, bootstrap: str) -> None:
        self.started: dict[str, float] = {}
        self.sizes: list[int] = []
        self.consumer = AIOKafkaConsumer(facts("care"), bootstrap_servers=bootstrap, auto_offset_reset="earliest")

    async def run(self) -> None:
        await self.consumer.start()
        async for message in self.consumer:
            kinds = {k: v.decode() for k, v in message.headers}
            self.sizes.append(len(message.value or b"") + sum(len(k) + len(v) for k, v in message.headers))
            if kinds.get("ce_type") == CareStarted.type and message.key:
                self.started.setdefault(message.key.decode(), time.perf_counter())


@functools.cache
def municipality() -> Municipality:
    """The running stack's municipality (its mandate register says who decides for which team)."""
    return Municipality.load(PlatformSettings().municipality_config or "almere")


async def one_household(client: httpx.AsyncClient, urls: dict[str, str], number: int, year: int) -> tuple[str, float]:
    """One household from melding to decision, each step as a professional of its team with a Wmo mandate (a
    token per professional and service, fetched once and cached)."""
    postcodes = ("1353 AB", "1315 KL", "1341 CD", "1361 EF")
    started = time.perf_counter()
    body = {"postcode": postcodes[number % 4], "members": 2, "life_domains": ["care"], "debt_concern": number % 2 == 0}
    opened = (await post(client, f"{urls['intake']}/support-requests", body)).json()
    await post(client, f"{urls['intake']}/cases/{opened['case_id']}/client-support-offers", {})
    coach = acting(user(municipality().decider(opened["team_id"], "wmo", random.Random(number))))
    plan = await plan_of(client, urls, opened["household_id"], DRIVER_POLL, offered=True, timeout=60)
    goal = {"life_domain": "care", "goal": "A clean, safe home", "own_strength": "Light cleaning by the resident"}
    await post(client, f"{urls['planning']}/plans/{plan['plan_id']}/goals", goal, extensions=coach)
    decision = {
        "provision_code": "wmo-huishoudelijke-ondersteuning", "amount_cents": DECISION_CENTS,
        "period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "life_domain": "care",
    }  # fmt: skip
    plans = f"{urls['planning']}/plans/{plan['plan_id']}/decisions"
    await post(client, plans, decision, extensions=coach)  # the plan knows the offer
    return opened["household_id"], started


async def drive(
    watch: CareWatch, urls: dict[str, str], households: range, concurrency: int, label: str, auth: httpx.Auth
) -> tuple[list[float], float]:
    """Send the households, `concurrency` at a time, and wait for care to start for each: latencies, seconds."""
    gate, year, progress = asyncio.Semaphore(concurrency), datetime.now(UTC).year, Progress(len(households), label)

    async def one(number: int) -> tuple[str, float]:
        async with gate:
            result = await one_household(client, urls, number, year)
            progress.step()
            return result

    async with httpx.AsyncClient(timeout=60, auth=auth, limits=CLIENT_LIMITS) as client:
        started = await asyncio.gather(*(one(n) for n in households))
    progress.done()
    deadline = time.monotonic() + 240
    while sum(h in watch.started for h, _ in started) < len(households) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    latencies = sorted(watch.started[h] - t for h, t in started if h in watch.started)
    first, last = min(t for _, t in started), max(watch.started.get(h, 0.0) for h, _ in started)
    return latencies, last - first


def _percentiles(latencies: list[float]) -> list[float]:
    return statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99


async def pipeline(
    urls: dict[str, str], bootstrap: str, households: int, parts: dict[str, int], auth: httpx.Auth, pg: Any = None
) -> tuple[dict[str, Any], dict[str, float]]:
    """The pipeline's figures, and the CPU milliseconds per household each part of the stack spent on it; with
    `pg` (the database's endpoint), the PostgreSQL transactions committed per household too."""
    watch = CareWatch(bootstrap)
    watcher = asyncio.create_task(watch.run())
    try:
        counted = await pg_commits(pg) if pg is not None else {}
        cpu_before = cpu_seconds(parts)
        loaded, seconds = await drive(watch, urls, range(households), CONCURRENCY, "households", auth)
        cpu = per_household(cpu_before, cpu_seconds(parts), households)
        counts = await pg_commits(pg) if pg is not None else {}
        alone, _ = await drive(watch, urls, range(households, households + UNLOADED), 1, "households one by one", auth)
    finally:
        watcher.cancel()
        await watch.consumer.stop()
    cuts, single = _percentiles(loaded), _percentiles(alone)
    figures = {
        "households": households,
        "care_started": len(loaded),
        "households_per_s": rate(len(loaded), seconds),
        "latency_p50_s": round(cuts[49], 3),
        "latency_p95_s": round(cuts[94], 3),
        "latency_p99_s": round(cuts[98], 3),
        "unloaded_latency_p50_s": round(single[49], 3),
        "unloaded_latency_max_s": round(max(alone, default=0.0), 3),
        "mean_fact_bytes": int(statistics.mean(watch.sizes)) if watch.sizes else 400,
    }
    for name, count in counts.items():
        figures[f"pg_{name}_per_household"] = round((count - counted[name]) / households, 1)
    return figures, cpu


async def reporting_rebuild(settings: PlatformSettings) -> dict[str, Any]:
    """`wijk reporting rebuild` as an operator runs it, timed: replay, compare with live, keep."""
    from services.reporting.rebuild import rebuild

    started = time.perf_counter()
    outcome = await rebuild(settings, io.StringIO())
    seconds = time.perf_counter() - started
    return {
        "facts": outcome.facts,
        "seconds": round(seconds, 2),
        "facts_per_s": rate(outcome.facts, seconds),
        "equal_to_live": outcome.equal,
    }


async def measure(
    stack: Any, households: int, messages: int, rebuild_facts: int = 0, steps: list[int] | None = None
) -> dict[str, Any]:
    urls, bootstrap = {name: stack.url(name) for name in SERVICES}, stack.broker.bootstrap
    auth = stack.auth()  # tokens fetched as real clients do; validated by every service on every request
    async with httpx.AsyncClient(timeout=30, auth=auth, limits=CLIENT_LIMITS) as client:
        before = checked(await client.get(f"{urls['reporting']}/facts/count")).json()["facts"]
    parts = {**stack.supervisor.pids(), "postgres": postmaster_pid(stack.postgres.data_dir),
             "broker": stack.broker.pid, "driver": os.getpid()}  # fmt: skip
    running = {k: v for k, v in parts.items() if v}
    piped, cpu = await pipeline(urls, bootstrap, households, running, auth, stack.postgres.endpoint)
    settled = await settled_fact_count(urls["reporting"], auth)
    piped["facts_per_household"] = round((settled - before) / (households + UNLOADED), 1)
    replay = await reporting_rebuild(stack.settings())
    from tooling.bench_scale import scale  # it drives households as `drive` does

    grown = await scale(urls, bootstrap, parts, steps, households + UNLOADED, auth) if steps else []
    topic = f"bench.raw.{int(time.time())}"
    await create_topic(bootstrap, topic)
    raw = await kafka_produce(bootstrap, topic, messages, piped["mean_fact_bytes"])
    raw |= await kafka_consume(bootstrap, topic, messages)
    raw |= await pg_inserts(stack.postgres.endpoint, 2000, 20_000, piped["mean_fact_bytes"])
    result: dict[str, Any] = {
        "pipeline": piped, "cpu_ms_per_household": cpu, "reporting_rebuild": replay, "raw": raw,
        "ratios": ratios(piped, replay, raw, cpu),
    }  # fmt: skip
    if grown:
        result["scale"] = grown
    if rebuild_facts:  # last: it takes the services off the bus
        scaled = result["rebuild_at_scale"] = await rebuild_at_scale(stack, rebuild_facts)
        result["ratios"]["rebuild_at_scale_vs_raw_consume"] = round(scaled["facts_per_s"] / raw["consume_msg_per_s"], 4)
    return result


async def settled_fact_count(reporting: str, auth: httpx.Auth, timeout: float = 120) -> int:
    """Reporting's fact count once it stops moving: its inbox may still be catching up when care has started."""
    deadline, last = time.monotonic() + timeout, -1
    async with httpx.AsyncClient(timeout=30, auth=auth, limits=CLIENT_LIMITS) as client:
        while True:
            count = int(checked(await client.get(f"{reporting}/facts/count")).json()["facts"])
            if count == last or time.monotonic() > deadline:
                return count
            last = count
            await asyncio.sleep(1.0)


def ratios(
    piped: dict[str, Any], replay: dict[str, Any], raw: dict[str, Any], cpu: dict[str, float]
) -> dict[str, float]:
    facts_per_s = piped["households_per_s"] * piped["facts_per_household"]
    # The CPU ceiling: every core busy, each household costing what this run measured across the whole stack.
    ceiling = _cpus() / (cpu["total"] / 1000) if cpu.get("total") else 0.0
    return {
        "pipeline_households_per_s_vs_cpu_ceiling": round(piped["households_per_s"] / ceiling, 4) if ceiling else 0.0,
        "pipeline_facts_per_s_vs_raw_produce_pipelined": round(facts_per_s / raw["produce_pipelined_msg_per_s"], 4),
        "pipeline_facts_per_s_vs_raw_produce_awaited": round(facts_per_s / raw["produce_awaited_msg_per_s"], 4),
        "pipeline_facts_per_s_vs_raw_consume": round(facts_per_s / raw["consume_msg_per_s"], 4),
        "pipeline_facts_per_s_vs_pg_one_per_txn": round(facts_per_s / raw["pg_insert_one_per_txn_per_s"], 4),
        "rebuild_facts_per_s_vs_raw_consume": round(replay["facts_per_s"] / raw["consume_msg_per_s"], 4),
        "rebuild_facts_per_s_vs_pg_one_per_txn": round(replay["facts_per_s"] / raw["pg_insert_one_per_txn_per_s"], 4),
    }


def command(households: int, messages: int, out: Path, rebuild_facts: int = 0, steps: list[int] | None = None) -> int:
    from tooling.bench_targets import show, targets
    from tooling.simulate_run import start_stack

    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="wijk-bench-") as data:
        stack = start_stack(Path(data), None)
        try:
            result = asyncio.run(measure(stack, households, messages, rebuild_facts, steps))
        finally:
            stack.stop()
    result["seconds"] = round(time.monotonic() - began, 1)
    result["machine"] = {"cpus": _cpus(), "python": sys.version.split()[0]}
    result["load_average"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    result["targets"] = [asdict(t) for t in targets(result)]
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    for section in ("pipeline", "cpu_ms_per_household", "reporting_rebuild", "rebuild_at_scale", "raw", "ratios"):
        if section not in result:
            continue
        print(f"\n{section}:")
        for name, value in result[section].items():
            shown = ("yes" if value else "no") if isinstance(value, bool) else value
            print(f"  {name:<52}{shown:>14}")
    print()
    show(result)
    print(f"\n{result['seconds']} s in all; written to {path}")
    return 0


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0
