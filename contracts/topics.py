"""Topic names. One fact topic per publishing service, two per partner (its signals in, its outcomes out), one
dead-letter topic per consumer.

The topic proves who wrote: with the broker's ACLs (infra/kafka) only a service writes its facts topic and only a
partner its own signal topic, and every inbox refuses a fact whose `ce_source` is not the topic's publisher.

Every message on a fact topic is keyed by the household's pseudonymous id, so one household's facts stay in
order on one partition. Fact topics keep their messages forever: they are the replayable record.
"""

from __future__ import annotations

PREFIX = "nl.wijkteam"
PUBLISHING_SERVICES = ("intake", "planning", "budget", "backoffice", "care", "debt", "iwmo")


def facts(service: str) -> str:
    """The fact topic a service publishes on, e.g. `nl.wijkteam.intake.facts`."""
    return f"{PREFIX}.{service}.facts"


def partner_signals(partner_id: str) -> str:
    """The topic one registered network partner publishes its signals on (only it may write there)."""
    return f"{PREFIX}.partner.{partner_id}.signals"


PARTNER_SIGNALS_ADDRESS = partner_signals("{partnerId}")
"""The signal topics as one parametrised AsyncAPI channel address."""


def is_partner_signals(topic: str) -> bool:
    """Whether `topic` is a partner's signal topic (`nl.wijkteam.partner.<partner-id>.signals`)."""
    parts = topic.split(".")
    return len(parts) == 5 and topic.startswith(f"{PREFIX}.partner.") and parts[4] == "signals" and bool(parts[3])


def publisher(topic: str) -> str | None:
    """The service that alone publishes a facts topic (`nl.wijkteam.<service>.facts`), else None."""
    for service in PUBLISHING_SERVICES:
        if topic == facts(service):
            return service
    return None


def dead_letter(consumer: str) -> str:
    """Where a consuming service parks the messages it could not process, with the reason."""
    return f"{PREFIX}.{consumer}.deadletter"


FACT_TOPICS = tuple(facts(s) for s in PUBLISHING_SERVICES)


def replay(consumer: str) -> str:
    """Where an operator re-delivers a consuming service's parked messages (`wijk deadletters replay`)."""
    return f"{PREFIX}.{consumer}.replay"


def partner_outcomes(partner_id: str) -> str:
    """Where intake reports the outcome of a partner's signals back to that partner (one topic per partner)."""
    return f"{PREFIX}.partner.{partner_id}.outcomes"
