"""Planning's routes of the law cycle (issue 17): refusing an escalation, the personal plan and the investigation
report of the melding phase, revising a goal, changing an arrangement after an evaluation, and closing a plan.

Every route declares its action (`config/rights.json`) and takes who acts from the token (`Caller`), never from
the body; the plan's team is the scope (403 outside it). Which professional may refuse or change a decision stays
the mandate register's business (403 with who may).
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field, field_validator

from contracts.bounds import Cents, Code, Day, Motivation, Text
from kernel.clock import today
from services.planning.application import PlanningApplication
from services.planning.domain.decision import DecisionRequest
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody

LifeDomain = Literal["income", "debts", "housing", "care", "youth", "work", "social_network", "health"]
LegalGround = Literal["own_strength", "general_provision", "no_need", "not_necessary", "other"]
CONFLICT: dict[int | str, dict[str, Any]] = {
    403: {"description": "Not the caller's team, or no mandate for it (the answer names who may)."},
    404: {"description": "No such plan, case or decision."},
    409: {"description": "Refused by the plan's state."},
}


class RefusalBody(RequestBody):
    legal_ground: LegalGround = Field(description="The criterion the refusal rests on (Wmo 2015 art. 2.3.5 lid 3).")
    reasons: Motivation = Field(min_length=1, description="The motivation the letter prints (Awb 3:46).")


class RefusalResponse(BaseModel):
    decision_id: UUID
    plan_id: UUID
    status: Literal["refused"]
    mandate_ref: str


class PersonalPlanBody(RequestBody):
    case_id: UUID
    offered_on: Day | None = Field(
        None, description="The day the resident was pointed to the right to hand in a personal plan; default today."
    )
    handed_in: bool = Field(description="The resident handed in a personal plan (false: chose not to).")

    @field_validator("offered_on")
    @classmethod
    def _not_in_the_future(cls, value: date | None) -> date | None:
        if value is not None and value > today():
            raise ValueError("the opportunity cannot be given in the future: record what happened")
        return value


class InvestigationBody(RequestBody):
    case_id: UUID


class GoalRevisionBody(RequestBody):
    goal: Text = Field(min_length=1)
    own_strength: Text = Field(min_length=1, description="What the household will do itself.")
    network: Text = Field("", description="What its network (family, neighbours) will do.")


class ArrangementChangeBody(RequestBody):
    """The decision in force that changes, and the new decision that replaces it (a wijziging)."""

    decision_id: UUID = Field(description="The decision in force that the evaluation changes.")
    provision_code: Code = Field(min_length=1)
    amount_cents: Cents = Field(strict=True)
    period_start: Day
    period_end: Day
    life_domain: LifeDomain | None = None
    client_age: int | None = Field(None, ge=0, le=130, strict=True)
    kind: Literal["award", "partial_award", "refusal"] = "award"
    requested_amount_cents: Cents | None = Field(None, strict=True)
    legal_ground: LegalGround | None = None
    reasons: Motivation = ""


class ClosureBody(RequestBody):
    reason: Literal["goals_met", "moved_away"]
    hand_over_to: Code | None = Field(None, min_length=1, description="A professional who takes over the regie.")


def actor(permit: Permit) -> str:
    """Who acts: the professional's id in the mandate register, as the token carries it."""
    return permit.caller.employee or permit.caller.subject


def in_scope(app: PlanningApplication, plan_id: UUID, permit: Permit) -> str:
    """The plan exists and is of the caller's team (404, 403 otherwise); returns who acts."""
    household_id, team_id = app.scope_of(plan_id)
    permit.on(Resource(team=team_id, household=str(household_id)))
    return actor(permit)


def router(app: PlanningApplication) -> APIRouter:
    api = APIRouter(prefix="/plans/{plan_id}", tags=["planning: the law cycle"], responses=CONFLICT)

    async def scoped(plan_id: UUID, permit: Permit) -> str:
        return await asyncio.to_thread(in_scope, app, plan_id, permit)

    @api.post("/decisions/{decision_id}/refusal", response_model=RefusalResponse)
    async def refuse_escalation(
        plan_id: UUID, decision_id: UUID, body: RefusalBody, permit: Permit = require("planning.refuse")
    ) -> RefusalResponse:
        """A mandate holder refuses an escalated proposal with its legal ground and reasons; the backoffice sends
        the refusal beschikking. 403 for anyone without the mandate, 422 without reasons."""
        who = await scoped(plan_id, permit)
        ref = await asyncio.to_thread(
            app.refuse_escalation, plan_id, decision_id, who, body.legal_ground, body.reasons, today()
        )
        return RefusalResponse(decision_id=decision_id, plan_id=plan_id, status="refused", mandate_ref=ref)

    @api.post("/personal-plan", status_code=201)
    async def record_personal_plan(
        plan_id: UUID, body: PersonalPlanBody, permit: Permit = require("planning.melding")
    ) -> dict[str, Any]:
        """The resident was given the opportunity to hand in a personal plan (Wmo 2015 art. 2.3.2 lid 2), and did
        or did not: the melding's personal-plan term stops on `offered_on` (in time within seven days)."""
        who = await scoped(plan_id, permit)
        offered_on = body.offered_on or today()
        record = app.record_personal_plan
        await asyncio.to_thread(record, plan_id, body.case_id, offered_on, body.handed_in, who, today())
        return {"plan_id": str(plan_id), "case_id": str(body.case_id), "offered_on": offered_on.isoformat()}

    @api.post("/investigation-report", status_code=201)
    async def report_investigation(
        plan_id: UUID, body: InvestigationBody, permit: Permit = require("planning.melding")
    ) -> dict[str, str]:
        """The investigation of the case is reported today (Wmo 2015 art. 2.3.2): its six-week term stops."""
        who = await scoped(plan_id, permit)
        await asyncio.to_thread(app.report_investigation, plan_id, body.case_id, who, today())
        return {"plan_id": str(plan_id), "case_id": str(body.case_id), "reported_on": today().isoformat()}

    @api.post("/goals/{life_domain}/revisions", status_code=201)
    async def revise_goal(
        plan_id: UUID,
        body: GoalRevisionBody,
        life_domain: LifeDomain = Path(),
        permit: Permit = require("planning.plan.revise"),
    ) -> dict[str, Any]:
        """A new revision of the life domain's goal; the earlier ones stay in the plan's history."""
        who = await scoped(plan_id, permit)
        revise = app.revise_goal
        await asyncio.to_thread(revise, plan_id, life_domain, body.goal, body.own_strength, body.network, who, today())
        plan = await asyncio.to_thread(app.plan, plan_id)
        goal = next(g for g in plan["goals"] if g["life_domain"] == life_domain)
        return {"plan_id": str(plan_id), "life_domain": life_domain, "revision": goal["revision"]}

    @api.post("/evaluations/{evaluation_id}/arrangement-changes", status_code=201)
    async def change_arrangement(
        plan_id: UUID,
        evaluation_id: UUID,
        body: ArrangementChangeBody,
        permit: Permit = require("planning.arrangement.change"),
    ) -> dict[str, Any]:
        """After an evaluation the arrangement changes: the new decision is taken, escalated or refused as any
        decision, and the one in force is withdrawn (the backoffice sends the change letter)."""
        who = await scoped(plan_id, permit)
        fields = body.model_dump(exclude={"decision_id", "legal_ground"})
        request = DecisionRequest(**fields, legal_ground=body.legal_ground or "", decided_by=who)
        outcome = await asyncio.to_thread(
            app.change_arrangement, plan_id, evaluation_id, body.decision_id, request, today()
        )
        return {"plan_id": str(plan_id), "replaces": str(body.decision_id)} | {
            "decision_id": str(outcome.decision_id),
            "status": outcome.status,
            "mandate_ref": outcome.mandate_ref,
            "reason": outcome.reason,
        }

    @api.post("/closure")
    async def close_plan(
        plan_id: UUID, body: ClosureBody, permit: Permit = require("planning.plan.close")
    ) -> dict[str, Any]:
        """Close the plan: its goals met (each evaluated as achieved) or the household moved away; nothing may wait
        for a mandate holder or be in force. The coordinator can be handed over at closure."""
        who = await scoped(plan_id, permit)
        await asyncio.to_thread(app.close_plan, plan_id, body.reason, who, today(), body.hand_over_to)
        plan = await asyncio.to_thread(app.plan, plan_id)
        return {"plan_id": str(plan_id), "closed_on": plan["closed_on"], "coordinator": plan["coordinator"]}

    return api
