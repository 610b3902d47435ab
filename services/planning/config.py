"""Planning's configuration: the provision catalogue, the mandate register and the team models, each a JSON
file beside the municipality's `municipality.json` (e.g. `config/almere/catalogue.json`), validated here with
clear errors and cross-checked: every provision code the backoffice executes stays in the catalogue."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError, model_validator

from kernel.municipality import DEFAULT_CONFIG, ConfigError, MunicipalityConfig
from services.planning.domain.catalogue import Catalogue, Provision, Rule
from services.planning.domain.mandates import Mandate, MandateRegister, Professional
from services.planning.domain.teams import Organisation, TeamMember, TeamModel, TeamModels

Kind = Literal["wmo", "youth", "special_assistance", "discretionary", "informal"]
LifeDomain = Literal["income", "debts", "housing", "care", "youth", "work", "social_network", "health"]
M = TypeVar("M", bound=BaseModel)


class RuleFile(BaseModel):
    ref: str = Field(min_length=1)
    limit: Literal["min_age", "max_age", "max_amount_cents", "max_duration_days"]
    value: int = Field(ge=0)
    source: str = ""


class ProvisionFile(BaseModel):
    code: str = Field(min_length=1)
    name: str
    kind: Kind
    budget_line: Literal["wmo", "youth", "special_assistance", "discretionary"] | None
    life_domain: LifeDomain | None = None
    rules: list[RuleFile] = []

    @model_validator(mode="after")
    def _line_fits_kind(self) -> ProvisionFile:
        if (self.kind == "informal") != (self.budget_line is None):
            raise ValueError(f"{self.code}: informal provisions have no budget line, paid ones have one")
        return self


class CatalogueFile(BaseModel):
    municipality: str
    provisions: list[ProvisionFile] = Field(min_length=1)


class ProfessionalFile(BaseModel):
    id: str = Field(min_length=1)
    name: str
    role: str = Field(min_length=1)
    organisation: str
    team_id: str | None = None


class MandateFile(BaseModel):
    ref: str = Field(min_length=1)
    role: str | None = None
    person: str | None = None
    provisions: list[str] = []
    kinds: list[Literal["wmo", "youth", "special_assistance", "discretionary"]] = []
    max_amount_cents: int | None = Field(None, ge=0)
    deviations: bool = False

    @model_validator(mode="after")
    def _one_holder(self) -> MandateFile:
        if (self.role is None) == (self.person is None):
            raise ValueError(f"mandate {self.ref}: name exactly one of role or person")
        if not self.provisions and not self.kinds:
            raise ValueError(f"mandate {self.ref}: name the provisions or kinds it covers")
        return self


class MandatesFile(BaseModel):
    municipality: str
    mandate_giver: str = Field(min_length=1)
    version: str = Field(min_length=1)
    professionals: list[ProfessionalFile]
    mandates: list[MandateFile]


class MemberFile(BaseModel):
    discipline: str
    organisation: str
    steered_by: Literal["municipality", "own_organisation"]
    fte: float = Field(gt=0)


class TeamFile(BaseModel):
    team_id: str
    name: str
    kind: Literal["neighbourhood", "youth"]
    districts: list[str] = Field(min_length=1)
    focus: str = ""
    members: list[MemberFile] = Field(min_length=1)


class OrganisationFile(BaseModel):
    id: str
    name: str
    kind: Literal["municipality", "partner"]


class TeamsFile(BaseModel):
    municipality: str
    organisations: list[OrganisationFile]
    teams: list[TeamFile] = Field(min_length=1)


@dataclass(frozen=True)
class PlanningConfig:
    catalogue: Catalogue
    register: MandateRegister
    teams: TeamModels


def load_planning_config(
    municipality: MunicipalityConfig, directory: str | Path = DEFAULT_CONFIG.parent
) -> PlanningConfig:
    directory = Path(directory)
    catalogue = _read(directory / "catalogue.json", CatalogueFile)
    mandates = _read(directory / "mandates.json", MandatesFile)
    teams = _read(directory / "teams.json", TeamsFile)
    problems = _cross_check(municipality, catalogue, mandates, teams)
    if problems:
        raise ConfigError(f"planning configuration in {directory} is inconsistent: " + "; ".join(problems))
    return PlanningConfig(_catalogue(catalogue), _register(mandates), _teams(teams))


def _read(path: Path, model: type[M]) -> M:
    try:
        return model.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ConfigError(f"planning configuration {path} does not exist") from None
    except (ValueError, ValidationError) as exc:
        raise ConfigError(f"planning configuration {path} is invalid: {exc}") from None


def _cross_check(muni: MunicipalityConfig, cat: CatalogueFile, man: MandatesFile, teams: TeamsFile) -> list[str]:
    problems = []
    lines = {p.code: p.budget_line for p in cat.provisions}
    for executed in muni.provisions:
        if lines.get(executed.code, "missing") != executed.budget_line:
            problems.append(
                f"provision {executed.code} of municipality.json is not in the catalogue on line {executed.budget_line}"
            )
    names = {f.municipality for f in (cat, man, teams)} | {muni.municipality}
    if len(names) > 1:
        problems.append(f"the files name different municipalities: {', '.join(sorted(names))}")
    people = {p.id for p in man.professionals}
    team_ids, organisations = {t.team_id for t in teams.teams}, {o.id for o in teams.organisations}
    for mandate in man.mandates:
        problems += [
            f"mandate {mandate.ref} covers unknown provision {c}" for c in mandate.provisions if c not in lines
        ]
        if mandate.person is not None and mandate.person not in people:
            problems.append(f"mandate {mandate.ref} names unknown professional {mandate.person}")
    for person in man.professionals:
        if person.team_id is not None and person.team_id not in team_ids:
            problems.append(f"professional {person.id} is in unknown team {person.team_id}")
        if person.organisation not in organisations:
            problems.append(f"professional {person.id} works for unknown organisation {person.organisation}")
    for team in teams.teams:
        problems += [
            f"team {team.team_id} has a member of unknown organisation {m.organisation}"
            for m in team.members
            if m.organisation not in organisations
        ]
    return problems


def _catalogue(file: CatalogueFile) -> Catalogue:
    return Catalogue(
        file.municipality,
        [
            Provision(
                p.code, p.name, p.kind, p.budget_line, p.life_domain, tuple(Rule(**r.model_dump()) for r in p.rules)
            )
            for p in file.provisions
        ],
    )


def _register(file: MandatesFile) -> MandateRegister:
    return MandateRegister(
        file.mandate_giver,
        file.version,
        [Professional(**p.model_dump()) for p in file.professionals],
        [
            Mandate(
                m.ref, m.role, m.person, frozenset(m.provisions), frozenset(m.kinds), m.max_amount_cents, m.deviations
            )
            for m in file.mandates
        ],
    )


def _teams(file: TeamsFile) -> TeamModels:
    return TeamModels(
        file.municipality,
        [Organisation(**o.model_dump()) for o in file.organisations],
        [
            TeamModel(
                t.team_id,
                t.name,
                t.kind,
                tuple(t.districts),
                t.focus,
                tuple(TeamMember(**m.model_dump()) for m in t.members),
            )
            for t in file.teams
        ],
    )
