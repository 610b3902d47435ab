"""Clocks stopped by the facts themselves (issue 17): intake's inbox handlers for the other services' facts.

- PersonalPlanRecorded (planning) stops the case's personal-plan term (Wmo 2015 art. 2.3.2 lid 2) on the day the
  resident was given the opportunity to hand in a personal plan. Not PlanDrafted: planning drafts the team's own
  plan the moment the case opens, so that term would always be met on day 0 (docs/lawcycle.md says why).
- InvestigationReported (planning) stops the case's investigation term (Wmo 2015 art. 2.3.2 lid 1).
- DecisionLetterIssued and RefusalLetterIssued (backoffice) stop the decision term of the household's oldest
  running aanvraag in the letter's domain (Wmo 2015 art. 2.3.5 lid 2; Awb 4:13): the beschikking was sent.
- DecisionRevoked (backoffice) starts a new decision term: a bezwaar was upheld and the college must decide again
  (Awb 7:11 lid 2); the next beschikking in that domain stops it.
The Wgs first-conversation term is debt assistance's own clock: its DebtIntakeHeld stops it there.
A fact about an erased household, or about a term already stopped (by hand), changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import Tracking

from contracts.events.backoffice import DecisionLetterIssued
from contracts.events.backoffice_cycle import DecisionRevoked, RefusalLetterIssued
from contracts.events.planning_cycle import InvestigationReported, PersonalPlanRecorded
from services.intake.base import Intake
from services.intake.domain.case import Case
from services.intake.domain.household import Household, HouseholdErased
from services.intake.terms import decision_clock
from wijk.consumer import Unprocessable

T = TypeVar("T")

DOMAIN_OF_LINE = {"wmo": "wmo", "youth": "youth", "special_assistance": "special_assistance"}
"""The aanvraag domain a budget line's beschikking decides on; the discretionary budget has no aanvraag."""


def on_personal_plan_recorded(intake: Intake, event: PersonalPlanRecorded, tracking: Tracking) -> None:
    _stop_on_case(intake, tracking, event.case_id, "personal_plan", event.offered_on)


def on_investigation_reported(intake: Intake, event: InvestigationReported, tracking: Tracking) -> None:
    _stop_on_case(intake, tracking, event.case_id, "investigation", event.reported_on)


def on_letter_issued(intake: Intake, event: DecisionLetterIssued | RefusalLetterIssued, tracking: Tracking) -> None:
    if intake.already_processed(tracking):
        return
    domain = DOMAIN_OF_LINE.get(event.budget_line or "")
    case = None
    for candidate in _cases(intake, event.household_id) if domain else []:
        clock = candidate.running_decision_clock(domain or "", event.dispatch_date)
        if clock is not None:
            candidate.stop_clock(clock.clock_id, event.dispatch_date)
            case = candidate
            break
    intake.record_processed(tracking, case)


def on_decision_revoked(intake: Intake, event: DecisionRevoked, tracking: Tracking) -> None:
    if intake.already_processed(tracking):
        return
    domain = DOMAIN_OF_LINE.get(event.budget_line)
    cases = _cases(intake, event.household_id)
    if domain is None or not cases:
        intake.record_processed(tracking)
        return
    case, revision_id = cases[-1], uuid.uuid5(event.objection_id, "revision")
    case.require_decision(revision_id, domain, event.objection_id, event.revoked_on)
    case.start_clock(decision_clock(domain, str(revision_id), event.revoked_on))
    intake.record_processed(tracking, case)


def _stop_on_case(intake: Intake, tracking: Tracking, case_id: UUID, clock_id: str, on: date) -> None:
    if intake.already_processed(tracking):
        return
    case = _known(lambda: intake.get_case(case_id), f"case {case_id}")
    clock = case.clocks.get(clock_id)
    stoppable = clock is not None and clock.stopped_on is None and on >= clock.started_on and _present(intake, case)
    if stoppable:
        case.stop_clock(clock_id, on)
    intake.record_processed(tracking, case if stoppable else None)


def _cases(intake: Intake, household_id: UUID) -> list[Case]:
    """The household's cases, oldest first; none when it was erased."""
    household: Household = _known(lambda: intake.repository.get(household_id), f"household {household_id}")
    if household.erased_on is not None:
        return []
    return [intake.get_case(case_id) for case_id in household.case_ids]


def _present(intake: Intake, case: Case) -> bool:
    try:
        intake.present_household(case.household_id)
    except HouseholdErased:
        return False
    return True


def _known(load: Callable[[], T], what: str) -> T:
    try:
        return load()
    except AggregateNotFoundError:
        raise Unprocessable(f"intake knows no {what}") from None
