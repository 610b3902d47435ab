"""Closing a plan, as a rule the plan applies: its goals are met, or the household moved away. Nothing may be left
waiting or in force, so the regie ends with the support; the coordinator can be handed over at closure. A closed
plan takes no new decisions, goals or evaluations; a new case of the household drafts a new plan."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from kernel.errors import Refused
from services.planning.domain.decision import ESCALATED, Decision
from services.planning.domain.goals import Goal
from services.planning.domain.plan_team import PlanConflict

GOALS_MET, MOVED_AWAY = "goals_met", "moved_away"
CLOSURE_REASONS = (GOALS_MET, MOVED_AWAY)


class PlanIsClosed(PlanConflict):
    """The plan was closed: it takes nothing new (a new case drafts a new plan)."""


class NotClosable(PlanConflict):
    """Goals not met, a decision waiting for a mandate holder, or one still in force."""


def check_open(plan_id: UUID, closed_on: date | None) -> None:
    if closed_on is not None:
        raise PlanIsClosed(f"plan {plan_id} was closed on {closed_on.isoformat()}: it takes nothing new")


def check_closable(
    plan_id: UUID, reason: str, goals: dict[str, Goal], decisions: dict[UUID, Decision], on: date
) -> None:
    if reason not in CLOSURE_REASONS:
        raise Refused(f"reason {reason!r} is not one of {', '.join(CLOSURE_REASONS)}")
    if waiting := sorted(str(d.decision_id) for d in decisions.values() if d.status == ESCALATED):
        raise NotClosable(f"decision {', '.join(waiting)} waits for a mandate holder: approve or refuse it first")
    if in_force := sorted(str(d.decision_id) for d in decisions.values() if d.active and d.period_end >= on):
        raise NotClosable(f"decision {', '.join(in_force)} is still in force: cancel it (intrekking) or let it end")
    if reason == GOALS_MET:
        open_goals = sorted(domain for domain, goal in goals.items() if goal.outcome != "achieved")
        if not goals or open_goals:
            raise NotClosable(
                f"the goals are not met ({', '.join(open_goals) or 'the plan has none'}): evaluate them as "
                "achieved, or close because the household moved away"
            )
