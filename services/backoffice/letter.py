"""The beschikking as the resident reads it: a rendering in Dutch of an issued decision letter (plain text here,
HTML in `letter_html`).

Everything it prints was fixed when the letter was issued (see `Decision.issue_letter`), so the same letter
renders the same text however the catalogue changes later.
"""

from __future__ import annotations

from kernel.letter_text import college, format_date, format_euros, wrap
from services.backoffice.domain.decision import Decision, LetterNotIssued
from services.backoffice.letter_common import objection_clause

__all__ = ["format_date", "format_euros", "letter_parts", "render_letter"]


def letter_parts(decision: Decision) -> dict[str, str]:
    """Every element of the beschikking, as Dutch text: shared by the plain-text and the HTML rendering."""
    letter = decision.letter
    if letter is None:
        raise LetterNotIssued(f"decision {decision.decision_id} has no beschikking yet")
    partial = decision.kind == "partial_award"
    granted = "gedeeltelijk toe te kennen" if partial else "toe te kennen"
    the_college = college(letter.municipality)
    return {
        "municipality": letter.municipality,
        "reference": str(letter.letter_id),
        "decision_date": format_date(letter.decision_date),
        "dispatch_date": format_date(letter.dispatch_date),
        "subject": f"{'gedeeltelijke toekenning' if partial else 'toekenning'} {letter.provision_name}",
        "decision": f"{the_college[0].upper()}{the_college[1:]} heeft besloten u de volgende voorziening {granted}.",
        "provision": f"{letter.provision_name} ({decision.provision_code})",
        "amount": format_euros(decision.amount_cents),
        "extent": letter.extent,
        "period": f"{format_date(decision.period_start)} tot en met {format_date(decision.period_end)}",
        "legal_basis": f"Dit besluit is genomen op grond van {letter.legal_basis}." if letter.legal_basis else "",
        "partial": partial_part(decision) if partial else "",
        "on_behalf": f"Namens {the_college},",
        "mandate_holder": decision.decided_by,
        "objection": objection_clause(letter.objection_deadline),
    }


def partial_part(decision: Decision) -> str:
    """What of the request is not granted, on which ground, and why (Awb 3:46)."""
    funded = decision.funded
    asked = format_euros(funded.requested_amount_cents or 0)
    return (
        f"U vroeg om {asked}; wij kennen {format_euros(decision.amount_cents)} toe. Het overige wijzen wij af op "
        f"grond van {funded.refusal_basis}. Motivering: {funded.reasons}"
    )


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
        *([*wrap(p["partial"]), ""] if p["partial"] else []),
        p["on_behalf"],
        "",
        p["mandate_holder"],
        "(gemandateerd medewerker, artikel 10:10 Algemene wet bestuursrecht)",
        "",
        "Bezwaar",
        *wrap(p["objection"]),
    ]
    return "\n".join(lines) + "\n"
