"""Each service wired as its process wires it, on FastStream's in-memory TestKafkaBroker: it subscribes to the
topics it should under its own consumer group, its inbox hands a valid fact to its handler (the effect is in its
in-memory store), and a body that is not a valid fact goes to its dead-letter topic with the reason.

What the real broker adds (commits, rebalances, partitions, ordering) is the integration tier's.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any, cast

import asyncpg
import pytest
from faststream.kafka import KafkaBroker, KafkaMessage, TestKafkaBroker

from contracts.envelope import CloudEventHeaders, now, source_urn
from contracts.events.backoffice import ProviderAssigned
from contracts.events.base import IntegrationEvent
from contracts.events.budget import FundsReserved
from contracts.events.intake import CaseOpened, DebtConcernFlagged, SignalReceived, SignalRejected
from contracts.events.planning import DecisionTaken
from contracts.partner_signals import PaymentArrearsSignal
from contracts.topics import dead_letter, partner_signals, publisher, replay
from kernel.errors import NotFound
from kernel.municipality import load_municipality
from services.intake.partners_config import DEFAULT_PATH as ALMERE_PARTNERS
from services.intake.partners_config import load_partners
from tests.support.application import IN_MEMORY, build, facts_of, of_type
from tooling.catalog import definition
from tooling.simulate_settle import CONSUMERS, PARTNER_GROUP
from wijk.service import ServiceRuntime
from wijk.settings import SERVICES

HOUSING_TOPIC = partner_signals("woonstad-almere")  # each partner writes its own topic (config/almere/partners.json)
pytestmark = pytest.mark.application
HOUSING = "urn:nld:oin:00000009000000000001:systeem:huurincasso"  # registered in config/almere/partners.json
GROUPS = {"intake": ("intake", "intake-partners")}
"""Each service's consumer groups: its own name, and intake's partner inbox besides."""
ALMERE_OIN = load_municipality().oin
READS = {**CONSUMERS, PARTNER_GROUP: tuple(load_partners(ALMERE_PARTNERS).topics)}
SUBSCRIBED = {
    service: {group: {*READS[group], replay(service)} for group in GROUPS.get(service, (service,))}
    for service in SERVICES
}
"""What each service should read: the simulator's table of the bus (tooling.simulate_settle.CONSUMERS), which
this test and the simulated-calendar test both hold against the real wiring; and the service's replay topic, where
an operator re-delivers parked messages."""


class Wired:
    """A service composed on an unstarted broker, with its dead letters captured."""

    def __init__(self, service: str) -> None:
        self.runtime = ServiceRuntime(definition(service), IN_MEMORY)
        if definition(service).build_app is not None:
            self.runtime.app = build(service, IN_MEMORY)
        else:
            self.runtime.pool = cast(asyncpg.Pool, object())  # reporting's store is PostgreSQL; never touched here
        self.broker = KafkaBroker("wiring-test:9092")
        self.runtime.compose(self.broker)
        self.dead_letters: list[KafkaMessage] = []
        self.broker.subscriber(dead_letter(service), decoder=_raw)(self._park)

    async def _park(self, message: KafkaMessage) -> None:
        self.dead_letters.append(message)

    def subscriptions(self) -> dict[str, set[str]]:
        return {sub.group_id: {t.name for t in sub.topics} for sub in self.broker.subscribers if sub.group_id}  # type: ignore[attr-defined]


async def _raw(message: KafkaMessage) -> bytes:
    return message.body


async def deliver(broker: TestKafkaBroker, topic: str, fact: IntegrationEvent, body: bytes | None = None,
                  source: str | None = None) -> None:  # fmt: skip
    """Publish a fact (or any body behind its valid envelope) as its publisher would."""
    envelope = CloudEventHeaders(
        id=str(uuid.uuid4()), source=source or source_urn(publisher(topic) or "wiring-test", ALMERE_OIN),
        type=fact.type, time=now(), subject=fact.subject, sequence=1,
    )  # fmt: skip
    body = fact.model_dump_json().encode() if body is None else body
    await broker.publish(body, topic, key=fact.subject.encode(), headers=envelope.to_kafka_headers())


def valid(service: str) -> tuple[str, IntegrationEvent, Callable[[Wired], Any]]:
    """A fact the service takes in, where it comes from, and what its handler leaves behind."""
    household, day = uuid.uuid4(), date(2026, 3, 2)
    if service == "intake":
        signal = PaymentArrearsSignal(reference="HUUR-9", bsn="999990019", postcode="1353 AB", house_number="5",
                                      signalled_on=day, arrears_cents=45_000)  # fmt: skip
        return HOUSING_TOPIC, signal, lambda w: of_type(facts_of(w.runtime.app, "intake"), SignalReceived)
    if service in ("planning", "reporting"):
        opened = CaseOpened(household_id=household, case_id=uuid.uuid4(), request_id=uuid.uuid4(),
                            district="Almere Haven", team_id="wijkteam-haven", opened_on=day)  # fmt: skip
        if service == "planning":
            return opened.topic, opened, lambda w: w.runtime.app.plans_of(household)
        return opened.topic, opened, lambda w: w.recorded
    if service == "budget":
        taken = DecisionTaken(household_id=household, plan_id=uuid.uuid4(), decision_id=uuid.uuid4(),
                              team_id="wijkteam-haven", provision_code="wmo-huishoudelijke-ondersteuning",
                              budget_line="wmo", amount_cents=1_000, period_start=date(2026, 4, 1),
                              period_end=date(2026, 12, 31), decided_by="j.de.vries", decided_on=day)  # fmt: skip
        return taken.topic, taken, lambda w: w.runtime.app.line("wijkteam-haven", 2026, "wmo")["reservations"]
    if service == "backoffice":
        reserved = FundsReserved(household_id=household, decision_id=uuid.uuid4(), plan_id=uuid.uuid4(),
                                 team_id="wijkteam-haven", year=2026, budget_line="wmo", amount_cents=1_000,
                                 provision_code="wmo-huishoudelijke-ondersteuning", period_start=date(2026, 4, 1),
                                 period_end=date(2026, 12, 31), decided_by="j.de.vries", decided_on=day)  # fmt: skip
        return reserved.topic, reserved, lambda w: found(lambda: w.runtime.app.decision(reserved.decision_id))
    if service == "care":
        order = ProviderAssigned(household_id=household, assignment_id=uuid.uuid4(), decision_id=uuid.uuid4(),
                                 provider_id="zorg-flevoland", product_code="01A01", volume=2, unit="04",
                                 frequency="2", period_start=date(2026, 4, 1),
                                 period_end=date(2026, 9, 30))  # fmt: skip
        return order.topic, order, lambda w: w.runtime.app.assignments("zorg-flevoland")
    if service == "iwmo":  # a Wmo assignment to a provider with an AGB code becomes a toewijzing (its 301 held)
        order = ProviderAssigned(household_id=household, assignment_id=uuid.uuid4(), decision_id=uuid.uuid4(),
                                 provider_id="zorg-flevoland", product_category="01", product_code="01A01", volume=2,
                                 unit="04", frequency="2", period_start=date(2026, 4, 1),
                                 period_end=date(2026, 9, 30))  # fmt: skip
        return order.topic, order, lambda w: w.runtime.app.seen(f"assignment:{order.assignment_id}")
    flagged = DebtConcernFlagged(household_id=household, case_id=uuid.uuid4(), team_id="wijkteam-haven",
                                 flagged_on=day)  # fmt: skip
    return flagged.topic, flagged, lambda w: w.runtime.app.trajectories(household)


def found(query: Callable[[], Any]) -> Any:
    try:
        return query()
    except NotFound:
        return None


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_subscribes_to_its_topics_under_its_own_group(service: str) -> None:
    assert Wired(service).subscriptions() == SUBSCRIBED[service]


@pytest.mark.parametrize("service", SERVICES)
async def test_a_valid_fact_reaches_its_handler_and_an_invalid_one_the_dead_letters(service: str) -> None:
    wired = Wired(service)
    wired.recorded = []  # type: ignore[attr-defined]
    if service == "reporting":  # the projection's insert is the store boundary: record what reaches it
        wired.runtime.extras["projection"].record = lambda event, delivery: _append(wired, event)
    if service == "budget":
        wired.runtime.app.allocate_budgets()  # its start hook
    topic, fact, effect = valid(service)
    source = HOUSING if service == "intake" else None
    async with TestKafkaBroker(wired.broker) as broker:
        assert not effect(wired)
        await deliver(broker, topic, fact, source=source)
        assert effect(wired), f"{service}'s handler left nothing behind"
        await deliver(broker, topic, fact, body=b'{"household_id": "not json', source=source)
    [parked] = wired.dead_letters
    headers = parked.headers
    assert headers["x-dead-letter-kind"] == "invalid" and headers["x-dead-letter-reason"].startswith("invalid body")
    assert headers["x-original-topic"] == topic and headers["ce_type"] == fact.type
    redacted = service == "intake"  # a raw partner signal may carry personal data
    assert (parked.body == b"", "ce_subject" not in headers) == (redacted, redacted)


async def _append(wired: Wired, event: IntegrationEvent) -> bool:
    wired.recorded.append(event)  # type: ignore[attr-defined]
    return True


async def test_a_signal_from_an_unregistered_partner_is_a_refusal_intake_records_and_dead_letters() -> None:
    wired = Wired("intake")
    topic, signal, _ = valid("intake")
    async with TestKafkaBroker(wired.broker) as broker:
        await deliver(broker, topic, signal, source="urn:nld:oin:00000009999999999999:systeem:onbekend")
    [rejected] = of_type(facts_of(wired.runtime.app, "intake"), SignalRejected)
    assert "not a registered partner" in rejected.reason
    [letter] = wired.dead_letters  # replayable once the partner is registered, and without the signal's data
    assert letter.headers["x-dead-letter-kind"] == "refused" and letter.body == b""
    assert wired.runtime.extras["partner_inbox"].refused == 1


@pytest.mark.parametrize("service", ["budget", "backoffice"])
async def test_a_fact_not_signed_by_its_topics_publisher_is_dead_lettered_as_forged(service: str) -> None:
    """A DecisionTaken on planning's topic must come from planning of this municipality (FundsReserved on budget's
    from budget): another OIN (another municipality, or anyone on the bus) or another system is refused with the
    reason, and the handler never runs."""
    wired = Wired(service)
    if service == "budget":
        wired.runtime.app.allocate_budgets()  # its start hook
    topic, fact, effect = valid(service)
    forgers = [source_urn(str(publisher(topic)), "00000009999999999999"), source_urn("care", ALMERE_OIN)]
    async with TestKafkaBroker(wired.broker) as broker:
        for forger in forgers:
            await deliver(broker, topic, fact, source=forger)
        assert not effect(wired), "a forged fact reached the handler"
        await deliver(broker, topic, fact)  # the same fact from planning itself
        assert effect(wired)
    assert [m.headers["x-dead-letter-kind"] for m in wired.dead_letters] == ["forged", "forged"]
    reasons = [m.headers["x-dead-letter-reason"] for m in wired.dead_letters]
    assert all(f"is not the publisher of {topic}" in r for r in reasons)
    assert forgers[0] in reasons[0] and forgers[1] in reasons[1]
