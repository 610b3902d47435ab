"""The provider's HTTP API: its assignments and their state."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Query

from services.care.application import CareApplication


def router(app: CareApplication) -> APIRouter:
    api = APIRouter(tags=["care"])

    @api.get("/assignments")
    async def list_assignments(
        provider_id: str = Query(min_length=1, description="The provider whose assignments to list."),
    ) -> list[dict[str, Any]]:
        """Every assignment this system received for one provider, accepted, rejected or started."""
        return await asyncio.to_thread(app.assignments, provider_id)

    @api.get("/assignments/{assignment_id}")
    async def get_assignment(assignment_id: UUID) -> dict[str, Any]:
        return await asyncio.to_thread(app.assignment, assignment_id)

    return api
