"""Signals that network partners send to intake, and the outcomes intake reports back to them.

Partners (schools, GPs, housing corporations, energy and water companies, health insurers) publish CloudEvents on
their own topic, one per partner (`contracts.topics.partner_signals(partner_id)`); intake reports the outcome of each
signal back on the partner's own topic (`contracts.topics.partner_outcomes(partner_id)`).

Raw signals carry identifying data (BSN, address, contact details), so these models have their OWN registry and
are deliberately absent from `contracts.registry.REGISTRY`: no service but intake ever subscribes to them. Inside
intake the identifying fields are sealed with the household's key at once; what intake publishes is pseudonymous.

Vroegsignalering (Wgs art. 3 lid 2 and Besluit gemeentelijke schuldhulpverlening art. 2): landlords and housing
corporations, energy and water companies and health insurers report payment arrears with the amount, after their
own social collection process; the municipality must then make an offer of help (hulpaanbod).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from contracts.bounds import PLAIN, Cents, Code, Day
from contracts.events.base import IntegrationEvent
from contracts.events.intake import LifeDomain
from contracts.registry import EventRegistry
from contracts.topics import PREFIX

PartnerType = Literal["school", "gp", "housing", "energy", "water", "insurer"]
ARREARS_PARTNERS: tuple[str, ...] = ("housing", "energy", "water", "insurer")
"""The partner types the Bgs lets signal payment arrears."""


class PartnerSignal(IntegrationEvent):
    """What every signal carries: the partner's own reference and enough to find the household."""

    topic: ClassVar[str] = f"{PREFIX}.partner.<type>.signals"
    kind: ClassVar[str]
    reference: str = Field(
        min_length=1, max_length=64, pattern=PLAIN, description="The partner's own reference; the ce_subject."
    )
    bsn: str | None = Field(
        None,
        pattern=r"^[0-9]{8,9}$",
        max_length=9,
        description="BSN of the resident, when the partner has it: ASCII digits that pass the 11-proef.",
    )
    postcode: str | None = Field(None, max_length=10, examples=["1353 AB"])
    house_number: str | None = Field(None, max_length=10, examples=["12", "12A"])
    name: str | None = Field(None, max_length=200, pattern=PLAIN)
    phone: str | None = Field(None, max_length=30)
    email: str | None = Field(None, max_length=200)
    signalled_on: Day

    @model_validator(mode="after")
    def _findable(self) -> PartnerSignal:
        if not self.bsn and not (self.postcode and self.house_number):
            raise ValueError("a signal names a BSN, or a postcode and house number")
        return self

    @property
    def subject(self) -> str:
        return self.reference


class PaymentArrearsSignal(PartnerSignal):
    """Payment arrears (betalingsachterstand) after the partner's social collection process (Bgs art. 2)."""

    type: ClassVar[str] = "nl.wijkteam.partner.payment-arrears.v1"
    kind: ClassVar[str] = "payment_arrears"
    arrears_cents: Cents = Field(gt=0, description="The arrears in euro cents.")
    arrears_since: Day | None = None


class ConcernSignal(PartnerSignal):
    """A worry about a household (e.g. a school about a pupil's home situation, a GP about a patient)."""

    type: ClassVar[str] = "nl.wijkteam.partner.concern.v1"
    kind: ClassVar[str] = "concern"
    life_domains: list[LifeDomain] = Field(min_length=1, max_length=8)


class SignalOutcome(IntegrationEvent):
    """Intake's answer to the partner that sent a signal (the VNG/NVVK covenant: report the approach back)."""

    type: ClassVar[str] = "nl.wijkteam.intake.signal-outcome.v1"
    topic: ClassVar[str] = f"{PREFIX}.partner.<partner id>.outcomes"
    signal_id: Code = Field(description="The ce_id of the partner's signal.")
    partner_id: Code
    outcome: Literal["help_offered", "taken_into_case"]
    reported_on: Day

    @property
    def subject(self) -> str:
        return self.signal_id


PARTNER_SIGNALS = EventRegistry([PaymentArrearsSignal, ConcernSignal])
"""The signals intake accepts from partners, by CloudEvents type. Not part of REGISTRY, on purpose."""
