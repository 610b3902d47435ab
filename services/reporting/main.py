"""Wires reporting: no event-sourced application and nothing published; it records every fact and serves reports."""

from __future__ import annotations

import asyncio

from contracts.registry import REGISTRY
from services.reporting import api, pages
from services.reporting.assemble import Reports
from services.reporting.context import load_context
from services.reporting.projection import Projection
from wijk.service import ServiceDefinition, ServiceRuntime, serve


def wire(runtime: ServiceRuntime) -> None:
    assert runtime.pool is not None and runtime.inbox is not None
    projection = Projection(runtime.pool)
    reports = Reports(runtime.pool, load_context(runtime.settings))
    runtime.extras.update(projection=projection, reports=reports)
    runtime.on_start.append(projection.start)
    for model in REGISTRY.models():
        runtime.inbox.on(model, projection.handle)
    runtime.router.include_router(api.router(reports))
    runtime.router.include_router(pages.router(reports))


DEFINITION = ServiceDefinition(
    name="reporting",
    description="The council's accountability read side (verantwoording): budgets, decisions and deviations, lead "
    "times against the statutory terms, debts, client support, signals, provider feedback and satisfaction, per "
    "team, district and period, as of any moment, computed from every fact on the bus. A live dashboard at "
    "/dashboard; the yearly report at /report.html and /report.csv.",
    wire=wire,
)


def main() -> None:
    asyncio.run(serve(DEFINITION))
