"""`wijk status`: health, readiness, lag, throughput and dead letters of every service of a running stack.

It reads only `/health`, `/ready` and `/metrics`, the routes every service serves without a token. On a terminal
rich redraws the table every `--interval` seconds until Ctrl-C. Otherwise (a log, a pipe, a test) it samples
twice, `--interval` apart (throughput is a difference), prints the table once and exits: 0 when every service
is healthy and ready, 1 when one is not.

Consumer lag is the group's (every instance reports the same partitions; each is counted once), relay lag the
outbox's; throughput is facts applied (in) and published (out) per second by that instance.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx
from prometheus_client.parser import text_string_to_metric_families
from rich.console import Console
from rich.live import Live
from rich.table import Table

TIMEOUT = 3.0


@dataclass
class Probe:
    """One instance at one moment."""

    name: str
    url: str
    at: float = field(default_factory=time.monotonic)
    health: str = "down"
    ready: bool = False
    failing: list[str] = field(default_factory=list)
    relay_lag: float | None = None
    consumer_lag: dict[tuple[str, str, str], float] = field(default_factory=dict)
    applied: float = 0.0
    published: float = 0.0
    dead_letters: float = 0.0

    @property
    def ok(self) -> bool:
        return self.health == "ok" and self.ready


async def probe(client: httpx.AsyncClient, name: str, url: str) -> Probe:
    found = Probe(name, url)
    with contextlib.suppress(httpx.HTTPError, ValueError):
        health = await client.get(f"{url}/health")
        found.health = "ok" if health.status_code == 200 else f"HTTP {health.status_code}"
        ready = await client.get(f"{url}/ready")
        checks = ready.json().get("checks", {})
        found.ready = ready.status_code == 200
        found.failing = sorted(check for check, passed in checks.items() if not passed)
        read_metrics(found, (await client.get(f"{url}/metrics")).text)
    return found


def read_metrics(found: Probe, text: str) -> None:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels, value = sample.labels, sample.value
            if sample.name == "wijk_relay_lag_notifications":
                found.relay_lag = value
            elif sample.name == "wijk_consumer_lag_messages":
                found.consumer_lag[(labels["group"], labels["topic"], labels["partition"])] = value
            elif sample.name == "wijk_inbox_processed_total":
                found.applied += value
            elif sample.name == "wijk_relay_published_total":
                found.published += value
            elif sample.name == "wijk_dead_letters_total":
                found.dead_letters += value


async def sample(urls: Mapping[str, str]) -> dict[str, Probe]:
    async with httpx.AsyncClient(timeout=TIMEOUT) as client:
        probes = await asyncio.gather(*(probe(client, name, url) for name, url in urls.items()))
    return {p.name: p for p in probes}


def table(now: Mapping[str, Probe], before: Mapping[str, Probe] | None) -> Table:
    grid = Table(title="wijk status", title_justify="left")
    for column in ("service", "url", "health", "ready", "relay lag", "consumer lag", "in/s", "out/s", "dead letters"):
        grid.add_column(column, justify="left" if column in ("service", "url", "health", "ready") else "right")
    for name, probe_ in now.items():
        earlier = (before or {}).get(name)
        grid.add_row(
            name, probe_.url, _health(probe_), _ready(probe_),
            "-" if probe_.relay_lag is None else f"{probe_.relay_lag:.0f}",
            f"{sum(probe_.consumer_lag.values()):.0f}" if probe_.consumer_lag else "-",
            _rate(probe_, earlier, "applied"), _rate(probe_, earlier, "published"),
            f"{probe_.dead_letters:.0f}" if probe_.health == "ok" else "-",
        )  # fmt: skip
    return grid


def _health(found: Probe) -> str:
    return "[green]ok[/]" if found.health == "ok" else f"[red]{found.health}[/]"


def _ready(found: Probe) -> str:
    if found.ready:
        return "[green]ready[/]"
    return f"[red]not ready: {', '.join(found.failing)}[/]" if found.failing else "[red]no[/]"


def _rate(now: Probe, before: Probe | None, figure: str) -> str:
    if before is None or now.health != "ok" or before.health != "ok":
        return "-"
    seconds = max(now.at - before.at, 1e-6)
    return f"{max(getattr(now, figure) - getattr(before, figure), 0) / seconds:.1f}"


async def watch(urls: Mapping[str, str], interval: float, console: Console) -> int:
    """Redraw the table every `interval` seconds until Ctrl-C."""
    before = await sample(urls)
    with Live(table(before, None), console=console, auto_refresh=False) as live:
        while True:
            await asyncio.sleep(interval)
            now = await sample(urls)
            live.update(table(now, before), refresh=True)
            before = now


async def once(urls: Mapping[str, str], interval: float, console: Console) -> int:
    before = await sample(urls)
    await asyncio.sleep(interval)
    now = await sample(urls)
    console.print(table(now, before))
    down = [name for name, found in now.items() if not found.ok]
    if down:
        console.print(f"not healthy and ready: {', '.join(down)}")
    return 1 if down else 0


def command(urls: Mapping[str, str], interval: float, live: bool | None = None, console: Console | None = None) -> int:
    console = console or Console()
    if live is None:
        live = console.is_terminal
    try:
        return asyncio.run((watch if live else once)(urls, interval, console))
    except KeyboardInterrupt:
        return 0
