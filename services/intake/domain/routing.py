"""Postcode to district to team: each municipality configures its own districts and team model."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kernel.errors import Refused

POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")


class InvalidPostcode(Refused):
    """Not a Dutch postcode (four digits, the first not zero, then two letters)."""


class UnknownDistrict(Refused):
    """The postcode lies outside every district this municipality serves."""


@dataclass(frozen=True)
class District:
    name: str
    team_id: str
    postcode_areas: tuple[str, ...]
    """Four-digit postcode areas (PC4) that belong to the district."""


def normalise_postcode(postcode: str) -> str:
    match = POSTCODE.match(postcode.strip())
    if match is None:
        raise InvalidPostcode(f"{postcode!r} is not a Dutch postcode such as '1315 AB'")
    return f"{match.group(1)} {match.group(2).upper()}"


class Routing:
    """Routes a household to exactly one district and so to exactly one team."""

    def __init__(self, districts: list[District]) -> None:
        self._by_area: dict[str, District] = {}
        for district in districts:
            for area in district.postcode_areas:
                if area in self._by_area:
                    raise ValueError(f"postcode area {area} is in both {self._by_area[area].name} and {district.name}")
                self._by_area[area] = district

    def route(self, postcode: str) -> District:
        area = normalise_postcode(postcode)[:4]
        try:
            return self._by_area[area]
        except KeyError:
            raise UnknownDistrict(f"postcode area {area} is not in any district of this municipality") from None
