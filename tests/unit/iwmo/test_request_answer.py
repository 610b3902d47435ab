"""The gemeente's answer to a provider's request (319): VerzoekAntwoord 2 when taken up, 1 with the WJ759 reason
when refused; valid against WMO319.xsd and addressed to the provider."""

from __future__ import annotations

from datetime import date

import pytest

from kernel.clock import today
from kernel.iwmo import codec
from services.iwmo.domain.request import ProviderRequest, compose_319, request_id
from services.iwmo.xml.schemas import Schemas

pytestmark = pytest.mark.unit


def test_the_319_says_taken_or_refused_with_its_reason(schemas: Schemas) -> None:
    request = ProviderRequest("98000001", "VOT-7", "zorg-flevoland", "assignment", None, {}, date(2026, 3, 2))
    assert request.id == request_id("98000001", "VOT-7")
    taken = compose_319(request, "0034", "A1", today(), True, None)
    refused = compose_319(request, "0034", "A2", today(), False, "3")
    for message in (taken, refused):
        assert schemas.validate(codec.to_xml(message), "319") is None
        assert (message.header.afzender, message.header.ontvanger) == ("0034", "98000001")
    assert (taken.antwoord.verzoek_antwoord, taken.antwoord.reden_afwijzing_verzoek) == ("2", None)
    assert (refused.antwoord.verzoek_antwoord, refused.antwoord.reden_afwijzing_verzoek) == ("1", "3")
