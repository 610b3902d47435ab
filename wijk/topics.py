"""Create the topics a service publishes to or reads from (idempotent; the compose init container does the same)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from contracts import topics

log = logging.getLogger(__name__)


THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000


def retention(topic: str) -> dict[str, str]:
    """Fact topics are the replayable record and keep everything; dead letters and raw partner signals 30 days."""
    keep = topic in topics.FACT_TOPICS
    return {"retention.ms": "-1" if keep else str(THIRTY_DAYS_MS), "cleanup.policy": "delete"}


def all_topics(consumers: Iterable[str] = ()) -> list[str]:
    """Every fact and partner topic, plus the dead-letter topics of the given consuming services."""
    partner = [topics.partner_signals(p) for p in topics.PARTNER_TYPES]
    return [*topics.FACT_TOPICS, *partner, *(topics.dead_letter(c) for c in consumers)]


async def ensure_topics(bootstrap: str, names: Iterable[str], partitions: int, attempts: int = 30) -> None:
    """Create missing topics with a fixed partition count; waits for the broker for up to `attempts` seconds."""
    wanted = sorted(set(names))
    for attempt in range(attempts):
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
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
