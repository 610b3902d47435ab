"""Wires budget: its application, the budgets it allocates on start, what it consumes and publishes."""

from __future__ import annotations

import asyncio

from eventsourcing.application import AggregateNotFoundError

from contracts.events.planning import DecisionTaken
from services.budget.api import router
from services.budget.application import Allocation, BudgetApplication
from services.budget.translator import translate
from wijk.consumer import in_thread
from wijk.municipality import municipality_of
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import PlatformSettings


def build(settings: PlatformSettings) -> BudgetApplication:
    config = municipality_of(settings.municipality_config)
    allocations = [Allocation(b.team_id, b.year, b.line, b.amount_cents) for b in config.budgets]
    return BudgetApplication(allocations, settings)


def wire(runtime: ServiceRuntime) -> None:
    app = runtime.app
    assert isinstance(app, BudgetApplication) and runtime.inbox is not None

    async def allocate_budgets() -> None:
        await asyncio.to_thread(app.allocate_budgets)

    runtime.on_start.append(allocate_budgets)
    runtime.inbox.on(DecisionTaken, in_thread(lambda e, d: app.on_decision_taken(e, d.tracking)))
    runtime.router.include_router(router(app))


DEFINITION = ServiceDefinition(
    name="budget",
    description="The financial agreement: budgets per team, year and line; reservations for decisions.",
    build_app=build,
    translate=translate,
    wire=wire,
    error_status={AggregateNotFoundError: 404},
)


def main() -> None:
    asyncio.run(serve(DEFINITION))
