"""Intake's routes of the law cycle (issue 17): a decision term suspended, resumed or extended (Awb 4:15, 4:14),
the resident's notice of default received (Awb 4:17) and the penalty determined by beschikking (Awb 4:18), with
its letter.

Every route declares its action (`config/rights.json`), checks the case's team as the scope (403 outside it) and
takes who acts from the token (`Caller`), never from the body. A day the caller names is never in the future: the
routes record what happened.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Path
from fastapi.responses import PlainTextResponse
from pydantic import Field, field_validator

from contracts.bounds import Day
from contracts.events.intake_terms import Exemption, ExtensionReason, SuspensionReason
from kernel.clock import today
from services.intake.application import IntakeApplication
from services.intake.cases import clock_view
from services.intake.domain.case import Case
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody

ClockId = Path(max_length=100, description="`decision:<application id>` for the decision term of an aanvraag.")
ANSWERS: dict[int | str, dict[str, Any]] = {
    403: {"description": "Not the caller's team."},
    404: {"description": "No such case."},
    409: {"description": "Refused by the term's state (a melding term, stopped, passed, suspended ...)."},
    410: {"description": "Household erased."},
}


def _not_in_the_future(value: date | None) -> date | None:
    if value is not None and value > today():
        raise ValueError("a day in the future: record what happened when it has happened")
    return value


class Happened(RequestBody):
    @field_validator("*")
    @classmethod
    def _past(cls, value: Any) -> Any:
        return _not_in_the_future(value) if isinstance(value, date) else value


class SuspensionBody(Happened):
    reason: SuspensionReason = Field(description="Awb 4:15 lid 1 a (invited to complete), lid 2 a, b, c.")
    on: Day | None = Field(None, description="The invitation, consent, delay or force majeure; default today.")


class ResumptionBody(Happened):
    resumed_on: Day | None = Field(None, description="The day the term runs again; default today.")


class ExtensionBody(RequestBody):
    due_on: Day = Field(description="The later last day the college told the applicant (Awb 4:14).")
    reason: ExtensionReason


class NoticeBody(Happened):
    received_on: Day | None = Field(None, description="The day the written notice of default came in; default today.")


class PenaltyBody(RequestBody):
    exemption: Exemption | None = Field(None, description="Awb 4:17 lid 6: no penalty is due.")


def actor(permit: Permit) -> str:
    return permit.caller.employee or permit.caller.subject


def in_scope(app: IntakeApplication, case_id: UUID, permit: Permit) -> str:
    """The case exists and is of the caller's team (404, 403 otherwise); returns who acts."""
    case: Case = app.get_case(case_id)
    permit.on(Resource(team=case.team_id, household=str(case.household_id)))
    return actor(permit)


def clock_of(app: IntakeApplication, case_id: UUID, clock_id: str) -> dict[str, Any]:
    return clock_view(app.get_case(case_id).clocks[clock_id])


def router(app: IntakeApplication, municipality: str = "") -> APIRouter:
    api = APIRouter(prefix="/cases/{case_id}/clocks/{clock_id}", tags=["cases: the law cycle"], responses=ANSWERS)

    async def scoped(case_id: UUID, permit: Permit) -> str:
        return await asyncio.to_thread(in_scope, app, case_id, permit)

    @api.post("/suspension")
    async def suspend(
        case_id: UUID, body: SuspensionBody, clock_id: str = ClockId, permit: Permit = require("intake.term.move")
    ) -> dict[str, Any]:
        """The decision term stands still (Awb 4:15); from the day after an invitation to complete the aanvraag."""
        await scoped(case_id, permit)
        await asyncio.to_thread(app.suspend_clock, case_id, clock_id, body.reason, body.on or today())
        return await asyncio.to_thread(clock_of, app, case_id, clock_id)

    @api.post("/resumption")
    async def resume(
        case_id: UUID, body: ResumptionBody, clock_id: str = ClockId, permit: Permit = require("intake.term.move")
    ) -> dict[str, Any]:
        """The suspended term runs again; its last day moves by the days it stood still (Atw-extended)."""
        await scoped(case_id, permit)
        await asyncio.to_thread(app.resume_clock, case_id, clock_id, body.resumed_on or today())
        return await asyncio.to_thread(clock_of, app, case_id, clock_id)

    @api.post("/extension")
    async def extend(
        case_id: UUID, body: ExtensionBody, clock_id: str = ClockId, permit: Permit = require("intake.term.move")
    ) -> dict[str, Any]:
        """The college tells the applicant today, before the term ends, the later day it will decide by (4:14)."""
        await scoped(case_id, permit)
        await asyncio.to_thread(app.extend_clock, case_id, clock_id, body.due_on, body.reason, today())
        return await asyncio.to_thread(clock_of, app, case_id, clock_id)

    @api.post("/notice-of-default", status_code=201)
    async def notice_of_default(
        case_id: UUID, body: NoticeBody, clock_id: str = ClockId, permit: Permit = require("intake.default.register")
    ) -> dict[str, Any]:
        """The resident's written notice of default after the decision term passed (Awb 4:17 lid 3): a penalty
        accrues from two weeks later until the beschikking is sent, at most 42 days. 409 before the term passed."""
        await scoped(case_id, permit)
        return await asyncio.to_thread(app.receive_notice_of_default, case_id, clock_id, body.received_on or today())

    @api.post("/penalty", status_code=201)
    async def determine_penalty(
        case_id: UUID, body: PenaltyBody, clock_id: str = ClockId, permit: Permit = require("intake.penalty.determine")
    ) -> dict[str, Any]:
        """The college determines the dwangsom by beschikking (Awb 4:18), once no more days accrue. Refused with
        the reason without a notice of default (409), a second time (409), or while it still accrues (409)."""
        who = await scoped(case_id, permit)
        exemption = body.exemption or ""
        return await asyncio.to_thread(app.determine_penalty, case_id, clock_id, who, today(), exemption)

    @api.get("/penalty-letter", response_class=PlainTextResponse)
    async def penalty_letter(
        case_id: UUID, clock_id: str = ClockId, permit: Permit = require("intake.penalty.read")
    ) -> str:
        """The beschikking on the dwangsom (Awb 4:18) as sent, with the bezwaar clause (404 until determined)."""
        await scoped(case_id, permit)
        return await asyncio.to_thread(app.penalty_letter, case_id, clock_id, municipality)

    return api
