"""Who is who in the exchange, from the municipality's configuration: the gemeente's CBS code and each provider's
AGB code (`config/<municipality>/municipality.json`)."""

from __future__ import annotations

from dataclasses import dataclass

from kernel.municipality import ConfigError, MunicipalityConfig


@dataclass(frozen=True)
class Parties:
    gemeentecode: str
    agb_by_provider: dict[str, str]

    def provider_of(self, agb_code: str) -> str | None:
        return next((p for p, agb in self.agb_by_provider.items() if agb == agb_code), None)


def parties(config: MunicipalityConfig) -> Parties:
    if not config.gemeentecode:
        raise ConfigError(f"{config.municipality}: municipality.json has no gemeentecode (the CBS code, 4 digits)")
    return Parties(config.gemeentecode, {p.id: p.agb_code for p in config.providers if p.agb_code})
