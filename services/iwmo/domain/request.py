"""A provider's request as the gemeente keeps it, from its acceptance (316/318) to the answer (319).

A WMO315 becomes one request per requested product, a WMO317 one request as a whole; the request's id is derived
from the provider's AGB code and its ReferentieAanbieder (unique per provider, TR347), so a repeated message finds
the same one. The household is the one of the client's file at that provider (recognised by the BSN's keyed
digest): a provider may ask only for a resident it already serves. A request whose client the gateway does not
know for that provider is refused at once with WJ759 reason 1 (geen wijziging maar nieuwe aanvraag: the resident
makes a melding; inferred, iWmo has no code for "client unknown").

The 319 (Antwoordbericht, `compose_319`) says VerzoekAntwoord 1 (afgewezen) with the RedenAfwijzingVerzoek, or
2 (aanvraag in onderzoek) when the coordinator takes it up; the decision that follows reaches the provider as a 301.
Source: WMO319.xsd; LDT_VerzoekAntwoord (WJ760), LDT_RedenAfwijzingVerzoek (WJ759); Procesbeschrijving iWmo 3.2.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.iwmo.messages.blocks import Header
from kernel.iwmo.messages.verzoek import Antwoord, Wmo319
from services.iwmo.domain.judgement import identification

NAMESPACE = UUID("6c0f3a1e-2b7d-4f59-9e88-1d4c7b2a5e90")
OPEN, ANSWERED = "open", "answered"
REJECTED, IN_INVESTIGATION = "1", "2"
"""LDT_VerzoekAntwoord (WJ760): 1 verzoek afgewezen, 2 aanvraag in onderzoek."""
UNKNOWN_CLIENT = "1"


def request_id(agb_code: str, referentie: str) -> UUID:
    return uuid5(NAMESPACE, f"request:{agb_code}:{referentie}")


class ProviderRequest(Aggregate):
    @staticmethod
    def create_id(agb_code: str, reference: str) -> UUID:
        return request_id(agb_code, reference)

    @event("Received")
    def __init__(
        self,
        agb_code: str,
        reference: str,
        provider_id: str,
        kind: str,
        household_id: UUID | None,
        details: dict[str, Any],
        received_on: date,
    ) -> None:
        self.agb_code, self.reference, self.provider_id, self.kind = agb_code, reference, provider_id, kind
        self.household_id, self.details, self.received_on = household_id, details, received_on
        self.status = OPEN
        self.answer: str | None = None
        self.refusal_reason: str | None = None

    @event("Answered")
    def answered(self, answer: str, refusal_reason: str | None, identificatie: str) -> None:
        self.status, self.answer, self.refusal_reason = ANSWERED, answer, refusal_reason
        self.identificatie = identificatie


def compose_319(
    request: ProviderRequest, gemeentecode: str, identificatie: str, today: date, taken: bool, reason: str | None
) -> Wmo319:
    header = Header(
        bericht_code=Wmo319.BERICHTCODE,
        afzender=gemeentecode,
        ontvanger=request.agb_code,
        bericht_identificatie=identification(identificatie, today),
    )
    antwoord = Antwoord(
        referentie_aanbieder=request.reference,
        verzoek_antwoord=IN_INVESTIGATION if taken else REJECTED,
        reden_afwijzing_verzoek=None if taken else reason,
    )
    return Wmo319(header=header, antwoord=antwoord)
