"""A letter never breaks a reference (a besluit's id, a kenmerk) across two lines: a reader copying it, or a test
searching for it, must find it whole. textwrap breaks on hyphens by default, and a UUID is made of them."""

from __future__ import annotations

import pytest

from services.backoffice.letter_common import WIDTH, wrapped

pytestmark = pytest.mark.unit


REFERENCE = "aa797261-e01a-4984-aeac-be2d0975c6d0"
"""A real besluit id from a failed run: textwrap may break `aeac-be2d` (letters on both sides of the hyphen)."""


@pytest.mark.parametrize("lead", range(WIDTH))
def test_an_id_stays_whole_wherever_the_line_ends(lead: int) -> None:
    reference = REFERENCE
    text = f"{'x' * lead} Een nieuwe beschikking (besluit {reference}) vervangt haar; die ontvangt u apart."
    assert any(reference in line for line in wrapped(text))
