"""A household: the unit of support. Only intake knows who its members are."""

from __future__ import annotations

from eventsourcing.domain import Aggregate, event


class Household(Aggregate):
    @event("Registered")
    def __init__(self, postcode: str, district: str, team_id: str, members: int) -> None:
        if members < 1:
            raise ValueError("a household has at least one member")
        self.postcode = postcode
        self.district = district
        self.team_id = team_id
        self.members = members
