"""The Wgs beschikking after the intake conversation: admission (toelating) to debt assistance, or its refusal,
with bezwaar open.

The Awb applies to the Wgs, so the college decides on admission or refusal by beschikking (LAW.md §1.5,
schulinck.nl): a refusal names its ground and the reasons (Awb 3:46) and every one the bezwaar clause (Awb 3:45).
The duties to inform and cooperate apply to a cliënt, i.e. someone admitted, not to an applicant (LAW.md §1.5): so
refusing to cooperate is no ground to refuse admission. The grounds below are the usual ones of municipal Wgs
policy (inferred: LAW.md does not list them; the beleidsplan of Wgs art. 2 sets the municipality's own).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from kernel.errors import Refused

REFUSAL_GROUNDS = {
    "no_problematic_debts": "er is geen sprake van (dreigende) problematische schulden",
    "recent_trajectory": "u had kort geleden een schuldhulptraject dat is afgerond of voortijdig beëindigd",
    "fraud": "de schulden zijn ontstaan door fraude",
    "other": "de redenen hieronder",
}
MIN_REASONS = 20


class AdmissionRefused(Refused):
    """A refusal without a known ground or without reasons (HTTP 422)."""


@dataclass(frozen=True)
class Admission:
    """The college's decision on admission, as its beschikking states it."""

    letter_id: UUID
    admitted: bool
    ground: str
    reasons: str
    decided_by: str
    decided_on: date
    objection_deadline: date


def check_motivation(admitted: bool, ground: str, reasons: str) -> None:
    if admitted:
        if ground:
            raise AdmissionRefused("an admission has no ground of refusal")
        return
    if ground not in REFUSAL_GROUNDS:
        raise AdmissionRefused(f"a refusal of debt assistance names its ground, one of {', '.join(REFUSAL_GROUNDS)}")
    if len(reasons.strip()) < MIN_REASONS:
        raise AdmissionRefused(
            f"a refusal of debt assistance states its reasons, at least {MIN_REASONS} characters (Awb 3:46)"
        )
