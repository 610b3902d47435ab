"""A bezwaar against a beschikking: lodged, its decision term, at most one deferral, and its decision.

- Beslistermijn (Awb 7:10): six weeks, or twelve when an advisory committee (Awb 7:13) hears the bezwaar, counted
  from the day after the bezwaartermijn ended; it may be deferred once, by at most six weeks, with written notice
  (7:10 lid 3). Further deferral needs the objector's consent (lid 4): not modelled.
- The decision on a bezwaar may not be taken under mandate by the person who took the contested decision under
  mandate (Awb 10:3 lid 3).
- A bezwaar after the bezwaartermijn (Awb 6:7, 6:8) is recorded only with the college's judgement whether the
  lateness is excusable (Awb 6:11); when it is not, the bezwaar can only be declared niet-ontvankelijk.
- Niet-ontvankelijk needs its ground; gegrond (wholly or in part) revokes the contested beschikking and requires
  a new decision in its place (Awb 7:11 lid 2); ongegrond upholds it. Every decision states its reasons (7:12).
The calendar (Algemene termijnenwet) is passed in as `term_end`, so the domain stays free of I/O and platform code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict, Forbidden, Refused
from kernel.upcasting import fold

TermEnd = Callable[[date, int], date]
"""(start, weeks) -> the last day of a statutory term counted from the day after `start`."""

DECISION_WEEKS = 6
DECISION_WEEKS_WITH_COMMITTEE = 12
MAX_DEFERRAL_WEEKS = 6
OUTCOMES = ("gegrond", "gedeeltelijk gegrond", "ongegrond", "niet-ontvankelijk")
REVOKING = frozenset({"gegrond", "gedeeltelijk gegrond"})
INADMISSIBLE = "niet-ontvankelijk"
INADMISSIBILITY_GROUNDS = {
    "late": "Awb 6:7 en 6:11: na afloop van de bezwaartermijn ingediend, en de termijnoverschrijding is niet "
    "verschoonbaar",
    "not_interested_party": "Awb 1:2: de indiener is geen belanghebbende",
    "no_grounds": "Awb 6:5 en 6:6: het bezwaarschrift vermeldt geen gronden en het verzuim is niet hersteld",
    "not_a_decision": "Awb 1:3 en 7:1: het bezwaar richt zich niet tegen een besluit",
}


class ObjectionAlreadyDecided(Conflict):
    """A bezwaar is decided once."""


class DeferralRefused(Conflict):
    """Only one deferral, of at most six weeks, notified before the decision term ends (Awb 7:10 lid 3)."""


class ConflictOfMandate(Forbidden):
    """Awb 10:3 lid 3: who took the contested decision under mandate may not decide on the bezwaar against it."""


class LateObjection(Refused):
    """A bezwaar after the bezwaartermijn, without the college's judgement on excusability (Awb 6:11)."""


class InadmissibilityUnfounded(Refused):
    """Niet-ontvankelijk without its ground, late when it was not, or another outcome for an inexcusably late one."""


@dataclass(frozen=True)
class LodgedObjection:
    """A bezwaar as lodged: against which decision, on which grounds, when, and by when it must be decided."""

    decision_id: UUID
    household_id: UUID
    lodged_on: date
    grounds: str
    objection_deadline: date
    advisory_committee: bool
    decision_due: date
    contested_by: str
    team_id: str = ""
    provision_code: str = ""
    budget_line: str = ""
    contested_kind: str = "award"
    excused: bool | None = None
    """Only for a late bezwaar: the college judged its lateness excusable (Awb 6:11) or not."""
    excusability_reasons: str = ""
    excusability_judged_by: str = ""


@dataclass(frozen=True)
class Excusability:
    """The college's recorded judgement on a late bezwaar (Awb 6:11): excusable or not, why, and by whom."""

    excusable: bool
    reasons: str
    judged_by: str


class Objection(Aggregate):
    class Lodged(Aggregate.Created):
        """Carries the bezwaar as lodged whole (class version 2); version 1 flattened its eight fields."""

        objection: LodgedObjection
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(LodgedObjection, state, "objection")

    @event(Lodged)
    def __init__(self, objection: LodgedObjection) -> None:
        if not objection.grounds.strip():
            raise Refused("a bezwaar states its grounds")
        self.decision_id, self.household_id = objection.decision_id, objection.household_id
        self.lodged_on, self.grounds = objection.lodged_on, objection.grounds
        self.objection_deadline, self.advisory_committee = objection.objection_deadline, objection.advisory_committee
        self.decision_due, self.contested_by = objection.decision_due, objection.contested_by
        self.lodged = objection
        self.deferred_weeks = 0
        self.outcome: str | None = None
        self.decided_by: str | None = None
        self.decided_on: date | None = None
        self.reasons = ""
        self.inadmissible_ground = ""
        self.appeal_deadline: date | None = None

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
        judgement: Excusability | None = None,
        contested: tuple[str, str, str, str] = ("", "", "", "award"),
    ) -> Objection:
        """Record a bezwaar with its decision term; a late one only with the judgement on its excusability.
        `contested`: the team, provision, budget line and kind of the contested beschikking."""
        lodged = LodgedObjection(
            decision_id, household_id, lodged_on, grounds, objection_deadline, advisory_committee,
            objection_deadline, contested_by, *contested,
        )  # fmt: skip
        return cls.of(lodged, term_end, judgement)

    @classmethod
    def of(cls, lodged: LodgedObjection, term_end: TermEnd, judgement: Excusability | None = None) -> Objection:
        weeks = DECISION_WEEKS_WITH_COMMITTEE if lodged.advisory_committee else DECISION_WEEKS
        late = lodged.lodged_on > lodged.objection_deadline
        if late and judgement is None:
            raise LateObjection(
                f"the bezwaartermijn ended on {lodged.objection_deadline.isoformat()} (Awb 6:7, 6:8): a bezwaar "
                f"lodged on {lodged.lodged_on.isoformat()} is recorded with the college's judgement whether its "
                "lateness is excusable (Awb 6:11)"
            )
        if not late and judgement is not None:
            raise Refused("a bezwaar lodged within the bezwaartermijn needs no judgement on excusability")
        if judgement is not None and not (judgement.reasons.strip() and judgement.judged_by.strip()):
            raise Refused("the judgement on excusability states its reasons and who judged (Awb 6:11)")
        lodged = replace(lodged, decision_due=term_end(lodged.objection_deadline, weeks))
        if judgement is not None:
            lodged = replace(
                lodged,
                excused=judgement.excusable,
                excusability_reasons=judgement.reasons.strip(),
                excusability_judged_by=judgement.judged_by,
            )
        return cls(lodged)

    @property
    def timely(self) -> bool:
        """Lodged within the bezwaartermijn (a late bezwaar is recorded with the judgement on its excusability)."""
        return self.lodged_on <= self.objection_deadline

    @property
    def admissible_in_time(self) -> bool:
        """In time, or late with its lateness judged excusable (Awb 6:11)."""
        return self.timely or bool(self.lodged.excused)

    @property
    def revokes(self) -> bool:
        return self.outcome in REVOKING

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

    def decide(
        self, outcome: str, decided_by: str, decided_on: date, reasons: str, ground: str = "",
        appeal_deadline: date | None = None,
    ) -> None:  # fmt: skip
        self._check_open()
        if outcome not in OUTCOMES:
            raise Refused(f"outcome {outcome!r} is not one of {', '.join(OUTCOMES)}")
        if decided_by.strip().casefold() == self.contested_by.strip().casefold():
            raise ConflictOfMandate(
                f"{decided_by} took the contested decision under mandate and may not decide on the bezwaar "
                "(Awb 10:3 lid 3)"
            )
        if not reasons.strip():
            raise Refused("a decision on a bezwaar states its reasons (Awb 7:12)")
        self._check_admissibility(outcome, ground)
        self._decided(
            household_id=self.household_id,
            decision_id=self.decision_id,
            outcome=outcome,
            decided_by=decided_by,
            decided_on=decided_on,
            reasons=reasons,
            in_time=decided_on <= self.decision_due,
            ground=ground,
            appeal_deadline=appeal_deadline,
        )

    def _check_admissibility(self, outcome: str, ground: str) -> None:
        if outcome != INADMISSIBLE:
            if ground:
                raise InadmissibilityUnfounded(f"only {INADMISSIBLE} has a ground of inadmissibility")
            if not self.admissible_in_time:
                raise InadmissibilityUnfounded(
                    f"the bezwaar was lodged after the term ended on {self.objection_deadline.isoformat()} and its "
                    f"lateness was judged not excusable (Awb 6:11): it can only be declared {INADMISSIBLE}"
                )
            return
        if ground not in INADMISSIBILITY_GROUNDS:
            grounds = ", ".join(INADMISSIBILITY_GROUNDS)
            raise InadmissibilityUnfounded(f"{INADMISSIBLE} names its ground: one of {grounds}")
        if ground == "late" and self.admissible_in_time:
            why = "in time" if self.timely else "late, but its lateness was judged excusable (Awb 6:11)"
            raise InadmissibilityUnfounded(
                f"the bezwaar was lodged {why}: the term ended on {self.objection_deadline.isoformat()}"
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
        ground: str = "",
        appeal_deadline: date | None = None,
    ) -> None:
        self.outcome, self.decided_by, self.decided_on = outcome, decided_by, decided_on
        self.reasons, self.inadmissible_ground, self.appeal_deadline = reasons, ground, appeal_deadline

    def _check_open(self) -> None:
        if self.outcome is not None:
            raise ObjectionAlreadyDecided(f"the bezwaar was decided on {self.decided_on}: {self.outcome}")
