"""The client's data for one iWmo toewijzing (301), for the iWmo gateway only (issue 15).

Bound to one purpose: the gateway's client (role `iwmo-gateway`) reads the household's client (the applicant, or
the first resident when none is marked so) with exactly the fields a 301 carries: BSN, name, date of birth,
address and contact. Every read is on the access log with the action's basis, "iWmo toewijzing". An erased
household answers 410, so no message is sent for it; an unknown one 404; one without registered residents 422.
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query

from kernel.errors import Refused
from services.intake.application import IntakeApplication
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require


class NoRegisteredResident(Refused):
    """A household known only by its melding (a postcode): no one to name in a 301 until its residents are
    registered (422); the gateway holds the 301 with this reason."""


def client_of(household: dict[str, Any]) -> dict[str, Any]:
    """The household's client for the 301: the applicant, else the first resident; and the household's address."""
    residents = household.get("residents") or []
    if not residents:
        raise NoRegisteredResident(f"household {household['household_id']} has no registered resident")
    client = next((r for r in residents if r.get("role") == "applicant"), residents[0])
    return {
        "household_id": household["household_id"],
        "bsn": client["bsn"],
        "given_name": client["given_name"],
        "family_name": client["family_name"],
        "date_of_birth": client.get("date_of_birth"),
        "address": household["address"],
        "contact": household.get("contact") or {},
    }


def router(app: IntakeApplication) -> APIRouter:
    api = APIRouter(tags=["iwmo"])

    @api.get(
        "/households/{household_id}/iwmo-client",
        responses={
            404: {"description": "Unknown household."}, 410: {"description": "The household was erased."},
            422: {"description": "No registered resident (a household known by its melding only)."},
        },
    )  # fmt: skip
    async def iwmo_client(
        household_id: UUID,
        purpose: Literal["iWmo toewijzing"] = Query(description="The one purpose this data may be read for."),
        permit: Permit = require("intake.iwmo-client.read"),
    ) -> dict[str, Any]:
        """The household's client as the iWmo gateway composes a 301 with it (purpose "iWmo toewijzing")."""
        household = await asyncio.to_thread(app.household, household_id)
        permit.on(Resource(team=household["team_id"], household=str(household_id)))
        return client_of(household)

    return api
