"""Whose case or household a request touches: the scope of intake's rights (`config/rights.json`).

A professional acts on the households of the own team; a municipality-wide professional on every household; the
team is the case's or household's own, or, for a new household, the team its postcode routes to. Who acts is the
token's caller (`Permit.actor`), never a body field.
"""

from __future__ import annotations

from uuid import UUID

from services.intake.application import IntakeApplication
from services.intake.domain.routing import normalise_postcode
from wijk.auth.rights import Permit, Resource


def case_in_scope(app: IntakeApplication, case_id: UUID, permit: Permit) -> str:
    """The case exists (404) and is of the caller's team (403); returns who acts."""
    case = app.get_case(case_id)
    permit.on(Resource(team=case.team_id, household=str(case.household_id)))
    return permit.actor


def household_in_scope(app: IntakeApplication, household_id: UUID, permit: Permit) -> None:
    """The household exists and is present (404, 410), and the caller may touch it (403)."""
    household = app.present_household(household_id)
    permit.on(Resource(team=household.team_id, household=str(household_id)))


def postcode_in_scope(app: IntakeApplication, postcode: str, permit: Permit) -> None:
    """A new household at `postcode` belongs to the team its district routes to: is that the caller's?"""
    district = app.routing.route(normalise_postcode(postcode))
    permit.on(Resource(team=district.team_id))
