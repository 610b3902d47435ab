"""A provider's retour (302 on a 301) repeats the gemeente's header: the gateway judges it as that heenbericht's
header with the roles turned, not as a crash on the retour's own fields."""

from __future__ import annotations

from datetime import date

import pytest

from kernel.iwmo.messages.blocks import Header
from services.iwmo.receiving import expected
from tests.unit.iwmo.samples import wmo302

pytestmark = pytest.mark.unit


def test_a_providers_302_is_judged_as_the_301s_header_with_the_roles_turned() -> None:
    retour = wmo302(date(2026, 3, 2)).header
    judged = expected(retour, "302")
    assert type(judged) is Header
    assert (judged.afzender, judged.ontvanger) == (retour.ontvanger, retour.afzender)
    assert judged.bericht_identificatie == retour.bericht_identificatie
