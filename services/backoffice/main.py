"""Wires the backoffice: its application, the facts it consumes, what it publishes and the routes it serves."""

from __future__ import annotations

from contracts.events.budget import FundsReserved
from services.backoffice.api import router
from services.backoffice.application import BackofficeApplication
from services.backoffice.domain.catalogue import Catalogue, ProvisionTerms, UnknownProvision
from services.backoffice.domain.decision import DispatchBeforeDecision
from services.backoffice.translator import translate
from wijk.clock import today
from wijk.consumer import Delivery, Unprocessable, in_thread
from wijk.municipality import municipality_of
from wijk.service import ServiceDefinition, ServiceRuntime
from wijk.settings import PlatformSettings


def build(settings: PlatformSettings) -> BackofficeApplication:
    config = municipality_of(settings.municipality_config)
    provisions = [
        ProvisionTerms(p.code, p.name, p.provider_id, p.product_code, p.unit, p.frequency) for p in config.provisions
    ]
    return BackofficeApplication(Catalogue(config.municipality, provisions), settings)


def wire(runtime: ServiceRuntime) -> None:
    app = runtime.app
    assert isinstance(app, BackofficeApplication) and runtime.inbox is not None

    def on_funds_reserved(event: FundsReserved, delivery: Delivery) -> None:
        try:
            app.on_funds_reserved(event, delivery.tracking, today())
        except (UnknownProvision, DispatchBeforeDecision) as exc:
            raise Unprocessable(str(exc)) from exc  # dead-lettered at once: no retry can make it executable

    runtime.inbox.on(FundsReserved, in_thread(on_funds_reserved))
    runtime.router.include_router(router(app))


DEFINITION = ServiceDefinition(
    name="backoffice",
    description="Executes what the team decided: the beschikking with its objection term, the provider assignment.",
    build_app=build,
    translate=translate,
    wire=wire,
)
