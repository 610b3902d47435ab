"""One household's melding travels through all seven services over the real bus, in one trace."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from contracts.events.backoffice import DecisionLetterIssued
from contracts.events.budget import FundsReserved
from contracts.events.intake import CaseOpened
from contracts.events.planning import DecisionTaken
from contracts.topics import dead_letter, facts
from tests.support.bus import facts_now, ours, read_until_idle
from tests.support.scenario import MELDINGEN, decide, open_cases, reported, until_care_started
from tests.support.stack import Stack, eventually
from wijk import telemetry
from wijk.settings import SERVICES

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def exporter() -> InMemorySpanExporter:
    spans = InMemorySpanExporter()
    telemetry.add_span_processor(SimpleSpanProcessor(spans))
    return spans


@pytest.fixture
def spans(exporter: InMemorySpanExporter) -> Iterator[InMemorySpanExporter]:
    exporter.clear()
    yield exporter
    exporter.clear()


async def test_a_melding_becomes_a_case_a_plan_a_decision_money_a_letter_and_care(stack: Stack, spans) -> None:
    [household] = await open_cases(stack, MELDINGEN[:1])
    await decide(stack, [household], continue_trace=True)
    await until_care_started(stack, [household], [household])
    kinds = (CaseOpened.type, DecisionTaken.type, DecisionLetterIssued.type)
    everything = await eventually(  # reporting reads each service's topic at its own pace
        lambda: reported(stack, [household]), lambda found: all(found[household.household_id][k] for k in kinds)
    )
    assert [everything[household.household_id][k] for k in kinds] == [1, 1, 1]  # each fact counted once
    [reserved] = [f for f in await facts_now(stack.bootstrap, facts("budget"), of=[household.household_id])
                  if isinstance(f, FundsReserved)]  # fmt: skip
    assert (str(reserved.decision_id), reserved.amount_cents) == (household.decision_id, 240_000)
    async with httpx.AsyncClient(timeout=10, auth=stack.every_service()) as client:
        plan = (await client.get(f"{stack.url('planning')}/plans/{household.plan_id}")).json()
        intake_metrics = (await client.get(f"{stack.url('intake')}/metrics")).text
    assert plan["decisions"][0]["status"] == "funds_reserved"
    assert 'wijk_relay_lag_notifications{service="intake"} 0.0\n' in intake_metrics
    parked = ours(
        await read_until_idle(stack.bootstrap, *(dead_letter(name) for name in SERVICES)), [household.household_id]
    )
    assert parked == []  # nothing of this household went to any service's dead-letter topic
    trace_id = household.traceparent.split("-")[1]
    touched = {
        span.attributes.get("wijk.service")
        for span in spans.get_finished_spans()
        if format(span.context.trace_id, "032x") == trace_id and span.attributes
    }
    assert touched >= set(SERVICES), f"services missing from the trace: {set(SERVICES) - touched}"
