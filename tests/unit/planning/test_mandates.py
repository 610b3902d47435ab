"""The mandate register: inside the mandate a decision is taken at once (Awb 10:2), outside it is escalated and
waits for a mandate holder; approval yields the decision, with the proposer on record."""

from __future__ import annotations

import uuid

import pytest

from contracts.events.planning import DecisionEscalated, DecisionTaken, DeviationRecorded
from services.planning.domain.assessment import assess, decision_of
from services.planning.domain.deviation import DeviationRequest
from services.planning.domain.mandates import NotMandated
from services.planning.domain.plan import NotEscalated, Plan
from services.planning.translator import translate
from tests.unit.planning.factories import ALMERE, TODAY, names, plan, request

pytestmark = pytest.mark.unit
GIVER = ALMERE.register.mandate_giver
BG = "wmo-begeleiding-individueel"  # catalogue cap 1,200,000; wijkcoach mandate 600,000


def decide(p: Plan, **changes: object) -> uuid.UUID:
    """What the application does: assess, then take at once or escalate."""
    r = request(**changes)
    assessment = assess(ALMERE.catalogue, ALMERE.register, r)
    decision = decision_of(uuid.uuid4(), r, assessment, GIVER, TODAY)
    if assessment.escalated:
        p.escalate(decision, assessment.escalation_reason)
    else:
        p.take_decision(decision)
    return decision.decision_id


def test_inside_the_mandate_the_decision_is_taken_at_once_on_behalf_of_the_college() -> None:
    p = plan()
    p.collect_events()
    decision_id = decide(p, decided_by="coach.jansen", amount_cents=240_000)
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, DecisionTaken) and fact.decision_id == decision_id
    assert (fact.mandate_ref, fact.on_behalf_of) == (
        "ALM-M-01",
        "het college van burgemeester en wethouders van Almere",
    )


def test_above_the_amount_the_decision_is_escalated_with_who_may_decide() -> None:
    p = plan()
    p.collect_events()
    decision_id = decide(p, decided_by="coach.jansen", amount_cents=700_000, provision_code=BG)
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, DecisionEscalated) and fact.decision_id == decision_id
    assert fact.proposed_by == "coach.jansen" and fact.amount_cents == 700_000
    assert "coach.jansen (wijkcoach) holds no mandate" in fact.reason
    assert "role:teamleider" in fact.reason and "role:wmo-consulent" in fact.reason
    assert p.decisions[decision_id].status == "escalated"


def test_a_professional_not_in_the_register_decides_nothing() -> None:
    with pytest.raises(NotMandated, match="'stagiair' is not in the mandate register"):
        decide(plan(), decided_by="stagiair")


def test_approval_by_a_mandate_holder_takes_the_decision_with_the_proposer_on_record() -> None:
    p = plan()
    decision_id = decide(p, decided_by="coach.jansen", amount_cents=700_000, provision_code=BG)
    p.collect_events()
    mandate = ALMERE.register.mandate_for("j.de.vries", ALMERE.catalogue.provision(BG), 700_000, False)
    assert mandate is not None and mandate.ref == "ALM-M-02"
    p.approve(decision_id, "j.de.vries", mandate.ref, GIVER, TODAY)
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, DecisionTaken)
    assert (fact.decided_by, fact.proposed_by, fact.escalated, fact.mandate_ref) == (
        "j.de.vries",
        "coach.jansen",
        True,
        "ALM-M-02",
    )
    assert p.decisions[decision_id].status == "taken"
    with pytest.raises(NotEscalated, match="not waiting for approval"):
        p.approve(decision_id, "j.de.vries", mandate.ref, GIVER, TODAY)


def test_no_one_holds_a_mandate_the_register_does_not_give() -> None:
    bb = ALMERE.catalogue.provision("bijzondere-bijstand")
    assert ALMERE.register.mandate_for("coach.jansen", bb, 10_000, False) is None
    assert ALMERE.register.mandate_for("r.smit", bb, 10_000, False) is not None
    assert ALMERE.register.mandate_for("r.smit", bb, 10_000, True) is None  # no deviation mandate
    assert ALMERE.register.mandate_for("m.kok", bb, 1, False) is None  # district nurse: a partner, no mandate


def test_an_approved_deviation_is_recorded_with_the_approver_and_the_proposer() -> None:
    p = plan(goals=("income",))
    why = "single mother of 17 with a baby; no parent to fall back on"
    decision_id = decide(
        p,
        provision_code="bijzondere-bijstand",
        amount_cents=80_000,
        client_age=17,
        decided_by="r.smit",
        deviation=DeviationRequest(("ALM-BB-LEEFTIJD",), why),
    )
    p.collect_events()
    p.approve(decision_id, "t.visser", "ALM-M-05", GIVER, TODAY)
    deviation, taken = (translate(e) for e in p.collect_events())
    assert isinstance(deviation, DeviationRecorded) and isinstance(taken, DecisionTaken)
    assert (deviation.decided_by, deviation.proposed_by, deviation.justification) == ("t.visser", "r.smit", why)
    assert taken.escalated and taken.decided_by == "t.visser"
    assert names(p) == []
