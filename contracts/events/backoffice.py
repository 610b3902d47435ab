"""Facts published by the backoffice, which executes what the team decided."""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.bounds import Cents, Code, Day, Reference, Text, Volume, Who
from contracts.events.base import HouseholdEvent
from contracts.events.planning import BudgetLine
from contracts.topics import facts

TOPIC = facts("backoffice")


class DecisionLetterIssued(HouseholdEvent):
    """The beschikking was sent; the objection term (Awb 6:7, 6:8) runs from the day after dispatch."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.decision-letter-issued.v1"
    topic: ClassVar[str] = TOPIC
    letter_id: UUID
    decision_id: UUID
    provision_code: Code
    amount_cents: Cents
    decision_date: Day
    dispatch_date: Day
    objection_deadline: Day
    legal_basis: Reference = Field("", description="The article the college decides on, e.g. Wmo 2015 art. 2.3.5.")
    kind: Literal["award", "partial_award"] | None = Field(
        None, description="A partial award grants less than requested, with the ground and reasons for the rest."
    )
    team_id: Code | None = Field(None, description="The team whose decision it executes.")
    budget_line: BudgetLine | None = Field(None, description="The decision's line: which aanvraag's term it ends.")


class ProviderAssigned(HouseholdEvent):
    """A provider is assigned to deliver the provision (modelled on iWmo/iJw message 301)."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.provider-assigned.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    decision_id: UUID
    provider_id: Code
    product_code: Code
    volume: Volume
    unit: Code = Field(description="iWmo unit code, e.g. 04 = hour.")
    frequency: Code = Field(description="iWmo frequency code, e.g. 2 = per week.")
    period_start: Day
    period_end: Day
    product_category: Code = Field("", description="iWmo WMO020 / iJw JZ020 product category, e.g. 01.")


class DeclarationAnswered(HouseholdEvent):
    """The municipality's answer to a declaration (modelled on iWmo/iJw message 325)."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.declaration-answered.v1"
    topic: ClassVar[str] = TOPIC
    declaration_id: UUID
    assignment_id: UUID
    decision_id: UUID
    accepted: bool
    amount_cents: Cents = Field(description="The amount accepted for payment; 0 when refused.")
    reason: Text = ""


class PaymentMade(HouseholdEvent):
    """Money paid out: to a provider for an accepted declaration, or special assistance / discretionary support."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.payment-made.v1"
    topic: ClassVar[str] = TOPIC
    payment_id: UUID
    decision_id: UUID
    amount_cents: Cents
    paid_on: Day
    payee: Code = Field(description="provider id, or 'household' for a payment to the resident.")


class DebtReferralSent(HouseholdEvent):
    """The backoffice referred the household to debt assistance (schuldhulpverlening)."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.debt-referral-sent.v1"
    topic: ClassVar[str] = TOPIC
    referral_id: UUID
    team_id: Code
    referred_on: Day
    threatening: bool = False


class ObjectionLodged(HouseholdEvent):
    """A bezwaar against a beschikking was received; it must be decided by `decision_due` (Awb 7:10: six weeks,
    twelve with an advisory committee, from the day after the bezwaartermijn ended)."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.objection-lodged.v1"
    topic: ClassVar[str] = TOPIC
    objection_id: UUID
    decision_id: UUID
    lodged_on: Day
    objection_deadline: Day
    advisory_committee: bool
    decision_due: Day
    team_id: Code | None = Field(None, description="The team whose beschikking is contested.")
    provision_code: Code | None = None
    budget_line: BudgetLine | None = None
    contested_kind: Literal["award", "partial_award", "refusal"] | None = None
    timely: bool | None = Field(None, description="Lodged within the bezwaartermijn (Awb 6:7, 6:8).")
    excused: bool | None = Field(None, description="Late, and its lateness judged excusable or not (Awb 6:11).")


class ObjectionDeferred(HouseholdEvent):
    """The decision on a bezwaar was deferred, once, by at most six weeks (Awb 7:10 lid 3)."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.objection-deferred.v1"
    topic: ClassVar[str] = TOPIC
    objection_id: UUID
    decision_id: UUID
    weeks: int = Field(ge=1, le=6)
    notified_on: Day
    decision_due: Day


class ObjectionDecided(HouseholdEvent):
    """The college decided on a bezwaar (never by who took the contested decision under mandate, Awb 10:3 lid 3)."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.objection-decided.v1"
    topic: ClassVar[str] = TOPIC
    objection_id: UUID
    decision_id: UUID
    outcome: Code = Field(description="gegrond, gedeeltelijk gegrond, ongegrond or niet-ontvankelijk.")
    decided_by: Who
    decided_on: Day
    in_time: bool = Field(description="Decided within the (deferred) decision term.")
    inadmissible_ground: Literal["late", "not_interested_party", "no_grounds", "not_a_decision"] | None = Field(
        None, description="Why niet-ontvankelijk: late (Awb 6:7, not excusable under 6:11), no interest, ..."
    )
    appeal_deadline: Day | None = Field(None, description="The last day to appeal to the court (Awb 6:7, 8:1).")
