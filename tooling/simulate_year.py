"""`wijk simulate --year`: a municipality's year played day by day on a simulated calendar.

The services run in simulation mode (`WIJK_SIMULATED_CLOCK`, see `kernel.clock`); this module is the only writer
of that clock. For each day of the timeline (`tooling.simulate_timeline`) it moves the clock, lets intake and debt
check their statutory terms, and plays the day's steps over the real APIs: first everything but decisions (the
households side by side), then the decisions one household after another, each waiting for its budget outcome, so
two claims on one line are answered in the same order every run. Before the clock moves on, the bus must be quiet
(`tooling.simulate_settle`): every fact of the day is handled on that day. Same seed, same council figures.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from kernel.clock import set_clock
from tooling.identity_tokens import OPERATOR, acting
from tooling.progress import Progress
from tooling.simulate_actions import Actions
from tooling.simulate_scenario import Household, Municipality, households
from tooling.simulate_settle import BusWatch
from tooling.simulate_steps import CLIENT_LIMITS, checked
from tooling.simulate_timeline import DECIDE, Step, timeline

CONCURRENCY = 6


class SimulatedYear:
    def __init__(
        self, urls: dict[str, str], watch: BusWatch, clock_file: Path, municipality: Municipality, seed: int
    ) -> None:
        self.urls, self.watch, self.clock_file = urls, watch, clock_file
        self.municipality, self.seed = municipality, seed
        self.tally: Counter[str] = Counter()

    async def play(self, client: httpx.AsyncClient, script: list[Household], year: int, bootstrap: str) -> Actions:
        actions = Actions(client, self.urls, bootstrap, self.municipality, self.watch, self.seed, self.tally)
        actions.know(script)
        steps = timeline(script, self.seed, year)
        days = [(day, list(group)) for day, group in itertools.groupby(steps, key=lambda s: s.day)]
        progress = Progress(len(days), f"days of {steps[0].day.year}")
        for day, todays in days:
            await self.turn_to(client, day)
            await self._side_by_side(actions, [s for s in todays if s.phase != DECIDE])
            for step in (s for s in todays if s.phase == DECIDE):
                await actions.do(step)
            await self.watch.wait()
            progress.step()
        progress.done()
        return actions

    async def turn_to(self, client: httpx.AsyncClient, day: Any) -> None:
        """Move every service to `day`; record the statutory terms that passed unmet, and let that settle."""
        set_clock(self.clock_file, day)
        operator = acting(OPERATOR)
        missed = checked(await client.post(f"{self.urls['intake']}/clocks/check", extensions=operator)).json()["missed"]
        self.tally["statutory terms missed (intake)"] += len(missed)
        terms = checked(await client.post(f"{self.urls['debt']}/terms/check", extensions=operator)).json()["missed"]
        self.tally["first-conversation terms missed (debt, Wgs)"] += len(terms)
        await self.watch.wait()

    async def _side_by_side(self, actions: Actions, steps: list[Step]) -> None:
        gate = asyncio.Semaphore(CONCURRENCY)

        async def household(own: list[Step]) -> None:
            async with gate:
                for step in own:
                    await actions.do(step)

        ordered = sorted(steps, key=lambda s: s.household)
        by_household = [list(g) for _, g in itertools.groupby(ordered, lambda s: s.household)]
        await asyncio.gather(*(household(own) for own in by_household))
        if steps:
            await self.watch.wait()


async def simulate_year(
    urls: dict[str, str],
    bootstrap: str,
    watch: BusWatch,
    clock_file: Path,
    municipality: Municipality,
    count: int,
    seed: int,
    year: int,
    auth: httpx.Auth,
    say: Any = print,
) -> dict[str, Any]:
    script = households(municipality, count, seed, year)
    played = SimulatedYear(urls, watch, clock_file, municipality, seed)
    async with httpx.AsyncClient(timeout=60, auth=auth, limits=CLIENT_LIMITS) as client:
        actions = await played.play(client, script, year, bootstrap)
        summary = checked(await client.get(f"{urls['reporting']}/summary")).json()
        teams = checked(await client.get(f"{urls['reporting']}/teams")).json()
    return {
        "municipality": municipality.config["municipality"],
        "households": count,
        "seed": seed,
        "year": year,
        "summary": summary,
        "teams": teams,
        "simulated": dict(sorted(played.tally.items())),
        "satisfaction_endpoint": "present",
        "year_end": actions.year_end,
    }
