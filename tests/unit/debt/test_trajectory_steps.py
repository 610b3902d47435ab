"""The trajectory's steps in order: first conversation, stabilisation, arrangement, closure with an outcome that
fits how far it got; out of order is refused, and so are dates before the previous step or in the future."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest

from contracts.events.debt import DebtArrangementReached, DebtIntakeHeld, DebtStabilised, DebtTrajectoryClosed
from kernel.errors import Refused
from services.debt.domain.trajectory import (
    ARRANGED,
    CLOSED,
    INTAKE_HELD,
    STABILISED,
    DebtTrajectory,
    InvalidStepDate,
    StepOutOfOrder,
)
from services.debt.translator import translate

pytestmark = pytest.mark.unit
RECEIVED, DUE, TODAY = date(2026, 3, 2), date(2026, 3, 30), date(2026, 11, 1)


def referred() -> DebtTrajectory:
    trajectory = DebtTrajectory(
        referral_id=uuid4(),
        source="intake",
        household_id=uuid4(),
        team_id="wijkteam-haven",
        received_on=RECEIVED,
        threatening=False,
        first_conversation_due=DUE,
    )
    trajectory.collect_events()
    return trajectory


def test_the_steps_in_order_are_published_as_facts() -> None:
    trajectory = referred()
    trajectory.hold_intake(DUE, TODAY)
    assert trajectory.status == INTAKE_HELD
    trajectory.stabilise(date(2026, 5, 1), TODAY)
    assert trajectory.status == STABILISED
    trajectory.reach_arrangement("debt_settlement", date(2026, 6, 1), TODAY)
    assert trajectory.status == ARRANGED
    trajectory.close("debt_free", date(2026, 10, 1), TODAY)
    assert trajectory.status == CLOSED and trajectory.outcome == "debt_free"
    held, stabilised, arranged, closed = [translate(e) for e in trajectory.collect_events()]
    assert isinstance(held, DebtIntakeHeld) and held.within_term and held.first_conversation_due == DUE
    assert isinstance(stabilised, DebtStabilised) and stabilised.stabilised_on == date(2026, 5, 1)
    assert isinstance(arranged, DebtArrangementReached) and arranged.arrangement == "debt_settlement"
    assert isinstance(closed, DebtTrajectoryClosed) and closed.outcome == "debt_free"
    assert {f.trajectory_id for f in (held, stabilised, arranged, closed)} == {trajectory.id}


def test_a_first_conversation_after_the_due_date_is_held_but_not_within_the_term() -> None:
    trajectory = referred()
    trajectory.hold_intake(DUE + timedelta(days=1), TODAY)
    (held,) = [translate(e) for e in trajectory.collect_events()]
    assert isinstance(held, DebtIntakeHeld) and not held.within_term


def test_steps_out_of_order_are_refused() -> None:
    trajectory = referred()
    with pytest.raises(StepOutOfOrder):
        trajectory.stabilise(DUE, TODAY)
    with pytest.raises(StepOutOfOrder):
        trajectory.reach_arrangement("payment_arrangement", DUE, TODAY)
    trajectory.hold_intake(DUE, TODAY)
    with pytest.raises(StepOutOfOrder):
        trajectory.hold_intake(DUE, TODAY)
    with pytest.raises(StepOutOfOrder):
        trajectory.reach_arrangement("payment_arrangement", DUE, TODAY)


@pytest.mark.parametrize(
    ("steps", "outcome", "allowed"),
    [
        (0, "client_withdrew", True),
        (0, "not_admitted", True),
        (0, "debt_free", False),
        (1, "stable_without_arrangement", False),
        (2, "stable_without_arrangement", True),
        (2, "referred_to_wsnp", True),
        (2, "arrangement_in_place", False),
        (3, "arrangement_in_place", True),
        (3, "moved_away", True),
    ],
)
def test_the_outcome_must_fit_how_far_the_trajectory_got(steps: int, outcome: str, allowed: bool) -> None:
    trajectory = referred()
    actions = [
        lambda: trajectory.hold_intake(DUE, TODAY),
        lambda: trajectory.stabilise(DUE, TODAY),
        lambda: trajectory.reach_arrangement("redemption_credit", DUE, TODAY),
    ]
    for action in actions[:steps]:
        action()
    if allowed:
        trajectory.close(outcome, DUE, TODAY)
        assert trajectory.status == CLOSED
        with pytest.raises(StepOutOfOrder):
            trajectory.close(outcome, DUE, TODAY)
    else:
        with pytest.raises(StepOutOfOrder):
            trajectory.close(outcome, DUE, TODAY)


def test_unknown_arrangements_and_outcomes_and_bad_dates_are_refused() -> None:
    trajectory = referred()
    with pytest.raises(Refused, match="outcome"):
        trajectory.close("happy", DUE, TODAY)
    with pytest.raises(InvalidStepDate, match="before the previous step"):
        trajectory.hold_intake(RECEIVED - timedelta(days=1), TODAY)
    with pytest.raises(InvalidStepDate, match="future"):
        trajectory.hold_intake(TODAY + timedelta(days=1), TODAY)
    trajectory.hold_intake(DUE, TODAY)
    trajectory.stabilise(DUE, TODAY)
    with pytest.raises(Refused, match="arrangement"):
        trajectory.reach_arrangement("lottery", DUE, TODAY)
    with pytest.raises(InvalidStepDate):
        trajectory.close("client_withdrew", DUE - timedelta(days=1), TODAY)
