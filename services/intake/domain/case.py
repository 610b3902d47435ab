"""A case: opened for exactly one team, with its statutory clocks, client support and the debt screening.

Every event carries the household and team, so the translator can publish it without looking anything up.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict, Refused
from services.intake.domain import suspension
from services.intake.domain.case_default import check_notice, check_penalty
from services.intake.domain.clocks import Clock, ClockConflict, check_start, check_stop, missed_terms
from services.intake.domain.penalty import Default, Penalty
from services.intake.domain.screening import DebtScreening

SUPPORT_CHOICES = ("volunteer", "professional", "none")
PROVISION_DOMAINS = ("wmo", "youth", "special_assistance")


class NoClientSupportOffer(Conflict):
    """The resident's choice of client support is recorded only after the offer (Wmo 2015 art. 2.3.2 lid 3)."""


class Case(Aggregate):
    class ClockStarted(Aggregate.Event):
        """Carries the clock whole (class version 2); version 1 flattened its six fields."""

        household_id: UUID
        team_id: str
        clock: Clock
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            started = ("clock", "clock_id", "started_on", "due_on", "counting", "legal_basis")
            state["clock"] = Clock(**{name: state.pop(name) for name in started})

    @event("Opened")
    def __init__(self, household_id: UUID, request_id: UUID, district: str, team_id: str, opened_on: date) -> None:
        self.household_id = household_id
        self.request_id = request_id
        self.district = district
        self.team_id = team_id
        self.opened_on = opened_on
        self.debt_concern = False
        self.receipt_confirmed_on: date | None = None
        self.client_support_offered_on: date | None = None
        self.client_support_choice: str | None = None
        self.applications: dict[str, str] = {}
        self.clocks: dict[str, Clock] = {}
        self.defaults: dict[str, Default] = {}
        self.penalties: dict[str, Penalty] = {}

    def confirm_receipt(self, confirmed_on: date) -> None:
        """Wmo 2015 art. 2.3.2 lid 1: the college confirms receipt of the melding."""
        self._receipt_confirmed(self.household_id, self.team_id, self.request_id, confirmed_on)

    @event("ReceiptConfirmed")
    def _receipt_confirmed(self, household_id: UUID, team_id: str, request_id: UUID, confirmed_on: date) -> None:
        self.receipt_confirmed_on = confirmed_on

    def flag_debt_concern(self, flagged_on: date, threatening: bool) -> None:
        """The intake screening found signs of debts: refer early to debt assistance."""
        self._debt_concern_flagged(self.household_id, self.team_id, flagged_on, threatening)

    @event("DebtConcernFlagged")
    def _debt_concern_flagged(self, household_id: UUID, team_id: str, flagged_on: date, threatening: bool) -> None:
        self.debt_concern = True
        self.debt_flagged_on = flagged_on
        self.threatening = threatening

    def screen_debts(self, screening: DebtScreening, screened_on: date) -> bool:
        """Record the screening's answers; flag a debt concern when they show one. Returns whether they did."""
        self._debts_screened(screening.concern, screening.threat, screened_on)
        if screening.concern:
            self.flag_debt_concern(screened_on, screening.threatening)
        return screening.concern

    @event("DebtsScreened")
    def _debts_screened(self, concern: bool, threat: str | None, screened_on: date) -> None:
        self.debts_screened_on = screened_on

    def offer_client_support(self, offered_by: str, offered_on: date) -> None:
        """Point the resident to free independent client support, before the investigation (art. 2.3.2 lid 3)."""
        if not offered_by.strip():
            raise Refused("offered_by names the professional who made the offer")
        self._client_support_offered(self.household_id, self.team_id, offered_by, offered_on)

    @event("ClientSupportOffered")
    def _client_support_offered(self, household_id: UUID, team_id: str, offered_by: str, offered_on: date) -> None:
        self.client_support_offered_on = offered_on

    def choose_client_support(self, choice: str, chosen_on: date) -> None:
        if choice not in SUPPORT_CHOICES:
            raise Refused(f"choice must be one of {', '.join(SUPPORT_CHOICES)}")
        if self.client_support_offered_on is None:
            raise NoClientSupportOffer(f"case {self.id}: no offer of client support is on record yet")
        self._client_support_chosen(self.household_id, self.team_id, choice, chosen_on)

    @event("ClientSupportChosen")
    def _client_support_chosen(self, household_id: UUID, team_id: str, choice: str, chosen_on: date) -> None:
        self.client_support_choice = choice

    def receive_application(self, application_id: UUID, domain: str, received_on: date) -> None:
        """An aanvraag: the caller starts its decision clock in the same command."""
        if domain not in PROVISION_DOMAINS:
            raise Refused(f"domain must be one of {', '.join(PROVISION_DOMAINS)}")
        if received_on < self.opened_on:
            raise Refused("an application cannot be received before the case opened")
        self._application_received(self.household_id, self.team_id, application_id, domain, received_on)

    @event("ApplicationReceived")
    def _application_received(
        self, household_id: UUID, team_id: str, application_id: UUID, domain: str, received_on: date
    ) -> None:
        self.applications[str(application_id)] = domain

    def require_decision(self, revision_id: UUID, domain: str, objection_id: UUID, on: date) -> None:
        """A bezwaar was upheld: the college must decide again (Awb 7:11 lid 2); the caller starts its term."""
        if domain not in PROVISION_DOMAINS:
            raise Refused(f"domain must be one of {', '.join(PROVISION_DOMAINS)}")
        self._decision_required(self.household_id, self.team_id, revision_id, domain, objection_id, on)

    @event("DecisionRequired")
    def _decision_required(
        self, household_id: UUID, team_id: str, revision_id: UUID, domain: str, objection_id: UUID, required_on: date
    ) -> None:
        self.applications[str(revision_id)] = domain

    def running_decision_clock(self, domain: str, on: date) -> Clock | None:
        """The oldest running decision term of an aanvraag in `domain` that started by `on`: the one a beschikking
        sent on `on` ends (inferred: the facts name no aanvraag, so the first come is the first served)."""
        running = [
            c for c in self.clocks.values()
            if c.clock == "decision" and c.stopped_on is None and c.started_on <= on
            and self.applications.get(c.clock_id.removeprefix("decision:")) == domain
        ]  # fmt: skip
        return min(running, key=lambda c: (c.started_on, c.clock_id), default=None)

    def start_clock(self, clock: Clock) -> None:
        check_start(self.clocks, clock.clock_id)
        self._clock_started(self.household_id, self.team_id, clock)

    @event(ClockStarted)
    def _clock_started(self, household_id: UUID, team_id: str, clock: Clock) -> None:
        self.clocks[clock.clock_id] = clock

    def stop_clock(self, clock_id: str, stopped_on: date) -> bool:
        """What the term was for happened; returns whether it happened in time (on or before the last day)."""
        clock = check_stop(self.clocks, clock_id, stopped_on)
        in_time = clock.suspended or stopped_on <= clock.due_on  # a suspended term stands still (Awb 4:15)
        self._clock_stopped(self.household_id, self.team_id, clock.clock, clock_id, stopped_on, in_time)
        return in_time

    @event("ClockStopped")
    def _clock_stopped(
        self, household_id: UUID, team_id: str, clock: str, clock_id: str, stopped_on: date, in_time: bool
    ) -> None:
        self.clocks[clock_id] = replace(self.clocks[clock_id], stopped_on=stopped_on)

    def record_missed_terms(self, today: date) -> list[str]:
        """Every running clock whose term has passed becomes a TermMissed fact, once. Returns their ids."""
        missed = missed_terms(self.clocks.values(), today)
        for clock in missed:
            self._term_missed(
                self.household_id, self.team_id, clock.clock, clock.clock_id, clock.due_on, today, clock.legal_basis
            )
        return [c.clock_id for c in missed]

    @event("TermMissed")
    def _term_missed(
        self, household_id: UUID, team_id: str, clock: str, clock_id: str, due_on: date, detected_on: date,
        legal_basis: str,
    ) -> None:  # fmt: skip
        self.clocks[clock_id] = replace(self.clocks[clock_id], missed_on=detected_on)

    def suspend_clock(self, clock_id: str, reason_code: str, on: date) -> None:
        """Awb 4:15: the decision term stands still (from the day after an invitation to complete the aanvraag)."""
        clock = suspension.suspended(self._clock(clock_id), reason_code, on)
        assert clock.suspended_from is not None
        self._clock_suspended(self.household_id, self.team_id, clock_id, clock.suspended_from, reason_code)

    @event("ClockSuspended")
    def _clock_suspended(
        self, household_id: UUID, team_id: str, clock_id: str, suspended_from: date, reason_code: str
    ) -> None:
        self.clocks[clock_id] = replace(self.clocks[clock_id], suspended_from=suspended_from)

    def resume_clock(self, clock_id: str, resumed_on: date) -> date:
        """The term runs again; its last day moves by the days it stood still. Returns the new last day."""
        clock, days = suspension.resumed(self._clock(clock_id), resumed_on)
        self._clock_resumed(self.household_id, self.team_id, clock_id, resumed_on, days, clock)
        return clock.due_on

    @event("ClockResumed")
    def _clock_resumed(
        self, household_id: UUID, team_id: str, clock_id: str, resumed_on: date, days: int, clock: Clock
    ) -> None:
        self.clocks[clock_id] = clock

    def extend_clock(self, clock_id: str, new_due: date, reason_code: str, notified_on: date) -> None:
        """Awb 4:14: the college tells the applicant, before the term ends, the later day it will decide by."""
        previous = self._clock(clock_id)
        clock = suspension.extended(previous, new_due, reason_code, notified_on)
        self._clock_extended(
            self.household_id, self.team_id, clock_id, notified_on, previous.due_on, reason_code, clock
        )

    @event("ClockExtended")
    def _clock_extended(
        self, household_id: UUID, team_id: str, clock_id: str, notified_on: date, previous_due: date,
        reason_code: str, clock: Clock,
    ) -> None:  # fmt: skip
        self.clocks[clock_id] = clock

    def receive_notice_of_default(self, clock_id: str, received_on: date) -> Default:
        """The resident's written ingebrekestelling after the decision term passed (Awb 4:17 lid 3)."""
        default = check_notice(self.clocks, self.defaults, clock_id, received_on)
        self._notice_of_default_received(self.household_id, self.team_id, default)
        return default

    @event("NoticeOfDefaultReceived")
    def _notice_of_default_received(self, household_id: UUID, team_id: str, default: Default) -> None:
        self.defaults[default.clock_id] = default

    def determine_penalty(self, clock_id: str, determined_by: str, today: date, exemption: str = "") -> Penalty:
        """The college determines the dwangsom by beschikking once no more days accrue (Awb 4:18)."""
        penalty = check_penalty(self.clocks, self.defaults, self.penalties, clock_id, today, determined_by, exemption)
        self._penalty_determined(self.household_id, self.team_id, penalty)
        return penalty

    @event("PenaltyDetermined")
    def _penalty_determined(self, household_id: UUID, team_id: str, penalty: Penalty) -> None:
        self.penalties[penalty.clock_id] = penalty

    def _clock(self, clock_id: str) -> Clock:
        clock = self.clocks.get(clock_id)
        if clock is None:
            raise ClockConflict(f"no clock {clock_id} runs for this case; clocks: {sorted(self.clocks)}")
        return clock
