"""The reference provider's own settings (prefix `WIJK_CARE_`): how it reaches the gemeente's iWmo mailbox for the
providers that speak XML (`"exchange": "iwmo"` in providers.json)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class CareSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WIJK_CARE_", extra="ignore")

    iwmo_url: str = Field("http://127.0.0.1:8108", description="The gemeente's iWmo gateway (the providers' mailbox).")
    iwmo_client_secrets: dict[str, str] = Field(
        default_factory=dict,
        description='Client secret per XML-speaking provider, as JSON ({"provider-id": "secret"}; embedded mode: '
        "from the identity provider's credentials). A provider marked iwmo without a secret, or without "
        "WIJK_IDENTITY_ISSUER, reports in JSON facts instead (logged at start).",
    )
    iwmo_poll_seconds: float = Field(5.0, gt=0, description="How often the XML providers' mailboxes are read.")
