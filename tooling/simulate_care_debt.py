"""The providers' and debt assistance's steps of the simulated calendar (iWmo 305/307/323, Wgs), over the real APIs.

Mixed into `tooling.simulate_actions.Actions`: a household's case (and its assignments once care started) is there
because the calendar waited for the bus to settle before the day of the step.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import httpx

from kernel.clock import today
from tooling import simulate_iwmo as iwmo
from tooling.identity_tokens import acting, org
from tooling.simulate_steps import SimulationError, Tally, post, until
from tooling.simulate_timeline import Step

if TYPE_CHECKING:
    from tooling.simulate_actions import Case
    from tooling.simulate_scenario import Municipality


class ProviderSteps:
    client: httpx.AsyncClient
    urls: dict[str, str]
    municipality: Municipality
    tally: Tally
    cases: dict[int, Case]
    xml_providers: set[str] | None

    async def care_start(self, step: Step) -> None:
        case = self.cases[step.household]
        for assignment in await self._assignments(case):
            url, as_provider = self._assignment(assignment)
            status = assignment["status"]
            if status == "started":  # a provider whose policy starts at once
                start = date.fromisoformat(assignment["start_date"])
                case.assignments.append({**assignment, "start_date": start, "stopped_on": None})
                self.tally["care started on assignment (provider policy)"] += 1
                continue
            if status == "received":
                await post(self.client, f"{url}/acceptance", {}, extensions=as_provider)
                self.tally["assignments accepted by hand"] += 1
            elif status != "accepted":
                self.tally[f"assignments {status}"] += 1
                continue
            start = max(date.fromisoformat(assignment["period_start"]), today())
            await post(self.client, f"{url}/start", {"start_date": start.isoformat()}, extensions=as_provider)
            case.assignments.append({**assignment, "start_date": start, "stopped_on": None})
            self.tally["care started by the provider (305)"] += 1
        for provider in sorted(await self._speaking()):
            await self._start_xml(case, provider)

    async def _start_xml(self, case: Case, provider: str) -> None:
        """An XML provider's toewijzingen for the household, once its 301s reached care through the mailbox; care
        starts those its policy starts (its own 305), the simulator starts the others by hand (a 305 too)."""
        expected = await self._expected_toewijzingen(case, provider)
        if not expected:
            return
        care = self.urls["care"]

        async def arrived() -> list[dict[str, Any]] | None:
            found = await iwmo.toewijzingen(self.client, care, provider, case.bsns)
            waiting = iwmo.starts_by_itself(self.municipality.directory, provider) and any(
                t["status"] == "received" and date.fromisoformat(t["product"]["ingangsdatum"]) <= today() for t in found
            )  # its poll sends the 305 within a second or two
            return found if len(found) >= expected and not waiting else None

        try:
            found = await until(arrived, f"the toewijzingen (301) of {provider} for {case.household_id}", timeout=90)
        except SimulationError:
            found = await iwmo.toewijzingen(self.client, care, provider, case.bsns)
            self.tally["toewijzingen (301) not received in time"] += expected - len(found)
        year_end = date(today().year, 12, 31).isoformat()
        for t in found:
            assignment = iwmo.as_assignment(provider, t, year_end)
            if t["status"] == "received":
                url, as_provider = self._assignment(assignment)
                start = max(date.fromisoformat(assignment["period_start"]), today())
                body = {"start_date": start.isoformat()}
                verdict = await post(self.client, f"{url}/start", body, extensions=as_provider)
                if verdict.json()["outcome"] not in iwmo.ACCEPTED:
                    self.tally["care starts refused by the gemeente (306)"] += 1
                    continue
                self.tally["care started by the provider (305)"] += 1
            elif t["status"] == "started":
                start = date.fromisoformat(t["start_date"])
                self.tally["care started on assignment (provider policy)"] += 1
            else:
                self.tally[f"toewijzingen {t['status']}"] += 1
                continue
            case.assignments.append({**assignment, "start_date": start, "stopped_on": None})

    async def _expected_toewijzingen(self, case: Case, provider: str) -> int:
        """How many of the plan's decisions the backoffice assigned to this provider: funded, of a provider line."""
        provisions = self.municipality.config["provisions"]
        codes = {p["code"] for p in provisions if p["provider_id"] == provider and p["budget_line"] in ("wmo", "youth")}
        plan = (await self.client.get(f"{self.urls['planning']}/plans/{case.plan_id}")).json()
        return sum(d["provision_code"] in codes and d["status"] == "funds_reserved" for d in plan.get("decisions", []))

    async def _speaking(self) -> set[str]:
        if self.xml_providers is None:
            providers = sorted({p["provider_id"] for p in self.municipality.config["provisions"]})
            self.xml_providers = await iwmo.speaking(self.client, self.urls["care"], providers)
        return self.xml_providers

    async def care_stop(self, step: Step) -> None:
        case = self.cases[step.household]
        for assignment in case.assignments[:1]:
            last = min(today(), date.fromisoformat(assignment["period_end"]))
            end = min(max(step.data["end"], assignment["start_date"]), last)  # type: ignore[type-var]
            url, as_provider = self._assignment(assignment)
            body = {"end_date": end.isoformat(), "reason_code": step.data["reason"]}
            answer = await post(self.client, f"{url}/stop", body, extensions=as_provider)
            if assignment.get("xml") and answer.json()["outcome"] not in iwmo.ACCEPTED:
                self.tally["care stops refused by the gemeente (308)"] += 1
                continue
            assignment["stopped_on"] = end
            self.tally["care stopped (307)"] += 1

    async def declare(self, step: Step) -> None:
        through: date = step.data["through"]  # type: ignore[assignment]
        for assignment in self.cases[step.household].assignments:
            first = max(assignment["start_date"], through.replace(day=1))
            last = min(through, assignment["stopped_on"] or through, date.fromisoformat(assignment["period_end"]))
            if last < first:
                continue
            url, as_provider = self._assignment(assignment)
            claim = {"period_start": first.isoformat(), "period_end": last.isoformat(), "volume": 1}
            response = await self.client.post(f"{url}/declarations", json=claim, extensions=as_provider)
            late = " for last year, paid this year" if through.year < today().year else ""
            accepted = response.status_code == 201 or (
                response.status_code == 200 and response.json().get("outcome") in iwmo.ACCEPTED
            )  # JSON: 201; XML: the gateway's verdict, its 325
            verdict = "declarations accepted (323)" if accepted else "declarations refused"
            self.tally[verdict + late] += 1

    async def feedback(self, step: Step) -> None:
        for assignment in self.cases[step.household].assignments:
            if assignment.get("xml"):
                continue  # iWmo has no message for feedback on the plan
            url, as_provider = self._assignment(assignment)
            body = {"plan_fits": step.data["fits"], "remarks": "Reported back to the regisseur"}
            await post(self.client, f"{url}/feedback", body, extensions=as_provider)
            self.tally["provider feedback on the plan"] += 1

    async def _assignments(self, case: Case) -> list[dict[str, Any]]:
        providers = sorted({p["provider_id"] for p in self.municipality.config["provisions"]})
        found: list[dict[str, Any]] = []
        for provider in providers:
            as_provider = acting(org(provider))  # each provider lists its own, with its own token
            listed = (await self.client.get(f"{self.urls['care']}/assignments", extensions=as_provider)).json()
            found += [a for a in listed if a["household_id"] == case.household_id]
        return sorted(found, key=lambda a: (a["period_start"], a["provider_id"], a["assignment_id"]))

    def _assignment(self, assignment: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The assignment's URL (an XML provider's: its toewijzing under care's `/iwmo` routes), and the request
        extension that sends it as its provider (client credentials)."""
        if assignment.get("xml"):
            nummer = assignment["toewijzing_nummer"]
            url = f"{self.urls['care']}/iwmo/providers/{assignment['provider_id']}/toewijzingen/{nummer}"
            return url, acting(org(assignment["provider_id"]))
        url = f"{self.urls['care']}/assignments/{assignment['assignment_id']}"
        return url, acting(org(assignment["provider_id"]))


class DebtSteps:
    client: httpx.AsyncClient
    urls: dict[str, str]
    tally: Tally
    cases: dict[int, Case]

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
