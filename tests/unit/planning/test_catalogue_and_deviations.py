"""Catalogue rules (age limit, amount cap, duration) and deviations: named, justified, recorded as facts."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.events.planning import DecisionTaken, DeviationRecorded
from services.planning.domain.assessment import LifeDomainRequired, assess, decision_of
from services.planning.domain.catalogue import ClientAgeRequired, UnknownProvision
from services.planning.domain.deviation import DeviationRequest, DeviationRequired, InvalidDeviation
from services.planning.translator import translate
from tests.unit.planning.factories import ALMERE, TODAY, plan, request

pytestmark = pytest.mark.unit
WHY = "single mother of 17 with a baby; no parent to fall back on"
TEEN_MOTHER = {
    "provision_code": "bijzondere-bijstand",
    "amount_cents": 80_000,
    "client_age": 17,
    "decided_by": "t.visser",
}


def breaches(**changes: object) -> list[str]:
    r = request(**changes)
    provision = ALMERE.catalogue.provision(r.provision_code)
    return [b.rule.ref for b in provision.breaches(r.amount_cents, r.period_start, r.period_end, r.client_age)]


def test_each_kind_of_rule_is_judged() -> None:
    assert breaches() == []
    assert breaches(amount_cents=600_001) == ["ALM-WMO-HO-BEDRAG"]
    assert breaches(period_end=date(2027, 4, 2)) == ["ALM-WMO-HO-DUUR"]
    assert breaches(period_end=date(2027, 4, 1)) == []  # 366 days, the limit itself
    assert breaches(provision_code="bijzondere-bijstand", amount_cents=1000, client_age=17) == ["ALM-BB-LEEFTIJD"]
    assert breaches(provision_code="jeugd-ambulante-hulp", amount_cents=1000, client_age=18) == ["ALM-JW-LEEFTIJD"]
    assert breaches(provision_code="jeugd-ambulante-hulp", amount_cents=1000, client_age=17) == []


def test_an_age_limited_provision_needs_the_clients_age() -> None:
    with pytest.raises(ClientAgeRequired, match=r"ALM-BB-LEEFTIJD.*client_age"):
        breaches(provision_code="bijzondere-bijstand", amount_cents=1000)


def test_unknown_provisions_and_missing_life_domains_are_refused() -> None:
    with pytest.raises(UnknownProvision, match="not in the catalogue"):
        assess(ALMERE.catalogue, ALMERE.register, request(provision_code="gouden-kraan"))
    with pytest.raises(LifeDomainRequired, match="name the life_domain"):
        assess(ALMERE.catalogue, ALMERE.register, request(provision_code="maatwerk-vrij-besteedbaar"))


def test_a_departure_without_a_named_rule_and_justification_is_refused() -> None:
    with pytest.raises(DeviationRequired, match="ALM-BB-LEEFTIJD"):
        assess(ALMERE.catalogue, ALMERE.register, request(**TEEN_MOTHER))
    for deviation, problem in [
        (DeviationRequest(("ALM-BB-LEEFTIJD",), "needed"), "written justification"),
        (DeviationRequest(("ALM-BB-BEDRAG",), WHY), "also departs from ALM-BB-LEEFTIJD"),
        (DeviationRequest(("ALM-BB-LEEFTIJD", "ALM-BB-BEDRAG"), WHY), "does not depart from ALM-BB-BEDRAG"),
        (DeviationRequest((), WHY), "at least one rule"),
    ]:
        with pytest.raises((DeviationRequired, InvalidDeviation), match=problem):
            assess(ALMERE.catalogue, ALMERE.register, request(**TEEN_MOTHER, deviation=deviation))


def test_a_justified_deviation_is_its_own_fact_before_the_decision() -> None:
    r = request(**TEEN_MOTHER, deviation=DeviationRequest(("ALM-BB-LEEFTIJD",), WHY))
    assessment = assess(ALMERE.catalogue, ALMERE.register, r)
    assert assessment.mandate is not None and assessment.mandate.ref == "ALM-M-05"  # teamleider: deviation mandate
    p = plan(goals=("income",))
    p.collect_events()
    p.take_decision(decision_of(uuid.uuid4(), r, assessment, "het college", TODAY))
    deviation, taken = (translate(e) for e in p.collect_events())
    assert isinstance(deviation, DeviationRecorded) and isinstance(taken, DecisionTaken)
    assert (deviation.rule_ref, deviation.rule_limit, deviation.rule_value, deviation.actual_value) == (
        "ALM-BB-LEEFTIJD",
        "min_age",
        18,
        17,
    )
    assert (deviation.justification, deviation.decided_by, deviation.decision_id) == (
        WHY,
        "t.visser",
        taken.decision_id,
    )
    assert (taken.mandate_ref, taken.on_behalf_of) == ("ALM-M-05", "het college")
    assert p.deviations[0].justification == WHY


def test_a_deviation_without_a_deviation_mandate_is_escalated() -> None:
    r = request(**TEEN_MOTHER | {"decided_by": "r.smit"}, deviation=DeviationRequest(("ALM-BB-LEEFTIJD",), WHY))
    assessment = assess(ALMERE.catalogue, ALMERE.register, r)
    assert assessment.escalated and "a deviation on bijzondere-bijstand" in assessment.escalation_reason
    assert "role:teamleider" in assessment.escalation_reason
