"""A budget line reserves a decision's amount in cents, or refuses it; remaining = allocated - reserved - spent."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.events.budget import BudgetAllocated, FundsRefused, FundsReserved
from kernel.errors import Refused
from services.budget.domain.budget_line import BudgetLine, ClaimOnWrongLine, budget_line_id
from services.budget.domain.claim import Claim
from services.budget.translator import translate
from tests.unit.budget.claims import TEAM, claim, line

pytestmark = pytest.mark.unit


def test_a_line_is_allocated_once_per_team_year_and_line() -> None:
    allocated = line(180_000_000)
    assert allocated.id == budget_line_id(TEAM, 2026, "wmo") == line().id
    assert allocated.id not in {line(budget_line="discretionary").id, BudgetLine(TEAM, 2027, "wmo", 1).id}
    fact = translate(allocated.collect_events()[0])
    assert isinstance(fact, BudgetAllocated)
    assert (fact.team_id, fact.year, fact.budget_line, fact.amount_cents) == (TEAM, 2026, "wmo", 180_000_000)


def test_a_negative_allocation_is_refused() -> None:
    with pytest.raises(Refused, match="never negative"):
        line(-1)


def test_reservations_add_up_and_reduce_what_remains() -> None:
    budget = line(10_000)
    budget.claim(claim(3_000))
    budget.claim(claim(7_000))
    assert (budget.reserved_cents, budget.spent_cents, budget.remaining_cents) == (10_000, 0, 0)


def test_a_reservation_carries_everything_the_backoffice_needs() -> None:
    budget, wanted = line(10_000), claim(2_500)
    budget.claim(wanted)
    fact = translate(budget.collect_events()[-1])
    assert isinstance(fact, FundsReserved)
    assert fact.model_dump(exclude_none=True) == {**wanted.fields(), "year": 2026}
    assert fact.subject == str(wanted.household_id)


def test_a_partial_award_carries_its_motivation_on_to_the_backoffice() -> None:
    budget = line(10_000)
    wanted = replace(
        claim(2_500), kind="partial_award", requested_amount_cents=4_000, legal_ground="own_strength",
        legal_basis="artikel 2.3.5, derde lid", reasons="De dochter helpt al twee dagen per week.",
    )  # fmt: skip
    budget.claim(wanted)
    fact = translate(budget.collect_events()[-1])
    assert isinstance(fact, FundsReserved) and fact.model_dump() == {**asdict(wanted), "year": 2026}


def test_a_claim_larger_than_what_remains_is_refused_with_the_reason() -> None:
    budget = line(10_000)
    budget.claim(claim(9_000))
    too_much = claim(5_000)
    budget.claim(too_much)
    assert budget.remaining_cents == 1_000 and too_much.decision_id not in budget.reservations
    fact = translate(budget.collect_events()[-1])
    assert isinstance(fact, FundsRefused)
    assert fact.reason == "wijkteam-haven wmo 2026: remaining 1000 cents, needed 5000"
    assert (fact.decision_id, fact.plan_id, fact.household_id) == (
        too_much.decision_id,
        too_much.plan_id,
        too_much.household_id,
    )


def test_a_decision_is_reserved_once_however_often_it_arrives() -> None:
    budget, wanted = line(10_000), claim(4_000)
    budget.claim(wanted)
    budget.claim(wanted)
    assert budget.reserved_cents == 4_000
    assert [type(e).__name__ for e in budget.collect_events()] == ["Allocated", "FundsReserved"]


def test_a_refused_decision_stays_refused_when_it_arrives_again() -> None:
    budget, too_much = line(1_000), claim(4_000)
    budget.claim(too_much)
    budget.claim(too_much)
    assert [type(e).__name__ for e in budget.collect_events()] == ["Allocated", "FundsRefused"]


@pytest.mark.parametrize("wrong", [claim(1, budget_line="discretionary"), claim(1, start=date(2027, 1, 1))])
def test_a_claim_for_another_line_or_year_is_not_taken_here(wrong: Claim) -> None:
    with pytest.raises(ClaimOnWrongLine, match="is not wijkteam-haven wmo 2026"):
        line().claim(wrong)


@given(allocated=st.integers(0, 10_000), amounts=st.lists(st.integers(0, 4_000), max_size=12))
def test_what_remains_never_drops_below_zero(allocated: int, amounts: list[int]) -> None:
    budget = line(allocated)
    for amount in amounts:
        budget.claim(claim(amount))
    assert budget.remaining_cents >= 0
    assert budget.reserved_cents == sum(budget.reservations.values()) <= allocated
    assert budget.remaining_cents == allocated - budget.reserved_cents - budget.spent_cents
