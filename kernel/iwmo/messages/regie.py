"""The regieberichten: WMO305 Start and WMO307 Stop Wmo-ondersteuning (aanbieder -> gemeente), and their
retourberichten WMO306 and WMO308.

Source: `../shared/iwmo-xsd/WMO305.xsd` .. `WMO308.xsd`. Start and stop are regieberichten: recorded, never a
condition for payment; reden beeindiging 20 is a temporary stop (Procesbeschrijving iWmo 3.2, LAW.md §2.4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from kernel.iwmo.messages.blocks import (
    RETOUR_CODES,
    Geboortedatum,
    Header,
    Product,
    RetourHeader,
    VerkorteNaam,
)


@dataclass(frozen=True, kw_only=True)
class StartProduct:
    toewijzing_nummer: int | None = None
    product: Product | None = None
    toewijzing_ingangsdatum: date | None = None
    begindatum: date
    status_aanlevering: str


@dataclass(frozen=True, kw_only=True)
class StopProduct:
    toewijzing_nummer: int | None = None
    product: Product | None = None
    toewijzing_ingangsdatum: date | None = None
    begindatum: date
    reden_beeindiging: str
    einddatum: date
    status_aanlevering: str


@dataclass(frozen=True, kw_only=True)
class RegieClient:
    bsn: str
    geboortedatum: Geboortedatum
    geslacht: str
    naam: VerkorteNaam


@dataclass(frozen=True, kw_only=True)
class StartClient(RegieClient):
    start_producten: list[StartProduct] = field(metadata={"item": "StartProduct"})


@dataclass(frozen=True, kw_only=True)
class StopClient(RegieClient):
    stop_producten: list[StopProduct] = field(metadata={"item": "StopProduct"})


@dataclass(frozen=True, kw_only=True)
class Wmo305:
    CODE: ClassVar[str] = "305"
    BERICHTCODE: ClassVar[str] = "418"
    header: Header
    client: StartClient


@dataclass(frozen=True, kw_only=True)
class Wmo307:
    CODE: ClassVar[str] = "307"
    BERICHTCODE: ClassVar[str] = "420"
    header: Header
    client: StopClient


@dataclass(frozen=True, kw_only=True)
class StartProductRetour(StartProduct):
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class StopProductRetour(StopProduct):
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class StartClientRetour(RegieClient):
    start_producten: list[StartProductRetour] = field(metadata={"item": "StartProduct"})
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class StopClientRetour(RegieClient):
    stop_producten: list[StopProductRetour] = field(metadata={"item": "StopProduct"})
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class Wmo306:
    CODE: ClassVar[str] = "306"
    BERICHTCODE: ClassVar[str] = "419"
    header: RetourHeader
    client: StartClientRetour | None = None


@dataclass(frozen=True, kw_only=True)
class Wmo308:
    CODE: ClassVar[str] = "308"
    BERICHTCODE: ClassVar[str] = "421"
    header: RetourHeader
    client: StopClientRetour | None = None
