"""One complete example of each of the fourteen iWmo 3.2 messages, with every optional block filled somewhere,
for the round-trip and validation tests. Dates are relative to `day`, so the examples hold in any year."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta

from kernel.iwmo.messages import blocks as b
from kernel.iwmo.messages import declaratie as d
from kernel.iwmo.messages import regie as r
from kernel.iwmo.messages import toewijzing as t
from kernel.iwmo.messages import verzoek as v
from kernel.iwmo.messages.catalog import Message

GEMEENTE, AGB, BSN = "0034", "98000001", "999990019"
OK = ["0200"]


def header(code: str, berichtcode: str, day: date, from_provider: bool) -> b.Header:
    sender, receiver = (AGB, GEMEENTE) if from_provider else (GEMEENTE, AGB)
    return b.Header(
        bericht_code=berichtcode,
        afzender=sender,
        ontvanger=receiver,
        bericht_identificatie=b.BerichtIdentificatie(identificatie=f"ID{code}A", dagtekening=day),
    )


def retour(heen: b.Header, code: str, day: date) -> b.RetourHeader:
    fields = {k: v for k, v in vars(heen).items() if k != "bericht_code"}
    return b.RetourHeader(
        **fields, bericht_code=code, identificatie_retour=f"R{code}", dagtekening_retour=day, retour_codes=OK
    )


NAAM = b.VolledigeNaam(
    geslachtsnaam=b.Achternaam(achternaam="Jansen", voorvoegsel="de"), voornamen="Anna Maria", voorletters="AM",
    naam_gebruik="1",
)  # fmt: skip
KORT = b.VerkorteNaam(geslachtsnaam=b.Achternaam(achternaam="Jansen"), voorletters="A")
GEBOREN = b.Geboortedatum(datum=date(1950, 3, 1), datum_gebruik="1")
PRODUCT = b.Product(categorie="01", code="01A01")
OMVANG = b.Omvang(volume=2, eenheid="04", frequentie="2")


def contact() -> t.Contact:
    return t.Contact(
        soort="01",
        adres=b.Adres(
            huis=b.Huis(huisnummer=12, huisletter="A"), postcode="1353AB", straatnaam="Markt", plaatsnaam="Almere",
            land_code="NL",
        ),
        telefoon=b.Telefoonnummers(telefoon01=b.Telefoon(telefoonnummer="0361234567", landnummer="0031")),
        emailadres="anna@example.org",
    )  # fmt: skip


def toegewezen(day: date) -> t.ToegewezenProduct:
    return t.ToegewezenProduct(
        toewijzing_nummer=123456789, product=PRODUCT, toewijzingsdatum=day, toewijzingstijd=time(10, 15, 0),
        ingangsdatum=day, einddatum=day + timedelta(days=180), omvang=OMVANG, commentaar="Twee uur per week",
    )  # fmt: skip


def wmo301(day: date) -> t.Wmo301:
    relatie = t.Relatie(nummer=1, volgorde=1, soort="12", naam=NAAM, contact=contact())
    client = t.Client(
        bsn=BSN, geboortedatum=GEBOREN, geslacht="2", naam=NAAM, relaties=[relatie], contactgegevens=[contact()],
        toegewezen_producten=[toegewezen(day)],
    )  # fmt: skip
    return t.Wmo301(header=header("301", "414", day, False), client=client)


def wmo302(day: date) -> t.Wmo302:
    sent = wmo301(day)
    c = sent.client
    relatie = t.RelatieRetour(
        nummer=1, soort="12", naam=NAAM, contact=t.ContactRetour(**vars(contact()), retour_codes=OK), retour_codes=OK
    )
    client = t.ClientRetour(
        bsn=c.bsn, geboortedatum=c.geboortedatum, geslacht=c.geslacht, naam=c.naam, relaties=[relatie],
        contactgegevens=[t.ContactRetour(**vars(contact()), retour_codes=OK)],
        toegewezen_producten=[t.ToegewezenProductRetour(**vars(toegewezen(day)), retour_codes=OK)], retour_codes=OK,
    )  # fmt: skip
    return t.Wmo302(header=retour(sent.header, "415", day), client=client)


def start(day: date) -> r.StartProduct:
    return r.StartProduct(toewijzing_nummer=123456789, product=PRODUCT, toewijzing_ingangsdatum=day, begindatum=day,
                          status_aanlevering="1")  # fmt: skip


def stop(day: date) -> r.StopProduct:
    return r.StopProduct(toewijzing_nummer=123456789, begindatum=day, reden_beeindiging="19",
                         einddatum=day + timedelta(days=30), status_aanlevering="1")  # fmt: skip


def wmo305(day: date) -> r.Wmo305:
    client = r.StartClient(bsn=BSN, geboortedatum=GEBOREN, geslacht="2", naam=KORT, start_producten=[start(day)])
    return r.Wmo305(header=header("305", "418", day, True), client=client)


def wmo306(day: date) -> r.Wmo306:
    client = r.StartClientRetour(
        bsn=BSN, geboortedatum=GEBOREN, geslacht="2", naam=KORT,
        start_producten=[r.StartProductRetour(**vars(start(day)), retour_codes=OK)], retour_codes=OK,
    )  # fmt: skip
    return r.Wmo306(header=retour(wmo305(day).header, "419", day), client=client)


def wmo307(day: date) -> r.Wmo307:
    client = r.StopClient(bsn=BSN, geboortedatum=GEBOREN, geslacht="2", naam=KORT, stop_producten=[stop(day)])
    return r.Wmo307(header=header("307", "420", day, True), client=client)


def wmo308(day: date) -> r.Wmo308:
    client = r.StopClientRetour(
        bsn=BSN, geboortedatum=GEBOREN, geslacht="2", naam=KORT,
        stop_producten=[r.StopProductRetour(**vars(stop(day)), retour_codes=["9019"])], retour_codes=OK,
    )  # fmt: skip
    return r.Wmo308(header=retour(wmo307(day).header, "421", day), client=client)


def aangevraagd(day: date) -> v.AangevraagdProduct:
    return v.AangevraagdProduct(
        referentie_aanbieder="VOT-1", product=PRODUCT, toewijzing_ingangsdatum=day, omvang=OMVANG,
        verwijzer=v.Verwijzer(type="01", naam="Wijkteam Haven"), commentaar="Zelf gemeld",
    )  # fmt: skip


def wmo315(day: date) -> v.Wmo315:
    client = v.VotClient(
        bsn=BSN, geboortedatum=GEBOREN, geslacht="2", naam=KORT, aangevraagde_producten=[aangevraagd(day)]
    )
    return v.Wmo315(header=header("315", "444", day, True), client=client)


def wmo316(day: date) -> v.Wmo316:
    client = v.VotClientRetour(
        bsn=BSN, geboortedatum=GEBOREN, geslacht="2", naam=KORT,
        aangevraagde_producten=[v.AangevraagdProductRetour(**vars(aangevraagd(day)), retour_codes=OK)], retour_codes=OK,
    )  # fmt: skip
    return v.Wmo316(header=retour(wmo315(day).header, "445", day), client=client)


def verzoek(day: date) -> v.Verzoek:
    return v.Verzoek(
        referentie_aanbieder="VOW-1", reden_verzoek="1",
        ongewijzigde_producten=[v.OngewijzigdProduct(toewijzing_nummer=1)],
        te_wijzigen_producten=[v.TeWijzigenProduct(toewijzing_nummer=2, gewenste_ingangsdatum=day, omvang=OMVANG)],
        nieuwe_producten=[v.NieuwProduct(product=PRODUCT, gewenste_ingangsdatum=day, omvang=OMVANG)],
    )  # fmt: skip


def wmo317(day: date) -> v.Wmo317:
    return v.Wmo317(header=header("317", "480", day, True), client=v.VowClient(bsn=BSN, verzoek=verzoek(day)))


def wmo318(day: date) -> v.Wmo318:
    asked = verzoek(day)
    answered = v.VerzoekRetour(
        referentie_aanbieder=asked.referentie_aanbieder, reden_verzoek=asked.reden_verzoek,
        ongewijzigde_producten=[v.OngewijzigdProductRetour(toewijzing_nummer=1, retour_codes=OK)],
        te_wijzigen_producten=[
            v.TeWijzigenProductRetour(toewijzing_nummer=2, gewenste_ingangsdatum=day, omvang=OMVANG, retour_codes=OK)
        ],
        nieuwe_producten=[
            v.NieuwProductRetour(product=PRODUCT, gewenste_ingangsdatum=day, omvang=OMVANG, retour_codes=OK)
        ],
        retour_codes=OK,
    )  # fmt: skip
    client = v.VowClientRetour(bsn=BSN, verzoek=answered, retour_codes=OK)
    return v.Wmo318(header=retour(wmo317(day).header, "481", day), client=client)


def wmo319(day: date) -> v.Wmo319:
    antwoord = v.Antwoord(referentie_aanbieder="VOT-1", verzoek_antwoord="1", reden_afwijzing_verzoek="3")
    return v.Wmo319(header=header("319", "482", day, False), antwoord=antwoord)


def wmo320(day: date) -> v.Wmo320:
    antwoord = v.AntwoordRetour(referentie_aanbieder="VOT-1", verzoek_antwoord="1", reden_afwijzing_verzoek="3",
                                retour_codes=OK)  # fmt: skip
    return v.Wmo320(header=retour(wmo319(day).header, "483", day), antwoord=antwoord)


def prestatie(day: date, referentie: str = "P1", volume: int = 2) -> d.Prestatie:
    return d.Prestatie(
        product_referentie=b.Referentie(referentie_nummer=referentie), toewijzing_nummer=123456789,
        product_categorie="01", product_code="01A01", product_periode=b.GeslotenPeriode(begindatum=day, einddatum=day),
        geleverd_volume=volume, eenheid="04", product_tarief=3480, ingediend_bedrag=b.BedragMetDC(bedrag=3480 * volume),
    )  # fmt: skip


def wmo323(day: date) -> d.Wmo323:
    declaratie = d.Declaratie(
        declaratie_nummer="D2026001", declaratie_periode=b.GeslotenPeriode(begindatum=day, einddatum=day),
        declaratie_dagtekening=day, totaal_ingediend_bedrag=b.TotaalBedragMetDC(totaal_bedrag=6960),
        clienten=[d.DeclaratieClient(bsn=BSN, prestaties=[prestatie(day)])],
    )  # fmt: skip
    return d.Wmo323(header=header("323", "484", day, True), declaratie=declaratie)


def wmo325(day: date) -> d.Wmo325:
    sent = wmo323(day)
    head = d.DeclaratieAntwoordHeader(
        bericht_code="485", afzender=GEMEENTE, ontvanger=AGB,
        bericht_identificatie=b.BerichtIdentificatie(identificatie="A325", dagtekening=day),
        declaratie_identificatie=sent.header.bericht_identificatie, xsd_versie_declaratie=b.XsdVersie(),
        retour_codes=OK,
    )  # fmt: skip
    answered = d.PrestatieAntwoord(**vars(prestatie(day)), retour_codes=OK)
    antwoord = d.DeclaratieAntwoord(
        declaratie_nummer="D2026001", totaal_ingediend_bedrag=b.TotaalBedragMetDC(totaal_bedrag=6960),
        totaal_toegekend_bedrag=b.TotaalBedragMetDC(totaal_bedrag=6960),
        clienten=[d.ClientAntwoord(bsn=BSN, prestaties=[answered], retour_codes=OK)], retour_codes=OK,
    )  # fmt: skip
    return d.Wmo325(header=head, declaratie_antwoord=antwoord)


SAMPLES: dict[str, Callable[[date], Message]] = {
    "301": wmo301, "302": wmo302, "305": wmo305, "306": wmo306, "307": wmo307, "308": wmo308, "315": wmo315,
    "316": wmo316, "317": wmo317, "318": wmo318, "319": wmo319, "320": wmo320, "323": wmo323, "325": wmo325,
}  # fmt: skip


def sample(code: str, day: date) -> Message:
    return SAMPLES[code](day)
