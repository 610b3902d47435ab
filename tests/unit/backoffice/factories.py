"""Test data for the backoffice's domain: a funded decision and a small catalogue."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from services.backoffice.domain.catalogue import Catalogue, ProvisionTerms, legal_basis
from services.backoffice.domain.decision import Decision, FundedDecision
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
