"""Traces and structured logs, set up once per process.

Traces follow a household's request across services through the `traceparent` Kafka header (FastStream's
telemetry middleware) and through the stored events (see `wijk.eventstore.TraceStampingTranscoder`).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter

_provider: TracerProvider | None = None
FILE_DELAY_MS = 1000
"""Spans reach the local file within a second (the SDK's default is 5): `wijk trace` right after a request finds it."""


def tracer_provider(service: str = "wijk", otel_endpoint: str = "", traces_file: str = "") -> TracerProvider:
    """The process's tracer provider, created on first use: exports over OTLP/HTTP when an endpoint is set, and
    appends OTLP JSON lines to `traces_file` when one is (the embedded stack's local traces, read by `wijk trace`)."""
    global _provider
    if _provider is None:
        _provider = TracerProvider(resource=Resource.create({"service.name": service}))
        if otel_endpoint:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            exporter = OTLPSpanExporter(endpoint=f"{otel_endpoint.rstrip('/')}/v1/traces")
            _provider.add_span_processor(BatchSpanProcessor(exporter))
        if traces_file:
            exported = BatchSpanProcessor(file_exporter(Path(traces_file)), schedule_delay_millis=FILE_DELAY_MS)
            _provider.add_span_processor(exported)
        trace.set_tracer_provider(_provider)
    return _provider


def file_exporter(path: Path) -> SpanExporter:
    """OpenTelemetry's OTLP JSON file exporter, appending to `path` (one line per batch of spans)."""
    from opentelemetry.exporter.otlp.json.file.trace_exporter import FileSpanExporter

    path.parent.mkdir(parents=True, exist_ok=True)
    return FileSpanExporter(path)


def add_span_processor(processor: SpanProcessor) -> None:
    """Attach another processor (tests attach an in-memory exporter)."""
    tracer_provider().add_span_processor(processor)


def tracer(name: str) -> trace.Tracer:
    return tracer_provider().get_tracer(name)


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line, with the trace id when a span is active."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        span = trace.get_current_span().get_span_context()
        if span.is_valid:
            entry["trace_id"] = format(span.trace_id, "032x")
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonLogFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("aiokafka", "uvicorn.access", "psycopg.pool"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
