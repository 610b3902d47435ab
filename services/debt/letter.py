"""The Wgs beschikking as the resident reads it: admitted to debt assistance, or refused on a ground with the
reasons (Awb 3:46), signed on behalf of the college (Awb 10:10), with the bezwaar clause (Awb 3:45).

Dates and the college are written as every letter writes them (`kernel.letter_text`)."""

from __future__ import annotations

from kernel.letter_text import college, format_date, wrap
from services.debt.domain.admission import REFUSAL_GROUNDS, Admission

LEGAL_BASIS = "de Wet gemeentelijke schuldhulpverlening en het beleidsplan schuldhulpverlening van de gemeente"


def render_admission(admission: Admission, municipality: str) -> str:
    body = college(municipality)
    if admission.admitted:
        decision = [f"{body[0].upper()}{body[1:]} heeft besloten u toe te laten tot de schuldhulpverlening."]
    else:
        ground = REFUSAL_GROUNDS[admission.ground]
        decision = [
            f"{body[0].upper()}{body[1:]} heeft besloten uw verzoek om schuldhulpverlening af te wijzen, "
            f"omdat {ground}.",
            "",
            "Motivering",
            admission.reasons,
        ]
    objection = (
        "Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken bij het college. De bezwaartermijn is zes "
        "weken en begint op de dag na de verzenddatum van deze beschikking (artikelen 6:7 en 6:8 van de Algemene "
        f"wet bestuursrecht). De termijn eindigt op {format_date(admission.objection_deadline)}."
    )
    lines = [
        f"Gemeente {municipality}", "", "BESCHIKKING SCHULDHULPVERLENING", "",
        f"Kenmerk:        {admission.letter_id}", f"Datum besluit:  {format_date(admission.decided_on)}", "",
        *[line for text in decision for line in (wrap(text) or [""])], "",
        *wrap(f"Dit besluit is genomen op grond van {LEGAL_BASIS}."), "",
        f"Namens {body},", "", admission.decided_by,
        "(gemandateerd medewerker, artikel 10:10 Algemene wet bestuursrecht)", "",
        "Bezwaar", *wrap(objection),
    ]  # fmt: skip
    return "\n".join(lines) + "\n"
