"""A support request over HTTP becomes facts on intake's topic, in order, keyed by household, as CloudEvents."""

from __future__ import annotations

import pytest

from contracts.envelope import CloudEventHeaders
from contracts.topics import facts
from tests.support.bus import headers_of, read_topic
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


async def test_support_request_opens_a_case_for_the_districts_team(stack: Stack) -> None:
    async with stack.client("intake") as client:
        response = await client.post(
            "/support-requests", json={"postcode": "1353 ab", "life_domains": ["income", "debts"], "debt_concern": True}
        )
    assert response.status_code == 201, response.text
    opened = response.json()
    assert opened["team_id"] == "wijkteam-haven"

    records = await read_topic(stack.bootstrap, facts("intake"), 6, of=[opened["household_id"]])
    envelopes = [CloudEventHeaders.from_kafka_headers(headers_of(r)) for r in records]
    assert [e.type for e in envelopes] == [
        "nl.wijkteam.intake.support-requested.v1",
        "nl.wijkteam.intake.case-opened.v1",
        "nl.wijkteam.intake.receipt-confirmed.v1",
        "nl.wijkteam.intake.statutory-clock-started.v1",
        "nl.wijkteam.intake.statutory-clock-started.v1",
        "nl.wijkteam.intake.debt-concern-flagged.v1",
    ]
    assert {r.key.decode() for r in records} == {opened["household_id"]}
    assert {e.subject for e in envelopes} == {opened["household_id"]}
    assert all(e.source.startswith("urn:nld:oin:") and e.source.endswith(":systeem:intake") for e in envelopes)


async def test_bad_requests_get_a_clear_4xx_and_record_nothing(stack: Stack) -> None:
    app = stack["intake"].app
    assert app is not None
    stored = app.recorder.max_notification_id()
    async with stack.client("intake") as client:
        empty = await client.post("/support-requests", json={"postcode": "1353AB", "life_domains": []})
        outside = await client.post("/support-requests", json={"postcode": "9999 ZZ", "life_domains": ["income"]})
        garbage = await client.post("/support-requests", json={"postcode": "hello", "life_domains": ["income"]})
    assert empty.status_code == 422 and empty.json()["detail"][0]["field"] == "body.life_domains"
    assert outside.status_code == 422 and "9999" in outside.json()["detail"]
    assert garbage.status_code == 422 and "not a Dutch postcode" in garbage.json()["detail"]
    assert app.recorder.max_notification_id() == stored
