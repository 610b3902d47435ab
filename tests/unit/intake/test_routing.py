"""Postcode to district to exactly one team."""

from __future__ import annotations

import pytest

from services.intake.domain.routing import District, InvalidPostcode, Routing, UnknownDistrict, normalise_postcode

pytestmark = pytest.mark.unit
ROUTING = Routing([District("Haven", "team-haven", ("1353", "1354")), District("Poort", "team-poort", ("1361",))])


@pytest.mark.parametrize("raw", ["1353AB", "1353 ab", " 1353 Ab "])
def test_postcodes_are_normalised(raw: str) -> None:
    assert normalise_postcode(raw) == "1353 AB"


@pytest.mark.parametrize("raw", ["0353 AB", "135 AB", "1353 A", "hello", ""])
def test_non_postcodes_are_refused(raw: str) -> None:
    with pytest.raises(InvalidPostcode):
        normalise_postcode(raw)


def test_a_household_is_routed_to_its_districts_team() -> None:
    assert ROUTING.route("1361 XY").team_id == "team-poort"


def test_a_postcode_outside_every_district_is_refused_with_its_area() -> None:
    with pytest.raises(UnknownDistrict, match="9999"):
        ROUTING.route("9999 ZZ")


def test_an_area_in_two_districts_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="1353"):
        Routing([District("A", "a", ("1353",)), District("B", "b", ("1353",))])
