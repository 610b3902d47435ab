"""A referral opens one trajectory per case, with the due date that applied when it arrived."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts.events.debt import DebtReferralReceived
from services.debt.domain.trajectory import DebtTrajectory, trajectory_key
from services.debt.translator import translate

pytestmark = pytest.mark.unit


def test_a_threatening_referral_is_due_within_three_working_days_and_published() -> None:
    case_id, household_id = uuid4(), uuid4()
    trajectory = DebtTrajectory.refer(case_id, household_id, "wijkteam-haven", date(2026, 3, 6), threatening=True)
    assert trajectory.first_conversation_due == date(2026, 3, 11)
    (fact,) = [translate(e) for e in trajectory.collect_events()]
    assert isinstance(fact, DebtReferralReceived)
    assert (fact.trajectory_id, fact.household_id, fact.team_id) == (trajectory.id, household_id, "wijkteam-haven")
    assert (fact.received_on, fact.first_conversation_due) == (date(2026, 3, 6), date(2026, 3, 11))


def test_the_trajectory_id_derives_from_the_case_so_a_replay_cannot_create_a_twin() -> None:
    case_id = uuid4()
    first = DebtTrajectory.refer(case_id, uuid4(), "wijkteam-haven", date(2026, 3, 2), threatening=False)
    again = DebtTrajectory.refer(case_id, uuid4(), "wijkteam-haven", date(2026, 3, 2), threatening=False)
    assert first.id == again.id == trajectory_key(case_id)
    assert first.first_conversation_due == date(2026, 3, 30)
