"""The code lists the gateway judges with, each with its source. Pure data and small checks.

- WJ001 Retourcode: the complete list is the enumeration LDT_RetourCode in `../shared/iwmo-xsd/basisschema.xsd`;
  the TR rule numbers are from the iWmo 3.2 informatiemodel (i-Sociaal-Lab/jaapjunior
  `packages/api/wmo/bronnen/codelijsten/WJ001_Retourcode.md`). The list has no code of its own for a BSN that fails
  the 11-proef or for an unknown sender: those are constraint violations, answered with 0001 at their level
  (inferred; in the chain VECOZO/GGk refuse unknown senders before a gemeente sees them).
- WMO020 Productcategorie (Wmo): LAW.md §2.3; a category outside it (iJw JZ020) is not an iWmo toewijzing.
"""

from __future__ import annotations

RETOUR_CODES = {
    "0001": "Bericht is afgekeurd om technische redenen.",
    "0200": "Geen opmerking over deze berichtklasse.",
    "0233": "Berichtklasse is niet beoordeeld.",
    "8001": "Declaratie is volledig toegewezen.",
    "8017": "Van deze credit prestatie is geen debet prestatie bekend. (TR323)",
    "8021": "Referentienummer prestatie is reeds aangeleverd. (TR314)",
    "8187": "De prestatie hoort niet bij deze client. (TR304)",
    "8848": "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen. (TR135)",
    "9019": "Het regiebericht kan niet gekoppeld worden aan een toewijzing. (TR019)",
    "9056": "Identificatie moet per berichtsoort uniek zijn voor de verzendende partij. (TR056)",
    "9063": "Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is. (TR063)",
    "9069": "Er is geen actueel startbericht met dezelfde sleutel. (TR069)",
    "9074": "Er is al een eerder bericht ontvangen met dezelfde sleutel. (TR074)",
    "9307": "Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing. (TR307)",
    "9308": "Einddatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing. (TR308)",
    "9319": "De ProductPeriode valt niet geheel binnen een DeclaratiePeriode. (TR319)",
    "9321": "Het ingediende volume overschrijdt het toegewezen volume. (TR321)",
    "9322": "De som van de ingediende volumes overschrijdt het toegewezen volume. (TR322)",
    "9326": "De actuele levering is nog niet gestopt met een Stopbericht. (TR326)",
    "9333": "Declaratienummer is niet uniek. (TR333)",
    "9338": "Prestatie is niet gerelateerd aan een toegewezen product op basis van het toewijzingnummer. (TR338)",
    "9339": "ProductCategorie in de prestatie is niet gelijk aan die in het ToegewezenProduct. (TR339)",
    "9340": "ProductCode in de Prestatie is niet gelijk aan die in het ToegewezenProduct. (TR340)",
    "9341": "Eenheid in de Prestatie past niet bij Eenheid in het ToegewezenProduct. (TR341)",
    "9346": "IngediendBedrag is niet GeleverdVolume maal ProductTarief. (TR346)",
    "9347": "ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein. (TR347)",
    "9349": "Het VOW bevat niet alle actuele toegewezen producten van de client. (TR349)",
    "9350": "OngewijzigdProduct is niet gerelateerd aan een actueel toegewezen product. (TR350)",
    "9351": "TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing. (TR351)",
    "9374": "Er is al een verzoek onderhanden. (TR374)",
    "9413": "Er is al een tijdelijke stop (reden 20) met dezelfde sleutel. (TR413)",
    "9415": "Er is al een definitieve stop met dezelfde sleutel. (TR415)",
}
"""The WJ001 codes this gateway gives, with their meaning (and TR rule); each is in LDT_RetourCode."""

OK, NOT_ASSESSED, TECHNICAL = "0200", "0233", "0001"
WMO_CATEGORIES = frozenset(f"{n:02d}" for n in range(1, 19))
"""WMO020 Productcategorie 01..18."""
EURO_UNIT = "83"
TEMPORARY_STOP = "20"
"""WMO588 reden beeindiging 20: levering tijdelijk beeindigd; care restarts with a new 305."""
WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def passes_elfproef(bsn: str) -> bool:
    """Nine ASCII digits, not all zero, whose weighted sum (9..2, -1) is divisible by 11 (LAW.md §4.1).

    `str.isdigit` is not used: it accepts other scripts' digits ('٣', '³'), which no BSN contains."""
    if len(bsn) != 9 or not all("0" <= c <= "9" for c in bsn) or bsn == "000000000":
        return False
    return sum(w * int(d) for w, d in zip(WEIGHTS, bsn, strict=True)) % 11 == 0


def is_rejection(codes: list[str]) -> bool:
    return any(code not in (OK, "8001") for code in codes)
