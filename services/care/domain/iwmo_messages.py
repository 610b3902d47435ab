"""The reference provider's iWmo 3.2 messages: what it reads from a 301, its 302 on each 301, and the 305 (start),
307 (stop) and 323 (declaration) it composes from a toewijzing it received. Pure: the exchange module sends them."""

from __future__ import annotations

from datetime import date
from typing import Any

from kernel.iwmo.messages.blocks import (
    Achternaam,
    BedragMetDC,
    BerichtIdentificatie,
    Geboortedatum,
    GeslotenPeriode,
    Header,
    Product,
    Referentie,
    RetourHeader,
    TotaalBedragMetDC,
    VerkorteNaam,
)
from kernel.iwmo.messages.declaratie import Declaratie, DeclaratieClient, Prestatie, Wmo323
from kernel.iwmo.messages.regie import StartClient, StartProduct, StopClient, StopProduct, Wmo305, Wmo307
from kernel.iwmo.messages.toewijzing import (
    ClientRetour,
    ContactRetour,
    RelatieRetour,
    ToegewezenProductRetour,
    Wmo301,
    Wmo302,
)
from services.care.domain.iwmo_toewijzing import IwmoToewijzing

FIRST = "1"
"""StatusAanlevering 1: eerste aanlevering."""
OK = ["0200"]
"""Retour code 0200 (WJ001): no remark on this class."""


def toewijzingen(message: Wmo301) -> list[tuple[int, dict[str, Any], dict[str, Any]]]:
    """Each toegewezen product of a 301 with the client as the 301 names it: (nummer, client, product)."""
    client, naam = message.client, message.client.naam
    who = {
        "bsn": client.bsn, "geboortedatum": client.geboortedatum.datum.isoformat(),
        "datum_gebruik": client.geboortedatum.datum_gebruik, "geslacht": client.geslacht,
        "achternaam": naam.geslachtsnaam.achternaam, "voorvoegsel": naam.geslachtsnaam.voorvoegsel,
        "voornamen": naam.voornamen, "voorletters": naam.voorletters,
    }  # fmt: skip
    found = []
    for p in client.toegewezen_producten:
        product = {
            "categorie": p.product.categorie if p.product else None, "code": p.product.code if p.product else None,
            "ingangsdatum": p.ingangsdatum.isoformat(), "einddatum": p.einddatum.isoformat() if p.einddatum else None,
            "volume": p.omvang.volume if p.omvang else p.budget, "eenheid": p.omvang.eenheid if p.omvang else "83",
            "frequentie": p.omvang.frequentie if p.omvang else None,
        }  # fmt: skip
        found.append((p.toewijzing_nummer, who, product))
    return found


def compose_305(t: IwmoToewijzing, begindatum: date, identificatie: str, today: date) -> Wmo305:
    line = StartProduct(toewijzing_nummer=t.nummer, product=_product(t), toewijzing_ingangsdatum=_ingang(t),
                        begindatum=begindatum, status_aanlevering=FIRST)  # fmt: skip
    client = StartClient(**_client(t), start_producten=[line])
    return Wmo305(header=_header(t, Wmo305.BERICHTCODE, identificatie, today), client=client)


def compose_307(t: IwmoToewijzing, einddatum: date, reden: str, identificatie: str, today: date) -> Wmo307:
    line = StopProduct(toewijzing_nummer=t.nummer, product=_product(t), toewijzing_ingangsdatum=_ingang(t),
                       begindatum=t.check_started(), reden_beeindiging=reden, einddatum=einddatum,
                       status_aanlevering=FIRST)  # fmt: skip
    client = StopClient(**_client(t), stop_producten=[line])
    return Wmo307(header=_header(t, Wmo307.BERICHTCODE, identificatie, today), client=client)


def compose_323(
    t: IwmoToewijzing, period: GeslotenPeriode, volume: int, tariff: int, nummer: str, identificatie: str, today: date
) -> Wmo323:
    amount = volume * tariff
    line = Prestatie(
        product_referentie=Referentie(referentie_nummer=identificatie), toewijzing_nummer=t.nummer,
        product_categorie=str(t.product["categorie"]), product_code=str(t.product["code"]), product_periode=period,
        geleverd_volume=volume, eenheid=str(t.product["eenheid"]), product_tarief=tariff,
        ingediend_bedrag=BedragMetDC(bedrag=amount),
    )  # fmt: skip
    declaratie = Declaratie(
        declaratie_nummer=nummer, declaratie_periode=period, declaratie_dagtekening=today,
        totaal_ingediend_bedrag=TotaalBedragMetDC(totaal_bedrag=amount),
        clienten=[DeclaratieClient(bsn=str(t.client["bsn"]), prestaties=[line])],
    )  # fmt: skip
    return Wmo323(header=_header(t, Wmo323.BERICHTCODE, identificatie, today), declaratie=declaratie)


def _header(t: IwmoToewijzing, berichtcode: str, identificatie: str, today: date) -> Header:
    identification = BerichtIdentificatie(identificatie=identificatie, dagtekening=today)
    return Header(
        bericht_code=berichtcode, afzender=t.agb_code, ontvanger=t.gemeentecode, bericht_identificatie=identification
    )


def _client(t: IwmoToewijzing) -> dict[str, Any]:
    c = t.client
    naam = VerkorteNaam(geslachtsnaam=Achternaam(achternaam=c["achternaam"], voorvoegsel=c["voorvoegsel"]),
                        voornamen=c["voornamen"], voorletters=c["voorletters"])  # fmt: skip
    born = Geboortedatum(datum=date.fromisoformat(c["geboortedatum"]), datum_gebruik=c["datum_gebruik"])
    return {"bsn": c["bsn"], "geboortedatum": born, "geslacht": c["geslacht"], "naam": naam}


def _product(t: IwmoToewijzing) -> Product:
    return Product(categorie=str(t.product["categorie"]), code=t.product["code"])


def _ingang(t: IwmoToewijzing) -> date:
    return date.fromisoformat(str(t.product["ingangsdatum"]))


def compose_302(message: Wmo301, identificatie: str, today: date) -> Wmo302:
    """The provider's retour on a 301 it took in: the 301 repeated with retour code 0200 (no remark) on every
    class, as iWmo 3.2 asks of every heenbericht received."""
    c = message.client
    relaties = [
        RelatieRetour(**{**vars(r), "contact": ContactRetour(**vars(r.contact), retour_codes=OK)}, retour_codes=OK)
        for r in c.relaties or []
    ] or None
    client = ClientRetour(
        **{k: v for k, v in vars(c).items() if k not in ("relaties", "contactgegevens", "toegewezen_producten")},
        relaties=relaties,
        contactgegevens=[ContactRetour(**vars(contact), retour_codes=OK) for contact in c.contactgegevens],
        toegewezen_producten=[ToegewezenProductRetour(**vars(p), retour_codes=OK) for p in c.toegewezen_producten],
        retour_codes=OK,
    )
    heen = {k: v for k, v in vars(message.header).items() if k != "bericht_code"}
    header = RetourHeader(
        **heen, bericht_code=Wmo302.BERICHTCODE, identificatie_retour=identificatie, dagtekening_retour=today,
        retour_codes=OK,
    )  # fmt: skip
    return Wmo302(header=header, client=client)
