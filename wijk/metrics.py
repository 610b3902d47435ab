"""Prometheus metrics of one service instance, kept by prometheus_client and served at `/metrics`.

Each instance has a registry of its own (the tests run the seven services in one process), and every series
carries the `service` label; Prometheus adds `instance` when it scrapes, so N instances of a service are N
targets whose counters add up. Figures that describe the service rather than the instance (relay lag, consumer
lag per group and partition) read the same in every instance: take their `max`, not their `sum`.

Cardinality stays bounded: routes are templates (`/plans/{plan_id}`), never paths; event types are the contract's;
the upstream of a fact is one of our services or `partner`; nothing is labelled by household.

What is measured where: HTTP durations in `wijk.http.TraceMiddleware`; handling time and the lag of each hop
(`ce_time` to applied) in `wijk.consumer.Inbox`; consumer lag in `wijk.consumer_lag`; the rest (relay lag and
leadership, inbox totals, dead letters by kind, the access log) is read from the running parts when scraped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, Gauge, Histogram, disable_created_metrics, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4
HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
HANDLE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
HOP_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 1800.0)
SYSTEM_MARK = ":systeem:"
Refresh = Callable[[], Awaitable[None]]
disable_created_metrics()  # `_created` series double the exposition and no dashboard of ours reads them


class ServiceMetrics:
    """The registry of one service instance and the instruments the platform's parts observe."""

    def __init__(self, service: str, services: Iterable[str] = ()) -> None:
        self.service = service
        self.services = frozenset(services)
        """Our own services: a fact's upstream label is one of them, or `partner`."""
        self.registry = CollectorRegistry()
        self._refreshes: list[Refresh] = []
        registry = self.registry
        self.http = Histogram(
            "wijk_http_request_duration_seconds", "HTTP request duration by route template, method and status.",
            ["service", "method", "route", "status"], buckets=HTTP_BUCKETS, registry=registry,
        )  # fmt: skip
        self.handling = Histogram(
            "wijk_inbox_handle_seconds", "Time to handle one fact, by consumer group and event type (all attempts).",
            ["service", "group", "event_type"], buckets=HANDLE_BUCKETS, registry=registry,
        )  # fmt: skip
        self.hop = Histogram(
            "wijk_event_hop_lag_seconds", "End-to-end lag of one hop: the fact's ce_time until it was applied here.",
            ["service", "group", "upstream"], buckets=HOP_BUCKETS, registry=registry,
        )  # fmt: skip
        self.consumer_lag = Gauge(
            "wijk_consumer_lag_messages", "Messages not yet consumed: end offset minus committed offset, per "
            "consumer group and partition (read periodically; the same in every instance).",
            ["service", "group", "topic", "partition"], registry=registry,
        )  # fmt: skip
        self.relay_lag = Gauge(
            "wijk_relay_lag_notifications", "Outbox notifications not yet published (the same in all instances).",
            ["service"], registry=registry,
        )  # fmt: skip

    def request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.http.labels(self.service, method, route, str(status)).observe(seconds)

    def handled(self, group: str, event_type: str, source: str, event_time: datetime, seconds: float) -> None:
        """One fact applied: how long the handler took and how long the fact travelled since it was recorded."""
        self.handling.labels(self.service, group, event_type).observe(seconds)
        if event_time.tzinfo is None:
            event_time = event_time.replace(tzinfo=UTC)
        travelled = time.time() - event_time.timestamp()
        self.hop.labels(self.service, group, self.upstream(source)).observe(max(travelled, 0.0))

    def upstream(self, source: str) -> str:
        """`urn:nld:oin:<OIN>:systeem:planning` is planning; anything else (a partner) is `partner`."""
        _, mark, system = source.rpartition(SYSTEM_MARK)
        return system if mark and system in self.services else "partner"

    def on_scrape(self, refresh: Refresh) -> None:
        """Run `refresh` before every exposition (figures read from the store, like the relay's lag)."""
        self._refreshes.append(refresh)

    def add(self, collector: Collector) -> None:
        """Figures read from the running parts when scraped (counts they keep anyway): no cost per message."""
        self.registry.register(collector)

    async def exposition(self) -> bytes:
        """The Prometheus text format; a refresh that fails leaves its figure at its last value and is logged."""
        for refresh in self._refreshes:
            try:
                await refresh()
            except Exception as exc:  # a scrape must answer even while the store is down
                log.warning("%s: metrics refresh failed: %s", self.service, exc)
        return generate_latest(self.registry)


class Figures:
    """A collector whose metric families come from a function called at scrape time."""

    def __init__(self, families: Callable[[], Iterable[Metric]]) -> None:
        self.families = families

    def collect(self) -> Iterable[Metric]:
        return self.families()
