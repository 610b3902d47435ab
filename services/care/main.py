"""Wires the reference provider: its application, the facts it consumes, what it publishes and its routes."""

from __future__ import annotations

from contracts.events.backoffice import ProviderAssigned
from services.care.api import router
from services.care.application import CareApplication
from services.care.domain.assignment import InvalidPeriod
from services.care.translator import translate
from wijk.clock import today
from wijk.consumer import Delivery, Unprocessable, in_thread
from wijk.municipality import municipality_of
from wijk.service import ServiceDefinition, ServiceRuntime
from wijk.settings import PlatformSettings


def build(settings: PlatformSettings) -> CareApplication:
    config = municipality_of(settings.municipality_config)
    return CareApplication([p.id for p in config.providers], settings)


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
    description="The reference care provider: accepts assignments and starts care.",
    build_app=build,
    translate=translate,
    wire=wire,
)
