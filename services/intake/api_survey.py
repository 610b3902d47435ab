"""The client-experience survey over HTTP: a resident's satisfaction score for the case's team (1 to 10)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from contracts.bounds import Day
from kernel.clock import today
from services.intake.access import case_in_scope
from services.intake.application import IntakeApplication
from wijk.auth.rights import Permit
from wijk.auth.routes import require
from wijk.request_body import RequestBody

RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such case."},
    409: {"description": "The case already has a satisfaction answer."},
    410: {"description": "Household erased."},
    422: {"description": "Score outside 1-10, or a date before the case opened or in the future."},
}


class SatisfactionBody(RequestBody):
    score: int = Field(ge=1, le=10, description="Satisfaction with the team's support, 1 (poor) to 10 (excellent).")
    answered_on: Day | None = Field(None, description="The day the resident answered; default today.")


class SatisfactionResponse(BaseModel):
    case_id: UUID
    answer_id: UUID
    score: int
    answered_on: date


def router(app: IntakeApplication) -> APIRouter:
    api = APIRouter(tags=["survey"])

    @api.post(
        "/cases/{case_id}/satisfaction", status_code=201, response_model=SatisfactionResponse, responses=RESPONSES
    )
    async def record_satisfaction(
        case_id: UUID, body: SatisfactionBody, permit: Permit = require("intake.case.act")
    ) -> SatisfactionResponse:
        """Record the resident's answer to the client-experience survey (Wmo 2015 art. 2.5.1); one per case."""
        await asyncio.to_thread(case_in_scope, app, case_id, permit)
        answered_on = body.answered_on or today()
        answer = await asyncio.to_thread(app.record_satisfaction, case_id, body.score, answered_on, today())
        return SatisfactionResponse(case_id=case_id, answer_id=answer, score=body.score, answered_on=answered_on)

    return api
