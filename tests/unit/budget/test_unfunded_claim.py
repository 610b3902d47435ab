"""A decision on a line the team has no budget for is refused, once per decision, with the reason."""

from __future__ import annotations

import pytest

from contracts.events.budget import FundsRefused
from services.budget.domain.refusal import UnfundedClaim, refusal_id
from services.budget.translator import translate
from tests.unit.budget.claims import claim

pytestmark = pytest.mark.unit


def test_a_claim_without_a_budget_line_is_refused_with_the_reason() -> None:
    wanted = claim(5_000, budget_line="youth")
    refusal = UnfundedClaim.refuse(wanted)
    fact = translate(refusal.collect_events()[0])
    assert isinstance(fact, FundsRefused)
    assert fact.reason == "wijkteam-haven youth 2026: no budget allocated"
    assert (fact.decision_id, fact.plan_id, fact.budget_line, fact.year) == (
        wanted.decision_id,
        wanted.plan_id,
        "youth",
        2026,
    )


def test_one_refusal_per_decision() -> None:
    wanted = claim(5_000, budget_line="youth")
    assert UnfundedClaim.refuse(wanted).id == UnfundedClaim.refuse(wanted).id == refusal_id(wanted.decision_id)
