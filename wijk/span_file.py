"""The local span file (`WIJK_OTEL_TRACES_FILE`, read by `wijk trace`): OTLP JSON lines, one per batch of spans.

OpenTelemetry's own file exporter (`opentelemetry-exporter-otlp-json-file`) builds a dataclass of the OTLP JSON
schema for every span, attribute and value and then turns each into a dict: about 49 us a span on a quiet box
(`python -m tooling.bench_telemetry`), with some 140 spans a household. This exporter writes the same dicts
directly from the SDK's spans: the same OTLP JSON, key for key (a test compares the two on spans of every shape),
so `wijk trace` and any OTLP JSON reader read it alike.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from opentelemetry.sdk.util.instrumentation import InstrumentationScope
from opentelemetry.trace import SpanContext

log = logging.getLogger(__name__)

_JSON = json.JSONEncoder(separators=(",", ":"), check_circular=False)
"""As OpenTelemetry's exporter writes it; a batch is a tree of fresh dicts, so no check for cycles is needed."""
HAS_IS_REMOTE, IS_REMOTE = 0x100, 0x200
"""OTLP's span flags: whether the parent is known to be remote, and whether it is."""


def _value(value: Any) -> dict[str, Any]:
    """An OTLP JSON AnyValue, as OTLP's proto JSON mapping writes it (64-bit integers as text)."""
    if isinstance(value, str):
        return {"stringValue": value}
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int):
        return {"intValue": str(value)}
    if isinstance(value, float):
        return {"doubleValue": _double(value)}
    if value is None:
        return {}
    if isinstance(value, bytes):
        return {"bytesValue": base64.b64encode(value).decode("ascii")}
    if isinstance(value, Sequence):
        return {"arrayValue": {"values": [_value(v) for v in value]} if value else {}}
    if isinstance(value, Mapping):
        pairs = [{"key": str(k), "value": _value(v)} for k, v in value.items()]
        return {"kvlistValue": {"values": pairs} if pairs else {}}
    raise TypeError(f"Invalid type {type(value)} of value {value}")


def _double(value: float) -> float | str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def _attributes(attributes: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    pairs = []
    for key, value in (attributes or {}).items():
        if type(value) is str:  # the common case first
            pairs.append({"key": key, "value": {"stringValue": value}})
            continue
        try:
            pairs.append({"key": key, "value": _value(value)})
        except Exception:  # as OpenTelemetry's encoder: the attribute is left out, the span kept
            log.exception("Failed to encode key %s", key)
    return pairs


def _flags(parent: SpanContext | None) -> int:
    return HAS_IS_REMOTE | IS_REMOTE if parent is not None and parent.is_remote else HAS_IS_REMOTE


def _span(span: ReadableSpan) -> dict[str, Any]:
    context, parent = span.get_span_context(), span.parent
    out: dict[str, Any] = {
        "traceId": format(context.trace_id if context else 0, "032x"),
        "spanId": format(context.span_id if context else 0, "016x"),
    }
    if context is not None and context.trace_state:
        out["traceState"] = ",".join(f"{key}={value}" for key, value in context.trace_state.items())
    if parent is not None:
        out["parentSpanId"] = format(parent.span_id, "016x")
    out["flags"] = _flags(parent)
    if span.name:
        out["name"] = span.name
    out["kind"] = span.kind.value + 1  # OTLP counts from UNSPECIFIED = 0, the SDK from INTERNAL = 0
    if span.start_time:
        out["startTimeUnixNano"] = str(span.start_time)
    if span.end_time:
        out["endTimeUnixNano"] = str(span.end_time)
    if span.attributes:
        out["attributes"] = _attributes(span.attributes)
    if span.dropped_attributes:
        out["droppedAttributesCount"] = span.dropped_attributes
    if span.events:
        out["events"] = [_event(event) for event in span.events]
    if span.dropped_events:
        out["droppedEventsCount"] = span.dropped_events
    if span.links:
        out["links"] = [_link(link) for link in span.links]
    if span.dropped_links:
        out["droppedLinksCount"] = span.dropped_links
    status: dict[str, Any] = {}
    if span.status.description:
        status["message"] = span.status.description
    if span.status.status_code.value:
        status["code"] = span.status.status_code.value
    out["status"] = status
    return out


def _event(event: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if event.timestamp:
        out["timeUnixNano"] = str(event.timestamp)
    if event.name:
        out["name"] = event.name
    if event.attributes:
        out["attributes"] = _attributes(event.attributes)
    if event.dropped_attributes:
        out["droppedAttributesCount"] = event.dropped_attributes
    return out


def _link(link: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "traceId": format(link.context.trace_id, "032x"),
        "spanId": format(link.context.span_id, "016x"),
    }
    if link.attributes:
        out["attributes"] = _attributes(link.attributes)
    if link.dropped_attributes:
        out["droppedAttributesCount"] = link.dropped_attributes
    out["flags"] = _flags(link.context)
    return out


def _scope(scope: InstrumentationScope | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if scope is None:
        return out
    if scope.name:
        out["name"] = scope.name
    if scope.version:
        out["version"] = scope.version
    if scope.attributes:
        out["attributes"] = _attributes(scope.attributes)
    return out


def encode(spans: Sequence[ReadableSpan]) -> dict[str, Any] | None:
    """The spans as one OTLP JSON `ExportTraceServiceRequest`, grouped by resource and instrumentation scope (None
    for no spans). A process has one resource, so grouping by the object is grouping by its content."""
    # Grouped by the objects themselves: a Resource hashes by a JSON dump of its attributes, for every span.
    grouped: dict[int, tuple[Resource, dict[int, tuple[InstrumentationScope | None, list[dict[str, Any]]]]]] = {}
    for span in spans:
        resource, scope = span.resource, span.instrumentation_scope or None
        by_scope = grouped.setdefault(id(resource), (resource, {}))[1]
        by_scope.setdefault(id(scope), (scope, []))[1].append(_span(span))
    if not grouped:
        return None
    resource_spans = []
    for resource, by_scope in grouped.values():
        scope_spans = []
        for scope, encoded in by_scope.values():
            entry: dict[str, Any] = {"scope": _scope(scope), "spans": encoded}
            if scope is not None and scope.schema_url:
                entry["schemaUrl"] = scope.schema_url
            scope_spans.append(entry)
        attributes = _attributes(resource.attributes)
        entry = {"resource": {"attributes": attributes} if attributes else {}, "scopeSpans": scope_spans}
        if resource.schema_url:
            entry["schemaUrl"] = resource.schema_url
        resource_spans.append(entry)
    return {"resourceSpans": resource_spans}


class SpanFileExporter(SpanExporter):
    """Appends each batch of spans to a file as one OTLP JSON line."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._stream = path.open("a", encoding="utf-8")
        self._lock = threading.Lock()

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        try:
            encoded = encode(spans)
            line = _JSON.encode(encoded) + "\n" if encoded is not None else ""
            with self._lock:
                if self._stream.closed:
                    return SpanExportResult.FAILURE
                self._stream.write(line)
                self._stream.flush()
        except Exception:
            log.exception("Failed to write a batch of spans to the span file")
            return SpanExportResult.FAILURE
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        with self._lock:
            self._stream.close()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True
