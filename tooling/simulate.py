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
from tooling import simulate_iwmo as iwmo
from tooling.identity_tokens import acting, org
from tooling.progress import Progress
from tooling.simulate_followup import assignments_of, debt_trajectory, deliver, evaluate
from tooling.simulate_people import registration
from tooling.simulate_report import wait_for_reporting
from tooling.simulate_scenario import Household, Municipality, households
from tooling.simulate_steps import (
    CLIENT_LIMITS,
    SimulationError,
    Tally,
    decide,
    kitchen_table,
    open_case,
    plan_of,
    post,
    satisfaction,
    send_arrears_signal,
    set_goals,
    until,
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
    speaking: set[str] = field(default_factory=set)
    """Providers that exchange iWmo XML (care's `/iwmo` routes): their toewijzingen come from 301s, not the bus."""
    bsns: set[str] = field(default_factory=set)
    xml_decisions: int = 0


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
    async with httpx.AsyncClient(timeout=30, auth=auth, limits=CLIENT_LIMITS) as client:
        before = (await client.get(f"{urls['reporting']}/summary")).json()
        providers = sorted({p["provider_id"] for p in municipality.config["provisions"]})
        played.speaking = await iwmo.speaking(client, urls["care"], providers)

        async def one(household: Household) -> None:
            async with gate:
                await _household(client, urls, bootstrap, municipality, household, played, seed)
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
    seed: int,
) -> None:
    tally = played.tally
    if household.via_signal:
        await send_arrears_signal(bootstrap, municipality, household)
        tally["arrears signals from the housing corporation"] += 1
        return
    residents = registration(household, seed, today().year, municipality.config["municipality"])
    opened = await open_case(client, urls, household, residents)
    played.bsns |= {r["bsn"] for r in residents["residents"]}
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
            provider = _provider_of(municipality, decision.provision_code)
            xml = provider in played.speaking
            played.provider_decisions += decision.budget_line in PROVIDER_LINES and not xml
            played.xml_decisions += decision.budget_line in PROVIDER_LINES and xml
    code = await satisfaction(client, urls, opened["case_id"], household.satisfaction)
    played.satisfaction_status.add(code)
    tally["satisfaction answers recorded"] += code in (200, 201, 204)
    played.opened[opened["household_id"]] = {**opened, "plan_id": plan["plan_id"], "coach": coach, "hh": household}


def _provider_of(municipality: Municipality, provision_code: str) -> str | None:
    found = (p for p in municipality.config["provisions"] if p["code"] == provision_code)
    return next((str(p["provider_id"]) for p in found), None)


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
    expected = played.provider_decisions  # JSON providers' assignments; none to wait for when all speak XML
    assignments = []
    if expected:
        assignments = await assignments_of(client, urls["care"], providers, set(played.opened), expected)

    assignments.sort(key=lambda a: (number[a["household_id"]], a["period_start"], a["provider_id"]))
    progress = Progress(len(assignments), "assignments")
    for index, assignment in enumerate(assignments):
        rng = rng_of(seed, number[assignment["household_id"]], f"delivery:{index}")
        await deliver(client, urls["care"], assignment, rng, played.tally)
        progress.step()
    progress.done()
    await _xml_deliveries(client, urls["care"], played)
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


async def _xml_deliveries(client: httpx.AsyncClient, care: str, played: Played) -> None:
    """The XML providers' toewijzingen, once their 301s reached care (care starts them by the provider's policy, a
    305): each declares its first day (a 323) through care's `/iwmo` routes."""
    if not played.xml_decisions:
        return

    async def listed() -> list[tuple[str, dict[str, Any]]]:
        return [(p, t) for p in sorted(played.speaking) for t in await iwmo.toewijzingen(client, care, p, played.bsns)]

    async def arrived() -> list[tuple[str, dict[str, Any]]] | None:
        found = await listed()
        settled = all(t["status"] != "received" for _, t in found)  # care's own 305 by the provider's policy
        return found if len(found) >= played.xml_decisions and settled else None

    try:
        found = await until(arrived, f"{played.xml_decisions} toewijzingen (301) to reach care", timeout=60)
    except SimulationError:
        found = await listed()
    for provider, t in found:
        if t["status"] != "started" or t["start_date"] > today().isoformat():
            played.tally[f"toewijzingen {t['status']} (iWmo)"] += 1
            continue
        played.tally["care started on assignment (provider policy)"] += 1
        url = f"{care}/iwmo/providers/{provider}/toewijzingen/{t['toewijzing_nummer']}/declarations"
        claim = {"period_start": t["start_date"], "period_end": t["start_date"], "volume": 1}
        verdict = (await post(client, url, claim, extensions=acting(org(provider)))).json()["outcome"]
        played.tally["declarations accepted (323)" if verdict in iwmo.ACCEPTED else "declarations refused"] += 1


def run(
    urls: dict[str, str], bootstrap: str, municipality: Municipality, count: int, seed: int, auth: httpx.Auth
) -> dict[str, Any]:
    try:
        return asyncio.run(simulate(urls, bootstrap, municipality, count, seed, auth))
    except SimulationError as exc:
        print(f"\nsimulation stopped: {exc}", file=sys.stderr)
        raise
