"""Executing a funded decision: one beschikking, then the catalogue's provider is assigned for the period."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts.events.backoffice import DecisionLetterIssued, ProviderAssigned
from services.backoffice.domain.catalogue import ProvisionTerms, UnknownProvision, assigned_volume
from services.backoffice.domain.decision import (
    Decision,
    DispatchBeforeDecision,
    LetterAlreadyIssued,
    LetterNotIssued,
    ProviderAlreadyAssigned,
    ProviderAssignment,
    decision_key,
)
from services.backoffice.translator import translate
from tests.unit.backoffice.factories import CATALOGUE, EUROS, HOURS, funded_decision, send

pytestmark = pytest.mark.unit


def executed(provision: ProvisionTerms = HOURS) -> Decision:
    decision = funded_decision(provision=provision)
    send(decision, date(2026, 3, 2), provision)
    decision.assign_provider(CATALOGUE.provision(provision.code))
    return decision


def assignment_of(decision: Decision) -> ProviderAssignment:
    assert decision.assignment is not None
    return decision.assignment


def test_the_provider_product_unit_and_frequency_come_from_the_catalogue() -> None:
    assignment = assignment_of(executed())
    assert (assignment.provider_id, assignment.product_code, assignment.unit, assignment.frequency) == (
        "zorg-flevoland",
        "01A01",
        "04",
        "2",
    )
    assert (assignment.period_start, assignment.period_end) == (date(2026, 4, 1), date(2026, 9, 30))


def test_a_euro_provision_gets_volume_1_and_any_other_unit_volume_2() -> None:
    assert assignment_of(executed(EUROS)).volume == 1
    assert assignment_of(executed(HOURS)).volume == 2
    assert assigned_volume("83") == 1 and assigned_volume("14") == 2


def test_a_provision_outside_the_catalogue_is_refused() -> None:
    with pytest.raises(UnknownProvision, match="not in the Almere catalogue"):
        CATALOGUE.provision("wmo-onbekend")


def test_no_assignment_before_the_letter_and_each_only_once() -> None:
    decision = funded_decision()
    with pytest.raises(LetterNotIssued):
        decision.assign_provider(HOURS)
    send(decision, date(2026, 3, 2), HOURS)
    with pytest.raises(LetterAlreadyIssued):
        send(decision, date(2026, 3, 3), HOURS)
    decision.assign_provider(HOURS)
    with pytest.raises(ProviderAlreadyAssigned):
        decision.assign_provider(HOURS)


def test_a_letter_cannot_be_sent_before_the_decision_was_taken() -> None:
    with pytest.raises(DispatchBeforeDecision):
        send(funded_decision(), date(2026, 3, 1), HOURS)


def test_the_execution_id_derives_from_the_decision_so_a_replay_cannot_create_a_twin() -> None:
    decision_id = uuid4()
    assert funded_decision(decision_id).id == funded_decision(decision_id).id == decision_key(decision_id)


def test_the_letter_is_published_before_the_assignment_with_the_facts_partners_need() -> None:
    decision = executed()
    facts = [translate(e) for e in decision.collect_events()]
    assert facts[0] is None  # Decision.Received stays inside the backoffice
    letter, assignment = facts[1:]
    assert isinstance(letter, DecisionLetterIssued) and isinstance(assignment, ProviderAssigned)
    assert letter.objection_deadline == date(2026, 4, 13)
    assert (letter.decision_date, letter.dispatch_date, letter.amount_cents) == (
        date(2026, 3, 2),
        date(2026, 3, 2),
        123456,
    )
    assert assignment.decision_id == letter.decision_id == decision.decision_id
    assert assignment.household_id == decision.household_id and assignment.volume == 2
