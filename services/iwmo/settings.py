"""The gateway's own settings (environment prefix `WIJK_IWMO_`), each with a default and a description.

`docs/iwmo.md` lists them; a contract test keeps that list complete.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from wijk.settings import check_secret

PROJECT = Path(__file__).resolve().parents[2]
MAX_XML_BYTES = 50 * 1024 * 1024
"""The ceiling of `max_message_bytes`: the HTTP layer reads no body beyond it, whatever the setting says."""


def default_xsd_dir() -> Path:
    """`../shared/iwmo-xsd` beside the project: where the official schemas are kept, outside the repository."""
    return PROJECT.parent / "shared" / "iwmo-xsd"


class IwmoSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WIJK_IWMO_", extra="ignore")

    xsd_dir: Path = Field(
        default_factory=default_xsd_dir,
        description="Folder with the official iWmo 3.2 XSDs (WMO301.xsd .. WMO325.xsd, basisschema.xsd). Without "
        "it the gateway runs without XML: it keeps its records, holds outgoing messages and refuses incoming ones.",
    )
    max_message_bytes: int = Field(
        10 * 1024 * 1024,
        gt=0,
        le=MAX_XML_BYTES,
        description="A message larger than this is refused before it is parsed (at most 50 MiB).",
    )
    max_depth: int = Field(16, gt=8, description="A message nested deeper than this is refused while it is parsed.")
    drop_dir: Path | None = Field(
        None,
        description="Root of the file drop: <drop_dir>/<AGB code>/in (the provider's XML files, picked up, then "
        "moved to in/done with their outcome) and /out (the gemeente's messages, written). Empty: no file drop.",
    )
    drop_poll_seconds: float = Field(5.0, gt=0, description="How often the file drop is scanned and written.")
    retry_seconds: float = Field(
        30.0, gt=0, description="How often held outgoing messages (301s awaiting the client's data) are retried."
    )
    intake_url: str = Field(
        "http://127.0.0.1:8101", description="Where intake answers the gateway's call for a client's data (the 301)."
    )
    client_id: str = Field("wijk-iwmo", description="The gateway's own client at the identity provider.")
    client_secret: str | None = Field(
        None,
        description="The secret of that client (embedded mode: from the provider's credentials). Without it, or "
        "without WIJK_IDENTITY_ISSUER, the gateway cannot ask intake and holds every 301 (it says so at start).",
    )
    client_digest_secret: str = Field(
        description="HMAC secret of the gateway's keyed digest of a client's BSN (it recognises a client without "
        "keeping the number): at least 32 characters, never a placeholder, not intake's. Required.",
    )

    @field_validator("client_digest_secret")
    @classmethod
    def _strong(cls, value: str) -> str:
        return check_secret(value)
