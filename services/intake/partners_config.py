"""Loads the municipality's partner registration (`config/<municipality>/partners.json`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from services.intake.domain.partners import Partner, PartnerRegistry

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "almere" / "partners.json"


class PartnerEntry(BaseModel):
    id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]{1,62}$",
        description="Also names the partner's own topics: `nl.wijkteam.partner.<id>.signals` and `.outcomes`.",
    )
    name: str
    type: str
    source: str = Field(min_length=1, description="The CloudEvents `source` the partner signs its signals with.")


class PartnersFile(BaseModel):
    partners: list[PartnerEntry]


def load_partners(path: str | Path = "") -> PartnerRegistry:
    file = PartnersFile.model_validate_json(Path(path or DEFAULT_PATH).read_text(encoding="utf-8"))
    return PartnerRegistry([Partner(p.id, p.type, p.source) for p in file.partners])
