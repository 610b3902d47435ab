"""The plan's people and intentions: one coordinator (regisseur) at a time, goals per life domain with the
household's own strength, and the client-support offer intake recorded (the gate before any decision)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict, Refused
from services.planning.domain.goals import Goal, check_goal


class PlanConflict(Conflict):
    """The command conflicts with the plan's state (HTTP 409)."""


class CoordinatorUnchanged(PlanConflict):
    """The professional is already the plan's coordinator."""


class GoalAlreadySet(PlanConflict):
    """The life domain already has a goal in this plan."""


class CoordinatedPlan(Aggregate):
    """Base of `Plan`: its coordinator, goals and client-support offers."""

    if TYPE_CHECKING:  # set by Plan.__init__; annotations here would become __init__ fields
        household_id: UUID
        team_id: str
        coordinator: str
        coordinators: list[dict[str, object]]
        goals: dict[str, Goal]
        client_support_offers: dict[UUID, date]

    def assign_coordinator(self, coordinator: str, assigned_by: str, assigned_on: date) -> None:
        """A handover: the new regisseur replaces the old one, so there is exactly one at any time."""
        if not coordinator.strip() or not assigned_by.strip():
            raise Refused("coordinator and assigned_by must name professionals")
        if coordinator == self.coordinator:
            raise CoordinatorUnchanged(f"{coordinator} is already the coordinator of plan {self.id}")
        self._coordinator_assigned(
            self.household_id, self.team_id, coordinator, self.coordinator, assigned_by, assigned_on
        )

    @event("CoordinatorAssigned")
    def _coordinator_assigned(
        self,
        household_id: UUID,
        team_id: str,
        coordinator: str,
        previous: str,
        assigned_by: str,
        assigned_on: date,
    ) -> None:
        self.coordinator = coordinator
        self.coordinators.append({"coordinator": coordinator, "from": assigned_on, "assigned_by": assigned_by})

    def set_goal(self, life_domain: str, goal: str, own_strength: str, network: str, set_by: str, on: date) -> None:
        check_goal(life_domain, goal, own_strength)
        if life_domain in self.goals:
            raise GoalAlreadySet(f"plan {self.id} already has a goal for {life_domain}")
        self._goal_set(
            self.household_id,
            self.team_id,
            life_domain,
            goal.strip(),
            own_strength.strip(),
            network.strip(),
            set_by,
            on,
        )

    @event("GoalSet")
    def _goal_set(
        self,
        household_id: UUID,
        team_id: str,
        life_domain: str,
        goal: str,
        own_strength: str,
        network: str,
        set_by: str,
        set_on: date,
    ) -> None:
        self.goals[life_domain] = Goal(life_domain, goal, own_strength, network, set_by)

    def learn_client_support_offered(self, case_id: UUID, offered_on: date) -> None:
        """Intake pointed the resident to independent client support (Wmo 2015 art. 2.3.2 lid 2)."""
        if case_id not in self.client_support_offers:
            self._client_support_offered(case_id, offered_on)

    @event("ClientSupportOffered")
    def _client_support_offered(self, case_id: UUID, offered_on: date) -> None:
        self.client_support_offers[case_id] = offered_on
