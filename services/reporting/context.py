"""What reporting knows of the municipality besides the facts: its name, which team serves which district, and
each network partner's type. Read from the configuration folder (municipality.json, partners.json), as data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kernel.municipality import config_dir, municipality_of
from wijk.settings import PlatformSettings


@dataclass(frozen=True)
class MunicipalityContext:
    name: str
    district_team: dict[str, str] = field(default_factory=dict)
    partner_types: dict[str, str] = field(default_factory=dict)

    @property
    def team_districts(self) -> dict[str, list[str]]:
        teams: dict[str, list[str]] = {}
        for district, team in self.district_team.items():
            teams.setdefault(team, []).append(district)
        return teams

    @property
    def teams(self) -> list[str]:
        return sorted(set(self.district_team.values()))

    def partner_type(self, partner_id: str) -> str:
        return self.partner_types.get(partner_id, "unknown")

    def budget_team(self, team_id: str | None, district: str | None) -> str | None:
        """Budgets belong to teams: a district filter selects the budget of the team that serves it."""
        if district is None:
            return team_id
        serving = self.district_team.get(district, f"(no team serves {district})")
        return serving if team_id in (None, serving) else f"(team {team_id} does not serve {district})"


def load_context(settings: PlatformSettings) -> MunicipalityContext:
    config = municipality_of(settings.municipality_config)
    partners_file = Path(settings.partners_config or config_dir(settings.municipality_config) / "partners.json")
    partners = (
        json.loads(partners_file.read_text(encoding="utf-8")).get("partners", []) if partners_file.exists() else []
    )
    return MunicipalityContext(
        name=config.municipality,
        district_team={d.name: d.team_id for d in config.districts},
        partner_types={p["id"]: p["type"] for p in partners},
    )
