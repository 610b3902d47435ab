"""Decisions wait for intake's client-support offer (Wmo 2015 art. 2.3.2 lid 2)."""

from __future__ import annotations

import pytest

from services.planning.domain.plan import ClientSupportMissing
from tests.unit.planning.factories import TODAY, decision, names, plan

pytestmark = pytest.mark.unit


def test_no_decision_and_no_escalation_without_a_client_support_offer() -> None:
    p = plan(client_support=False)
    p.collect_events()
    with pytest.raises(ClientSupportMissing, match="no client-support offer is on record"):
        p.take_decision(decision())
    with pytest.raises(ClientSupportMissing):
        p.escalate(decision(), "outside the mandate")
    assert p.decisions == {} and p.collect_events() == []


def test_the_offer_for_the_plans_case_opens_the_gate_once() -> None:
    p = plan(client_support=False)
    p.learn_client_support_offered(p.case_id, TODAY)
    p.learn_client_support_offered(p.case_id, TODAY)
    p.take_decision(decision())
    recorded = names(p)
    assert recorded.count("ClientSupportOffered") == 1 and "DecisionTaken" in recorded
