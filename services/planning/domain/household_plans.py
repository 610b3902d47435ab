"""The plans of one household: guards "one household, one plan" (één huishouden, één plan)."""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.errors import Refused

NAMESPACE = UUID("0b7e4c52-3f0a-4d6e-9c1b-5a8f2e7d4c31")


def household_plans_id(household_id: UUID) -> UUID:
    return uuid5(NAMESPACE, str(household_id))


class PlanAlreadyOpen(Refused):
    """The household already has an open plan; a second one is never drafted."""


class HouseholdPlans(Aggregate):
    @staticmethod
    def create_id(household_id: UUID) -> UUID:
        return household_plans_id(household_id)

    @event("Indexed")
    def __init__(self, household_id: UUID) -> None:
        self.household_id = household_id
        self.plan_ids: list[UUID] = []
        self.open_plan_id: UUID | None = None

    def add_plan(self, plan_id: UUID) -> None:
        if self.open_plan_id is not None:
            raise PlanAlreadyOpen(f"household {self.household_id} already has open plan {self.open_plan_id}")
        self._plan_added(plan_id)

    @event("PlanAdded")
    def _plan_added(self, plan_id: UUID) -> None:
        self.plan_ids.append(plan_id)
        self.open_plan_id = plan_id

    def close_plan(self, plan_id: UUID) -> None:
        """The open plan was closed: the household's next case drafts a new one."""
        if self.open_plan_id == plan_id:
            self._plan_closed(plan_id)

    @event("PlanClosed")
    def _plan_closed(self, plan_id: UUID) -> None:
        self.open_plan_id = None
