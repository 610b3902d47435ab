"""The XML-speaking providers' toewijzingen (from their 301s) and what they report on them as iWmo XML: the stop
(307) and the declaration (323); the start (305) follows the provider's policy. Who acts is the token's
organisation: a provider only sees and reports on its own toewijzingen."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Path
from pydantic import ConfigDict, Field

from contracts.bounds import Day, Volume
from kernel.clock import today
from kernel.errors import NotFound
from services.care.iwmo_exchange import IwmoExchange
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody

Nummer = Path(ge=1, le=999_999_999, description="The ToewijzingNummer of the 301.")


class Stop(RequestBody):
    model_config = ConfigDict(extra="forbid")
    end_date: Day
    reason_code: str = Field(max_length=2, pattern=r"^[0-9]{2}$", description="Reden beëindiging, WMO588.")


class Start(RequestBody):
    model_config = ConfigDict(extra="forbid")
    start_date: Day


class Declaration(RequestBody):
    model_config = ConfigDict(extra="forbid")
    period_start: Day
    period_end: Day
    volume: Volume


def router(exchange: IwmoExchange | None) -> APIRouter:
    api = APIRouter(tags=["iwmo"], prefix="/iwmo")

    def own(permit: Permit, provider_id: str) -> IwmoExchange:
        permit.on(Resource(provider=provider_id))
        if exchange is None or provider_id not in exchange.mailboxes:
            raise NotSpeaking(f"provider {provider_id} does not exchange iWmo XML here")
        return exchange

    @api.get("/providers/{provider_id}/toewijzingen")
    async def toewijzingen(
        provider_id: str = Path(max_length=100), permit: Permit = require("care.iwmo.read")
    ) -> list[dict[str, Any]]:
        """The provider's toewijzingen, as its 301s gave them, with what it reported and the gemeente's verdict."""
        found = own(permit, provider_id)
        return [t.view() for t in await asyncio.to_thread(found.of, provider_id)]

    @api.post("/providers/{provider_id}/toewijzingen/{nummer}/start")
    async def start(
        body: Start, provider_id: str = Path(max_length=100), nummer: int = Nummer,
        permit: Permit = require("care.iwmo.act"),
    ) -> dict[str, Any]:  # fmt: skip
        """Start care by hand: a 305 (a provider that starts on acceptance sends it by itself)."""
        found = own(permit, provider_id)
        return await asyncio.to_thread(found.start, provider_id, nummer, body.start_date, today())

    @api.post("/providers/{provider_id}/toewijzingen/{nummer}/stop")
    async def stop(
        body: Stop, provider_id: str = Path(max_length=100), nummer: int = Nummer,
        permit: Permit = require("care.iwmo.act"),
    ) -> dict[str, Any]:  # fmt: skip
        """End care: a 307 to the gemeente; the answer is the gateway's verdict (its 308 waits in the mailbox)."""
        found = own(permit, provider_id)
        return await asyncio.to_thread(found.stop, provider_id, nummer, body.end_date, body.reason_code, today())

    @api.post("/providers/{provider_id}/toewijzingen/{nummer}/declarations")
    async def declare(
        body: Declaration, provider_id: str = Path(max_length=100), nummer: int = Nummer,
        permit: Permit = require("care.iwmo.act"),
    ) -> dict[str, Any]:  # fmt: skip
        """Declare delivered volume at the agreed tariff: a 323; its 325 waits in the mailbox."""
        found = own(permit, provider_id)
        run = found.declare
        return await asyncio.to_thread(
            run, provider_id, nummer, body.period_start, body.period_end, body.volume, today()
        )

    return api


class NotSpeaking(NotFound):
    """A provider that does not exchange XML here has no iWmo toewijzingen (404)."""
