"""The provider's HTTP API: its assignments, and what it reports on them (iWmo 305, 307, 323, feedback).

Every command carries the acting provider's identity in the `X-Provider-Id` header: a documented stand-in for
real authentication (in the iWmo chain the provider is known by its AGB code through VECOZO, LAW.md §2.5).
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Header, Query, status
from pydantic import BaseModel, ConfigDict, Field

from contracts.bounds import Day, Text, Volume
from contracts.events.care import RefusalReason
from kernel.clock import today
from services.care.application import CareApplication
from services.care.domain.declaration import Claim

ProviderId = Annotated[
    str,
    Header(
        alias="X-Provider-Id",
        min_length=1,
        max_length=100,
        description="The acting provider (stand-in for authentication).",
    ),
]


class Body(BaseModel):
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

    @api.get("/assignments")
    async def list_assignments(
        provider_id: str = Query(min_length=1, max_length=100, description="The provider whose assignments to list."),
    ) -> list[dict[str, Any]]:
        """Every assignment this system received for one provider, in whatever state."""
        return await asyncio.to_thread(app.assignments, provider_id)

    @api.get("/assignments/{assignment_id}")
    async def get_assignment(assignment_id: UUID) -> dict[str, Any]:
        return await asyncio.to_thread(app.assignment, assignment_id)

    @api.post("/assignments/{assignment_id}/acceptance", status_code=status.HTTP_204_NO_CONTENT)
    async def accept(assignment_id: UUID, provider: ProviderId) -> None:
        """Accept a received assignment (providers that answer by hand)."""
        await asyncio.to_thread(app.accept, assignment_id, provider, today())

    @api.post("/assignments/{assignment_id}/refusal", status_code=status.HTTP_204_NO_CONTENT)
    async def refuse(assignment_id: UUID, body: Refusal, provider: ProviderId) -> None:
        """Refuse a received assignment, with a reason from a fixed list."""
        await asyncio.to_thread(app.refuse, assignment_id, provider, body.reason, today())

    @api.post("/assignments/{assignment_id}/start", status_code=status.HTTP_204_NO_CONTENT)
    async def start(assignment_id: UUID, body: Start, provider: ProviderId) -> None:
        """Care started (iWmo 305), or restarted after a temporary stop."""
        await asyncio.to_thread(app.start, assignment_id, provider, body.start_date, today())

    @api.post("/assignments/{assignment_id}/stop", status_code=status.HTTP_204_NO_CONTENT)
    async def stop(assignment_id: UUID, body: Stop, provider: ProviderId) -> None:
        """Care ended (iWmo 307) with a WMO588 reason; 20 is a temporary stop."""
        await asyncio.to_thread(app.stop, assignment_id, provider, body.end_date, body.reason_code, today())

    @api.post("/assignments/{assignment_id}/declarations", status_code=status.HTTP_201_CREATED)
    async def declare(assignment_id: UUID, body: Declaration, provider: ProviderId) -> dict[str, Any]:
        """Declare delivered volume for a period (iWmo 323); refused with the reason when above or outside the
        assignment."""
        claim = Claim(body.period_start, body.period_end, body.volume)
        return await asyncio.to_thread(app.declare, assignment_id, provider, claim, today())

    @api.post("/assignments/{assignment_id}/feedback", status_code=status.HTTP_204_NO_CONTENT)
    async def feedback(assignment_id: UUID, body: Feedback, provider: ProviderId) -> None:
        """Whether the plan fitted the household: the loop back to the team."""
        await asyncio.to_thread(app.give_feedback, assignment_id, provider, body.plan_fits, body.remarks, today())

    return api
