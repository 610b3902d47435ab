"""Catalogue, mandate register and team models are configuration: two municipalities behave differently with
the same code, and moving a mandate (Helmond: special assistance to team members) changes only data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kernel.municipality import ConfigError, load_municipality
from services.planning.config import load_planning_config
from services.planning.domain.assessment import assess
from services.planning.domain.teams import UnknownTeam
from tests.unit.planning.factories import ALMERE, CONFIG, ZAANSTAD, request

pytestmark = pytest.mark.unit
ALMERE_MUNICIPALITY = load_municipality(CONFIG / "almere" / "municipality.json")


def copy_of(municipality: str, tmp_path: Path) -> Path:
    target = tmp_path / municipality
    shutil.copytree(CONFIG / municipality, target)
    return target


def edit(path: Path, change: object) -> None:
    data = json.loads(path.read_text())
    change(data)  # type: ignore[operator]
    path.write_text(json.dumps(data))


def test_moving_the_special_assistance_mandate_to_team_members_is_a_configuration_change(tmp_path: Path) -> None:
    special = request(provision_code="bijzondere-bijstand", amount_cents=40_000, client_age=34, life_domain="income")
    by_coach = request(**vars(special) | {"decided_by": "coach.jansen"})
    assert assess(ALMERE.catalogue, ALMERE.register, by_coach).escalated

    moved = copy_of("almere", tmp_path)
    edit(
        moved / "mandates.json",
        lambda d: d["mandates"].append(
            {"ref": "ALM-M-06", "role": "wijkcoach", "kinds": ["special_assistance"], "max_amount_cents": 100000}
        ),
    )
    after = load_planning_config(ALMERE_MUNICIPALITY, moved)
    assessment = assess(after.catalogue, after.register, by_coach)
    assert not assessment.escalated and assessment.mandate is not None and assessment.mandate.ref == "ALM-M-06"


def test_the_same_request_is_taken_in_zaanstad_and_escalated_in_almere() -> None:
    """Zaanstad gives team members the special-assistance mandate; Almere keeps it at the BMS department."""
    zaanstad = assess(
        ZAANSTAD.catalogue,
        ZAANSTAD.register,
        request(provision_code="bijzondere-bijstand", amount_cents=40_000, client_age=34, decided_by="p.janssen"),
    )
    almere = assess(
        ALMERE.catalogue,
        ALMERE.register,
        request(provision_code="bijzondere-bijstand", amount_cents=40_000, client_age=34, decided_by="coach.jansen"),
    )
    assert zaanstad.mandate is not None and zaanstad.mandate.ref == "ZS-M-02"
    assert almere.escalated and "role:bms-consulent" in almere.escalation_reason


def test_zaanstad_youth_care_is_decided_by_its_youth_teams_only() -> None:
    youth = {"provision_code": "jeugd-ambulante-hulp", "amount_cents": 300_000, "client_age": 12}
    by_team_member = assess(ZAANSTAD.catalogue, ZAANSTAD.register, request(**youth, decided_by="p.janssen"))
    by_youth_team = assess(ZAANSTAD.catalogue, ZAANSTAD.register, request(**youth, decided_by="s.de.boer"))
    assert by_team_member.escalated and "role:jeugdconsulent" in by_team_member.escalation_reason
    assert by_youth_team.mandate is not None and by_youth_team.mandate.ref == "ZS-M-03"


def test_zaanstad_caps_household_help_at_half_a_year_where_almere_allows_a_year() -> None:
    year = {"amount_cents": 200_000}
    assert (
        ALMERE.catalogue.provision("wmo-huishoudelijke-ondersteuning").breaches(
            200_000, request().period_start, request().period_end, None
        )
        == []
    )
    zs = ZAANSTAD.catalogue.provision("wmo-huishoudelijke-ondersteuning")
    [breach] = zs.breaches(year["amount_cents"], request().period_start, request().period_end, None)
    assert (breach.rule.ref, breach.actual) == ("ZS-WMO-HO-DUUR", 275)


def test_team_models_ten_neighbourhood_teams_and_five_separate_youth_teams_in_zaanstad() -> None:
    assert (len(ZAANSTAD.teams.of_kind("neighbourhood")), len(ZAANSTAD.teams.of_kind("youth"))) == (10, 5)
    assert (len(ALMERE.teams.of_kind("neighbourhood")), len(ALMERE.teams.of_kind("youth"))) == (4, 0)
    poelenburg = ZAANSTAD.teams.describe("wijkteam-poelenburg")
    assert poelenburg["youth_teams_alongside"] == ["jeugdteam-zaandam-noord-oost"]
    haven = ALMERE.teams.describe("wijkteam-haven")
    assert (haven["fte_steered_by_municipality"], haven["fte_steered_by_own_organisation"]) == (4.5, 2.5)
    assert haven["partner_organisations"] == ["vrijwilligerscentrale-almere", "zorggroep-flevoland"]
    with pytest.raises(UnknownTeam, match="no team 'wijkteam-nergens'"):
        ALMERE.teams.describe("wijkteam-nergens")


def test_every_provision_the_backoffice_executes_stays_in_the_catalogue(tmp_path: Path) -> None:
    broken = copy_of("almere", tmp_path)
    edit(broken / "catalogue.json", lambda d: d["provisions"].pop(0))
    with pytest.raises(
        ConfigError, match=r"wmo-huishoudelijke-ondersteuning of municipality\.json is not in the catalogue"
    ):
        load_planning_config(ALMERE_MUNICIPALITY, broken)


@pytest.mark.parametrize(
    ("file", "change", "problem"),
    [
        ("mandates.json", lambda d: d["mandates"][0].update(person="x"), "exactly one of role or person"),
        ("mandates.json", lambda d: d["professionals"][0].update(team_id="wijkteam-x"), "unknown team wijkteam-x"),
        ("mandates.json", lambda d: d["mandates"][0].update(provisions=["gouden-kraan"]), "unknown provision"),
        ("catalogue.json", lambda d: d["provisions"][5].update(budget_line="wmo"), "informal provisions have no"),
        ("catalogue.json", lambda d: d["provisions"][0]["rules"][0].update(limit="max_hours"), "limit"),
        ("teams.json", lambda d: d["teams"][0]["members"][0].update(organisation="x"), "unknown organisation x"),
        ("teams.json", lambda d: d.update(municipality="Helmond"), "different municipalities"),
    ],
)
def test_inconsistent_configuration_is_refused_with_the_reason(
    tmp_path: Path, file: str, change: object, problem: str
) -> None:
    broken = copy_of("almere", tmp_path)
    edit(broken / file, change)
    with pytest.raises(ConfigError, match=problem):
        load_planning_config(ALMERE_MUNICIPALITY, broken)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    broken = copy_of("almere", tmp_path)
    (broken / "teams.json").unlink()
    with pytest.raises(ConfigError, match=r"teams\.json does not exist"):
        load_planning_config(ALMERE_MUNICIPALITY, broken)
