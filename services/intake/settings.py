"""Intake's own settings (environment prefix `WIJK_INTAKE_`): its secrets and its clock check.

Neither secret has a default: intake refuses to start without them, or with a known placeholder. In embedded mode
(`wijk up`, simulate, bench, the tests) the tooling generates both per data folder.
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from wijk.settings import check_secret


class IntakeSettings(BaseSettings):
    """Settings only intake reads (environment prefix `WIJK_INTAKE_`)."""

    model_config = SettingsConfigDict(env_prefix="WIJK_INTAKE_", extra="ignore")

    blind_index_secret: str = Field(
        description="HMAC secret of the blind indexes (BSN, address) that match partner signals to households: at "
        "least 32 characters, never a placeholder. Required.",
    )
    key_encryption_key: str = Field(
        "",
        description="The key-encryption key (base64 of 32 bytes) that wraps every household's key; kept out of the "
        "database. This or key_encryption_key_file is required.",
    )
    key_encryption_key_file: str = Field(
        "", description="A file holding the key-encryption key (base64 of 32 bytes), e.g. a mounted secret."
    )
    term_check_seconds: float = Field(60.0, gt=0, description="Seconds between checks for missed statutory terms.")

    @field_validator("blind_index_secret")
    @classmethod
    def _strong(cls, value: str) -> str:
        return check_secret(value)

    @model_validator(mode="after")
    def _one_kek(self) -> IntakeSettings:
        if bool(self.key_encryption_key) == bool(self.key_encryption_key_file):
            raise ValueError("set exactly one of key_encryption_key and key_encryption_key_file")
        return self
