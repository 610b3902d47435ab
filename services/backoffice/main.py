"""Wires the backoffice: its application, the facts it consumes, what it publishes and the routes it serves."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from contracts.events.budget import FundsReserved
from contracts.events.care import CareDeclared, CareStarted, CareStopped
from contracts.events.iwmo import CareDeclarationReported, CareStartReported, CareStopReported
from contracts.events.planning import DecisionCancelled
from contracts.events.planning_cycle import DecisionRefused
from kernel.clock import today
from kernel.municipality import municipality_of
from services.backoffice import api_cycle
from services.backoffice.api import router
from services.backoffice.application import BackofficeApplication, ProviderMismatch, UnknownAssignment
from services.backoffice.domain.catalogue import Catalogue, ProvisionTerms, UnknownProvision
from services.backoffice.domain.codelists import InvalidCode
from services.backoffice.domain.decision import DispatchBeforeDecision
from services.backoffice.translator import translate
from wijk.consumer import Delivery, Unprocessable, in_thread
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import PlatformSettings

NEVER_EXECUTABLE = (UnknownProvision, DispatchBeforeDecision, InvalidCode, UnknownAssignment, ProviderMismatch)
"""Facts no retry can make executable: dead-lettered at once, with the reason."""


def build(settings: PlatformSettings) -> BackofficeApplication:
    config = municipality_of(settings.municipality_config)
    provisions = [
        ProvisionTerms(p.code, p.name, p.provider_id, p.product_code, p.unit, p.frequency, p.product_category)
        for p in config.provisions
    ]
    return BackofficeApplication(Catalogue(config.municipality, provisions), settings)


def refusing(handle: Callable[[Any, Delivery], object]) -> Callable[[Any, Delivery], None]:
    def run(event: Any, delivery: Delivery) -> None:
        try:
            handle(event, delivery)
        except NEVER_EXECUTABLE as exc:
            raise Unprocessable(str(exc)) from exc

    return run


def wire(runtime: ServiceRuntime) -> None:
    app = runtime.app
    assert isinstance(app, BackofficeApplication) and runtime.inbox is not None
    inbox = runtime.inbox
    inbox.on(FundsReserved, in_thread(refusing(lambda e, d: app.on_funds_reserved(e, d.tracking, today()))))
    inbox.on(CareStarted, in_thread(refusing(lambda e, d: app.on_care_started(e, d.tracking))))
    inbox.on(CareStopped, in_thread(refusing(lambda e, d: app.on_care_stopped(e, d.tracking))))
    inbox.on(CareDeclared, in_thread(refusing(lambda e, d: app.on_care_declared(e, d.tracking, today()))))
    # The same reports from providers that speak iWmo XML, as the gateway accepted them (docs/iwmo.md).
    inbox.on(CareStartReported, in_thread(refusing(lambda e, d: app.on_care_started(e, d.tracking))))
    inbox.on(CareStopReported, in_thread(refusing(lambda e, d: app.on_care_stopped(e, d.tracking))))
    inbox.on(CareDeclarationReported, in_thread(refusing(lambda e, d: app.on_care_declared(e, d.tracking, today()))))
    # The law cycle (issue 17): the refusal beschikking, and the withdrawal or change of an executed decision.
    inbox.on(DecisionRefused, in_thread(refusing(lambda e, d: app.on_decision_refused(e, d.tracking, today()))))
    inbox.on(DecisionCancelled, in_thread(refusing(lambda e, d: app.on_decision_cancelled(e, d.tracking, today()))))
    runtime.router.include_router(router(app))
    runtime.router.include_router(api_cycle.router(app))  # the law cycle's routes (issue 17), each guarded


DEFINITION = ServiceDefinition(
    name="backoffice",
    description="Executes what the team decided: the beschikking with its objection term, bezwaar, the provider "
    "assignment and its declarations (iWmo/iJw 3.2), payments and debt referrals.",
    build_app=build,
    translate=translate,
    wire=wire,
)


def main() -> None:
    asyncio.run(serve(DEFINITION))
