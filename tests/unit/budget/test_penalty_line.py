"""The dwangsom on a line of its own (Awb 4:17, 4:18): booked once per penalty for the team and the year it was
determined, never refused; a decision revoked after an upheld bezwaar gives back what was still reserved."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.events.backoffice_cycle import DecisionRevoked
from contracts.events.budget import FundsReleased, PenaltyBooked
from contracts.events.intake_terms import PenaltyDetermined
from services.budget import penalties
from services.budget.domain.budget_line import BudgetLine, budget_line_id
from services.budget.domain.penalty_line import PenaltyBooking, PenaltyLine, PenaltyOnWrongLine, penalty_line_id
from services.budget.translator import translate
from tests.unit.budget.claims import TEAM, InMemoryBudget
from tests.unit.budget.test_releases import reserved

pytestmark = pytest.mark.unit


def determined(amount_cents: int, on: date = date(2026, 6, 2), days: int = 18) -> PenaltyDetermined:
    return PenaltyDetermined(
        household_id=uuid.uuid4(), penalty_id=uuid.uuid4(), case_id=uuid.uuid4(), team_id=TEAM,
        clock_id="decision:a1", determined_on=on, determined_by="m.bakker", days=days, amount_cents=amount_cents,
        in_time=True,
    )  # fmt: skip


def test_a_penalty_is_booked_once_on_the_teams_line_of_the_year_it_was_determined() -> None:
    app = InMemoryBudget()
    first, second = determined(45_200), determined(144_200, date(2026, 12, 31), 42)
    for fact in (first, first, second):
        penalties.on_penalty_determined(app, fact, app.tracking())
    line: PenaltyLine = app.repository.get(penalty_line_id(TEAM, 2026))
    assert line.total_cents == 189_400 and len(line.booked) == 2
    booked = [f for f in (translate(e) for e in _stored(app)) if isinstance(f, PenaltyBooked)]
    assert [(b.amount_cents, b.line_total_cents) for b in booked] == [(45_200, 45_200), (144_200, 189_400)]


def test_a_penalty_of_nothing_books_nothing() -> None:
    app = InMemoryBudget()
    penalties.on_penalty_determined(app, determined(0, days=0), app.tracking())
    assert penalty_line_id(TEAM, 2026) not in app.repository


def test_a_penalty_belongs_on_its_own_teams_line_of_its_year() -> None:
    line = PenaltyLine(TEAM, 2027)
    booking = PenaltyBooking(uuid.uuid4(), uuid.uuid4(), TEAM, 2026, 2300, 1, date(2026, 12, 31))
    with pytest.raises(PenaltyOnWrongLine):
        line.book(booking)


def test_a_revoked_decision_gives_back_what_is_still_reserved() -> None:
    app, wanted = reserved(3_000)
    revoked = DecisionRevoked(
        household_id=wanted.household_id, decision_id=wanted.decision_id, objection_id=uuid.uuid4(), team_id=TEAM,
        provision_code=wanted.provision_code, budget_line="wmo", contested_kind="award", revoked_on=date(2026, 5, 4),
    )  # fmt: skip
    penalties.on_decision_revoked(app, revoked, app.tracking())
    line: BudgetLine = app.repository.get(budget_line_id(TEAM, 2026, "wmo"))
    assert line.remaining_cents == 10_000
    assert [f.amount_cents for f in app.released()] == [3_000]
    assert "after bezwaar" in app.released()[0].reason and isinstance(app.released()[0], FundsReleased)


def _stored(app: InMemoryBudget) -> list[object]:
    return [app.mapper.to_domain_event(n) for n in app.recorder.select_notifications(1, 1000)]
