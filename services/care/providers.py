"""The providers this reference system serves, with their policies: `config/<municipality>/providers.json`,
beside the municipality configuration and validated here with clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from kernel.municipality import ConfigError, config_dir
from services.care.domain.policy import Policy


class TariffConfig(BaseModel):
    product_code: str = Field(min_length=1)
    unit: str = Field(description="iWmo unit code, code list WJ756 (e.g. 04 hour, 83 euro).")
    cents_per_unit: int = Field(ge=0)


class ProviderPolicyConfig(BaseModel):
    id: str = Field(min_length=1)
    name: str
    acceptance: Literal["auto", "manual"]
    start_on_acceptance: bool = True
    tariffs: list[TariffConfig] = []
    exchange: Literal["json", "iwmo"] = Field(
        "json", description="json: facts on the bus; iwmo: 301s from the mailbox, 305/307/323 posted as XML."
    )

    def policy(self) -> Policy:
        return Policy(
            manual_acceptance=self.acceptance == "manual",
            start_on_acceptance=self.start_on_acceptance,
            tariffs={(t.product_code, t.unit): t.cents_per_unit for t in self.tariffs},
            speaks_iwmo=self.exchange == "iwmo",
        )


class ProvidersConfig(BaseModel):
    providers: list[ProviderPolicyConfig] = Field(min_length=1)


def providers_path(municipality_config: str) -> Path:
    """`providers.json` in the same folder as the municipality's configuration."""
    return config_dir(municipality_config) / "providers.json"


def load_policies(path: Path) -> dict[str, Policy]:
    try:
        config = ProvidersConfig.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ConfigError(f"provider configuration {path} does not exist") from None
    except (ValueError, ValidationError) as exc:
        raise ConfigError(f"provider configuration {path} is invalid: {exc}") from None
    ids = [p.id for p in config.providers]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"provider configuration {path} names a provider twice")
    return {p.id: p.policy() for p in config.providers}
