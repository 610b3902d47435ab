"""iWmo 323 answered with 325: accepted and paid, or refused with the reason; start and stop recorded (305/307)."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts.events.backoffice import DeclarationAnswered, PaymentMade
from services.backoffice.domain.assignment import Assignment, Declaration, Order, units_in
from services.backoffice.domain.codelists import InvalidCode
from services.backoffice.translator import translate

pytestmark = pytest.mark.unit
PAID = date(2026, 6, 5)


def hours_per_week(amount_cents: int = 100_000) -> Assignment:
    # 2 hours per week from Wednesday 1 April to Wednesday 30 September 2026: 183 days = 27 weeks begun -> 54 hours
    return Assignment(
        id=uuid4(),
        order=Order(
            decision_id=uuid4(),
            household_id=uuid4(),
            provider_id="zorg-flevoland",
            volume=2,
            unit="04",
            frequency="2",
            period_start=date(2026, 4, 1),
            period_end=date(2026, 9, 30),
            amount_cents=amount_cents,
        ),
    )


def declared(volume: int = 8, start: date = date(2026, 5, 1), end: date = date(2026, 5, 31), **more: object):  # type: ignore[no-untyped-def]
    fields = {"provider_id": "zorg-flevoland", "unit": "04", "amount_cents": 20_000, **more}
    return Declaration(uuid4(), period_start=start, period_end=end, volume=volume, **fields)  # type: ignore[arg-type]


def answer(assignment: Assignment, declaration: Declaration) -> list[object]:
    assignment.answer(declaration, PAID)
    return [f for f in (translate(e) for e in assignment.collect_events()) if f is not None]


def test_units_per_frequency() -> None:
    may = (date(2026, 5, 1), date(2026, 5, 31))
    assert (units_in("1", *may), units_in("2", *may), units_in("4", *may), units_in("6", *may)) == (31, 5, 1, 1)
    assert units_in("4", date(2026, 1, 31), date(2026, 3, 1)) == 3
    assert hours_per_week().assigned_volume == 54


def test_a_matching_declaration_is_accepted_and_paid_to_the_provider() -> None:
    assignment = hours_per_week()
    *_, answered, paid = answer(assignment, declared())
    assert isinstance(answered, DeclarationAnswered) and answered.accepted and answered.amount_cents == 20_000
    assert answered.assignment_id == assignment.id and answered.reason == ""
    assert isinstance(paid, PaymentMade) and paid.payee == "zorg-flevoland" and paid.paid_on == PAID
    assert (assignment.declared_volume, assignment.paid_cents) == (8, 20_000)


@pytest.mark.parametrize(
    ("declaration", "reason"),
    [
        (declared(provider_id="zorg-elders"), "9019 Regiebericht is niet te koppelen"),
        (declared(start=date(2026, 3, 25), end=date(2026, 4, 5)), "9307 Prestatie valt niet binnen"),
        (declared(start=date(2026, 9, 25), end=date(2026, 10, 5)), "9307"),
        (declared(start=date(2026, 5, 31), end=date(2026, 5, 1)), "9307"),
        (declared(unit="01"), "9321 Volume overschreden: unit 01 is not the assigned unit 04"),
        (declared(volume=11), "9321 Volume overschreden: 11 declared, 10 allowed in the period"),
        (declared(amount_cents=100_001), "9369 Budget overschreden"),
    ],
)
def test_a_declaration_that_does_not_match_is_refused_with_the_reason(declaration: Declaration, reason: str) -> None:
    assignment = hours_per_week()
    [answered] = answer(assignment, declaration)
    assert isinstance(answered, DeclarationAnswered) and not answered.accepted and answered.amount_cents == 0
    assert answered.reason.startswith(reason)
    assert (assignment.declared_volume, assignment.paid_cents) == (0, 0)


def test_declarations_together_may_not_exceed_the_assigned_volume_or_amount() -> None:
    assignment = hours_per_week(amount_cents=50_000)
    answer(assignment, declared(volume=10, amount_cents=30_000))
    june = declared(volume=10, start=date(2026, 6, 1), end=date(2026, 6, 30), amount_cents=30_000)
    *_, second = answer(assignment, june)
    assert isinstance(second, DeclarationAnswered) and second.reason.startswith("9369")


def test_the_same_declaration_is_answered_once() -> None:
    assignment, declaration = hours_per_week(), declared()
    answer(assignment, declaration)
    assert answer(assignment, declaration) == []


def test_after_a_definitive_stop_later_periods_are_refused_but_not_after_a_temporary_one() -> None:
    assignment = hours_per_week()
    assignment.start(date(2026, 4, 1))
    assignment.stop(date(2026, 5, 15), "20")  # tijdelijk beëindigd
    accepted, _paid = answer(assignment, declared(volume=2, start=date(2026, 5, 18), end=date(2026, 5, 24)))
    assert isinstance(accepted, DeclarationAnswered) and accepted.accepted
    assignment.stop(date(2026, 5, 31), "19")  # levering volgens plan beëindigd
    *_, refused = answer(assignment, declared(volume=2, start=date(2026, 6, 1), end=date(2026, 6, 7)))
    assert isinstance(refused, DeclarationAnswered) and "outside 2026-04-01..2026-05-31" in refused.reason


def test_a_stop_with_a_reason_outside_wmo588_is_refused() -> None:
    with pytest.raises(InvalidCode, match="not a code of WMO588"):
        hours_per_week().stop(date(2026, 5, 1), "01")
