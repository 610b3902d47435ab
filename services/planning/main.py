"""Wires planning: its application, what it consumes and publishes, and the routes it serves."""

from __future__ import annotations

import asyncio

from contracts.events.backoffice_cycle import DecisionRevoked
from contracts.events.budget import FundsRefused, FundsReserved
from contracts.events.care import PlanFeedbackGiven
from contracts.events.intake import CaseOpened, ClientSupportOffered
from contracts.events.iwmo import ProviderRequestReceived
from kernel.clock import today
from kernel.municipality import config_dir, municipality_of
from services.planning import api_cycle, api_requests
from services.planning.api import router
from services.planning.application import PlanningApplication
from services.planning.config import load_planning_config
from services.planning.provider_requests import ProviderRequests
from services.planning.translator import translate
from wijk.consumer import in_thread
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import PlatformSettings


def build(settings: PlatformSettings) -> PlanningApplication:
    """The catalogue, mandate register and team models live beside the municipality's `municipality.json`."""
    municipality = municipality_of(settings.municipality_config)
    directory = config_dir(settings.municipality_config)
    return PlanningApplication(load_planning_config(municipality, directory), settings)


def wire(runtime: ServiceRuntime) -> None:
    app = runtime.app
    assert isinstance(app, PlanningApplication) and runtime.inbox is not None
    inbox = runtime.inbox
    inbox.on(CaseOpened, in_thread(lambda e, d: app.on_case_opened(e, d.tracking)))
    inbox.on(ClientSupportOffered, in_thread(lambda e, d: app.on_client_support_offered(e, d.tracking)))
    inbox.on(PlanFeedbackGiven, in_thread(lambda e, d: app.on_plan_feedback(e, d.tracking, today())))
    inbox.on(FundsReserved, in_thread(lambda e, d: app.on_funds_reserved(e, d.tracking)))
    inbox.on(FundsRefused, in_thread(lambda e, d: app.on_funds_refused(e, d.tracking)))
    inbox.on(DecisionRevoked, in_thread(lambda e, d: app.on_decision_revoked(e, d.tracking)))
    runtime.router.include_router(router(app, lambda: runtime.pool))
    runtime.router.include_router(api_cycle.router(app))  # the law cycle's routes (issue 17), each guarded
    requests = ProviderRequests(app)  # providers' requests through the iWmo gateway (issue 15)
    inbox.on(ProviderRequestReceived, in_thread(lambda e, d: requests.on_received(e, d.tracking, today())))
    runtime.router.include_router(api_requests.router(app, requests))


DEFINITION = ServiceDefinition(
    name="planning",
    description="The neighbourhood team's own service: one plan per household, one regisseur, goals with the "
    "household's own strength, decisions under mandate, deviations as facts, evaluation and provider feedback.",
    build_app=build,
    translate=translate,
    wire=wire,
)


def main() -> None:
    asyncio.run(serve(DEFINITION))
