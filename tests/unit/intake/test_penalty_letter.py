"""The beschikking on the dwangsom (Awb 4:18) as the resident reads it: the amount and the days, the rates, or why
nothing is due; signed on behalf of the college, with the bezwaar clause (Awb 3:45)."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.penalty import default_of, determine
from services.intake.letter_penalty import render_penalty

pytestmark = pytest.mark.unit


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_penalty_letter_names_the_amount_the_days_and_the_rates() -> None:
    default = default_of("decision:a", date(2026, 4, 1), date(2026, 4, 10))  # two weeks end Fri 24 April
    penalty = determine(default, date(2026, 5, 15), date(2026, 5, 18), "t.visser")  # 25 April to 14 May: 20 days
    letter = flat(render_penalty(default, penalty, "ref-1", "Almere"))
    assert (penalty.days, penalty.amount_cents) == (20, 14 * 2300 + 6 * 3500)
    assert "BESCHIKKING DWANGSOM" in letter and "Kenmerk: ref-1" in letter
    assert "in gebreke gesteld" in letter and "de beslistermijn eindigde op 1 april 2026" in letter
    assert "stelt de dwangsom vast op € 532,00 voor 20 dagen, van 25 april 2026 tot en met 14 mei 2026" in letter
    assert "€ 23 per dag voor de eerste veertien dagen" in letter
    assert "Namens het college van burgemeester en wethouders van Almere, t.visser" in letter
    assert "De termijn eindigt op 29 juni 2026." in letter  # six weeks after Monday 18 May


def test_nothing_is_due_when_the_beschikking_came_within_two_weeks_or_an_exemption_applies() -> None:
    default = default_of("decision:a", date(2026, 4, 1), date(2026, 4, 10))
    in_time = determine(default, date(2026, 4, 20), date(2026, 4, 21), "t.visser")
    assert "geen dwangsom toekomt: de beschikking is verzonden binnen twee weken" in flat(
        render_penalty(default, in_time, "ref-2", "Almere")
    )
    exempt = determine(default, date(2026, 5, 15), date(2026, 5, 18), "t.visser", "not_interested_party")
    letter = flat(render_penalty(default, exempt, "ref-3", "Almere"))
    assert "geen dwangsom toekomt, omdat u geen belanghebbende bent (artikel 4:17, zesde lid, onder b)" in letter
    assert "€" not in letter.split("Namens")[0]
