"""Which network partner may send which signals on which topic: the municipality's registration of its partners.

Only housing (landlords and corporations), energy, water and health insurers may signal payment arrears (Wgs art. 3
lid 2 and Besluit gemeentelijke schuldhulpverlening art. 2); any registered partner may signal a concern.
"""

from __future__ import annotations

from dataclasses import dataclass

from kernel.errors import Forbidden

ARREARS_PARTNER_TYPES = ("housing", "energy", "water", "insurer")
PARTNER_TYPES = ("school", "gp", *ARREARS_PARTNER_TYPES)


class SignalRefused(Forbidden):
    """The sender is not registered for this topic, or its partner type may not send this kind of signal."""


SIGNAL_TOPIC = "nl.wijkteam.partner.{}.signals"
"""Each partner's own signal topic, by its id (contracts.topics.partner_signals; the domain imports no contracts)."""


@dataclass(frozen=True)
class Partner:
    id: str
    type: str
    source: str

    @property
    def topic(self) -> str:
        """The one topic this partner writes its signals on; the broker's ACLs let no one else write there."""
        return SIGNAL_TOPIC.format(self.id)


class PartnerRegistry:
    def __init__(self, partners: list[Partner]) -> None:
        self._by_source: dict[str, Partner] = {}
        for partner in partners:
            if partner.type not in PARTNER_TYPES:
                raise ValueError(f"partner {partner.id}: type must be one of {', '.join(PARTNER_TYPES)}")
            if partner.source in self._by_source:
                raise ValueError(f"source {partner.source} is registered twice")
            self._by_source[partner.source] = partner

    @property
    def partners(self) -> list[Partner]:
        return list(self._by_source.values())

    @property
    def topics(self) -> list[str]:
        """Every registered partner's signal topic."""
        return [p.topic for p in self._by_source.values()]

    def admit(self, source: str, topic: str, kind: str) -> Partner:
        """The registered partner behind `source`, when `topic` is its own and it may send a signal of `kind`."""
        partner = self._by_source.get(source)
        if partner is None:
            raise SignalRefused(f"source {source!r} is not a registered partner")
        if topic != partner.topic:
            raise SignalRefused(f"partner {partner.id} signs its signals on {partner.topic}, not on {topic}")
        if kind == "payment_arrears" and partner.type not in ARREARS_PARTNER_TYPES:
            raise SignalRefused(f"partner {partner.id} ({partner.type}) may not signal payment arrears")
        return partner
