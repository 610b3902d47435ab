"""Wires the reference provider: its application, the facts it consumes, what it publishes and its routes."""

from __future__ import annotations

import asyncio

from contracts.events.backoffice import ProviderAssigned
from kernel.clock import today
from services.care.api import router
from services.care.application import CareApplication
from services.care.domain.assignment import InvalidPeriod
from services.care.providers import load_policies, providers_path
from services.care.translator import translate
from wijk.consumer import Delivery, Unprocessable, in_thread
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import PlatformSettings


def build(settings: PlatformSettings) -> CareApplication:
    return CareApplication(load_policies(providers_path(settings.municipality_config)), settings)


def wire(runtime: ServiceRuntime) -> None:
    app = runtime.app
    assert isinstance(app, CareApplication) and runtime.inbox is not None

    def on_provider_assigned(event: ProviderAssigned, delivery: Delivery) -> None:
        try:
            app.on_provider_assigned(event, delivery.tracking, today())
        except InvalidPeriod as exc:
            raise Unprocessable(str(exc)) from exc

    runtime.inbox.on(ProviderAssigned, in_thread(on_provider_assigned))
    runtime.router.include_router(router(app))


DEFINITION = ServiceDefinition(
    name="care",
    description="The reference care provider: answers assignments, reports start and end of care, declares "
    "delivered volume and gives feedback on the plan. The acting provider is the access token's organisation.",
    build_app=build,
    translate=translate,
    wire=wire,
)


def main() -> None:
    asyncio.run(serve(DEFINITION))
