"""One out-of-range fact no longer breaks the council's reports for good (issue 18, #2).

On the branch point a decision of 10^19 cents was stored, and from then on /summary, /teams, /report, /report.html
and /report.csv answered 500, also after a rebuild (facts are immutable). Now it is dead-lettered with the reason.
"""

from __future__ import annotations

import uuid

import pytest

from contracts.events.planning import DecisionTaken
from contracts.topics import dead_letter
from tests.integration.reporting.facts import decision_taken, moment, rows_of
from tests.integration.reporting.year import a_year
from tests.support.bus import Publisher, headers_of, read_topic
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
TEAM = "wijkteam-haven"
PAGES = ["/summary", "/teams", "/report", "/report.html", "/report.csv"]


async def test_a_decision_of_10_19_cents_is_dead_lettered_and_every_report_still_answers(
    reporting_stack: Stack,
) -> None:
    stack, year, household = reporting_stack, a_year(), uuid.uuid4()
    valid = decision_taken(household, TEAM, 250_000, uuid.uuid4(), year)
    poison = DecisionTaken.model_construct(**{**dict(valid), "decision_id": uuid.uuid4(), "amount_cents": 10**19})
    async with Publisher(stack.settings.kafka_bootstrap, time=moment(year)) as bus:
        await bus.send(poison.topic, bus.envelope(DecisionTaken, poison.subject), poison.model_dump_json().encode())
        await bus.publish(valid)  # the same household: the same partition, after the poison
    recorded = await eventually(lambda: rows_of(stack, household), bool)

    [parked] = await read_topic(stack.settings.kafka_bootstrap, dead_letter("reporting"), 1, polls=120, of=[household])
    assert "amount_cents" in headers_of(parked)["x-dead-letter-reason"]
    async with stack.client("reporting", timeout=30) as client:
        answers = {page: (await client.get(page)).status_code for page in PAGES}
        ancient = await client.get("/report", params={"as_of": "0001-01-01"})
        far = await client.get("/summary", params={"period_from": "0001-01-01"})
    assert answers == dict.fromkeys(PAGES, 200)
    assert recorded == {DecisionTaken.type: 1}, "the valid decision counts, the poison does not"
    assert (ancient.status_code, far.status_code) == (422, 422)
