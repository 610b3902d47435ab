"""Wires debt assistance: its application, the facts it consumes, what it publishes and its routes."""

from __future__ import annotations

from contracts.events.intake import DebtConcernFlagged
from services.debt.api import router
from services.debt.application import DebtApplication
from services.debt.translator import translate
from wijk.consumer import in_thread
from wijk.service import ServiceDefinition, ServiceRuntime
from wijk.settings import PlatformSettings


def build(settings: PlatformSettings) -> DebtApplication:
    return DebtApplication(settings)


def wire(runtime: ServiceRuntime) -> None:
    app = runtime.app
    assert isinstance(app, DebtApplication) and runtime.inbox is not None
    runtime.inbox.on(DebtConcernFlagged, in_thread(lambda e, d: app.on_debt_concern_flagged(e, d.tracking)))
    runtime.router.include_router(router(app))


DEFINITION = ServiceDefinition(
    name="debt",
    description="The reference debt-assistance organisation: referrals and the Wgs term for the first conversation.",
    build_app=build,
    translate=translate,
    wire=wire,
)
