"""Bezwaar with consequences: a late one needs the judgement on its excusability (Awb 6:11); niet-ontvankelijk needs
its ground; gegrond revokes the contested beschikking (Awb 7:11 lid 2); every decision has reasons and a letter
with the beroep clause."""

from __future__ import annotations

from datetime import date

import pytest

from contracts.events.backoffice import ObjectionDecided, ObjectionLodged
from contracts.events.backoffice_cycle import DecisionRevoked
from kernel.errors import Refused
from services.backoffice.domain.beschikking import AlreadyRevoked, Contestable, contested_of
from services.backoffice.domain.objection import Excusability, InadmissibilityUnfounded, Objection
from services.backoffice.letter_objection import render_objection_decision
from services.backoffice.terms import objection_deadline, weeks_after
from services.backoffice.translator import translate
from tests.unit.backoffice.factories import sent_refusal

pytestmark = pytest.mark.unit
IN_TIME, LATE = date(2026, 3, 20), date(2026, 4, 20)  # the refusal was sent 2 March: the term ends 13 April
WHY = "Bij nader inzien volstaat de hulp van de dochter niet: zij werkt fulltime."


def lodge(contested: Contestable, on: date = IN_TIME, judgement: Excusability | None = None) -> Objection:
    fields = contested_of(contested)
    return Objection.lodge(
        contested.decision_id, contested.household_id, on, "Mijn dochter kan niet helpen.",
        contested.objection_deadline, contested.decided_by, weeks_after, judgement=judgement,
        contested=(fields["team_id"], fields["provision_code"], fields["budget_line"], fields["kind"]),
    )  # fmt: skip


def test_a_bezwaar_against_a_refusal_is_a_fact_naming_team_provision_and_kind() -> None:
    objection = lodge(sent_refusal())
    fact = translate(objection.collect_events()[0])
    assert isinstance(fact, ObjectionLodged)
    assert (fact.team_id, fact.provision_code, fact.contested_kind, fact.timely, fact.excused) == (
        "wijkteam-haven", "wmo-huishoudelijke-ondersteuning", "refusal", True, None,
    )  # fmt: skip


def test_gegrond_revokes_the_refusal_once_and_the_revocation_is_a_fact() -> None:
    refusal = sent_refusal()
    objection = lodge(refusal)
    objection.decide("gegrond", "T. Visser", date(2026, 4, 30), WHY, appeal_deadline=date(2026, 6, 11))
    assert objection.revokes
    refusal.collect_events()
    refusal.revoke(objection.id, date(2026, 4, 30))
    fact = translate(refusal.collect_events()[-1])
    assert isinstance(fact, DecisionRevoked) and (fact.objection_id, fact.contested_kind) == (objection.id, "refusal")
    with pytest.raises(AlreadyRevoked):
        refusal.revoke(objection.id, date(2026, 5, 1))


def test_ongegrond_upholds_and_revokes_nothing() -> None:
    objection = lodge(sent_refusal())
    objection.decide("ongegrond", "T. Visser", date(2026, 4, 30), WHY)
    assert not objection.revokes


def test_niet_ontvankelijk_needs_its_ground_and_late_only_when_it_was() -> None:
    objection = lodge(sent_refusal())
    with pytest.raises(InadmissibilityUnfounded, match="names its ground"):
        objection.decide("niet-ontvankelijk", "T. Visser", date(2026, 4, 30), WHY)
    with pytest.raises(InadmissibilityUnfounded, match="lodged in time"):
        objection.decide("niet-ontvankelijk", "T. Visser", date(2026, 4, 30), WHY, "late")
    with pytest.raises(InadmissibilityUnfounded, match="only niet-ontvankelijk"):
        objection.decide("ongegrond", "T. Visser", date(2026, 4, 30), WHY, "late")
    objection.decide("niet-ontvankelijk", "T. Visser", date(2026, 4, 30), WHY, "not_interested_party")
    fact = translate(objection.collect_events()[-1])
    assert isinstance(fact, ObjectionDecided) and fact.inadmissible_ground == "not_interested_party"


def test_an_inexcusably_late_bezwaar_can_only_be_niet_ontvankelijk_for_lateness() -> None:
    late = lodge(sent_refusal(), LATE, Excusability(False, "Geen reden opgegeven voor de late indiening.", "M. Kok"))
    assert not late.admissible_in_time
    with pytest.raises(InadmissibilityUnfounded, match="judged not excusable"):
        late.decide("gegrond", "T. Visser", date(2026, 5, 1), WHY)
    late.decide("niet-ontvankelijk", "T. Visser", date(2026, 5, 1), WHY, "late")
    assert not late.revokes


def test_an_excusably_late_bezwaar_is_judged_on_its_merits() -> None:
    late = lodge(sent_refusal(), LATE, Excusability(True, "Lag in het ziekenhuis tijdens de hele termijn.", "M. Kok"))
    with pytest.raises(InadmissibilityUnfounded, match="judged excusable"):
        late.decide("niet-ontvankelijk", "T. Visser", date(2026, 5, 1), WHY, "late")
    late.decide("gegrond", "T. Visser", date(2026, 5, 1), WHY)
    fact = translate(late.collect_events()[0])
    assert isinstance(fact, ObjectionLodged) and (fact.timely, fact.excused) == (False, True)


def test_a_decision_on_bezwaar_states_its_reasons() -> None:
    with pytest.raises(Refused, match="7:12"):
        lodge(sent_refusal()).decide("ongegrond", "T. Visser", date(2026, 4, 30), "  ")


def test_the_letter_on_a_gegrond_bezwaar_says_the_decision_is_revoked_and_a_new_one_follows() -> None:
    refusal = sent_refusal()
    objection = lodge(refusal)
    decided = date(2026, 4, 30)
    objection.decide("gegrond", "T. Visser", decided, WHY, appeal_deadline=objection_deadline(decided))
    raw = render_objection_decision(objection, refusal, "Almere")
    text = " ".join(raw.split())
    assert "BESLISSING OP BEZWAAR" in raw and "Uw bezwaar is gegrond. Wij herroepen het besluit" in text
    assert "artikel 7:11, tweede lid" in text and "nieuw besluit in de plaats daarvan" in text
    assert f"Motivering\n{WHY[:40]}" in raw and "Namens het college van burgemeester en wethouders van Almere" in text
    assert "beroep instellen bij de rechtbank" in text and "eindigt op 11 juni 2026" in text


def test_the_letter_on_a_late_bezwaar_names_the_ground_of_inadmissibility() -> None:
    late = lodge(sent_refusal(), LATE, Excusability(False, "Geen reden opgegeven voor de late indiening.", "M. Kok"))
    late.decide("niet-ontvankelijk", "T. Visser", date(2026, 5, 1), WHY, "late")
    text = " ".join(render_objection_decision(late, sent_refusal(), "Almere").split())
    assert "Uw bezwaar is niet-ontvankelijk." in text and "Grond: Awb 6:7 en 6:11" in text
