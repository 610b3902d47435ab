"""Topic names. One fact topic per publishing service, one per partner direction, one dead-letter per consumer.

Every message on a fact topic is keyed by the household's pseudonymous id, so one household's facts stay in
order on one partition. Fact topics keep their messages forever: they are the replayable record.
"""

from __future__ import annotations

PREFIX = "nl.wijkteam"
PUBLISHING_SERVICES = ("intake", "planning", "budget", "backoffice", "care", "debt", "iwmo")
PARTNER_TYPES = ("school", "gp", "housing", "energy", "water", "insurer")


def facts(service: str) -> str:
    """The fact topic a service publishes on, e.g. `nl.wijkteam.intake.facts`."""
    return f"{PREFIX}.{service}.facts"


def partner_signals(partner_type: str) -> str:
    """The topic a type of network partner publishes its signals on."""
    return f"{PREFIX}.partner.{partner_type}.signals"


def dead_letter(consumer: str) -> str:
    """Where a consuming service parks the messages it could not process, with the reason."""
    return f"{PREFIX}.{consumer}.deadletter"


FACT_TOPICS = tuple(facts(s) for s in PUBLISHING_SERVICES)


def partner_outcomes(partner_id: str) -> str:
    """Where intake reports the outcome of a partner's signals back to that partner (one topic per partner)."""
    return f"{PREFIX}.partner.{partner_id}.outcomes"
