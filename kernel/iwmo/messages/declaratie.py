"""WMO323 Declaratie (aanbieder -> gemeente) and WMO325 Declaratie-antwoord (gemeente -> aanbieder).

Source: `../shared/iwmo-xsd/WMO323.xsd`, `WMO325.xsd`. Amounts (LDT_Bedrag, LDT_TotaalBedrag) are integer cents
with a debet/credit indicator (COD043: D or C). The 325 answers every prestatie with its own retour codes, so the
valid lines of a declaration are approved even when others are rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from kernel.iwmo.messages.blocks import (
    RETOUR_CODES,
    BedragMetDC,
    BerichtIdentificatie,
    GeslotenPeriode,
    Header,
    Referentie,
    TotaalBedragMetDC,
    XsdVersie,
)


@dataclass(frozen=True, kw_only=True)
class Prestatie:
    product_referentie: Referentie
    toewijzing_nummer: int
    product_categorie: str
    product_code: str
    product_periode: GeslotenPeriode
    geleverd_volume: int
    eenheid: str
    product_tarief: int | None = None
    ingediend_bedrag: BedragMetDC


@dataclass(frozen=True, kw_only=True)
class DeclaratieClient:
    bsn: str
    prestaties: list[Prestatie] = field(metadata={"item": "Prestatie"})


@dataclass(frozen=True, kw_only=True)
class Declaratie:
    declaratie_nummer: str
    declaratie_periode: GeslotenPeriode
    declaratie_dagtekening: date
    totaal_ingediend_bedrag: TotaalBedragMetDC
    clienten: list[DeclaratieClient] = field(metadata={"item": "Client"})


@dataclass(frozen=True, kw_only=True)
class Wmo323:
    CODE: ClassVar[str] = "323"
    BERICHTCODE: ClassVar[str] = "484"
    header: Header
    declaratie: Declaratie


@dataclass(frozen=True, kw_only=True)
class DeclaratieAntwoordHeader(Header):
    """The 325 header: the gemeente's own header, then which declaration it answers."""

    declaratie_identificatie: BerichtIdentificatie
    xslt_versie: str | None = None
    xsd_versie_declaratie: XsdVersie
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class PrestatieAntwoord(Prestatie):
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class ClientAntwoord:
    bsn: str
    prestaties: list[PrestatieAntwoord] = field(metadata={"item": "Prestatie"})
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class DeclaratieAntwoord:
    declaratie_nummer: str
    totaal_ingediend_bedrag: TotaalBedragMetDC
    totaal_toegekend_bedrag: TotaalBedragMetDC
    clienten: list[ClientAntwoord] | None = field(default=None, metadata={"item": "Client"})
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class Wmo325:
    CODE: ClassVar[str] = "325"
    BERICHTCODE: ClassVar[str] = "485"
    header: DeclaratieAntwoordHeader
    declaratie_antwoord: DeclaratieAntwoord | None = None
