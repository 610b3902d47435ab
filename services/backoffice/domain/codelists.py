"""The iWmo/iJw 3.2 code lists the backoffice assigns and checks with (pure data, no I/O).

Sources: iWmo 3.2 basisschema (`../shared/iwmo-xsd/basisschema.xsd`: LDT_ProductCategorie, LDT_Eenheid,
LDT_Frequentie, LDT_RedenBeeindiging, LDT_StatusAanlevering, LDT_ProductCode, LDT_Volume) and the code lists in
i-Sociaal-Lab/jaapjunior as summarised in LAW.md §2.3 (WMO020, JZ020, WJ756, WMO757, WMO588, COD467, WJ001).
"""

from __future__ import annotations

from kernel.errors import Refused

PRODUCT_CATEGORIES_WMO = {
    "01": "Hulp bij het huishouden",
    "02": "Begeleiding",
    "03": "Persoonlijke verzorging",
    "04": "Kortdurend verblijf",
    "05": "Woondiensten",
    "06": "Overige ondersteuning individu/huishouden",
    "07": "Dagbesteding",
    "08": "Vervoerdiensten",
    "09": "Overige groepsgerichte ondersteuning",
    "10": "Overige maatwerkarrangementen",
    "11": "Rolstoelen",
    "12": "Vervoervoorzieningen",
    "13": "Woonvoorzieningen",
    "14": "Overige hulpmiddelen",
    "15": "Beschermd wonen",
    "16": "Opvang",
    "17": "Spoedopvang",
    "18": "Overige beschermd wonen en opvang",
}
"""WMO020 Productcategorie."""

PRODUCT_CATEGORIES_YOUTH = {
    "31": "(2015) zonder verblijf: uitgevoerd door wijk- of buurtteam",
    **{str(code): f"JZ020 categorie {code}" for code in range(40, 56)},
    "43": "Verblijf",
    "44": "Verblijf",
    "45": "Ambulant",
    "46": "Crisis",
    "47": "Jeugdreclassering",
    "48": "Jeugdbescherming",
    "54": "Jeugd-ggz",
    "55": "Landelijk ingekochte zorg",
}
"""JZ020 Productcategorie jeugd: 31 and 40-55 as LAW.md §2.3 lists them; names only where LAW.md gives one."""

UNITS = {
    "01": "minuut",
    "04": "uur",
    "14": "etmaal",
    "16": "dagdeel (4 uur)",
    "82": "stuks (output)",
    "83": "euro's",
    "84": "stuks (inspanning)",
}
"""WJ756 Eenheid."""

FREQUENCIES = {"1": "per dag", "2": "per week", "4": "per maand", "6": "totaal binnen de geldigheidsduur"}
"""WMO757 Frequentie."""

END_REASONS = {
    "02": "Overlijden",
    "19": "Levering volgens plan beëindigd",
    "20": "Levering is tijdelijk beëindigd",
    "21": "Levering is eenzijdig door cliënt beëindigd",
    "22": "Levering is eenzijdig door aanbieder beëindigd",
    "23": "Levering is in overeenstemming voortijdig beëindigd",
    "31": "Verhuizing naar een andere gemeente",
    "36": "Geïnitieerd door de gemeente",
    "37": "In verband met wijzigingsverzoek",
    "38": "Overstap naar andere aanbieder",
    "39": "Uitstroom naar ander domein",
}
"""WMO588 Reden beëindiging (3.2); 20 is a temporary stop, care restarts with a new start message (305)."""

TEMPORARY_STOP = "20"
EURO_UNIT = "83"
MAX_VOLUME = 99_999_999
"""LDT_Volume: an integer from 0 to 99999999."""

RETURN_CODES = {
    "9019": "Regiebericht is niet te koppelen aan een toewijzing",
    "9307": "Prestatie valt niet binnen de toewijzingsperiode",
    "9321": "Volume overschreden",
    "9369": "Budget overschreden",
    "9384": "Declaratie op verwijderde toewijzing",
}
"""WJ001 Retourcode: the selection the declaration answer (325) refers to."""


class InvalidCode(Refused):
    """A value that is not on its official code list."""


def check(code: str, codes: dict[str, str], list_name: str) -> str:
    """`code` itself when it is on the list; else InvalidCode naming the list."""
    if code not in codes:
        raise InvalidCode(f"{code!r} is not a code of {list_name} (allowed: {', '.join(sorted(codes))})")
    return code


def check_product_category(code: str) -> str:
    return check(code, {**PRODUCT_CATEGORIES_WMO, **PRODUCT_CATEGORIES_YOUTH}, "WMO020/JZ020 Productcategorie")


def check_unit(code: str) -> str:
    return check(code, UNITS, "WJ756 Eenheid")


def check_frequency(code: str) -> str:
    return check(code, FREQUENCIES, "WMO757 Frequentie")


def check_end_reason(code: str) -> str:
    return check(code, END_REASONS, "WMO588 Reden beëindiging")


def check_product_code(code: str) -> str:
    """LDT_ProductCode: 1 to 5 characters, not only whitespace."""
    if not 1 <= len(code) <= 5 or not code.strip():
        raise InvalidCode(f"product code {code!r} is not 1 to 5 characters (LDT_ProductCode)")
    return code


def check_volume(volume: int) -> int:
    if not 0 <= volume <= MAX_VOLUME:
        raise InvalidCode(f"volume {volume} is outside 0..{MAX_VOLUME} (LDT_Volume)")
    return volume


def describe_extent(volume: int, unit: str, frequency: str) -> str:
    """The omvang in Dutch: '2 uur per week'."""
    return f"{volume} {UNITS[unit]} {FREQUENCIES[frequency]}"
