"""The year-end close on budget's application, in memory: when and by whom a year closes, what it carries into
the next year, and where late payments are booked."""

from __future__ import annotations

import uuid
from datetime import date
from itertools import count

import pytest
from eventsourcing.application import Application
from eventsourcing.persistence import Tracking

from contracts.events.backoffice import PaymentMade
from contracts.events.budget import FundsSpent, ReservationCarriedIn, ReservationCarriedOver, YearClosed
from contracts.events.planning import DecisionTaken
from services.budget.application import Allocation, BudgetApplication
from services.budget.domain.budget_line import BudgetLine, YearAlreadyClosed, YearNotEnded, budget_line_id
from services.budget.translator import translate
from services.budget.year_end import Actor, NotAuthorised
from tests.unit.budget.claims import TEAM

pytestmark = pytest.mark.unit
CONTROLLER = Actor("c.controller", frozenset({"controller-sociaal-domein"}))


class ClosingBudget(BudgetApplication):
    """Budget's application on eventsourcing's in-memory store: two years of one Wmo line."""

    def __init__(self) -> None:
        Application.__init__(self, env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
        self.on_recorded = []
        self.allocations = [Allocation(TEAM, year, "wmo", 10_000) for year in (2026, 2027)]
        self.reserves, self.approver_roles = {}, frozenset()
        self.closer_roles = frozenset({"controller-sociaal-domein"})
        self.positions = count(1)
        self.allocate_budgets()

    def line_of(self, year: int) -> BudgetLine:
        return self.repository.get(budget_line_id(TEAM, year, "wmo"))  # type: ignore[no-any-return]

    def decide(self, amount_cents: int) -> DecisionTaken:
        decision = DecisionTaken(
            household_id=uuid.uuid4(), decision_id=uuid.uuid4(), plan_id=uuid.uuid4(), team_id=TEAM,
            budget_line="wmo", amount_cents=amount_cents, provision_code="wmo-huishoudelijke-ondersteuning",
            period_start=date(2026, 10, 1), period_end=date(2027, 3, 31), decided_by="j.de.vries",
            decided_on=date(2026, 9, 20), life_domain="care",
        )  # fmt: skip
        self.on_decision_taken(decision, self.tracking())
        return decision

    def pay(self, decision: DecisionTaken, cents: int, on: date) -> None:
        payment = PaymentMade(
            household_id=decision.household_id, payment_id=uuid.uuid4(), decision_id=decision.decision_id,
            amount_cents=cents, paid_on=on, payee="zorgaanbieder",
        )  # fmt: skip
        self.on_payment_made(payment, self.tracking())

    def tracking(self) -> Tracking:
        return Tracking("test", next(self.positions))

    def facts(self) -> list[object]:
        stored = self.recorder.select_notifications(1, 10_000)
        return [f for f in (translate(self.mapper.to_domain_event(n)) for n in stored) if f is not None]


def test_a_year_closes_only_after_it_has_ended_and_only_once() -> None:
    budget = ClosingBudget()
    budget.decide(4_000)
    with pytest.raises(YearNotEnded, match="2026 has not ended: it can be closed from 2027-01-01"):
        budget.close_year(2026, CONTROLLER, date(2026, 12, 31))
    assert budget.line_of(2026).closed_on is None and budget.line_of(2026).reserved_cents == 4_000
    budget.close_year(2026, CONTROLLER, date(2027, 1, 20))
    with pytest.raises(YearAlreadyClosed, match="was closed on 2027-01-20"):
        budget.close_year(2026, CONTROLLER, date(2027, 1, 21))


def test_only_a_closing_role_closes_a_year() -> None:
    budget = ClosingBudget()
    coach = Actor("j.coach", frozenset({"wijkcoach"}))
    with pytest.raises(NotAuthorised, match=r"j\.coach may not close a year; that takes one of: controller"):
        budget.close_year(2026, coach, date(2027, 1, 20))
    assert budget.line_of(2026).closed_on is None


def test_the_close_carries_open_reservations_with_their_money_into_the_next_year() -> None:
    budget = ClosingBudget()
    decision = budget.decide(4_000)
    budget.pay(decision, 1_500, date(2026, 11, 1))
    [statement] = budget.close_year(2026, CONTROLLER, date(2027, 1, 20))

    closed, following = budget.line_of(2026), budget.line_of(2027)
    assert (closed.reserved_cents, closed.carried_over_cents, closed.remaining_cents) == (0, 2_500, 6_000)
    assert (following.reserved_cents, following.carried_in_cents, following.remaining_cents) == (2_500, 2_500, 10_000)
    [row] = statement["lines"]
    assert statement["balanced"] and (row["carried_over_cents"], row["reserved_open_cents"]) == (2_500, 0)
    facts = budget.facts()
    [out] = [f for f in facts if isinstance(f, ReservationCarriedOver)]
    [into] = [f for f in facts if isinstance(f, ReservationCarriedIn)]
    assert (out.year, out.to_year, out.amount_cents, out.decision_id) == (2026, 2027, 2_500, decision.decision_id)
    assert (into.year, into.from_year, into.amount_cents, into.carried_on) == (2027, 2026, 2_500, date(2027, 1, 20))
    [closing] = [f for f in facts if isinstance(f, YearClosed)]
    assert (closing.carried_over_cents, closing.reserved_open_cents) == (2_500, 0)


def test_a_late_payment_is_booked_on_its_year_until_the_close_then_on_the_carried_reservation() -> None:
    budget = ClosingBudget()
    decision = budget.decide(4_000)
    budget.pay(decision, 1_000, date(2027, 1, 8))  # December's invoice, paid in January: still 2026's
    budget.close_year(2026, CONTROLLER, date(2027, 1, 20))
    budget.pay(decision, 500, date(2027, 2, 3))  # after the close: from the reservation carried into 2027

    spent = [f for f in budget.facts() if isinstance(f, FundsSpent)]
    assert [(f.year, f.paid_on, f.from_reservation_cents) for f in spent] == [
        (2026, date(2027, 1, 8), 1_000),
        (2027, date(2027, 2, 3), 500),
    ]
    assert budget.line_of(2026).spent_cents == 1_000 and budget.line_of(2027).reserved_cents == 2_500


def test_a_payment_for_a_closed_year_with_nothing_carried_goes_to_the_next_open_year() -> None:
    budget = ClosingBudget()
    decision = budget.decide(1_000)
    budget.pay(decision, 1_000, date(2026, 12, 1))
    budget.close_year(2026, CONTROLLER, date(2027, 1, 20))
    budget.pay(decision, 300, date(2027, 2, 1))
    assert budget.line_of(2027).spent_cents == 300 and budget.line_of(2026).spent_cents == 1_000
