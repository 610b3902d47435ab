"""A small service of its own with the guard installed, on the real provider and a real PostgreSQL access log."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI

from tests.support.identity import IdentityProvider
from tooling.embedded_postgres import EmbeddedPostgres
from wijk.auth.access_log import AccessLog
from wijk.auth.claims import ClaimMapping
from wijk.auth.guard import AccessControl
from wijk.auth.rights import Permit, Resource, load_rights
from wijk.auth.routes import install, require
from wijk.auth.tokens import TokenValidator

TEAM_OF = {"h-haven": "wijkteam-haven", "h-stad": "wijkteam-stad"}


def build_app(control: AccessControl) -> FastAPI:
    app = FastAPI()

    @app.get("/households/{household_id}")
    async def household(household_id: str, permit: Permit = require("intake.personal-data.read")) -> dict[str, Any]:
        permit.on(Resource(team=TEAM_OF.get(household_id), household=household_id))
        return {"household_id": household_id, "name": "(sealed)"}

    @app.post("/plans/{plan_id}/decisions")
    async def decide(plan_id: str, permit: Permit = require("planning.decide")) -> dict[str, str]:
        permit.on(Resource(team="wijkteam-stad", household="h-stad"))
        return {"decided_by": permit.caller.subject}

    @app.get("/summary")
    async def summary(_: Permit = require("reporting.read")) -> dict[str, int]:
        return {"cases": 3}

    @app.get("/unannotated")
    async def unannotated() -> dict[str, str]:
        return {"open": "only to an authenticated caller"}

    install(app, control)
    return app


@asynccontextmanager
async def guarded(
    identity: IdentityProvider, postgres: EmbeddedPostgres, audience: str = "wijk-intake"
) -> AsyncIterator[tuple[httpx.AsyncClient, AccessLog, TokenValidator]]:
    endpoint = postgres.endpoint
    pool = await asyncpg.create_pool(
        host=endpoint.host, port=endpoint.port, user=endpoint.user, password=endpoint.password or None,
        database=endpoint.dbname, min_size=1, max_size=2,
    )  # fmt: skip
    log = AccessLog(pool, "intake")
    await log.setup()
    validator = TokenValidator(identity.issuer, audience)
    control = AccessControl("intake", load_rights(), ClaimMapping(), validator, log)
    transport = httpx.ASGITransport(app=build_app(control))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            yield client, log, validator
    finally:
        await log.close()
        await validator.aclose()
        await pool.close()
