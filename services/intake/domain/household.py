"""A household: the unit of support. Only intake knows who its members are, and only as sealed text.

`sealed` is the household's personal data (names, BSNs, address, contact) encrypted with the household's own key,
which lives outside the event store. The events hold nothing readable about a person: after erasure (the key is
destroyed) they still replay, and the household's pseudonymous facts keep counting in the reports.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from kernel.errors import NotFound, Refused


class HouseholdErased(NotFound):
    """The household's personal data was erased (AVG art. 17): there is nothing left to show or to add to."""

    def __init__(self, household_id: UUID, erased_on: date | None) -> None:
        when = f" on {erased_on.isoformat()}" if erased_on else ""
        super().__init__(f"household {household_id} was erased{when}: its personal data no longer exists")
        self.household_id, self.erased_on = household_id, erased_on


class Household(Aggregate):
    @event("Registered")
    def __init__(self, id: UUID, district: str, team_id: str, members: int, sealed: str) -> None:
        if members < 1:
            raise Refused("a household has at least one member")
        self.district = district
        self.team_id = team_id
        self.members = members
        self.sealed = sealed
        self.case_ids: list[UUID] = []
        self.erased_on: date | None = None

    @property
    def latest_case_id(self) -> UUID | None:
        return self.case_ids[-1] if self.case_ids else None

    def ensure_present(self) -> None:
        if self.erased_on is not None:
            raise HouseholdErased(self.id, self.erased_on)

    @event("CaseLinked")
    def link_case(self, case_id: UUID) -> None:
        self.case_ids.append(case_id)

    def erase(self, erased_on: date) -> None:
        """Record the erasure; the caller destroys the key. A second erasure is refused as already done."""
        self.ensure_present()
        self._erased(erased_on)

    @event("Erased")
    def _erased(self, erased_on: date) -> None:
        self.erased_on = erased_on
        self.sealed = ""
