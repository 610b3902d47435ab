"""Contract-valid facts for many households, published straight onto the fact topics: the bench's load for the
reporting rebuild at scale (`wijk bench --rebuild-facts`), where the pipeline's own facts are too few.

Every household gets what the pipeline gives one: its melding, case, client support, investigation clock
(started and stopped), satisfaction score, a debt concern for every other one, a decision under mandate with its
reservation and payment; each team gets its budget allocations. Facts are produced pipelined (linger, large
batches) as CloudEvents in Kafka binary mode, keyed by household, numbered per source like an outbox.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from aiokafka import AIOKafkaProducer

from contracts.envelope import CloudEventHeaders, source_urn
from contracts.events import budget as b
from contracts.events import intake as i
from contracts.events import planning as p
from contracts.events.base import IntegrationEvent

TEAMS = {"wijkteam-haven": "Almere Haven", "wijkteam-stad": "Almere Stad", "wijkteam-buiten": "Almere Buiten"}
FACTS_PER_HOUSEHOLD = 11.5
"""On average: 11 facts per household, 12 for every other one (its debt concern)."""


@dataclass(frozen=True)
class Published:
    facts: int
    seconds: float


def household_facts(number: int, year: int, rng: random.Random) -> list[IntegrationEvent]:
    """One household's facts in its year: the same shape as the pipeline's, dated through the year."""
    team = list(TEAMS)[number % len(TEAMS)]
    household, case, request, decision, plan = (uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(5))
    melding = date(year, 1, 1) + timedelta(days=number % 300)
    base = {"household_id": household, "case_id": case, "team_id": team}
    money = {"household_id": household, "decision_id": decision, "team_id": team, "budget_line": "wmo"}
    period = {"period_start": melding, "period_end": date(year, 12, 31)}
    cents = 100_000 + (number % 50) * 1_000
    facts: list[IntegrationEvent] = [
        i.SupportRequested(household_id=household, request_id=request, requested_by="resident",
                           life_domains=["care"], received_on=melding),
        i.CaseOpened(household_id=household, case_id=case, request_id=request, district=TEAMS[team], team_id=team,
                     opened_on=melding),
        i.ClientSupportOffered(**base, offered_on=melding),
        i.ClientSupportChosen(**base, choice="volunteer" if number % 3 else "none", chosen_on=melding),
        i.StatutoryClockStarted(**base, clock="investigation", clock_id="investigation", started_on=melding,
                                due_on=melding + timedelta(weeks=6), counting="calendar_days",
                                legal_basis="Wmo 2015 art. 2.3.2 lid 1"),
        i.StatutoryClockStopped(**base, clock="investigation", clock_id="investigation",
                                stopped_on=melding + timedelta(days=number % 40), in_time=number % 40 < 42),
        i.SatisfactionRecorded(**base, score=1 + number % 10, answered_on=melding + timedelta(days=60)),
        p.DecisionTaken(**money, plan_id=plan, provision_code="wmo-huishoudelijke-ondersteuning", amount_cents=cents,
                        **period, decided_by="coach.jansen", decided_on=melding, mandate_ref="ALM-M-01"),
        b.FundsReserved(**money, plan_id=plan, year=year, amount_cents=cents,
                        provision_code="wmo-huishoudelijke-ondersteuning", **period, decided_by="coach.jansen",
                        decided_on=melding),
        b.FundsSpent(**money, payment_id=uuid.UUID(int=rng.getrandbits(128), version=4), year=year,
                     amount_cents=cents // 4, from_reservation_cents=cents // 4, paid_on=melding + timedelta(days=30)),
    ]  # fmt: skip
    if number % 2 == 0:
        facts.append(i.DebtConcernFlagged(**base, flagged_on=melding + timedelta(days=3)))
    facts.append(i.HelpOffered(**base, signal_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                               partner_id="woonstad-almere", arrears_cents=10_000, offered_on=melding))  # fmt: skip
    return facts


def facts_of(households: int, year: int, seed: int = 14) -> Iterator[IntegrationEvent]:
    """The teams' budget allocations, then every household's facts."""
    for team in TEAMS:
        for line, cents in (("wmo", 10_000_000_000), ("youth", 5_000_000_000)):
            yield b.BudgetAllocated(team_id=team, year=year, budget_line=line, amount_cents=cents)
    rng = random.Random(seed)
    for number in range(households):
        yield from household_facts(number, year, rng)


async def publish_facts(bootstrap: str, households: int, year: int) -> Published:
    """Publish the facts of `households` households, pipelined; returns how many and how long it took."""
    oin = f"{random.randrange(10**20):020d}"
    sequences: dict[str, itertools.count[int]] = {}
    moment = datetime(year, 1, 1, 9, 0, tzinfo=UTC)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=20, max_batch_size=512 * 1024)
    await producer.start()
    count, loop = 0, asyncio.get_running_loop()
    started = loop.time()
    try:
        pending = []
        for fact in facts_of(households, year):
            system = fact.topic.split(".")[2]
            envelope = CloudEventHeaders(
                id=str(uuid.uuid4()), source=source_urn(system, oin), type=fact.type, time=moment,
                subject=fact.subject, sequence=next(sequences.setdefault(system, itertools.count(1))),
            )  # fmt: skip
            headers = [(k, v.encode()) for k, v in envelope.to_kafka_headers().items()]
            pending.append(
                await producer.send(
                    fact.topic, fact.model_dump_json().encode(), key=fact.subject.encode(), headers=headers
                )
            )
            count += 1
            if len(pending) >= 5000:
                await asyncio.gather(*pending)
                pending = []
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
    return Published(count, loop.time() - started)
