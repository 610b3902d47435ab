"""Bezwaar: its decision term (Awb 7:10), one deferral of at most six weeks, and no decision by who took the
contested decision under mandate (Awb 10:3 lid 3)."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts.events.backoffice import ObjectionDecided, ObjectionDeferred, ObjectionLodged
from kernel.errors import Refused
from services.backoffice.domain.objection import (
    ConflictOfMandate,
    DeferralRefused,
    Excusability,
    LateObjection,
    Objection,
    ObjectionAlreadyDecided,
)
from services.backoffice.terms import objection_deadline, weeks_after
from services.backoffice.translator import translate

pytestmark = pytest.mark.unit
DISPATCH = date(2026, 3, 2)  # bezwaartermijn ends Monday 13 April 2026


def lodged(committee: bool = False, on: date = date(2026, 3, 20)) -> Objection:
    deadline = objection_deadline(DISPATCH)
    return Objection.lodge(uuid4(), uuid4(), on, "Te weinig uren.", deadline, "J. de Vries", weeks_after, committee)


def test_the_decision_term_is_six_weeks_after_the_objection_term_ended() -> None:
    objection = lodged()
    assert objection.decision_due == date(2026, 5, 26)  # six weeks from Tue 14 April end Mon 25 May: Whit Monday
    fact = translate(objection.collect_events()[0])
    assert isinstance(fact, ObjectionLodged) and fact.decision_due == date(2026, 5, 26) and objection.timely


def test_with_an_advisory_committee_it_is_twelve_weeks() -> None:
    assert lodged(committee=True).decision_due == date(2026, 7, 6)


def test_a_late_objection_needs_the_judgement_on_its_excusability() -> None:
    with pytest.raises(LateObjection, match=r"ended on 2026-04-13.*Awb 6:11"):
        lodged(on=date(2026, 4, 14))
    judgement = Excusability(True, "Opgenomen in het ziekenhuis tijdens de hele termijn.", "t.visser")
    late = Objection.lodge(
        uuid4(), uuid4(), date(2026, 4, 14), "Te weinig uren.", objection_deadline(DISPATCH), "J. de Vries",
        weeks_after, judgement=judgement,
    )  # fmt: skip
    assert not late.timely and late.admissible_in_time


def test_one_deferral_of_at_most_six_weeks() -> None:
    objection = lodged()
    with pytest.raises(DeferralRefused, match="1 to 6 weeks, not 7"):
        objection.defer(7, date(2026, 5, 1), weeks_after)
    objection.defer(6, date(2026, 5, 1), weeks_after)
    assert objection.decision_due == date(2026, 7, 7)
    fact = translate(objection.collect_events()[-1])
    assert isinstance(fact, ObjectionDeferred) and fact.weeks == 6
    with pytest.raises(DeferralRefused, match="already deferred"):
        objection.defer(1, date(2026, 5, 2), weeks_after)


def test_no_deferral_after_the_term_ended() -> None:
    with pytest.raises(DeferralRefused, match="already ended"):
        lodged().defer(2, date(2026, 5, 27), weeks_after)


def test_who_took_the_contested_decision_under_mandate_may_not_decide_on_the_objection() -> None:
    objection = lodged()
    with pytest.raises(ConflictOfMandate, match="10:3 lid 3"):
        objection.decide("ongegrond", " j. de vries ", date(2026, 5, 1), "Zorgvuldig onderzocht.")
    objection.decide("gegrond", "K. Bakker, bezwaarjurist", date(2026, 5, 1), "Herbeoordeling nodig.")
    fact = translate(objection.collect_events()[-1])
    assert isinstance(fact, ObjectionDecided) and fact.in_time and fact.outcome == "gegrond"
    with pytest.raises(ObjectionAlreadyDecided):
        objection.decide("ongegrond", "K. Bakker", date(2026, 5, 2), "x")
    with pytest.raises(ObjectionAlreadyDecided):
        objection.defer(1, date(2026, 5, 2), weeks_after)


def test_a_late_decision_is_marked_and_a_bad_outcome_or_empty_grounds_refused() -> None:
    objection = lodged()
    with pytest.raises(Refused, match="outcome 'misschien'"):
        objection.decide("misschien", "K. Bakker", date(2026, 5, 1), "x")
    objection.decide("ongegrond", "K. Bakker", date(2026, 6, 1), "x")
    fact = translate(objection.collect_events()[-1])
    assert isinstance(fact, ObjectionDecided) and not fact.in_time
    with pytest.raises(Refused, match="grounds"):
        Objection.lodge(uuid4(), uuid4(), DISPATCH, " ", DISPATCH, "a", weeks_after)
