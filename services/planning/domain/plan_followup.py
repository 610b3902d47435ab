"""Closing the loop (Almelo), as a rule the plan applies: the team evaluates the plan's own goals. Providers'
feedback on whether the arrangement worked is attached to the plan as it comes, so the coordinator sees it."""

from __future__ import annotations

from uuid import UUID

from kernel.errors import Refused
from services.planning.domain.goals import Goal, check_results
from services.planning.domain.plan_team import PlanConflict


class GoalNotInPlan(PlanConflict):
    """An evaluation names a life domain the plan has no goal for."""


def check_evaluation(plan_id: UUID, goals: dict[str, Goal], evaluated_by: str, results: list[dict[str, str]]) -> None:
    """Each goal: achieved, partly or not achieved, with remarks; only goals the plan has."""
    if not evaluated_by.strip():
        raise Refused("evaluated_by must name the professional who evaluated")
    check_results(results)
    if unknown := sorted({r["life_domain"] for r in results} - set(goals)):
        raise GoalNotInPlan(f"plan {plan_id} has no goal for {', '.join(unknown)}")
