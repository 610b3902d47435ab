"""The iWmo/iJw 3.2 code lists the provider speaks (sources: /work/shared/LAW.md §2.3, jaapjunior code lists).

- WMO588 Reden beëindiging (3.2): why care ended, carried by the stop message (307).
- WMO757 Frequentie: how often the assigned volume applies.
"""

from __future__ import annotations

from kernel.errors import Refused

END_REASONS: dict[str, str] = {
    "02": "Overlijden",
    "19": "Levering volgens plan beëindigd",
    "20": "Levering tijdelijk beëindigd",
    "21": "Levering eenzijdig beëindigd door cliënt",
    "22": "Levering eenzijdig beëindigd door aanbieder",
    "23": "Levering in overeenstemming voortijdig beëindigd",
    "31": "Verhuizing naar andere gemeente",
    "36": "Geïnitieerd door gemeente",
    "37": "I.v.m. wijzigingsverzoek",
    "38": "Overstap naar andere aanbieder",
    "39": "Uitstroom naar ander domein",
}
"""WMO588 (iWmo 3.2). Older 2.x codes (e.g. 01, 32-34) are not valid in 3.2."""

TEMPORARY_STOP = "20"
"""Reden beëindiging 20: a temporary stop; care restarts with a new start message (Procesbeschrijvingen iWmo 3.2)."""

PER_DAY, PER_WEEK, PER_MONTH, TOTAL = "1", "2", "4", "6"
FREQUENCIES = {PER_DAY: "per dag", PER_WEEK: "per week", PER_MONTH: "per maand", TOTAL: "totaal binnen geldigheidsduur"}
"""WMO757 Frequentie."""

REFUSAL_REASONS = ("no_capacity", "not_contracted", "care_not_suitable", "client_unreachable", "other")
"""Why a provider refuses an assignment: this platform's own list (iWmo 3.2 has no provider refusal message)."""


class UnknownEndReason(Refused):
    """A stop reason that is not in code list WMO588 (iWmo 3.2)."""


def end_reason(code: str) -> str:
    """The WMO588 description of `code`; refuses any code outside the 3.2 list."""
    try:
        return END_REASONS[code]
    except KeyError:
        valid = ", ".join(END_REASONS)
        raise UnknownEndReason(
            f"reason code {code!r} is not in code list WMO588 (iWmo 3.2): use one of {valid}"
        ) from None
