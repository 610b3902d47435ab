"""WMO301 Toewijzing Wmo-ondersteuning (gemeente -> aanbieder) and WMO302, its retourbericht.

Source: `../shared/iwmo-xsd/WMO301.xsd`, `WMO302.xsd`. A 301 for one client carries every toewijzing of that
aanbieder that is valid on or after its creation date, plus every changed one (snapshot semantics, Procesbeschrijving
iWmo 3.2, LAW.md §2.4). The 302 repeats the 301 with retour codes at every level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import ClassVar

from kernel.iwmo.messages.blocks import (
    RETOUR_CODES,
    Adres,
    Communicatie,
    Geboortedatum,
    Header,
    Omvang,
    OpenPeriode,
    Product,
    RetourHeader,
    Telefoonnummers,
    VolledigeNaam,
)


@dataclass(frozen=True, kw_only=True)
class Contact:
    soort: str
    adres: Adres | None = None
    organisatie: str | None = None
    telefoon: Telefoonnummers | None = None
    emailadres: str | None = None
    periode: OpenPeriode | None = None


@dataclass(frozen=True, kw_only=True)
class Relatie:
    nummer: int
    volgorde: int | None = None
    soort: str
    geboortedatum: Geboortedatum | None = None
    geslacht: str | None = None
    naam: VolledigeNaam
    contact: Contact


@dataclass(frozen=True, kw_only=True)
class ToegewezenProduct:
    toewijzing_nummer: int
    referentie_aanbieder: str | None = None
    product: Product | None = None
    toewijzingsdatum: date
    toewijzingstijd: time
    ingangsdatum: date
    einddatum: date | None = None
    reden_wijziging: str | None = None
    omvang: Omvang | None = None
    budget: int | None = None
    commentaar: str | None = None


@dataclass(frozen=True, kw_only=True)
class Client:
    bsn: str
    geboortedatum: Geboortedatum
    geslacht: str
    naam: VolledigeNaam
    communicatie: Communicatie | None = None
    juridische_status: str | None = None
    wettelijke_vertegenwoordiging: str | None = None
    commentaar: str | None = None
    relaties: list[Relatie] | None = field(default=None, metadata={"item": "Relatie"})
    contactgegevens: list[Contact] = field(metadata={"item": "Contact"})
    toegewezen_producten: list[ToegewezenProduct] = field(metadata={"item": "ToegewezenProduct"})


@dataclass(frozen=True, kw_only=True)
class Wmo301:
    CODE: ClassVar[str] = "301"
    BERICHTCODE: ClassVar[str] = "414"
    header: Header
    client: Client


@dataclass(frozen=True, kw_only=True)
class ContactRetour(Contact):
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class RelatieRetour(Relatie):
    contact: ContactRetour
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class ToegewezenProductRetour(ToegewezenProduct):
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class ClientRetour(Client):
    relaties: list[RelatieRetour] | None = field(default=None, metadata={"item": "Relatie"})  # type: ignore[assignment]
    contactgegevens: list[ContactRetour] = field(metadata={"item": "Contact"})  # type: ignore[assignment]
    toegewezen_producten: list[ToegewezenProductRetour] = field(metadata={"item": "ToegewezenProduct"})  # type: ignore[assignment]
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class Wmo302:
    CODE: ClassVar[str] = "302"
    BERICHTCODE: ClassVar[str] = "415"
    header: RetourHeader
    client: ClientRetour | None = None
