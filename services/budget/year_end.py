"""The year-end close: who may close a year, when, and what it carries into the next year.

A year is closed once, after it has ended (from 1 January of the next year), by a holder of a closing role
(`year_close_roles` in funding.json: the controller). In one transaction the close
- carries every reservation still open on the year's lines into the same team's line of the next year: the
  obligation moves with its money (`ReservationCarriedOver` out of the year, `ReservationCarriedIn` into the next),
  and the decision's later payments and releases go to the line that now holds it;
- then freezes each line of the year (`YearClosed`), whose statement balances to the cent.

Late payments. A payment is booked on the year it belongs to: the budget year of its decision, not the year of
the day it is paid. A declaration for December paid in January is booked on December's year as long as that
year is open (the controller closes after the last invoices are in); once it is closed, the payment is booked
against the reservation it carried into the next year, and a payment with nothing carried goes to the first
open year after it.

The actor. The close takes the authenticated actor (subject and roles). Until the identity provider is wired
(the next wave), the HTTP API still reads them from the request body; the check itself lives here and stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kernel.errors import Conflict, Forbidden
from services.budget import views
from services.budget.domain.budget_line import BudgetLine
from services.budget.domain.commitment import Commitment
from services.budget.releases import ReleasingApplication, UnknownBudgetLine


@dataclass(frozen=True)
class Actor:
    """Who asks: the subject and the roles an identity provider vouches for."""

    subject: str
    roles: frozenset[str]


class NotAuthorised(Forbidden):
    """The actor holds no role that may do this."""


class YearNotClosed(Conflict):
    """A year-end statement exists only once the year is closed."""


class ClosingApplication(ReleasingApplication):
    closer_roles: frozenset[str] = frozenset()

    def close_year(self, year: int, actor: Actor, on: date) -> list[dict[str, Any]]:
        """Carry the year's open reservations into the next year, then freeze its lines; each team's statement."""
        if not actor.roles & self.closer_roles:
            allowed = ", ".join(sorted(self.closer_roles)) or "nobody (no year_close_roles configured)"
            raise NotAuthorised(f"{actor.subject} may not close a year; that takes one of: {allowed}")
        lines = [self._line(*key) for key in self._keys(year=year)]
        if not lines:
            raise UnknownBudgetLine(f"no budget allocated for {year}")
        changed: list[Any] = []
        for line in lines:
            changed += self._carry_over(line, on)
            line.close(on)
        self.save(*lines, *changed)
        return [self.statement(year, team) for team in sorted({line.team_id for line in lines})]

    def _carry_over(self, line: BudgetLine, on: date) -> list[Any]:
        """Move each open reservation of `line` to the next year's line; the lines and commitments changed."""
        open_ = line.open_reservations()
        if not open_:
            return []
        following = self._find_line(line.team_id, line.year + 1, line.line)
        if following is None:
            raise UnknownBudgetLine(f"{line.name}: no budget for {line.year + 1} to carry open reservations into")
        commitments: list[Commitment] = []
        for decision_id in open_:
            commitment = self._commitment(decision_id)
            cents = line.carry_over(commitment.household_id, decision_id, on)
            following.carry_in(commitment.household_id, decision_id, cents, on)
            commitment.carry_to(following.year)
            commitments.append(commitment)
        return [following, *commitments]

    def paying_line(self, commitment: Commitment) -> BudgetLine:
        """The line a payment for the decision is booked on: the one holding its reservation, or, when that
        year is closed (nothing was carried), the first open year after it."""
        line = self._line(*commitment.line_key)
        while line.closed_on is not None:
            line = self._line(line.team_id, line.year + 1, line.line)
        return line

    def statement(self, year: int, team_id: str) -> dict[str, Any]:
        lines = [self._line(*key) for key in self._keys(team_id, year)]
        if not lines:
            raise UnknownBudgetLine(f"no budget allocated for {team_id} in {year}")
        if any(line.closed_on is None for line in lines):
            raise YearNotClosed(f"{year} is not closed yet: see /budgets for the running figures")
        return views.statement(year, team_id, lines)

    def _keys(self, team_id: str | None = None, year: int | None = None) -> list[tuple[str, int, str]]:
        raise NotImplementedError
