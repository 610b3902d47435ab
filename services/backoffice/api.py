"""The backoffice's HTTP API: executed decisions, the beschikking as sent, bezwaar and debt referrals.

Every route declares its right (`config/rights.json`); a professional sees the beschikkingen of the own team's
households only. Who decides on a bezwaar is the token's caller, never a body field.
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, PlainTextResponse
from pydantic import Field

from contracts.bounds import PLAIN, Code, Text
from kernel.clock import today
from services.backoffice.api_cycle import in_scope
from services.backoffice.application import BackofficeApplication
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody


class ObjectionBody(RequestBody):
    grounds: str = Field(min_length=1, max_length=10_000, pattern=PLAIN, description="Why the objector disagrees.")
    advisory_committee: bool = Field(False, description="Heard by an advisory committee (Awb 7:13): 12 weeks.")


class DeferralBody(RequestBody):
    weeks: int = Field(ge=1, le=6, description="Awb 7:10 lid 3: once, at most six weeks.")


class ObjectionDecisionBody(RequestBody):
    outcome: Literal["gegrond", "gedeeltelijk gegrond", "ongegrond", "niet-ontvankelijk"]
    reasons: str = Field(min_length=1, max_length=10_000, pattern=PLAIN)
    ground: Literal["late", "not_interested_party", "no_grounds", "not_a_decision"] | None = Field(
        None, description="Niet-ontvankelijk names its ground (Awb 6:5-6:7, 6:11, 1:2, 1:3); no other outcome has one."
    )


class DebtReferralBody(RequestBody):
    team_id: Code = Field(min_length=1)
    threatening: bool = Field(False, description="Eviction or disconnection of energy or water is imminent.")
    reason: Text = ""


def router(app: BackofficeApplication) -> APIRouter:
    api = APIRouter(tags=["backoffice"])
    read = require("backoffice.decision.read")

    async def scoped(decision_id: UUID, permit: Permit) -> str:
        return await asyncio.to_thread(in_scope, app, decision_id, permit)

    @api.get("/decisions/{decision_id}")
    async def get_decision(decision_id: UUID, permit: Permit = read) -> dict[str, Any]:
        """The executed decision: its beschikking, its provider assignment and delivery, payments, objections."""
        await scoped(decision_id, permit)
        return await asyncio.to_thread(app.decision, decision_id)

    @api.get("/decisions/{decision_id}/letter", response_class=PlainTextResponse)
    async def get_letter(decision_id: UUID, permit: Permit = read) -> PlainTextResponse:
        """The beschikking in Dutch, as plain text."""
        await scoped(decision_id, permit)
        return PlainTextResponse(await asyncio.to_thread(app.letter_text, decision_id))

    @api.get("/decisions/{decision_id}/letter.html", response_class=HTMLResponse)
    async def get_letter_html(decision_id: UUID, permit: Permit = read) -> HTMLResponse:
        """The beschikking in Dutch, as a readable HTML document."""
        await scoped(decision_id, permit)
        return HTMLResponse(await asyncio.to_thread(app.letter_html, decision_id))

    @api.post("/decisions/{decision_id}/objections", status_code=201)
    async def lodge_objection(
        decision_id: UUID, body: ObjectionBody, permit: Permit = require("backoffice.objection.register")
    ) -> dict[str, Any]:
        """Record a bezwaar against the beschikking, with its decision term (Awb 7:10)."""
        await scoped(decision_id, permit)
        objection_id = await asyncio.to_thread(
            app.lodge_objection, decision_id, body.grounds, body.advisory_committee, today()
        )
        return await asyncio.to_thread(app.objection, decision_id, objection_id)

    @api.get("/decisions/{decision_id}/objections/{objection_id}")
    async def get_objection(
        decision_id: UUID, objection_id: UUID, permit: Permit = require("backoffice.objection.read")
    ) -> dict[str, Any]:
        await scoped(decision_id, permit)
        return await asyncio.to_thread(app.objection, decision_id, objection_id)

    @api.post("/decisions/{decision_id}/objections/{objection_id}/deferral")
    async def defer_objection(
        decision_id: UUID,
        objection_id: UUID,
        body: DeferralBody,
        permit: Permit = require("backoffice.objection.decide"),
    ) -> dict[str, Any]:
        """Defer the decision on the bezwaar once, by at most six weeks (409 for a second deferral)."""
        await scoped(decision_id, permit)
        await asyncio.to_thread(app.defer_objection, decision_id, objection_id, body.weeks, today())
        return await asyncio.to_thread(app.objection, decision_id, objection_id)

    @api.post("/decisions/{decision_id}/objections/{objection_id}/decision")
    async def decide_objection(
        decision_id: UUID,
        objection_id: UUID,
        body: ObjectionDecisionBody,
        permit: Permit = require("backoffice.objection.decide"),
    ) -> dict[str, Any]:
        """Decide on the bezwaar, as the caller (403 when that is who took the contested decision, Awb 10:3 lid 3);
        gegrond revokes the contested beschikking (Awb 7:11), niet-ontvankelijk names its ground (422 without)."""
        who = await scoped(decision_id, permit)
        decide, ground = app.decide_objection, body.ground or ""
        await asyncio.to_thread(decide, decision_id, objection_id, body.outcome, who, body.reasons, today(), ground)
        return await asyncio.to_thread(app.objection, decision_id, objection_id)

    @api.post("/cases/{household_id}/debt-referrals", status_code=201)
    async def refer(
        household_id: UUID, body: DebtReferralBody, permit: Permit = require("backoffice.debt-referral")
    ) -> dict[str, str]:
        """Refer the household to debt assistance (DebtReferralSent), for a household of the caller's team."""
        permit.on(Resource(team=body.team_id, household=str(household_id)))
        referral_id = await asyncio.to_thread(
            app.refer_to_debt_assistance, household_id, body.team_id, body.threatening, body.reason, today()
        )
        return {"referral_id": str(referral_id)}

    return api
