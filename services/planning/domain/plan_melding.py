"""The melding phase as rules the plan applies (Wmo 2015 art. 2.3.2): the resident's personal plan and the
investigation report, each once per case of the plan.

The personal plan: the college gives the resident the opportunity to hand in a personal plan within seven days
after the melding (lid 2). The team records when it gave that opportunity and whether a plan was handed in; the
melding's personal-plan term stops on the day the opportunity was given (intake, from PersonalPlanRecorded).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from kernel.errors import NotFound, Refused
from services.planning.domain.plan_team import PlanConflict


class CaseNotInPlan(NotFound):
    """The named case is not one of the plan's cases."""


class AlreadyRecorded(PlanConflict):
    """The personal plan or the investigation report of a case is recorded once."""


def check_case(plan_id: UUID, case_ids: list[UUID], case_id: UUID) -> None:
    if case_id not in case_ids:
        raise CaseNotInPlan(f"case {case_id} is not part of plan {plan_id}")


def check_personal_plan(
    plan_id: UUID, case_ids: list[UUID], recorded: dict[UUID, dict[str, Any]], case_id: UUID, offered_on: date,
    on: date,
) -> None:  # fmt: skip
    check_case(plan_id, case_ids, case_id)
    if case_id in recorded:
        earlier = recorded[case_id]["offered_on"]
        raise AlreadyRecorded(f"the personal plan of case {case_id} was recorded already (offered on {earlier})")
    if offered_on > on:
        raise Refused(f"offered_on {offered_on.isoformat()} lies after today ({on.isoformat()}): record what happened")
