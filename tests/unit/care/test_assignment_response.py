"""The provider policy on receipt: auto-accepting providers accept (and may start), manual ones wait, others are
rejected; and the assignment's answer-once rules."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts.events.care import AssignmentAccepted, CareStarted
from services.care.domain.assignment import (
    ACCEPTED,
    RECEIVED,
    REJECTED,
    STARTED,
    Assignment,
    AssignmentNotAccepted,
    AssignmentNotOpen,
    InvalidPeriod,
    Order,
    StartOutsidePeriod,
)
from services.care.domain.policy import Policy, auto_start_date, respond
from services.care.translator import translate

pytestmark = pytest.mark.unit
POLICIES = {
    "zorg-flevoland": Policy(),
    "thuiszorg-almere": Policy(manual_acceptance=True, start_on_acceptance=False),
    "zorg-zonder-start": Policy(start_on_acceptance=False),
}


def received(provider_id: str = "zorg-flevoland", start: date = date(2026, 4, 1)) -> Assignment:
    return Assignment(
        Order(
            assignment_id=uuid4(),
            household_id=uuid4(),
            decision_id=uuid4(),
            provider_id=provider_id,
            product_code="01A01",
            volume=2,
            unit="04",
            frequency="2",
            period_start=start,
            period_end=date(2026, 9, 30),
        )
    )


def test_an_auto_accepting_provider_accepts_and_care_starts_with_the_period() -> None:
    assignment = received()
    respond(assignment, POLICIES, today=date(2026, 3, 2))
    assert assignment.status == STARTED and assignment.start_date == date(2026, 4, 1)
    facts = [translate(e) for e in assignment.collect_events()]
    assert facts[0] is None
    accepted, started = facts[1:]
    assert isinstance(accepted, AssignmentAccepted) and isinstance(started, CareStarted)
    assert accepted.assignment_id == started.assignment_id == assignment.id
    assert started.start_date == date(2026, 4, 1) and started.household_id == assignment.household_id


def test_care_starts_today_when_the_period_began_earlier() -> None:
    assignment = received(start=date(2026, 2, 1))
    respond(assignment, POLICIES, today=date(2026, 3, 2))
    assert assignment.start_date == date(2026, 3, 2)


def test_an_assignment_whose_period_has_ended_is_accepted_but_not_started() -> None:
    assignment = received()
    respond(assignment, POLICIES, today=date(2026, 10, 1))
    assert assignment.status == ACCEPTED and assignment.start_date is None
    assert auto_start_date(date(2026, 4, 1), date(2026, 9, 30), date(2026, 9, 30)) == date(2026, 9, 30)


def test_a_manual_provider_leaves_the_assignment_received_for_its_own_answer() -> None:
    assignment = received("thuiszorg-almere")
    respond(assignment, POLICIES, today=date(2026, 3, 2))
    assert assignment.status == RECEIVED
    assert [translate(e) for e in assignment.collect_events()] == [None]


def test_a_provider_that_reports_its_start_is_accepted_without_starting() -> None:
    assignment = received("zorg-zonder-start")
    respond(assignment, POLICIES, today=date(2026, 3, 2))
    assert assignment.status == ACCEPTED and assignment.start_date is None


def test_an_assignment_for_an_unknown_provider_is_rejected_and_publishes_nothing() -> None:
    assignment = received(provider_id="zorg-elders")
    respond(assignment, POLICIES, today=date(2026, 3, 2))
    assert assignment.status == REJECTED
    assert assignment.rejection_reason is not None and "zorg-elders" in assignment.rejection_reason
    assert [translate(e) for e in assignment.collect_events()] == [None, None]


def test_an_assignment_is_answered_once_and_care_starts_only_when_accepted_within_the_period() -> None:
    assignment = received()
    with pytest.raises(AssignmentNotAccepted):
        assignment.start(date(2026, 4, 1))
    assignment.accept()
    with pytest.raises(AssignmentNotOpen):
        assignment.reject("too late")
    with pytest.raises(AssignmentNotOpen):
        assignment.refuse("no_capacity", date(2026, 3, 2))
    with pytest.raises(StartOutsidePeriod):
        assignment.start(date(2026, 10, 1))
    assignment.start(date(2026, 4, 1))
    with pytest.raises(AssignmentNotAccepted):
        assignment.start(date(2026, 4, 2))


def test_a_period_that_ends_before_it_starts_is_invalid() -> None:
    with pytest.raises(InvalidPeriod):
        received(start=date(2026, 10, 1))
