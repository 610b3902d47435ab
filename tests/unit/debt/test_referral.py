"""A referral opens one trajectory per upstream referral, with the due date that applied when it arrived."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts.events.debt import DebtReferralReceived
from kernel.errors import Refused
from services.debt.domain.trajectory import REFERRED, DebtTrajectory, trajectory_key
from services.debt.translator import translate

pytestmark = pytest.mark.unit


def refer(referral_id: object = None, source: str = "intake") -> DebtTrajectory:
    return DebtTrajectory(
        referral_id=referral_id or uuid4(),
        source=source,
        household_id=uuid4(),
        team_id="wijkteam-haven",
        received_on=date(2026, 3, 6),
        threatening=True,
        first_conversation_due=date(2026, 3, 11),
    )


def test_a_referral_is_published_with_its_due_date_source_and_urgency() -> None:
    trajectory = refer(source="backoffice")
    assert trajectory.status == REFERRED
    (fact,) = [translate(e) for e in trajectory.collect_events()]
    assert isinstance(fact, DebtReferralReceived)
    assert (fact.trajectory_id, fact.household_id, fact.team_id) == (
        trajectory.id,
        trajectory.household_id,
        "wijkteam-haven",
    )
    assert (fact.received_on, fact.first_conversation_due) == (date(2026, 3, 6), date(2026, 3, 11))
    assert (fact.source, fact.threatening) == ("backoffice", True)


def test_the_trajectory_id_derives_from_the_referral_so_a_replay_cannot_create_a_twin() -> None:
    referral_id = uuid4()
    assert refer(referral_id).id == refer(referral_id).id == trajectory_key(referral_id)


def test_an_unknown_source_is_refused() -> None:
    with pytest.raises(Refused, match="source"):
        refer(source="rumour")


def test_a_thin_slice_referral_stored_as_v1_is_read_as_an_intake_referral() -> None:
    case_id = uuid4()
    state = {"case_id": case_id, "household_id": uuid4()}
    DebtTrajectory.ReferralReceived.upcast_v1_v2(state)
    assert state["referral_id"] == case_id and state["source"] == "intake" and "case_id" not in state
    assert DebtTrajectory.ReferralReceived.class_version == 2
