"""Team models per district (teamsamenstelling): which disciplines and partner organisations form each team,
and who steers whom. Helmond mixes municipal staff with partners steered by their own organisation; Zaanstad
runs separate youth teams next to its neighbourhood teams. Configuration, not code: the structure follows the
district's population (Almere: no one model for all districts)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kernel.errors import NotFound

MUNICIPALITY, OWN_ORGANISATION = "municipality", "own_organisation"


class UnknownTeam(NotFound):
    """No team with this id in the municipality's team models."""


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class TeamMember:
    discipline: str
    organisation: str
    steered_by: str
    fte: float


@dataclass(frozen=True)
class TeamModel:
    team_id: str
    name: str
    kind: str
    districts: tuple[str, ...]
    focus: str
    members: tuple[TeamMember, ...]


class TeamModels:
    def __init__(self, municipality: str, organisations: Iterable[Organisation], teams: Iterable[TeamModel]) -> None:
        self.municipality = municipality
        self.organisations = {o.id: o for o in organisations}
        self.teams = {t.team_id: t for t in teams}

    def team(self, team_id: str) -> TeamModel:
        try:
            return self.teams[team_id]
        except KeyError:
            raise UnknownTeam(f"no team {team_id!r} in the {self.municipality} team models") from None

    def of_kind(self, kind: str) -> list[TeamModel]:
        return [t for t in self.teams.values() if t.kind == kind]

    def youth_team_for(self, district: str) -> TeamModel | None:
        """A separate youth team serving this district, where the municipality has one (Zaanstad)."""
        return next((t for t in self.of_kind("youth") if district in t.districts), None)

    def describe(self, team_id: str) -> dict[str, Any]:
        team = self.team(team_id)
        partners = sorted(
            {m.organisation for m in team.members if self.organisations[m.organisation].kind != MUNICIPALITY}
        )
        return {
            "team_id": team.team_id,
            "name": team.name,
            "kind": team.kind,
            "municipality": self.municipality,
            "districts": list(team.districts),
            "focus": team.focus,
            "disciplines": [
                {
                    "discipline": m.discipline,
                    "organisation": m.organisation,
                    "organisation_name": self.organisations[m.organisation].name,
                    "steered_by": m.steered_by,
                    "fte": m.fte,
                }
                for m in team.members
            ],
            "partner_organisations": partners,
            "fte_steered_by_municipality": _fte(team, MUNICIPALITY),
            "fte_steered_by_own_organisation": _fte(team, OWN_ORGANISATION),
            "youth_teams_alongside": [
                t.team_id for t in self.of_kind("youth") if set(t.districts) & set(team.districts)
            ]
            if team.kind != "youth"
            else [],
        }


def _fte(team: TeamModel, steered_by: str) -> float:
    return round(sum(m.fte for m in team.members if m.steered_by == steered_by), 2)
