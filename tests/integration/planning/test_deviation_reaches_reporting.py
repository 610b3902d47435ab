"""A justified deviation (afwijking) is its own fact and reaches the council's reporting, its justification sealed
with the household's text key (issue 18): the team reads it in the plan, the report counts the deviation."""

from __future__ import annotations

import json
from collections import Counter

import httpx
import pytest

from tests.integration.planning.bus_facts import case_opened, plan_of, set_goal, support_offered
from tests.support.bus import publish
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
WHY = "Single mother of 17 with a baby and no parent to fall back on: the deposit keeps them housed."
DEVIATION_TYPE = "nl.wijkteam.planning.deviation-recorded.v1"
DECISION_TYPE = "nl.wijkteam.planning.decision-taken.v1"
DEPOSIT = {
    "provision_code": "bijzondere-bijstand",
    "amount_cents": 80_000,
    "period_start": "2026-03-01",
    "period_end": "2026-03-31",
    "decided_by": "t.visser",
    "client_age": 17,
}


async def test_a_deviation_reaches_reporting_with_its_justification_sealed(stack: Stack) -> None:
    case = case_opened()
    await publish(stack.settings.kafka_bootstrap, case, support_offered(case))
    pool = stack["reporting"].pool
    assert pool is not None
    async with httpx.AsyncClient(base_url=stack.url("planning")) as planning:
        plan = await eventually(
            lambda: plan_of(planning, case.household_id), lambda p: bool(p) and bool(p["client_support_offered"]), 60
        )
        plan_id = plan["plan_id"]
        await set_goal(planning, plan_id, "income")

        unjustified = await planning.post(f"/plans/{plan_id}/decisions", json=DEPOSIT)
        vague = await planning.post(
            f"/plans/{plan_id}/decisions",
            json={**DEPOSIT, "deviation": {"rule_refs": ["ALM-BB-LEEFTIJD"], "justification": "needed"}},
        )
        taken = await planning.post(
            f"/plans/{plan_id}/decisions",
            json={**DEPOSIT, "deviation": {"rule_refs": ["ALM-BB-LEEFTIJD"], "justification": WHY}},
        )
        assert unjustified.status_code == 422 and "ALM-BB-LEEFTIJD" in unjustified.json()["detail"]
        assert vague.status_code == 422 and "written justification" in vague.json()["detail"]
        assert taken.status_code == 201, taken.text
        assert (taken.json()["status"], taken.json()["mandate_ref"]) == ("taken", "ALM-M-05")

        async def count() -> dict[str, int]:
            rows = await pool.fetch("SELECT type FROM reporting.fact WHERE subject = $1", str(case.household_id))
            return dict(Counter(row["type"] for row in rows))

        # The deviation is published just before its decision, on the same partition: wait for the decision too.
        by_type = await eventually(count, lambda c: c.get(DECISION_TYPE, 0) >= 1, timeout=60)
        assert (by_type[DEVIATION_TYPE], by_type[DECISION_TYPE]) == (1, 1)
        state = (await planning.get(f"/plans/{plan_id}")).json()

    assert [(d["rule_ref"], d["justification"]) for d in state["deviations"]] == [("ALM-BB-LEEFTIJD", WHY)]
    row = await pool.fetchrow(
        "SELECT data FROM reporting.fact WHERE type = $1 AND subject = $2", DEVIATION_TYPE, str(case.household_id)
    )
    recorded = json.loads(row["data"])
    assert (recorded["rule_ref"], recorded["rule_value"], recorded["actual_value"]) == ("ALM-BB-LEEFTIJD", 18, 17)
    assert set(recorded["justification"]) == {"sealed"} and "mother" not in row["data"]
    assert recorded["decided_by"] == "t.visser" and recorded["decision_id"] == taken.json()["decision_id"]
