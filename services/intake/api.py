"""Intake's HTTP API for the team's professionals: meldingen and the case view. Only translates requests."""

from __future__ import annotations

import asyncio
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field, model_validator

from kernel.clock import today
from services.intake.application import IntakeApplication, SupportRequestInput

LifeDomain = Literal["income", "debts", "housing", "care", "youth", "work", "social_network", "health"]


class SupportRequestBody(BaseModel):
    household_id: UUID | None = Field(None, description="A registered household (see POST /households).")
    postcode: str | None = Field(
        None,
        max_length=10,
        examples=["1353 AB"],
        description="For a household not registered yet: its postcode routes it.",
    )
    members: int = Field(1, ge=1, le=30, description="Number of people in a new household.")
    requested_by: Literal["resident", "professional"] = "resident"
    life_domains: list[LifeDomain] = Field(min_length=1, max_length=8, examples=[["income", "debts"]])
    debt_concern: bool = Field(False, description="The intake screening found signs of debts.")
    threatening: bool = Field(False, description="Eviction or disconnection of energy or water is imminent.")

    @model_validator(mode="after")
    def _household_or_postcode(self) -> SupportRequestBody:
        if self.household_id is None and not self.postcode:
            raise ValueError("name a registered household_id, or the postcode of a new household")
        return self


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
        """Record a melding and open a case for the district's team: receipt is confirmed and the melding's
        statutory clocks start (personal plan 7 days, investigation 6 weeks; Wmo 2015 art. 2.3.2)."""
        command = SupportRequestInput(**body.model_dump())
        opened = await asyncio.to_thread(app.request_support, command, today())
        return CaseOpenedResponse(**vars(opened))

    @api.get("/cases/{case_id}")
    async def get_case(case_id: UUID) -> dict[str, Any]:
        """The case: team, client support, applications and its statutory clocks."""
        return await asyncio.to_thread(app.case, case_id)

    @api.post("/clocks/check")
    async def check_clocks() -> dict[str, Any]:
        """Record every statutory term missed as of today (also done periodically); returns what it recorded."""
        missed = await asyncio.to_thread(app.check_clocks, today())
        return {"checked_on": today().isoformat(), "missed": missed}

    return api
