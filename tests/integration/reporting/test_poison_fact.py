"""One out-of-range fact no longer breaks the council's reports for good (issue 18, #2).

On the branch point a decision of 10^19 cents was stored, and from then on /summary, /teams, /report, /report.html
and /report.csv answered 500, also after a rebuild (facts are immutable). Now it is dead-lettered with the reason.
"""

from __future__ import annotations

import uuid

import httpx
import pytest

from contracts.events.planning import DecisionTaken
from contracts.topics import dead_letter
from tests.integration.reporting.facts import T0, decision_taken, facts_recorded
from tests.support.bus import Publisher, headers_of, read_topic
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
TEAM = "wijkteam-haven"
PAGES = ["/summary", "/teams", "/report", "/report.html", "/report.csv"]


async def test_a_decision_of_10_19_cents_is_dead_lettered_and_every_report_still_answers(stack: Stack) -> None:
    await stack.start(["reporting"])
    valid = decision_taken(uuid.uuid4(), TEAM, 250_000, uuid.uuid4())
    poison = DecisionTaken.model_construct(**{**dict(valid), "decision_id": uuid.uuid4(), "amount_cents": 10**19})
    async with Publisher(stack.settings.kafka_bootstrap, time=T0) as bus:
        await bus.send(poison.topic, bus.envelope(DecisionTaken, poison.subject), poison.model_dump_json().encode())
        await bus.publish(valid)
    await facts_recorded(stack, 1)

    [parked] = await read_topic(stack.settings.kafka_bootstrap, dead_letter("reporting"), 1, polls=120)
    assert "amount_cents" in headers_of(parked)["x-dead-letter-reason"]
    async with httpx.AsyncClient(base_url=stack.url("reporting"), timeout=30) as client:
        answers = {page: (await client.get(page)).status_code for page in PAGES}
        counted = (await client.get("/facts/count")).json()
        ancient = await client.get("/report", params={"as_of": "0001-01-01"})
        far = await client.get("/summary", params={"period_from": "0001-01-01"})
    assert answers == dict.fromkeys(PAGES, 200)
    assert counted["facts"] == 1
    assert (ancient.status_code, far.status_code) == (422, 422)
