"""The execution of one funded decision: the beschikking is sent, then a provider is assigned to deliver it
(iWmo/iJw 301), or, for special assistance and the discretionary budget, the household is paid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict, Refused
from kernel.upcasting import fold
from services.backoffice.domain.beschikking import WITHDRAWAL, Withdrawal, check_revocable, contested_of
from services.backoffice.domain.catalogue import ProvisionTerms, assigned_volume
from services.backoffice.domain.codelists import (
    check_frequency,
    check_product_category,
    check_product_code,
    check_unit,
    check_volume,
)

NAMESPACE = UUID("3c1f6f0e-7d2a-4b8e-9f51-0a6c2e4d8b17")
OBJECTION_TERM = timedelta(weeks=6)
"""Awb 6:7: six weeks, from the day after dispatch (6:8 lid 1); the Algemene termijnenwet may only extend it."""


class LetterAlreadyIssued(Refused):
    """A decision gets exactly one beschikking."""


class DispatchBeforeDecision(Refused):
    """A beschikking cannot be sent before the decision it announces was taken."""


class LetterNotIssued(Conflict):
    """A provider is assigned, a payment made or a bezwaar lodged only once the beschikking has been sent."""


class ProviderAlreadyAssigned(Refused):
    """A decision is assigned to a provider once."""


class ObjectionTermTooShort(Refused):
    """The stated end of the bezwaartermijn is earlier than six weeks after dispatch."""


@dataclass(frozen=True)
class FundedDecision:
    """A team's decision as the backoffice receives it once budget reserved its money."""

    decision_id: UUID
    household_id: UUID
    team_id: str
    provision_code: str
    amount_cents: int
    period_start: date
    period_end: date
    decided_by: str
    decided_on: date
    budget_line: str = "wmo"
    kind: str = "award"
    """award, or partial_award: less than requested, with the ground and reasons for the rest (issue 17)."""
    requested_amount_cents: int | None = None
    legal_ground: str = ""
    refusal_basis: str = ""
    """The article and criterion on which the rest of a partial award is refused."""
    reasons: str = ""


@dataclass(frozen=True)
class Letter:
    """The beschikking as sent: what it says and when the bezwaartermijn ends."""

    letter_id: UUID
    decision_date: date
    dispatch_date: date
    objection_deadline: date
    provision_name: str
    municipality: str
    legal_basis: str = ""
    extent: str = ""
    team_id: str = ""
    budget_line: str = ""
    kind: str = "award"


@dataclass(frozen=True)
class ProviderAssignment:
    """The order to the provider (toewijzing, iWmo 301): what to deliver, how much, in which period."""

    assignment_id: UUID
    provider_id: str
    product_code: str
    volume: int
    unit: str
    frequency: str
    period_start: date
    period_end: date
    product_category: str = ""


def decision_key(decision_id: UUID) -> UUID:
    """The execution's id: derived from the team's decision, so a replayed fact cannot create a twin."""
    return uuid5(NAMESPACE, str(decision_id))


def assignment_key(decision_id: UUID) -> UUID:
    return uuid5(NAMESPACE, f"assignment:{decision_id}")


class Decision(Aggregate):
    """A decision taken under mandate and funded by budget, as the backoffice executes it. Its events carry the
    decision, the letter and the provider assignment whole (class version 2; version 1 flattened them)."""

    class Received(Aggregate.Created):
        decision: FundedDecision
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(FundedDecision, state, "decision")

    class LetterIssued(Aggregate.Event):
        household_id: UUID
        decision_id: UUID
        provision_code: str
        amount_cents: int
        letter: Letter
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(Letter, state, "letter")

    class ProviderAssigned(Aggregate.Event):
        household_id: UUID
        decision_id: UUID
        assignment: ProviderAssignment
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(ProviderAssignment, state, "assignment")

    @staticmethod
    def create_id(decision: FundedDecision) -> UUID:
        return decision_key(decision.decision_id)

    @event(Received)
    def __init__(self, decision: FundedDecision) -> None:
        self.decision_id, self.household_id, self.team_id = (
            decision.decision_id,
            decision.household_id,
            decision.team_id,
        )
        self.provision_code, self.amount_cents = decision.provision_code, decision.amount_cents
        self.budget_line = decision.budget_line
        self.period_start, self.period_end = decision.period_start, decision.period_end
        self.decided_by, self.decided_on = decision.decided_by, decision.decided_on
        self.letter: Letter | None = None
        self.assignment: ProviderAssignment | None = None
        self.household_paid_on: date | None = None
        self.objections: list[UUID] = []
        self.funded = decision
        self.withdrawal: Withdrawal | None = None
        self.revoked_on: date | None = None
        self.revoked_by: UUID | None = None

    @property
    def kind(self) -> str:
        return self.funded.kind

    @property
    def objection_deadline(self) -> date:
        return self._require_letter().objection_deadline

    def issue_letter(
        self,
        dispatch_date: date,
        provision_name: str,
        municipality: str,
        objection_deadline: date,
        legal_basis: str = "",
        extent: str = "",
    ) -> None:
        """Send the beschikking; the bezwaartermijn runs from the day after `dispatch_date` (Awb 6:7, 6:8) to
        `objection_deadline`, which the Algemene termijnenwet may push past a weekend or holiday, never earlier."""
        if self.letter is not None:
            raise LetterAlreadyIssued(f"decision {self.decision_id} already has a beschikking")
        if dispatch_date < self.decided_on:
            raise DispatchBeforeDecision(f"dispatch {dispatch_date} is before the decision of {self.decided_on}")
        if objection_deadline < dispatch_date + OBJECTION_TERM:
            raise ObjectionTermTooShort(f"{objection_deadline} is less than six weeks after dispatch {dispatch_date}")
        letter_id = uuid5(NAMESPACE, f"letter:{self.decision_id}")
        letter = Letter(
            letter_id, self.decided_on, dispatch_date, objection_deadline, provision_name, municipality, legal_basis,
            extent, self.team_id, self.budget_line, self.kind,
        )  # fmt: skip
        self._letter_issued(self.household_id, self.decision_id, self.provision_code, self.amount_cents, letter)

    @event(LetterIssued)
    def _letter_issued(
        self, household_id: UUID, decision_id: UUID, provision_code: str, amount_cents: int, letter: Letter
    ) -> None:
        self.letter = letter

    def assign_provider(self, terms: ProvisionTerms) -> None:
        """Assign the catalogue's provider for the decision's period (iWmo 301), with codes from the official lists."""
        self._require_letter()
        if self.assignment is not None:
            raise ProviderAlreadyAssigned(f"decision {self.decision_id} is already assigned")
        volume = check_volume(assigned_volume(terms.unit))
        assignment = ProviderAssignment(
            assignment_id=assignment_key(self.decision_id),
            provider_id=terms.provider_id,
            product_code=check_product_code(terms.product_code),
            volume=volume,
            unit=check_unit(terms.unit),
            frequency=check_frequency(terms.frequency),
            period_start=self.period_start,
            period_end=self.period_end,
            product_category=check_product_category(terms.product_category) if terms.product_category else "",
        )
        self._provider_assigned(self.household_id, self.decision_id, assignment)

    @event(ProviderAssigned)
    def _provider_assigned(self, household_id: UUID, decision_id: UUID, assignment: ProviderAssignment) -> None:
        self.assignment = assignment

    def pay_household(self, paid_on: date) -> None:
        """Pay special assistance or discretionary support to the household, once, when the letter is sent."""
        self._require_letter()
        if self.household_paid_on is not None:
            return
        self._household_paid(
            payment_id=uuid5(NAMESPACE, f"payment:{self.decision_id}"),
            household_id=self.household_id,
            decision_id=self.decision_id,
            amount_cents=self.amount_cents,
            paid_on=paid_on,
        )

    @event("HouseholdPaid")
    def _household_paid(
        self, payment_id: UUID, household_id: UUID, decision_id: UUID, amount_cents: int, paid_on: date
    ) -> None:
        self.household_paid_on = paid_on

    def register_objection(self, objection_id: UUID) -> None:
        self._require_letter()
        self._objection_registered(objection_id=objection_id)

    @event("ObjectionRegistered")
    def _objection_registered(self, objection_id: UUID) -> None:
        self.objections.append(objection_id)

    def withdraw(self, withdrawal: Withdrawal) -> None:
        """The team cancelled the decision: withdraw the beschikking, or change it when a new one replaces it."""
        self._require_letter()
        if self.withdrawal is not None:
            raise LetterAlreadyIssued(f"decision {self.decision_id} was withdrawn on {self.withdrawal.dispatch_date}")
        if withdrawal.kind == WITHDRAWAL and withdrawal.replaced_by is not None:
            raise Refused("a withdrawal that names a replacing decision is a change")
        self._withdrawn(self.household_id, self.decision_id, withdrawal, contested_of(self))

    @event("Withdrawn")
    def _withdrawn(
        self, household_id: UUID, decision_id: UUID, withdrawal: Withdrawal, contested: dict[str, str]
    ) -> None:
        self.withdrawal = withdrawal

    def revoke(self, objection_id: UUID, revoked_on: date) -> None:
        """A bezwaar against it was upheld: the beschikking is revoked (Awb 7:11 lid 2), a new decision follows."""
        self._require_letter()
        check_revocable(self.decision_id, self.revoked_on)
        self._revoked(self.household_id, self.decision_id, objection_id, revoked_on, contested_of(self))

    @event("Revoked")
    def _revoked(
        self, household_id: UUID, decision_id: UUID, objection_id: UUID, revoked_on: date, contested: dict[str, str]
    ) -> None:
        self.revoked_on, self.revoked_by = revoked_on, objection_id

    def require_letter(self) -> Letter:
        return self._require_letter()

    def _require_letter(self) -> Letter:
        if self.letter is None:
            raise LetterNotIssued(f"decision {self.decision_id} has no beschikking yet")
        return self.letter
