"""The refusal beschikking (afwijzing) as the resident reads it: what was asked, that it is refused, on which
legal ground (the article and its criterion), the reasons the professional recorded (Awb 3:46), the signature on
behalf of the college (Awb 10:10) and the bezwaar clause (Awb 3:45)."""

from __future__ import annotations

from kernel.letter_text import college, format_date, format_euros
from services.backoffice.domain.refusal import Refusal
from services.backoffice.letter_common import capitalised, header, objection_clause, signature, wrapped


def render_refusal(refusal: Refusal) -> str:
    letter, asked = refusal.require_letter(), refusal.refused
    amount = f" van {format_euros(asked.requested_amount_cents)}" if asked.requested_amount_cents else ""
    period = f"{format_date(asked.period_start)} tot en met {format_date(asked.period_end)}"
    lines = [
        *header(letter.municipality, "BESCHIKKING", str(letter.letter_id), letter.decision_date, letter.dispatch_date),
        f"Onderwerp: afwijzing {letter.provision_name}",
        "",
        *wrapped(
            f"U vroeg om {letter.provision_name} ({asked.provision_code}){amount} voor de periode {period}. "
            f"{capitalised(college(letter.municipality))} heeft besloten uw aanvraag af te wijzen."
        ),
        "",
        *wrapped(f"Dit besluit is genomen op grond van {asked.legal_basis}."),
        "",
        "Motivering",
        *wrapped(asked.reasons),
        "",
        *signature(letter.municipality, asked.refused_by),
        "",
        "Bezwaar",
        *wrapped(objection_clause(letter.objection_deadline)),
    ]
    return "\n".join(lines) + "\n"
