"""Wires budget: its application, the budgets it allocates on start, what it consumes and publishes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from contracts.events.backoffice import PaymentMade, ProviderAssigned
from contracts.events.backoffice_cycle import DecisionRevoked
from contracts.events.care import AssignmentRefused, CareStopped
from contracts.events.intake_terms import PenaltyDetermined
from contracts.events.iwmo import CareStopReported
from contracts.events.planning import DecisionCancelled, DecisionTaken
from kernel.clock import today
from kernel.municipality import municipality_of
from services.budget.api import router
from services.budget.application import Allocation, BudgetApplication
from services.budget.domain.budget_line import Overspending, YearAlreadyClosed
from services.budget.funding import Funding, funding_path, load_funding
from services.budget.releases import NotKnown
from services.budget.translator import translate
from wijk.consumer import Delivery, Unprocessable, in_thread
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import PlatformSettings

REFUSED_FACTS = (NotKnown, Overspending, YearAlreadyClosed)
"""A fact budget can never book: dead-lettered at once with the reason (no retry can make it bookable)."""


YEAR_CHECK_SECONDS = 3600.0
"""How often a running budget service looks whether the calendar reached a year it has no budgets for yet."""


def build(settings: PlatformSettings) -> BudgetApplication:
    funding = _funding(settings)
    app = BudgetApplication((), settings, approver_roles=funding.approver_roles, closer_roles=funding.closer_roles)
    _plan_years(app)
    return app


def _funding(settings: PlatformSettings) -> Funding:
    config = municipality_of(settings.municipality_config)
    return load_funding(funding_path(settings.municipality_config), config)


def _plan_years(app: BudgetApplication) -> None:
    """Budgets for every configured year, and through next year by the carry-forward rule (docs/budget.md)."""
    funding = _funding(app.settings).through(today().year + 1)
    app.plan_budgets([Allocation(*a) for a in funding.allocations], funding.reserves)


def refusing(handle: Callable[[Any, Any], None]) -> Callable[[Any, Delivery], None]:
    def run(event: Any, delivery: Delivery) -> None:
        try:
            handle(event, delivery.tracking)
        except REFUSED_FACTS as exc:
            raise Unprocessable(str(exc)) from exc

    return run


def wire(runtime: ServiceRuntime) -> None:
    app = runtime.app
    assert isinstance(app, BudgetApplication) and runtime.inbox is not None

    async def allocate_budgets() -> None:
        await asyncio.to_thread(app.allocate_budgets)

    def turn_of_the_year() -> None:
        _plan_years(app)
        app.allocate_budgets()

    runtime.on_start.append(allocate_budgets)
    runtime.every("budget-years", YEAR_CHECK_SECONDS, turn_of_the_year)
    runtime.inbox.on(DecisionTaken, in_thread(lambda e, d: app.on_decision_taken(e, d.tracking)))
    runtime.inbox.on(ProviderAssigned, in_thread(refusing(app.on_provider_assigned)))
    runtime.inbox.on(PaymentMade, in_thread(refusing(app.on_payment_made)))
    runtime.inbox.on(CareStopped, in_thread(refusing(app.on_care_stopped)))
    runtime.inbox.on(CareStopReported, in_thread(refusing(app.on_care_stopped)))  # a WMO307, through the gateway
    runtime.inbox.on(DecisionCancelled, in_thread(refusing(app.on_decision_cancelled)))
    runtime.inbox.on(AssignmentRefused, in_thread(refusing(app.on_assignment_refused)))
    # The law cycle (issue 17): the dwangsom on its own line; a revoked decision gives its reservation back.
    runtime.inbox.on(PenaltyDetermined, in_thread(refusing(app.on_penalty_determined)))
    runtime.inbox.on(DecisionRevoked, in_thread(refusing(app.on_decision_revoked)))
    runtime.router.include_router(router(app))


DEFINITION = ServiceDefinition(
    name="budget",
    description="The financial agreement: budgets per team, year and line; reservations, spending, releases, "
    "the municipal reserve and the year-end close.",
    build_app=build,
    translate=translate,
    wire=wire,
)


def main() -> None:
    asyncio.run(serve(DEFINITION))
