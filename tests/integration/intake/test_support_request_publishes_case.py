"""A support request over HTTP becomes facts on intake's topic, in order, keyed by household, as CloudEvents."""

from __future__ import annotations

import httpx
import pytest
from aiokafka import AIOKafkaConsumer

from contracts.envelope import CloudEventHeaders
from contracts.topics import facts
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


async def read_all(bootstrap: str, topic: str, expected: int) -> list:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest")
    await consumer.start()
    records: list = []
    try:
        for _ in range(40):
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                records.extend(batch)
            if len(records) >= expected:
                break
    finally:
        await consumer.stop()
    return records


async def test_support_request_opens_a_case_for_the_districts_team(stack: Stack) -> None:
    await stack.start(["intake"])
    async with httpx.AsyncClient(base_url=stack.url("intake")) as client:
        response = await client.post(
            "/support-requests", json={"postcode": "1353 ab", "life_domains": ["income", "debts"], "debt_concern": True}
        )
    assert response.status_code == 201, response.text
    opened = response.json()
    assert opened["team_id"] == "wijkteam-haven"

    records = await read_all(stack.settings.kafka_bootstrap, facts("intake"), 3)
    envelopes = [CloudEventHeaders.from_kafka_headers({k: v.decode() for k, v in r.headers}) for r in records]
    assert [e.type for e in envelopes] == [
        "nl.wijkteam.intake.support-requested.v1",
        "nl.wijkteam.intake.case-opened.v1",
        "nl.wijkteam.intake.debt-concern-flagged.v1",
    ]
    assert {r.key.decode() for r in records} == {opened["household_id"]}
    assert {e.subject for e in envelopes} == {opened["household_id"]}
    assert all(e.source.startswith("urn:nld:oin:") and e.source.endswith(":systeem:intake") for e in envelopes)


async def test_bad_requests_get_a_clear_4xx_and_record_nothing(stack: Stack) -> None:
    await stack.start(["intake"])
    async with httpx.AsyncClient(base_url=stack.url("intake")) as client:
        empty = await client.post("/support-requests", json={"postcode": "1353AB", "life_domains": []})
        outside = await client.post("/support-requests", json={"postcode": "9999 ZZ", "life_domains": ["income"]})
        garbage = await client.post("/support-requests", json={"postcode": "hello", "life_domains": ["income"]})
    assert empty.status_code == 422 and empty.json()["detail"][0]["field"] == "body.life_domains"
    assert outside.status_code == 422 and "9999" in outside.json()["detail"]
    assert garbage.status_code == 422 and "not a Dutch postcode" in garbage.json()["detail"]
    max_id = stack["intake"].app.recorder.max_notification_id()
    assert not max_id
