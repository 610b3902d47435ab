"""Debt assistance's HTTP API: trajectories, their steps, and the check for missed terms."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Query, status
from pydantic import ConfigDict

from contracts.bounds import Day
from contracts.events.debt import ArrangementKind, ClosureOutcome
from kernel.clock import today
from kernel.errors import Refused
from services.debt.application import DebtApplication
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody

READ, ACT = require("debt.read"), require("debt.act")


class Body(RequestBody):
    model_config = ConfigDict(extra="forbid")


class IntakeConversation(Body):
    held_on: Day


class Stabilisation(Body):
    stabilised_on: Day


class Arrangement(Body):
    arrangement: ArrangementKind
    reached_on: Day


class Closure(Body):
    outcome: ClosureOutcome
    closed_on: Day


class FutureCheck(Refused):
    """Terms are checked up to today, never ahead: a missed term is a fact about the past."""


def router(app: DebtApplication, owner: str | None = None) -> APIRouter:
    """`owner`: the debt-assistance organisation whose trajectories this service keeps (`identity.json`); only
    its own token opens them (`debt-assistance@own-trajectories`)."""
    api = APIRouter(tags=["debt"])

    def mine(trajectory_id: UUID, permit: Permit) -> dict[str, Any]:
        trajectory = app.trajectory(trajectory_id)
        permit.on(Resource(organisation=owner, household=trajectory["household_id"]))
        return trajectory

    async def scoped(trajectory_id: UUID, permit: Permit) -> None:
        await asyncio.to_thread(mine, trajectory_id, permit)

    @api.get("/trajectories")
    async def list_trajectories(
        household_id: UUID = Query(description="The household's pseudonymous id."), permit: Permit = READ
    ) -> list[dict[str, Any]]:
        """The household's trajectories, each with the date its first conversation is due (Wgs)."""
        permit.on(Resource(organisation=owner, household=str(household_id)))
        return await asyncio.to_thread(app.trajectories, household_id)

    @api.get("/trajectories/{trajectory_id}")
    async def get_trajectory(trajectory_id: UUID, permit: Permit = READ) -> dict[str, Any]:
        return await asyncio.to_thread(mine, trajectory_id, permit)

    @api.post("/trajectories/{trajectory_id}/intake-conversation", status_code=status.HTTP_204_NO_CONTENT)
    async def intake_conversation(trajectory_id: UUID, body: IntakeConversation, permit: Permit = ACT) -> None:
        """The first conversation (eerste gesprek) took place."""
        await scoped(trajectory_id, permit)
        await asyncio.to_thread(app.hold_intake, trajectory_id, body.held_on, today())

    @api.post("/trajectories/{trajectory_id}/stabilisation", status_code=status.HTTP_204_NO_CONTENT)
    async def stabilisation(trajectory_id: UUID, body: Stabilisation, permit: Permit = ACT) -> None:
        """Income and fixed costs are stable (stabilisatiefase)."""
        await scoped(trajectory_id, permit)
        await asyncio.to_thread(app.stabilise, trajectory_id, body.stabilised_on, today())

    @api.post("/trajectories/{trajectory_id}/arrangement", status_code=status.HTTP_204_NO_CONTENT)
    async def arrangement(trajectory_id: UUID, body: Arrangement, permit: Permit = ACT) -> None:
        """An arrangement with the creditors was reached."""
        await scoped(trajectory_id, permit)
        await asyncio.to_thread(app.reach_arrangement, trajectory_id, body.arrangement, body.reached_on, today())

    @api.post("/trajectories/{trajectory_id}/closure", status_code=status.HTTP_204_NO_CONTENT)
    async def closure(trajectory_id: UUID, body: Closure, permit: Permit = ACT) -> None:
        """The trajectory is closed with an outcome from the fixed list."""
        await scoped(trajectory_id, permit)
        await asyncio.to_thread(app.close_trajectory, trajectory_id, body.outcome, body.closed_on, today())

    @api.post("/terms/check")
    async def check_terms(
        on: Day | None = Query(None, alias="today", description="The day to check on; default today, never later."),
        _: Permit = require("debt.terms.check"),
    ) -> dict[str, Any]:
        """Record a missed first-conversation term for every trajectory overdue on that day (once each)."""
        now = today()
        day = on or now
        if day > now:
            raise FutureCheck(f"terms can be checked up to today ({now}), not on {day}")
        missed = await asyncio.to_thread(app.check_terms, day)
        return {"checked_on": day.isoformat(), "missed": [str(i) for i in missed]}

    return api
