"""Declarations (iWmo 323): within the assignment period, delivered, with a tariff, under the cumulative volume
ceiling; a refusal is recorded with its reason and publishes nothing."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts.events.care import CareDeclared
from kernel.errors import Refused
from services.care.domain.assignment import Assignment, AssignmentNotAccepted, InvalidPeriod, Order
from services.care.domain.declaration import Assigned, Claim, frequency_periods, refusal, volume_ceiling
from services.care.translator import translate

pytestmark = pytest.mark.unit
APRIL = date(2026, 4, 1)
TODAY = date(2026, 11, 1)
TWO_HOURS_A_WEEK = Assigned(volume=2, frequency="2", period_start=APRIL, period_end=date(2026, 9, 30))


@pytest.mark.parametrize(
    ("frequency", "last_day", "periods"),
    [
        ("1", date(2026, 4, 1), 1),  # per day: one day
        ("1", date(2026, 4, 30), 30),
        ("2", date(2026, 4, 7), 1),  # per week: a started block of 7 days from the first day
        ("2", date(2026, 4, 8), 2),
        ("2", date(2026, 4, 28), 4),
        ("4", date(2026, 4, 30), 1),  # per month: calendar months touched
        ("4", date(2026, 5, 1), 2),
        ("4", date(2027, 1, 15), 10),
        ("6", date(2026, 9, 30), 1),  # total within the assignment: once
    ],
)
def test_frequency_periods_count_days_weeks_months_or_once(frequency: str, last_day: date, periods: int) -> None:
    assert frequency_periods(frequency, APRIL, last_day) == periods


def test_an_unknown_frequency_or_an_empty_span_is_not_counted() -> None:
    assert frequency_periods("2", APRIL, date(2026, 3, 31)) == 0
    with pytest.raises(Refused, match="WMO757"):
        frequency_periods("3", APRIL, date(2026, 4, 30))
    assert refusal(Assigned(2, "3", APRIL, date(2026, 9, 30)), Claim(APRIL, APRIL, 1), 0, 3480, TODAY) is not None


def test_the_ceiling_is_cumulative_from_the_first_day_of_the_assignment() -> None:
    assert volume_ceiling(2, "2", APRIL, date(2026, 4, 30)) == 10  # 5 started weeks x 2 hours
    first_month = Claim(APRIL, date(2026, 4, 30), 10)
    assert refusal(TWO_HOURS_A_WEEK, first_month, 0, 3480, TODAY) is None
    one_more = Claim(APRIL, date(2026, 4, 30), 1)
    assert "9321/9322" in (refusal(TWO_HOURS_A_WEEK, one_more, 10, 3480, TODAY) or "")
    later = Claim(date(2026, 5, 1), date(2026, 5, 7), 2)  # up to 7 May: 6 started weeks, 12 hours in all
    assert refusal(TWO_HOURS_A_WEEK, later, 10, 3480, TODAY) is None
    assert refusal(TWO_HOURS_A_WEEK, Claim(date(2026, 5, 1), date(2026, 5, 7), 3), 10, 3480, TODAY) is not None


@pytest.mark.parametrize(
    ("claim", "ended", "tariff", "words"),
    [
        (Claim(date(2026, 3, 25), date(2026, 4, 5), 1), None, 3480, "outside the assignment period"),
        (Claim(date(2026, 9, 25), date(2026, 10, 5), 1), None, 3480, "outside the assignment period"),
        (Claim(date(2026, 4, 1), date(2026, 4, 7), 1), date(2026, 4, 5), 3480, "care ended on 2026-04-05"),
        (Claim(date(2026, 4, 1), date(2026, 4, 7), 1), None, None, "no tariff"),
    ],
)
def test_a_declaration_outside_the_period_after_the_end_or_without_tariff_is_refused(
    claim: Claim, ended: date | None, tariff: int | None, words: str
) -> None:
    assigned = Assigned(2, "2", APRIL, date(2026, 9, 30), ended)
    assert words in (refusal(assigned, claim, 0, tariff, TODAY) or "")


def test_care_not_yet_delivered_cannot_be_declared() -> None:
    claim = Claim(APRIL, date(2026, 4, 7), 1)
    assert "only delivered care" in (refusal(TWO_HOURS_A_WEEK, claim, 0, 3480, date(2026, 4, 6)) or "")
    assert refusal(TWO_HOURS_A_WEEK, claim, 0, 3480, date(2026, 4, 7)) is None


def accepted() -> Assignment:
    assignment = Assignment(
        Order(
            assignment_id=uuid4(),
            household_id=uuid4(),
            decision_id=uuid4(),
            provider_id="thuiszorg-almere",
            product_code="01A01",
            volume=2,
            unit="04",
            frequency="2",
            period_start=APRIL,
            period_end=date(2026, 9, 30),
        )
    )
    assignment.accept()
    assignment.collect_events()
    return assignment


def test_a_declaration_is_published_with_volume_times_tariff_and_counts_towards_the_ceiling() -> None:
    assignment = accepted()  # not started: start/stop may not be a condition for payment
    declaration_id = uuid4()
    assert assignment.declare(declaration_id, Claim(APRIL, date(2026, 4, 14), 4), 3395, TODAY) is None
    (fact,) = [translate(e) for e in assignment.collect_events()]
    assert isinstance(fact, CareDeclared)
    assert (fact.declaration_id, fact.volume, fact.unit, fact.amount_cents) == (declaration_id, 4, "04", 13580)
    assert assignment.declared_volume == 4


def test_a_refused_declaration_is_recorded_inside_and_does_not_count() -> None:
    assignment = accepted()
    reason = assignment.declare(uuid4(), Claim(APRIL, date(2026, 4, 7), 3), 3395, TODAY)
    assert reason is not None and "exceeds" in reason
    (refused,) = assignment.collect_events()
    assert type(refused).__name__ == "DeclarationRefused" and refused.reason == reason  # type: ignore[attr-defined]
    assert translate(refused) is None and assignment.declared_volume == 0


def test_malformed_claims_and_unaccepted_assignments_are_refused_without_a_record() -> None:
    assignment = accepted()
    with pytest.raises(InvalidPeriod):
        assignment.declare(uuid4(), Claim(date(2026, 4, 7), APRIL, 1), 3395, TODAY)
    with pytest.raises(Refused, match="positive"):
        assignment.declare(uuid4(), Claim(APRIL, APRIL, 0), 3395, TODAY)
    refused = Assignment(
        Order(
            assignment_id=uuid4(),
            household_id=uuid4(),
            decision_id=uuid4(),
            provider_id="thuiszorg-almere",
            product_code="01A01",
            volume=2,
            unit="04",
            frequency="2",
            period_start=APRIL,
            period_end=date(2026, 9, 30),
        )
    )
    refused.refuse("no_capacity", APRIL)
    with pytest.raises(AssignmentNotAccepted):
        refused.declare(uuid4(), Claim(APRIL, APRIL, 1), 3395, TODAY)
    assert assignment.collect_events() == []
