"""Reporting's own check of what it can count (issue 18, #2): whole numbers that fit a bigint, days in its window."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.events.planning import DecisionTaken
from services.reporting.admission import refusal

pytestmark = pytest.mark.unit
DECISION = {
    "household_id": uuid.uuid4(), "plan_id": uuid.uuid4(), "decision_id": uuid.uuid4(), "team_id": "wijkteam-haven",
    "provision_code": "HH01", "budget_line": "wmo", "amount_cents": 250_000, "period_start": date(2025, 3, 10),
    "period_end": date(2025, 12, 31), "decided_by": "prof-1", "decided_on": date(2025, 3, 4),
}  # fmt: skip


def test_a_fact_within_bounds_is_admitted() -> None:
    assert refusal(DecisionTaken(**DECISION)) is None


def test_an_amount_beyond_a_bigint_is_refused_with_the_field_named() -> None:
    reason = refusal(DecisionTaken.model_construct(**{**DECISION, "amount_cents": 10**19}))
    assert reason is not None and reason.startswith("amount_cents = 10000000000000000000")


def test_a_day_outside_the_reporting_window_is_refused() -> None:
    reason = refusal(DecisionTaken.model_construct(**{**DECISION, "period_end": date(9999, 12, 31)}))
    assert reason is not None and "period_end = 9999-12-31" in reason
