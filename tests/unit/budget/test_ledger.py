"""Spending, releasing, reserve draws and the year-end close on a budget line; every refusal."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts.events.budget import FundsRefused, FundsReleased, FundsSpent, ReserveDrawApproved, YearClosed
from kernel.errors import Refused
from services.budget.domain.budget_line import Overspending, YearAlreadyClosed
from services.budget.domain.reserve import DrawNotAuthorised, DrawNotPending, ReserveDraw, ReserveExhausted, ReserveFund
from services.budget.translator import translate
from tests.unit.budget.claims import TEAM, claim, line

pytestmark = pytest.mark.unit
PAID = date(2026, 5, 1)
ROLES = {"manager-sociaal-domein"}


def reserved(amount: int = 4_000, allocated: int = 10_000):  # type: ignore[no-untyped-def]
    budget, wanted = line(allocated), claim(amount)
    budget.claim(wanted)
    return budget, wanted


def test_a_payment_spends_the_reservation_first() -> None:
    budget, decision = reserved(4_000)
    budget.spend(decision.household_id, decision.decision_id, uuid4(), 1_500, PAID)
    assert (budget.reserved_cents, budget.spent_cents, budget.remaining_cents) == (2_500, 1_500, 6_000)
    fact = translate(budget.collect_events()[-1])
    assert isinstance(fact, FundsSpent)
    assert (fact.amount_cents, fact.from_reservation_cents, fact.budget_line) == (1_500, 1_500, "wmo")


def test_a_payment_beyond_the_reservation_takes_the_excess_from_what_remains() -> None:
    budget, decision = reserved(4_000)
    budget.spend(decision.household_id, decision.decision_id, uuid4(), 5_000, PAID)
    assert (budget.reserved_cents, budget.spent_cents, budget.remaining_cents) == (0, 5_000, 5_000)


def test_a_payment_the_line_cannot_carry_is_refused_and_books_nothing() -> None:
    budget, decision = reserved(4_000, allocated=5_000)
    with pytest.raises(Overspending, match="exceeds the open reservation \\(4000\\) plus what remains \\(1000\\)"):
        budget.spend(decision.household_id, decision.decision_id, uuid4(), 5_001, PAID)
    assert (budget.spent_cents, budget.remaining_cents) == (0, 1_000)


def test_the_same_payment_is_booked_once() -> None:
    budget, decision = reserved()
    payment = uuid4()
    budget.spend(decision.household_id, decision.decision_id, payment, 1_000, PAID)
    budget.spend(decision.household_id, decision.decision_id, payment, 1_000, PAID)
    assert budget.spent_cents == 1_000


def test_a_stop_releases_what_is_still_reserved_once() -> None:
    budget, decision = reserved(4_000)
    budget.spend(decision.household_id, decision.decision_id, uuid4(), 1_000, PAID)
    budget.release(decision.household_id, decision.decision_id, date(2026, 6, 1), "care stopped")
    budget.release(decision.household_id, decision.decision_id, date(2026, 6, 2), "care stopped again")
    assert (budget.reserved_cents, budget.released_cents, budget.remaining_cents) == (0, 3_000, 9_000)
    facts = [translate(e) for e in budget.collect_events()]
    released = [f for f in facts if isinstance(f, FundsReleased)]
    assert len(released) == 1 and released[0].amount_cents == 3_000 and released[0].reason == "care stopped"


def test_an_approved_reserve_draw_lets_a_line_carry_more_than_its_allocation() -> None:
    budget, fund = line(1_000), ReserveFund(2026, 5_000)
    draw = ReserveDraw(TEAM, 2026, "wmo", 2_000, "crisis placement", "a.teamleider", PAID)
    draw.approve("m.manager", "manager-sociaal-domein", ROLES, PAID)
    budget.draw(draw.id, draw.amount_cents)
    fund.draw(draw.id, draw.amount_cents)
    budget.claim(claim(3_000))
    assert (budget.reserved_cents, budget.remaining_cents, fund.remaining_cents) == (3_000, 0, 3_000)
    fact = translate(draw.collect_events()[-1])
    assert isinstance(fact, ReserveDrawApproved) and fact.draw_id == draw.id and fact.role == "manager-sociaal-domein"


def test_reserve_draw_refusals() -> None:
    draw = ReserveDraw(TEAM, 2026, "wmo", 2_000, "crisis", "a.teamleider", PAID)
    with pytest.raises(DrawNotAuthorised, match="role 'wijkcoach' may not approve"):
        draw.approve("j.coach", "wijkcoach", ROLES, PAID)
    with pytest.raises(DrawNotAuthorised, match="requested this draw"):
        draw.approve("a.teamleider", "manager-sociaal-domein", ROLES, PAID)
    draw.approve("m.manager", "manager-sociaal-domein", ROLES, PAID)
    with pytest.raises(DrawNotPending):
        draw.approve("m.manager", "manager-sociaal-domein", ROLES, PAID)
    with pytest.raises(ReserveExhausted, match="remaining 1000 cents, requested 2000"):
        ReserveFund(2026, 1_000).draw(draw.id, 2_000)
    with pytest.raises(Refused, match="positive"):
        ReserveDraw(TEAM, 2026, "wmo", 0, "crisis", "a", PAID)
    with pytest.raises(Refused, match="reason"):
        ReserveDraw(TEAM, 2026, "wmo", 1, "  ", "a", PAID)


def test_the_close_freezes_the_figures_which_balance() -> None:
    budget, decision = reserved(4_000)
    budget.spend(decision.household_id, decision.decision_id, uuid4(), 1_000, PAID)
    budget.close(date(2027, 1, 15))
    fact = translate(budget.collect_events()[-1])
    assert isinstance(fact, YearClosed)
    assert (fact.allocated_cents, fact.spent_cents, fact.reserved_open_cents, fact.released_or_unused_cents) == (
        10_000,
        1_000,
        3_000,
        6_000,
    )
    with pytest.raises(YearAlreadyClosed):
        budget.close(date(2027, 1, 16))
    with pytest.raises(YearAlreadyClosed):
        budget.spend(decision.household_id, decision.decision_id, uuid4(), 1, PAID)
    with pytest.raises(YearAlreadyClosed):
        budget.draw(uuid4(), 1)
    late = claim(1)
    budget.claim(late)
    refusal = translate(budget.collect_events()[-1])
    assert isinstance(refusal, FundsRefused) and "the year was closed on 2027-01-15" in refusal.reason
