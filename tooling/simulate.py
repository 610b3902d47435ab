"""`wijk simulate`: play a municipality's year through the real HTTP APIs and the real bus.

The year is a seeded script (`tooling.simulate_scenario`); residents, partners, professionals and providers act
over HTTP (`tooling.simulate_steps`, `tooling.simulate_followup`); the summary is read back from reporting's API, so
it is the council's report: the scenario's own teams and budgets, replayed from the facts. Dates: the services
stamp facts with today's date; the year shows in the decisions' periods, the volume and the mix.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from kernel.clock import today
from tooling.progress import Progress
from tooling.simulate_followup import assignments_of, debt_trajectory, deliver, evaluate
from tooling.simulate_report import wait_for_reporting
from tooling.simulate_scenario import Household, Municipality, households
from tooling.simulate_steps import (
    SimulationError,
    Tally,
    decide,
    kitchen_table,
    open_case,
    plan_of,
    satisfaction,
    send_arrears_signal,
    set_goals,
)
from tooling.simulate_timeline import rng_of

CONCURRENCY = 6
PROVIDER_LINES = ("wmo", "youth")
"""Lines whose decisions the backoffice assigns to a care provider (the others are paid to the household)."""


@dataclass
class Played:
    """What the simulator did, to wait for and to report beside reporting's figures."""

    tally: Tally = field(default_factory=Counter)
    opened: dict[str, dict[str, Any]] = field(default_factory=dict)
    taken_paid: int = 0
    provider_decisions: int = 0
    satisfaction_status: set[int] = field(default_factory=set)


async def simulate(
    urls: dict[str, str],
    bootstrap: str,
    municipality: Municipality,
    count: int,
    seed: int,
    auth: httpx.Auth,
    say: Any = print,
) -> dict[str, Any]:
    year = today().year
    script = households(municipality, count, seed, year)
    played = Played()
    progress = Progress(count, "households")
    gate = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(timeout=30, auth=auth) as client:
        before = (await client.get(f"{urls['reporting']}/summary")).json()

        async def one(household: Household) -> None:
            async with gate:
                await _household(client, urls, bootstrap, municipality, household, played)
                progress.step()

        await asyncio.gather(*(one(h) for h in script))
        progress.done()
        await _followup(client, urls, municipality, played, seed)
        summary = await wait_for_reporting(client, urls["reporting"], before, played, say)
        teams = (await client.get(f"{urls['reporting']}/teams")).json()
    status = played.satisfaction_status
    return {
        "municipality": municipality.config["municipality"],
        "households": count,
        "seed": seed,
        "summary": summary,
        "teams": teams,
        "simulated": dict(sorted(played.tally.items())),
        "satisfaction_endpoint": "present" if status & {200, 201, 204} else f"absent (HTTP {sorted(status)})",
    }


async def _household(
    client: httpx.AsyncClient,
    urls: dict[str, str],
    bootstrap: str,
    municipality: Municipality,
    household: Household,
    played: Played,
) -> None:
    tally = played.tally
    if household.via_signal:
        await send_arrears_signal(bootstrap, municipality, household)
        tally["arrears signals from the housing corporation"] += 1
        return
    opened = await open_case(client, urls, household)
    tally["meldingen"] += 1
    rng = rng_of(0, household.number, "decider")
    first = household.decisions[0]
    coach = municipality.decider(household.team_id, first.kind, rng)
    await kitchen_table(client, urls, opened["case_id"], household, coach, tally)
    plan = await plan_of(client, urls, opened["household_id"])
    domains = {d.life_domain for d in household.decisions}
    await set_goals(client, urls, plan["plan_id"], domains, coach, household)
    for decision in household.decisions:
        decider = municipality.decider(household.team_id, decision.kind, rng)
        if decision.force_escalation:
            decider = _outside_mandate(municipality, household.team_id, decision.kind) or decider
        status = await decide(client, urls, municipality, plan["plan_id"], decision, decider, tally, household.team_id)
        if status == "taken" and decision.budget_line:
            played.taken_paid += 1
            played.provider_decisions += decision.budget_line in PROVIDER_LINES
    code = await satisfaction(client, urls, opened["case_id"], household.satisfaction)
    played.satisfaction_status.add(code)
    tally["satisfaction answers recorded"] += code in (200, 201, 204)
    played.opened[opened["household_id"]] = {**opened, "plan_id": plan["plan_id"], "coach": coach, "hh": household}


def _outside_mandate(municipality: Municipality, team_id: str, kind: str) -> str | None:
    """A professional of the team whose mandate does not cover this kind: the decision is escalated."""
    holders = {p["id"] for p in municipality.mandates["professionals"] if municipality._holds(p, kind)}
    others = [p["id"] for p in municipality.professionals(team_id) if p["id"] not in holders]
    return str(others[0]) if others else None


async def _followup(
    client: httpx.AsyncClient, urls: dict[str, str], municipality: Municipality, played: Played, seed: int
) -> None:
    """Providers, debt assistance and evaluations, household by household in the script's order, each drawing from
    its own random stream: the outcome does not depend on which concurrent household finished first."""
    opened = sorted(played.opened.values(), key=lambda o: o["hh"].number)
    number = {o["household_id"]: o["hh"].number for o in opened}
    providers = sorted({p["provider_id"] for p in municipality.config["provisions"]})
    assignments = await assignments_of(client, urls["care"], providers, set(played.opened), played.provider_decisions)
    assignments.sort(key=lambda a: (number[a["household_id"]], a["period_start"], a["provider_id"]))
    progress = Progress(len(assignments), "assignments")
    for index, assignment in enumerate(assignments):
        rng = rng_of(seed, number[assignment["household_id"]], f"delivery:{index}")
        await deliver(client, urls["care"], assignment, rng, played.tally)
        progress.step()
    progress.done()
    indebted = [o for o in opened if o["hh"].debts]
    progress = Progress(len(indebted), "debt trajectories")
    for one in indebted:
        rng = rng_of(seed, one["hh"].number, "debt")
        await debt_trajectory(client, urls["debt"], one["household_id"], rng, played.tally)
        progress.step()
    progress.done()
    for one in opened:
        rng = rng_of(seed, one["hh"].number, "evaluation")
        if rng.random() < 0.5:
            await evaluate(client, urls["planning"], one["plan_id"], one["coach"], rng)
            played.tally["plans evaluated"] += 1


def run(
    urls: dict[str, str], bootstrap: str, municipality: Municipality, count: int, seed: int, auth: httpx.Auth
) -> dict[str, Any]:
    try:
        return asyncio.run(simulate(urls, bootstrap, municipality, count, seed, auth))
    except SimulationError as exc:
        print(f"\nsimulation stopped: {exc}", file=sys.stderr)
        raise
