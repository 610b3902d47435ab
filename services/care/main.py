"""Wires the reference provider: its application, the facts it consumes, what it publishes and its routes."""

from __future__ import annotations

import asyncio

from contracts.events.backoffice import ProviderAssigned
from kernel.clock import today
from services.care import api_iwmo
from services.care.api import router
from services.care.application import CareApplication
from services.care.domain.assignment import InvalidPeriod
from services.care.iwmo_exchange import IwmoExchange, Mailbox, speaking
from services.care.providers import load_policies, providers_path
from services.care.settings import CareSettings
from services.care.translator import translate
from wijk.auth.config import identity_config_path, load_resource_server_config
from wijk.consumer import Delivery, Unprocessable, in_thread
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import PlatformSettings, load_settings


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
    exchange = iwmo_exchange(app, runtime.settings)
    runtime.router.include_router(api_iwmo.router(exchange))
    if exchange is not None:
        poll = load_settings(CareSettings).iwmo_poll_seconds
        runtime.every("iwmo-mailbox", poll, lambda: exchange.poll(today()))


def iwmo_exchange(app: CareApplication, settings: PlatformSettings) -> IwmoExchange | None:
    """The providers that speak iWmo XML here, each with its mailbox; None when there are none."""
    care = load_settings(CareSettings)
    issuer = settings.identity_issuer
    app.xml_providers = speaking(app.policies, care.iwmo_client_secrets, issuer)
    if not app.xml_providers:
        return None
    path = identity_config_path(settings.identity_config, settings.municipality_config)
    audience = load_resource_server_config(path).audience("iwmo")
    mailboxes = {p: Mailbox(care.iwmo_url, issuer, p, care.iwmo_client_secrets[p], audience) for p in app.xml_providers}
    return IwmoExchange(app, app.policies, mailboxes)


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
