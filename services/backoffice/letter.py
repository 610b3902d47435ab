"""The beschikking as the resident reads it: a rendering in Dutch of an issued decision letter (plain text here,
HTML in `letter_html`).

Everything it prints was fixed when the letter was issued (see `Decision.issue_letter`), so the same letter
renders the same text however the catalogue changes later.
"""

from __future__ import annotations

import textwrap
from datetime import date

from services.backoffice.domain.decision import Decision, LetterNotIssued

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def format_euros(cents: int) -> str:
    """Integer cents as a Dutch amount: 123456 -> '€ 1.234,56'."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}€ {euros:,}".replace(",", ".") + f",{rest:02d}"


def format_date(day: date) -> str:
    """A date as Dutch letters write it: '2 maart 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def letter_parts(decision: Decision) -> dict[str, str]:
    """Every element of the beschikking, as Dutch text: shared by the plain-text and the HTML rendering."""
    letter = decision.letter
    if letter is None:
        raise LetterNotIssued(f"decision {decision.decision_id} has no beschikking yet")
    college = f"het college van burgemeester en wethouders van {letter.municipality}"
    return {
        "municipality": letter.municipality,
        "reference": str(letter.letter_id),
        "decision_date": format_date(letter.decision_date),
        "dispatch_date": format_date(letter.dispatch_date),
        "subject": f"toekenning {letter.provision_name}",
        "decision": f"{college[0].upper()}{college[1:]} heeft besloten u de volgende voorziening toe te kennen.",
        "provision": f"{letter.provision_name} ({decision.provision_code})",
        "amount": format_euros(decision.amount_cents),
        "extent": letter.extent,
        "period": f"{format_date(decision.period_start)} tot en met {format_date(decision.period_end)}",
        "legal_basis": f"Dit besluit is genomen op grond van {letter.legal_basis}." if letter.legal_basis else "",
        "on_behalf": f"Namens {college},",
        "mandate_holder": decision.decided_by,
        "objection": (
            "Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken bij het college. De bezwaartermijn is "
            "zes weken en begint op de dag na de verzenddatum van deze beschikking (artikelen 6:7 en 6:8 van de "
            "Algemene wet bestuursrecht); eindigt zij op een zaterdag, zondag of feestdag, dan loopt zij door tot "
            f"de eerstvolgende werkdag (Algemene termijnenwet). De termijn eindigt op "
            f"{format_date(letter.objection_deadline)}."
        ),
    }


def render_letter(decision: Decision) -> str:
    """The beschikking as plain text."""
    p = letter_parts(decision)
    lines = [
        f"Gemeente {p['municipality']}",
        "",
        "BESCHIKKING",
        "",
        f"Kenmerk:        {p['reference']}",
        f"Datum besluit:  {p['decision_date']}",
        f"Verzenddatum:   {p['dispatch_date']}",
        "",
        f"Onderwerp: {p['subject']}",
        "",
        p["decision"],
        "",
        f"Voorziening:    {p['provision']}",
        f"Bedrag:         {p['amount']}",
        *([f"Omvang:         {p['extent']}"] if p["extent"] else []),
        f"Periode:        {p['period']}",
        "",
        *([p["legal_basis"], ""] if p["legal_basis"] else []),
        p["on_behalf"],
        "",
        p["mandate_holder"],
        "(gemandateerd medewerker, artikel 10:10 Algemene wet bestuursrecht)",
        "",
        "Bezwaar",
        *textwrap.wrap(p["objection"], 110),
    ]
    return "\n".join(lines) + "\n"
