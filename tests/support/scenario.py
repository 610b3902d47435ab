"""The thin slice driven over the real HTTP APIs: meldingen in, decisions taken, until care has started."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.stack import Stack, eventually
from tests.support.state import settled

MELDINGEN = [
    {"postcode": "1353 AB", "members": 3, "life_domains": ["income", "debts"], "debt_concern": True},
    {"postcode": "1315 KL", "members": 1, "life_domains": ["care", "social_network"]},
    {
        "postcode": "1341 CD",
        "members": 4,
        "life_domains": ["housing", "debts"],
        "debt_concern": True,
        "threatening": True,
    },
    {"postcode": "1361 EF", "members": 2, "life_domains": ["care", "health"]},
]
GOAL = {
    "life_domain": "care",
    "goal": "The household keeps its home clean and safe",
    "own_strength": "The resident does the daily dishes and light cleaning",
    "network": "A daughter does the weekly shopping",
    "set_by": "coach.jansen",
}
DECISION = {
    "provision_code": "wmo-huishoudelijke-ondersteuning",
    "amount_cents": 240_000,
    "period_start": "2026-01-01",
    "period_end": "2026-12-31",
    "decided_by": "coach.jansen",
}


@dataclass
class Household:
    household_id: str
    case_id: str
    team_id: str
    traceparent: str | None
    plan_id: str = ""
    decision_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


async def open_cases(stack: Stack, meldingen: list[dict[str, Any]] = MELDINGEN) -> list[Household]:
    households = []
    async with httpx.AsyncClient(base_url=stack.url("intake"), timeout=20) as client:
        for melding in meldingen:
            response = await client.post("/support-requests", json=melding)
            assert response.status_code == 201, response.text
            body = response.json()
            trace = response.headers.get("traceresponse")
            households.append(Household(body["household_id"], body["case_id"], body["team_id"], trace))
            offer = await client.post(  # cliëntondersteuning is offered before the investigation
                f"/cases/{body['case_id']}/client-support-offers",
                json={"offered_by": "coach.jansen"},
                headers={"traceparent": trace} if trace else {},
            )
            assert offer.status_code == 201, offer.text
    return households


async def plan_of(client: httpx.AsyncClient, household: Household) -> dict[str, Any] | None:
    plans = (await client.get("/plans", params={"household_id": household.household_id})).json()
    return plans[0] if plans else None


async def decide(stack: Stack, households: list[Household], continue_trace: bool = False) -> None:
    async with httpx.AsyncClient(base_url=stack.url("planning"), timeout=20) as client:
        for household in households:
            # the plan exists once planning saw CaseOpened; deciding also needs intake's client-support offer
            plan = await eventually(
                lambda h=household: plan_of(client, h), lambda p: p is not None and p["client_support_offered"]
            )
            household.plan_id = plan["plan_id"]
            headers = {"traceparent": household.traceparent} if continue_trace and household.traceparent else {}
            goal = await client.post(f"/plans/{household.plan_id}/goals", json=GOAL, headers=headers)
            assert goal.status_code == 201, goal.text  # eigen kracht is recorded before paid support
            response = await client.post(f"/plans/{household.plan_id}/decisions", json=DECISION, headers=headers)
            assert response.status_code == 201, response.text
            household.decision_id = response.json()["decision_id"]


async def summary(stack: Stack) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=stack.url("reporting"), timeout=20) as client:
        return (await client.get("/summary")).json()  # type: ignore[no-any-return]


async def until_care_started(stack: Stack, count: int, debt_referrals: int, timeout: float = 90) -> dict[str, Any]:
    return await eventually(
        lambda: summary(stack),
        lambda s: s.get("care_started", 0) >= count and s.get("debt_referrals", 0) >= debt_referrals,
        timeout=timeout,
    )


async def run_slice(stack: Stack, meldingen: list[dict[str, Any]] = MELDINGEN) -> list[Household]:
    households = await open_cases(stack, meldingen)
    await decide(stack, households)
    debts = sum(1 for m in meldingen if m.get("debt_concern"))
    await until_care_started(stack, len(households), debts)
    await settled(stack.settings)  # the follow-ups (e.g. backoffice recording the start) are handled too
    return households
