"""The figures a running service keeps anyway, exposed when scraped: relay lag and leadership, inbox totals, dead
letters by kind and the access log. Nothing here costs anything per message; the relay's lag costs one query of
the store per scrape.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING

from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric

from wijk.auth.wiring import access_metrics
from wijk.metrics import Figures
from wijk.parked import KINDS

SERVICE = ["service"]
DEAD_LETTER_KINDS = KINDS
"""Always exposed, at 0 until the first one: a rate over a series that appears late misses its first letter."""

if TYPE_CHECKING:
    from wijk.service import ServiceRuntime


def install(runtime: ServiceRuntime) -> None:
    """Expose `runtime`'s figures on its metrics registry."""
    runtime.metrics.add(Figures(lambda: figures(runtime)))
    runtime.metrics.on_scrape(lambda: refresh_relay_lag(runtime))
    runtime.metrics.on_scrape(lambda: refresh_parked(runtime))


async def refresh_parked(runtime: ServiceRuntime) -> None:
    """Dead letters by group and kind as the parked table counts them: the counts survive a restart."""
    stores = {inbox.parked for inbox in runtime.inboxes if inbox.parked is not None}
    for store in stores:
        counts = await store.counts()
        for inbox in runtime.inboxes:
            if inbox.parked is store:
                inbox.parked_counts = {kind: n for (group, kind), n in counts.items() if group == inbox.group}


def prepare(runtime: ServiceRuntime) -> None:
    """Every (group, event type) an inbox handles is a series from the start, at zero: a histogram that appears only
    with its first observation hides that nothing came, and a rate over it misses the first."""
    for inbox in runtime.inboxes:
        for event_type in inbox.handlers:
            runtime.metrics.handling.labels(runtime.name, inbox.group, event_type)


async def refresh_relay_lag(runtime: ServiceRuntime) -> None:
    """Notifications in the outbox after the relay's recorded position (read from the store: every instance agrees,
    the standby ones included)."""
    if runtime.relay is None or runtime.app is None:
        return
    newest = await asyncio.to_thread(runtime.app.recorder.max_notification_id) or 0
    runtime.metrics.relay_lag.labels(runtime.name).set(max(newest - runtime.relay.position, 0))


def figures(runtime: ServiceRuntime) -> Iterator[Metric]:
    service = runtime.name
    if runtime.relay is not None:
        published = CounterMetricFamily("wijk_relay_published", "Facts this relay published.", labels=SERVICE)
        published.add_metric([service], runtime.relay.published)
        leader = GaugeMetricFamily("wijk_relay_leader", "1 while this instance's relay holds the lock and publishes.",
                                   labels=SERVICE)  # fmt: skip
        leader.add_metric([service], 1.0 if runtime.relay.leadership.held else 0.0)
        yield from (published, leader)
    if runtime.inboxes:
        yield from inbox_figures(runtime)
    for name, value in access_metrics(runtime.access).items():
        kind = CounterMetricFamily if name.endswith("_total") else GaugeMetricFamily
        family = kind(name.removesuffix("_total"), "The access log of reads and commands (NEN 7513).", labels=SERVICE)
        family.add_metric([service], value)
        yield family


def inbox_figures(runtime: ServiceRuntime) -> Iterator[Metric]:
    labels = ["service", "group"]
    processed = CounterMetricFamily("wijk_inbox_processed", "Facts applied, by consumer group.", labels=labels)
    refused = CounterMetricFamily("wijk_inbox_refused", "Facts refused and recorded, not dead-lettered.", labels=labels)
    dead = CounterMetricFamily(
        "wijk_dead_letters", "Messages parked (dead-letter topic and table), by consumer group and kind "
        "(invalid: not a valid fact; forged: not from its topic's publisher; refused: the service will never take "
        "it; failed: it kept failing; held: its sequence jumps past its publisher's). Counted from the table.",
        labels=[*labels, "kind"],
    )  # fmt: skip
    for inbox in runtime.inboxes:
        processed.add_metric([runtime.name, inbox.group], inbox.processed)
        refused.add_metric([runtime.name, inbox.group], inbox.refused)
        counts = inbox.dead_letter_counts()
        for kind in sorted({*DEAD_LETTER_KINDS, *counts}):
            dead.add_metric([runtime.name, inbox.group, kind], counts[kind])
    yield from (processed, refused, dead)
