"""Debt assistance's routes of the law cycle (issue 17): the Wgs beschikking on admission (toelating) or refusal
after the intake conversation, with bezwaar open, and its letter.

Every route declares its action (`config/rights.json`) and takes who decides from the token (`Caller`), never from
the body. The trajectories belong to the debt-assistance organisation this reference service runs for: the one
organisation `identity.json` names under `debt_assistance` (with none or several, no caller is in scope).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse
from pydantic import Field

from contracts.bounds import Motivation
from kernel.clock import today
from services.debt.application import DebtApplication
from wijk.auth.config import identity_config_path
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody
from wijk.settings import PlatformSettings

ANSWERS: dict[int | str, dict[str, Any]] = {
    403: {"description": "Not the organisation's trajectory, or not the caller's role."},
    404: {"description": "No such trajectory, or no beschikking yet."},
    409: {"description": "Before the intake conversation, or decided already."},
}


class AdmissionBody(RequestBody):
    admitted: bool = Field(description="Admitted to debt assistance (toelating), or refused.")
    ground: Literal["no_problematic_debts", "recent_trajectory", "fraud", "other"] | None = Field(
        None, description="A refusal's ground (422 without); an admission has none."
    )
    reasons: Motivation = Field("", description="A refusal's motivation (Awb 3:46), at least a sentence.")


def trajectory_owner(settings: PlatformSettings) -> str | None:
    """The debt-assistance organisation whose trajectories this service keeps, from `identity.json`."""
    path = identity_config_path(settings.identity_config, settings.municipality_config)
    organisations = json.loads(path.read_text(encoding="utf-8")).get("debt_assistance", []) if path.exists() else []
    return str(organisations[0]["id"]) if len(organisations) == 1 else None


def router(app: DebtApplication, owner: str | None = None) -> APIRouter:
    api = APIRouter(prefix="/trajectories/{trajectory_id}", tags=["debt: the Wgs beschikking"], responses=ANSWERS)

    async def scoped(trajectory_id: UUID, permit: Permit) -> str:
        trajectory = await asyncio.to_thread(app.trajectory, trajectory_id)
        permit.on(Resource(organisation=owner, household=trajectory["household_id"]))
        return permit.caller.employee or permit.caller.subject

    @api.post("/admission", status_code=201)
    async def decide_admission(
        trajectory_id: UUID, body: AdmissionBody, permit: Permit = require("debt.admission.decide")
    ) -> dict[str, Any]:
        """The beschikking after the intake conversation: admission, or refusal with its ground and reasons;
        sent today with the bezwaar clause (Awb 3:45). 409 before the conversation or a second time."""
        who = await scoped(trajectory_id, permit)
        decide = app.decide_admission
        await asyncio.to_thread(decide, trajectory_id, body.admitted, body.ground or "", body.reasons, who, today())
        return await asyncio.to_thread(app.trajectory, trajectory_id)

    @api.get("/admission-letter", response_class=PlainTextResponse)
    async def admission_letter(trajectory_id: UUID, permit: Permit = require("debt.admission.read")) -> str:
        """The Wgs beschikking as the resident reads it (404 before it was decided)."""
        await scoped(trajectory_id, permit)
        return await asyncio.to_thread(app.admission_letter, trajectory_id)

    return api
