"""The partner side of intake's inbox: signals from schools, GPs, landlords, energy and water companies and
health insurers, each on its own topic (`nl.wijkteam.partner.<partner-id>.signals`), as CloudEvents. The topic
proves who wrote (the broker's ACLs let only that partner write there): a signal whose `ce_source` is not the
topic owner's is refused.

It is an `Inbox` of its own consumer group, with the inbox's validation, retries, redelivery on infrastructure
errors, span and settings, and two options. Redaction: a message that is not a valid signal goes to intake's
dead-letter topic WITHOUT its body, key or subject, with a reason that names fields, never values (raw signals
carry personal data; the x-original-* headers point to the message on the partner's topic, kept only for that
topic's retention). Refusals: a valid signal whose source is not the registered owner of its topic (or not allowed
that kind) is refused and recorded as SignalRejected. The topics are the registered partners' (partners.json,
read at start: a newly registered partner is read after intake restarts). Everything else is taken into a
household's case; a signal intake can never take (no household matches and the postcode lies outside every
district) is dead-lettered at once; a redelivered signal (same source and ce_id) changes nothing.

The raw signal itself stays on the partner's topic until the broker's retention removes it, also after the
household is erased: intake does not truncate the topic (the embedded broker cannot, DeleteRecords panics there).
That residual window is docs/adr/0003-privacy.md, "Residual window".
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from contracts.partner_signals import PARTNER_SIGNALS, ConcernSignal, PartnerSignal, PaymentArrearsSignal
from kernel.clock import today
from kernel.errors import Refused
from services.intake.application import IntakeApplication
from services.intake.domain.partners import Partner, PartnerRegistry, SignalRefused
from wijk.consumer import Delivery, Inbox, Unprocessable

log = logging.getLogger(__name__)
GROUP = "intake-partners"


class PartnerSignals:
    """What intake does with a signal: admit its sender, then take it into a case, or record its refusal."""

    def __init__(
        self, app: IntakeApplication, partners: PartnerRegistry, reload: Callable[[], PartnerRegistry] | None = None
    ) -> None:
        self.app, self.partners, self.reload = app, partners, reload

    def admit(self, source: str, topic: str, kind: str) -> Partner:
        """The registered partner; a source not registered yet is looked up again in partners.json, so a letter
        refused before its partner's registration is admitted when replayed after it (topics are read at start)."""
        try:
            return self.partners.admit(source, topic, kind)
        except SignalRefused:
            if self.reload is None or source in {p.source for p in self.partners.partners}:
                raise
            self.partners = self.reload()
            return self.partners.admit(source, topic, kind)

    async def take(self, signal: PartnerSignal, delivery: Delivery) -> None:
        partner = self.admit(delivery.envelope.source, delivery.topic, signal.kind)
        try:
            await asyncio.to_thread(self.app.take_signal, signal, partner, delivery.envelope.id, today())
        except Refused as exc:  # e.g. no household matches and the postcode lies outside every district
            raise Unprocessable(str(exc)) from exc

    async def reject(self, refusal: Exception, _: Any, delivery: Delivery) -> None:
        envelope = delivery.envelope
        await asyncio.to_thread(
            self.app.reject_signal, envelope.source, delivery.topic, envelope.id, str(refusal), today()
        )

    def options(self) -> dict[str, Any]:
        """The inbox options for these partners: their own topics, and their signals' sources checked here."""
        return {**INBOX_OPTIONS, "topics": tuple(self.partners.topics), "publishers": {}, "on_refusal": self.reject}

    def subscribe(self, inbox: Inbox) -> Inbox:
        inbox.on(PaymentArrearsSignal, self.take)
        inbox.on(ConcernSignal, self.take)
        return inbox


INBOX_OPTIONS: dict[str, Any] = {
    "group": GROUP,
    "registry": PARTNER_SIGNALS,
    "redact": True,
    "refusals": (SignalRefused,),
}
"""The partner inbox's options beside the platform's: its group, its signals, redacted, and its refusals (the
topics are the registered partners': `PartnerSignals.options`)."""
