"""Planning's HTTP API for the team's professionals: only translates requests into commands.

Every route declares its right (`config/rights.json`); the plan's team is the scope (403 outside it, a
municipality-wide professional everywhere). Who decides, approves, cancels, sets a goal or evaluates is the
token's caller (the professional's id in the mandate register), never a body field: the mandate register and
Awb 10:3 lid 3 (the approver is not the one who decided) compare authenticated identities.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Literal
from uuid import UUID

import asyncpg
from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, Field

from contracts.bounds import PLAIN, PLAIN_NOT_BLANK, Cents, Code, Day, Motivation, Text
from kernel.clock import today
from services.planning import read_model
from services.planning.api_cycle import in_scope
from services.planning.application import PlanningApplication
from services.planning.domain.decision import DecisionRequest
from services.planning.domain.deviation import DeviationRequest
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody

LifeDomain = Literal["income", "debts", "housing", "care", "youth", "work", "social_network", "health"]
Professional = Field(
    min_length=1, max_length=200, pattern=PLAIN, description="A professional's id in the mandate register."
)


class DeviationBody(RequestBody):
    rule_refs: list[Code] = Field(min_length=1, max_length=20, description="Every catalogue rule departed from.")
    justification: str = Field(
        min_length=1, max_length=4000, pattern=PLAIN, description="Why: the written justification."
    )


class DecisionBody(RequestBody):
    provision_code: Code = Field(min_length=1, examples=["wmo-huishoudelijke-ondersteuning"])
    amount_cents: Cents = Field(
        strict=True, description="Money is integer euro cents; at most EUR 10 million.", examples=[250000]
    )
    period_start: Day
    period_end: Day = Field(description="The last day of the period; not before period_start.")
    life_domain: LifeDomain | None = Field(None, description="Default: the provision's own life domain.")
    client_age: int | None = Field(None, ge=0, le=130, strict=True, description="Needed for age-limited provisions.")
    deviation: DeviationBody | None = None
    # The law cycle (issue 17): a partial award or refusal with its legal ground and reasons (Awb 3:46).
    kind: Literal["award", "partial_award", "refusal"] = Field("award", description="A refusal needs a mandate.")
    requested_amount_cents: Cents | None = Field(None, strict=True, description="Asked for; more than a partial award.")
    legal_ground: Literal["own_strength", "general_provision", "no_need", "not_necessary", "other"] | None = None
    reasons: Motivation = Field("", description="The motivation of a partial award or refusal (Awb 3:46).")
    replaces: UUID | None = Field(None, description="The decision revoked after a bezwaar that this one replaces.")


class DecisionResponse(BaseModel):
    decision_id: UUID
    plan_id: UUID
    status: Literal["taken", "escalated", "recorded", "refused"]
    mandate_ref: str = ""
    reason: str = ""


class CancellationBody(RequestBody):
    reason: str = Field(
        min_length=1, max_length=2000, pattern=PLAIN_NOT_BLANK, description="Why the decision is withdrawn."
    )


class CoordinatorBody(RequestBody):
    coordinator: str = Professional


class GoalBody(RequestBody):
    life_domain: LifeDomain
    goal: Text = Field(min_length=1)
    own_strength: Text = Field(min_length=1, description="What the household will do itself.")
    network: Text = Field("", description="What its network (family, neighbours) will do.")


class GoalResultBody(RequestBody):
    life_domain: LifeDomain
    outcome: Literal["achieved", "partly", "not_achieved"]
    remarks: Text = ""


class EvaluationBody(RequestBody):
    results: list[GoalResultBody] = Field(min_length=1, max_length=8)


def router(app: PlanningApplication, pool: Callable[[], asyncpg.Pool | None] = lambda: None) -> APIRouter:
    """`pool`: the service's asyncpg pool once it runs, on which `GET /plans` reads the read model without a
    worker thread."""
    api = APIRouter(tags=["planning"])
    read, edit = require("planning.read"), require("planning.plan.edit")

    async def scoped(plan_id: UUID, permit: Permit) -> str:
        return await asyncio.to_thread(in_scope, app, plan_id, permit)

    def plans_in_scope(household_id: UUID, permit: Permit, found: tuple[bytes, list[str]] | None = None) -> bytes:
        body, teams = found or app.plans_json(household_id)
        for team in teams:
            permit.on(Resource(team=team, household=str(household_id)))
        return body

    @api.get("/plans", response_model=list[dict[str, Any]])
    async def plans_of(household_id: UUID, permit: Permit = read) -> Response:
        """The household's plans (one open plan at most), with goals, decisions, deviations and feedback."""
        # The read model's JSON as stored, not validated and encoded again: the driver and the screens poll this.
        # On the event loop when the views open with keys in memory; else (a key to read, an erased household,
        # no read model) in a worker thread.
        connections = pool() if app.read_model else None
        if connections is not None:
            rows = await connections.fetch(read_model.OF_HOUSEHOLD_AS_TEXT_ASYNC, household_id)
            if app.opens_in_memory(rows):
                body = plans_in_scope(household_id, permit, app.plans_json_of(rows))
                return Response(body, media_type="application/json")
        body = await asyncio.to_thread(plans_in_scope, household_id, permit)
        return Response(body, media_type="application/json")

    @api.get("/plans/{plan_id}")
    async def get_plan(plan_id: UUID, permit: Permit = read) -> dict[str, Any]:
        await scoped(plan_id, permit)
        return await asyncio.to_thread(app.plan, plan_id)

    @api.post("/plans/{plan_id}/coordinator", status_code=204)
    async def assign_coordinator(plan_id: UUID, body: CoordinatorBody, permit: Permit = edit) -> Response:
        """Hand the plan over to a new regisseur: there is exactly one at any time."""
        who = await scoped(plan_id, permit)
        await asyncio.to_thread(app.assign_coordinator, plan_id, body.coordinator, who, today())
        return Response(status_code=204)

    @api.post("/plans/{plan_id}/goals", status_code=201)
    async def set_goal(plan_id: UUID, body: GoalBody, permit: Permit = edit) -> dict[str, str]:
        """A goal for one life domain, with what the household and its network will do themselves."""
        who = await scoped(plan_id, permit)
        fields = body.model_dump()
        await asyncio.to_thread(app.set_goal, plan_id, **fields, set_by=who, today=today())
        return {"plan_id": str(plan_id), "life_domain": body.life_domain}

    @api.post("/plans/{plan_id}/decisions", status_code=201, response_model=DecisionResponse)
    async def take_decision(
        plan_id: UUID, body: DecisionBody, response: Response, permit: Permit = require("planning.decide")
    ) -> DecisionResponse:
        """Decide on a provision from the catalogue: taken at once inside the mandate (201), escalated to a mandate
        holder outside it (202). Budget then reserves or refuses the money. A partial award or a refusal states its
        legal ground and reasons (422 without); only a mandate holder refuses (403)."""
        who = await scoped(plan_id, permit)
        given = body.deviation
        deviation = DeviationRequest(tuple(given.rule_refs), given.justification) if given else None
        fields = body.model_dump(exclude={"deviation", "legal_ground"})
        request = DecisionRequest(**fields, decided_by=who, legal_ground=body.legal_ground or "", deviation=deviation)
        outcome = await asyncio.to_thread(app.take_decision, plan_id, request, today())
        if outcome.status == "escalated":
            response.status_code = 202
        return DecisionResponse(plan_id=plan_id, **vars(outcome))

    @api.post("/plans/{plan_id}/decisions/{decision_id}/approval", response_model=DecisionResponse)
    async def approve(
        plan_id: UUID, decision_id: UUID, permit: Permit = require("planning.approve")
    ) -> DecisionResponse:
        """A mandate holder approves an escalated decision; anyone else, and the one who decided, is refused (403)."""
        who = await scoped(plan_id, permit)
        ref = await asyncio.to_thread(app.approve, plan_id, decision_id, who, today())
        return DecisionResponse(decision_id=decision_id, plan_id=plan_id, status="taken", mandate_ref=ref)

    @api.post("/plans/{plan_id}/decisions/{decision_id}/cancellation")
    async def cancel_decision(
        plan_id: UUID, decision_id: UUID, body: CancellationBody, permit: Permit = require("planning.decide")
    ) -> dict[str, str]:
        """Withdraw a decision (intrekking); budget releases what it still holds for it. 409 for an unknown or
        already cancelled decision or one whose funds were refused; 403 for someone not in the register."""
        who = await scoped(plan_id, permit)
        await asyncio.to_thread(app.cancel_decision, plan_id, decision_id, who, body.reason, today())
        return {"decision_id": str(decision_id), "plan_id": str(plan_id), "status": "cancelled"}

    @api.post("/plans/{plan_id}/evaluations", status_code=201)
    async def evaluate(plan_id: UUID, body: EvaluationBody, permit: Permit = edit) -> dict[str, str]:
        """Evaluate the plan's goals: achieved, partly or not achieved, with remarks."""
        who = await scoped(plan_id, permit)
        results = [r.model_dump() for r in body.results]
        evaluation_id = await asyncio.to_thread(app.evaluate, plan_id, who, results, today())
        return {"evaluation_id": str(evaluation_id), "plan_id": str(plan_id)}

    @api.get("/teams/{team_id}/model")
    async def team_model(team_id: str = Path(max_length=100), permit: Permit = read) -> dict[str, Any]:
        """Which disciplines and partner organisations form the team, and who steers them."""
        permit.on(Resource(team=team_id))
        return app.team_model(team_id)

    return api
