"""Debt assistance's HTTP API: trajectories and their statutory due dates."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Query

from services.debt.application import DebtApplication


def router(app: DebtApplication) -> APIRouter:
    api = APIRouter(tags=["debt"])

    @api.get("/trajectories")
    async def list_trajectories(
        household_id: UUID = Query(description="The household's pseudonymous id."),
    ) -> list[dict[str, Any]]:
        """The household's trajectories, each with the date its first conversation is due (Wgs art. 4a)."""
        return await asyncio.to_thread(app.trajectories, household_id)

    @api.get("/trajectories/{trajectory_id}")
    async def get_trajectory(trajectory_id: UUID) -> dict[str, Any]:
        return await asyncio.to_thread(app.trajectory, trajectory_id)

    return api
