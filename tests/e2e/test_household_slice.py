"""One household's melding travels through all seven services over the real bus, in one trace."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests.support.scenario import MELDINGEN, decide, open_cases, until_care_started
from tests.support.stack import Stack
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
    await stack.start()
    [household] = await open_cases(stack, MELDINGEN[:1])
    await decide(stack, [household], continue_trace=True)
    summary = await until_care_started(stack, count=1, debt_referrals=1)

    assert summary["cases_opened"] == 1 and summary["decisions"] == 1
    assert summary["funds_reserved_cents"] == 240_000
    async with httpx.AsyncClient(timeout=10) as client:
        team = (await client.get(f"{stack.url('reporting')}/teams/{household.team_id}")).json()
        budget = (await client.get(f"{stack.url('budget')}/budgets/{household.team_id}/2026/wmo")).json()
        plan = (await client.get(f"{stack.url('planning')}/plans/{household.plan_id}")).json()
        intake_metrics = (await client.get(f"{stack.url('intake')}/metrics")).text
        planning_metrics = (await client.get(f"{stack.url('planning')}/metrics")).text
    assert team["care_started"] == 1 and team["debt_referrals"] == 1
    assert budget["reserved_cents"] == 240_000
    assert budget["remaining_cents"] == budget["allocated_cents"] - 240_000
    assert plan["decisions"][0]["status"] == "funds_reserved"
    assert 'wijk_relay_lag_notifications{service="intake"} 0\n' in intake_metrics
    assert 'wijk_inbox_dead_lettered_total{service="planning"} 0\n' in planning_metrics

    trace_id = household.traceparent.split("-")[1]
    touched = {
        span.attributes.get("wijk.service")
        for span in spans.get_finished_spans()
        if format(span.context.trace_id, "032x") == trace_id and span.attributes
    }
    assert touched >= set(SERVICES), f"services missing from the trace: {set(SERVICES) - touched}"
