"""Refusals and partial awards: only a mandate holder refuses, always with a legal ground and the reasons the
professional recorded (Awb 3:46); a refusal reserves no money, and an escalated proposal can be refused too."""

from __future__ import annotations

import uuid

import pytest

from contracts.events.planning import DecisionTaken
from contracts.events.planning_cycle import DecisionRefused
from kernel.errors import Refused
from services.planning.domain.assessment import assess, assess_refusal, decision_of
from services.planning.domain.decision import Motivation
from services.planning.domain.grounds import MotivationMissing, motivation
from services.planning.domain.mandates import NotMandated
from services.planning.domain.plan import ClientSupportMissing, NotEscalated, Plan
from services.planning.domain.plan_cancellation import DecisionNotCancellable
from services.planning.translator import translate
from tests.unit.planning.factories import ALMERE, TODAY, plan, request

pytestmark = pytest.mark.unit
GIVER = ALMERE.register.mandate_giver
BG = "wmo-begeleiding-individueel"
WHY = "Dochter en buurvrouw doen samen de boodschappen en het huishouden; dat is gebruikelijke hulp."


def refusal(p: Plan, **changes: object) -> uuid.UUID:
    """What the application does with a refusal: the refuser's mandate, then the motivated refusal."""
    r = request(kind="refusal", legal_ground="own_strength", reasons=WHY, **changes)
    decision = decision_of(uuid.uuid4(), r, assess_refusal(ALMERE.catalogue, ALMERE.register, r), GIVER, TODAY)
    p.refuse(decision)
    return decision.decision_id


def test_a_refusal_is_a_fact_with_its_ground_article_and_reasons_and_no_amount() -> None:
    p = plan(goals=())  # a refusal needs no own-strength goal: often own strength is why
    p.collect_events()
    decision_id = refusal(p, requested_amount_cents=250_000)
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, DecisionRefused) and fact.decision_id == decision_id
    assert (fact.legal_ground, fact.reasons, fact.requested_amount_cents) == ("own_strength", WHY, 250_000)
    assert fact.legal_basis.startswith("artikel 2.3.5, derde lid, van de Wet maatschappelijke ondersteuning 2015")
    assert (fact.refused_by, fact.mandate_ref, fact.on_behalf_of) == ("j.de.vries", "ALM-M-02", GIVER)
    assert p.decisions[decision_id].status == "refused" and p.decisions[decision_id].amount_cents == 0


def test_a_refusal_without_reasons_or_ground_is_refused() -> None:
    with pytest.raises(MotivationMissing, match="Awb 3:46"):
        motivation("refusal", "wmo", "own_strength", "nee")
    with pytest.raises(MotivationMissing, match="legal ground"):
        motivation("refusal", "youth", "", WHY)
    youth = motivation("refusal", "youth", "no_need", WHY)
    assert youth.basis.startswith("artikel 2.3, eerste lid, van de Jeugdwet")


def test_only_a_mandate_holder_refuses() -> None:
    r = request(kind="refusal", legal_ground="own_strength", reasons=WHY, decided_by="m.kok")
    with pytest.raises(NotMandated, match=r"m\.kok holds no mandate to refuse"):
        assess_refusal(ALMERE.catalogue, ALMERE.register, r)


def test_a_refusal_still_waits_for_the_offer_of_client_support() -> None:
    with pytest.raises(ClientSupportMissing):
        refusal(plan(client_support=False))


def test_a_refusal_is_not_cancelled_the_resident_objects_to_it() -> None:
    p = plan()
    decision_id = refusal(p)
    with pytest.raises(DecisionNotCancellable, match="refused"):
        p.cancel_decision(decision_id, "t.visser", "per ongeluk afgewezen, opnieuw", TODAY)


def escalated(p: Plan) -> uuid.UUID:
    r = request(decided_by="coach.jansen", amount_cents=700_000, provision_code=BG)
    assessment = assess(ALMERE.catalogue, ALMERE.register, r)
    decision = decision_of(uuid.uuid4(), r, assessment, GIVER, TODAY)
    p.escalate(decision, assessment.escalation_reason)
    return decision.decision_id


def test_a_mandate_holder_refuses_an_escalation_with_the_proposer_on_record() -> None:
    p = plan()
    decision_id = escalated(p)
    p.collect_events()
    why = Motivation("general_provision", "artikel 2.3.5, derde lid", WHY)
    p.refuse_escalation(decision_id, "j.de.vries", "ALM-M-02", GIVER, TODAY, why)
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, DecisionRefused) and fact.escalated
    assert (fact.refused_by, fact.proposed_by, fact.requested_amount_cents) == ("j.de.vries", "coach.jansen", 700_000)
    with pytest.raises(NotEscalated, match="refused, not waiting"):
        p.refuse_escalation(decision_id, "j.de.vries", "ALM-M-02", GIVER, TODAY, why)


def test_a_partial_award_grants_less_with_its_motivation_and_is_published_as_such() -> None:
    p = plan()
    p.collect_events()
    r = request(kind="partial_award", requested_amount_cents=400_000, legal_ground="own_strength", reasons=WHY)
    decision = decision_of(uuid.uuid4(), r, assess(ALMERE.catalogue, ALMERE.register, r), GIVER, TODAY)
    p.take_decision(decision)
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, DecisionTaken) and fact.kind == "partial_award"
    assert (fact.amount_cents, fact.requested_amount_cents, fact.legal_ground) == (250_000, 400_000, "own_strength")
    assert fact.reasons == WHY and fact.legal_basis is not None


@pytest.mark.parametrize(
    ("kind", "requested", "match"),
    [("partial_award", 250_000, "grants less than requested"), ("award", 300_000, "is a partial award")],
)
def test_what_was_requested_must_fit_the_kind(kind: str, requested: int, match: str) -> None:
    r = request(kind=kind, requested_amount_cents=requested, legal_ground="own_strength", reasons=WHY)
    with pytest.raises(Refused, match=match):
        assess(ALMERE.catalogue, ALMERE.register, r)


def test_a_plain_award_publishes_no_motivation_fields() -> None:
    p = plan()
    p.collect_events()
    r = request()
    p.take_decision(decision_of(uuid.uuid4(), r, assess(ALMERE.catalogue, ALMERE.register, r), GIVER, TODAY))
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, DecisionTaken) and (fact.kind, fact.reasons, fact.legal_ground) == (None, None, None)
