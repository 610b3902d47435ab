"""Base of `Plan`: the gate before a decision, escalation outside the mandate, deviations as their own facts,
and informal arrangements (which cost nothing but are counted)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from kernel.errors import Refused
from services.planning.domain.decision import Decision, check_decision
from services.planning.domain.plan_followup import FollowedUpPlan
from services.planning.domain.plan_team import PlanConflict


def deviation_id_for(decision_id: UUID, rule_ref: str) -> UUID:
    return uuid5(decision_id, rule_ref)


class ClientSupportMissing(PlanConflict):
    """No client-support offer is on record for the plan's case(s): no decision yet."""


class OwnStrengthMissing(PlanConflict):
    """A paid arrangement for a life domain without a goal that records the household's own strength."""


class NotEscalated(PlanConflict):
    """Only an escalated decision waits for approval."""


class EscalatingPlan(FollowedUpPlan):
    if TYPE_CHECKING:  # set by Plan.__init__; annotations here would become __init__ fields
        case_ids: list[UUID]
        decisions: dict[UUID, Decision]
        deviations: list[dict[str, Any]]

    @event("DecisionEscalated")
    def _decision_escalated(self, household_id: UUID, team_id: str, decision: dict[str, Any], reason: str) -> None:
        self.decisions[decision["decision_id"]] = Decision(**decision | {"reason": reason})

    @event("ArrangementRecorded")
    def _arrangement_recorded(self, household_id: UUID, team_id: str, decision: dict[str, Any]) -> None:
        self.decisions[decision["decision_id"]] = Decision(**decision)

    def _record_deviation(
        self, decision: Decision, deviation: dict[str, Any], decided_by: str, proposed_by: str, on: date | None = None
    ) -> None:
        self._deviation_recorded(
            self.household_id,
            self.team_id,
            deviation_id_for(decision.decision_id, deviation["rule_ref"]),
            decision.decision_id,
            decision.provision_code,
            dict(deviation),
            decision.justification,
            decided_by,
            proposed_by,
            on or decision.decided_on,
        )

    @event("DeviationRecorded")
    def _deviation_recorded(
        self,
        household_id: UUID,
        team_id: str,
        deviation_id: UUID,
        decision_id: UUID,
        provision_code: str,
        rule: dict[str, Any],
        justification: str,
        decided_by: str,
        proposed_by: str,
        recorded_on: date,
    ) -> None:
        """The afwijking itself is a fact; the decision that carries it follows in the same transaction."""
        self.deviations.append(
            {
                "deviation_id": deviation_id,
                "decision_id": decision_id,
                "provision_code": provision_code,
                **rule,
                "justification": justification,
                "decided_by": decided_by,
                "proposed_by": proposed_by,
                "recorded_on": recorded_on,
            }
        )

    def _check_new(self, decision: Decision) -> None:
        check_decision(decision)
        if decision.decision_id in self.decisions:
            raise Refused(f"decision {decision.decision_id} is already in plan {self.id}")
        if not self.client_support_offers:
            raise ClientSupportMissing(
                f"no client-support offer is on record for plan {self.id} (cases "
                f"{', '.join(str(c) for c in self.case_ids)}): intake must point the resident to independent "
                "client support (Wmo 2015 art. 2.3.2 lid 2) before a decision is taken"
            )
        if decision.life_domain not in self.goals:
            raise OwnStrengthMissing(
                f"plan {self.id} has no goal for life domain {decision.life_domain!r} recording what the household "
                "and its network will do themselves (eigen kracht): set the goal before paid support"
            )
