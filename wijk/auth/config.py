"""What every service reads from the municipality's `identity.json`: how to read claims and which audience is its.

The same file also seeds the embedded provider (users, clients); a service ignores those parts. With Keycloak or
Entra ID only this file and `WIJK_IDENTITY_ISSUER` change (`docs/identity.md`).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kernel.municipality import config_dir
from wijk.auth.claims import ClaimMapping


class ResourceServerConfig(BaseModel):
    model_config = ConfigDict(extra="ignore")

    claims: ClaimMapping = Field(default_factory=ClaimMapping)
    token_type: str = Field(
        "at+jwt", description="Required `typ` header of access tokens (RFC 9068); empty accepts any (Entra ID)."
    )
    audiences: dict[str, str] = Field(
        default_factory=dict, description="Audience per service; default `wijk-<service>`."
    )
    leeway_seconds: int = Field(30, ge=0, le=300, description="Clock skew allowed on exp, nbf and iat.")

    def audience(self, service: str) -> str:
        return self.audiences.get(service, f"wijk-{service}")


class IdentityConfigError(RuntimeError):
    """identity.json is missing or invalid."""


def identity_config_path(identity_config: str, municipality_config: str) -> Path:
    """The identity file named by the setting, or `identity.json` beside the municipality's configuration."""
    return Path(identity_config) if identity_config else config_dir(municipality_config) / "identity.json"


def load_resource_server_config(path: Path) -> ResourceServerConfig:
    try:
        return ResourceServerConfig.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise IdentityConfigError(f"identity configuration {path} does not exist") from None
    except (ValueError, ValidationError) as exc:
        raise IdentityConfigError(f"identity configuration {path} is invalid: {exc}") from None
