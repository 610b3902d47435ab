"""Wires planning: its application, what it consumes and publishes, and the routes it serves."""

from __future__ import annotations

import asyncio

from eventsourcing.application import AggregateNotFoundError

from contracts.events.budget import FundsRefused, FundsReserved
from contracts.events.intake import CaseOpened
from services.planning.api import router
from services.planning.application import PlanningApplication
from services.planning.translator import translate
from wijk.consumer import in_thread
from wijk.municipality import municipality_of
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import PlatformSettings


def build(settings: PlatformSettings) -> PlanningApplication:
    config = municipality_of(settings.municipality_config)
    return PlanningApplication({p.code: p.budget_line for p in config.provisions}, settings)


def wire(runtime: ServiceRuntime) -> None:
    app = runtime.app
    assert isinstance(app, PlanningApplication) and runtime.inbox is not None
    runtime.inbox.on(CaseOpened, in_thread(lambda e, d: app.on_case_opened(e, d.tracking)))
    runtime.inbox.on(FundsReserved, in_thread(lambda e, d: app.on_funds_reserved(e, d.tracking)))
    runtime.inbox.on(FundsRefused, in_thread(lambda e, d: app.on_funds_refused(e, d.tracking)))
    runtime.router.include_router(router(app))


DEFINITION = ServiceDefinition(
    name="planning",
    description="The neighbourhood team's own service: one plan per household, one regisseur, decisions.",
    build_app=build,
    translate=translate,
    wire=wire,
    error_status={AggregateNotFoundError: 404},
)


def main() -> None:
    asyncio.run(serve(DEFINITION))
