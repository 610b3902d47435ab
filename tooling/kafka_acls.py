"""The broker's ACLs, derived from the contract and the wiring: `wijk kafka-acls` prints them for infra/kafka/acls.sh.

Principals: `User:<service>` for each service, `User:partner-<partner-id>` for each registered partner
(partners.json), `User:admin` (a super user: creates topics, users and ACLs). Deny by default; then:
- a service writes only its own facts topic (`contracts.topics.facts`, if it publishes), its dead-letter topic and
  (intake) its partners' outcome topics; it reads what its inboxes consume (`tooling.simulate_settle.CONSUMERS`,
  held against the real wiring by tests/application/test_wiring.py), its partners' signal topics (intake) and its
  own replay topic; consumer groups whose id starts with its name;
- a partner writes only its own signal topic and reads only its own signal and outcome topics;
- an operator's replay (`wijk deadletters replay`) writes a service's replay topic as admin.

One rule a line: `<principal> <operation> <resource-type> <name> <pattern-type>`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from contracts.topics import PUBLISHING_SERVICES, dead_letter, facts, partner_outcomes, partner_signals, replay
from tooling.simulate_settle import CONSUMERS, PARTNER_GROUP
from wijk.settings import SERVICES

ADMIN = "admin"


@dataclass(frozen=True, order=True)
class Rule:
    principal: str
    operation: str  # Write, Read (Describe goes with both)
    resource: str  # topic, group
    name: str
    pattern: str = "literal"

    def line(self) -> str:
        return f"User:{self.principal} {self.operation} {self.resource} {self.name} {self.pattern}"


def partner_principal(partner_id: str) -> str:
    return f"partner-{partner_id}"


def rules(partners: Iterable[str]) -> list[Rule]:
    """Every ACL for the services and the given partner ids."""
    partners = sorted(partners)
    found: set[Rule] = set()
    for service in SERVICES:
        if service in PUBLISHING_SERVICES:
            found.add(Rule(service, "Write", "topic", facts(service)))
        found |= {
            Rule(service, "Write", "topic", dead_letter(service)),
            Rule(service, "Read", "topic", replay(service)),
        }
        found |= {Rule(service, "Read", "topic", topic) for topic in CONSUMERS.get(service, ())}
        found.add(Rule(service, "Read", "group", service, "prefixed"))  # also `intake-partners`
    for partner in partners:
        principal = partner_principal(partner)
        found |= {
            Rule("intake", "Read", "topic", partner_signals(partner)),
            Rule("intake", "Write", "topic", partner_outcomes(partner)),
            Rule(principal, "Write", "topic", partner_signals(partner)),
            Rule(principal, "Read", "topic", partner_signals(partner)),
            Rule(principal, "Read", "topic", partner_outcomes(partner)),
            Rule(principal, "Read", "group", principal, "prefixed"),
        }
    assert PARTNER_GROUP.startswith("intake")  # intake's partner inbox is covered by intake's prefixed group
    return sorted(found)


def principals(partners: Iterable[str]) -> list[str]:
    """Every principal that needs a SCRAM credential, the admin first."""
    return [ADMIN, *SERVICES, *(partner_principal(p) for p in sorted(partners))]


def register(commands: Any) -> dict[str, Any]:
    made = commands.add_parser("kafka-acls", help="print the broker's ACLs (infra/kafka/acls.sh applies them)")
    made.add_argument("--principals", action="store_true", help="print the principals instead, one a line")
    return {"kafka-acls": _command}


def _command(args: Any) -> int:
    from kernel.municipality import config_dir
    from services.intake.partners_config import load_partners
    from wijk.settings import PlatformSettings

    settings = PlatformSettings()
    registry = load_partners(settings.partners_config or config_dir(settings.municipality_config) / "partners.json")
    ids = [p.id for p in registry.partners]
    print("\n".join(principals(ids) if args.principals else [r.line() for r in rules(ids)]))
    return 0
