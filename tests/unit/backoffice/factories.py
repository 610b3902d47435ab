"""Test data for the backoffice's domain: a funded decision and a small catalogue."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from services.backoffice.domain.beschikking import RefusedRequest
from services.backoffice.domain.catalogue import Catalogue, ProvisionTerms, legal_basis
from services.backoffice.domain.decision import Decision, FundedDecision
from services.backoffice.domain.refusal import Refusal
from services.backoffice.terms import objection_deadline

HOURS = ProvisionTerms(
    "wmo-huishoudelijke-ondersteuning", "Huishoudelijke ondersteuning", "zorg-flevoland", "01A01", "04", "2", "01"
)
EUROS = ProvisionTerms("maatwerk-budget", "Maatwerkbudget", "zorg-flevoland", "10A01", "83", "6", "10")
CATALOGUE = Catalogue("Almere", [HOURS, EUROS])


def funded_decision(
    decision_id: UUID | None = None, provision: ProvisionTerms = HOURS, amount_cents: int = 123456
) -> Decision:
    return Decision(
        FundedDecision(
            decision_id=decision_id or uuid4(),
            household_id=uuid4(),
            team_id="wijkteam-haven",
            provision_code=provision.code,
            amount_cents=amount_cents,
            period_start=date(2026, 4, 1),
            period_end=date(2026, 9, 30),
            decided_by="J. de Vries, wijkcoach",
            decided_on=date(2026, 3, 2),
        )
    )


def send(decision: Decision, dispatch: date, provision: ProvisionTerms = HOURS) -> Decision:
    """Issue the beschikking as the application does: the bezwaartermijn on the Dutch calendar, the legal basis."""
    decision.issue_letter(
        dispatch, provision.name, "Almere", objection_deadline(dispatch), legal_basis(decision.budget_line), ""
    )
    return decision


REASONS = "Uw dochter en de buurvrouw doen de boodschappen; dat is gebruikelijke hulp en volstaat."
BASIS = "artikel 2.3.5, derde lid, van de Wet maatschappelijke ondersteuning 2015: u kunt dit op eigen kracht"


def refused_request(decision_id: UUID | None = None, refused_by: str = "J. de Vries") -> RefusedRequest:
    return RefusedRequest(
        decision_id=decision_id or uuid4(),
        household_id=uuid4(),
        plan_id=uuid4(),
        team_id="wijkteam-haven",
        provision_code=HOURS.code,
        budget_line="wmo",
        requested_amount_cents=250_000,
        period_start=date(2026, 4, 1),
        period_end=date(2026, 12, 31),
        refused_by=refused_by,
        refused_on=date(2026, 3, 2),
        on_behalf_of="het college van burgemeester en wethouders van Almere",
        legal_ground="own_strength",
        legal_basis=BASIS,
        reasons=REASONS,
    )


def sent_refusal(dispatch: date = date(2026, 3, 2)) -> Refusal:
    refusal = Refusal(refused_request())
    refusal.issue_letter(dispatch, HOURS.name, "Almere", objection_deadline(dispatch))
    return refusal
