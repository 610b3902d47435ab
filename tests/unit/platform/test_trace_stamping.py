"""Stored events carry the trace context of the command that caused them, and only the relay sees it."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.trace import TracerProvider

from wijk.eventstore import TRACE_KEY, TraceStampingTranscoder, stored_trace_context

pytestmark = pytest.mark.unit


def test_state_is_stamped_inside_a_span_and_the_stamp_is_stripped_on_decode() -> None:
    transcoder = TraceStampingTranscoder()
    with TracerProvider().get_tracer("t").start_as_current_span("command") as span:
        state = transcoder.encode({"team_id": "wijkteam-haven"})
    carrier = stored_trace_context(state)
    assert carrier["traceparent"].split("-")[1] == format(span.get_span_context().trace_id, "032x")
    assert transcoder.decode(state) == {"team_id": "wijkteam-haven"}


def test_without_a_span_nothing_is_stamped() -> None:
    state = TraceStampingTranscoder().encode({"a": 1})
    assert TRACE_KEY.encode() not in state
    assert stored_trace_context(state) == {}
    assert stored_trace_context(b"\x00not json") == {}
