"""The building blocks every iWmo 3.2 message shares: the basisschema's composite types (CDT_*), the header of a
heenbericht and of a retourbericht, and the markers the XML mapping reads.

Source: `../shared/iwmo-xsd/basisschema.xsd` (CDT_* complex types) and the Header types of WMO301..WMO325.xsd.
An element declared in the basisschema lives in the basisschema's namespace; one declared in a message schema in
that message's namespace. A class marked `BASIS` is a basisschema type: its children are basisschema elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

BERICHT_VERSIE, BERICHT_SUBVERSIE = "3", "2"
XSD_VERSION = "1.0.0"
"""BerichtXsdVersie and BasisschemaXsdVersie of the 3.2 schemas (their `iwmo:BerichtXsdVersie` appinfo)."""


RETOUR_CODES = {"item": "RetourCode"}
"""Field metadata of `<RetourCodes><RetourCode>0200</RetourCode>...</RetourCodes>` (code list WJ001). A list field
with metadata `{"item": "X"}` is a wrapper element holding one `X` element per item."""


@dataclass(frozen=True, kw_only=True)
class Basis:
    """A basisschema composite type (CDT_*): its child elements are in the basisschema namespace."""

    BASIS: ClassVar[bool] = True


@dataclass(frozen=True, kw_only=True)
class BerichtIdentificatie(Basis):
    identificatie: str
    dagtekening: date


@dataclass(frozen=True, kw_only=True)
class XsdVersie(Basis):
    basisschema_xsd_versie: str = XSD_VERSION
    bericht_xsd_versie: str = XSD_VERSION


@dataclass(frozen=True, kw_only=True)
class Geboortedatum(Basis):
    datum: date
    datum_gebruik: str | None = None


@dataclass(frozen=True, kw_only=True)
class Achternaam(Basis):
    achternaam: str
    voorvoegsel: str | None = None


@dataclass(frozen=True, kw_only=True)
class VolledigeNaam(Basis):
    geslachtsnaam: Achternaam
    partnernaam: Achternaam | None = None
    voornamen: str | None = None
    voorletters: str | None = None
    naam_gebruik: str


@dataclass(frozen=True, kw_only=True)
class VerkorteNaam(Basis):
    geslachtsnaam: Achternaam
    voornamen: str | None = None
    voorletters: str | None = None


@dataclass(frozen=True, kw_only=True)
class Huis(Basis):
    huisnummer: int
    huisletter: str | None = None
    huisnummer_toevoeging: str | None = None
    aanduiding_woonadres: str | None = None


@dataclass(frozen=True, kw_only=True)
class Adres(Basis):
    huis: Huis | None = None
    postcode: str | None = None
    straatnaam: str | None = None
    plaatsnaam: str | None = None
    land_code: str | None = None


@dataclass(frozen=True, kw_only=True)
class Telefoon(Basis):
    telefoonnummer: str
    landnummer: str


@dataclass(frozen=True, kw_only=True)
class Telefoonnummers(Basis):
    telefoon01: Telefoon
    telefoon02: Telefoon | None = None


@dataclass(frozen=True, kw_only=True)
class Communicatie(Basis):
    vorm: str
    taal: str | None = None


@dataclass(frozen=True, kw_only=True)
class OpenPeriode(Basis):
    begindatum: date | None = None
    einddatum: date | None = None


@dataclass(frozen=True, kw_only=True)
class GeslotenPeriode(Basis):
    begindatum: date
    einddatum: date


@dataclass(frozen=True, kw_only=True)
class Product(Basis):
    categorie: str
    code: str | None = None


@dataclass(frozen=True, kw_only=True)
class Omvang(Basis):
    volume: int
    eenheid: str
    frequentie: str


@dataclass(frozen=True, kw_only=True)
class Referentie(Basis):
    referentie_nummer: str
    vorig_referentie_nummer: str | None = None


@dataclass(frozen=True, kw_only=True)
class Verwijzer(Basis):
    type: str
    naam: str | None = None
    zorgverlener_code: str | None = None


@dataclass(frozen=True, kw_only=True)
class BedragMetDC(Basis):
    bedrag: int
    debet_credit: str = "D"


@dataclass(frozen=True, kw_only=True)
class TotaalBedragMetDC(Basis):
    totaal_bedrag: int
    debet_credit: str = "D"


@dataclass(frozen=True, kw_only=True)
class Header:
    """The header of every heenbericht. Afzender and Ontvanger: a gemeentecode (LDT_Gemeente, four digits) or an
    AGB code (LDT_AgbCode, eight digits), depending on the direction."""

    bericht_code: str
    bericht_versie: str = BERICHT_VERSIE
    bericht_subversie: str = BERICHT_SUBVERSIE
    afzender: str
    ontvanger: str
    bericht_identificatie: BerichtIdentificatie
    xsd_versie: XsdVersie = field(default_factory=XsdVersie)


@dataclass(frozen=True, kw_only=True)
class RetourHeader(Header):
    """The header of a retourbericht: the heenbericht's header as received, then who answers when, and the
    retour codes on the message as a whole (WJ001)."""

    identificatie_retour: str
    dagtekening_retour: date
    xslt_versie: str | None = None
    xsd_versie_retour: XsdVersie = field(default_factory=XsdVersie)
    retour_codes: list[str] | None = field(default=None, metadata=RETOUR_CODES)
