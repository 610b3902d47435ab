"""The plan's events that carry a value object whole (class version 2), and how plans stored before still load.

Version 1 of these events carried a decision, a deviation or a goal as flattened arguments (or as a plain dict);
each `upcast_v1_v2` folds them into the value object, on read, before the event is applied. `Plan` takes these
classes as its own events (their topics stay `services.planning.domain.plan:Plan.<Name>`). Events raised by the
four classes `Plan` used to inherit from were stored under those classes' topics: `register_former_topics` makes
them resolve to `Plan`'s events. See `docs/adr/0004-decision-carried-whole.md`.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import register_topic

from services.planning.domain.decision import TAKEN, Decision
from services.planning.domain.deviation import Deviation
from services.planning.domain.goals import Goal

DOMAIN = "services.planning.domain"
FORMER_TOPICS = {
    f"{DOMAIN}.plan_team:CoordinatedPlan": ("CoordinatorAssigned", "GoalSet", "ClientSupportOffered"),
    f"{DOMAIN}.plan_followup:FollowedUpPlan": ("Evaluated", "FeedbackAttached"),
    f"{DOMAIN}.plan_escalation:EscalatingPlan": ("DecisionEscalated", "ArrangementRecorded", "DeviationRecorded"),
    f"{DOMAIN}.plan_cancellation:CancellingPlan": ("DecisionCancelled",),
}
"""The former base classes of `Plan`, and the events each raised (so stored under its topic)."""

DECISION_FIELDS = (
    "decision_id",
    "provision_code",
    "budget_line",
    "amount_cents",
    "period_start",
    "period_end",
    "decided_by",
    "decided_on",
)


def register_former_topics(plan: type) -> None:
    for base_topic, names in FORMER_TOPICS.items():
        for name in names:
            register_topic(f"{base_topic}.{name}", getattr(plan, name))


class DecisionTaken(Aggregate.Event):
    household_id: UUID
    team_id: str
    decision: Decision
    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """v1: the decision's fields flattened; an approval's proposer in `proposed_by`."""
        decision = {name: state.pop(name) for name in DECISION_FIELDS}
        optional = {name: state.pop(name, "") for name in ("life_domain", "mandate_ref", "on_behalf_of", "proposed_by")}
        escalated = state.pop("escalated", False)
        approved_by = decision["decided_by"] if escalated else ""
        state["decision"] = Decision(**decision, **optional, status=TAKEN, escalated=escalated, approved_by=approved_by)


class DecisionEscalated(Aggregate.Event):
    household_id: UUID
    team_id: str
    decision: Decision
    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """v1: the decision as a dict, the reason for the escalation beside it."""
        state["decision"] = Decision(**state["decision"] | {"reason": state.pop("reason")})


class ArrangementRecorded(Aggregate.Event):
    household_id: UUID
    team_id: str
    decision: Decision
    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """v1: the arrangement (a decision that costs nothing) as a dict."""
        state["decision"] = Decision(**state["decision"])


class DeviationRecorded(Aggregate.Event):
    household_id: UUID
    team_id: str
    deviation: Deviation
    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """v1: the deviation's fields flattened, the departed rule as a dict."""
        ids = {name: state.pop(name) for name in ("deviation_id", "decision_id", "provision_code")}
        rule = state.pop("rule")
        deciders = {name: state.pop(name) for name in ("justification", "decided_by", "proposed_by", "recorded_on")}
        state["deviation"] = Deviation(**ids, **rule, **deciders)


class GoalSet(Aggregate.Event):
    household_id: UUID
    team_id: str
    goal: Goal
    set_on: date
    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """v1: the goal's fields flattened (`goal` was its text)."""
        fields = ("life_domain", "goal", "own_strength", "network", "set_by")
        state["goal"] = Goal(**{name: state.pop(name) for name in fields})


class DecisionRefused(Aggregate.Event):
    """A refusal (afwijzing), taken directly or of an escalated proposal, carried whole with its motivation."""

    household_id: UUID
    team_id: str
    decision: Decision


class GoalRevised(Aggregate.Event):
    """The next revision of a goal; the plan keeps the earlier ones in its history."""

    household_id: UUID
    team_id: str
    goal: Goal
    revised_on: date
