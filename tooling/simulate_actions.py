"""What each step of the simulated calendar does, on the day it happens, over the services' real HTTP APIs.

Every date a step sends is the simulated day (`kernel.clock.today()`); every random choice comes from the
household's own seeded `random.Random`. What the bus brought (a plan, an assignment, a debt referral) is there,
because the calendar waits for the bus to settle before each day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx

from kernel.clock import today
from tooling.simulate_followup import evaluate
from tooling.simulate_scenario import Decision, Household, Municipality
from tooling.simulate_settle import BusWatch
from tooling.simulate_steps import (
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

CONTROLLER = {"closed_by": "controller.sociaal-domein", "role": "controller-sociaal-domein"}
"""Who closes the year (interim: the identity wave takes this from the controller's token)."""


@dataclass
class Case:
    """A household the team works with: what the services gave it, and its assignments once care started."""

    household: Household
    case_id: str
    household_id: str
    plan_id: str = ""
    coach: str = ""
    assignments: list[dict[str, Any]] = field(default_factory=list)


class Actions:
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
        opened = await open_case(self.client, self.urls, household)
        self.cases[step.household] = Case(household, opened["case_id"], opened["household_id"])
        self.tally["meldingen"] += 1

    async def kitchen_table(self, step: Step) -> None:
        case = self.cases[step.household]
        household = case.household
        case.coach = self.municipality.decider(household.team_id, household.decisions[0].kind, self._rng(step))
        await kitchen_table(self.client, self.urls, case.case_id, household, case.coach, self.tally)
        case.plan_id = (await plan_of(self.client, self.urls, case.household_id))["plan_id"]
        domains = {d.life_domain for d in household.decisions}
        await set_goals(self.client, self.urls, case.plan_id, domains, case.coach, household)
        await self._stop_clock(case, "personal_plan")

    async def decide(self, step: Step) -> None:
        case, rng = self.cases[step.household], self._rng(step)
        decisions: list[Decision] = step.data["decisions"]  # type: ignore[assignment]
        for decision in decisions:
            decider = self.municipality.decider(case.household.team_id, decision.kind, rng)
            if decision.force_escalation:
                decider = self._outside_mandate(case.household.team_id, decision.kind) or decider
            args = (self.municipality, case.plan_id, decision, decider, self.tally)
            status = await decide(self.client, self.urls, *args)
            if status == "taken" and decision.budget_line:
                await self._funding_outcome(case, decision)
        await self._stop_clock(case, "investigation")

    async def satisfaction(self, step: Step) -> None:
        case = self.cases[step.household]
        code = await satisfaction(self.client, self.urls, case.case_id, case.household.satisfaction)
        self.tally["satisfaction answers recorded"] += code in (200, 201, 204)

    async def care_start(self, step: Step) -> None:
        case = self.cases[step.household]
        for assignment in await self._assignments(case):
            url, headers = self._assignment(assignment)
            status = assignment["status"]
            if status == "started":  # a provider whose policy starts at once
                start = date.fromisoformat(assignment["start_date"])
                case.assignments.append({**assignment, "start_date": start, "stopped_on": None})
                self.tally["care started on assignment (provider policy)"] += 1
                continue
            if status == "received":
                await post(self.client, f"{url}/acceptance", {}, headers=headers)
                self.tally["assignments accepted by hand"] += 1
            elif status != "accepted":
                self.tally[f"assignments {status}"] += 1
                continue
            start = max(date.fromisoformat(assignment["period_start"]), today())
            await post(self.client, f"{url}/start", {"start_date": start.isoformat()}, headers=headers)
            case.assignments.append({**assignment, "start_date": start, "stopped_on": None})
            self.tally["care started by the provider (305)"] += 1

    async def care_stop(self, step: Step) -> None:
        case = self.cases[step.household]
        for assignment in case.assignments[:1]:
            last = min(today(), date.fromisoformat(assignment["period_end"]))
            end = min(max(step.data["end"], assignment["start_date"]), last)  # type: ignore[type-var]
            url, headers = self._assignment(assignment)
            body = {"end_date": end.isoformat(), "reason_code": step.data["reason"]}
            await post(self.client, f"{url}/stop", body, headers=headers)
            assignment["stopped_on"] = end
            self.tally["care stopped (307)"] += 1

    async def declare(self, step: Step) -> None:
        through: date = step.data["through"]  # type: ignore[assignment]
        for assignment in self.cases[step.household].assignments:
            first = max(assignment["start_date"], through.replace(day=1))
            last = min(through, assignment["stopped_on"] or through, date.fromisoformat(assignment["period_end"]))
            if last < first:
                continue
            url, headers = self._assignment(assignment)
            claim = {"period_start": first.isoformat(), "period_end": last.isoformat(), "volume": 1}
            response = await self.client.post(f"{url}/declarations", json=claim, headers=headers)
            late = " for last year, paid this year" if through.year < today().year else ""
            verdict = "declarations accepted (323)" if response.status_code == 201 else "declarations refused"
            self.tally[verdict + late] += 1

    async def feedback(self, step: Step) -> None:
        for assignment in self.cases[step.household].assignments:
            url, headers = self._assignment(assignment)
            body = {"plan_fits": step.data["fits"], "remarks": "Reported back to the regisseur"}
            await post(self.client, f"{url}/feedback", body, headers=headers)
            self.tally["provider feedback on the plan"] += 1

    async def evaluate(self, step: Step) -> None:
        case = self.cases[step.household]
        await evaluate(self.client, self.urls["planning"], case.plan_id, case.coach, self._rng(step))
        self.tally["plans evaluated"] += 1

    async def debt_intake(self, step: Step) -> None:
        await self._debt(step, "intake-conversation", {"held_on": today().isoformat()}, "debt trajectories")

    async def debt_withdrawn(self, step: Step) -> None:
        body = {"outcome": "client_withdrew", "closed_on": today().isoformat()}
        await self._debt(step, "closure", body, "debt: client withdrew")

    async def debt_stabilise(self, step: Step) -> None:
        await self._debt(step, "stabilisation", {"stabilised_on": today().isoformat()}, "debt: stabilised")

    async def debt_arrange(self, step: Step) -> None:
        body = {"arrangement": step.data["arrangement"], "reached_on": today().isoformat()}
        await self._debt(step, "arrangement", body, "debt: arrangement reached")

    async def debt_close(self, step: Step) -> None:
        body = {"outcome": "arrangement_in_place", "closed_on": today().isoformat()}
        await self._debt(step, "closure", body, "debt: closed with an arrangement")

    async def close_year(self, step: Step) -> None:
        year = step.data["year"]
        response = await post(self.client, f"{self.urls['budget']}/years/{year}/close", CONTROLLER)
        statements = response.json()
        carried = sum(s["totals"].get("carried_over_cents", 0) for s in statements)
        self.year_end = {"year": year, "closed_on": today().isoformat(), "carried_over_cents": carried,
                         "balanced": all(s["balanced"] for s in statements)}  # fmt: skip
        self.tally[f"year {year} closed by the controller"] += 1

    async def _debt(self, step: Step, action: str, body: dict[str, Any], counted: str) -> None:
        case = self.cases.get(step.household)
        if case is None:
            return
        query = {"household_id": case.household_id}
        found = (await self.client.get(f"{self.urls['debt']}/trajectories", params=query)).json()
        if not found:
            self.tally["debt referrals not received"] += 1
            return
        await post(self.client, f"{self.urls['debt']}/trajectories/{found[0]['trajectory_id']}/{action}", body)
        self.tally[counted] += 1

    async def _assignments(self, case: Case) -> list[dict[str, Any]]:
        providers = sorted({p["provider_id"] for p in self.municipality.config["provisions"]})
        found: list[dict[str, Any]] = []
        for provider in providers:
            query = {"provider_id": provider}
            listed = (await self.client.get(f"{self.urls['care']}/assignments", params=query)).json()
            found += [a for a in listed if a["household_id"] == case.household_id]
        return sorted(found, key=lambda a: (a["period_start"], a["provider_id"], a["assignment_id"]))

    def _assignment(self, assignment: dict[str, Any]) -> tuple[str, dict[str, str]]:
        url = f"{self.urls['care']}/assignments/{assignment['assignment_id']}"
        return url, {"X-Provider-Id": assignment["provider_id"]}

    async def _funding_outcome(self, case: Case, decision: Decision) -> None:
        """Wait until budget answered this decision, so the next claim on the line comes after it."""

        async def answered() -> bool:
            plan = (await self.client.get(f"{self.urls['planning']}/plans/{case.plan_id}")).json()
            mine = [d for d in plan.get("decisions", []) if d["provision_code"] == decision.provision_code]
            return bool(mine) and all(d["status"] != "taken" for d in mine)

        await until(answered, f"budget's answer to a decision of plan {case.plan_id}", timeout=60, interval=0.05)

    async def _stop_clock(self, case: Case, clock_id: str) -> None:
        url = f"{self.urls['intake']}/cases/{case.case_id}/clocks/{clock_id}/stop"
        answer = (await post(self.client, url, {"stopped_on": today().isoformat()})).json()
        self.tally[f"{clock_id.replace('_', ' ')} term {'met' if answer['in_time'] else 'missed'}"] += 1

    def _outside_mandate(self, team_id: str, kind: str) -> str | None:
        holders = {p["id"] for p in self.municipality.mandates["professionals"] if self.municipality._holds(p, kind)}
        others = [p["id"] for p in self.municipality.professionals(team_id) if p["id"] not in holders]
        return str(others[0]) if others else None

    def _hh(self, step: Step) -> Household:
        return self.script[step.household]

    def _rng(self, step: Step) -> Any:
        return rng_of(self.seed, step.household, step.kind)
