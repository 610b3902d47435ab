"""The backoffice's commands and queries. Facts in, executed decisions out; queries return plain data."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import JSONTranscoder, Tracking

from contracts.events.budget import FundsReserved
from contracts.events.care import CareDeclared, CareStarted, CareStopped
from contracts.events.iwmo import CareDeclarationReported, CareStartReported, CareStopReported
from contracts.events.planning import DecisionCancelled
from contracts.events.planning_cycle import DecisionRefused
from kernel.errors import NotFound, Refused
from services.backoffice import cycle, views
from services.backoffice.domain.assignment import Assignment, Declaration, Order
from services.backoffice.domain.beschikking import RefusedRequest, Withdrawal
from services.backoffice.domain.cancelled import cancelled_key
from services.backoffice.domain.catalogue import PAID_TO_HOUSEHOLD, Catalogue, assigned_volume, legal_basis
from services.backoffice.domain.codelists import EURO_UNIT, describe_extent
from services.backoffice.domain.decision import (
    Decision,
    FundedDecision,
    Letter,
    ProviderAssignment,
    decision_key,
)
from services.backoffice.domain.objection import Excusability, LodgedObjection, Objection
from services.backoffice.domain.referral import DebtReferral
from services.backoffice.domain.refusal import Refusal, RefusalLetter
from services.backoffice.letter import render_letter
from services.backoffice.letter_html import render_letter_html, text_as_html
from services.backoffice.letter_objection import render_objection_decision
from services.backoffice.letter_refusal import render_refusal
from services.backoffice.letter_withdrawal import render_withdrawal
from services.backoffice.terms import objection_deadline, weeks_after
from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings
from wijk.transcodings import ValueObjectAsDict

VALUE_OBJECTS = tuple(
    ValueObjectAsDict(value_type, f"backoffice_{name}")
    for value_type, name in (
        (FundedDecision, "funded_decision"),
        (Letter, "letter"),
        (ProviderAssignment, "provider_assignment"),
        (Order, "order"),
        (LodgedObjection, "lodged_objection"),
        (RefusedRequest, "refused_request"),
        (RefusalLetter, "refusal_letter"),
        (Withdrawal, "withdrawal"),
    )
)
FREE_TEXT = {
    Decision.Received: ("decision.reasons",),
    Decision.Withdrawn: ("withdrawal.reason",),  # type: ignore[attr-defined]
    Refusal.Received: ("refused.reasons",),
    Refusal.LetterIssued: ("refused.reasons",),
    Objection.Lodged: ("objection.grounds", "objection.excusability_reasons"),
    Objection.Decided: ("reasons",),  # type: ignore[attr-defined]
    DebtReferral.Sent: ("reason",),  # type: ignore[attr-defined]
}
"""Where the backoffice's events hold free text about a household: sealed with its text key (ADR 0006)."""
"""The value objects the backoffice's events carry whole."""


class UnknownAssignment(NotFound):
    """WJ001 9019: a message that cannot be linked to an assignment of ours."""


class NoSuchLetter(NotFound):
    """The letter asked for was never sent: no withdrawal, no decision on the bezwaar yet."""


class ProviderMismatch(Refused):
    """A start or stop sent for an assignment of another provider."""


class BackofficeApplication(ServiceApplication):
    name = "backoffice"
    batches_facts = True  # its handlers read through the repository and write through record_processed only
    free_text = FREE_TEXT

    def __init__(self, catalogue: Catalogue, settings: PlatformSettings | None = None) -> None:
        self.catalogue = catalogue
        super().__init__(settings)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        for transcoding in VALUE_OBJECTS:
            transcoder.register(transcoding)

    def on_funds_reserved(self, event: FundsReserved, tracking: Tracking, today: date) -> UUID | None:
        """Budget funded a decision: send the beschikking today, then assign the provider or pay the household."""
        if self.already_processed(tracking):
            return None
        if decision_key(event.decision_id) in self.repository or cancelled_key(event.decision_id) in self.repository:
            self.record_processed(tracking)  # the same decision republished, or one cancelled before its money came
            return None
        terms = self.catalogue.provision(event.provision_code)
        funded = event.model_dump(include={f.name for f in fields(FundedDecision)}, exclude_none=True)
        funded["reasons"] = self.readable_text(event.household_id, event.reasons)  # for the letter; sealed when stored
        decision = Decision(FundedDecision(**funded, refusal_basis=event.legal_basis or ""))
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

    def on_care_started(self, event: CareStarted | CareStartReported, tracking: Tracking) -> None:
        """iWmo 305: record the start of care (a regiebericht, never a condition for payment)."""
        if self.already_processed(tracking):
            return
        assignment = self._assignment(event.assignment_id, event.provider_id)
        assignment.start(event.start_date)
        self.record_processed(tracking, assignment)

    def on_care_stopped(self, event: CareStopped | CareStopReported, tracking: Tracking) -> None:
        """iWmo 307: record the stop with its reason code from WMO588 (an unknown code is refused)."""
        if self.already_processed(tracking):
            return
        assignment = self._assignment(event.assignment_id, event.provider_id)
        assignment.stop(event.end_date, event.reason_code)
        self.record_processed(tracking, assignment)

    def on_care_declared(self, event: CareDeclared | CareDeclarationReported, tracking: Tracking, today: date) -> None:
        """iWmo 323 answered with 325: accept and pay, or refuse with the reason and retourcode."""
        if self.already_processed(tracking):
            return
        assignment = self._assignment(event.assignment_id)
        fields = ("declaration_id", "provider_id", "period_start", "period_end", "volume", "unit", "amount_cents")
        assignment.answer(Declaration(**event.model_dump(include=set(fields))), today)
        self.record_processed(tracking, assignment)

    def on_decision_refused(self, event: DecisionRefused, tracking: Tracking, today: date) -> None:
        """The team refused: send the refusal beschikking today (no money, no provider)."""
        cycle.on_decision_refused(self, event, tracking, today)

    def on_decision_cancelled(self, event: DecisionCancelled, tracking: Tracking, today: date) -> None:
        """Withdraw or change the beschikking of a cancelled decision."""
        cycle.on_decision_cancelled(self, event, tracking, today)

    def lodge_objection(
        self,
        decision_id: UUID,
        grounds: str,
        advisory_committee: bool,
        today: date,
        judgement: Excusability | None = None,
    ) -> UUID:
        """A bezwaar against any beschikking; a late one only with the judgement on its excusability (422)."""
        return cycle.lodge_objection(self, decision_id, grounds, advisory_committee, today, judgement)

    def defer_objection(self, decision_id: UUID, objection_id: UUID, weeks: int, today: date) -> None:
        objection = self._objection(decision_id, objection_id)
        objection.defer(weeks, today, weeks_after)
        self.save(objection)

    def decide_objection(
        self,
        decision_id: UUID,
        objection_id: UUID,
        outcome: str,
        decided_by: str,
        reasons: str,
        today: date,
        ground: str = "",
    ) -> None:
        """Decide the bezwaar; gegrond revokes the contested beschikking (DecisionRevoked)."""
        objection = self._objection(decision_id, objection_id)
        cycle.decide_objection(self, objection, outcome, decided_by, reasons, today, ground)

    def contested(self, decision_id: UUID) -> Decision | Refusal:
        return cycle.contested(self, decision_id)

    def refer_to_debt_assistance(
        self, household_id: UUID, team_id: str, threatening: bool, reason: str, today: date
    ) -> UUID:
        referral = DebtReferral(household_id, team_id, today, threatening, reason)
        self.save(referral)
        return referral.id  # type: ignore[no-any-return]

    def decision(self, decision_id: UUID) -> dict[str, Any]:
        found = self.contested(decision_id)
        if isinstance(found, Refusal):
            return views.refusal(found)
        decision = self._decision(decision_id)
        assignment: Assignment | None = None
        if decision.assignment is not None:
            assignment = self.repository.get(decision.assignment.assignment_id)
        return views.decision(decision, assignment)

    def objection(self, decision_id: UUID, objection_id: UUID) -> dict[str, Any]:
        return views.objection(self._objection(decision_id, objection_id))

    def letter_text(self, decision_id: UUID) -> str:
        """The beschikking as the resident reads it: the award (or partial award), or the refusal."""
        found = self.contested(decision_id)
        return render_refusal(found) if isinstance(found, Refusal) else render_letter(self._decision(decision_id))

    def withdrawal_text(self, decision_id: UUID) -> str:
        """The letter that withdrew or changed the beschikking (404 when it was not withdrawn or changed)."""
        found = self.contested(decision_id)
        if not isinstance(found, Decision) or found.withdrawal is None:
            raise NoSuchLetter(f"the beschikking of decision {decision_id} was not withdrawn or changed")
        return render_withdrawal(found)

    def objection_decision_text(self, decision_id: UUID, objection_id: UUID) -> str:
        """The decision on the bezwaar, with the beroep clause (404 while it is not decided)."""
        objection = self._objection(decision_id, objection_id)
        if objection.outcome is None:
            raise NoSuchLetter(f"the bezwaar {objection_id} has not been decided yet")
        return render_objection_decision(objection, self.contested(decision_id), self.catalogue.municipality)

    def letter_html(self, decision_id: UUID) -> str:
        found = self.contested(decision_id)
        return text_as_html(render_refusal(found)) if isinstance(found, Refusal) else render_letter_html(found)

    def withdrawal_html(self, decision_id: UUID) -> str:
        return text_as_html(self.withdrawal_text(decision_id))

    def objection_decision_html(self, decision_id: UUID, objection_id: UUID) -> str:
        return text_as_html(self.objection_decision_text(decision_id, objection_id))

    def _order(self, decision: Decision) -> Assignment:
        """The assignment to follow through start, stop and declarations, created with the 301 it mirrors."""
        ordered = decision.assignment
        assert ordered is not None
        order = Order(
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
        return Assignment(id=ordered.assignment_id, order=order)

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
