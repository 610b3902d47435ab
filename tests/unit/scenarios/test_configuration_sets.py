"""Every municipality's configuration set loads through every service's own loader, and each set shows the
structure its source text describes (DOMAIN.md): switching municipality is one setting, not code."""

from __future__ import annotations

from pathlib import Path

import pytest

from kernel.municipality import MunicipalityConfig, config_dir, load_municipality
from services.budget.funding import funding_path, load_funding
from services.care.providers import load_policies, providers_path
from services.intake.partners_config import load_partners
from services.planning.config import PlanningConfig, load_planning_config

pytestmark = pytest.mark.unit
CONFIG = Path(__file__).resolve().parents[3] / "config"
MUNICIPALITIES = ("almere", "almelo", "helmond", "zaanstad")


def setting(name: str) -> str:
    """The value `WIJK_MUNICIPALITY_CONFIG` takes for this municipality."""
    return str(CONFIG / name / "municipality.json")


def planning(name: str) -> tuple[MunicipalityConfig, PlanningConfig]:
    municipality = load_municipality(setting(name))
    return municipality, load_planning_config(municipality, config_dir(setting(name)))


@pytest.mark.parametrize("name", MUNICIPALITIES)
def test_every_loader_reads_the_full_set(name: str) -> None:
    municipality, config = planning(name)
    funding = load_funding(funding_path(setting(name)), municipality)
    policies = load_policies(providers_path(setting(name)))
    partners = load_partners(config_dir(setting(name)) / "partners.json")

    district_teams = {d.team_id for d in municipality.districts}
    assert {a[0] for a in funding.allocations} == district_teams, "every district team gets a budget"
    assert district_teams <= {t.team_id for t in config.teams.of_kind("neighbourhood")}
    assert {p.provider_id for p in municipality.provisions} <= set(policies), "every executing provider is served"
    assert {p.type for p in partners.partners} >= {"housing", "energy", "water", "insurer"}, "arrears partners"


@pytest.mark.parametrize("name", ["almelo", "helmond", "zaanstad", "almere"])
def test_every_provision_a_provider_delivers_has_an_agreed_tariff(name: str) -> None:
    """Care declares volume times the provider's tariff; without one every declaration is refused."""
    municipality = load_municipality(setting(name))
    policies = load_policies(providers_path(setting(name)))
    missing = [
        p.code
        for p in municipality.provisions
        if p.budget_line in ("wmo", "youth") and policies[p.provider_id].tariff(p.product_code, p.unit) is None
    ]
    assert missing == []


@pytest.mark.parametrize("name", MUNICIPALITIES)
def test_every_district_team_has_a_professional_and_every_paid_kind_a_mandate(name: str) -> None:
    municipality, config = planning(name)
    teams_with_people = {p.team_id for p in config.register.professionals.values()}
    assert {d.team_id for d in municipality.districts} <= teams_with_people
    kinds = {m_kind for m in config.register.mandates for m_kind in m.kinds}
    assert kinds >= {"wmo", "youth", "special_assistance", "discretionary"}
    assert any(m.deviations for m in config.register.mandates), "someone may approve a justified deviation"


def test_postcode_areas_are_each_municipalitys_own() -> None:
    prefixes = {"almere": "13", "almelo": "76", "helmond": "57", "zaanstad": "15"}
    for name, prefix in prefixes.items():
        areas = [a for d in load_municipality(setting(name)).districts for a in d.postcode_areas]
        assert areas and all(a.startswith(prefix) for a in areas), name
        assert len(areas) == len(set(areas)), f"{name}: a PC4 area is in two districts"


def test_almere_gives_every_district_team_a_discretionary_budget_of_300000_euro() -> None:
    municipality = load_municipality(setting("almere"))
    discretionary = {b.team_id: b.amount_cents for b in municipality.budgets if b.line == "discretionary"}
    assert discretionary == {d.team_id: 30_000_000 for d in municipality.districts}


def test_almelo_teams_sit_in_a_foundation_whose_coaches_hold_a_mandate() -> None:
    _, config = planning("almelo")
    coaches = [p for p in config.register.professionals.values() if p.role in ("wijkcoach", "teamcoach")]
    assert coaches and {p.organisation for p in coaches} == {"stichting-wijkteams-almelo"}
    assert {m.role for m in config.register.mandates} >= {"wijkcoach", "teamcoach"}


def test_helmond_has_four_area_teams_and_bms_working_per_case() -> None:
    municipality, config = planning("helmond")
    assert len(municipality.districts) == len(config.teams.of_kind("neighbourhood")) == 4
    bms = [p for p in config.register.professionals.values() if p.role == "bms-consulent"]
    assert bms and all(p.team_id is None for p in bms), "BMS sits outside the teams and joins per case"


def test_zaanstad_funds_wmo_and_youth_by_population_and_keeps_a_reserve() -> None:
    municipality, config = planning("zaanstad")
    funding = load_funding(funding_path(setting("zaanstad")), municipality)
    assert (len(config.teams.of_kind("neighbourhood")), len(config.teams.of_kind("youth"))) == (10, 5)
    youth = {team: cents for team, year, line, cents in funding.allocations if line == "youth" and year == 2026}
    assert sum(youth.values()) == 900_000_000 and len(set(youth.values())) > 1, "shared by profile, not equally"
    assert funding.reserves[2026] > 0
