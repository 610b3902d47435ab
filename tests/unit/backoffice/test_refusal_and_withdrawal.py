"""Beschikkingen of every kind: the refusal with its ground and reasons, the partial award, the withdrawal or change
of an earlier one, each signed on behalf of the college with the bezwaar clause; and their facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import uuid4

import pytest

from contracts.events.backoffice import DecisionLetterIssued
from contracts.events.backoffice_cycle import RefusalLetterIssued, WithdrawalLetterIssued
from kernel.errors import Refused
from services.backoffice.domain.beschikking import Withdrawal
from services.backoffice.domain.decision import Decision, LetterAlreadyIssued
from services.backoffice.letter import render_letter
from services.backoffice.letter_refusal import render_refusal
from services.backoffice.letter_withdrawal import render_withdrawal
from services.backoffice.terms import objection_deadline
from services.backoffice.translator import translate
from tests.unit.backoffice.factories import BASIS, REASONS, funded_decision, send, sent_refusal

pytestmark = pytest.mark.unit


def flat(text: str) -> str:
    """The letter's prose without its line breaks: what a reader reads, however it wraps."""
    return " ".join(text.split())


def test_a_refusal_letter_states_the_ground_the_reasons_the_signature_and_the_bezwaar_clause() -> None:
    raw = render_refusal(sent_refusal())
    text = flat(raw)
    assert "Onderwerp: afwijzing Huishoudelijke ondersteuning" in text
    assert "heeft besloten uw aanvraag af te wijzen" in text and "€ 2.500,00" in text
    assert "op grond van artikel 2.3.5, derde lid, van de Wet maatschappelijke ondersteuning 2015" in text
    assert "Motivering\nUw dochter en de buurvrouw doen de boodschappen" in raw
    assert "Namens het college van burgemeester en wethouders van Almere,\n\nJ. de Vries\n" in raw
    assert "De termijn eindigt op 13 april 2026." in text  # sent Monday 2 March 2026


def test_a_refusal_letter_is_a_fact_that_names_team_provision_and_ground() -> None:
    refusal = sent_refusal()
    fact = translate(refusal.collect_events()[-1])
    assert isinstance(fact, RefusalLetterIssued)
    assert (fact.team_id, fact.provision_code, fact.budget_line, fact.legal_ground) == (
        "wijkteam-haven", "wmo-huishoudelijke-ondersteuning", "wmo", "own_strength",
    )  # fmt: skip
    assert (fact.dispatch_date, fact.objection_deadline, fact.signed_by) == (
        date(2026, 3, 2), date(2026, 4, 13), "J. de Vries",
    )  # fmt: skip
    with pytest.raises(LetterAlreadyIssued):
        refusal.issue_letter(date(2026, 3, 3), "x", "Almere", objection_deadline(date(2026, 3, 3)))


def partial() -> Decision:
    decision = funded_decision(amount_cents=150_000)
    decision.funded = replace(
        decision.funded, kind="partial_award", requested_amount_cents=250_000, refusal_basis=BASIS, reasons=REASONS
    )
    return decision


def test_a_partial_award_says_what_was_asked_what_is_granted_and_why_not_the_rest() -> None:
    decision = send(partial(), date(2026, 3, 2))
    text = flat(render_letter(decision))
    assert "Onderwerp: gedeeltelijke toekenning Huishoudelijke ondersteuning" in text
    assert "U vroeg om € 2.500,00; wij kennen € 1.500,00 toe. Het overige wijzen wij af op grond van" in text
    assert "Motivering: Uw dochter" in text
    fact = translate(decision.collect_events()[-1])
    assert isinstance(fact, DecisionLetterIssued) and (fact.kind, fact.budget_line) == ("partial_award", "wmo")


def withdrawal(kind: str = "withdrawal", replaced_by: object = None) -> Withdrawal:
    return Withdrawal(
        uuid4(), kind, replaced_by, date(2026, 6, 1), date(2026, 6, 1), objection_deadline(date(2026, 6, 1)),  # type: ignore[arg-type]
        "T. Visser", "U bent verhuisd naar Lelystad.",
    )  # fmt: skip


def test_a_withdrawal_letter_names_the_earlier_beschikking_the_reason_and_the_bezwaar_clause() -> None:
    decision = send(funded_decision(), date(2026, 3, 2))
    decision.withdraw(withdrawal())
    raw = render_withdrawal(decision)
    text = flat(raw)
    assert "Onderwerp: intrekking Huishoudelijke ondersteuning" in text
    assert "heeft besloten de beschikking van 2 maart 2026" in text and "in te trekken met ingang van 1 juni" in text
    assert "artikel 2.3.10 van de Wet maatschappelijke ondersteuning 2015" in text
    assert "Reden\nU bent verhuisd naar Lelystad." in raw and "T. Visser" in text
    assert "De termijn eindigt op 13 juli 2026." in text
    fact = translate(decision.collect_events()[-1])
    assert isinstance(fact, WithdrawalLetterIssued) and (fact.kind, fact.replaced_by) == ("withdrawal", None)
    with pytest.raises(LetterAlreadyIssued, match="withdrawn"):
        decision.withdraw(withdrawal())


def test_a_change_names_the_decision_that_replaces_it() -> None:
    decision, new = send(funded_decision(), date(2026, 3, 2)), uuid4()
    decision.withdraw(withdrawal("change", new))
    text = flat(render_withdrawal(decision))
    assert "Onderwerp: wijziging" in text and f"Een nieuwe beschikking (besluit {new}) vervangt haar" in text
    fact = translate(decision.collect_events()[-1])
    assert isinstance(fact, WithdrawalLetterIssued) and (fact.kind, fact.replaced_by) == ("change", new)
    with pytest.raises(Refused, match="is a change"):
        send(funded_decision(), date(2026, 3, 2)).withdraw(withdrawal("withdrawal", new))
