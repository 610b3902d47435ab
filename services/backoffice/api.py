"""The backoffice's HTTP API: what was executed for a decision, and the beschikking as sent."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from services.backoffice.application import BackofficeApplication


def router(app: BackofficeApplication) -> APIRouter:
    api = APIRouter(tags=["backoffice"])

    @api.get("/decisions/{decision_id}")
    async def get_decision(decision_id: UUID) -> dict[str, Any]:
        """The executed decision: its beschikking and its provider assignment."""
        return await asyncio.to_thread(app.decision, decision_id)

    @api.get("/decisions/{decision_id}/letter", response_class=PlainTextResponse)
    async def get_letter(decision_id: UUID) -> PlainTextResponse:
        """The beschikking in Dutch, as the resident receives it."""
        return PlainTextResponse(await asyncio.to_thread(app.letter_text, decision_id))

    return api
