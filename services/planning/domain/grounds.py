"""The legal grounds on which a request is refused in whole or in part, and the motivation every such decision
needs: a beschikking rests on a motivation (Awb 3:46) and says on which article it rests.

The criterion articles are the laws' own texts: support is granted in so far as the resident cannot manage on
their own strength, with usual help, informal care or their network, or with a general provision (Wmo 2015
art. 2.3.5 lid 3; Jeugdwet art. 2.3 lid 1 for youth), and special assistance covers necessary costs that cannot be
met otherwise (Participatiewet art. 35 lid 1). LAW.md §1.1 cites art. 2.3.5 lid 2 (the term) only; the lid numbers
here are taken from the wet texts, https://wetten.overheid.nl/BWBR0035362/ (Wmo 2015).
"""

from __future__ import annotations

from kernel.errors import Refused
from services.planning.domain.decision import AWARD, KINDS, PARTIAL_AWARD, REFUSAL, Motivation

ARTICLES = {
    "wmo": "artikel 2.3.5, derde lid, van de Wet maatschappelijke ondersteuning 2015",
    "discretionary": "artikel 2.3.5, derde lid, van de Wet maatschappelijke ondersteuning 2015",
    "youth": "artikel 2.3, eerste lid, van de Jeugdwet",
    "special_assistance": "artikel 35, eerste lid, van de Participatiewet",
}
GROUNDS = {
    "own_strength": "u kunt dit op eigen kracht, met gebruikelijke hulp, met mantelzorg of met hulp uit uw "
    "sociale netwerk voldoende oplossen",
    "general_provision": "een algemene voorziening of een andere voorliggende voorziening biedt voldoende oplossing",
    "no_need": "het onderzoek heeft geen ondersteuningsbehoefte vastgesteld waarvoor deze voorziening nodig is",
    "not_necessary": "de kosten zijn niet noodzakelijk of kunnen uit uw eigen middelen worden voldaan",
    "other": "de redenen hieronder",
}
"""Each ground and the criterion it stands for, in the letter's words."""
MIN_REASONS = 20
"""A motivation is at least a sentence about this household, not a tick box."""


class MotivationMissing(Refused):
    """A refusal or partial award without a known legal ground or without written reasons (HTTP 422)."""


def motivation(kind: str, budget_line: str, ground: str, reasons: str) -> Motivation:
    """The legal ground, article and reasons of a decision that refuses (part of) a request."""
    if kind not in KINDS:
        raise Refused(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    if kind == AWARD:
        return Motivation("", "", reasons.strip())
    what = "a refusal" if kind == REFUSAL else "a partial award"
    if ground not in GROUNDS:
        raise MotivationMissing(f"{what} names its legal ground, one of {', '.join(GROUNDS)}")
    if len(reasons.strip()) < MIN_REASONS:
        raise MotivationMissing(
            f"{what} states the reasons the professional recorded, at least {MIN_REASONS} characters "
            "(Awb 3:46: a beschikking rests on a motivation)"
        )
    return Motivation(ground, f"{ARTICLES.get(budget_line, ARTICLES['wmo'])}: {GROUNDS[ground]}", reasons.strip())


def check_partial(kind: str, amount_cents: int, requested_amount_cents: int | None) -> None:
    """A partial award grants less than was requested; an award asks no more than it grants."""
    if kind == PARTIAL_AWARD and (requested_amount_cents is None or requested_amount_cents <= amount_cents):
        raise Refused("a partial award grants less than requested: requested_amount_cents must exceed amount_cents")
    if kind == AWARD and requested_amount_cents is not None and requested_amount_cents > amount_cents:
        raise Refused("an award of less than was requested is a partial award, with its legal ground and reasons")
