"""Intake's and care's facts as planning consumes them, published straight onto their topics by the test."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx

from contracts.events.intake import CaseOpened, ClientSupportOffered

TODAY = date(2026, 3, 2)
GOAL = {
    "goal": "the house stays liveable",
    "own_strength": "does light cleaning and shopping himself",
    "network": "daughter cooks twice a week",
}


def case_opened(household: uuid.UUID | None = None, team_id: str = "wijkteam-haven") -> CaseOpened:
    return CaseOpened(
        household_id=household or uuid.uuid4(),
        case_id=uuid.uuid4(),
        request_id=uuid.uuid4(),
        district="Almere Haven",
        team_id=team_id,
        opened_on=TODAY,
    )


def support_offered(case: CaseOpened) -> ClientSupportOffered:
    return ClientSupportOffered(
        household_id=case.household_id, case_id=case.case_id, team_id=case.team_id, offered_on=TODAY
    )


async def plan_of(client: httpx.AsyncClient, household: uuid.UUID) -> dict[str, Any]:
    """The household's plan, or {} while planning has none."""
    plans = (await client.get("/plans", params={"household_id": str(household)})).json()
    return plans[0] if plans else {}


async def set_goal(client: httpx.AsyncClient, plan_id: str, life_domain: str) -> None:
    """A goal, set by the client's caller (a professional of the plan's team)."""
    response = await client.post(f"/plans/{plan_id}/goals", json={"life_domain": life_domain, **GOAL})
    assert response.status_code == 201, response.text
