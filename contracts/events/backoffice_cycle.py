"""Facts the backoffice publishes about the rest of the cycle (issue 17): the refusal beschikking, the withdrawal
or change of an earlier one, and a decision revoked because a bezwaar against it was upheld.

Each beschikking states its legal basis and the bezwaar clause (Awb 3:45) and is signed on behalf of the college
(Awb 10:10). The letters' text stays in the backoffice; the facts carry what other services count and act on.
"""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.bounds import Code, Day, Who
from contracts.events.base import HouseholdEvent
from contracts.events.planning import BudgetLine
from contracts.topics import facts

TOPIC = facts("backoffice")
ContestedKind = Literal["award", "partial_award", "refusal"]


class RefusalLetterIssued(HouseholdEvent):
    """The refusal beschikking (afwijzing) was sent: no money, no care; the decision term of the aanvraag stops
    and the bezwaartermijn (Awb 6:7, 6:8) runs from the day after dispatch."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.refusal-letter-issued.v1"
    topic: ClassVar[str] = TOPIC
    letter_id: UUID
    decision_id: UUID
    plan_id: UUID
    team_id: Code
    provision_code: Code
    budget_line: BudgetLine
    legal_ground: Code = Field(description="own_strength, general_provision, no_need, not_necessary or other.")
    decision_date: Day
    dispatch_date: Day
    objection_deadline: Day
    signed_by: Who = Field(description="The mandate holder who refused, on behalf of the college (Awb 10:10).")


class WithdrawalLetterIssued(HouseholdEvent):
    """An earlier beschikking was withdrawn (intrekking) or changed (wijziging: a new decision replaces it); the
    letter states why and the bezwaar clause."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.withdrawal-letter-issued.v1"
    topic: ClassVar[str] = TOPIC
    letter_id: UUID
    decision_id: UUID
    team_id: Code
    provision_code: Code
    budget_line: BudgetLine
    kind: Literal["withdrawal", "change"]
    replaced_by: UUID | None = Field(None, description="The decision that replaces it (a change).")
    decision_date: Day
    dispatch_date: Day
    objection_deadline: Day
    signed_by: Who


class DecisionRevoked(HouseholdEvent):
    """A bezwaar against the decision was upheld (gegrond): the college revokes it (herroeping, Awb 7:11 lid 2)
    and a new decision must take its place, with a decision term of its own. Budget releases what it reserved."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.decision-revoked.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    objection_id: UUID
    team_id: Code
    provision_code: Code
    budget_line: BudgetLine
    contested_kind: ContestedKind
    revoked_on: Day
