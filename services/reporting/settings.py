"""Reporting's own settings (environment prefix `WIJK_REPORTING_`): the dashboard's and report pages' login."""

from __future__ import annotations

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from wijk.settings import check_secret


class ReportingSettings(BaseSettings):
    """Settings only reporting reads (environment prefix `WIJK_REPORTING_`)."""

    model_config = SettingsConfigDict(env_prefix="WIJK_REPORTING_", extra="ignore")

    dashboard_client_id: str = Field(
        "wijk-dashboard", min_length=1, description="The pages' confidential client at the identity provider."
    )
    dashboard_client_secret: str = Field(
        description="That client's secret (the embedded provider generates it in <data>/identity/credentials.json). "
        "Required."
    )
    session_secret: str = Field(
        description="Signs the pages' session cookie: at least 32 characters, never a placeholder. Required."
    )
    secure_cookie: bool = Field(
        False, description="Mark the session cookie Secure: set it when the pages are served over TLS (compose)."
    )

    @field_validator("session_secret")
    @classmethod
    def _strong(cls, value: str) -> str:
        return check_secret(value)
