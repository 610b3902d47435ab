"""Closing the loop (Almelo): the team evaluates the plan's goals, and providers' feedback on whether the
arrangement worked is attached to the plan, so the coordinator sees it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import event

from kernel.errors import Refused
from services.planning.domain.goals import check_results
from services.planning.domain.plan_team import CoordinatedPlan, PlanConflict


class GoalNotInPlan(PlanConflict):
    """An evaluation names a life domain the plan has no goal for."""


class FollowedUpPlan(CoordinatedPlan):
    """Base of `Plan`: evaluations and provider feedback."""

    if TYPE_CHECKING:  # set by Plan.__init__; annotations here would become __init__ fields
        evaluations: list[dict[str, Any]]
        feedback: list[dict[str, Any]]

    def evaluate(self, evaluation_id: UUID, evaluated_by: str, on: date, results: list[dict[str, str]]) -> None:
        """Each goal: achieved, partly or not achieved, with remarks."""
        if not evaluated_by.strip():
            raise Refused("evaluated_by must name the professional who evaluated")
        check_results(results)
        if unknown := sorted({r["life_domain"] for r in results} - set(self.goals)):
            raise GoalNotInPlan(f"plan {self.id} has no goal for {', '.join(unknown)}")
        self._evaluated(self.household_id, self.team_id, evaluation_id, evaluated_by, on, results)

    @event("Evaluated")
    def _evaluated(
        self,
        household_id: UUID,
        team_id: str,
        evaluation_id: UUID,
        evaluated_by: str,
        evaluated_on: date,
        results: list[dict[str, str]],
    ) -> None:
        for result in results:
            goal = self.goals[result["life_domain"]]
            goal.outcome, goal.remarks = result["outcome"], result.get("remarks", "")
        self.evaluations.append(
            {
                "evaluation_id": evaluation_id,
                "evaluated_by": evaluated_by,
                "evaluated_on": evaluated_on,
                "results": results,
            }
        )

    def attach_feedback(
        self, assignment_id: UUID, provider_id: str, plan_fits: bool, remarks: str, received_on: date
    ) -> None:
        """A care provider's feedback on the arrangement (PlanFeedbackGiven): internal to the plan."""
        self._feedback_attached(assignment_id, provider_id, plan_fits, remarks, received_on)

    @event("FeedbackAttached")
    def _feedback_attached(
        self, assignment_id: UUID, provider_id: str, plan_fits: bool, remarks: str, received_on: date
    ) -> None:
        self.feedback.append(
            {
                "assignment_id": assignment_id,
                "provider_id": provider_id,
                "plan_fits": plan_fits,
                "remarks": remarks,
                "received_on": received_on,
            }
        )
