"""The household's integrated plan (integraal plan): one coordinator (regisseur), goals per life domain, and the
decisions taken in it, with their deviations, evaluations and providers' feedback.

Decisions are refused while no client-support offer is on record (Wmo 2015 art. 2.3.2 lid 2: the resident is
pointed to free independent client support before the investigation), and a paid arrangement needs a goal for
its life domain that records the household's own strength first (eigen kracht). The rules live beside the plan
(`plan_team`, `plan_escalation`, `plan_followup`, `plan_cancellation`); a decision, a goal and a deviation are
value objects its events carry whole (`docs/adr/0004-decision-carried-whole.md`).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.errors import NotFound
from services.planning.domain import plan_events as events
from services.planning.domain.decision import (
    ESCALATED,
    FUNDS_REFUSED,
    FUNDS_RESERVED,
    RECORDED,
    REFUSED,
    REVOKED,
    Decision,
    InvalidDecision,
    Motivation,
)
from services.planning.domain.deviation import Deviation
from services.planning.domain.goals import Goal
from services.planning.domain.plan_cancellation import CANCELLED, check_cancellable
from services.planning.domain.plan_closure import check_closable, check_open
from services.planning.domain.plan_escalation import (  # noqa: F401  (re-exported refusals)
    ClientSupportMissing,
    NotEscalated,
    OwnStrengthMissing,
    check_gate,
    check_new,
    deviations_of,
)
from services.planning.domain.plan_followup import check_evaluation
from services.planning.domain.plan_melding import AlreadyRecorded, check_case, check_personal_plan
from services.planning.domain.plan_team import check_handover, new_goal, revised_goal

NAMESPACE = UUID("5d1c9a7e-8b24-4f3e-a6d0-2c7b9e1f4a86")


def plan_id_for(case_id: UUID) -> UUID:
    """A plan drafted for a case has a deterministic id, so a replayed CaseOpened cannot draft a twin."""
    return uuid5(NAMESPACE, str(case_id))


def team_coordinator(team_id: str) -> str:
    """Until a professional is assigned, the team itself is the plan's regisseur."""
    return f"team:{team_id}"


class UnknownDecision(NotFound):
    """The plan holds no decision with this id."""


class InvestigationAlreadyReported(AlreadyRecorded):
    """The investigation of a case is reported once."""


class Plan(Aggregate):
    DecisionTaken = events.DecisionTaken
    DecisionEscalated = events.DecisionEscalated
    ArrangementRecorded = events.ArrangementRecorded
    DeviationRecorded = events.DeviationRecorded
    GoalSet = events.GoalSet
    DecisionRefused = events.DecisionRefused
    GoalRevised = events.GoalRevised

    @staticmethod
    def create_id(case_id: UUID) -> UUID:
        return plan_id_for(case_id)

    @event("Drafted")
    def __init__(self, household_id: UUID, case_id: UUID, team_id: str, coordinator: str) -> None:
        self.household_id = household_id
        self.case_id = case_id
        self.case_ids: list[UUID] = [case_id]
        self.team_id = team_id
        self.coordinator = coordinator
        self.coordinators: list[dict[str, Any]] = [
            {"coordinator": coordinator, "from": None, "assigned_by": "planning"}
        ]
        self.decisions: dict[UUID, Decision] = {}
        self.goals: dict[str, Goal] = {}
        self.client_support_offers: dict[UUID, date] = {}
        self.evaluations: list[dict[str, Any]] = []
        self.feedback: list[dict[str, Any]] = []
        self.deviations: list[Deviation] = []
        self.goal_history: list[Goal] = []
        self.investigations: dict[UUID, date] = {}
        self.personal_plans: dict[UUID, dict[str, Any]] = {}
        """Case -> when the resident was given the opportunity to hand in a personal plan, and whether they did."""
        self.required_decisions: dict[UUID, UUID] = {}
        """Revoked decision -> the bezwaar that revoked it: a new decision must take its place (Awb 7:11)."""
        self.closed_on: date | None = None
        self.closure_reason = ""

    def link_case(self, case_id: UUID) -> None:
        """A further case for the household joins its open plan instead of drafting a second one."""
        if case_id not in self.case_ids:
            self._case_linked(case_id)

    @event("CaseLinked")
    def _case_linked(self, case_id: UUID) -> None:
        self.case_ids.append(case_id)

    def assign_coordinator(self, coordinator: str, assigned_by: str, assigned_on: date) -> None:
        """A handover: the new regisseur replaces the old one, so there is exactly one at any time."""
        check_handover(self.id, self.coordinator, coordinator, assigned_by)
        self._coordinator_assigned(
            self.household_id, self.team_id, coordinator, self.coordinator, assigned_by, assigned_on
        )

    @event("CoordinatorAssigned")
    def _coordinator_assigned(
        self, household_id: UUID, team_id: str, coordinator: str, previous: str, assigned_by: str, assigned_on: date
    ) -> None:
        self.coordinator = coordinator
        self.coordinators.append({"coordinator": coordinator, "from": assigned_on, "assigned_by": assigned_by})

    def set_goal(self, life_domain: str, goal: str, own_strength: str, network: str, set_by: str, on: date) -> None:
        check_open(self.id, self.closed_on)
        proposed = Goal(life_domain, goal, own_strength, network, set_by)
        self._goal_set(self.household_id, self.team_id, new_goal(self.id, self.goals, proposed), on)

    @event(GoalSet)
    def _goal_set(self, household_id: UUID, team_id: str, goal: Goal, set_on: date) -> None:
        self.goals[goal.life_domain] = goal

    def revise_goal(
        self, life_domain: str, goal: str, own_strength: str, network: str, revised_by: str, on: date
    ) -> None:
        """A goal changes as the household does: the new revision replaces it, the old one stays in the history."""
        check_open(self.id, self.closed_on)
        revised = revised_goal(self.id, self.goals, Goal(life_domain, goal, own_strength, network, revised_by))
        self._goal_revised(self.household_id, self.team_id, revised, on)

    @event(GoalRevised)
    def _goal_revised(self, household_id: UUID, team_id: str, goal: Goal, revised_on: date) -> None:
        self.goal_history.append(self.goals[goal.life_domain])
        self.goals[goal.life_domain] = goal

    def learn_client_support_offered(self, case_id: UUID, offered_on: date) -> None:
        """Intake pointed the resident to independent client support (Wmo 2015 art. 2.3.2 lid 2)."""
        if case_id not in self.client_support_offers:
            self._client_support_offered(case_id, offered_on)

    @event("ClientSupportOffered")
    def _client_support_offered(self, case_id: UUID, offered_on: date) -> None:
        self.client_support_offers[case_id] = offered_on

    def take_decision(self, decision: Decision) -> None:
        """A mandated professional decides (the basis of a beschikking); each deviation is its own fact first."""
        self._check_gate(decision)
        self._record_deviations(decision, decision.decided_by, "", decision.decided_on)
        self._decision_taken(self.household_id, self.team_id, decision)

    def escalate(self, decision: Decision, reason: str) -> None:
        """Outside the professional's mandate: the decision waits for someone who holds it (approve or refuse)."""
        self._check_gate(decision)
        self._decision_escalated(self.household_id, self.team_id, decision.with_status(ESCALATED, reason))

    def approve(self, decision_id: UUID, approved_by: str, mandate_ref: str, on_behalf_of: str, on: date) -> None:
        """A mandate holder takes the escalated decision; the proposer stays on record."""
        pending = self._decision(decision_id)
        if pending.status != ESCALATED:
            raise NotEscalated(f"decision {decision_id} is {pending.status}, not waiting for approval")
        self._record_deviations(pending, approved_by, pending.decided_by, on)
        taken = pending.taken_by(approved_by, mandate_ref, on_behalf_of, on)
        self._decision_taken(self.household_id, self.team_id, taken)

    @event(DecisionTaken)
    def _decision_taken(self, household_id: UUID, team_id: str, decision: Decision) -> None:
        proposal = self.decisions.get(decision.decision_id)
        taken = decision if proposal is None else proposal.proposal_taken_as(decision)
        self.decisions[decision.decision_id] = taken
        self.required_decisions.pop(decision.replaces, None)  # type: ignore[arg-type]

    def refuse(self, decision: Decision) -> None:
        """A mandate holder refuses the request (afwijzing), with its legal ground and reasons: no money, no care."""
        self._check_gate(decision, paid=False)
        self._decision_refused(self.household_id, self.team_id, decision.with_status(REFUSED))

    def refuse_escalation(
        self, decision_id: UUID, refused_by: str, mandate_ref: str, on_behalf_of: str, on: date, why: Motivation
    ) -> None:
        """A mandate holder refuses the escalated proposal: it becomes a refusal, its proposer stays on record."""
        pending = self._decision(decision_id)
        if pending.status != ESCALATED:
            raise NotEscalated(f"decision {decision_id} is {pending.status}, not waiting for a mandate holder")
        refused = pending.refused_by(refused_by, mandate_ref, on_behalf_of, on, why)
        self._decision_refused(self.household_id, self.team_id, refused)

    @event(DecisionRefused)
    def _decision_refused(self, household_id: UUID, team_id: str, decision: Decision) -> None:
        self.decisions[decision.decision_id] = decision
        self.required_decisions.pop(decision.replaces, None)  # type: ignore[arg-type]

    @event(DecisionEscalated)
    def _decision_escalated(self, household_id: UUID, team_id: str, decision: Decision) -> None:
        self.decisions[decision.decision_id] = decision

    def record_arrangement(self, decision: Decision) -> None:
        """An informal or preventive arrangement: costs nothing from a budget, yet recorded and counted."""
        check_open(self.id, self.closed_on)
        if decision.amount_cents != 0:
            raise InvalidDecision(f"{decision.provision_code} is informal and costs nothing: amount_cents must be 0")
        check_new(decision, self.id, self.decisions, self.required_decisions)
        self._arrangement_recorded(self.household_id, self.team_id, decision.with_status(RECORDED))

    @event(ArrangementRecorded)
    def _arrangement_recorded(self, household_id: UUID, team_id: str, decision: Decision) -> None:
        self.decisions[decision.decision_id] = decision

    def _record_deviations(self, decision: Decision, decided_by: str, proposed_by: str, on: date) -> None:
        for deviation in deviations_of(decision, decided_by, proposed_by, on):
            self._deviation_recorded(self.household_id, self.team_id, deviation)

    @event(DeviationRecorded)
    def _deviation_recorded(self, household_id: UUID, team_id: str, deviation: Deviation) -> None:
        """The afwijking itself is a fact; the decision that carries it follows in the same transaction."""
        self.deviations.append(deviation)

    def learn_funds_reserved(self, decision_id: UUID) -> None:
        """Budget reserved the money; a decision cancelled or revoked meanwhile stays so (budget releases it)."""
        if self._decision(decision_id).status not in (FUNDS_RESERVED, CANCELLED, REVOKED):
            self._funds_reserved(decision_id)

    @event("FundsReserved")
    def _funds_reserved(self, decision_id: UUID) -> None:
        self.decisions[decision_id] = self.decisions[decision_id].with_status(FUNDS_RESERVED)

    def learn_funds_refused(self, decision_id: UUID, reason: str) -> None:
        """Budget refused the money; the team sees why and can decide again (a cancelled decision stays so)."""
        if self._decision(decision_id).status not in (FUNDS_REFUSED, CANCELLED, REVOKED):
            self._funds_refused(decision_id, reason)

    @event("FundsRefused")
    def _funds_refused(self, decision_id: UUID, reason: str) -> None:
        self.decisions[decision_id] = self.decisions[decision_id].with_status(FUNDS_REFUSED, reason)

    def cancel_decision(
        self, decision_id: UUID, cancelled_by: str, reason: str, cancelled_on: date, replaced_by: UUID | None = None
    ) -> None:
        """Withdraw a decision (taken, funded, escalated or recorded) with the professional and the reason; when a
        new decision replaces it (a change after an evaluation), the backoffice sends a change instead."""
        check_cancellable(self.id, decision_id, self.decisions.get(decision_id), cancelled_by, reason)
        self._decision_cancelled(
            self.household_id, self.team_id, decision_id, cancelled_by, reason, cancelled_on, replaced_by
        )

    @event("DecisionCancelled")
    def _decision_cancelled(
        self, household_id: UUID, team_id: str, decision_id: UUID, cancelled_by: str, reason: str, cancelled_on: date,
        replaced_by: UUID | None = None,
    ) -> None:  # fmt: skip
        self.decisions[decision_id] = self.decisions[decision_id].with_status(CANCELLED, reason)

    def learn_revoked(self, decision_id: UUID, objection_id: UUID, revoked_on: date) -> None:
        """A bezwaar against the decision was upheld: it is revoked (herroepen) and a new decision must follow."""
        if self._decision(decision_id).status != REVOKED:
            self._decision_revoked(decision_id, objection_id, revoked_on)

    @event("DecisionRevoked")
    def _decision_revoked(self, decision_id: UUID, objection_id: UUID, revoked_on: date) -> None:
        self.decisions[decision_id] = self.decisions[decision_id].with_status(REVOKED)
        self.required_decisions[decision_id] = objection_id

    def report_investigation(self, case_id: UUID, reported_by: str, reported_on: date) -> None:
        """The investigation of a case is reported (onderzoeksverslag, Wmo 2015 art. 2.3.2): its term stops."""
        check_open(self.id, self.closed_on)
        check_case(self.id, self.case_ids, case_id)
        if case_id in self.investigations:
            raise InvestigationAlreadyReported(f"the investigation of case {case_id} was reported on "
                                               f"{self.investigations[case_id]}")  # fmt: skip
        self._investigation_reported(self.household_id, self.team_id, case_id, reported_by, reported_on)

    @event("InvestigationReported")
    def _investigation_reported(
        self, household_id: UUID, team_id: str, case_id: UUID, reported_by: str, reported_on: date
    ) -> None:
        self.investigations[case_id] = reported_on

    def record_personal_plan(self, case_id: UUID, offered_on: date, handed_in: bool, by: str, on: date) -> None:
        """The resident was given the opportunity to hand in a personal plan (Wmo 2015 art. 2.3.2 lid 2), and did
        or did not: recorded once per case."""
        check_open(self.id, self.closed_on)
        check_personal_plan(self.id, self.case_ids, self.personal_plans, case_id, offered_on, on)
        self._personal_plan_recorded(self.household_id, self.team_id, case_id, offered_on, handed_in, by, on)

    @event("PersonalPlanRecorded")
    def _personal_plan_recorded(
        self, household_id: UUID, team_id: str, case_id: UUID, offered_on: date, handed_in: bool, recorded_by: str,
        recorded_on: date,
    ) -> None:  # fmt: skip
        self.personal_plans[case_id] = {"offered_on": offered_on, "handed_in": handed_in, "recorded_by": recorded_by}

    def close(self, reason: str, closed_by: str, on: date, hand_over_to: str | None = None) -> None:
        """Close the plan: its goals met, or the household moved away; optionally hand over the coordinator."""
        check_open(self.id, self.closed_on)
        check_closable(self.id, reason, self.goals, self.decisions, on)
        if hand_over_to is not None:
            self.assign_coordinator(hand_over_to, closed_by, on)
        self._closed(self.household_id, self.team_id, reason, closed_by, on, self.coordinator)

    @event("Closed")
    def _closed(
        self, household_id: UUID, team_id: str, reason: str, closed_by: str, closed_on: date, coordinator: str
    ) -> None:
        self.closed_on, self.closure_reason = closed_on, reason

    def evaluate(self, evaluation_id: UUID, evaluated_by: str, on: date, results: list[dict[str, str]]) -> None:
        """Each goal: achieved, partly or not achieved, with remarks."""
        check_open(self.id, self.closed_on)
        check_evaluation(self.id, self.goals, evaluated_by, results)
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
            domain = result["life_domain"]
            self.goals[domain] = self.goals[domain].evaluated(result["outcome"], result.get("remarks", ""))
        evaluation = {"evaluation_id": evaluation_id, "evaluated_by": evaluated_by, "evaluated_on": evaluated_on}
        self.evaluations.append(evaluation | {"results": results})

    def attach_feedback(
        self, assignment_id: UUID, provider_id: str, plan_fits: bool, remarks: str, received_on: date
    ) -> None:
        """A care provider's feedback on the arrangement (PlanFeedbackGiven): internal to the plan."""
        self._feedback_attached(assignment_id, provider_id, plan_fits, remarks, received_on, self.household_id)

    @event("FeedbackAttached")
    def _feedback_attached(
        self,
        assignment_id: UUID,
        provider_id: str,
        plan_fits: bool,
        remarks: str,
        received_on: date,
        household_id: UUID | None = None,
    ) -> None:
        """`household_id` (issue 18, absent before) lets the store seal the remarks with the household's key."""
        feedback = {"assignment_id": assignment_id, "provider_id": provider_id, "plan_fits": plan_fits}
        self.feedback.append(feedback | {"remarks": remarks, "received_on": received_on})

    def _check_gate(self, decision: Decision, paid: bool = True) -> None:
        """A new decision in an open plan, after client support was offered; paid support needs the own-strength
        goal (a refusal does not)."""
        check_open(self.id, self.closed_on)
        check_new(decision, self.id, self.decisions, self.required_decisions)
        goals = set(self.goals) if paid else {decision.life_domain}
        check_gate(self.id, self.case_ids, self.client_support_offers, goals, decision.life_domain)

    def _decision(self, decision_id: UUID) -> Decision:
        try:
            return self.decisions[decision_id]
        except KeyError:
            raise UnknownDecision(f"plan {self.id} has no decision {decision_id}") from None


events.register_former_topics(Plan)
