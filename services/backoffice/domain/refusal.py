"""The refusal beschikking (afwijzing): the team refused the request; the backoffice sends the letter with the
legal ground, the reasons the professional recorded (Awb 3:46) and the bezwaar clause (Awb 3:45). No money is
reserved and no care starts; residents object mostly against refusals, so a bezwaar can revoke it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.errors import Refused
from services.backoffice.domain.beschikking import REFUSAL, RefusedRequest, check_revocable, contested_of
from services.backoffice.domain.decision import (
    NAMESPACE,
    OBJECTION_TERM,
    DispatchBeforeDecision,
    LetterAlreadyIssued,
    LetterNotIssued,
    ObjectionTermTooShort,
    decision_key,
)


@dataclass(frozen=True)
class RefusalLetter:
    letter_id: UUID
    decision_date: date
    dispatch_date: date
    objection_deadline: date
    provision_name: str
    municipality: str


class Refusal(Aggregate):
    """A refused request and its beschikking, under the team's decision id (`decision_key`)."""

    class Received(Aggregate.Created):
        refused: RefusedRequest

    class LetterIssued(Aggregate.Event):
        household_id: UUID
        decision_id: UUID
        letter: RefusalLetter
        refused: RefusedRequest

    @staticmethod
    def create_id(refused: RefusedRequest) -> UUID:
        return decision_key(refused.decision_id)

    @event(Received)
    def __init__(self, refused: RefusedRequest) -> None:
        if not refused.reasons.strip() or not refused.legal_ground:
            raise Refused("a refusal states its legal ground and reasons (Awb 3:46)")
        self.refused = refused
        self.decision_id, self.household_id, self.team_id = refused.decision_id, refused.household_id, refused.team_id
        self.provision_code, self.budget_line = refused.provision_code, refused.budget_line
        self.decided_by, self.decided_on = refused.refused_by, refused.refused_on
        self.letter: RefusalLetter | None = None
        self.objections: list[UUID] = []
        self.revoked_on: date | None = None
        self.revoked_by: UUID | None = None

    @property
    def kind(self) -> str:
        return REFUSAL

    @property
    def objection_deadline(self) -> date:
        return self.require_letter().objection_deadline

    def issue_letter(self, dispatch: date, provision_name: str, municipality: str, objection_deadline: date) -> None:
        if self.letter is not None:
            raise LetterAlreadyIssued(f"refusal {self.decision_id} already has a beschikking")
        if dispatch < self.decided_on:
            raise DispatchBeforeDecision(f"dispatch {dispatch} is before the refusal of {self.decided_on}")
        if objection_deadline < dispatch + OBJECTION_TERM:
            raise ObjectionTermTooShort(f"{objection_deadline} is less than six weeks after dispatch {dispatch}")
        letter_id = uuid5(NAMESPACE, f"refusal-letter:{self.decision_id}")
        letter = RefusalLetter(letter_id, self.decided_on, dispatch, objection_deadline, provision_name, municipality)
        self._letter_issued(self.household_id, self.decision_id, letter, self.refused)

    @event(LetterIssued)
    def _letter_issued(
        self, household_id: UUID, decision_id: UUID, letter: RefusalLetter, refused: RefusedRequest
    ) -> None:
        self.letter = letter

    def register_objection(self, objection_id: UUID) -> None:
        self.require_letter()
        self._objection_registered(objection_id=objection_id)

    @event("ObjectionRegistered")
    def _objection_registered(self, objection_id: UUID) -> None:
        self.objections.append(objection_id)

    def revoke(self, objection_id: UUID, revoked_on: date) -> None:
        """The bezwaar was upheld: the refusal is revoked and the team must decide again."""
        self.require_letter()
        check_revocable(self.decision_id, self.revoked_on)
        self._revoked(self.household_id, self.decision_id, objection_id, revoked_on, contested_of(self))

    @event("Revoked")
    def _revoked(
        self, household_id: UUID, decision_id: UUID, objection_id: UUID, revoked_on: date, contested: dict[str, str]
    ) -> None:
        self.revoked_on, self.revoked_by = revoked_on, objection_id

    def require_letter(self) -> RefusalLetter:
        if self.letter is None:
            raise LetterNotIssued(f"refusal {self.decision_id} has no beschikking yet")
        return self.letter
