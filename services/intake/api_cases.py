"""Working on a case over HTTP: client support, applications (aanvragen), clocks, and the debt screening."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field, field_validator

from contracts.bounds import Day
from kernel.clock import today
from services.intake.access import case_in_scope
from services.intake.application import IntakeApplication
from services.intake.domain.screening import DebtScreening
from wijk.auth.rights import Permit
from wijk.auth.routes import require
from wijk.request_body import RequestBody

Threat = Literal["eviction", "energy_disconnection", "water_disconnection", "health_insurance_termination"]
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "Refused by the case's state."},
    410: {"description": "Household erased."},
}


class OfferResponse(BaseModel):
    case_id: UUID
    offered_on: date


class ChoiceBody(RequestBody):
    choice: Literal["volunteer", "professional", "none"]


class ChoiceResponse(BaseModel):
    case_id: UUID
    choice: str
    chosen_on: date


class ApplicationBody(RequestBody):
    domain: Literal["wmo", "youth", "special_assistance"]


class ApplicationResponse(BaseModel):
    case_id: UUID
    application_id: UUID
    domain: str
    received_on: date
    decision_due_on: date
    legal_basis: str


class ClockStopBody(RequestBody):
    stopped_on: Day | None = Field(None, description="Default: today; not in the future, nor before the clock started.")

    @field_validator("stopped_on")
    @classmethod
    def _not_in_the_future(cls, value: date | None) -> date | None:
        if value is not None and value > today():
            raise ValueError("a clock cannot stop in the future: record what happened when it has happened")
        return value


class ScreeningBody(RequestBody):
    arrears_on_fixed_costs: bool = Field(description="Behind on rent, energy, water or health insurance premium?")
    collection_letters: bool = Field(description="Letters from a debt collector or bailiff?")
    income_short: bool = Field(description="Does the income fall short of the fixed costs?")
    borrowing_for_bills: bool = Field(description="Borrowing or buying on credit to pay bills?")
    threat: Threat | None = Field(None, description="A threatening situation (bedreigende situatie).")


def router(app: IntakeApplication) -> APIRouter:
    api = APIRouter(prefix="/cases/{case_id}", tags=["cases"])
    act = require("intake.case.act")

    async def scoped(case_id: UUID, permit: Permit) -> str:
        return await asyncio.to_thread(case_in_scope, app, case_id, permit)

    @api.post("/client-support-offers", status_code=201, response_model=OfferResponse, responses=CONFLICT)
    async def offer(case_id: UUID, permit: Permit = act) -> OfferResponse:
        """Record that the resident was pointed to free independent client support (Wmo 2015 art. 2.3.2 lid 3), by
        the calling professional."""
        who = await scoped(case_id, permit)
        offered_on = await asyncio.to_thread(app.offer_client_support, case_id, who, today())
        return OfferResponse(case_id=case_id, offered_on=offered_on)

    @api.post("/client-support-choice", status_code=201, response_model=ChoiceResponse, responses=CONFLICT)
    async def choose(case_id: UUID, body: ChoiceBody, permit: Permit = act) -> ChoiceResponse:
        """The resident's choice of client support; 409 while no offer is on record."""
        await scoped(case_id, permit)
        chosen_on = await asyncio.to_thread(app.choose_client_support, case_id, body.choice, today())
        return ChoiceResponse(case_id=case_id, choice=body.choice, chosen_on=chosen_on)

    @api.post("/applications", status_code=201, response_model=ApplicationResponse, responses=CONFLICT)
    async def apply(case_id: UUID, body: ApplicationBody, permit: Permit = act) -> ApplicationResponse:
        """An aanvraag: starts the decision term (Wmo 2 weeks; youth and special assistance 8 weeks, Awb)."""
        await scoped(case_id, permit)
        opened = await asyncio.to_thread(app.receive_application, case_id, body.domain, today())
        return ApplicationResponse(**vars(opened))

    @api.post("/clocks/{clock_id}/stop", responses=CONFLICT)
    async def stop(
        case_id: UUID, body: ClockStopBody, clock_id: str = Path(max_length=100), permit: Permit = act
    ) -> dict[str, object]:
        """What a term was for happened (plan handed in, investigation reported, decision taken)."""
        await scoped(case_id, permit)
        stopped_on = body.stopped_on or today()
        in_time = await asyncio.to_thread(app.stop_clock, case_id, clock_id, stopped_on)
        return {"case_id": str(case_id), "clock_id": clock_id, "stopped_on": stopped_on, "in_time": in_time}

    @api.post("/debt-screening", status_code=201, responses=CONFLICT)
    async def screen(case_id: UUID, body: ScreeningBody, permit: Permit = act) -> dict[str, object]:
        """The short debt screening; any yes or a threat flags a debt concern (an early referral to debt
        assistance, which counts the Wgs term: 3 working days when threatening, else 4 weeks)."""
        await scoped(case_id, permit)
        screening = DebtScreening(**body.model_dump())
        concern = await asyncio.to_thread(app.screen_debts, case_id, screening, today())
        return {"case_id": str(case_id), "debt_concern": concern, "threatening": screening.threatening}

    return api
