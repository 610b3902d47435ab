"""Planning's commands and queries. Commands return ids; queries return plain data, never aggregates."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID, uuid4

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import JSONTranscoder, Tracking
from eventsourcing.postgres import PostgresProcessRecorder
from eventsourcing.utils import get_topic

from contracts.events.backoffice_cycle import DecisionRevoked
from contracts.events.budget import FundsRefused, FundsReserved
from contracts.events.care import PlanFeedbackGiven
from contracts.events.intake import CaseOpened, ClientSupportOffered
from kernel.errors import Refused
from services.planning import cycle, read_model
from services.planning.config import PlanningConfig
from services.planning.cycle import Outcome
from services.planning.domain.assessment import assess, decision_of
from services.planning.domain.decision import REFUSAL, Decision, DecisionRequest
from services.planning.domain.deviation import Deviation
from services.planning.domain.goals import Goal
from services.planning.domain.household_plans import HouseholdPlans, household_plans_id
from services.planning.domain.mandates import NotMandated
from services.planning.domain.plan import NotEscalated, Plan, UnknownDecision, team_coordinator
from services.planning.domain.plan_cancellation import CancellerNotRegistered
from services.planning.views import plan_view
from wijk.consumer import Unprocessable
from wijk.eventstore import ServiceApplication, retry_on_conflict
from wijk.settings import PlatformSettings
from wijk.transcodings import ValueObjectAsDict

VALUE_OBJECTS = (
    ValueObjectAsDict(Decision, "planning_decision"),
    ValueObjectAsDict(Deviation, "planning_deviation"),
    ValueObjectAsDict(Goal, "planning_goal"),
)
"""The value objects the plan's events carry whole."""
GOAL_TEXT = ("goal.goal", "goal.own_strength", "goal.network", "goal.remarks")
DECISION_TEXT = ("decision.reason", "decision.justification", "decision.reasons")
FREE_TEXT = {
    Plan.GoalSet: GOAL_TEXT,
    Plan.GoalRevised: GOAL_TEXT,
    Plan.DecisionTaken: DECISION_TEXT,
    Plan.DecisionRefused: DECISION_TEXT,
    Plan.DecisionEscalated: DECISION_TEXT,
    Plan.ArrangementRecorded: DECISION_TEXT,
    Plan.DeviationRecorded: ("deviation.justification",),
    Plan.DecisionCancelled: ("reason",),  # type: ignore[attr-defined]
    Plan.Evaluated: ("results.*.remarks",),  # type: ignore[attr-defined]
    Plan.FeedbackAttached: ("remarks",),  # type: ignore[attr-defined]
}
"""Where the plan's events hold free text about the household: sealed with its text key (ADR 0006)."""
T = TypeVar("T")


class UnknownProfessional(Refused):
    """The named coordinator or professional is not in the municipality's register of professionals."""


class PlanningApplication(ServiceApplication):
    name = "planning"
    free_text = FREE_TEXT

    def __init__(self, config: PlanningConfig, settings: PlatformSettings | None = None) -> None:
        self.config = config
        super().__init__(settings)
        if self.read_model:
            self._complete_read_model()

    @property
    def read_model(self) -> bool:
        """Queries read `planning.plan_view` on PostgreSQL; in memory they read the write side."""
        return isinstance(self.recorder, PostgresProcessRecorder)

    def read_model_writes(self, aggregates: Iterable[Any]) -> list[tuple[str, tuple[Any, ...]]]:
        return read_model.writes(aggregates, getattr(self, "text_keys", None))

    def _complete_read_model(self) -> None:
        """Create the read model's table, and give every plan without a row its row from the write side."""
        recorder = self.process_recorder
        assert isinstance(recorder, PostgresProcessRecorder)
        events = f"{recorder.datastore.schema}.{recorder.events_table_name}"
        with recorder.datastore.get_connection() as conn, conn.transaction():
            conn.execute(read_model.SCHEMA)
            missing = read_model.plan_ids(conn.execute(read_model.missing(events), (get_topic(Plan.Drafted),)))
            for plan_id in missing:
                conn.execute(*read_model.upsert(self.repository.get(plan_id), getattr(self, "text_keys", None)))

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        for transcoding in VALUE_OBJECTS:
            transcoder.register(transcoding)

    def on_case_opened(self, event: CaseOpened, tracking: Tracking) -> None:
        """Draft the household's plan, unless it already has an open one (then the case joins that plan)."""
        if self.already_processed(tracking):
            return
        index = self.household_plans(event.household_id) or HouseholdPlans(event.household_id)
        if index.open_plan_id is not None:
            plan: Plan = self.repository.get(index.open_plan_id)
            plan.link_case(event.case_id)
            self.record_processed(tracking, plan)
            return
        plan = Plan(event.household_id, event.case_id, event.team_id, team_coordinator(event.team_id))
        index.add_plan(plan.id)
        self.record_processed(tracking, index, plan)

    def on_client_support_offered(self, event: ClientSupportOffered, tracking: Tracking) -> None:
        """Intake's offer of client support opens the gate for decisions in the household's plan."""
        self._learn_for_household(
            tracking, event.household_id, lambda p: p.learn_client_support_offered(event.case_id, event.offered_on)
        )

    def on_plan_feedback(self, event: PlanFeedbackGiven, tracking: Tracking, received_on: date) -> None:
        """A provider's feedback on the arrangement, attached to the household's plan for its coordinator."""
        self._learn_for_household(
            tracking,
            event.household_id,
            lambda p: p.attach_feedback(
                event.assignment_id,
                event.provider_id,
                event.plan_fits,
                self.readable_text(event.household_id, event.remarks),  # sealed again in the plan's store
                received_on,
            ),
        )

    def on_funds_reserved(self, event: FundsReserved, tracking: Tracking) -> None:
        self._learn(tracking, event.plan_id, lambda plan: plan.learn_funds_reserved(event.decision_id))

    def on_funds_refused(self, event: FundsRefused, tracking: Tracking) -> None:
        self._learn(tracking, event.plan_id, lambda plan: plan.learn_funds_refused(event.decision_id, event.reason))

    def assign_coordinator(self, plan_id: UUID, coordinator: str, assigned_by: str, today: date) -> None:
        self._known(coordinator, assigned_by)
        self.on_plan(plan_id, lambda plan: plan.assign_coordinator(coordinator, assigned_by, today))

    def set_goal(
        self, plan_id: UUID, life_domain: str, goal: str, own_strength: str, network: str, set_by: str, today: date
    ) -> None:
        self._known(set_by)
        self.on_plan(plan_id, lambda plan: plan.set_goal(life_domain, goal, own_strength, network, set_by, today))

    def take_decision(self, plan_id: UUID, request: DecisionRequest, today: date) -> Outcome:
        """Taken at once inside the mandate, escalated outside it, recorded when informal; a refusal (or a partial
        award) with its legal ground and reasons, by a mandate holder only."""
        return self.on_plan(plan_id, lambda plan: self.decide(plan, request, today))

    def decide(self, plan: Plan, request: DecisionRequest, today: date) -> Outcome:
        if request.kind == REFUSAL:
            return cycle.refuse(self, plan, request, today)
        assessment = assess(self.config.catalogue, self.config.register, request)
        decision = decision_of(uuid4(), request, assessment, self.config.register.mandate_giver, today)
        if not assessment.provision.paid:
            plan.record_arrangement(decision)
            return Outcome(decision.decision_id, "recorded", "", "")
        if assessment.escalated:
            plan.escalate(decision, assessment.escalation_reason)
            return Outcome(decision.decision_id, "escalated", "", assessment.escalation_reason)
        plan.take_decision(decision)
        return Outcome(decision.decision_id, "taken", decision.mandate_ref, "")

    def approve(self, plan_id: UUID, decision_id: UUID, approved_by: str, today: date) -> str:
        """A mandate holder takes an escalated decision; returns the mandate reference it is taken under."""
        register = self.config.register

        def approve(plan: Plan) -> str:
            pending = plan.decisions.get(decision_id)
            if pending is None:
                raise UnknownDecision(f"plan {plan.id} has no decision {decision_id}")
            if pending.status != "escalated":
                raise NotEscalated(f"decision {decision_id} is {pending.status}, not waiting for approval")
            provision = self.config.catalogue.provision(pending.provision_code)
            deviating = bool(pending.deviations)
            mandate = register.mandate_for(approved_by, provision, pending.amount_cents, deviating)
            if mandate is None:
                holders = ", ".join(register.holders(provision, pending.amount_cents, deviating)) or "nobody"
                raise NotMandated(f"{approved_by} holds no mandate for this decision; may approve: {holders}")
            plan.approve(decision_id, approved_by, mandate.ref, register.mandate_giver, today)
            return mandate.ref

        return self.on_plan(plan_id, approve)

    def cancel_decision(self, plan_id: UUID, decision_id: UUID, cancelled_by: str, reason: str, today: date) -> None:
        """Withdraw a decision; only a professional in the register may (403 otherwise)."""
        if cancelled_by not in self.config.register.professionals:
            raise CancellerNotRegistered(f"{cancelled_by!r} is not a professional in the register")
        self.on_plan(plan_id, lambda plan: plan.cancel_decision(decision_id, cancelled_by, reason, today))

    def refuse_escalation(
        self, plan_id: UUID, decision_id: UUID, refused_by: str, ground: str, reasons: str, today: date
    ) -> str:
        """A mandate holder refuses an escalated proposal (403 for anyone else); returns the mandate reference."""
        return cycle.refuse_escalation(self, plan_id, decision_id, refused_by, ground, reasons, today)

    def report_investigation(self, plan_id: UUID, case_id: UUID, reported_by: str, today: date) -> None:
        self._known(reported_by)
        self.on_plan(plan_id, lambda plan: plan.report_investigation(case_id, reported_by, today))

    def record_personal_plan(
        self, plan_id: UUID, case_id: UUID, offered_on: date, handed_in: bool, by: str, today: date
    ) -> None:
        self._known(by)
        self.on_plan(plan_id, lambda plan: plan.record_personal_plan(case_id, offered_on, handed_in, by, today))

    def revise_goal(
        self, plan_id: UUID, life_domain: str, goal: str, own_strength: str, network: str, by: str, today: date
    ) -> None:
        self._known(by)
        self.on_plan(plan_id, lambda plan: plan.revise_goal(life_domain, goal, own_strength, network, by, today))

    def change_arrangement(
        self, plan_id: UUID, evaluation_id: UUID, decision_id: UUID, request: DecisionRequest, today: date
    ) -> Outcome:
        return cycle.change_arrangement(self, plan_id, evaluation_id, decision_id, request, today)

    def close_plan(
        self, plan_id: UUID, reason: str, closed_by: str, today: date, hand_over_to: str | None = None
    ) -> None:
        self._known(closed_by, *([hand_over_to] if hand_over_to else []))
        cycle.close_plan(self, plan_id, reason, closed_by, today, hand_over_to)

    def on_decision_revoked(self, event: DecisionRevoked, tracking: Tracking) -> None:
        cycle.on_decision_revoked(self, event, tracking)

    def evaluate(self, plan_id: UUID, evaluated_by: str, results: list[dict[str, str]], today: date) -> UUID:
        self._known(evaluated_by)
        evaluation_id = uuid4()
        self.on_plan(plan_id, lambda plan: plan.evaluate(evaluation_id, evaluated_by, today, results))
        return evaluation_id

    def plans_of(self, household_id: UUID) -> list[dict[str, Any]]:
        if self.read_model:
            return [self._view(row) for row in self._query(read_model.OF_HOUSEHOLD_AS_TEXT, household_id)]
        index = self.household_plans(household_id)
        return [self.plan(plan_id) for plan_id in index.plan_ids] if index else []

    def plans_json(self, household_id: UUID) -> tuple[bytes, list[str]]:
        """`plans_of` as the JSON body `GET /plans` answers, with each plan's team (the scope a caller needs):
        from the read model the stored JSON as it is, without parsing and encoding it again (issue 14)."""
        if not self.read_model:
            views = self.plans_of(household_id)
            return json.dumps(views).encode(), [view["team_id"] for view in views]
        return self.plans_json_of(self._query(read_model.OF_HOUSEHOLD_AS_TEXT, household_id))

    def plans_json_of(self, rows: Iterable[Any]) -> tuple[bytes, list[str]]:
        """The body and the teams of `plans_json` from the read model's rows (`read_model.AS_TEXT`)."""
        texts, teams = [], []
        for row in rows:
            text = self._text(row)
            texts.append(text)
            teams.append(row["team_id"] or json.loads(text)["team_id"])  # a row from before the column: no team
        return f"[{','.join(texts)}]".encode(), teams

    def opens_in_memory(self, rows: Iterable[Any]) -> bool:
        """Whether `plans_json_of` answers these rows without blocking: no read of a key or of the write side."""
        return all(read_model.opens_in_memory(row, getattr(self, "text_keys", None)) for row in rows)

    def scope_of(self, plan_id: UUID) -> tuple[UUID, str]:
        """The plan's household and team, which decide who may see and change it; the write side's NotFound for
        an unknown plan. From the read model's row when it has one, instead of replaying the plan."""
        if self.read_model:
            found = self._query(read_model.SCOPE, plan_id)
            if found:
                return found[0]["household_id"], found[0]["team_id"]
        plan: Plan = self.repository.get(plan_id)
        return plan.household_id, plan.team_id

    def plan(self, plan_id: UUID) -> dict[str, Any]:
        if self.read_model:
            found = self._query(read_model.ONE_AS_TEXT, plan_id)
            if found:
                return self._view(found[0])
        return plan_view(self.repository.get(plan_id))  # none such: the write side's NotFound

    def _view(self, row: dict[str, Any]) -> dict[str, Any]:
        """The stored view (a row of `read_model.AS_TEXT`) as the API shows it."""
        return json.loads(self._text(row))  # type: ignore[no-any-return]

    def _text(self, row: Any) -> str:
        """The stored view as JSON text, or after the household's erasure the write side's (its texts read
        `[gewist]`)."""
        text = read_model.opened_text(row, getattr(self, "text_keys", None))
        return text if text is not None else read_model.view_text(self.repository.get(row["plan_id"]))

    def _query(self, statement: str, *params: Any) -> list[dict[str, Any]]:
        recorder = self.process_recorder
        assert isinstance(recorder, PostgresProcessRecorder)
        with recorder.datastore.get_connection() as conn:
            return conn.execute(statement, params).fetchall()

    def team_model(self, team_id: str) -> dict[str, Any]:
        return self.config.teams.describe(team_id)

    @retry_on_conflict
    def on_plan(self, plan_id: UUID, command: Callable[[Plan], T]) -> T:
        plan: Plan = self.repository.get(plan_id)
        result = command(plan)
        self.save(plan)
        return result

    def _known(self, *professionals: str) -> None:
        for professional in professionals:
            if professional not in self.config.register.professionals:
                raise UnknownProfessional(f"{professional!r} is not a professional in the register")

    def _learn(self, tracking: Tracking, plan_id: UUID, learn: Callable[[Plan], None]) -> None:
        if self.already_processed(tracking):
            return
        try:
            plan: Plan = self.repository.get(plan_id)
            learn(plan)
        except (AggregateNotFoundError, UnknownDecision) as exc:
            raise Unprocessable(f"no such decision in planning: {exc}") from exc
        self.record_processed(tracking, plan)

    def _learn_for_household(self, tracking: Tracking, household_id: UUID, learn: Callable[[Plan], None]) -> None:
        if self.already_processed(tracking):
            return
        index = self.household_plans(household_id)
        if index is None or index.open_plan_id is None:
            raise Unprocessable(f"household {household_id} has no plan in planning")
        plan: Plan = self.repository.get(index.open_plan_id)
        learn(plan)
        self.record_processed(tracking, plan)

    def household_plans(self, household_id: UUID) -> HouseholdPlans | None:
        try:
            return self.repository.get(household_plans_id(household_id))  # type: ignore[no-any-return]
        except AggregateNotFoundError:
            return None
