"""The requests of an aanbieder and the answer: WMO315 Verzoek om toewijzing (VOT), WMO317 Verzoek om wijziging
(VOW), WMO319 Antwoordbericht (gemeente -> aanbieder), and their retourberichten WMO316, WMO318 and WMO320.

Source: `../shared/iwmo-xsd/WMO315.xsd` .. `WMO320.xsd`. A VOT is judged per requested product, a VOW as a whole
(Procesbeschrijving iWmo 3.2, LAW.md §2.4); VerzoekAntwoord is code list WJ760, RedenAfwijzingVerzoek WJ759.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from kernel.iwmo.messages.blocks import (
    RETOUR_CODES,
    Geboortedatum,
    Header,
    Omvang,
    Product,
    RetourHeader,
    VerkorteNaam,
    Verwijzer,
)

ONGEWIJZIGDPRODUCT = {"item": "OngewijzigdProduct"}
TEWIJZIGENPRODUCT = {"item": "TeWijzigenProduct"}
NIEUWPRODUCT = {"item": "NieuwProduct"}


@dataclass(frozen=True, kw_only=True)
class AangevraagdProduct:
    referentie_aanbieder: str
    beschikking_nummer: int | None = None
    product: Product | None = None
    beschikking_ingangsdatum: date | None = None
    toewijzing_ingangsdatum: date
    toewijzing_einddatum: date | None = None
    omvang: Omvang | None = None
    budget: int | None = None
    verwijzer: Verwijzer
    raamcontract: str | None = None
    commentaar: str | None = None


@dataclass(frozen=True, kw_only=True)
class VotClient:
    bsn: str
    geboortedatum: Geboortedatum
    geslacht: str
    naam: VerkorteNaam
    commentaar: str | None = None
    aangevraagde_producten: list[AangevraagdProduct] = field(metadata={"item": "AangevraagdProduct"})


@dataclass(frozen=True, kw_only=True)
class Wmo315:
    CODE: ClassVar[str] = "315"
    BERICHTCODE: ClassVar[str] = "444"
    header: Header
    client: VotClient


@dataclass(frozen=True, kw_only=True)
class AangevraagdProductRetour(AangevraagdProduct):
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class VotClientRetour(VotClient):
    aangevraagde_producten: list[AangevraagdProductRetour] = field(metadata={"item": "AangevraagdProduct"})  # type: ignore[assignment]
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class Wmo316:
    CODE: ClassVar[str] = "316"
    BERICHTCODE: ClassVar[str] = "445"
    header: RetourHeader
    client: VotClientRetour | None = None


@dataclass(frozen=True, kw_only=True)
class OngewijzigdProduct:
    toewijzing_nummer: int


@dataclass(frozen=True, kw_only=True)
class TeWijzigenProduct:
    toewijzing_nummer: int
    gewenste_ingangsdatum: date
    einddatum: date | None = None
    omvang: Omvang | None = None
    budget: int | None = None


@dataclass(frozen=True, kw_only=True)
class NieuwProduct:
    product: Product | None = None
    gewenste_ingangsdatum: date
    einddatum: date | None = None
    omvang: Omvang | None = None
    budget: int | None = None


@dataclass(frozen=True, kw_only=True)
class Verzoek:
    referentie_aanbieder: str
    reden_verzoek: str
    ongewijzigde_producten: list[OngewijzigdProduct] | None = field(
        default=None, metadata={"item": "OngewijzigdProduct"}
    )
    te_wijzigen_producten: list[TeWijzigenProduct] | None = field(default=None, metadata=TEWIJZIGENPRODUCT)
    nieuwe_producten: list[NieuwProduct] | None = field(default=None, metadata=NIEUWPRODUCT)


@dataclass(frozen=True, kw_only=True)
class VowClient:
    bsn: str
    verzoek: Verzoek


@dataclass(frozen=True, kw_only=True)
class Wmo317:
    CODE: ClassVar[str] = "317"
    BERICHTCODE: ClassVar[str] = "480"
    header: Header
    client: VowClient


@dataclass(frozen=True, kw_only=True)
class OngewijzigdProductRetour(OngewijzigdProduct):
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class TeWijzigenProductRetour(TeWijzigenProduct):
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class NieuwProductRetour(NieuwProduct):
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class VerzoekRetour(Verzoek):
    ongewijzigde_producten: list[OngewijzigdProductRetour] | None = field(
        default=None, metadata={"item": "OngewijzigdProduct"}
    )  # type: ignore[assignment]
    te_wijzigen_producten: list[TeWijzigenProductRetour] | None = field(
        default=None, metadata={"item": "TeWijzigenProduct"}
    )  # type: ignore[assignment]
    nieuwe_producten: list[NieuwProductRetour] | None = field(default=None, metadata=NIEUWPRODUCT)  # type: ignore[assignment]
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class VowClientRetour(VowClient):
    verzoek: VerzoekRetour
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class Wmo318:
    CODE: ClassVar[str] = "318"
    BERICHTCODE: ClassVar[str] = "481"
    header: RetourHeader
    client: VowClientRetour | None = None


@dataclass(frozen=True, kw_only=True)
class Antwoord:
    referentie_aanbieder: str
    verzoek_antwoord: str
    reden_afwijzing_verzoek: str | None = None


@dataclass(frozen=True, kw_only=True)
class Wmo319:
    CODE: ClassVar[str] = "319"
    BERICHTCODE: ClassVar[str] = "482"
    header: Header
    antwoord: Antwoord


@dataclass(frozen=True, kw_only=True)
class AntwoordRetour(Antwoord):
    retour_codes: list[str] = field(metadata=RETOUR_CODES)


@dataclass(frozen=True, kw_only=True)
class Wmo320:
    CODE: ClassVar[str] = "320"
    BERICHTCODE: ClassVar[str] = "483"
    header: RetourHeader
    antwoord: AntwoordRetour | None = None
