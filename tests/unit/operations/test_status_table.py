"""`wijk status` turns each instance's /metrics into one row: lag counted once per partition, rates per second."""

from __future__ import annotations

import pytest
from rich.console import Console

from tooling.status import Probe, read_metrics, table
from wijk.metrics import ServiceMetrics

pytestmark = pytest.mark.unit


async def exposition(lag: dict[str, int], relay_lag: int) -> str:
    metrics = ServiceMetrics("planning")
    for partition, messages in lag.items():
        metrics.consumer_lag.labels("planning", "planning", "nl.wijkteam.intake.facts", partition).set(messages)
    metrics.relay_lag.labels("planning").set(relay_lag)
    return (await metrics.exposition()).decode()


async def test_a_row_shows_lag_throughput_and_dead_letters() -> None:
    before = Probe("planning", "http://127.0.0.1:8102", at=10.0, health="ok", ready=True, applied=100, published=40)
    now = Probe("planning", "http://127.0.0.1:8102", at=12.0, health="ok", ready=True, applied=130, published=50)
    read_metrics(now, await exposition({"0": 3, "1": 4}, relay_lag=7))
    now.dead_letters = 2
    console = Console(record=True, width=160)
    console.print(table({"planning": now}, {"planning": before}))
    [row] = [line for line in console.export_text().splitlines() if "planning" in line]
    cells = [cell.strip() for cell in row.split("│")[1:-1]]
    assert cells == ["planning", "http://127.0.0.1:8102", "ok", "ready", "7", "7", "15.0", "5.0", "2"]


async def test_a_service_that_does_not_answer_is_down_and_not_ready() -> None:
    down = Probe("care", "http://127.0.0.1:8105")
    console = Console(record=True, width=160)
    console.print(table({"care": down}, None))
    [row] = [line for line in console.export_text().splitlines() if "care" in line]
    assert [cell.strip() for cell in row.split("│")[1:-1]][2:] == ["down", "no", "-", "-", "-", "-", "-"]
