"""Wires intake: its application, what it publishes and the routes it serves."""

from __future__ import annotations

from services.intake.api import router
from services.intake.application import IntakeApplication
from services.intake.domain.routing import District, Routing
from services.intake.translator import translate
from wijk.municipality import municipality_of
from wijk.service import ServiceDefinition, ServiceRuntime
from wijk.settings import PlatformSettings


def build(settings: PlatformSettings) -> IntakeApplication:
    config = municipality_of(settings.municipality_config)
    districts = [District(d.name, d.team_id, tuple(d.postcode_areas)) for d in config.districts]
    return IntakeApplication(Routing(districts), settings)


def wire(runtime: ServiceRuntime) -> None:
    assert isinstance(runtime.app, IntakeApplication)
    runtime.router.include_router(router(runtime.app))


DEFINITION = ServiceDefinition(
    name="intake",
    description="The neighbourhood team's front door: support requests, households, routing to a team.",
    build_app=build,
    translate=translate,
    wire=wire,
)
