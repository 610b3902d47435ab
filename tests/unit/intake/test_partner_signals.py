"""Partner registration, signal models, and what a signal obliges (vroegsignalering: a hulpaanbod)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from pydantic import ValidationError

from contracts.partner_signals import PARTNER_SIGNALS, ConcernSignal, PaymentArrearsSignal
from contracts.registry import REGISTRY
from kernel.errors import Refused
from services.intake.domain.partners import Partner, PartnerRegistry, SignalRefused
from services.intake.domain.signal import Signal, TakenSignal, signal_id
from services.intake.outcomes import outcome_of
from services.intake.partners_config import load_partners

pytestmark = pytest.mark.unit
TODAY = date(2026, 3, 2)
HOUSING = Partner("woon", "housing", "urn:woon")
SCHOOL = Partner("school", "school", "urn:school")
PARTNERS = PartnerRegistry([HOUSING, SCHOOL])


def test_a_registered_partner_is_admitted_on_its_topic() -> None:
    assert PARTNERS.admit("urn:woon", "nl.wijkteam.partner.woon.signals", "payment_arrears") == HOUSING


@pytest.mark.parametrize(
    ("source", "topic", "kind", "problem"),
    [
        ("urn:nobody", "nl.wijkteam.partner.woon.signals", "concern", "not a registered partner"),
        ("urn:woon", "nl.wijkteam.partner.school.signals", "payment_arrears", "not on nl.wijkteam.partner.school"),
        ("urn:school", "nl.wijkteam.partner.school.signals", "payment_arrears", "may not signal payment arrears"),
    ],
)
def test_other_signals_are_refused(source: str, topic: str, kind: str, problem: str) -> None:
    with pytest.raises(SignalRefused, match=problem):
        PARTNERS.admit(source, topic, kind)


def test_a_source_registered_twice_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="twice"):
        PartnerRegistry([HOUSING, HOUSING])


def test_the_almere_registration_loads() -> None:
    partners = load_partners()
    assert {p.type for p in partners.partners} == {"school", "gp", "housing", "energy", "water", "insurer"}


def test_a_signal_must_make_the_household_findable() -> None:
    with pytest.raises(ValidationError, match="BSN, or a postcode and house number"):
        ConcernSignal(reference="r1", postcode="1353 AB", signalled_on=TODAY, life_domains=["youth"])
    with pytest.raises(ValidationError, match="arrears_cents"):
        PaymentArrearsSignal(reference="r1", bsn="999990019", signalled_on=TODAY, arrears_cents=0)


def test_raw_signals_have_their_own_registry_and_stay_out_of_the_public_one() -> None:
    assert PARTNER_SIGNALS.model(PaymentArrearsSignal.type) is PaymentArrearsSignal
    assert all(not m.type.startswith("nl.wijkteam.partner.") for m in REGISTRY.models())


def arrears_signal(kind: str = "payment_arrears") -> Signal:
    sid = signal_id("urn:woon", "ce-1")
    return Signal(
        sid, TakenSignal("ce-1", "woon", kind, uuid.uuid4(), uuid.uuid4(), "wijkteam-haven", TODAY, True, 125_00)
    )


def test_payment_arrears_oblige_an_offer_of_help_once() -> None:
    signal = arrears_signal()
    assert signal.obliges_help_offer
    signal.offer_help(TODAY)
    with pytest.raises(Refused, match="already offered"):
        signal.offer_help(TODAY)
    offered = signal.collect_events()[-1]
    assert (offered.offer.partner_id, offered.offer.arrears_cents, offered.offer.event_id) == ("woon", 125_00, "ce-1")


def test_a_concern_obliges_no_offer_of_help() -> None:
    with pytest.raises(Refused, match="only a payment-arrears"):
        arrears_signal("concern").offer_help(TODAY)


def test_the_signal_id_is_derived_from_source_and_event_id() -> None:
    assert signal_id("urn:woon", "ce-1") == signal_id("urn:woon", "ce-1") != signal_id("urn:other", "ce-1")


def test_each_partner_hears_only_its_own_outcomes() -> None:
    signal = arrears_signal()
    signal.offer_help(TODAY)
    received, offered = signal.collect_events()
    outcome = outcome_of("woon")(offered)
    assert outcome is not None and (outcome.signal_id, outcome.outcome) == ("ce-1", "help_offered")
    assert outcome_of("woon")(received) is None  # arrears: the outcome is the offer of help, not the intake
    assert outcome_of("school")(offered) is None
