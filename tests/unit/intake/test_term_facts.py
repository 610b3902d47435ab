"""What intake publishes when a decision term moves and when the college owes a penalty: codes and dates, no
free text (contracts.events.intake_terms)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.events.intake_terms import (
    NoticeOfDefaultReceived,
    PenaltyDetermined,
    StatutoryClockExtended,
    StatutoryClockResumed,
    StatutoryClockSuspended,
)
from services.intake.domain.case import Case
from services.intake.terms import decision_clock
from services.intake.translator import translate

pytestmark = pytest.mark.unit
CLOCK = "decision:a1"


def case() -> Case:
    opened = Case(uuid.uuid4(), uuid.uuid4(), "Almere Haven", "wijkteam-haven", date(2026, 3, 2))
    opened.start_clock(decision_clock("wmo", "a1", date(2026, 4, 13)))
    opened.collect_events()
    return opened


def published(on: Case) -> list[object]:
    return [translate(e) for e in on.collect_events()]


def test_a_suspension_and_its_end_are_facts_with_the_new_last_day() -> None:
    moved = case()
    moved.suspend_clock(CLOCK, "incomplete_application", date(2026, 4, 16))
    moved.resume_clock(CLOCK, date(2026, 4, 25))
    suspended, resumed = published(moved)
    assert isinstance(suspended, StatutoryClockSuspended) and suspended.reason == "incomplete_application"
    assert suspended.suspended_from == date(2026, 4, 17) and suspended.case_id == moved.id
    assert isinstance(resumed, StatutoryClockResumed)
    assert (resumed.suspended_days, resumed.due_on) == (8, date(2026, 5, 6))


def test_an_extension_is_a_fact_with_both_last_days() -> None:
    moved = case()
    moved.extend_clock(CLOCK, date(2026, 5, 26), "advice_required", date(2026, 4, 20))
    (fact,) = published(moved)
    assert isinstance(fact, StatutoryClockExtended)
    assert (fact.previous_due_on, fact.due_on, fact.reason) == (date(2026, 4, 28), date(2026, 5, 26), "advice_required")


def test_the_notice_and_the_penalty_are_facts_with_a_stable_penalty_id() -> None:
    late = case()
    late.receive_notice_of_default(CLOCK, date(2026, 4, 29))
    late.stop_clock(CLOCK, date(2026, 6, 1))
    late.determine_penalty(CLOCK, "m.bakker", date(2026, 6, 3))
    notice, _, penalty = published(late)
    assert isinstance(notice, NoticeOfDefaultReceived)
    assert (notice.penalty_from, notice.penalty_cap_on) == (date(2026, 5, 14), date(2026, 6, 24))
    assert isinstance(penalty, PenaltyDetermined)
    assert (penalty.days, penalty.amount_cents, penalty.in_time) == (18, 14 * 2300 + 4 * 3500, True)
    assert penalty.penalty_id == uuid.uuid5(late.id, f"penalty|{CLOCK}") and penalty.exemption is None
