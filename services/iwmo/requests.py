"""The 315/317 route: an accepted request goes to the household's coordinator in planning as the gateway's fact
`ProviderRequestReceived`; planning's `ProviderRequestAnswered` comes back and becomes the provider's 319. When
the coordinator takes the request up, the decision that follows reaches the provider as a 301 (ProviderAssigned).

Why a fact rather than a call to a planning route: the request must survive planning being down, and it is
recorded in the same transaction as the 316/318 that accepted it (the notification log is the outbox), so the
provider's acceptance and the coordinator's request can never disagree.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Tracking

from contracts.events.planning import ProviderRequestAnswered
from kernel.iwmo import codec
from kernel.iwmo.messages.verzoek import Wmo315, Wmo317
from services.iwmo.domain.answer import Answer
from services.iwmo.domain.archive import OUT, SENT, ArchivedMessage
from services.iwmo.domain.judgement import Context
from services.iwmo.domain.request import ANSWERED, UNKNOWN_CLIENT, ProviderRequest, compose_319
from services.iwmo.domain.verzoek import reference_key
from wijk.consumer import Unprocessable

if TYPE_CHECKING:
    from services.iwmo.application import IwmoApplication

log = logging.getLogger(__name__)


class Requests:
    def __init__(self, app: IwmoApplication) -> None:
        self.app = app

    def from_315(self, message: Wmo315, answer: Answer, context: Context) -> list[Aggregate]:
        """One request per accepted product (its ReferentieAanbieder newly claimed)."""
        found: list[Aggregate] = []
        for product in message.client.aangevraagde_producten:
            if reference_key(context.agb_code, product.referentie_aanbieder) not in answer.new_keys:
                continue
            omvang = product.omvang
            details = {
                "product_category": product.product.categorie if product.product else None,
                "product_code": product.product.code if product.product else None,
                "volume": omvang.volume if omvang else product.budget,
                "unit": omvang.eenheid if omvang else None,
                "frequency": omvang.frequentie if omvang else None,
                "requested_start": product.toewijzing_ingangsdatum.isoformat(),
                "requested_end": product.toewijzing_einddatum.isoformat() if product.toewijzing_einddatum else None,
            }
            found += self._request(context, product.referentie_aanbieder, "assignment", message.client.bsn, details)
        return found

    def from_317(self, message: Wmo317, answer: Answer, context: Context) -> list[Aggregate]:
        """One request for the whole verzoek om wijziging, when it was accepted."""
        verzoek = message.client.verzoek
        if reference_key(context.agb_code, verzoek.referentie_aanbieder) not in answer.new_keys:
            return []
        changed = verzoek.te_wijzigen_producten or []
        starts = [p.gewenste_ingangsdatum for p in changed] + [
            p.gewenste_ingangsdatum for p in verzoek.nieuwe_producten or []
        ]
        details = {"requested_start": min(starts).isoformat() if starts else context.today.isoformat(),
                   "change_reason": verzoek.reden_verzoek}  # fmt: skip
        return self._request(context, verzoek.referentie_aanbieder, "change", message.client.bsn, details)

    def _request(
        self, context: Context, reference: str, kind: str, bsn: str, details: dict[str, Any]
    ) -> list[Aggregate]:
        file = self.app.file_of_client(context.agb_code, bsn)
        provider = self.app.parties.provider_of(context.agb_code) or context.agb_code
        household = file.household_id if file is not None else None
        request = ProviderRequest(context.agb_code, reference, provider, kind, household, details, context.today)
        if file is None:  # not a client this provider serves here: it cannot reach a coordinator
            return [request, *self.answer(request, False, UNKNOWN_CLIENT, context.today)]
        return [request]

    def answer(self, request: ProviderRequest, taken: bool, reason: str | None, today: date) -> list[Aggregate]:
        """The 319, validated and archived for the provider to fetch; the request marked answered."""
        from services.iwmo.application import encode, new_identification

        identificatie = new_identification()
        message = compose_319(request, self.app.parties.gemeentecode, identificatie, today, taken, reason)
        invalid = self.app.schemas.validate(codec.to_xml(message), "319")
        if invalid is not None:
            raise RuntimeError("the composed 319 fails its XSD: " + "; ".join(invalid.reasons))
        request.answered(message.antwoord.verzoek_antwoord, reason, identificatie)
        document = encode(codec.to_bytes(message))
        return [ArchivedMessage(request.agb_code, OUT, "319", identificatie, document, SENT, [])]

    def on_answered(self, event: ProviderRequestAnswered, tracking: Tracking, today: date) -> None:
        app = self.app
        if app.already_processed(tracking):
            return
        if event.request_id not in app.repository:
            raise Unprocessable(f"no provider's request {event.request_id} at the gateway")
        request: ProviderRequest = app.repository.get(event.request_id)
        if request.status == ANSWERED:  # answered before (republished): the provider has its 319
            app.record_processed(tracking)
            return
        archived = self.answer(request, event.taken, event.refusal_reason, today)
        app.record_processed(tracking, request, *archived)
