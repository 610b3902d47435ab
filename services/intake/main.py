"""Wires intake: its application, what it publishes, the partner signals it takes in, its clock check, its routes."""

from __future__ import annotations

import asyncio
import logging

from kernel.clock import today
from kernel.municipality import config_dir, municipality_of
from services.intake import api, api_cases, api_households, api_survey
from services.intake.application import IntakeApplication
from services.intake.domain.household import HouseholdErased
from services.intake.domain.routing import District, Routing
from services.intake.outcomes import OutcomeRelays
from services.intake.partner_inbox import INBOX_OPTIONS, PartnerSignals
from services.intake.partners_config import load_partners
from services.intake.translator import translate
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import PlatformSettings

log = logging.getLogger(__name__)


def build(settings: PlatformSettings) -> IntakeApplication:
    config = municipality_of(settings.municipality_config)
    districts = [District(d.name, d.team_id, tuple(d.postcode_areas)) for d in config.districts]
    return IntakeApplication(Routing(districts), settings.blind_index_secret.encode(), settings)


def wire(runtime: ServiceRuntime) -> None:
    app = runtime.app
    assert isinstance(app, IntakeApplication) and runtime.broker is not None
    settings = runtime.settings
    partners = load_partners(settings.partners_config or config_dir(settings.municipality_config) / "partners.json")
    signals = PartnerSignals(app, partners)
    inbox = signals.subscribe(runtime.add_inbox(**INBOX_OPTIONS, on_refusal=signals.reject))
    relays = OutcomeRelays(runtime, partners.partners, poll_seconds=runtime.settings.relay_poll_seconds)
    runtime.extras.update(partner_inbox=inbox, outcome_relays=relays)

    # Missed statutory terms become facts without anyone asking (POST /clocks/check does the same on demand).
    runtime.every("clock-check", runtime.settings.term_check_seconds, lambda: app.check_clocks(today()))
    runtime.on_start.append(relays.start)
    runtime.on_stop.append(relays.stop)
    for module in (api, api_households, api_cases, api_survey):
        runtime.router.include_router(module.router(app))


DEFINITION = ServiceDefinition(
    name="intake",
    description="The neighbourhood team's front door: households and their residents (personal data sealed per "
    "household, erasable), meldingen with their statutory clocks, client support, the debt screening, partner "
    "signals (vroegsignalering) and routing to a team.",
    build_app=build,
    translate=translate,
    wire=wire,
    error_status={HouseholdErased: 410},  # a NotFound, and more precisely: Gone
)


def main() -> None:
    asyncio.run(serve(DEFINITION))
