"""What a network partner does to reach intake: publish a signal as a CloudEvent on its partner topic.

Used by the demo, the simulator and the tests; a real partner does the same with its own Kafka client.
"""

from __future__ import annotations

import json
from typing import Any

from aiokafka import AIOKafkaProducer

from contracts.envelope import CloudEventHeaders, now


async def send_signal(
    bootstrap: str, topic: str, source: str, event_type: str, event_id: str, body: dict[str, Any]
) -> None:
    """Publish one signal, keyed and subjected by the partner's own reference (never a BSN)."""
    reference = str(body["reference"])
    envelope = CloudEventHeaders(id=event_id, source=source, type=event_type, time=now(), subject=reference)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        headers = [(k, v.encode()) for k, v in envelope.to_kafka_headers().items()]
        await producer.send_and_wait(topic, json.dumps(body).encode(), key=reference.encode(), headers=headers)
    finally:
        await producer.stop()
