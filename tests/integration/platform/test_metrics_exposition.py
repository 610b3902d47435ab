"""`/metrics` of every running service is Prometheus text from prometheus_client: histograms with buckets, a lag
metric, and labels that stay bounded (route templates, our services, never a household)."""

from __future__ import annotations

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from contracts.events.budget import FundsReserved
from tests.integration.backoffice.facts import funds_reserved
from tests.support.bus import Publisher
from tests.support.scenario import MELDINGEN, decide, open_cases, until_care_started
from tests.support.stack import Stack, eventually
from wijk.settings import SERVICES

pytestmark = pytest.mark.integration
LAGS = ("wijk_consumer_lag_messages", "wijk_relay_lag_notifications")


async def scrape(stack: Stack, service: str) -> list[Sample]:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(f"{stack.url(service)}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return [sample for family in text_string_to_metric_families(response.text) for sample in family.samples]


def named(samples: list[Sample], name: str) -> list[Sample]:
    return [s for s in samples if s.name == name]


async def test_every_service_exposes_histogram_buckets_and_a_lag(stack: Stack) -> None:
    [household] = await open_cases(stack, MELDINGEN[1:2])
    await decide(stack, [household])
    await until_care_started(stack, [household], [])
    for service in SERVICES:
        samples = await scrape(stack, service)
        buckets = [s for s in samples if s.name.endswith("_bucket")]
        assert buckets, f"{service}: no histogram buckets"
        assert {s.labels["le"] for s in buckets} >= {"0.005", "+Inf"}, service
        assert any(s.name in LAGS for s in samples), f"{service}: no lag metric"
        assert all(s.labels.get("service") == service for s in samples), f"{service}: a series of another service"
        assert household.household_id not in str([s.labels for s in samples]), f"{service}: a household as a label"


async def test_http_durations_are_labelled_by_route_template_and_status(stack: Stack) -> None:
    [household] = await open_cases(stack, MELDINGEN[3:4])
    samples = await scrape(stack, "intake")
    counts = named(samples, "wijk_http_request_duration_seconds_count")
    routes = {(s.labels["method"], s.labels["route"], s.labels["status"]) for s in counts}
    assert ("POST", "/support-requests", "201") in routes
    assert ("POST", "/cases/{case_id}/client-support-offers", "201") in routes
    assert not any(household.case_id in route for _, route, _ in routes)  # a template, never the path


async def test_handling_time_and_hop_lag_are_observed_per_event_type_and_upstream(stack: Stack) -> None:
    [household] = await open_cases(stack, MELDINGEN[1:2])
    await decide(stack, [household])
    await until_care_started(stack, [household], [])

    async def planning_figures() -> list[Sample]:
        return await scrape(stack, "planning")

    samples = await eventually(
        planning_figures, lambda found: bool(named(found, "wijk_event_hop_lag_seconds_count")), timeout=30
    )
    handled = {s.labels["event_type"] for s in named(samples, "wijk_inbox_handle_seconds_count") if s.value > 0}
    assert "nl.wijkteam.intake.case-opened.v1" in handled
    hops = {s.labels["upstream"]: s for s in named(samples, "wijk_event_hop_lag_seconds_count")}
    assert hops["intake"].value >= 1  # planning applied facts of intake: one hop, measured from ce_time
    assert set(hops) <= {*SERVICES, "partner"}
    hop_sum = {s.labels["upstream"]: s.value for s in named(samples, "wijk_event_hop_lag_seconds_sum")}
    assert 0 < hop_sum["intake"] / hops["intake"].value < 60  # seconds per hop, not milliseconds or epochs


async def test_consumer_lag_is_read_per_group_and_partition(stack: Stack) -> None:
    samples = await scrape(stack, "reporting")
    lag = named(samples, "wijk_consumer_lag_messages")
    partitions = {(s.labels["group"], s.labels["topic"], s.labels["partition"]) for s in lag}
    assert ("reporting", "nl.wijkteam.care.facts", "0") in partitions
    assert len({p for _, _, p in partitions}) == stack.settings.topic_partitions
    assert all(s.value >= 0 for s in lag)


async def test_a_dead_letter_is_counted_by_its_kind(stack: Stack) -> None:
    def invalid(samples: list[Sample]) -> float:
        letters = named(samples, "wijk_dead_letters_total")
        return sum(s.value for s in letters if (s.labels["group"], s.labels["kind"]) == ("backoffice", "invalid"))

    before = invalid(await scrape(stack, "backoffice"))
    fact = funds_reserved()
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        broken = publisher.envelope(FundsReserved, fact.subject)
        await publisher.send(FundsReserved.topic, broken, b'{"decision_id": "not json')

    async def backoffice() -> list[Sample]:
        return await scrape(stack, "backoffice")

    after = await eventually(backoffice, lambda found: invalid(found) > before, timeout=30)
    assert invalid(after) == before + 1
