"""What a network partner does to reach intake: publish a signal as a CloudEvent on its partner topic.

Used by the demo, the simulator and the tests; a real partner does the same with its own Kafka client.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from aiokafka import AIOKafkaProducer

from contracts.envelope import CloudEventHeaders, now


async def send_signal(
    bootstrap: str,
    topic: str,
    source: str,
    event_type: str,
    event_id: str,
    body: dict[str, Any],
    time: datetime | None = None,
) -> tuple[int, int]:
    """Publish one signal, keyed and subjected by the partner's own reference (never a BSN); returns where it
    landed (partition, offset)."""
    reference = str(body["reference"])
    envelope = CloudEventHeaders(id=event_id, source=source, type=event_type, time=time or now(), subject=reference)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        headers = [(k, v.encode()) for k, v in envelope.to_kafka_headers().items()]
        sent = await producer.send_and_wait(topic, json.dumps(body).encode(), key=reference.encode(), headers=headers)
        return sent.partition, sent.offset
    finally:
        await producer.stop()
