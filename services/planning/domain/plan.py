"""The household's integrated plan (integraal plan): one coordinator (regisseur) and the decisions taken in it.

Decisions are refused while no client-support offer is on record (Wmo 2015 art. 2.3.2 lid 2: the resident is
pointed to free independent client support before the investigation), and a paid arrangement needs a goal for
its life domain that records the household's own strength first (eigen kracht).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import event

from kernel.errors import NotFound, Refused
from services.planning.domain.decision import (
    ESCALATED,
    FUNDS_REFUSED,
    FUNDS_RESERVED,
    RECORDED,
    TAKEN,
    Decision,
    InvalidDecision,
    check_decision,
)
from services.planning.domain.plan_cancellation import CANCELLED, CancellingPlan
from services.planning.domain.plan_escalation import (  # noqa: F401  (re-exported refusals)
    ClientSupportMissing,
    NotEscalated,
    OwnStrengthMissing,
)

NAMESPACE = UUID("5d1c9a7e-8b24-4f3e-a6d0-2c7b9e1f4a86")


def plan_id_for(case_id: UUID) -> UUID:
    """A plan drafted for a case has a deterministic id, so a replayed CaseOpened cannot draft a twin."""
    return uuid5(NAMESPACE, str(case_id))


def team_coordinator(team_id: str) -> str:
    """Until a professional is assigned, the team itself is the plan's regisseur."""
    return f"team:{team_id}"


class UnknownDecision(NotFound):
    """The plan holds no decision with this id."""


class Plan(CancellingPlan):
    @staticmethod
    def create_id(case_id: UUID) -> UUID:
        return plan_id_for(case_id)

    @event("Drafted")
    def __init__(self, household_id: UUID, case_id: UUID, team_id: str, coordinator: str) -> None:
        self.household_id = household_id
        self.case_id = case_id
        self.case_ids: list[UUID] = [case_id]
        self.team_id = team_id
        self.coordinator = coordinator
        self.coordinators = [{"coordinator": coordinator, "from": None, "assigned_by": "planning"}]
        self.decisions: dict[UUID, Decision] = {}
        self.goals = {}
        self.client_support_offers = {}
        self.evaluations = []
        self.feedback = []
        self.deviations = []

    def link_case(self, case_id: UUID) -> None:
        """A further case for the household joins its open plan instead of drafting a second one."""
        if case_id not in self.case_ids:
            self._case_linked(case_id)

    @event("CaseLinked")
    def _case_linked(self, case_id: UUID) -> None:
        self.case_ids.append(case_id)

    def take_decision(self, decision: Decision) -> None:
        """A mandated professional decides (the basis of a beschikking); each deviation is its own fact first."""
        self._check_new(decision)
        for deviation in decision.deviations:
            self._record_deviation(decision, deviation, decision.decided_by, "")
        self._decision_taken(
            self.household_id,
            self.team_id,
            decision.decision_id,
            decision.provision_code,
            decision.budget_line,
            decision.amount_cents,
            decision.period_start,
            decision.period_end,
            decision.decided_by,
            decision.decided_on,
            life_domain=decision.life_domain,
            mandate_ref=decision.mandate_ref,
            on_behalf_of=decision.on_behalf_of,
            escalated=decision.escalated,
            proposed_by="",
        )

    def escalate(self, decision: Decision, reason: str) -> None:
        """Outside the professional's mandate: the decision waits for someone who holds it."""
        self._check_new(decision)
        self._decision_escalated(self.household_id, self.team_id, asdict(decision) | {"status": ESCALATED}, reason)

    def approve(self, decision_id: UUID, approved_by: str, mandate_ref: str, on_behalf_of: str, on: date) -> None:
        """A mandate holder takes the escalated decision; the proposer stays on record."""
        pending = self._decision(decision_id)
        if pending.status != ESCALATED:
            raise NotEscalated(f"decision {decision_id} is {pending.status}, not waiting for approval")
        for deviation in pending.deviations:
            self._record_deviation(pending, deviation, approved_by, pending.decided_by, on)
        self._decision_taken(
            self.household_id,
            self.team_id,
            decision_id,
            pending.provision_code,
            pending.budget_line,
            pending.amount_cents,
            pending.period_start,
            pending.period_end,
            approved_by,
            on,
            life_domain=pending.life_domain,
            mandate_ref=mandate_ref,
            on_behalf_of=on_behalf_of,
            escalated=True,
            proposed_by=pending.decided_by,
        )

    def record_arrangement(self, decision: Decision) -> None:
        """An informal or preventive arrangement: costs nothing from a budget, yet recorded and counted."""
        if decision.amount_cents != 0:
            raise InvalidDecision(f"{decision.provision_code} is informal and costs nothing: amount_cents must be 0")
        check_decision(decision)
        if decision.decision_id in self.decisions:
            raise Refused(f"decision {decision.decision_id} is already in plan {self.id}")
        self._arrangement_recorded(self.household_id, self.team_id, asdict(decision) | {"status": RECORDED})

    @event("DecisionTaken")
    def _decision_taken(
        self,
        household_id: UUID,
        team_id: str,
        decision_id: UUID,
        provision_code: str,
        budget_line: str,
        amount_cents: int,
        period_start: date,
        period_end: date,
        decided_by: str,
        decided_on: date,
        life_domain: str = "",
        mandate_ref: str = "",
        on_behalf_of: str = "",
        escalated: bool = False,
        proposed_by: str = "",
    ) -> None:
        decision = self.decisions.get(decision_id) or Decision(
            decision_id, provision_code, budget_line, amount_cents, period_start, period_end, decided_by, decided_on
        )
        decision.status, decision.decided_by, decision.decided_on = TAKEN, decided_by, decided_on
        decision.life_domain, decision.mandate_ref, decision.on_behalf_of = life_domain, mandate_ref, on_behalf_of
        decision.escalated, decision.approved_by = escalated, decided_by if escalated else ""
        self.decisions[decision_id] = decision

    def learn_funds_reserved(self, decision_id: UUID) -> None:
        """Budget reserved the money; a decision cancelled meanwhile stays cancelled (budget releases it)."""
        if self._decision(decision_id).status not in (FUNDS_RESERVED, CANCELLED):
            self._funds_reserved(decision_id)

    @event("FundsReserved")
    def _funds_reserved(self, decision_id: UUID) -> None:
        self.decisions[decision_id].status = FUNDS_RESERVED

    def learn_funds_refused(self, decision_id: UUID, reason: str) -> None:
        """Budget refused the money; the team sees why and can decide again (a cancelled decision stays so)."""
        if self._decision(decision_id).status not in (FUNDS_REFUSED, CANCELLED):
            self._funds_refused(decision_id, reason)

    @event("FundsRefused")
    def _funds_refused(self, decision_id: UUID, reason: str) -> None:
        self.decisions[decision_id].status = FUNDS_REFUSED
        self.decisions[decision_id].reason = reason

    def _decision(self, decision_id: UUID) -> Decision:
        try:
            return self.decisions[decision_id]
        except KeyError:
            raise UnknownDecision(f"plan {self.id} has no decision {decision_id}") from None
