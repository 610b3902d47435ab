"""Intake's HTTP API for the team's professionals: meldingen and the case view. Only translates requests."""

from __future__ import annotations

import asyncio
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field, model_validator

from kernel.clock import today
from services.intake.access import case_in_scope, household_in_scope, postcode_in_scope
from services.intake.application import IntakeApplication, SupportRequestInput
from wijk.auth.rights import Permit
from wijk.auth.routes import require
from wijk.request_body import RequestBody

LifeDomain = Literal["income", "debts", "housing", "care", "youth", "work", "social_network", "health"]


class SupportRequestBody(RequestBody):
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
    async def request_support(
        body: SupportRequestBody, permit: Permit = require("intake.case.open")
    ) -> CaseOpenedResponse:
        """Record a melding and open a case for the district's team: receipt is confirmed and the melding's
        statutory clocks start (personal plan 7 days, investigation 6 weeks; Wmo 2015 art. 2.3.2). A professional
        opens cases for the own team's households and district only (403)."""
        if body.household_id is not None:
            await asyncio.to_thread(household_in_scope, app, body.household_id, permit)
        elif body.postcode:
            await asyncio.to_thread(postcode_in_scope, app, body.postcode, permit)
        command = SupportRequestInput(**body.model_dump())
        opened = await asyncio.to_thread(app.request_support, command, today())
        return CaseOpenedResponse(**vars(opened))

    @api.get("/cases/{case_id}")
    async def get_case(case_id: UUID, permit: Permit = require("intake.case.read")) -> dict[str, Any]:
        """The case: team, client support, applications and its statutory clocks."""
        await asyncio.to_thread(case_in_scope, app, case_id, permit)
        return await asyncio.to_thread(app.case, case_id)

    @api.post("/clocks/check")
    async def check_clocks(_: Permit = require("intake.clocks.check")) -> dict[str, Any]:
        """Record every statutory term missed as of today (also done periodically); returns what it recorded."""
        missed = await asyncio.to_thread(app.check_clocks, today())
        return {"checked_on": today().isoformat(), "missed": missed}

    return api
