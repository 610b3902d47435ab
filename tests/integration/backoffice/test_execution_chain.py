"""A decision carried through the execution chain on the real broker and PostgreSQL: reservation (budget), the
beschikking (backoffice), assignment (301), start (305), declarations (323) answered (325), payment, spending
(budget), stop (307) and release (budget), bezwaar, a reserve draw and the year-end close.

Planning's DecisionTaken and care's CareStarted / CareDeclared / CareStopped are published by the test itself, as
their services would."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts.events.backoffice import DeclarationAnswered, PaymentMade
from contracts.events.budget import FundsReleased, FundsSpent
from contracts.events.care import CareDeclared, CareStarted, CareStopped
from contracts.events.planning import DecisionTaken
from contracts.topics import facts
from tests.support.bus import Publisher, read_facts
from tests.support.clock import SimClock
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
TEAM, MANDATED = "wijkteam-haven", "J. de Vries, wijkcoach"


def decision_taken(
    line: str = "wmo", provision: str = "wmo-huishoudelijke-ondersteuning", decided_by: str = MANDATED
) -> DecisionTaken:
    return DecisionTaken(
        household_id=uuid.uuid4(),
        plan_id=uuid.uuid4(),
        decision_id=uuid.uuid4(),
        team_id=TEAM,
        provision_code=provision,
        budget_line=line,  # type: ignore[arg-type]
        amount_cents=250_000,
        period_start=date(2026, 4, 1),
        period_end=date(2026, 12, 31),
        decided_by=decided_by,
        decided_on=date(2026, 3, 2),
    )


def declared(taken: DecisionTaken, assignment_id: uuid.UUID, start: date, end: date, volume: int) -> CareDeclared:
    return CareDeclared(
        household_id=taken.household_id,
        declaration_id=uuid.uuid4(),
        assignment_id=assignment_id,
        provider_id="zorg-flevoland",
        period_start=start,
        period_end=end,
        volume=volume,
        unit="04",
        amount_cents=40_000,
    )


async def get(client: httpx.AsyncClient, path: str) -> Any:
    response = await client.get(path)
    return response.json() if response.status_code == 200 else None


async def test_a_decision_becomes_money_a_letter_care_a_payment_and_a_balanced_statement(
    own_stack: Stack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stack of its own: the year-end close at the end freezes 2026 for good, which no later test could undo;
    and only budget and the backoffice run, so the test plays care itself."""
    stack = await own_stack.start(["budget", "backoffice"])
    bootstrap, taken = stack.settings.kafka_bootstrap, decision_taken()
    budget = stack.client("budget")
    backoffice = stack.client("backoffice")
    async with Publisher(bootstrap) as bus, budget, backoffice:
        await bus.publish(taken)
        executed = await eventually(lambda: get(backoffice, f"/decisions/{taken.decision_id}"), bool, timeout=90)
        assignment_id = uuid.UUID(executed["assignment"]["assignment_id"])
        assert executed["letter"]["legal_basis"].startswith("artikel 2.3.5 van de Wet maatschappelijke")
        assert executed["assignment"]["product_category"] == "01" and executed["assignment"]["unit"] == "04"
        html = await backoffice.get(f"/decisions/{taken.decision_id}/letter.html")
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        assert "Namens het college van burgemeester en wethouders van Almere" in html.text and MANDATED in html.text

        await bus.publish(
            CareStarted(
                household_id=taken.household_id,
                assignment_id=assignment_id,
                provider_id="zorg-flevoland",
                start_date=date(2026, 4, 1),
            )
        )
        accepted = declared(taken, assignment_id, date(2026, 5, 1), date(2026, 5, 31), 8)
        outside = declared(taken, assignment_id, date(2027, 1, 1), date(2027, 1, 31), 2)
        await bus.publish(accepted)
        await bus.publish(outside)
        line = await eventually(lambda: get(budget, f"/budgets/{TEAM}/2026/wmo"), lambda b: b["spent_cents"] > 0)
        assert (line["spent_cents"], line["reserved_cents"]) == (40_000, 210_000)

        await bus.publish(
            CareStopped(
                household_id=taken.household_id,
                assignment_id=assignment_id,
                provider_id="zorg-flevoland",
                end_date=date(2026, 6, 30),
                reason_code="19",
            )
        )
        line = await eventually(lambda: get(budget, f"/budgets/{TEAM}/2026/wmo"), lambda b: b["released_cents"] > 0)
        assert (line["reserved_cents"], line["released_cents"], line["remaining_cents"]) == (
            0,
            210_000,
            180_000_000 - 40_000,
        )
        delivery = (await get(backoffice, f"/decisions/{taken.decision_id}"))["delivery"]
        assert (delivery["started_on"], delivery["stopped_on"], delivery["stop_reason"]) == (
            "2026-04-01",
            "2026-06-30",
            "19",
        )
        assert (delivery["declared_volume"], delivery["paid_cents"]) == (8, 40_000)

        answers = [
            f
            for f in await read_facts(bootstrap, facts("backoffice"), 5, of=[taken.household_id])
            if isinstance(f, DeclarationAnswered | PaymentMade)
        ]
        verdicts = {f.declaration_id: (f.accepted, f.reason[:4]) for f in answers if isinstance(f, DeclarationAnswered)}
        assert verdicts == {accepted.declaration_id: (True, ""), outside.declaration_id: (False, "9307")}
        [payment] = [f for f in answers if isinstance(f, PaymentMade)]
        assert (payment.payee, payment.amount_cents, payment.decision_id) == (
            "zorg-flevoland",
            40_000,
            taken.decision_id,
        )
        money = await read_facts(bootstrap, facts("budget"), 3, of=[taken.household_id])
        assert [f.amount_cents for f in money if isinstance(f, FundsSpent)] == [40_000]
        assert [f.amount_cents for f in money if isinstance(f, FundsReleased)] == [210_000]

        SimClock(tmp_path / "clock.json", monkeypatch).set(date(2027, 1, 15))  # a year closes once it has ended
        closed = await budget.post("/years/2026/close")  # as the controller: the default at budget
        assert closed.status_code == 200 and all(s["balanced"] for s in closed.json())
        statement = (await budget.get(f"/years/2026/statements/{TEAM}")).json()
        wmo = next(row for row in statement["lines"] if row["line"] == "wmo")
        assert (wmo["spent_cents"], wmo["reserved_open_cents"], wmo["of_which_released_cents"]) == (40_000, 0, 210_000)
        assert wmo["allocated_cents"] + wmo["reserve_draws_cents"] == (
            wmo["spent_cents"] + wmo["reserved_open_cents"] + wmo["released_or_unused_cents"]
        )
        assert (await budget.post("/years/2026/close")).status_code == 409


async def test_an_objection_is_lodged_deferred_once_and_not_decided_by_the_mandate_holder(stack: Stack) -> None:
    """The backoffice registers and the objection officer decides, each as the token says; Awb 10:3 lid 3 compares
    the officer's authenticated identity with who took the contested decision."""
    taken = decision_taken()
    own_decision = decision_taken(decided_by="jurist")  # one the objection officer took (in another role) itself
    async with (
        Publisher(stack.settings.kafka_bootstrap) as bus,
        stack.client("backoffice") as client,
        stack.client("backoffice", user="jurist") as officer,
        stack.client("backoffice", user="coach.jansen") as other_team,
    ):
        await bus.publish(taken)
        await bus.publish(own_decision)
        await eventually(lambda: get(client, f"/decisions/{taken.decision_id}"), bool, timeout=90)
        await eventually(lambda: get(client, f"/decisions/{own_decision.decision_id}"), bool, timeout=90)
        strangers = await other_team.get(f"/decisions/{taken.decision_id}")  # a professional of wijkteam-stad
        assert strangers.status_code == 403 and strangers.json()["rule"] == "professional@own-team"
        base = f"/decisions/{taken.decision_id}/objections"
        lodged = await client.post(base, json={"grounds": "Te weinig uren.", "advisory_committee": True})
        assert lodged.status_code == 201
        objection = lodged.json()
        assert objection["timely"] and objection["decision_due"] > objection["objection_deadline"]
        path = f"{base}/{objection['objection_id']}"
        assert (await officer.post(f"{path}/deferral", json={"weeks": 7})).status_code == 422
        assert (await client.post(f"{path}/deferral", json={"weeks": 6})).status_code == 403  # not the backoffice
        assert (await officer.post(f"{path}/deferral", json={"weeks": 6})).status_code == 200
        second = await officer.post(f"{path}/deferral", json={"weeks": 1})
        assert second.status_code == 409 and "already deferred" in second.json()["detail"]
        body = {"outcome": "ongegrond", "reasons": "Zorgvuldig onderzocht."}
        own_base = f"/decisions/{own_decision.decision_id}/objections"
        lodged_own = (await client.post(own_base, json={"grounds": "Te weinig uren."})).json()
        own = await officer.post(f"{own_base}/{lodged_own['objection_id']}/decision", json=body)
        assert own.status_code == 403 and "10:3 lid 3" in own.json()["detail"]
        decided = await officer.post(f"{path}/decision", json=body)
        assert decided.status_code == 200 and decided.json()["outcome"] == "ongegrond"
        assert (await officer.post(f"{path}/decision", json=body)).status_code == 409
        assert (await client.post(base, json={"grounds": ""})).status_code == 422
        assert (await client.post(f"/decisions/{uuid.uuid4()}/objections", json={"grounds": "x"})).status_code == 404
        assert (await client.get(f"{base}/{uuid.uuid4()}")).status_code == 404


async def test_special_assistance_is_paid_to_the_household_and_spent_on_its_line(stack: Stack) -> None:
    taken = decision_taken("special_assistance", "maatwerk-vrij-besteedbaar")
    path = f"/budgets/{TEAM}/2026/special_assistance"
    async with (
        Publisher(stack.settings.kafka_bootstrap) as bus,
        stack.client("budget") as budget,
    ):
        before = await get(budget, path)
        await bus.publish(taken)
        spent = await read_facts(stack.bootstrap, facts("budget"), 2, polls=180, of=[taken.household_id])
        line = await get(budget, path)
    assert [f.amount_cents for f in spent if isinstance(f, FundsSpent)] == [250_000]  # reserved, then spent at once
    assert line["spent_cents"] - before["spent_cents"] == 250_000  # on its own line, nothing left reserved
    assert line["reserved_cents"] == before["reserved_cents"]
    paid = [f for f in await read_facts(stack.bootstrap, facts("backoffice"), 2, of=[taken.household_id])
            if isinstance(f, PaymentMade)]  # fmt: skip
    assert [(p.payee, p.amount_cents) for p in paid] == [("household", 250_000)]
