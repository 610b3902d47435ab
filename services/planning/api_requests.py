"""Providers' requests (iWmo WMO315/317, through the gateway) for the coordinator: listed per plan, and answered:
taken up, or refused with a WJ759 reason. Who answers comes from the token; the plan's team is the scope."""

from __future__ import annotations

import asyncio
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import Field

from kernel.clock import today
from services.planning.api_cycle import actor, in_scope
from services.planning.application import PlanningApplication
from services.planning.provider_requests import ProviderRequests
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody


class AnswerBody(RequestBody):
    taken: bool = Field(description="Taken up: decided on as an aanvraag (a decision and its 301 follow).")
    refusal_reason: Literal["1", "2", "3", "4", "5", "6", "7", "8", "9"] | None = Field(
        None, description="WJ759 Reden afwijzing verzoek, required when refused."
    )


def router(app: PlanningApplication, requests: ProviderRequests | None = None) -> APIRouter:
    requests = requests or ProviderRequests(app)
    api = APIRouter(tags=["provider requests"])

    @api.get("/plans/{plan_id}/provider-requests")
    async def of_plan(plan_id: UUID, permit: Permit = require("planning.provider-request")) -> list[dict[str, Any]]:
        """The providers' requests before the plan's coordinator, open and answered."""
        await asyncio.to_thread(in_scope, app, plan_id, permit)
        return await asyncio.to_thread(requests.of_plan, plan_id)

    @api.post(
        "/provider-requests/{request_id}/answer",
        responses={404: {"description": "No such request."}, 409: {"description": "Answered already."}},
    )
    async def answer(
        request_id: UUID, body: AnswerBody, permit: Permit = require("planning.provider-request")
    ) -> dict[str, Any]:
        """The coordinator's answer; the provider receives it as a WMO319 (and, when taken, the 301 of the decision)."""

        def run() -> dict[str, Any]:
            request = requests.get(request_id)
            permit.on(Resource(team=request.team_id, household=str(request.household_id)))
            requests.answer(request_id, body.taken, body.refusal_reason, actor(permit), today())
            return requests.get(request_id).view()

        return await asyncio.to_thread(run)

    return api
