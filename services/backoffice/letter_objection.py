"""The decision on a bezwaar (beslissing op bezwaar) as the objector reads it: the outcome and what follows from
it, its reasons (Awb 7:12), signed on behalf of the college by someone other than who took the contested decision
(Awb 10:3 lid 3), and the beroep clause (Awb 8:1, 6:7)."""

from __future__ import annotations

from kernel.errors import Conflict
from kernel.letter_text import format_date
from services.backoffice.domain.beschikking import Contestable
from services.backoffice.domain.objection import INADMISSIBILITY_GROUNDS, Objection
from services.backoffice.letter_common import appeal_clause, header, signature, wrapped
from services.backoffice.terms import objection_deadline

CONSEQUENCE = {
    "gegrond": "Uw bezwaar is gegrond. Wij herroepen het besluit waartegen u bezwaar maakte (artikel 7:11, tweede "
    "lid, van de Algemene wet bestuursrecht) en nemen een nieuw besluit in de plaats daarvan; dat ontvangt u apart.",
    "gedeeltelijk gegrond": "Uw bezwaar is gedeeltelijk gegrond. Wij herroepen het besluit waartegen u bezwaar "
    "maakte (artikel 7:11, tweede lid, van de Algemene wet bestuursrecht) en nemen een nieuw besluit in de plaats "
    "daarvan; dat ontvangt u apart.",
    "ongegrond": "Uw bezwaar is ongegrond. Het besluit waartegen u bezwaar maakte blijft in stand.",
    "niet-ontvankelijk": "Uw bezwaar is niet-ontvankelijk. Wij beoordelen het daarom niet inhoudelijk; het besluit "
    "waartegen u bezwaar maakte blijft in stand.",
}


def render_objection_decision(objection: Objection, contested: Contestable, municipality: str) -> str:
    if objection.outcome is None or objection.decided_on is None or objection.decided_by is None:
        raise Conflict(f"the bezwaar {objection.id} has not been decided yet")
    ground = INADMISSIBILITY_GROUNDS.get(objection.inadmissible_ground, "")
    lines = [
        *header(municipality, "BESLISSING OP BEZWAAR", str(objection.id), objection.decided_on, objection.decided_on),
        f"Onderwerp: uw bezwaar van {format_date(objection.lodged_on)} tegen besluit {contested.decision_id}",
        "",
        *wrapped(CONSEQUENCE[objection.outcome]),
        "",
        *([*wrapped(f"Grond: {ground}."), ""] if ground else []),
        "Motivering",
        *wrapped(objection.reasons),
        "",
        *signature(municipality, objection.decided_by),
        "",
        "Beroep",
        *wrapped(appeal_clause(objection.appeal_deadline or objection_deadline(objection.decided_on))),
    ]
    return "\n".join(lines) + "\n"
