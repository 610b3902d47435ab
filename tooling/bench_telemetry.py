"""What the metrics and the local span files cost per observation: `python -m tooling.bench_telemetry`.

CPU per household in `wijk bench` varies by 10-15% between runs on a shared box, far more than this costs, so
it is measured here, one observation at a time, and multiplied by the counts per household (docs/operations.md).
"""

from __future__ import annotations

import asyncio
import io
import timeit
from datetime import UTC, datetime

from opentelemetry.exporter.otlp.json.file.trace_exporter import FileSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from contracts.envelope import source_urn
from wijk.metrics import ServiceMetrics
from wijk.settings import SERVICES

ROUNDS = 100_000
OIN = "00000001003214345000"  # a municipality OIN (Almere), for realistic source labels


def per_call(job: object, number: int) -> float:
    return timeit.timeit(job, number=number) / number  # type: ignore[arg-type]


def best_per_call(job: object, number: int, repeat: int = 5) -> float:
    """The fastest of `repeat` rounds: a shared box's other load only ever adds time."""
    return min(timeit.repeat(job, number=number, repeat=repeat)) / number  # type: ignore[arg-type]


def busy_registry() -> ServiceMetrics:
    """A service after a while: 20 routes x 3 statuses, 12 event types, 40 partitions of lag."""
    metrics, now = ServiceMetrics("planning", SERVICES), datetime.now(UTC)
    for route in range(20):
        for status in (200, 201, 422):
            metrics.request("GET", f"/r{route}/{{id}}", status, 0.01)
    for kind in range(12):
        metrics.handled("planning", f"type{kind}", source_urn("intake", OIN), now, 0.01)
    for partition in range(40):
        metrics.consumer_lag.labels("planning", "planning", f"t{partition // 4}", str(partition % 4)).set(0)
    return metrics


def our_spans(count: int) -> list[ReadableSpan]:
    """Spans shaped like an inbox's: a name and four attributes."""
    provider, memory = TracerProvider(resource=Resource.create({"service.name": "planning"})), InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(memory))
    tracer = provider.get_tracer("wijk.consumer")
    for _ in range(count):
        with tracer.start_as_current_span("planning handle nl.wijkteam.intake.case-opened.v1") as span:
            span.set_attribute("wijk.service", "planning")
            span.set_attribute("cloudevents.event_id", "6f0d5a8e-2b7c-4c1e-9a43-8d2f3b9e7a10")
            span.set_attribute("cloudevents.event_subject", "5b0c6a1e-0000-4000-8000-000000000001")
            span.set_attribute("messaging.destination.name", "nl.wijkteam.intake.facts")
    return list(memory.get_finished_spans())


def main() -> None:
    metrics, now, source = ServiceMetrics("planning", SERVICES), datetime.now(UTC), source_urn("intake", OIN)
    request = per_call(lambda: metrics.request("POST", "/plans/{plan_id}/decisions", 201, 0.012), ROUNDS)
    fact = per_call(lambda: metrics.handled("planning", "t", source, now, 0.004), ROUNDS)
    busy = busy_registry()
    scrape = per_call(lambda: asyncio.run(busy.exposition()), 100)
    spans, sink = our_spans(512), io.StringIO()
    exporter = FileSpanExporter(stream=sink)
    export = best_per_call(lambda: exporter.export(spans), 10) / len(spans)
    print(f"metrics per HTTP request     {request * 1e6:7.2f} us")
    print(f"metrics per fact handled     {fact * 1e6:7.2f} us")
    print(f"one scrape of a busy service {scrape * 1e3:7.2f} ms ({len(asyncio.run(busy.exposition()))} bytes)")
    print(f"span file export per span    {export * 1e6:7.2f} us")


if __name__ == "__main__":
    main()
