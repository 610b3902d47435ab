"""A municipality's configuration: districts and teams, budgets, the provision catalogue and providers.

It is data, not code: `config/<municipality>/municipality.json`, validated here with clear errors. The file
to load is the setting `WIJK_MUNICIPALITY_CONFIG`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from kernel.errors import NotFound

BudgetLine = Literal["wmo", "youth", "special_assistance", "discretionary"]
DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "config" / "almere" / "municipality.json"


class DistrictConfig(BaseModel):
    name: str
    team_id: str
    postcode_areas: list[str] = Field(min_length=1, description="Four-digit postcode areas (PC4).")


class BudgetConfig(BaseModel):
    team_id: str
    year: int
    line: BudgetLine
    amount_cents: int = Field(ge=0)


class ProvisionConfig(BaseModel):
    code: str
    name: str
    budget_line: BudgetLine
    product_category: str = Field(description="iWmo/iJw product category code.")
    product_code: str
    unit: str = Field(description="iWmo unit code, code list WJ756 (e.g. 04 hour, 14 etmaal, 83 euro).")
    frequency: str = Field(description="iWmo frequency code (e.g. 2 per week, 6 total in the period).")
    provider_id: str


class ProviderConfig(BaseModel):
    id: str
    name: str
    agb_code: str = Field("", pattern=r"^(\d{8})?$", description="AGB code: the provider in iWmo messages.")


class MunicipalityConfig(BaseModel):
    municipality: str
    oin: str = Field(pattern=r"^\d{20}$")
    gemeentecode: str = Field("", pattern=r"^(\d{4})?$", description="CBS gemeentecode (iWmo Afzender/Ontvanger).")
    districts: list[DistrictConfig] = Field(min_length=1)
    budgets: list[BudgetConfig] = []
    provisions: list[ProvisionConfig] = []
    providers: list[ProviderConfig] = []

    def provision(self, code: str) -> ProvisionConfig:
        for provision in self.provisions:
            if provision.code == code:
                return provision
        raise NotFound(f"provision {code!r} is not in the {self.municipality} catalogue")


class ConfigError(RuntimeError):
    """The municipality configuration is missing or invalid."""


@lru_cache
def load_municipality(path: str | Path = DEFAULT_CONFIG) -> MunicipalityConfig:
    path = Path(path)
    try:
        return MunicipalityConfig.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ConfigError(f"municipality configuration {path} does not exist") from None
    except (ValueError, ValidationError) as exc:
        raise ConfigError(f"municipality configuration {path} is invalid: {exc}") from None


def config_dir(config_path: str) -> Path:
    """The municipality's configuration folder: every other file (catalogue, mandates, funding, partners,
    providers, teams) lies beside its `municipality.json`, so switching municipality is one setting."""
    return Path(config_path or DEFAULT_CONFIG).parent


def municipality_of(config_path: str) -> MunicipalityConfig:
    """The configuration named by the `WIJK_MUNICIPALITY_CONFIG` setting, or the default (Almere)."""
    return load_municipality(config_path or DEFAULT_CONFIG)
