"""A small simulated year for Zaanstad through the real APIs and bus: the council's report shows Zaanstad's own
teams and budgets (population-based Wmo and youth lines, fixed special assistance), not the default Almere's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.identity import provider_for
from tests.support.stack import Stack
from tooling.simulate import simulate
from tooling.simulate_scenario import Municipality

pytestmark = pytest.mark.integration
CONFIG = Path(__file__).resolve().parents[3] / "config"


async def test_a_zaanstad_year_reports_zaanstads_teams_and_budgets(own_stack: Stack, tmp_path: Path) -> None:
    """A stack of its own: another municipality's configuration and identity provider (Zaanstad's professionals
    log in there), and a report of everything on its bus."""
    zaanstad = Municipality.load("zaanstad")
    with provider_for(CONFIG / "zaanstad", tmp_path / "identity") as identity:
        stack = await own_stack.use_identity(identity, municipality_config=zaanstad.setting).start()
        urls = {name: stack.url(name) for name in stack.runtimes}
        result = await simulate(urls, stack.bootstrap, zaanstad, 5, 3, stack.every_service(), say=lambda _: None)
        await stack.stop()

    own_teams = {d["team_id"] for d in zaanstad.config["districts"]}
    reported = {team["team_id"] for team in result["teams"]}
    assert reported <= own_teams and len(reported) == len(own_teams), "every Zaanstad team has its budget facts"
    assert result["summary"]["cases_opened"] >= result["simulated"].get("meldingen", 0) >= 1
    first_year = json.loads((CONFIG / "zaanstad" / "funding.json").read_text())["years"][0]
    lines = {
        (t["team_id"], b["budget_line"]): b["allocated_cents"]
        for t in result["teams"]
        for b in t["budget"]
        if b["year"] == first_year["year"]  # budget also allocates later years: through next year
    }
    youth = {team: cents for (team, line), cents in lines.items() if line == "youth"}
    assert sum(youth.values()) == first_year["lines"]["youth"]["total_cents"] and len(set(youth.values())) > 1
    assert {cents for (_, line), cents in lines.items() if line == "special_assistance"} == {20_000_000}
    assert result["summary"]["decisions"] >= 1 and result["summary"]["letters_issued"] >= 1
