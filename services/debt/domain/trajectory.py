"""A debt-assistance trajectory (schuldhulpverleningstraject) for one household, opened by a referral.

referred → intake held (eerste gesprek) → stabilised → arrangement reached → closed. Steps come in this order
(else 409); closure is possible from any open step, with an outcome that fits how far the trajectory got. The
first-conversation term is stored when the referral arrives, so a replay keeps the term that applied then.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict, Refused
from services.debt.domain.admission import Admission, check_motivation

NAMESPACE = UUID("9a4e2c71-5b3d-4f08-8e6a-1d7c0b2f9e45")
REFERRED, INTAKE_HELD, STABILISED, ARRANGED, CLOSED = "referred", "intake_held", "stabilised", "arranged", "closed"
ORDER = (REFERRED, INTAKE_HELD, STABILISED, ARRANGED)
SOURCES = ("intake", "backoffice", "arrears")
ARRANGEMENTS = ("payment_arrangement", "debt_settlement", "redemption_credit", "refinancing")
OUTCOMES = {
    "debt_free": ARRANGED,
    "arrangement_in_place": ARRANGED,
    "stable_without_arrangement": STABILISED,
    "referred_to_wsnp": STABILISED,
    "client_withdrew": REFERRED,
    "not_admitted": REFERRED,
    "moved_away": REFERRED,
}
"""Each closure outcome and the step the trajectory must at least have reached for it."""


class StepOutOfOrder(Conflict):
    """A step that does not follow from where the trajectory is (409)."""


class InvalidStepDate(Refused):
    """A step dated before the step it follows, or in the future."""


def trajectory_key(upstream_id: UUID) -> UUID:
    """One trajectory per referral (intake case, backoffice referral or arrears signal): no twin on replay."""
    return uuid5(NAMESPACE, str(upstream_id))


class DebtTrajectory(Aggregate):
    class ReferralReceived(Aggregate.Created):
        """v2 names the upstream id `referral_id` and records the source; v1 (thin slice) had `case_id`."""

        class_version = 2
        referral_id: UUID
        source: str
        household_id: UUID
        team_id: str
        received_on: date
        threatening: bool
        first_conversation_due: date

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["referral_id"] = state.pop("case_id")
            state["source"] = "intake"

    @staticmethod
    def create_id(referral_id: UUID, **_: Any) -> UUID:
        return trajectory_key(referral_id)

    @event(ReferralReceived)
    def __init__(
        self,
        referral_id: UUID,
        source: str,
        household_id: UUID,
        team_id: str,
        received_on: date,
        threatening: bool,
        first_conversation_due: date,
    ) -> None:
        if source not in SOURCES:
            raise Refused(f"unknown referral source {source!r}")
        self.referral_id, self.source, self.household_id, self.team_id = referral_id, source, household_id, team_id
        self.received_on, self.threatening = received_on, threatening
        self.first_conversation_due = first_conversation_due
        self.status = REFERRED
        self.last_step_on = received_on
        self.term_missed = False
        self.outcome: str | None = None
        self.admission: Admission | None = None

    def hold_intake(self, held_on: date, today: date) -> None:
        """The first conversation took place on `held_on` (in time or not)."""
        self._step(REFERRED, held_on, today)
        within = held_on <= self.first_conversation_due
        self._intake_held(self.household_id, self.team_id, held_on, self.first_conversation_due, within)

    @event("IntakeHeld")
    def _intake_held(
        self, household_id: UUID, team_id: str, held_on: date, first_conversation_due: date, within_term: bool
    ) -> None:
        self.status, self.last_step_on = INTAKE_HELD, held_on

    def decide_admission(self, admission: Admission, today: date) -> None:
        """The Wgs beschikking after the intake conversation: admitted, or refused with ground and reasons."""
        if self.status != INTAKE_HELD:
            raise StepOutOfOrder(f"trajectory {self.id} is {self.status}: admission is decided after the intake")
        if self.admission is not None:
            raise StepOutOfOrder(f"admission was decided on {self.admission.decided_on}")
        if not admission.decided_by.strip():
            raise Refused("decided_by names the mandate holder who decides on behalf of the college")
        check_motivation(admission.admitted, admission.ground, admission.reasons)
        self._require_date(admission.decided_on, today)
        self._admission_decided(self.household_id, self.team_id, admission)

    @event("AdmissionDecided")
    def _admission_decided(self, household_id: UUID, team_id: str, admission: Admission) -> None:
        self.admission, self.last_step_on = admission, admission.decided_on

    def stabilise(self, stabilised_on: date, today: date) -> None:
        if self.admission is not None and not self.admission.admitted:
            raise StepOutOfOrder(f"trajectory {self.id}: admission was refused; close it as not_admitted")
        self._step(INTAKE_HELD, stabilised_on, today)
        self._stabilised(self.household_id, self.team_id, stabilised_on)

    @event("Stabilised")
    def _stabilised(self, household_id: UUID, team_id: str, stabilised_on: date) -> None:
        self.status, self.last_step_on = STABILISED, stabilised_on

    def reach_arrangement(self, arrangement: str, reached_on: date, today: date) -> None:
        if arrangement not in ARRANGEMENTS:
            raise Refused(f"arrangement {arrangement!r} is not one of {', '.join(ARRANGEMENTS)}")
        self._step(STABILISED, reached_on, today)
        self._arrangement_reached(self.household_id, self.team_id, arrangement, reached_on)

    @event("ArrangementReached")
    def _arrangement_reached(self, household_id: UUID, team_id: str, arrangement: str, reached_on: date) -> None:
        self.status, self.last_step_on = ARRANGED, reached_on

    def close(self, outcome: str, closed_on: date, today: date) -> None:
        """Close with an outcome; the outcome must fit how far the trajectory got (debt-free needs an arrangement)."""
        if outcome not in OUTCOMES:
            raise Refused(f"outcome {outcome!r} is not one of {', '.join(OUTCOMES)}")
        if self.status == CLOSED:
            raise StepOutOfOrder(f"trajectory {self.id} is already closed")
        needed = OUTCOMES[outcome]
        if ORDER.index(self.status) < ORDER.index(needed):
            raise StepOutOfOrder(f"outcome {outcome!r} needs the trajectory to be {needed}, it is {self.status}")
        self._require_date(closed_on, today)
        self._closed(self.household_id, self.team_id, outcome, closed_on)

    @event("Closed")
    def _closed(self, household_id: UUID, team_id: str, outcome: str, closed_on: date) -> None:
        self.status, self.last_step_on, self.outcome = CLOSED, closed_on, outcome

    def first_conversation_overdue(self, today: date) -> bool:
        """The first conversation has not taken place and its last day has passed; not yet recorded."""
        return self.status == REFERRED and not self.term_missed and today > self.first_conversation_due

    def miss_first_conversation(self, noticed_on: date) -> None:
        if not self.first_conversation_overdue(noticed_on):
            raise StepOutOfOrder(f"trajectory {self.id}: the first-conversation term is not (newly) missed")
        self._term_missed(
            self.household_id, self.team_id, "first_conversation", self.first_conversation_due, noticed_on
        )

    @event("TermMissed")
    def _term_missed(self, household_id: UUID, team_id: str, term: str, due: date, noticed_on: date) -> None:
        self.term_missed = True

    def _step(self, expected: str, on: date, today: date) -> None:
        if self.status != expected:
            raise StepOutOfOrder(f"trajectory {self.id} is {self.status}: this step needs it to be {expected}")
        self._require_date(on, today)

    def _require_date(self, on: date, today: date) -> None:
        if on < self.last_step_on:
            raise InvalidStepDate(f"{on} lies before the previous step, on {self.last_step_on}")
        if on > today:
            raise InvalidStepDate(f"{on} lies in the future (today is {today})")
