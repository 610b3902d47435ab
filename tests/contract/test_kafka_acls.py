"""The compose broker authenticates every client (SASL/SCRAM) and authorises by the rules `wijk kafka-acls` derives:
each principal's rights are exactly its own topics (issue 12). Docker is not needed: this reads docker-compose.yml,
infra/kafka and the derived rules."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from contracts.topics import PUBLISHING_SERVICES, dead_letter, facts, partner_outcomes, partner_signals, replay
from services.intake.partners_config import DEFAULT_PATH, load_partners
from tooling.kafka_acls import Rule, partner_principal, principals, rules
from tooling.simulate_settle import CONSUMERS
from wijk.settings import SERVICES

pytestmark = pytest.mark.contract
ROOT = Path(__file__).resolve().parents[2]
PARTNERS = [p.id for p in load_partners(DEFAULT_PATH).partners]


def rights() -> dict[tuple[str, str, str], set[str]]:
    found: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for rule in rules(PARTNERS):
        found[(rule.principal, rule.operation, rule.resource)].add(rule.name)
    return found


def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_writes_only_its_own_topics_and_reads_what_it_consumes(service: str) -> None:
    granted = rights()
    own = {facts(service)} if service in PUBLISHING_SERVICES else set()
    outcomes = {partner_outcomes(p) for p in PARTNERS} if service == "intake" else set()
    assert granted[(service, "Write", "topic")] == {*own, dead_letter(service), *outcomes}
    signals = {partner_signals(p) for p in PARTNERS} if service == "intake" else set()
    assert granted[(service, "Read", "topic")] == {*CONSUMERS.get(service, ()), replay(service), *signals}
    assert granted[(service, "Read", "group")] == {service}


@pytest.mark.parametrize("partner", PARTNERS)
def test_a_partner_writes_only_its_own_signal_topic_and_reads_only_its_own(partner: str) -> None:
    granted, principal = rights(), partner_principal(partner)
    assert granted[(principal, "Write", "topic")] == {partner_signals(partner)}
    assert granted[(principal, "Read", "topic")] == {partner_signals(partner), partner_outcomes(partner)}
    writers = {who for (who, op, kind), names in granted.items() if op == "Write" and partner_signals(partner) in names}
    assert writers == {principal}, "nobody else writes the partner's topic: the topic proves who wrote"


def test_nobody_but_its_publisher_writes_a_facts_topic_and_every_principal_has_a_credential() -> None:
    granted = rights()
    for service in PUBLISHING_SERVICES:
        writers = {who for (who, op, _), names in granted.items() if op == "Write" and facts(service) in names}
        assert writers == {service}
    assert {r.principal for r in rules(PARTNERS)} <= set(principals(PARTNERS)) and principals(PARTNERS)[0] == "admin"
    assert all(r.operation in ("Read", "Write") for r in rules(PARTNERS))  # no Create, Delete, Alter: admin's alone
    assert Rule("intake", "Read", "group", "intake", "prefixed").line() == "User:intake Read group intake prefixed"


def test_compose_runs_kafka_with_scram_and_acls_applied_at_start() -> None:
    document = compose()
    services, kafka = document["services"], document["services"]["kafka"]["environment"]
    assert kafka["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] == "CLIENT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT"
    assert kafka["KAFKA_LISTENERS"].endswith("CONTROLLER://127.0.0.1:9093")  # the plaintext one: loopback only
    assert kafka["KAFKA_SASL_ENABLED_MECHANISMS"] == "SCRAM-SHA-512"
    assert kafka["KAFKA_AUTHORIZER_CLASS_NAME"].endswith("StandardAuthorizer")
    assert kafka["KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"] == "false"
    assert services["kafka-acls"]["entrypoint"] == ["bash", "/opt/wijk/kafka/acls.sh"]
    assert "wijk kafka-acls > /opt/wijk/acls/rules.txt" in services["topics"]["entrypoint"][-1]
    acls = (ROOT / "infra" / "kafka" / "acls.sh").read_text(encoding="utf-8")
    assert "while read -r principal operation resource name pattern" in acls and "rules.txt" in acls
    for name in set(SERVICES) & set(services):
        env = services[name]["environment"]
        assert env["WIJK_KAFKA_SECURITY_PROTOCOL"] == "SASL_PLAINTEXT" and env["WIJK_KAFKA_USERNAME"] == name
        assert f"kafka-{name}" in services[name]["secrets"]
        assert services[name]["depends_on"]["kafka-acls"]["condition"] == "service_completed_successfully"
