"""A year that turns, on the real broker and PostgreSQL, on a simulated calendar: the close is refused before
the year has ended, to anyone but the controller and a second time; it carries the open reservation into the next
year as facts; a late payment is booked on its decision's year before the close, on the carried reservation after."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts.events.backoffice import PaymentMade
from contracts.events.budget import FundsSpent, ReservationCarriedIn, ReservationCarriedOver
from contracts.events.planning import DecisionTaken
from contracts.topics import facts
from tests.support.bus import Publisher, read_facts
from tests.support.clock import SimClock
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
TEAM, YEAR = "wijkteam-haven", 2027


def taken() -> DecisionTaken:
    return DecisionTaken(
        household_id=uuid.uuid4(), plan_id=uuid.uuid4(), decision_id=uuid.uuid4(), team_id=TEAM,
        provision_code="wmo-huishoudelijke-ondersteuning", budget_line="wmo", amount_cents=300_000,
        period_start=date(YEAR, 10, 1), period_end=date(YEAR + 1, 3, 31), decided_by="J. de Vries, wijkcoach",
        decided_on=date(YEAR, 9, 20),
    )  # fmt: skip


def paid(decision: DecisionTaken, cents: int, on: date) -> PaymentMade:
    return PaymentMade(
        household_id=decision.household_id, payment_id=uuid.uuid4(), decision_id=decision.decision_id,
        amount_cents=cents, paid_on=on, payee="zorg-flevoland",
    )  # fmt: skip


async def line(client: httpx.AsyncClient, year: int) -> dict[str, Any]:
    return (await client.get(f"/budgets/{TEAM}/{year}/wmo")).json()  # type: ignore[no-any-return]


async def test_a_year_closes_after_it_ended_carries_its_open_reservations_and_books_late_payments(
    own_stack: Stack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stack of its own: the close freezes 2027 for good, which no later test could undo, and budget starts on
    the simulated calendar so that it allocates the years around it."""
    clock = SimClock(tmp_path / "clock.json", monkeypatch)
    clock.set(date(YEAR, 9, 20))
    stack = await own_stack.start(["budget"])
    decision = taken()
    bootstrap = stack.settings.kafka_bootstrap
    async with (
        Publisher(bootstrap) as bus,
        stack.client("budget") as client,
        stack.client("budget", user="t.visser") as team_lead,
    ):
        await bus.publish(decision)
        await eventually(lambda: line(client, YEAR), lambda b: b["reserved_cents"] == 300_000)
        clock.set(date(YEAR, 12, 31))
        early = await client.post(f"/years/{YEAR}/close")  # as the controller: the stack's default at budget
        lead = await team_lead.post(f"/years/{YEAR}/close")

        clock.set(date(YEAR + 1, 1, 12))
        await bus.publish(paid(decision, 50_000, date(YEAR + 1, 1, 12)))  # December's care, paid in January
        await eventually(lambda: line(client, YEAR), lambda b: b["spent_cents"] == 50_000)
        closed = await client.post(f"/years/{YEAR}/close")
        again = await client.post(f"/years/{YEAR}/close")
        await bus.publish(paid(decision, 20_000, date(YEAR + 1, 2, 2)))
        following = await eventually(lambda: line(client, YEAR + 1), lambda b: b["spent_cents"] == 20_000)
        old = await line(client, YEAR)

    assert early.status_code == 409 and f"{YEAR} has not ended" in early.json()["detail"]
    assert lead.status_code == 403 and lead.json()["rule"] == "controller"
    assert closed.status_code == 200 and all(statement["balanced"] for statement in closed.json())
    assert again.status_code == 409 and "was closed on" in again.json()["detail"]
    assert (old["reserved_cents"], old["carried_over_cents"], old["spent_cents"]) == (0, 250_000, 50_000)
    assert (following["carried_in_cents"], following["reserved_cents"]) == (250_000, 230_000)
    published = await read_facts(stack.settings.kafka_bootstrap, facts("budget"), 40)
    [out] = [f for f in published if isinstance(f, ReservationCarriedOver)]
    [into] = [f for f in published if isinstance(f, ReservationCarriedIn)]
    assert (out.year, out.to_year, out.amount_cents) == (YEAR, YEAR + 1, 250_000)
    assert (into.from_year, into.year, into.amount_cents) == (YEAR, YEAR + 1, 250_000)
    spent = sorted((f.year, f.paid_on) for f in published if isinstance(f, FundsSpent))
    assert spent == [(YEAR, date(YEAR + 1, 1, 12)), (YEAR + 1, date(YEAR + 1, 2, 2))]
