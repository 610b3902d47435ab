"""`wijk trace` reads the OTLP JSON lines OpenTelemetry's file exporter writes and prints a household's traces."""

from __future__ import annotations

from pathlib import Path

import pytest
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from rich.console import Console

from tooling.trace import command, read_spans, traces_of
from wijk.telemetry import file_exporter

pytestmark = pytest.mark.unit
HOUSEHOLD = "5b0c6a1e-0000-4000-8000-000000000001"


def write_spans(folder: Path, service: str, household: str) -> str:
    """A request about a household, its relay span and a span of another household's trace; the trace id."""
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(SimpleSpanProcessor(file_exporter(folder / f"{service}.jsonl")))
    tracer = provider.get_tracer("test")
    with (
        tracer.start_as_current_span("POST /support-requests") as request,
        tracer.start_as_current_span("relay nl.wijkteam.intake.case-opened.v1") as relay,
    ):
        relay.set_attribute("cloudevents.event_subject", household)
    with tracer.start_as_current_span("GET /health"):
        pass
    provider.shutdown()
    return format(request.get_span_context().trace_id, "032x")


def test_the_traces_in_which_a_span_names_the_household_are_found_whole(tmp_path: Path) -> None:
    trace_id = write_spans(tmp_path, "intake", HOUSEHOLD)
    with (tmp_path / "intake.jsonl").open("a") as cut:
        cut.write('{"resourceSpans": [')  # a process killed mid-write leaves half a line
    found = traces_of(read_spans(tmp_path), HOUSEHOLD)
    assert list(found) == [trace_id]
    names = sorted(s.name for s in found[trace_id])
    assert names == ["POST /support-requests", "relay nl.wijkteam.intake.case-opened.v1"]
    assert {s.service for s in found[trace_id]} == {"intake"}


def test_the_tree_nests_children_under_their_parent_with_timings(tmp_path: Path) -> None:
    write_spans(tmp_path, "intake", HOUSEHOLD)
    console = Console(record=True, width=160)
    assert command(HOUSEHOLD, tmp_path, console) == 2  # no traces/ folder yet
    (tmp_path / "traces").mkdir()
    write_spans(tmp_path / "traces", "intake", HOUSEHOLD)
    assert command(HOUSEHOLD, tmp_path, console) == 0
    lines = console.export_text().splitlines()
    [request] = [line for line in lines if "POST /support-requests" in line]
    [relay] = [line for line in lines if "relay nl.wijkteam" in line]
    assert request.index("POST") < relay.index("relay")  # indented below its parent
    assert " ms" in relay and "intake" in relay
    assert lines[-1].endswith("services: intake")


def test_a_household_no_span_names_is_said_so(tmp_path: Path) -> None:
    (tmp_path / "traces").mkdir()
    write_spans(tmp_path / "traces", "intake", HOUSEHOLD)
    console = Console(record=True, width=160)
    assert command("another-household", tmp_path, console) == 1
    assert "no trace" in console.export_text()
