"""Wires the gateway: its application, the facts it consumes (ProviderAssigned), what it publishes, its mailbox
routes and the retry of held 301s.

Without the XSD folder the gateway still starts (the rest of the stack must not fall over a missing folder): it
logs an error naming the folder, keeps taking in assignments and holds their 301s, and answers the mailbox with
503 and the reason. Once the folder is there, the held 301s go out at the next retry.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from contracts.events.backoffice import ProviderAssigned
from contracts.events.planning import ProviderRequestAnswered
from kernel.clock import today
from kernel.municipality import municipality_of
from services.iwmo.api import TooLarge, router
from services.iwmo.application import IwmoApplication
from services.iwmo.config import parties
from services.iwmo.domain.client import ClientRecords, NoClientRecords
from services.iwmo.filedrop import FileDrop
from services.iwmo.intake_client import HttpClientRecords
from services.iwmo.settings import MAX_XML_BYTES, IwmoSettings
from services.iwmo.translator import translate
from services.iwmo.xml.safe import Limits
from services.iwmo.xml.schemas import Schemas, SchemasMissing
from wijk.auth.config import identity_config_path, load_resource_server_config
from wijk.consumer import Delivery, in_thread
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import PlatformSettings, load_settings

log = logging.getLogger(__name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def definition(records: ClientRecords | None = None, iwmo: IwmoSettings | None = None) -> ServiceDefinition:
    """The gateway's definition; a test may pass its own source of client data (default: intake over HTTP)."""

    def build(settings: PlatformSettings) -> IwmoApplication:
        gateway = iwmo or load_settings(IwmoSettings)
        source = records or client_records(settings, gateway)
        schemas = Schemas(gateway.xsd_dir)
        try:
            schemas.check_folder()
        except SchemasMissing as exc:
            log.error("iwmo runs without XML: %s", exc)
        limits = Limits(gateway.max_message_bytes, gateway.max_depth)
        who = parties(municipality_of(settings.municipality_config))
        return IwmoApplication(who, schemas, source, limits, gateway.client_digest_secret.encode(), settings)

    def wire(runtime: ServiceRuntime) -> None:
        app = runtime.app
        assert isinstance(app, IwmoApplication) and runtime.inbox is not None
        gateway = iwmo or load_settings(IwmoSettings)

        def on_provider_assigned(event: ProviderAssigned, delivery: Delivery) -> None:
            app.on_provider_assigned(event, delivery.tracking, today(), datetime.now(AMSTERDAM).time())

        runtime.inbox.on(ProviderAssigned, in_thread(on_provider_assigned))
        runtime.inbox.on(
            ProviderRequestAnswered, in_thread(lambda e, d: app.requests.on_answered(e, d.tracking, today()))
        )  # the coordinator's answer to a 315/317 becomes the 319
        runtime.router.include_router(router(app, gateway.max_message_bytes))
        runtime.every("send-held-301", gateway.retry_seconds, lambda: app.send_held(today()))
        if gateway.drop_dir is not None:
            drop = FileDrop(app, gateway.drop_dir)
            runtime.every("file-drop", gateway.drop_poll_seconds, lambda: drop.run(today()))

    return ServiceDefinition(
        name="iwmo",
        description="The iWmo 3.2 gateway: toewijzingen (301) to each provider's mailbox, the provider's XML in "
        "(302, 305, 307, 315, 317, 320, 323), validated against the official XSDs and answered with retour codes.",
        build_app=build,
        translate=translate,
        wire=wire,
        error_status={TooLarge: 413},
        max_body_bytes=MAX_XML_BYTES,  # the configured max_message_bytes is enforced below it, before parsing
    )


def client_records(settings: PlatformSettings, gateway: IwmoSettings) -> ClientRecords:
    """Intake over HTTP with the gateway's own token; without an issuer or a secret, none (every 301 is held)."""
    if not settings.identity_issuer or not gateway.client_secret:
        log.error("iwmo cannot ask intake for client data (WIJK_IDENTITY_ISSUER or WIJK_IWMO_CLIENT_SECRET not set): "
                  "every 301 is held")  # fmt: skip
        return NoClientRecords()
    path = identity_config_path(settings.identity_config, settings.municipality_config)
    audience = load_resource_server_config(path).audience("intake")
    return HttpClientRecords(
        gateway.intake_url, settings.identity_issuer, gateway.client_id, gateway.client_secret, audience
    )


DEFINITION = definition()


def main() -> None:
    asyncio.run(serve(DEFINITION))
