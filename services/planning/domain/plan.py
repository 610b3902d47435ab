"""The household's integrated plan (integraal plan): one coordinator (regisseur) and the decisions taken in it."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.planning.domain.decision import Decision, check_decision

NAMESPACE = UUID("5d1c9a7e-8b24-4f3e-a6d0-2c7b9e1f4a86")
TAKEN, FUNDS_RESERVED, FUNDS_REFUSED = "taken", "funds_reserved", "funds_refused"


def plan_id_for(case_id: UUID) -> UUID:
    """A plan drafted for a case has a deterministic id, so a replayed CaseOpened cannot draft a twin."""
    return uuid5(NAMESPACE, str(case_id))


def team_coordinator(team_id: str) -> str:
    """Until a professional is assigned, the team itself is the plan's regisseur."""
    return f"team:{team_id}"


class UnknownDecision(LookupError):
    """The plan holds no decision with this id."""


class Plan(Aggregate):
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
        self.decisions: dict[UUID, Decision] = {}

    def link_case(self, case_id: UUID) -> None:
        """A further case for the household joins its open plan instead of drafting a second one."""
        if case_id not in self.case_ids:
            self._case_linked(case_id)

    @event("CaseLinked")
    def _case_linked(self, case_id: UUID) -> None:
        self.case_ids.append(case_id)

    def take_decision(self, decision: Decision) -> None:
        """A mandated professional decides on a provision for the household (the basis of a beschikking)."""
        check_decision(decision)
        if decision.decision_id in self.decisions:
            raise ValueError(f"decision {decision.decision_id} is already in plan {self.id}")
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
        )

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
    ) -> None:
        self.decisions[decision_id] = Decision(
            decision_id, provision_code, budget_line, amount_cents, period_start, period_end, decided_by, decided_on
        )

    def learn_funds_reserved(self, decision_id: UUID) -> None:
        if self._decision(decision_id).status != FUNDS_RESERVED:
            self._funds_reserved(decision_id)

    @event("FundsReserved")
    def _funds_reserved(self, decision_id: UUID) -> None:
        self.decisions[decision_id].status = FUNDS_RESERVED

    def learn_funds_refused(self, decision_id: UUID, reason: str) -> None:
        """Budget refused the money; the team sees why and can decide again."""
        if self._decision(decision_id).status != FUNDS_REFUSED:
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
