"""What each step of the simulated calendar does, on the day it happens, over the services' real HTTP APIs.

Every date a step sends is the simulated day (`kernel.clock.today()`); every random choice comes from the
household's own seeded `random.Random`. What the bus brought (a plan, an assignment, a debt referral) is there,
because the calendar waits for the bus to settle before each day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from kernel.clock import today
from tooling.simulate_care_debt import DebtSteps, ProviderSteps
from tooling.simulate_followup import evaluate
from tooling.simulate_people import registration
from tooling.simulate_scenario import Decision, Household, Municipality
from tooling.simulate_settle import BusWatch
from tooling.simulate_steps import (
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
from tooling.simulate_timeline import Step, rng_of

PERSONAL_PLAN_SHARE = 0.2
"""Share of residents who hand in a personal plan of their own when given the opportunity."""
"""Who closes the year (interim: the identity wave takes this from the controller's token)."""


@dataclass
class Case:
    """A household the team works with: what the services gave it, and its assignments once care started."""

    household: Household
    case_id: str
    household_id: str
    plan_id: str = ""
    coach: str = ""
    bsns: set[str] = field(default_factory=set)
    """The residents' BSNs as registered at intake: an XML provider's toewijzingen name the client by BSN."""
    assignments: list[dict[str, Any]] = field(default_factory=list)


class Actions(ProviderSteps, DebtSteps):
    def __init__(
        self,
        client: httpx.AsyncClient,
        urls: dict[str, str],
        bootstrap: str,
        municipality: Municipality,
        watch: BusWatch,
        seed: int,
        tally: Tally,
    ) -> None:
        self.client, self.urls, self.bootstrap, self.municipality = client, urls, bootstrap, municipality
        self.watch, self.seed, self.tally = watch, seed, tally
        self.cases: dict[int, Case] = {}
        self.script: dict[int, Household] = {}
        self.year_end: dict[str, Any] = {}
        self.xml_providers: set[str] | None = None

    def know(self, script: list[Household]) -> None:
        self.script = {h.number: h for h in script}

    async def do(self, step: Step) -> None:
        await getattr(self, step.kind)(step)

    async def signal(self, step: Step) -> None:
        topic, partition, offset = await send_arrears_signal(self.bootstrap, self.municipality, self._hh(step))
        self.watch.note_sent(topic, partition, offset)
        self.tally["arrears signals from the housing corporation"] += 1

    async def melding(self, step: Step) -> None:
        household = self._hh(step)
        residents = registration(household, self.seed, today().year, self.municipality.config["municipality"])
        opened = await open_case(self.client, self.urls, household, residents)
        bsns = {r["bsn"] for r in residents["residents"]}
        self.cases[step.household] = Case(household, opened["case_id"], opened["household_id"], bsns=bsns)
        self.tally["meldingen"] += 1

    async def kitchen_table(self, step: Step) -> None:
        case = self.cases[step.household]
        household = case.household
        case.coach = self.municipality.decider(household.team_id, household.decisions[0].kind, self._rng(step))
        await kitchen_table(self.client, self.urls, case.case_id, household, case.coach, self.tally)
        case.plan_id = (await plan_of(self.client, self.urls, case.household_id))["plan_id"]
        domains = {d.life_domain for d in household.decisions}
        await set_goals(self.client, self.urls, case.plan_id, domains, case.coach, household)
        # At the kitchen table the resident is given the opportunity to hand in a personal plan (Wmo 2015 art. 2.3.2
        # lid 2): planning records it, and intake stops the personal-plan term from that fact.
        body = {"case_id": case.case_id, "handed_in": self._rng(step).random() < PERSONAL_PLAN_SHARE}
        await self._record(case, "personal-plan", body)

    async def decide(self, step: Step) -> None:
        case, rng = self.cases[step.household], self._rng(step)
        decisions: list[Decision] = step.data["decisions"]  # type: ignore[assignment]
        for decision in decisions:
            decider = self.municipality.decider(case.household.team_id, decision.kind, rng)
            if decision.force_escalation:
                decider = self._outside_mandate(case.household.team_id, decision.kind) or decider
            args = (self.municipality, case.plan_id, decision, decider, self.tally, case.household.team_id)
            status = await decide(self.client, self.urls, *args)
            if status == "taken" and decision.budget_line:
                await self._funding_outcome(case, decision)
        # The investigation is reported with the decisions: intake stops its term from InvestigationReported.
        await self._record(case, "investigation-report", {"case_id": case.case_id})

    async def satisfaction(self, step: Step) -> None:
        case = self.cases[step.household]
        code = await satisfaction(self.client, self.urls, case.case_id, case.household.satisfaction)
        self.tally["satisfaction answers recorded"] += code in (200, 201, 204)

    async def evaluate(self, step: Step) -> None:
        case = self.cases[step.household]
        await evaluate(self.client, self.urls["planning"], case.plan_id, case.coach, self._rng(step))
        self.tally["plans evaluated"] += 1

    async def close_year(self, step: Step) -> None:
        year = step.data["year"]
        response = await post(self.client, f"{self.urls['budget']}/years/{year}/close", {})  # as the controller
        statements = response.json()
        carried = sum(s["totals"].get("carried_over_cents", 0) for s in statements)
        self.year_end = {"year": year, "closed_on": today().isoformat(), "carried_over_cents": carried,
                         "balanced": all(s["balanced"] for s in statements)}  # fmt: skip
        self.tally[f"year {year} closed by the controller"] += 1

    async def _funding_outcome(self, case: Case, decision: Decision) -> None:
        """Wait until budget answered this decision, so the next claim on the line comes after it."""

        async def answered() -> bool:
            plan = (await self.client.get(f"{self.urls['planning']}/plans/{case.plan_id}")).json()
            mine = [d for d in plan.get("decisions", []) if d["provision_code"] == decision.provision_code]
            return bool(mine) and all(d["status"] != "taken" for d in mine)

        await until(answered, f"budget's answer to a decision of plan {case.plan_id}", timeout=60, interval=0.05)

    async def _record(self, case: Case, route: str, body: dict[str, Any]) -> None:
        """Record a fact of the melding phase in planning, which stops its term at intake (with a token, as every
        request of the simulator)."""
        response = await self.client.post(f"{self.urls['planning']}/plans/{case.plan_id}/{route}", json=body)
        if response.status_code >= 400:
            raise SimulationError(f"POST {route} answered {response.status_code}: {response.text[:400]}")
        self.tally[f"{route.replace('-', ' ')} recorded in planning"] += 1

    def _outside_mandate(self, team_id: str, kind: str) -> str | None:
        holders = {p["id"] for p in self.municipality.mandates["professionals"] if self.municipality._holds(p, kind)}
        others = [p["id"] for p in self.municipality.professionals(team_id) if p["id"] not in holders]
        return str(others[0]) if others else None

    def _hh(self, step: Step) -> Household:
        return self.script[step.household]

    def _rng(self, step: Step) -> Any:
        return rng_of(self.seed, step.household, step.kind)
