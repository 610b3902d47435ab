"""The letter that withdraws (intrekking) or changes (wijziging) an earlier beschikking: which decision, from
when, why, what replaces it, signed on behalf of the college, with the bezwaar clause (it is a beschikking too).
For the Wmo the college may withdraw or change a decision on a maatwerkvoorziening (Wmo 2015 art. 2.3.10)."""

from __future__ import annotations

from kernel.letter_text import college, format_date
from services.backoffice.domain.beschikking import CHANGE
from services.backoffice.domain.decision import Decision, LetterNotIssued
from services.backoffice.letter_common import capitalised, header, objection_clause, signature, wrapped

BASIS = {"wmo": "artikel 2.3.10 van de Wet maatschappelijke ondersteuning 2015"}


def render_withdrawal(decision: Decision) -> str:
    withdrawal, letter = decision.withdrawal, decision.require_letter()
    if withdrawal is None:
        raise LetterNotIssued(f"decision {decision.decision_id} was not withdrawn or changed")
    change = withdrawal.kind == CHANGE
    what = "te wijzigen" if change else "in te trekken"
    earlier = f"de beschikking van {format_date(letter.decision_date)} (kenmerk {letter.letter_id})"
    follow = (
        f"Een nieuwe beschikking (besluit {withdrawal.replaced_by}) vervangt haar; die ontvangt u apart."
        if change
        else "Vanaf die dag vervalt het recht op deze voorziening."
    )
    basis = BASIS.get(decision.budget_line, letter.legal_basis)
    lines = [
        *header(letter.municipality, "BESCHIKKING", str(withdrawal.letter_id), withdrawal.decision_date,
                withdrawal.dispatch_date),
        f"Onderwerp: {'wijziging' if change else 'intrekking'} {letter.provision_name}",
        "",
        *wrapped(
            f"{capitalised(college(letter.municipality))} heeft besloten {earlier} over {letter.provision_name} "
            f"({decision.provision_code}) {what} met ingang van {format_date(withdrawal.decision_date)}. {follow}"
        ),
        "",
        *([*wrapped(f"Dit besluit is genomen op grond van {basis}."), ""] if basis else []),
        "Reden",
        *wrapped(withdrawal.reason),
        "",
        *signature(letter.municipality, withdrawal.signed_by),
        "",
        "Bezwaar",
        *wrapped(objection_clause(withdrawal.objection_deadline)),
    ]  # fmt: skip
    return "\n".join(lines) + "\n"
