"""Budget's commands and inbox handlers, driven as its inbox and routes drive them, on each store.

What the integration tier proved only through a running service: the configured budgets are allocated once, a
decision is reserved once or refused with the reason, a refused assignment gives the reservation back whichever
fact arrives first, a reserve draw needs an approving role, and a closed year's books balance to the cent.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from contracts.events.backoffice import PaymentMade, ProviderAssigned
from contracts.events.budget import BudgetAllocated, FundsRefused, FundsReleased, FundsReserved, FundsSpent
from contracts.events.care import AssignmentRefused, CareStopped
from contracts.events.planning import DecisionTaken
from kernel.clock import today
from kernel.errors import Conflict, Forbidden, NotFound
from services.budget.application import BudgetApplication
from services.budget.domain.commitment import pending_release_id
from services.budget.year_end import Actor
from tests.support.application import IN_MEMORY, Positions, build, facts_of, of_type, running
from wijk.settings import PlatformSettings

YEAR, TEAM, LINE = 2026, "wijkteam-haven", "wmo"
AFTER_YEAR = date(YEAR + 1, 1, 15)
CONTROLLER = Actor("c.controller", frozenset({"controller"}))
NO_BUDGET_YEAR = today().year + 5  # beyond every year budget allocates: the configured ones and through next year


def decision(cents: int, start: date = date(YEAR, 4, 1), household: uuid.UUID | None = None) -> DecisionTaken:
    return DecisionTaken(
        household_id=household or uuid.uuid4(),
        plan_id=uuid.uuid4(),
        decision_id=uuid.uuid4(),
        team_id=TEAM,
        provision_code="wmo-huishoudelijke-ondersteuning",
        budget_line=LINE,
        amount_cents=cents,
        period_start=start,
        period_end=date(start.year, 12, 31),
        decided_by="j.de.vries",
        decided_on=date(YEAR, 3, 2),
    )


def assigned(taken: DecisionTaken, assignment_id: uuid.UUID) -> ProviderAssigned:
    return ProviderAssigned(
        household_id=taken.household_id,
        assignment_id=assignment_id,
        decision_id=taken.decision_id,
        provider_id="zorgaanbieder-thuis",
        product_code="02A01",
        volume=4,
        unit="04",
        frequency="2",
        period_start=taken.period_start,
        period_end=taken.period_end,
    )


def refused(taken: DecisionTaken, assignment_id: uuid.UUID) -> AssignmentRefused:
    return AssignmentRefused(
        household_id=taken.household_id,
        assignment_id=assignment_id,
        provider_id="zorgaanbieder-thuis",
        reason="no_capacity",
        refused_on=date(YEAR, 4, 10),
    )


class BudgetCase:
    """The abstract case: every test runs on the store `settings` gives (POPO unless a subclass says otherwise)."""

    @pytest.fixture
    def settings(self) -> PlatformSettings:
        return IN_MEMORY

    @pytest.fixture
    def app(self, settings: PlatformSettings) -> Iterator[BudgetApplication]:
        def allocated() -> BudgetApplication:
            app: BudgetApplication = build("budget", settings)
            app.allocate_budgets()  # the start hook, before the inbox subscribes
            return app

        yield from running(allocated)

    def test_the_configured_budgets_are_allocated_once(self, app: BudgetApplication) -> None:
        lines = app.lines()
        assert app.allocate_budgets() == []  # a restart allocates nothing twice
        assert len(of_type(facts_of(app, "budget"), BudgetAllocated)) == len(lines) >= 16
        haven = [(b["line"], b["allocated_cents"]) for b in app.lines(TEAM, YEAR)]
        assert haven == [
            ("discretionary", 30_000_000),
            ("special_assistance", 25_992_316),
            ("wmo", 180_000_000),
            ("youth", 95_299_760),
        ]
        assert app.lines(year=NO_BUDGET_YEAR) == []
        with pytest.raises(NotFound, match=f"no budget allocated for {TEAM} {LINE} {NO_BUDGET_YEAR}"):
            app.line(TEAM, NO_BUDGET_YEAR, LINE)

    def test_a_decision_is_reserved_once_or_refused_with_the_reason(self, app: BudgetApplication) -> None:
        positions = Positions()
        wmo = app.line(TEAM, YEAR, LINE)["allocated_cents"]
        fits, too_much, no_line = decision(250_000), decision(wmo), decision(1_000, start=date(NO_BUDGET_YEAR, 1, 1))
        first = positions.next()
        for fact in (fits, too_much, no_line):
            app.on_decision_taken(fact, first if fact is fits else positions.next())
        app.on_decision_taken(fits, positions.again(first))  # redelivered: the same position
        app.on_decision_taken(fits, positions.next())  # republished: the same decision under a new position

        line = app.line(TEAM, YEAR, LINE)
        assert (line["reserved_cents"], line["remaining_cents"], line["reservations"]) == (250_000, wmo - 250_000, 1)
        facts = facts_of(app, "budget")
        assert [f.decision_id for f in of_type(facts, FundsReserved)] == [fits.decision_id]
        assert {f.decision_id: f.reason for f in of_type(facts, FundsRefused)} == {
            too_much.decision_id: f"{TEAM} {LINE} {YEAR}: remaining {wmo - 250_000} cents, needed {wmo}",
            no_line.decision_id: f"{TEAM} {LINE} {NO_BUDGET_YEAR}: no budget allocated",
        }

    def test_a_refused_assignment_gives_the_reservation_back_in_either_order(self, app: BudgetApplication) -> None:
        positions, in_order, refused_first = Positions(), decision(250_000), decision(120_000)
        first, second = uuid.uuid4(), uuid.uuid4()
        before = app.line(TEAM, YEAR, LINE)
        app.on_decision_taken(in_order, positions.next())
        app.on_decision_taken(refused_first, positions.next())
        app.on_provider_assigned(assigned(in_order, first), positions.next())
        app.on_assignment_refused(refused(in_order, first), positions.next())
        assert app.line(TEAM, YEAR, LINE)["released_cents"] - before["released_cents"] == 250_000

        app.on_assignment_refused(refused(refused_first, second), positions.next())  # the assignment comes later
        assert pending_release_id(second) in app.repository
        assert app.line(TEAM, YEAR, LINE)["reserved_cents"] - before["reserved_cents"] == 120_000
        app.on_provider_assigned(assigned(refused_first, second), positions.next())

        line = app.line(TEAM, YEAR, LINE)
        assert (line["reserved_cents"], line["released_cents"]) == (before["reserved_cents"], 370_000)
        released = {f.decision_id: f.amount_cents for f in of_type(facts_of(app, "budget"), FundsReleased)}
        assert released == {in_order.decision_id: 250_000, refused_first.decision_id: 120_000}

    def test_a_payment_is_spent_and_the_rest_released_when_care_stops(self, app: BudgetApplication) -> None:
        positions, taken, assignment = Positions(), decision(250_000), uuid.uuid4()
        app.on_decision_taken(taken, positions.next())
        app.on_provider_assigned(assigned(taken, assignment), positions.next())
        paid = PaymentMade(
            household_id=taken.household_id, payment_id=uuid.uuid4(), decision_id=taken.decision_id,
            payee="zorgaanbieder-thuis", amount_cents=40_000, paid_on=date(YEAR, 6, 1),
        )  # fmt: skip
        app.on_payment_made(paid, positions.next())
        stopped = CareStopped(
            household_id=taken.household_id, assignment_id=assignment, provider_id="zorgaanbieder-thuis",
            end_date=date(YEAR, 6, 30), reason_code="19",
        )  # fmt: skip
        app.on_care_stopped(stopped, positions.next())
        line = app.line(TEAM, YEAR, LINE)
        assert (line["spent_cents"], line["reserved_cents"], line["released_cents"]) == (40_000, 0, 210_000)
        facts = facts_of(app, "budget")
        assert [f.amount_cents for f in of_type(facts, FundsSpent)] == [40_000]
        assert [f.amount_cents for f in of_type(facts, FundsReleased)] == [210_000]

    def test_a_reserve_draw_needs_an_approving_role_and_is_decided_once(self, app: BudgetApplication) -> None:
        draw = app.request_draw("wijkteam-poort", YEAR, "youth", 1_000_000, "crisisplaatsing", "t.teamleider", today())
        with pytest.raises(Forbidden):
            app.approve_draw(draw, "j.coach", "wijkcoach", today())
        with pytest.raises(Forbidden):
            app.approve_draw(draw, "t.teamleider", "controller", today())  # the requester
        before = app.reserve(YEAR)
        app.approve_draw(draw, "m.manager", "controller", today())
        with pytest.raises(Conflict):
            app.approve_draw(draw, "m.manager", "controller", today())
        assert app.line("wijkteam-poort", YEAR, "youth")["reserve_draws_cents"] == 1_000_000
        assert app.reserve(YEAR)["remaining_cents"] == before["remaining_cents"] - 1_000_000
        too_big = app.request_draw(
            "wijkteam-poort", YEAR, "youth", before["allocated_cents"], "te veel", "t.t", today()
        )
        with pytest.raises(Conflict, match=f"remaining {before['remaining_cents'] - 1_000_000} cents"):
            app.approve_draw(too_big, "c.controller", "controller", today())
        with pytest.raises(NotFound):
            app.request_draw(TEAM, NO_BUDGET_YEAR, LINE, 5, "no such line", "t.t", today())

    def test_a_closed_year_balances_and_is_closed_once(self, app: BudgetApplication) -> None:
        positions = Positions()
        app.on_decision_taken(decision(250_000), positions.next())
        with pytest.raises(Conflict, match="not closed yet"):
            app.statement(YEAR, TEAM)
        with pytest.raises(Conflict, match="has not ended"):
            app.close_year(YEAR, CONTROLLER, date(YEAR, 12, 31))
        with pytest.raises(Forbidden):
            app.close_year(YEAR, Actor("t.teamleider", frozenset({"team-lead"})), AFTER_YEAR)
        statements: list[dict[str, Any]] = app.close_year(YEAR, CONTROLLER, AFTER_YEAR)
        assert statements and all(s["balanced"] for s in statements)
        wmo = next(row for row in app.statement(YEAR, TEAM)["lines"] if row["line"] == LINE)
        assert (wmo["reserved_open_cents"], wmo["carried_over_cents"]) == (0, 250_000)  # carried into next year
        next_year = app.line(TEAM, YEAR + 1, LINE)
        assert (next_year["reserved_cents"], next_year["carried_in_cents"]) == (250_000, 250_000)
        with pytest.raises(Conflict):
            app.close_year(YEAR, CONTROLLER, AFTER_YEAR)
        with pytest.raises(NotFound):
            app.close_year(NO_BUDGET_YEAR, CONTROLLER, AFTER_YEAR)


class TestBudgetOnPOPO(BudgetCase):
    pytestmark = pytest.mark.application


class TestBudgetOnPostgres(BudgetCase):
    pytestmark = pytest.mark.integration

    @pytest.fixture
    def settings(self, on_postgres: Callable[..., PlatformSettings]) -> PlatformSettings:
        return on_postgres("budget")
