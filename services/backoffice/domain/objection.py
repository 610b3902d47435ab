"""A bezwaar against a beschikking: lodged, its decision term, at most one deferral, and its decision.

- Beslistermijn (Awb 7:10): six weeks, or twelve when an advisory committee (Awb 7:13) hears the bezwaar, counted
  from the day after the bezwaartermijn ended; it may be deferred once, by at most six weeks, with written notice
  (7:10 lid 3). Further deferral needs the objector's consent (lid 4): not modelled.
- The decision on a bezwaar may not be taken under mandate by the person who took the contested decision under
  mandate (Awb 10:3 lid 3).
The calendar (Algemene termijnenwet) is passed in as `term_end`, so the domain stays free of I/O and platform code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict, Forbidden, Refused

TermEnd = Callable[[date, int], date]
"""(start, weeks) -> the last day of a statutory term counted from the day after `start`."""

DECISION_WEEKS = 6
DECISION_WEEKS_WITH_COMMITTEE = 12
MAX_DEFERRAL_WEEKS = 6
OUTCOMES = ("gegrond", "gedeeltelijk gegrond", "ongegrond", "niet-ontvankelijk")


class ObjectionAlreadyDecided(Conflict):
    """A bezwaar is decided once."""


class DeferralRefused(Conflict):
    """Only one deferral, of at most six weeks, notified before the decision term ends (Awb 7:10 lid 3)."""


class ConflictOfMandate(Forbidden):
    """Awb 10:3 lid 3: who took the contested decision under mandate may not decide on the bezwaar against it."""


class Objection(Aggregate):
    @event("Lodged")
    def __init__(
        self,
        decision_id: UUID,
        household_id: UUID,
        lodged_on: date,
        grounds: str,
        objection_deadline: date,
        advisory_committee: bool,
        decision_due: date,
        contested_by: str,
    ) -> None:
        if not grounds.strip():
            raise Refused("a bezwaar states its grounds")
        self.decision_id, self.household_id = decision_id, household_id
        self.lodged_on, self.grounds = lodged_on, grounds
        self.objection_deadline, self.advisory_committee = objection_deadline, advisory_committee
        self.decision_due, self.contested_by = decision_due, contested_by
        self.deferred_weeks = 0
        self.outcome: str | None = None
        self.decided_by: str | None = None
        self.decided_on: date | None = None

    @classmethod
    def lodge(
        cls,
        decision_id: UUID,
        household_id: UUID,
        lodged_on: date,
        grounds: str,
        objection_deadline: date,
        contested_by: str,
        term_end: TermEnd,
        advisory_committee: bool = False,
    ) -> Objection:
        weeks = DECISION_WEEKS_WITH_COMMITTEE if advisory_committee else DECISION_WEEKS
        due = term_end(objection_deadline, weeks)
        return cls(
            decision_id, household_id, lodged_on, grounds, objection_deadline, advisory_committee, due, contested_by
        )

    @property
    def timely(self) -> bool:
        """Lodged within the bezwaartermijn (a late bezwaar is recorded; its excusability is for the college)."""
        return self.lodged_on <= self.objection_deadline

    def defer(self, weeks: int, notified_on: date, term_end: TermEnd) -> None:
        self._check_open()
        if self.deferred_weeks:
            raise DeferralRefused(f"the decision term was already deferred by {self.deferred_weeks} weeks")
        if not 1 <= weeks <= MAX_DEFERRAL_WEEKS:
            raise DeferralRefused(f"a deferral is 1 to {MAX_DEFERRAL_WEEKS} weeks, not {weeks}")
        if notified_on > self.decision_due:
            raise DeferralRefused(f"the decision term already ended on {self.decision_due}")
        self._deferred(
            household_id=self.household_id,
            decision_id=self.decision_id,
            weeks=weeks,
            notified_on=notified_on,
            decision_due=term_end(self.decision_due, weeks),
        )

    @event("Deferred")
    def _deferred(
        self, household_id: UUID, decision_id: UUID, weeks: int, notified_on: date, decision_due: date
    ) -> None:
        self.deferred_weeks, self.decision_due = weeks, decision_due

    def decide(self, outcome: str, decided_by: str, decided_on: date, reasons: str) -> None:
        self._check_open()
        if outcome not in OUTCOMES:
            raise Refused(f"outcome {outcome!r} is not one of {', '.join(OUTCOMES)}")
        if decided_by.strip().casefold() == self.contested_by.strip().casefold():
            raise ConflictOfMandate(
                f"{decided_by} took the contested decision under mandate and may not decide on the bezwaar "
                "(Awb 10:3 lid 3)"
            )
        self._decided(
            household_id=self.household_id,
            decision_id=self.decision_id,
            outcome=outcome,
            decided_by=decided_by,
            decided_on=decided_on,
            reasons=reasons,
            in_time=decided_on <= self.decision_due,
        )

    @event("Decided")
    def _decided(
        self,
        household_id: UUID,
        decision_id: UUID,
        outcome: str,
        decided_by: str,
        decided_on: date,
        reasons: str,
        in_time: bool,
    ) -> None:
        self.outcome, self.decided_by, self.decided_on = outcome, decided_by, decided_on

    def _check_open(self) -> None:
        if self.outcome is not None:
            raise ObjectionAlreadyDecided(f"the bezwaar was decided on {self.decided_on}: {self.outcome}")
