"""The provider's HTTP API: its assignments, and what it reports on them (iWmo 305, 307, 323, feedback).

The acting provider is the access token's organisation (client credentials of the provider's own client),
never a header or body of the caller's choosing: a provider sees and acts on its own assignments only
(`care-provider@own-assignments`, 403 naming the rule otherwise).
"""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Query, status
from pydantic import ConfigDict, Field

from contracts.bounds import Day, Text, Volume
from contracts.events.care import RefusalReason
from kernel.clock import today
from services.care.application import CareApplication
from services.care.domain.declaration import Claim
from wijk.auth.rights import Forbidden, Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody

READ, ACT = require("care.read"), require("care.act")


class Body(RequestBody):
    model_config = ConfigDict(extra="forbid")


class Refusal(Body):
    reason: RefusalReason


class Start(Body):
    start_date: Day


class Stop(Body):
    end_date: Day
    reason_code: str = Field(
        max_length=2, pattern=r"^[0-9]{2}$", description="Reden beëindiging, code list WMO588 (iWmo 3.2)."
    )


class Declaration(Body):
    period_start: Day
    period_end: Day
    volume: Volume = Field(description="Delivered volume in the assignment's unit.")


class Feedback(Body):
    plan_fits: bool
    remarks: Text = ""


def router(app: CareApplication) -> APIRouter:
    api = APIRouter(tags=["care"])

    def mine(assignment_id: UUID, permit: Permit) -> dict[str, Any]:
        """The assignment, if it is the calling provider's (404 unknown, 403 another provider's)."""
        found = app.assignment(assignment_id)
        permit.on(Resource(provider=found["provider_id"], household=found["household_id"]))
        return found

    async def acting(assignment_id: UUID, permit: Permit, action: str) -> str:
        """The calling provider, once the assignment is known to be its own; an attempt on another provider's is
        refused (403 naming the rule) and recorded as a fact (ProviderActionRejected)."""
        provider = str(permit.caller.organisation)
        try:
            await asyncio.to_thread(mine, assignment_id, permit)
        except Forbidden:
            await asyncio.to_thread(app.record_stranger, assignment_id, provider, action, today())
            raise
        return provider

    @api.get("/assignments")
    async def list_assignments(
        provider_id: str | None = Query(
            None, min_length=1, max_length=100, description="Default: the caller's own; another provider's is 403."
        ),
        permit: Permit = READ,
    ) -> list[dict[str, Any]]:
        """Every assignment this system received for the calling provider, in whatever state."""
        provider = provider_id or permit.caller.organisation
        permit.on(Resource(provider=provider))
        return await asyncio.to_thread(app.assignments, str(provider))

    @api.get("/assignments/{assignment_id}")
    async def get_assignment(assignment_id: UUID, permit: Permit = READ) -> dict[str, Any]:
        return await asyncio.to_thread(mine, assignment_id, permit)

    @api.post("/assignments/{assignment_id}/acceptance", status_code=status.HTTP_204_NO_CONTENT)
    async def accept(assignment_id: UUID, permit: Permit = ACT) -> None:
        """Accept a received assignment (providers that answer by hand)."""
        provider = await acting(assignment_id, permit, "acceptance")
        await asyncio.to_thread(app.accept, assignment_id, provider, today())

    @api.post("/assignments/{assignment_id}/refusal", status_code=status.HTTP_204_NO_CONTENT)
    async def refuse(assignment_id: UUID, body: Refusal, permit: Permit = ACT) -> None:
        """Refuse a received assignment, with a reason from a fixed list."""
        provider = await acting(assignment_id, permit, "refusal")
        await asyncio.to_thread(app.refuse, assignment_id, provider, body.reason, today())

    @api.post("/assignments/{assignment_id}/start", status_code=status.HTTP_204_NO_CONTENT)
    async def start(assignment_id: UUID, body: Start, permit: Permit = ACT) -> None:
        """Care started (iWmo 305), or restarted after a temporary stop."""
        provider = await acting(assignment_id, permit, "start")
        await asyncio.to_thread(app.start, assignment_id, provider, body.start_date, today())

    @api.post("/assignments/{assignment_id}/stop", status_code=status.HTTP_204_NO_CONTENT)
    async def stop(assignment_id: UUID, body: Stop, permit: Permit = ACT) -> None:
        """Care ended (iWmo 307) with a WMO588 reason; 20 is a temporary stop."""
        provider = await acting(assignment_id, permit, "stop")
        await asyncio.to_thread(app.stop, assignment_id, provider, body.end_date, body.reason_code, today())

    @api.post("/assignments/{assignment_id}/declarations", status_code=status.HTTP_201_CREATED)
    async def declare(assignment_id: UUID, body: Declaration, permit: Permit = ACT) -> dict[str, Any]:
        """Declare delivered volume for a period (iWmo 323); refused with the reason when above or outside the
        assignment."""
        provider = await acting(assignment_id, permit, "declaration")
        claim = Claim(body.period_start, body.period_end, body.volume)
        return await asyncio.to_thread(app.declare, assignment_id, provider, claim, today())

    @api.post("/assignments/{assignment_id}/feedback", status_code=status.HTTP_204_NO_CONTENT)
    async def feedback(assignment_id: UUID, body: Feedback, permit: Permit = ACT) -> None:
        """Whether the plan fitted the household: the loop back to the team."""
        provider = await acting(assignment_id, permit, "feedback")
        await asyncio.to_thread(app.give_feedback, assignment_id, provider, body.plan_fits, body.remarks, today())

    return api
