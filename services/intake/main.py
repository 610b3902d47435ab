"""Wires intake: its application, what it publishes, the partner signals it takes in, its clock check, its routes."""

from __future__ import annotations

import asyncio
import logging

from contracts.events.backoffice import DecisionLetterIssued
from contracts.events.backoffice_cycle import DecisionRevoked, RefusalLetterIssued
from contracts.events.planning_cycle import InvestigationReported, PersonalPlanRecorded
from kernel.clock import today
from kernel.municipality import config_dir, municipality_of
from services.intake import api, api_cases, api_cycle, api_households, api_iwmo, api_survey
from services.intake.application import IntakeApplication
from services.intake.domain.household import HouseholdErased
from services.intake.domain.routing import District, Routing
from services.intake.key_wrapping import KeyEncryptionKeyError, local_kek
from services.intake.outcomes import OutcomeRelays
from services.intake.partner_inbox import PartnerSignals
from services.intake.partners_config import load_partners
from services.intake.settings import IntakeSettings
from services.intake.translator import translate
from wijk.consumer import in_thread
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import PlatformSettings, SettingsError, load_settings

log = logging.getLogger(__name__)


def build(settings: PlatformSettings) -> IntakeApplication:
    """Intake's application; SettingsError (and no start) without its secrets or with keys it cannot unwrap."""
    own = load_settings(IntakeSettings)
    config = municipality_of(settings.municipality_config)
    districts = [District(d.name, d.team_id, tuple(d.postcode_areas)) for d in config.districts]
    try:
        kek = local_kek(own.key_encryption_key, own.key_encryption_key_file)
        return IntakeApplication(Routing(districts), own.blind_index_secret.encode(), kek, settings)
    except KeyEncryptionKeyError as exc:
        raise SettingsError(f"intake: {exc}") from None


def wire(runtime: ServiceRuntime) -> None:
    app = runtime.app
    assert isinstance(app, IntakeApplication) and runtime.broker is not None and runtime.inbox is not None
    settings = runtime.settings
    partners_file = settings.partners_config or config_dir(settings.municipality_config) / "partners.json"
    signals = PartnerSignals(app, load_partners(partners_file), reload=lambda: load_partners(partners_file))
    partners = signals.partners
    inbox = signals.subscribe(runtime.add_inbox(**signals.options()))
    relays = OutcomeRelays(runtime, partners.partners, poll_seconds=runtime.settings.relay_poll_seconds)
    runtime.extras.update(partner_inbox=inbox, outcome_relays=relays)

    # Clocks stopped by the facts themselves (issue 17; services/intake/clock_facts.py).
    facts_in = runtime.inbox
    facts_in.on(PersonalPlanRecorded, in_thread(lambda e, d: app.on_personal_plan_recorded(e, d.tracking)))
    facts_in.on(InvestigationReported, in_thread(lambda e, d: app.on_investigation_reported(e, d.tracking)))
    facts_in.on(DecisionLetterIssued, in_thread(lambda e, d: app.on_letter_issued(e, d.tracking)))
    facts_in.on(RefusalLetterIssued, in_thread(lambda e, d: app.on_letter_issued(e, d.tracking)))
    facts_in.on(DecisionRevoked, in_thread(lambda e, d: app.on_decision_revoked(e, d.tracking)))
    # Missed statutory terms become facts without anyone asking (POST /clocks/check does the same on demand).
    every = load_settings(IntakeSettings).term_check_seconds
    runtime.every("clock-check", every, lambda: app.check_clocks(today()))
    runtime.on_start.append(relays.start)
    runtime.on_stop.append(relays.stop)
    for module in (api, api_households, api_cases, api_survey, api_iwmo):
        runtime.router.include_router(module.router(app))
    municipality = municipality_of(settings.municipality_config).municipality
    runtime.router.include_router(api_cycle.router(app, municipality))  # the law cycle's routes (issue 17)


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
