"""The execution of one funded decision: the beschikking is sent, then a provider is assigned to deliver it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.backoffice.domain.catalogue import ProvisionTerms, assigned_volume
from services.backoffice.domain.terms import objection_deadline

NAMESPACE = UUID("3c1f6f0e-7d2a-4b8e-9f51-0a6c2e4d8b17")


class LetterAlreadyIssued(ValueError):
    """A decision gets exactly one beschikking."""


class DispatchBeforeDecision(ValueError):
    """A beschikking cannot be sent before the decision it announces was taken."""


class LetterNotIssued(ValueError):
    """A provider is assigned only once the beschikking, its legal basis, has been sent."""


class ProviderAlreadyAssigned(ValueError):
    """A decision is assigned to a provider once."""


@dataclass(frozen=True)
class Letter:
    """The beschikking as sent: what it says and when the bezwaartermijn ends."""

    letter_id: UUID
    decision_date: date
    dispatch_date: date
    objection_deadline: date
    provision_name: str
    municipality: str


@dataclass(frozen=True)
class ProviderAssignment:
    """The order to the provider (toewijzing): what to deliver, how much, in which period."""

    assignment_id: UUID
    provider_id: str
    product_code: str
    volume: int
    unit: str
    frequency: str
    period_start: date
    period_end: date


def decision_key(decision_id: UUID) -> UUID:
    """The execution's id: derived from the team's decision, so a replayed fact cannot create a twin."""
    return uuid5(NAMESPACE, str(decision_id))


class Decision(Aggregate):
    """A decision taken under mandate and funded by budget, as the backoffice executes it."""

    @staticmethod
    def create_id(decision_id: UUID) -> UUID:
        return decision_key(decision_id)

    @event("Received")
    def __init__(
        self,
        decision_id: UUID,
        household_id: UUID,
        team_id: str,
        provision_code: str,
        amount_cents: int,
        period_start: date,
        period_end: date,
        decided_by: str,
        decided_on: date,
    ) -> None:
        self.decision_id = decision_id
        self.household_id = household_id
        self.team_id = team_id
        self.provision_code = provision_code
        self.amount_cents = amount_cents
        self.period_start = period_start
        self.period_end = period_end
        self.decided_by = decided_by
        self.decided_on = decided_on
        self.letter: Letter | None = None
        self.assignment: ProviderAssignment | None = None

    def issue_letter(self, dispatch_date: date, provision_name: str, municipality: str) -> None:
        """Send the beschikking; the bezwaartermijn runs from the day after `dispatch_date`."""
        if self.letter is not None:
            raise LetterAlreadyIssued(f"decision {self.decision_id} already has a beschikking")
        if dispatch_date < self.decided_on:
            raise DispatchBeforeDecision(f"dispatch {dispatch_date} is before the decision of {self.decided_on}")
        self._letter_issued(
            letter_id=uuid5(NAMESPACE, f"letter:{self.decision_id}"),
            household_id=self.household_id,
            decision_id=self.decision_id,
            provision_code=self.provision_code,
            amount_cents=self.amount_cents,
            decision_date=self.decided_on,
            dispatch_date=dispatch_date,
            objection_deadline=objection_deadline(dispatch_date),
            provision_name=provision_name,
            municipality=municipality,
        )

    @event("LetterIssued")
    def _letter_issued(
        self,
        letter_id: UUID,
        household_id: UUID,
        decision_id: UUID,
        provision_code: str,
        amount_cents: int,
        decision_date: date,
        dispatch_date: date,
        objection_deadline: date,
        provision_name: str,
        municipality: str,
    ) -> None:
        self.letter = Letter(letter_id, decision_date, dispatch_date, objection_deadline, provision_name, municipality)

    def assign_provider(self, terms: ProvisionTerms) -> None:
        """Assign the catalogue's provider to deliver the provision for the decision's period (iWmo 301)."""
        if self.letter is None:
            raise LetterNotIssued(f"decision {self.decision_id} has no beschikking yet")
        if self.assignment is not None:
            raise ProviderAlreadyAssigned(f"decision {self.decision_id} is already assigned")
        self._provider_assigned(
            assignment_id=uuid5(NAMESPACE, f"assignment:{self.decision_id}"),
            household_id=self.household_id,
            decision_id=self.decision_id,
            provider_id=terms.provider_id,
            product_code=terms.product_code,
            volume=assigned_volume(terms.unit),
            unit=terms.unit,
            frequency=terms.frequency,
            period_start=self.period_start,
            period_end=self.period_end,
        )

    @event("ProviderAssigned")
    def _provider_assigned(
        self,
        assignment_id: UUID,
        household_id: UUID,
        decision_id: UUID,
        provider_id: str,
        product_code: str,
        volume: int,
        unit: str,
        frequency: str,
        period_start: date,
        period_end: date,
    ) -> None:
        self.assignment = ProviderAssignment(
            assignment_id, provider_id, product_code, volume, unit, frequency, period_start, period_end
        )
