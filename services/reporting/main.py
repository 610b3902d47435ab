"""Wires reporting: no event-sourced application and nothing published; it records every fact and serves reports."""

from __future__ import annotations

from contracts.registry import REGISTRY
from services.reporting.api import router
from services.reporting.projection import Projection
from wijk.service import ServiceDefinition, ServiceRuntime


def wire(runtime: ServiceRuntime) -> None:
    assert runtime.pool is not None and runtime.inbox is not None
    projection = Projection(runtime.pool)
    runtime.extras["projection"] = projection
    runtime.on_start.append(projection.start)
    for model in REGISTRY.models():
        runtime.inbox.on(model, projection.handle)
    runtime.router.include_router(router(runtime.pool))


DEFINITION = ServiceDefinition(
    name="reporting",
    description="The council's accountability read side: figures per team and for the municipality, as of any "
    "moment, computed from every fact on the bus.",
    wire=wire,
)
