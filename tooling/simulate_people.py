"""The invented residents of a simulated household, registered at intake with `POST /households` before the
melding, so that intake can name the client of an iWmo 301 (the gateway asks it for the BSN, name, date of birth
and address).

Pure and reproducible: everything follows from the seed and the household's number, without drawing from the
scenario's own random stream (the same seed gives the same year as before residents were registered). Every BSN
passes the 11-proef and starts with 99, as test BSNs do; the numbers of one run are distinct.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from tooling.simulate_scenario import Household

GIVEN_NAMES = ("Anna", "Bram", "Chantal", "Daan", "Esra", "Fatima", "Gerrit", "Hanna", "Ilse", "Jamal", "Kees", "Lotte")
FAMILY_NAMES = ("Jansen", "de Vries", "Bakker", "Yilmaz", "Visser", "Smit", "Meijer", "El Amrani", "Mulder", "Bos")
STREETS = ("Simulatiestraat", "Proefweg", "Voorbeeldlaan", "Oefenpad")
ROLES = ("applicant", "partner", "child", "child", "child")


def bsn(seed: int, number: int, member: int) -> str:
    """The member's BSN: 99, six digits from the seed, the household and the member, and the 11-proef's check
    digit (the next candidate when the check would be 10). Distinct within a run of up to 10,000 households."""
    candidate = (seed * 7_919 + number * 80 + member * 16) % 1_000_000
    while True:
        digits = [9, 9, *map(int, f"{candidate:06d}")]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)
        candidate = (candidate + 1) % 1_000_000


def registration(household: Household, seed: int, year: int, city: str) -> dict[str, Any]:
    """The body of `POST /households` for this household: its address and its members as residents."""
    rng = random.Random(f"residents-{seed}-{household.number}")
    family = rng.choice(FAMILY_NAMES)
    age = household.decisions[0].client_age if household.decisions else 40
    residents = []
    for member in range(household.members):
        role = ROLES[min(member, len(ROLES) - 1)]
        years = rng.randint(1, 70) if member else age if age >= 18 else rng.randint(28, 50)
        born = date(year - 1 - years, rng.randint(1, 12), rng.randint(1, 28))
        resident = {"given_name": rng.choice(GIVEN_NAMES), "family_name": family, "role": role,
                    "bsn": bsn(seed, household.number, member), "date_of_birth": born.isoformat()}  # fmt: skip
        residents.append(resident)
    address = {"street": rng.choice(STREETS), "house_number": household.house_number,
               "postcode": household.postcode, "city": city}  # fmt: skip
    return {"address": address, "residents": residents}
