"""The beschikking as the resident reads it: a plain-text rendering in Dutch of an issued decision letter.

Everything it prints was fixed when the letter was issued (see `Decision.issue_letter`), so the same letter
renders the same text however the catalogue changes later.
"""

from __future__ import annotations

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


def render_letter(decision: Decision) -> str:
    letter = decision.letter
    if letter is None:
        raise LetterNotIssued(f"decision {decision.decision_id} has no beschikking yet")
    college = f"het college van burgemeester en wethouders van {letter.municipality}"
    lines = [
        f"Gemeente {letter.municipality}",
        "",
        "BESCHIKKING",
        "",
        f"Kenmerk:        {letter.letter_id}",
        f"Datum besluit:  {format_date(letter.decision_date)}",
        f"Verzenddatum:   {format_date(letter.dispatch_date)}",
        "",
        f"Onderwerp: toekenning {letter.provision_name}",
        "",
        f"{college[0].upper()}{college[1:]} heeft besloten u de volgende voorziening toe te kennen.",
        "",
        f"Voorziening:    {letter.provision_name} ({decision.provision_code})",
        f"Bedrag:         {format_euros(decision.amount_cents)}",
        f"Periode:        {format_date(decision.period_start)} tot en met {format_date(decision.period_end)}",
        "",
        f"Namens {college},",
        "",
        decision.decided_by,
        "(gemandateerd medewerker)",
        "",
        "Bezwaar",
        "Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken bij het college. De bezwaartermijn is",
        "zes weken en begint op de dag na de verzenddatum van deze beschikking (artikelen 6:7 en 6:8 van de",
        f"Algemene wet bestuursrecht). De termijn eindigt op {format_date(letter.objection_deadline)}.",
    ]
    return "\n".join(lines) + "\n"
