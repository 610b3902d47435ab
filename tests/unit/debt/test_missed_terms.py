"""A first conversation not held by its due date is a missed term: found by a pure function, recorded once."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest

from contracts.events.debt import DebtTermMissed
from services.debt.domain.terms import overdue
from services.debt.domain.trajectory import DebtTrajectory, StepOutOfOrder
from services.debt.translator import translate

pytestmark = pytest.mark.unit
DUE = date(2026, 3, 11)
TODAY = date(2026, 11, 1)


def referred(due: date = DUE) -> DebtTrajectory:
    trajectory = DebtTrajectory(
        referral_id=uuid4(),
        source="arrears",
        household_id=uuid4(),
        team_id="wijkteam-haven",
        received_on=date(2026, 3, 6),
        threatening=True,
        first_conversation_due=due,
    )
    trajectory.collect_events()
    return trajectory


def test_only_trajectories_past_their_due_date_without_a_conversation_are_overdue() -> None:
    late, on_time, held, closed = referred(), referred(DUE + timedelta(days=1)), referred(), referred()
    held.hold_intake(DUE, TODAY)
    closed.close("client_withdrew", DUE, TODAY)
    everyone = [late, on_time, held, closed]
    assert overdue(everyone, DUE) == []  # the due date itself is still in time
    assert overdue(everyone, DUE + timedelta(days=1)) == [late.id]
    assert overdue(everyone, DUE + timedelta(days=2)) == [late.id, on_time.id]


def test_a_missed_term_is_published_once() -> None:
    late = referred()
    noticed = DUE + timedelta(days=1)
    late.miss_first_conversation(noticed)
    (fact,) = [translate(e) for e in late.collect_events()]
    assert isinstance(fact, DebtTermMissed)
    assert (fact.term, fact.due, fact.noticed_on) == ("first_conversation", DUE, noticed)
    assert overdue([late], noticed + timedelta(days=5)) == []
    with pytest.raises(StepOutOfOrder):
        late.miss_first_conversation(noticed + timedelta(days=5))


def test_a_term_that_has_not_passed_cannot_be_recorded_as_missed() -> None:
    with pytest.raises(StepOutOfOrder):
        referred().miss_first_conversation(DUE)


def test_a_late_conversation_after_a_missed_term_is_still_recorded() -> None:
    late = referred()
    late.miss_first_conversation(DUE + timedelta(days=1))
    late.hold_intake(DUE + timedelta(days=3), TODAY)
    assert late.status == "intake_held"
