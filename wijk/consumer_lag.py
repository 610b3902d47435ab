"""Consumer lag per group and partition: the topic's end offset minus the group's committed offset.

Read every few seconds with one admin client and one group-less consumer kept open, never per message. The
figure is the group's, not the instance's: every instance of a service reports the same lag (the dashboards
take the `max`), and a partition whose consumer died still shows its lag. A partition the group never committed
on counts from 0 (the inboxes start at the earliest offset).

On the embedded Tansu broker the end offset can be the base offset of the last batch plus one instead of the last
offset plus one (`wijk.relay`), so its lag may read low by the tail of a batch; on Apache Kafka it is exact.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping, Sequence

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from wijk.kafka_security import client_options
from wijk.metrics import ServiceMetrics

log = logging.getLogger(__name__)
Lag = dict[tuple[str, str, int], int]
"""(group, topic, partition) -> messages not yet consumed."""


class ConsumerLag:
    def __init__(
        self, bootstrap: str, groups: Mapping[str, Sequence[str]], metrics: ServiceMetrics, seconds: float = 10.0
    ) -> None:
        self.bootstrap, self.groups, self.metrics, self.seconds = bootstrap, dict(groups), metrics, seconds
        self._admin: AIOKafkaAdminClient | None = None
        self._consumer: AIOKafkaConsumer | None = None

    async def run(self) -> None:
        """Read the lag every `seconds` until cancelled; a failed round is logged and retried on the next."""
        try:
            while True:
                try:
                    self.publish(await self.read())
                except (KafkaError, OSError) as exc:
                    log.warning("%s: consumer lag unavailable (%s)", self.metrics.service, exc)
                    await self.close()
                await asyncio.sleep(self.seconds)
        finally:
            await self.close()

    async def read(self) -> Lag:
        admin, consumer = await self._clients()
        await consumer.topics()  # fresh partition metadata
        lag: Lag = {}
        for group, topics in self.groups.items():
            partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
            if not partitions:
                continue
            ends = await consumer.end_offsets(partitions)
            committed = await admin.list_consumer_group_offsets(group, partitions=partitions)
            for tp in partitions:
                done = committed[tp].offset if tp in committed else -1
                lag[(group, tp.topic, tp.partition)] = max(ends.get(tp, 0) - max(done, 0), 0)
        return lag

    def publish(self, lag: Lag) -> None:
        for (group, topic, partition), messages in lag.items():
            self.metrics.consumer_lag.labels(self.metrics.service, group, topic, str(partition)).set(messages)

    async def _clients(self) -> tuple[AIOKafkaAdminClient, AIOKafkaConsumer]:
        if self._admin is None or self._consumer is None:
            admin = AIOKafkaAdminClient(
                bootstrap_servers=self.bootstrap, client_id=f"wijk-{self.metrics.service}-lag", **client_options()
            )
            consumer = AIOKafkaConsumer(bootstrap_servers=self.bootstrap, enable_auto_commit=False, **client_options())
            self._admin, self._consumer = admin, consumer
            await admin.start()
            await consumer.start()
        return self._admin, self._consumer

    async def close(self) -> None:
        admin, consumer, self._admin, self._consumer = self._admin, self._consumer, None, None
        with contextlib.suppress(Exception):
            if consumer is not None:
                await consumer.stop()
        with contextlib.suppress(Exception):
            if admin is not None:
                await admin.close()
