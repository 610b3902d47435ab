"""The backoffice's commands and queries. Facts in, executed decisions out; queries return plain data."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import Tracking

from contracts.events.budget import FundsReserved
from contracts.events.care import CareDeclared, CareStarted, CareStopped
from kernel.errors import NotFound, Refused
from services.backoffice import views
from services.backoffice.domain.assignment import Assignment, Declaration
from services.backoffice.domain.catalogue import PAID_TO_HOUSEHOLD, Catalogue, assigned_volume, legal_basis
from services.backoffice.domain.codelists import EURO_UNIT, describe_extent
from services.backoffice.domain.decision import Decision, decision_key
from services.backoffice.domain.objection import Objection
from services.backoffice.domain.referral import DebtReferral
from services.backoffice.letter import render_letter
from services.backoffice.letter_html import render_letter_html
from services.backoffice.terms import objection_deadline, weeks_after
from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings


class UnknownAssignment(NotFound):
    """WJ001 9019: a message that cannot be linked to an assignment of ours."""


class ProviderMismatch(Refused):
    """A start or stop sent for an assignment of another provider."""


class BackofficeApplication(ServiceApplication):
    name = "backoffice"

    def __init__(self, catalogue: Catalogue, settings: PlatformSettings | None = None) -> None:
        self.catalogue = catalogue
        super().__init__(settings)

    def on_funds_reserved(self, event: FundsReserved, tracking: Tracking, today: date) -> UUID | None:
        """Budget funded a decision: send the beschikking today, then assign the provider or pay the household."""
        if self.already_processed(tracking):
            return None
        if decision_key(event.decision_id) in self.repository:
            self.record_processed(tracking)  # the same decision, republished under another position
            return None
        terms = self.catalogue.provision(event.provision_code)
        decision = Decision(
            **event.model_dump(include={"decision_id", "household_id", "team_id", "provision_code", "amount_cents"}),
            **event.model_dump(include={"period_start", "period_end", "decided_by", "decided_on", "budget_line"}),
        )
        household_paid = event.budget_line in PAID_TO_HOUSEHOLD
        extent = (
            ""
            if household_paid or terms.unit == EURO_UNIT
            else describe_extent(assigned_volume(terms.unit), terms.unit, terms.frequency)
        )
        basis = legal_basis(event.budget_line)
        municipality = self.catalogue.municipality
        decision.issue_letter(today, terms.name, municipality, objection_deadline(today), basis, extent)
        assignment = None
        if household_paid:
            decision.pay_household(today)
        else:
            decision.assign_provider(terms)
            assignment = self._order(decision)
        self.record_processed(tracking, decision, assignment)
        return decision.id  # type: ignore[no-any-return]

    def on_care_started(self, event: CareStarted, tracking: Tracking) -> None:
        """iWmo 305: record the start of care (a regiebericht, never a condition for payment)."""
        if self.already_processed(tracking):
            return
        assignment = self._assignment(event.assignment_id, event.provider_id)
        assignment.start(event.start_date)
        self.record_processed(tracking, assignment)

    def on_care_stopped(self, event: CareStopped, tracking: Tracking) -> None:
        """iWmo 307: record the stop with its reason code from WMO588 (an unknown code is refused)."""
        if self.already_processed(tracking):
            return
        assignment = self._assignment(event.assignment_id, event.provider_id)
        assignment.stop(event.end_date, event.reason_code)
        self.record_processed(tracking, assignment)

    def on_care_declared(self, event: CareDeclared, tracking: Tracking, today: date) -> None:
        """iWmo 323 answered with 325: accept and pay, or refuse with the reason and retourcode."""
        if self.already_processed(tracking):
            return
        assignment = self._assignment(event.assignment_id)
        fields = ("declaration_id", "provider_id", "period_start", "period_end", "volume", "unit", "amount_cents")
        assignment.answer(Declaration(**event.model_dump(include=set(fields))), today)
        self.record_processed(tracking, assignment)

    def lodge_objection(self, decision_id: UUID, grounds: str, advisory_committee: bool, today: date) -> UUID:
        decision = self._decision(decision_id)
        letter = decision._require_letter()
        objection = Objection.lodge(
            decision_id,
            decision.household_id,
            today,
            grounds,
            letter.objection_deadline,
            decision.decided_by,
            weeks_after,
            advisory_committee,
        )
        decision.register_objection(objection.id)
        self.save(decision, objection)
        return objection.id  # type: ignore[no-any-return]

    def defer_objection(self, decision_id: UUID, objection_id: UUID, weeks: int, today: date) -> None:
        objection = self._objection(decision_id, objection_id)
        objection.defer(weeks, today, weeks_after)
        self.save(objection)

    def decide_objection(
        self, decision_id: UUID, objection_id: UUID, outcome: str, decided_by: str, reasons: str, today: date
    ) -> None:
        objection = self._objection(decision_id, objection_id)
        objection.decide(outcome, decided_by, today, reasons)
        self.save(objection)

    def refer_to_debt_assistance(
        self, household_id: UUID, team_id: str, threatening: bool, reason: str, today: date
    ) -> UUID:
        referral = DebtReferral(household_id, team_id, today, threatening, reason)
        self.save(referral)
        return referral.id  # type: ignore[no-any-return]

    def decision(self, decision_id: UUID) -> dict[str, Any]:
        decision = self._decision(decision_id)
        assignment: Assignment | None = None
        if decision.assignment is not None:
            assignment = self.repository.get(decision.assignment.assignment_id)
        return views.decision(decision, assignment)

    def objection(self, decision_id: UUID, objection_id: UUID) -> dict[str, Any]:
        return views.objection(self._objection(decision_id, objection_id))

    def letter_text(self, decision_id: UUID) -> str:
        """The beschikking as the resident reads it."""
        return render_letter(self._decision(decision_id))

    def letter_html(self, decision_id: UUID) -> str:
        return render_letter_html(self._decision(decision_id))

    def _order(self, decision: Decision) -> Assignment:
        """The assignment to follow through start, stop and declarations, created with the 301 it mirrors."""
        ordered = decision.assignment
        assert ordered is not None
        return Assignment(
            id=ordered.assignment_id,
            decision_id=decision.decision_id,
            household_id=decision.household_id,
            provider_id=ordered.provider_id,
            volume=ordered.volume,
            unit=ordered.unit,
            frequency=ordered.frequency,
            period_start=ordered.period_start,
            period_end=ordered.period_end,
            amount_cents=decision.amount_cents,
        )

    def _decision(self, decision_id: UUID) -> Decision:
        return self.repository.get(decision_key(decision_id))  # type: ignore[no-any-return]

    def _assignment(self, assignment_id: UUID, provider_id: str | None = None) -> Assignment:
        try:
            assignment: Assignment = self.repository.get(assignment_id)
        except AggregateNotFoundError:
            raise UnknownAssignment(f"9019 assignment {assignment_id} is not known to the backoffice") from None
        if not isinstance(assignment, Assignment):
            raise UnknownAssignment(f"9019 {assignment_id} is not an assignment")
        if provider_id is not None and provider_id != assignment.provider_id:
            raise ProviderMismatch(f"assignment {assignment_id} belongs to {assignment.provider_id}, not {provider_id}")
        return assignment

    def _objection(self, decision_id: UUID, objection_id: UUID) -> Objection:
        try:
            objection: Objection | None = self.repository.get(objection_id)
        except AggregateNotFoundError:
            objection = None
        if not isinstance(objection, Objection) or objection.decision_id != decision_id:
            raise NotFound(f"decision {decision_id} has no bezwaar {objection_id}")
        return objection
