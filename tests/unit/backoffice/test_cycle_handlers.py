"""The backoffice's handlers and commands of the law cycle, on the in-memory store: a refusal is sent, objected to
and revoked; a cancelled decision is withdrawn or changed, and one cancelled before its money came is never sent."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest

from contracts.events.backoffice import DecisionLetterIssued, ObjectionDecided
from contracts.events.backoffice_cycle import DecisionRevoked, RefusalLetterIssued, WithdrawalLetterIssued
from contracts.events.budget import FundsReserved
from contracts.events.planning import DecisionCancelled
from contracts.events.planning_cycle import DecisionRefused
from services.backoffice.domain.objection import ConflictOfMandate, LateObjection
from tests.unit.backoffice.factories import BASIS, HOURS, REASONS
from tests.unit.backoffice.in_memory import InMemoryBackoffice

pytestmark = pytest.mark.unit
SENT = date(2026, 3, 2)  # the bezwaartermijn of a letter sent that Monday ends Monday 13 April 2026
HOUSEHOLD = uuid4()


@pytest.fixture
def app() -> InMemoryBackoffice:
    return InMemoryBackoffice()


def refused(decision_id: UUID) -> DecisionRefused:
    return DecisionRefused(
        household_id=HOUSEHOLD, plan_id=uuid4(), decision_id=decision_id, team_id="wijkteam-haven",
        provision_code=HOURS.code, budget_line="wmo", requested_amount_cents=250_000, period_start=date(2026, 4, 1),
        period_end=date(2026, 12, 31), refused_by="j.de.vries", refused_on=SENT, mandate_ref="ALM-M-02",
        on_behalf_of="het college", legal_ground="own_strength", legal_basis=BASIS, reasons=REASONS,
    )  # fmt: skip


def reserved(decision_id: UUID, **partial: object) -> FundsReserved:
    return FundsReserved(
        household_id=HOUSEHOLD, decision_id=decision_id, plan_id=uuid4(), team_id="wijkteam-haven", year=2026,
        budget_line="wmo", amount_cents=150_000, provision_code=HOURS.code, period_start=date(2026, 4, 1),
        period_end=date(2026, 12, 31), decided_by="j.de.vries", decided_on=SENT, **partial,
    )  # fmt: skip


def cancelled(decision_id: UUID, replaced_by: UUID | None = None) -> DecisionCancelled:
    return DecisionCancelled(
        household_id=HOUSEHOLD, plan_id=uuid4(), decision_id=decision_id, team_id="wijkteam-haven",
        cancelled_by="t.visser", reason="De zorg is niet meer nodig.", cancelled_on=date(2026, 6, 1),
        replaced_by=replaced_by,
    )  # fmt: skip


def test_a_refusal_is_sent_once_and_its_letter_read_back(app: InMemoryBackoffice) -> None:
    decision_id = uuid4()
    app.on_decision_refused(refused(decision_id), app.tracking(), SENT)
    app.on_decision_refused(refused(decision_id), app.tracking(), SENT)  # republished: no twin
    letters = [f for f in app.published() if isinstance(f, RefusalLetterIssued)]
    assert len(letters) == 1 and letters[0].objection_deadline == date(2026, 4, 13)
    assert "heeft besloten uw aanvraag af te wijzen" in " ".join(app.letter_text(decision_id).split())
    assert app.decision(decision_id)["kind"] == "refusal"


def test_a_bezwaar_upheld_against_a_refusal_revokes_it(app: InMemoryBackoffice) -> None:
    decision_id = uuid4()
    app.on_decision_refused(refused(decision_id), app.tracking(), SENT)
    objection_id = app.lodge_objection(decision_id, "Mijn dochter werkt fulltime.", False, date(2026, 4, 1))
    with pytest.raises(ConflictOfMandate):
        app.decide_objection(decision_id, objection_id, "gegrond", "j.de.vries", "Zie het verslag.", date(2026, 5, 1))
    app.decide_objection(decision_id, objection_id, "gegrond", "t.visser", "Zie het verslag.", date(2026, 5, 1))
    decided, revoked = app.published()[-2:]
    assert isinstance(decided, ObjectionDecided) and decided.appeal_deadline == date(2026, 6, 12)
    assert isinstance(revoked, DecisionRevoked) and (revoked.decision_id, revoked.objection_id) == (
        decision_id, objection_id,
    )  # fmt: skip
    assert app.decision(decision_id)["revoked_by_objection"] == str(objection_id)
    text = " ".join(app.objection_decision_text(decision_id, objection_id).split())
    assert "Uw bezwaar is gegrond. Wij herroepen het besluit" in text and "van Almere, t.visser" in text


def test_a_late_bezwaar_without_a_judgement_is_refused_with_the_reason(app: InMemoryBackoffice) -> None:
    decision_id = uuid4()
    app.on_decision_refused(refused(decision_id), app.tracking(), SENT)
    with pytest.raises(LateObjection, match="ended on 2026-04-13"):
        app.lodge_objection(decision_id, "Te laat, sorry.", False, date(2026, 4, 14))


def test_a_decision_cancelled_before_its_money_came_is_never_sent(app: InMemoryBackoffice) -> None:
    decision_id = uuid4()
    app.on_decision_cancelled(cancelled(decision_id), app.tracking(), date(2026, 6, 1))
    assert app.on_funds_reserved(reserved(decision_id), app.tracking(), date(2026, 6, 2)) is None
    assert not [f for f in app.published() if isinstance(f, DecisionLetterIssued)]


def test_a_cancelled_decision_is_withdrawn_and_a_replaced_one_changed(app: InMemoryBackoffice) -> None:
    withdrawn, changed, new = uuid4(), uuid4(), uuid4()
    for decision_id in (withdrawn, changed):
        app.on_funds_reserved(reserved(decision_id), app.tracking(), SENT)
    app.on_decision_cancelled(cancelled(withdrawn), app.tracking(), date(2026, 6, 1))
    app.on_decision_cancelled(cancelled(changed, new), app.tracking(), date(2026, 6, 1))
    letters = [f for f in app.published() if isinstance(f, WithdrawalLetterIssued)]
    assert [(f.decision_id, f.kind, f.replaced_by) for f in letters] == [
        (withdrawn, "withdrawal", None), (changed, "change", new),
    ]  # fmt: skip
    assert "Reden De zorg is niet meer nodig." in " ".join(app.withdrawal_text(withdrawn).split())


def test_a_partial_award_reaches_the_letter_through_budget(app: InMemoryBackoffice) -> None:
    decision_id = uuid4()
    partial = {"kind": "partial_award", "requested_amount_cents": 250_000, "legal_ground": "own_strength",
               "legal_basis": BASIS, "reasons": REASONS}  # fmt: skip
    app.on_funds_reserved(reserved(decision_id, **partial), app.tracking(), SENT)
    text = " ".join(app.letter_text(decision_id).split())
    assert "gedeeltelijk toe te kennen" in text and "U vroeg om € 2.500,00; wij kennen € 1.500,00 toe" in text
    assert f"op grond van {BASIS}" in text
