"""The compose monitoring reads what the services expose: Prometheus scrapes every service's port, the dashboard
asks only for metrics the platform exports, its data sources are provisioned, and spans reach Jaeger."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from wijk import runtime_metrics
from wijk.metrics import ServiceMetrics

pytestmark = pytest.mark.contract
ROOT = Path(__file__).resolve().parents[2]
INFRA = ROOT / "infra"
DASHBOARD = json.loads((INFRA / "grafana/dashboards/wijkteam-operations.json").read_text())
SUFFIXES = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def exported() -> set[str]:
    """Every series name a service's /metrics can hold: its instruments and the figures read from its parts."""
    metrics = ServiceMetrics("probe")
    inbox = SimpleNamespace(group="probe", processed=0, refused=0, dead_letter_counts=Counter)
    running = SimpleNamespace(
        name="probe", metrics=metrics, inboxes=[inbox], access=None,
        relay=SimpleNamespace(published=0, leadership=SimpleNamespace(held=True)),
    )  # fmt: skip
    families = [*metrics.registry.collect(), *runtime_metrics.figures(running)]  # type: ignore[arg-type]
    return {family.name + suffix for family in families for suffix in SUFFIXES[family.type]}


def compose_ports() -> dict[str, int]:
    services = load(ROOT / "docker-compose.yml")["services"]
    return {
        name: int(value)
        for name, service in services.items()
        for key, value in (service.get("environment") or {}).items()
        if key == f"WIJK_{name.upper()}_HTTP_PORT"
    }


def test_prometheus_scrapes_every_replica_of_every_service_on_its_port() -> None:
    jobs = {job["job_name"]: job for job in load(INFRA / "prometheus/prometheus.yml")["scrape_configs"]}
    for name, port in compose_ports().items():
        [discovery] = jobs[name]["dns_sd_configs"]
        assert (discovery["names"], discovery["type"], discovery["port"]) == ([name], "A", port), name


def test_every_metric_the_dashboard_asks_for_is_one_the_services_export() -> None:
    expressions = [target["expr"] for panel in DASHBOARD["panels"] for target in panel["targets"]]
    asked = {name for expr in expressions for name in re.findall(r"\bwijk_[a-z_]+\b", expr)}
    assert asked, "the dashboard asks for nothing of ours"
    assert asked <= exported(), f"not exported by any service: {sorted(asked - exported())}"


def test_the_dashboards_data_sources_are_provisioned() -> None:
    provisioned = {
        source["uid"] for source in load(INFRA / "grafana/provisioning/datasources/datasources.yaml")["datasources"]
    }
    used = {panel["datasource"]["uid"] for panel in DASHBOARD["panels"]}
    assert used <= provisioned and {"prometheus", "jaeger"} <= provisioned


def test_spans_go_from_the_collector_to_jaeger() -> None:
    collector = load(INFRA / "otel/collector.yaml")
    [exporter] = collector["service"]["pipelines"]["traces"]["exporters"]
    assert collector["exporters"][exporter]["endpoint"] == "jaeger:4317"
    assert "jaeger" in load(ROOT / "docker-compose.yml")["services"]
