"""The simulator's invented residents: registrable at intake (BSNs pass the 11-proef, start with 99, distinct) and
the same for the same seed, without changing the scenario's own random stream."""

from __future__ import annotations

from services.intake.domain.bsn import check_bsn
from tooling.simulate_people import registration
from tooling.simulate_scenario import Municipality, households


def test_every_resident_has_a_distinct_test_bsn_passing_the_11_proef() -> None:
    almere = Municipality.load("almere")
    script = households(almere, 60, 7, 2026)
    bsns = [r["bsn"] for h in script for r in registration(h, 7, 2026, "Almere")["residents"]]
    assert len(bsns) == sum(h.members for h in script) == len(set(bsns))
    assert all(b.startswith("99") and len(b) == 9 and check_bsn(b) == b for b in bsns)


def test_the_same_seed_registers_the_same_residents_and_keeps_the_script() -> None:
    almere = Municipality.load("almere")
    first, again = households(almere, 5, 11, 2026), households(almere, 5, 11, 2026)
    assert [registration(h, 11, 2026, "Almere") for h in first] == [registration(h, 11, 2026, "Almere") for h in again]
    other = [registration(h, 12, 2026, "Almere") for h in households(almere, 5, 12, 2026)]
    assert other != [registration(h, 11, 2026, "Almere") for h in first]
    for household in first:
        body = registration(household, 11, 2026, "Almere")
        assert body["address"]["postcode"] == household.postcode and len(body["residents"]) == household.members
        assert body["residents"][0]["role"] == "applicant" and body["residents"][0]["date_of_birth"] < "2008-01-01"
