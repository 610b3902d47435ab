"""The span file exporter (`wijk.span_file`) writes what OpenTelemetry's OTLP JSON file exporter writes, key for key,
for spans of every shape a service makes and more: `wijk trace` and any OTLP JSON reader read both alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from opentelemetry import trace
from opentelemetry.exporter.otlp.json.file.trace_exporter import _encode_spans_to_dict
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import Link, NonRecordingSpan, SpanContext, SpanKind, Status, StatusCode, TraceFlags
from opentelemetry.trace.span import TraceState

from tooling.trace import read_spans
from wijk.span_file import SpanFileExporter, encode

pytestmark = pytest.mark.unit


def spans_of_every_shape() -> list[ReadableSpan]:
    provider = TracerProvider(resource=Resource.create({"service.name": "planning", "wijk.instance": 2}))
    memory = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(memory))
    inbox, relay = provider.get_tracer("wijk.consumer"), provider.get_tracer("wijk.relay", "1.0", "https://s/1")
    state = TraceState([("k", "v")])
    remote = SpanContext(0xABC, 0xDEF, is_remote=True, trace_flags=TraceFlags(1), trace_state=state)
    caller = trace.set_span_in_context(NonRecordingSpan(remote))
    with inbox.start_as_current_span("planning handle x", context=caller):
        batch = [Link(remote, {"why": "batch"})]
        with relay.start_as_current_span("relay y", kind=SpanKind.PRODUCER, links=batch) as s:
            s.set_attributes({"cloudevents.event_subject": "5b0c", "n": 3, "ok": False, "share": 0.25, "zero": 0})
            s.set_attribute("tags", ["a", "b"])
            s.set_attribute("counts", (1, 2))
            s.set_attribute("nan", float("nan"))
            s.set_attribute("empty", "")
            s.add_event("retry", {"attempt": 2})
            s.add_event("bare")
        with inbox.start_as_current_span("failed", kind=SpanKind.CONSUMER) as failed:
            failed.set_status(Status(StatusCode.ERROR, "kapot"))
            failed.record_exception(ValueError("nee"))
        with inbox.start_as_current_span("fine", kind=SpanKind.SERVER) as fine:
            fine.set_status(Status(StatusCode.OK))
    with provider.get_tracer("").start_as_current_span(""):
        pass  # an unnamed scope and span
    provider.shutdown()
    return list(memory.get_finished_spans())


def test_the_encoding_is_opentelemetrys_own() -> None:
    spans = spans_of_every_shape()
    ours = encode(spans)
    assert json.dumps(ours) == json.dumps(_encode_spans_to_dict(spans)), "same keys, same order, same values"
    assert encode([]) is None


def test_wijk_trace_reads_the_file(tmp_path: Path) -> None:
    spans = spans_of_every_shape()
    exporter = SpanFileExporter(tmp_path / "planning.jsonl")
    exporter.export(spans[:2])
    exporter.export(spans[2:])
    exporter.shutdown()
    read = list(read_spans(tmp_path))
    assert [(s.name, s.span_id) for s in read] == [(s.name, format(s.context.span_id, "016x")) for s in spans]
    relay = next(s for s in read if s.name == "relay y")
    assert relay.attributes["cloudevents.event_subject"] == "5b0c" and relay.service == "planning"
    assert next(s for s in read if s.name == "failed").failed
