"""A resident's survey answer at intake becomes a SatisfactionRecorded fact that reporting counts for the team;
bad answers get a clear 4xx and record nothing. On the shared stack the test counts what its answer adds."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from kernel.clock import today
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


async def test_a_survey_answer_counts_for_the_team_once_and_bad_answers_are_refused(stack: Stack) -> None:
    async with stack.client("reporting") as reporting:
        before = (await reporting.get("/report/satisfaction")).json()
    async with stack.client("intake") as intake:
        opened = (await intake.post("/support-requests", json={"postcode": "1353 AB", "life_domains": ["care"]})).json()
        route = f"/cases/{opened['case_id']}/satisfaction"
        too_high = await intake.post(route, json={"score": 11})
        zero = await intake.post(route, json={"score": 0})
        future = await intake.post(route, json={"score": 7, "answered_on": str(today() + timedelta(days=1))})
        early = await intake.post(route, json={"score": 7, "answered_on": str(today() - timedelta(days=1))})
        unknown = await intake.post(f"/cases/{uuid.uuid4()}/satisfaction", json={"score": 7})
        not_a_case = await intake.post("/cases/nope/satisfaction", json={"score": 7})
        answered = await intake.post(route, json={"score": 8})
        again = await intake.post(route, json={"score": 3})

    assert [r.status_code for r in (too_high, zero, future, early)] == [422] * 4
    assert too_high.json()["detail"][0]["field"] == "body.score"
    assert "future" in future.json()["detail"] and "before the case opened" in early.json()["detail"]
    assert unknown.status_code == 404 and not_a_case.status_code == 422
    assert answered.status_code == 201, answered.text
    assert answered.json()["score"] == 8 and answered.json()["answered_on"] == str(today())
    assert again.status_code == 409 and again.json()["error"] == "already_answered"

    async with stack.client("reporting") as reporting:

        async def satisfaction() -> dict[str, Any]:
            return (await reporting.get("/report/satisfaction")).json()  # type: ignore[no-any-return]

        found = await eventually(satisfaction, lambda body: answers(body) > answers(before), timeout=60)
    assert answers(found) == answers(before) + 1  # the one answer, counted once, for its team
    assert scores(found).get("8", 0) == scores(before).get("8", 0) + 1


def haven(body: dict[str, Any]) -> dict[str, Any]:
    return next((t for t in body["teams"] if t["team_id"] == "wijkteam-haven"), {"answers": 0, "scores": {}})


def answers(body: dict[str, Any]) -> int:
    return int(haven(body)["answers"])


def scores(body: dict[str, Any]) -> dict[str, int]:
    return dict(haven(body)["scores"])
