"""Debt assistance's commands and queries: referrals in (intake, backoffice, arrears signals), trajectories with
their Wgs term, their steps and missed terms out."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.persistence import IntegrityError, JSONTranscoder, Tracking

from contracts.events.backoffice import DebtReferralSent
from contracts.events.intake import DebtConcernFlagged, HelpOffered
from kernel.errors import NotFound
from kernel.municipality import municipality_of
from services.debt.domain.admission import Admission
from services.debt.domain.terms import RUNNING, TERM_EVENTS, overdue, term_state
from services.debt.domain.trajectory import DebtTrajectory, trajectory_key
from services.debt.letter import render_admission
from services.debt.terms import first_conversation_due, objection_deadline
from wijk.eventstore import ServiceApplication
from wijk.log_index import LogIndex, StateIndex
from wijk.settings import PlatformSettings
from wijk.transcodings import ValueObjectAsDict

log = logging.getLogger(__name__)


class DebtApplication(ServiceApplication):
    name = "debt"
    batches_facts = True  # its handlers read through the repository and write through record_processed only
    free_text = {DebtTrajectory.AdmissionDecided: ("admission.reasons",)}  # type: ignore[attr-defined]
    """A refusal's reasons (Awb 3:46) are free text about the household: sealed with its text key (ADR 0006)."""

    def __init__(self, settings: PlatformSettings | None = None) -> None:
        super().__init__(settings)
        self.municipality = municipality_of(self.settings.municipality_config).municipality
        self.by_household = LogIndex(self, DebtTrajectory.ReferralReceived, key=lambda e: str(e.household_id))
        self.first_conversation = StateIndex(self, TERM_EVENTS, key=term_state)  # the trajectories whose term runs

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(ValueObjectAsDict(Admission, "debt_admission"))

    def on_debt_concern_flagged(self, event: DebtConcernFlagged, tracking: Tracking) -> UUID | None:
        """Intake flagged debts: the referral is received on the day it was flagged."""
        return self._refer(tracking, event.case_id, "intake", event, event.flagged_on, event.threatening)

    def on_debt_referral_sent(self, event: DebtReferralSent, tracking: Tracking) -> UUID | None:
        """The backoffice referred the household."""
        return self._refer(tracking, event.referral_id, "backoffice", event, event.referred_on, event.threatening)

    def on_help_offered(self, event: HelpOffered, tracking: Tracking) -> UUID | None:
        """Vroegsignalering: intake offered help after a partner's arrears signal (Wgs art. 3, Bgs art. 2).

        Intake also flags a debt concern on the same case, so both facts name one trajectory (keyed by the case):
        whichever arrives first opens it, the other changes nothing. Inferred: the hulpaanbod is taken as the
        request, so the 4-week term runs from the day it was offered; an arrears signal is not per se a
        threatening situation (LAW.md §1.5: an energy supplier's signal is not).
        """
        return self._refer(tracking, event.case_id, "arrears", event, event.offered_on, threatening=False)

    def _refer(
        self,
        tracking: Tracking,
        upstream_id: UUID,
        source: str,
        event: DebtConcernFlagged | DebtReferralSent | HelpOffered,
        received_on: date,
        threatening: bool,
    ) -> UUID | None:
        if self.already_processed(tracking):
            return None
        if trajectory_key(upstream_id) in self.repository:
            self.record_processed(tracking)  # the same referral, republished under another position
            return None
        trajectory = DebtTrajectory(
            referral_id=upstream_id,
            source=source,
            household_id=event.household_id,
            team_id=event.team_id,
            received_on=received_on,
            threatening=threatening,
            first_conversation_due=first_conversation_due(received_on, threatening),
        )
        self.record_processed(tracking, trajectory)
        return trajectory.id

    def hold_intake(self, trajectory_id: UUID, held_on: date, today: date) -> None:
        trajectory: DebtTrajectory = self.repository.get(trajectory_id)
        trajectory.hold_intake(held_on, today)
        self.save(trajectory)

    def decide_admission(
        self, trajectory_id: UUID, admitted: bool, ground: str, reasons: str, decided_by: str, today: date
    ) -> None:
        """The Wgs beschikking after the intake conversation, sent today with its bezwaartermijn."""
        trajectory: DebtTrajectory = self.repository.get(trajectory_id)
        letter_id = uuid5(trajectory_id, "admission")
        deadline = objection_deadline(today)
        admission = Admission(letter_id, admitted, ground, reasons.strip(), decided_by, today, deadline)
        trajectory.decide_admission(admission, today)
        self.save(trajectory)

    def admission_letter(self, trajectory_id: UUID) -> str:
        trajectory: DebtTrajectory = self.repository.get(trajectory_id)
        if trajectory.admission is None:
            raise NotFound(f"no beschikking on admission for trajectory {trajectory_id} yet")
        return render_admission(trajectory.admission, self.municipality)

    def stabilise(self, trajectory_id: UUID, stabilised_on: date, today: date) -> None:
        trajectory: DebtTrajectory = self.repository.get(trajectory_id)
        trajectory.stabilise(stabilised_on, today)
        self.save(trajectory)

    def reach_arrangement(self, trajectory_id: UUID, arrangement: str, reached_on: date, today: date) -> None:
        trajectory: DebtTrajectory = self.repository.get(trajectory_id)
        trajectory.reach_arrangement(arrangement, reached_on, today)
        self.save(trajectory)

    def close_trajectory(self, trajectory_id: UUID, outcome: str, closed_on: date, today: date) -> None:
        trajectory: DebtTrajectory = self.repository.get(trajectory_id)
        trajectory.close(outcome, closed_on, today)
        self.save(trajectory)

    def check_terms(self, today: date) -> list[UUID]:
        """Record DebtTermMissed for every trajectory whose first conversation is overdue on `today`, once each.
        Only the trajectories still waiting for their first conversation are read, not every one ever referred."""
        waiting = self.first_conversation.ids(RUNNING)
        trajectories: list[DebtTrajectory] = [self.repository.get(i) for i in waiting]
        due = set(overdue(trajectories, today))
        missed = []
        for trajectory in (t for t in trajectories if t.id in due):
            trajectory.miss_first_conversation(today)
            try:
                self.save(trajectory)
            except IntegrityError:  # a concurrent step or check changed it first: the next check decides
                log.info("debt: trajectory %s changed during the term check; skipped", trajectory.id)
                continue
            missed.append(trajectory.id)
        return missed

    def trajectory(self, trajectory_id: UUID) -> dict[str, Any]:
        trajectory: DebtTrajectory = self.repository.get(trajectory_id)
        return {
            "trajectory_id": str(trajectory.id),
            "referral_id": str(trajectory.referral_id),
            "source": trajectory.source,
            "household_id": str(trajectory.household_id),
            "team_id": trajectory.team_id,
            "received_on": trajectory.received_on.isoformat(),
            "threatening": trajectory.threatening,
            "first_conversation_due": trajectory.first_conversation_due.isoformat(),
            "first_conversation_term_missed": trajectory.term_missed,
            "status": trajectory.status,
            "outcome": trajectory.outcome,
            "admitted": None if trajectory.admission is None else trajectory.admission.admitted,
        }

    def trajectories(self, household_id: UUID) -> list[dict[str, Any]]:
        return [self.trajectory(i) for i in self.by_household.ids(str(household_id))]
