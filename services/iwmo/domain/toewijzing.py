"""Composing the 301 for one client at one aanbieder: every toewijzing still valid on the day it is made (snapshot
semantics, Procesbeschrijving iWmo 3.2), the client's name, birth date and address from intake (`ClientRecord`).

Product: category and code as the catalogue assigns them (a specific toewijzing, IV075); Omvang: volume, eenheid
(WJ756) and frequentie (WMO757). A toewijzing in euros (eenheid 83) carries its amount as Budget instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from kernel.iwmo.messages.blocks import (
    Achternaam,
    Adres,
    Geboortedatum,
    Header,
    Huis,
    Omvang,
    Product,
    Telefoon,
    Telefoonnummers,
    VolledigeNaam,
)
from kernel.iwmo.messages.toewijzing import Client, Contact, ToegewezenProduct, Wmo301
from services.iwmo.domain.client import ClientRecord
from services.iwmo.domain.client_file import ClientFile, Toewijzing
from services.iwmo.domain.codes import EURO_UNIT
from services.iwmo.domain.judgement import identification

BRP_ADDRESS, OWN_NAME = "01", "1"


@dataclass(frozen=True)
class Sender:
    gemeentecode: str
    identificatie: str
    today: date


def compose_301(file: ClientFile, record: ClientRecord, sender: Sender) -> Wmo301:
    header = Header(
        bericht_code=Wmo301.BERICHTCODE,
        afzender=sender.gemeentecode,
        ontvanger=file.agb_code,
        bericht_identificatie=identification(sender.identificatie, sender.today),
    )
    client = Client(
        bsn=record.bsn,
        geboortedatum=Geboortedatum(datum=record.birth_date, datum_gebruik=record.birth_date_usage),
        geslacht=record.gender,
        naam=name(record),
        contactgegevens=[contact(record)],
        toegewezen_producten=[product(t) for t in file.current(sender.today)],
    )
    return Wmo301(header=header, client=client)


def name(record: ClientRecord) -> VolledigeNaam:
    return VolledigeNaam(
        geslachtsnaam=Achternaam(achternaam=record.family_name, voorvoegsel=record.prefix),
        voornamen=record.given_names,
        voorletters=initials(record.given_names),
        naam_gebruik=OWN_NAME,
    )


def initials(given_names: str | None) -> str | None:
    letters = "".join(part[0] for part in (given_names or "").split() if part[:1].isalpha())[:6]
    return letters or None


def contact(record: ClientRecord) -> Contact:
    house = None
    if record.house_number is not None:
        house = Huis(
            huisnummer=record.house_number,
            huisletter=record.house_letter,
            huisnummer_toevoeging=record.house_number_addition,
        )
    address = Adres(
        huis=house, postcode=record.postcode, straatnaam=record.street, plaatsnaam=record.city, land_code="NL"
    )
    phone = (
        Telefoonnummers(telefoon01=Telefoon(telefoonnummer=record.phone, landnummer="0031")) if record.phone else None
    )
    return Contact(soort=BRP_ADDRESS, adres=address, telefoon=phone, emailadres=record.email)


def product(toewijzing: Toewijzing) -> ToegewezenProduct:
    euros = toewijzing.unit == EURO_UNIT
    return ToegewezenProduct(
        toewijzing_nummer=toewijzing.nummer,
        product=Product(categorie=toewijzing.category, code=toewijzing.product_code),
        toewijzingsdatum=toewijzing.toewijzingsdatum,
        toewijzingstijd=time.fromisoformat(toewijzing.toewijzingstijd),
        ingangsdatum=toewijzing.ingangsdatum,
        einddatum=toewijzing.einddatum,
        omvang=None
        if euros
        else Omvang(volume=toewijzing.volume, eenheid=toewijzing.unit, frequentie=toewijzing.frequency),
        budget=toewijzing.volume if euros else None,
    )
