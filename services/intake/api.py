"""Intake's HTTP API for the team's professionals: only translates requests into commands."""

from __future__ import annotations

import asyncio
from typing import Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.intake.application import IntakeApplication, SupportRequestInput
from wijk.clock import today

LifeDomain = Literal["income", "debts", "housing", "care", "youth", "work", "social_network", "health"]


class SupportRequestBody(BaseModel):
    postcode: str = Field(examples=["1353 AB"], description="The household's postcode; routes it to a district.")
    members: int = Field(1, ge=1, le=30, description="Number of people in the household.")
    requested_by: Literal["resident", "professional"] = "resident"
    life_domains: list[LifeDomain] = Field(min_length=1, examples=[["income", "debts"]])
    debt_concern: bool = Field(False, description="The intake screening found signs of debts.")
    threatening: bool = Field(False, description="Eviction or disconnection of energy or water is imminent.")


class CaseOpenedResponse(BaseModel):
    household_id: UUID
    request_id: UUID
    case_id: UUID
    district: str
    team_id: str


def router(app: IntakeApplication) -> APIRouter:
    api = APIRouter(tags=["intake"])

    @api.post("/support-requests", status_code=201, response_model=CaseOpenedResponse)
    async def request_support(body: SupportRequestBody) -> CaseOpenedResponse:
        """Record a melding for a household and open a case for its district's team."""
        command = SupportRequestInput(**body.model_dump())
        opened = await asyncio.to_thread(app.request_support, command, today())
        return CaseOpenedResponse(**vars(opened))

    @api.get("/cases/{case_id}")
    async def get_case(case_id: UUID) -> dict[str, object]:
        return await asyncio.to_thread(app.case, case_id)

    return api
