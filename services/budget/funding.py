"""The funding configuration: `config/<municipality>/funding.json` beside `municipality.json`.

Per year and line the municipality chooses fixed amounts per team, or population-based allocation
(populatiebekostiging, see `services.budget.domain.allocation`) of a total over the district profiles; plus the
municipal reserve per year and the roles that may approve a draw on it. Lines that `municipality.json` already
budgets keep those fixed amounts; naming the same team, year and line in both files is a configuration error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from kernel.municipality import BudgetLine, ConfigError, MunicipalityConfig, config_dir
from services.budget.domain.allocation import population_allocation

AGE_BANDS = ("0-17", "18-64", "65-74", "75+")


class DistrictProfile(BaseModel):
    team_id: str
    district: str = ""
    residents_by_age: dict[Literal["0-17", "18-64", "65-74", "75+"], int] = Field(min_length=4)
    low_income_permille: int = Field(ge=0, le=1000, description="Residents on a low income, per thousand.")
    single_parent_households: int = Field(ge=0)

    def indicators(self) -> dict[str, Fraction]:
        """What a weight can name: residents per age band and in total, low-income residents, single parents."""
        ages = {
            f"residents_{band.replace('-', '_').replace('+', '_plus')}": n for band, n in self.residents_by_age.items()
        }
        total = sum(self.residents_by_age.values())
        return {
            **{name: Fraction(n) for name, n in ages.items()},
            "residents_total": Fraction(total),
            "low_income_residents": Fraction(total * self.low_income_permille, 1000),
            "single_parent_households": Fraction(self.single_parent_households),
        }


def _indicator(age_band: str) -> str:
    """'0-17' -> 'residents_0_17', '75+' -> 'residents_75_plus'."""
    return "residents_" + age_band.replace("-", "_").replace("+", "_plus")


class LineFunding(BaseModel):
    method: Literal["fixed", "population"]
    total_cents: int = Field(0, ge=0, description="population: the total shared over the teams.")
    weights: dict[str, Decimal] = Field(default_factory=dict, description="population: weight per indicator.")
    amounts_cents: dict[str, int] = Field(default_factory=dict, description="fixed: amount per team.")


class YearFunding(BaseModel):
    year: int = Field(ge=1900, le=9999)
    reserve_cents: int = Field(0, ge=0)
    lines: dict[BudgetLine, LineFunding] = Field(default_factory=dict)


class FundingConfig(BaseModel):
    municipality: str
    districts: list[DistrictProfile] = Field(default_factory=list)
    years: list[YearFunding] = Field(default_factory=list)
    reserve_draw_approver_roles: list[str] = Field(default_factory=list)
    year_close_roles: list[str] = Field(
        default_factory=list, description="Roles that may close a year (the controller); none: nobody may."
    )


@dataclass(frozen=True)
class Funding:
    """What budget allocates: (team, year, line, cents), the reserve per year and who approves draws."""

    allocations: list[tuple[str, int, str, int]]
    reserves: dict[int, int] = field(default_factory=dict)
    approver_roles: frozenset[str] = frozenset()
    closer_roles: frozenset[str] = frozenset()
    carried_forward: dict[int, int] = field(default_factory=dict)
    """Years that repeat an earlier year's budget (year: the configured year it repeats)."""

    def through(self, year: int) -> Funding:
        """The budgets of every year up to `year`.

        A year after the last configured one repeats that year's lines and reserve: a provisional budget, so the
        teams keep working on 1 January, until the council's own figures for the year are added to the
        configuration (docs/budget.md, "Years").
        """
        last = max([a[1] for a in self.allocations] + list(self.reserves), default=None)
        if last is None or year <= last:
            return self
        later = range(last + 1, year + 1)
        repeated = [(team, y, line, cents) for y in later for team, at, line, cents in self.allocations if at == last]
        reserves = {y: self.reserves[last] for y in later if last in self.reserves}
        return replace(
            self,
            allocations=self.allocations + repeated,
            reserves={**self.reserves, **reserves},
            carried_forward={**self.carried_forward, **dict.fromkeys(later, last)},
        )


def funding_path(municipality_config: str) -> Path:
    return config_dir(municipality_config) / "funding.json"


def load_funding(path: Path, municipality: MunicipalityConfig) -> Funding:
    """Read and check the funding file; a missing file means fixed budgets only, no reserve."""
    fixed: list[tuple[str, int, str, int]] = [(b.team_id, b.year, b.line, b.amount_cents) for b in municipality.budgets]
    if not path.exists():
        return Funding(fixed)
    try:
        config = FundingConfig.model_validate(json.loads(path.read_text(encoding="utf-8")))
        extra = _allocations(config, {d.team_id for d in municipality.districts})
    except (ValueError, ValidationError) as exc:
        raise ConfigError(f"funding configuration {path} is invalid: {exc}") from None
    twice = {a[:3] for a in fixed} & {a[:3] for a in extra}
    if twice:
        raise ConfigError(f"funding configuration {path} budgets lines municipality.json has: {sorted(twice)}")
    reserves = {y.year: y.reserve_cents for y in config.years}
    roles = frozenset(config.reserve_draw_approver_roles), frozenset(config.year_close_roles)
    return Funding(fixed + extra, reserves, *roles)


def _allocations(config: FundingConfig, teams: set[str]) -> list[tuple[str, int, str, int]]:
    profiles = {d.team_id: d.indicators() for d in config.districts}
    unknown = sorted(set(profiles) - teams)
    if unknown:
        raise ValueError(f"profiles for teams that have no district: {unknown}")
    found: list[tuple[str, int, str, int]] = []
    for year in config.years:
        for line, funding in year.lines.items():
            for team, cents in _amounts(funding, profiles).items():
                if team not in teams:
                    raise ValueError(f"{line} {year.year}: unknown team {team!r}")
                found.append((team, year.year, line, cents))
    return found


def _amounts(funding: LineFunding, profiles: dict[str, dict[str, Fraction]]) -> dict[str, int]:
    if funding.method == "fixed":
        return funding.amounts_cents
    if not profiles:
        raise ValueError("population-based allocation needs district profiles")
    weights = {name: Fraction(w) for name, w in funding.weights.items()}
    return population_allocation(funding.total_cents, profiles, weights)
