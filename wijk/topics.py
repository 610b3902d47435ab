"""Create the topics a service publishes to or reads from (idempotent; the compose init container does the same)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from contracts import topics
from wijk.kafka_security import client_options

log = logging.getLogger(__name__)


THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000
PARTNER_SIGNAL_RETENTION_MS = 24 * 3600 * 1000
"""Raw partner signals carry identifying data: kept only long enough to survive an intake outage (ADR 0003)."""
PARTNER_SIGNAL_SEGMENT_MS = 3600 * 1000
"""Without it old records would sit in the open segment, beyond retention, for up to a week."""


def retention(topic: str) -> dict[str, str]:
    """Facts keep everything (the replayable record); raw partner signals and replays a day; dead letters 30 days."""
    if topic in topics.FACT_TOPICS:
        return {"retention.ms": "-1", "cleanup.policy": "delete"}
    if topics.is_partner_signals(topic) or topic.endswith(".replay"):  # a replay may carry a raw signal
        return {
            "retention.ms": str(PARTNER_SIGNAL_RETENTION_MS),
            "segment.ms": str(PARTNER_SIGNAL_SEGMENT_MS),
            "cleanup.policy": "delete",
        }
    return {"retention.ms": str(THIRTY_DAYS_MS), "cleanup.policy": "delete"}


def all_topics(consumers: Iterable[str] = (), partners: Iterable[str] = ()) -> list[str]:
    """Every fact topic, the signal and outcome topics of the given partner ids, and the dead-letter and replay
    topics of the given consuming services."""
    partner = [name(p) for p in partners for name in (topics.partner_signals, topics.partner_outcomes)]
    own = [name(c) for c in consumers for name in (topics.dead_letter, topics.replay)]
    return [*topics.FACT_TOPICS, *partner, *own]


async def ensure_topics(bootstrap: str, names: Iterable[str], partitions: int, attempts: int = 30) -> None:
    """Create missing topics with a fixed partition count; waits for the broker for up to `attempts` seconds."""
    wanted = sorted(set(names))
    for attempt in range(attempts):
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **client_options())
        try:
            await admin.start()
            existing = set(await admin.list_topics())
            missing = [NewTopic(n, partitions, 1, topic_configs=retention(n)) for n in wanted if n not in existing]
            if missing:
                await _create(admin, missing)
            return
        except KafkaError as exc:
            log.warning("broker not ready (%s), attempt %d", exc, attempt + 1)
            await asyncio.sleep(1)
        finally:
            await admin.close()
    raise RuntimeError(f"could not create topics on {bootstrap} after {attempts} attempts")


async def _create(admin: AIOKafkaAdminClient, missing: list[NewTopic]) -> None:
    with contextlib.suppress(TopicAlreadyExistsError):
        await admin.create_topics(missing)
    log.info("created topics %s", [t.name for t in missing])
