"""What every letter of the backoffice says the same way: amounts and dates in Dutch, the college on whose behalf
it is signed (Awb 10:10), and the bezwaar clause (Awb 3:45) or, after a bezwaar, the beroep clause."""

from __future__ import annotations

from datetime import date

from kernel.letter_text import college, format_date, wrap

WIDTH = 110


def capitalised(text: str) -> str:
    return f"{text[0].upper()}{text[1:]}"


def objection_clause(deadline: date) -> str:
    """Awb 3:45: the beschikking says that, how and by when bezwaar can be made (6:7, 6:8; Atw)."""
    return (
        "Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken bij het college. De bezwaartermijn is "
        "zes weken en begint op de dag na de verzenddatum van deze beschikking (artikelen 6:7 en 6:8 van de "
        "Algemene wet bestuursrecht); eindigt zij op een zaterdag, zondag of feestdag, dan loopt zij door tot "
        f"de eerstvolgende werkdag (Algemene termijnenwet). De termijn eindigt op {format_date(deadline)}."
    )


def appeal_clause(deadline: date) -> str:
    """Awb 3:45, 8:1 and 6:7: after a decision on bezwaar, beroep lies with the court within six weeks."""
    return (
        "Bent u het niet eens met deze beslissing op uw bezwaar? Dan kunt u beroep instellen bij de rechtbank "
        "(artikel 8:1 van de Algemene wet bestuursrecht). De beroepstermijn is zes weken en begint op de dag na "
        f"de verzenddatum van deze beslissing (artikelen 6:7 en 6:8); zij eindigt op {format_date(deadline)}."
    )


def signature(municipality: str, signed_by: str) -> list[str]:
    """Signed on behalf of the college by the mandate holder (Awb 10:10)."""
    return [
        f"Namens {college(municipality)},",
        "",
        signed_by,
        "(gemandateerd medewerker, artikel 10:10 Algemene wet bestuursrecht)",
    ]


def wrapped(text: str) -> list[str]:
    return wrap(text, WIDTH)


def header(municipality: str, title: str, reference: str, decision_date: date, dispatch_date: date) -> list[str]:
    return [
        f"Gemeente {municipality}",
        "",
        title,
        "",
        f"Kenmerk:        {reference}",
        f"Datum besluit:  {format_date(decision_date)}",
        f"Verzenddatum:   {format_date(dispatch_date)}",
        "",
    ]
