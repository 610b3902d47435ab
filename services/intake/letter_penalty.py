"""The beschikking on the dwangsom (Awb 4:18) as the resident reads it: the notice of default it answers, whether a
penalty is due and how much, for which days and at which rates (Awb 4:17 lid 1-3), or why nothing is due (lid 6),
signed on behalf of the college (Awb 10:10), with the bezwaar clause (Awb 3:45): it is a beschikking too.

Dates, amounts and the college are written as every letter writes them (`kernel.letter_text`)."""

from __future__ import annotations

from kernel.letter_text import college, format_date, format_euros, wrap
from kernel.termijnen import term_end
from services.intake.domain.penalty import Default, Penalty

EXEMPT = {
    "unreasonably_late": "de ingebrekestelling onredelijk laat kwam (artikel 4:17, zesde lid, onder a)",
    "not_interested_party": "u geen belanghebbende bent (artikel 4:17, zesde lid, onder b)",
    "manifestly_inadmissible": "de aanvraag kennelijk niet-ontvankelijk of kennelijk ongegrond is (artikel 4:17, "
    "zesde lid, onder c)",
}
RATES = (
    "De dwangsom bedraagt € 23 per dag voor de eerste veertien dagen, € 35 per dag voor de volgende veertien dagen "
    "en € 45 per dag voor de overige dagen, voor ten hoogste 42 dagen (artikel 4:17, tweede lid, van de Algemene "
    "wet bestuursrecht)."
)


def decision_text(default: Default, penalty: Penalty, college: str) -> str:
    notice = (
        f"U heeft het college op {format_date(default.received_on)} in gebreke gesteld, omdat het niet tijdig "
        f"besliste op uw aanvraag: de beslistermijn eindigde op {format_date(default.decision_due)}."
    )
    if penalty.exemption:
        return f"{notice} {college} stelt vast dat u geen dwangsom toekomt, omdat {EXEMPT[penalty.exemption]}."
    if penalty.days == 0 or penalty.first_day is None or penalty.last_day is None:
        return (
            f"{notice} {college} stelt vast dat u geen dwangsom toekomt: de beschikking is verzonden binnen twee "
            "weken na ontvangst van de ingebrekestelling (artikel 4:17, derde lid, van de Algemene wet bestuursrecht)."
        )
    return (
        f"{notice} {college} stelt de dwangsom vast op {format_euros(penalty.amount_cents)} voor {penalty.days} "
        "dagen, van "
        f"{format_date(penalty.first_day)} tot en met {format_date(penalty.last_day)} (artikelen 4:17 en 4:18 van de "
        f"Algemene wet bestuursrecht). {RATES} Het bedrag wordt aan u betaald."
    )


def render_penalty(default: Default, penalty: Penalty, reference: str, municipality: str) -> str:
    body = college(municipality)
    deadline = term_end(penalty.determined_on, weeks=6)
    objection = (
        "Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken bij het college. De bezwaartermijn is zes "
        "weken en begint op de dag na de verzenddatum van deze beschikking (artikelen 6:7 en 6:8 van de Algemene "
        f"wet bestuursrecht). De termijn eindigt op {format_date(deadline)}."
    )
    lines = [
        f"Gemeente {municipality}", "", "BESCHIKKING DWANGSOM", "",
        f"Kenmerk:        {reference}", f"Datum besluit:  {format_date(penalty.determined_on)}",
        f"Verzenddatum:   {format_date(penalty.determined_on)}", "",
        "Onderwerp: dwangsom bij niet tijdig beslissen", "",
        *wrap(decision_text(default, penalty, body[0].upper() + body[1:])), "",
        f"Namens {body},", "", penalty.determined_by,
        "(gemandateerd medewerker, artikel 10:10 Algemene wet bestuursrecht)", "",
        "Bezwaar", *wrap(objection),
    ]  # fmt: skip
    return "\n".join(lines) + "\n"
