"""Planning's HTTP API for the team's professionals: only translates requests into commands."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.planning.application import DecisionInput, PlanningApplication
from wijk.clock import today


class DecisionBody(BaseModel):
    provision_code: str = Field(min_length=1, examples=["wmo-huishoudelijke-ondersteuning"])
    amount_cents: int = Field(ge=0, strict=True, description="Money is integer euro cents.", examples=[250000])
    period_start: date
    period_end: date = Field(description="The last day of the period; not before period_start.")
    decided_by: str = Field(min_length=1, description="The mandated professional who decided.")


class DecisionTakenResponse(BaseModel):
    decision_id: UUID
    plan_id: UUID


def router(app: PlanningApplication) -> APIRouter:
    api = APIRouter(tags=["planning"])

    @api.get("/plans")
    async def plans_of(household_id: UUID) -> list[dict[str, Any]]:
        """The household's plans (one open plan at most), with their decisions and each decision's status."""
        return await asyncio.to_thread(app.plans_of, household_id)

    @api.get("/plans/{plan_id}")
    async def get_plan(plan_id: UUID) -> dict[str, Any]:
        return await asyncio.to_thread(app.plan, plan_id)

    @api.post("/plans/{plan_id}/decisions", status_code=201, response_model=DecisionTakenResponse)
    async def take_decision(plan_id: UUID, body: DecisionBody) -> DecisionTakenResponse:
        """Decide on a provision from the catalogue; budget then reserves or refuses the money."""
        command = DecisionInput(**body.model_dump())
        decision_id = await asyncio.to_thread(app.take_decision, plan_id, command, today())
        return DecisionTakenResponse(decision_id=decision_id, plan_id=plan_id)

    return api
