"""Wires debt assistance: its application, the facts it consumes, what it publishes, its routes, and the
periodic check for missed terms."""

from __future__ import annotations

import asyncio
import logging

from contracts.events.backoffice import DebtReferralSent
from contracts.events.intake import DebtConcernFlagged, HelpOffered
from kernel.clock import today
from services.debt import api_cycle
from services.debt.api import router
from services.debt.application import DebtApplication
from services.debt.settings import DebtSettings
from services.debt.translator import translate
from wijk.consumer import in_thread
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import PlatformSettings, load_settings

log = logging.getLogger(__name__)


def build(settings: PlatformSettings) -> DebtApplication:
    return DebtApplication(settings)


def wire(runtime: ServiceRuntime) -> None:
    app = runtime.app
    assert isinstance(app, DebtApplication) and runtime.inbox is not None
    runtime.inbox.on(DebtConcernFlagged, in_thread(lambda e, d: app.on_debt_concern_flagged(e, d.tracking)))
    runtime.inbox.on(DebtReferralSent, in_thread(lambda e, d: app.on_debt_referral_sent(e, d.tracking)))
    runtime.inbox.on(HelpOffered, in_thread(lambda e, d: app.on_help_offered(e, d.tracking)))
    owner = api_cycle.trajectory_owner(runtime.settings)
    runtime.router.include_router(router(app, owner))  # only the owner's token opens its trajectories
    runtime.router.include_router(api_cycle.router(app, owner))  # the Wgs beschikking (issue 17), guarded

    # A first conversation overdue becomes a DebtTermMissed fact (POST /terms/check does the same on demand).
    every = load_settings(DebtSettings).term_check_seconds
    runtime.every("term-check", every, lambda: app.check_terms(today()))


DEFINITION = ServiceDefinition(
    name="debt",
    description="The reference debt-assistance organisation: referrals, the Wgs term for the first conversation, "
    "stabilisation, arrangement, closure, and missed terms as facts.",
    build_app=build,
    translate=translate,
    wire=wire,
)


def main() -> None:
    asyncio.run(serve(DEFINITION))
