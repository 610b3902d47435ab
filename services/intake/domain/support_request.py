"""A melding: a support need reported by a resident, or by a professional on their behalf."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from kernel.errors import Refused

LIFE_DOMAINS = ("income", "debts", "housing", "care", "youth", "work", "social_network", "health")
REQUESTERS = ("resident", "professional")


class InvalidSupportRequest(Refused):
    """A melding that names no life domain, an unknown one, or an unknown requester."""


class SupportRequest(Aggregate):
    @event("Received")
    def __init__(self, household_id: UUID, requested_by: str, life_domains: list[str], received_on: date) -> None:
        check_request(requested_by, life_domains)
        self.household_id = household_id
        self.requested_by = requested_by
        self.life_domains = list(life_domains)
        self.received_on = received_on


def check_request(requested_by: str, life_domains: list[str]) -> None:
    if requested_by not in REQUESTERS:
        raise InvalidSupportRequest(f"requested_by must be one of {', '.join(REQUESTERS)}")
    if not life_domains:
        raise InvalidSupportRequest("a melding names at least one life domain")
    unknown = sorted(set(life_domains) - set(LIFE_DOMAINS))
    if unknown:
        raise InvalidSupportRequest(f"unknown life domains {unknown}; known: {', '.join(LIFE_DOMAINS)}")
