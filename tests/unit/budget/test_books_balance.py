"""Property: whatever sequence of reservations, payments, releases (care stopped, decision cancelled, assignment
refused) and reserve draws, every team's books balance to the cent, no line goes below zero, and the line agrees
with an independent tally of what happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.budget.domain.budget_line import BudgetLine, Overspending
from services.budget.domain.reserve import ReserveDraw, ReserveExhausted, ReserveFund
from tests.unit.budget.claims import claim

pytestmark = pytest.mark.unit
TEAMS = ("wijkteam-haven", "wijkteam-poort")
ON = date(2026, 6, 1)
RELEASES = {
    "release": "care stopped",
    "cancel": "decision cancelled",  # with True: a decision never reserved here (escalated, refused)
    "refuse": "assignment refused",
}

steps = st.lists(
    st.one_of(
        st.tuples(st.just("reserve"), st.sampled_from(TEAMS), st.integers(0, 60_000)),
        st.tuples(st.just("pay"), st.sampled_from(TEAMS), st.integers(0, 30_000), st.integers(0, 50)),
        st.tuples(st.just("release"), st.sampled_from(TEAMS), st.integers(0, 50)),
        st.tuples(st.just("cancel"), st.sampled_from(TEAMS), st.integers(0, 50), st.booleans()),
        st.tuples(st.just("refuse"), st.sampled_from(TEAMS), st.integers(0, 50)),
        st.tuples(st.just("draw"), st.sampled_from(TEAMS), st.integers(1, 40_000)),
    ),
    max_size=60,
)


@dataclass
class Tally:
    """What happened, counted independently of the aggregate."""

    decisions: list[tuple[UUID, UUID]] = field(default_factory=list)  # (household, decision) reserved here
    open: dict[UUID, int] = field(default_factory=dict)
    spent: int = 0
    released: int = 0
    drawn: int = 0


def pick(tally: Tally, index: int) -> tuple[UUID, UUID]:
    return tally.decisions[index % len(tally.decisions)] if tally.decisions else (uuid4(), uuid4())


@settings(max_examples=300, deadline=None)
@given(steps, st.integers(0, 200_000), st.integers(0, 60_000))
def test_every_teams_books_balance_and_never_go_below_zero(plan: list[tuple], allocated: int, reserve: int) -> None:  # type: ignore[type-arg]
    lines = {team: BudgetLine(team, 2026, "wmo", allocated) for team in TEAMS}
    tallies = {team: Tally() for team in TEAMS}
    fund = ReserveFund(2026, reserve)
    for step in plan:
        kind, team = step[0], step[1]
        budget, tally = lines[team], tallies[team]
        if kind == "reserve":
            wanted = claim(step[2])
            wanted = wanted.__class__(**{**wanted.fields(), "team_id": team})
            budget.claim(wanted)
            if wanted.decision_id in budget.reservations:
                tally.decisions.append((wanted.household_id, wanted.decision_id))
                tally.open[wanted.decision_id] = wanted.amount_cents
        elif kind == "pay":
            household, decision = pick(tally, step[3])
            before = budget.spent_cents
            try:
                budget.spend(household, decision, uuid4(), step[2], ON)
            except Overspending:
                assert step[2] > tally.open.get(decision, 0) + budget.remaining_cents
                continue
            assert budget.spent_cents - before == step[2]
            tally.spent += step[2]
            if decision in tally.open:
                tally.open[decision] = max(0, tally.open[decision] - step[2])
        elif kind in RELEASES:
            household, decision = (uuid4(), uuid4()) if kind == "cancel" and step[3] else pick(tally, step[2])
            before = budget.released_cents
            budget.release(household, decision, ON, RELEASES[kind])
            assert budget.released_cents - before == tally.open.get(decision, 0)
            if decision in tally.open:
                tally.released += tally.open[decision]
                tally.open[decision] = 0
        else:
            draw = ReserveDraw(team, 2026, "wmo", step[2], "need", "teamleider", ON)
            draw.approve("manager", "manager", {"manager"}, ON)
            try:
                fund.draw(draw.id, step[2])
            except ReserveExhausted:
                assert step[2] > fund.remaining_cents
                continue
            budget.draw(draw.id, step[2])
            tally.drawn += step[2]
        assert_balanced(budget, tally, allocated)
    assert fund.drawn_cents == sum(t.drawn for t in tallies.values()) and fund.remaining_cents >= 0
    for budget in lines.values():
        budget.close(date(2027, 1, 10))
        closed = budget.collect_events()[-1].figures  # type: ignore[attr-defined]
        assert closed.allocated_cents + closed.reserve_draws_cents == (
            closed.spent_cents + closed.reserved_open_cents + closed.released_or_unused_cents
        )


def assert_balanced(budget: BudgetLine, tally: Tally, allocated: int) -> None:
    figures = budget.figures()
    assert all(value >= 0 for value in figures.values()), figures
    assert allocated + tally.drawn == budget.spent_cents + budget.reserved_cents + budget.remaining_cents
    assert budget.reserved_cents == sum(tally.open.values()) == sum(budget.reservations.values())
    assert (budget.spent_cents, budget.released_cents, budget.drawn_cents) == (tally.spent, tally.released, tally.drawn)
