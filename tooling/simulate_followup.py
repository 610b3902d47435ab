"""The rest of the year: providers deliver and declare (iWmo 305/307/323), debt assistance runs its trajectories
(Wgs), the team evaluates the plans. Over the services' real HTTP APIs; the bus carries the consequences."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import httpx

from kernel.clock import today
from tooling.identity_tokens import acting, org, user
from tooling.simulate_steps import Tally, post, until

END_REASONS = ("19", "19", "23", "21", "31")
"""WMO588 (iWmo 3.2): mostly ended according to plan; a few early, by the client, or a move away."""


async def assignments_of(
    client: httpx.AsyncClient, care: str, providers: list[str], households: set[str], expected: int
) -> list[dict[str, Any]]:
    """Every assignment for the simulated households, once the bus has delivered `expected` of them."""

    async def probe() -> list[dict[str, Any]] | None:
        found = []
        for provider in providers:
            listed = (await client.get(f"{care}/assignments", extensions=acting(org(provider)))).json()
            found += [a for a in listed if a["household_id"] in households]
        return found if len(found) >= expected else None

    try:
        return await until(probe, f"{expected} assignments to reach care", timeout=180)
    except RuntimeError:
        return (await probe_all(client, care, providers, households)) or []


async def probe_all(client: httpx.AsyncClient, care: str, providers: list[str], households: set[str]) -> list[Any]:
    found = []
    for provider in providers:
        listed = (await client.get(f"{care}/assignments", extensions=acting(org(provider)))).json()
        found += [a for a in listed if a["household_id"] in households]
    return found


async def deliver(
    client: httpx.AsyncClient, care: str, assignment: dict[str, Any], rng: random.Random, tally: Tally
) -> None:
    """The provider accepts (by hand when its policy says so), starts, declares, sometimes stops, gives feedback."""
    url = f"{care}/assignments/{assignment['assignment_id']}"
    as_provider = acting(org(assignment["provider_id"]))  # the provider's own client-credentials token
    status = assignment["status"]
    if status == "received":
        await post(client, f"{url}/acceptance", {}, extensions=as_provider)
        tally["assignments accepted by hand"] += 1
        status = "accepted"
    period_start = date.fromisoformat(assignment["period_start"])
    period_end = date.fromisoformat(assignment["period_end"])
    start = min(max(period_start, today() - timedelta(days=rng.randint(20, 60))), period_end)
    if status == "accepted":
        await post(client, f"{url}/start", {"start_date": start.isoformat()}, extensions=as_provider)
        tally["care started by the provider (305)"] += 1
    elif status != "started":
        tally[f"assignments {status}"] += 1
        return
    started = date.fromisoformat(
        (await client.get(url, extensions=as_provider)).json()["start_date"] or start.isoformat()
    )
    through = min(today() - timedelta(days=1), period_end)
    if through >= started:
        claim = {"period_start": started.isoformat(), "period_end": through.isoformat(), "volume": 1}
        response = await client.post(f"{url}/declarations", json=claim, extensions=as_provider)
        tally["declarations accepted (323)" if response.status_code == 201 else "declarations refused"] += 1
    if rng.random() < 0.3 and through >= started:
        stop = {"end_date": through.isoformat(), "reason_code": rng.choice(END_REASONS)}
        await post(client, f"{url}/stop", stop, extensions=as_provider)
        tally["care stopped (307)"] += 1
    if rng.random() < 0.5:
        feedback = {"plan_fits": rng.random() < 0.8, "remarks": "Reported back to the regisseur"}
        await post(client, f"{url}/feedback", feedback, extensions=as_provider)
        tally["provider feedback on the plan"] += 1


async def debt_trajectory(
    client: httpx.AsyncClient, debt: str, household_id: str, rng: random.Random, tally: Tally
) -> None:
    """First conversation, stabilisation, an arrangement with the creditors and a closure, as far as each gets."""

    async def probe() -> list[dict[str, Any]] | None:
        found = (await client.get(f"{debt}/trajectories", params={"household_id": household_id})).json()
        return found or None

    try:
        trajectories = await until(probe, f"the debt referral of {household_id}", timeout=90)
    except RuntimeError:
        tally["debt referrals not (yet) received"] += 1
        return
    url, day = f"{debt}/trajectories/{trajectories[0]['trajectory_id']}", today().isoformat()
    tally["debt trajectories"] += 1
    if rng.random() < 0.08:
        await post(client, f"{url}/closure", {"outcome": "client_withdrew", "closed_on": day})
        tally["debt: client withdrew"] += 1
        return
    await post(client, f"{url}/intake-conversation", {"held_on": day})
    if rng.random() < 0.25:
        return
    await post(client, f"{url}/stabilisation", {"stabilised_on": day})
    if rng.random() < 0.4:
        tally["debt: stabilised"] += 1
        return
    kind = rng.choice(["payment_arrangement", "payment_arrangement", "debt_settlement", "redemption_credit"])
    await post(client, f"{url}/arrangement", {"arrangement": kind, "reached_on": day})
    tally["debt: arrangement reached"] += 1
    if rng.random() < 0.3:
        await post(client, f"{url}/closure", {"outcome": "arrangement_in_place", "closed_on": day})
        tally["debt: closed with an arrangement"] += 1


async def evaluate(client: httpx.AsyncClient, planning: str, plan_id: str, by: str, rng: random.Random) -> None:
    plan = (await client.get(f"{planning}/plans/{plan_id}")).json()
    domains = [g["life_domain"] for g in plan.get("goals", [])]
    if not domains:
        return
    outcomes = ["achieved", "partly", "not_achieved"]
    results = [{"life_domain": d, "outcome": rng.choices(outcomes, weights=[5, 3, 2])[0]} for d in domains]
    await post(client, f"{planning}/plans/{plan_id}/evaluations", {"results": results}, extensions=acting(user(by)))
