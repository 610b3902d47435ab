"""Wires reporting: no event-sourced application and nothing published; it records every fact and serves reports."""

from __future__ import annotations

import asyncio

from contracts.registry import REGISTRY
from services.reporting import api, pages
from services.reporting.assemble import Reports
from services.reporting.context import load_context
from services.reporting.projection import Projection
from services.reporting.settings import ReportingSettings
from wijk.auth.browser import BrowserClient
from wijk.auth.config import identity_config_path, load_resource_server_config
from wijk.service import ServiceDefinition, ServiceRuntime, serve
from wijk.settings import load_settings


def wire(runtime: ServiceRuntime) -> None:
    assert runtime.pool is not None and runtime.inbox is not None
    projection = Projection(runtime.pool)
    reports = Reports(runtime.pool, load_context(runtime.settings))
    runtime.extras.update(projection=projection, reports=reports)
    runtime.on_start.append(projection.start)
    for model in REGISTRY.models():
        runtime.inbox.on(model, projection.handle)
    runtime.router.include_router(api.router(reports))
    runtime.router.include_router(pages.router(reports))


def browser_login(runtime: ServiceRuntime) -> BrowserClient:
    """The dashboard and report pages log in as council members and controllers do: code + PKCE."""
    own = load_settings(ReportingSettings)
    settings = runtime.settings
    config = load_resource_server_config(identity_config_path(settings.identity_config, settings.municipality_config))
    return BrowserClient(
        settings.identity_issuer, own.dashboard_client_id, own.dashboard_client_secret, config.audience("reporting"),
        own.session_secret, https=own.secure_cookie,
    )  # fmt: skip


DEFINITION = ServiceDefinition(
    name="reporting",
    description="The council's accountability read side (verantwoording): budgets, decisions and deviations, lead "
    "times against the statutory terms, debts, client support, signals, provider feedback and satisfaction, per "
    "team, district and period, as of any moment, computed from every fact on the bus. A live dashboard at "
    "/dashboard; the yearly report at /report.html and /report.csv.",
    wire=wire,
    browser_login=browser_login,
)


def main() -> None:
    asyncio.run(serve(DEFINITION))
