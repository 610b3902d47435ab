"""A service's metrics: prometheus_client histograms whose labels stay bounded, served as Prometheus text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import APIRouter
from prometheus_client.parser import text_string_to_metric_families

from contracts.envelope import source_urn
from wijk.http import create_http_app
from wijk.metrics import ServiceMetrics
from wijk.settings import SERVICES

OIN = "00000001003214345000"  # a municipality OIN (Almere)

pytestmark = pytest.mark.unit


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_a_facts_upstream_is_one_of_our_services_or_partner() -> None:
    metrics = ServiceMetrics("planning", SERVICES)
    assert metrics.upstream(source_urn("intake", OIN)) == "intake"
    assert metrics.upstream("urn:nld:kvk:12345678:systeem:woningcorporatie") == "partner"
    assert metrics.upstream("urn:nld:oin:1:systeem:a-service-nobody-knows") == "partner"  # bounded: never the source


async def test_a_hop_is_measured_in_seconds_from_the_facts_ce_time() -> None:
    metrics = ServiceMetrics("planning", SERVICES)
    recorded = datetime.now(UTC) - timedelta(seconds=2)
    metrics.handled("planning", "nl.wijkteam.intake.case-opened.v1", source_urn("intake", OIN), recorded, 0.004)
    found = samples((await metrics.exposition()).decode())
    hop = {"service": "planning", "group": "planning", "upstream": "intake"}
    assert found[("wijk_event_hop_lag_seconds_count", frozenset(hop.items()))] == 1
    assert 2 <= found[("wijk_event_hop_lag_seconds_sum", frozenset(hop.items()))] < 3
    assert found[("wijk_event_hop_lag_seconds_bucket", frozenset({**hop, "le": "1.0"}.items()))] == 0
    assert found[("wijk_event_hop_lag_seconds_bucket", frozenset({**hop, "le": "2.5"}.items()))] == 1
    handle = {"service": "planning", "group": "planning", "event_type": "nl.wijkteam.intake.case-opened.v1"}
    assert found[("wijk_inbox_handle_seconds_bucket", frozenset({**handle, "le": "0.005"}.items()))] == 1


async def test_http_time_is_labelled_by_route_template_and_an_unknown_path_by_nothing_of_it() -> None:
    metrics = ServiceMetrics("probe")

    async def ready() -> dict[str, bool]:
        return {"store": True}

    app = create_http_app("probe", ready, metrics, {})
    router = APIRouter()

    @router.get("/plans/{plan_id}")
    async def plan(plan_id: str) -> dict[str, str]:
        return {"plan_id": plan_id}

    app.include_router(router)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://probe.local") as http:
        for plan_id in ("a1", "b2", "c3"):
            assert (await http.get(f"/plans/{plan_id}")).status_code == 200
        assert (await http.get("/no/such/path/d4")).status_code == 404
        text = (await http.get("/metrics")).text
    counts = {
        (dict(labels)["route"], dict(labels)["status"]): value
        for (name, labels), value in samples(text).items()
        if name == "wijk_http_request_duration_seconds_count"
    }
    assert counts == {("/plans/{plan_id}", "200"): 3, ("unrouted", "404"): 1}
