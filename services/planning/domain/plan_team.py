"""The plan's people and intentions, as rules the plan applies: one coordinator (regisseur) at a time, and one goal
per life domain that records the household's own strength (see `goals.py`)."""

from __future__ import annotations

from uuid import UUID

from kernel.errors import Conflict, Refused
from services.planning.domain.goals import Goal, check_goal


class PlanConflict(Conflict):
    """The command conflicts with the plan's state (HTTP 409)."""


class CoordinatorUnchanged(PlanConflict):
    """The professional is already the plan's coordinator."""


class GoalAlreadySet(PlanConflict):
    """The life domain already has a goal in this plan."""


class NoGoalToRevise(PlanConflict):
    """A revision of a goal the plan does not have, or one that changes nothing."""


def check_handover(plan_id: UUID, current: str, coordinator: str, assigned_by: str) -> None:
    """A handover names both professionals, and the new regisseur replaces the old one."""
    if not coordinator.strip() or not assigned_by.strip():
        raise Refused("coordinator and assigned_by must name professionals")
    if coordinator == current:
        raise CoordinatorUnchanged(f"{coordinator} is already the coordinator of plan {plan_id}")


def new_goal(plan_id: UUID, goals: dict[str, Goal], goal: Goal) -> Goal:
    """The goal as the plan records it (its texts stripped), if its life domain has none yet."""
    check_goal(goal.life_domain, goal.goal, goal.own_strength)
    if goal.life_domain in goals:
        raise GoalAlreadySet(f"plan {plan_id} already has a goal for {goal.life_domain}")
    return goal.stripped()


def revised_goal(plan_id: UUID, goals: dict[str, Goal], goal: Goal) -> Goal:
    """The next revision of the life domain's goal; the current one goes to the plan's history."""
    check_goal(goal.life_domain, goal.goal, goal.own_strength)
    current = goals.get(goal.life_domain)
    if current is None:
        raise NoGoalToRevise(f"plan {plan_id} has no goal for {goal.life_domain} to revise: set it first")
    revised = current.revised_as(goal)
    if (revised.goal, revised.own_strength, revised.network) == (current.goal, current.own_strength, current.network):
        raise NoGoalToRevise(f"the revision of the {goal.life_domain} goal changes nothing")
    return revised
