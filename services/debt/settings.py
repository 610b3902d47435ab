"""Debt assistance's own settings (environment prefix `WIJK_DEBT_`)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class DebtSettings(BaseSettings):
    """Settings only debt assistance reads (environment prefix `WIJK_DEBT_`)."""

    model_config = SettingsConfigDict(env_prefix="WIJK_DEBT_", extra="ignore")

    term_check_seconds: float = Field(
        60.0, gt=0, description="Seconds between checks for missed Wgs terms (the first conversation)."
    )
