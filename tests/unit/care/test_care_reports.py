"""What a provider reports on its assignment: refusal, start (305), stop (307, WMO588), feedback, and the record
of another provider's attempt; each with the public fact it becomes."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts.events.care import AssignmentRefused, CareStarted, CareStopped, PlanFeedbackGiven, ProviderActionRejected
from kernel.errors import Refused
from services.care.domain.assignment import (
    PAUSED,
    REFUSED,
    STARTED,
    STOPPED,
    Assignment,
    AssignmentNotAccepted,
    CareNotStarted,
    Order,
    StartOutsidePeriod,
)
from services.care.domain.codes import END_REASONS, UnknownEndReason, end_reason
from services.care.translator import translate

pytestmark = pytest.mark.unit
APRIL = date(2026, 4, 1)


def assignment(accepted: bool = True) -> Assignment:
    made = Assignment(
        Order(
            assignment_id=uuid4(),
            household_id=uuid4(),
            decision_id=uuid4(),
            provider_id="thuiszorg-almere",
            product_code="02A02",
            volume=3,
            unit="04",
            frequency="2",
            period_start=APRIL,
            period_end=date(2026, 12, 31),
        )
    )
    if accepted:
        made.accept()
    made.collect_events()
    return made


def test_a_refusal_carries_a_reason_from_the_fixed_list_and_is_published() -> None:
    refused = assignment(accepted=False)
    with pytest.raises(Refused, match="not one of"):
        refused.refuse("the client is difficult", APRIL)
    refused.refuse("no_capacity", APRIL)
    assert refused.status == REFUSED
    (fact,) = [translate(e) for e in refused.collect_events()]
    assert isinstance(fact, AssignmentRefused) and (fact.reason, fact.refused_on) == ("no_capacity", APRIL)


def test_start_and_definitive_stop_are_published_with_the_wmo588_reason() -> None:
    care = assignment()
    care.start(date(2026, 4, 6))
    care.stop(date(2026, 6, 30), "19")
    assert care.status == STOPPED and care.end_reason == "19"
    started, stopped = [translate(e) for e in care.collect_events()]
    assert isinstance(started, CareStarted) and started.start_date == date(2026, 4, 6)
    assert isinstance(stopped, CareStopped) and (stopped.end_date, stopped.reason_code) == (date(2026, 6, 30), "19")
    with pytest.raises(AssignmentNotAccepted):
        care.start(date(2026, 7, 1))  # a definitive stop cannot be undone by a new start


def test_a_temporary_stop_pauses_care_and_a_new_start_restarts_it_not_before_the_pause() -> None:
    care = assignment()
    care.start(date(2026, 4, 6))
    care.stop(date(2026, 5, 1), "20")
    assert care.status == PAUSED
    with pytest.raises(StartOutsidePeriod):
        care.start(date(2026, 4, 30))
    care.start(date(2026, 5, 18))
    assert care.status == STARTED and care.start_date == date(2026, 5, 18)


def test_a_stop_needs_started_care_a_valid_reason_and_a_day_within_the_period() -> None:
    care = assignment()
    with pytest.raises(CareNotStarted):
        care.stop(date(2026, 5, 1), "19")
    care.start(date(2026, 4, 6))
    for old_or_unknown in ("01", "32", "99", ""):
        with pytest.raises(UnknownEndReason, match="WMO588"):
            care.stop(date(2026, 5, 1), old_or_unknown)
    with pytest.raises(StartOutsidePeriod):
        care.stop(date(2027, 1, 1), "19")
    with pytest.raises(StartOutsidePeriod):
        care.stop(date(2026, 4, 5), "19")  # before care started
    assert care.collect_events()[-1].__class__.__name__ == "Started"


def test_the_code_list_is_the_iwmo_3_2_list() -> None:
    assert sorted(END_REASONS) == ["02", "19", "20", "21", "22", "23", "31", "36", "37", "38", "39"]
    assert end_reason("20") == "Levering tijdelijk beëindigd"


def test_feedback_needs_an_accepted_assignment_and_is_published() -> None:
    with pytest.raises(AssignmentNotAccepted):
        assignment(accepted=False).give_feedback(True, "")
    care = assignment()
    care.give_feedback(False, "more hours needed")
    (fact,) = [translate(e) for e in care.collect_events()]
    assert isinstance(fact, PlanFeedbackGiven) and not fact.plan_fits and fact.remarks == "more hours needed"


def test_another_providers_attempt_is_recorded_as_a_fact_with_identifiers_only() -> None:
    care = assignment()
    care.reject_action("zorg-flevoland", "start", date(2026, 4, 2))
    assert care.status != STARTED
    (fact,) = [translate(e) for e in care.collect_events()]
    assert isinstance(fact, ProviderActionRejected)
    assert (fact.assignment_id, fact.acting_provider_id, fact.action) == (care.id, "zorg-flevoland", "start")
    assert set(fact.model_dump()) == {"household_id", "assignment_id", "acting_provider_id", "action", "rejected_on"}
