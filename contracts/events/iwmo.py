"""Facts published by the iWmo gateway: what a provider reported in iWmo 3.2 XML, once the gateway accepted it.

They mirror the reference provider's facts (`contracts.events.care`) for providers that speak XML instead of
JSON, so the backoffice follows a toewijzing the same way whichever way its provider reports. No personal data:
the BSN and the client's name stay in the XML and in intake.
"""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.bounds import Cents, Code, Day, Reference, Volume
from contracts.events.base import HouseholdEvent
from contracts.topics import facts

TOPIC = facts("iwmo")


class CareStartReported(HouseholdEvent):
    """A provider reported the start of care in a WMO305 that the gateway accepted (answered 0200 in the 306)."""

    type: ClassVar[str] = "nl.wijkteam.iwmo.care-start-reported.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    provider_id: Code
    start_date: Day


class CareStopReported(HouseholdEvent):
    """A provider reported the end of care in a WMO307 the gateway accepted; reason code list WMO588 (20 is a
    temporary stop)."""

    type: ClassVar[str] = "nl.wijkteam.iwmo.care-stop-reported.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    provider_id: Code
    end_date: Day
    reason_code: Code


class CareDeclarationReported(HouseholdEvent):
    """One prestatie of a WMO323 that the gateway approved (0200 in the 325): delivered volume to be paid."""

    type: ClassVar[str] = "nl.wijkteam.iwmo.care-declaration-reported.v1"
    topic: ClassVar[str] = TOPIC
    declaration_id: UUID
    assignment_id: UUID
    provider_id: Code
    period_start: Day
    period_end: Day
    volume: Volume
    unit: Code
    amount_cents: Cents


class ProviderRequestReceived(HouseholdEvent):
    """A provider's request that the gateway accepted (0200 in its 316 or 318), for the household's coordinator to
    answer: a verzoek om toewijzing (WMO315, one per requested product) or a verzoek om wijziging (WMO317, as a
    whole). The answer comes back as planning's ProviderRequestAnswered and goes to the provider as a WMO319."""

    type: ClassVar[str] = "nl.wijkteam.iwmo.provider-request-received.v1"
    topic: ClassVar[str] = TOPIC
    request_id: UUID
    provider_id: Code
    reference: Reference = Field(description="The provider's ReferentieAanbieder, unique for the provider.")
    kind: Literal["assignment", "change"] = Field(description="assignment: a WMO315; change: a WMO317.")
    product_category: Code | None = None
    product_code: Code | None = None
    volume: Volume | None = None
    unit: Code | None = None
    frequency: Code | None = None
    requested_start: Day
    requested_end: Day | None = None
    change_reason: Code | None = Field(None, description="WMO317: RedenVerzoek (WJ758).")
