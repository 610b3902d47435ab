"""The statutory terms intake starts, their legal source, and how their last day is counted.

Every term below is set by law in days or weeks, i.e. calendar days; none of them is counted in working days (the
Wgs 3-working-day term for a threatening debt situation is debt assistance's clock). Each is counted from the day
after the event (Awb 6:8-style counting) and, being a term set by law, extended under the Algemene termijnenwet
art. 1 when its last day is a Saturday, Sunday or general holiday (`kernel.termijnen.term_end`).

| clock         | term     | counting                       | source                                                  |
|---------------|----------|--------------------------------|---------------------------------------------------------|
| personal_plan | 7 days   | calendar days, Atw-extended    | Wmo 2015 art. 2.3.2 lid 2                               |
| investigation | 6 weeks  | calendar days, Atw-extended    | Wmo 2015 art. 2.3.2 lid 1                               |
| decision wmo  | 2 weeks  | calendar days, Atw-extended    | Wmo 2015 art. 2.3.5 lid 2                               |
| decision youth| 8 weeks  | calendar days, Atw-extended    | Awb art. 4:13 lid 1 / 4:14 lid 3 (Jeugdwet has no term) |
| decision bijz.| 8 weeks  | calendar days, Atw-extended    | Awb art. 4:13 / 4:14 lid 3 (Participatiewet has no term)|
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kernel.errors import Refused
from kernel.termijnen import term_end
from services.intake.domain.clocks import Clock


@dataclass(frozen=True)
class Term:
    clock: str
    days: int
    legal_basis: str
    counting: str = "calendar_days"

    def start(self, started_on: date, clock_id: str | None = None) -> Clock:
        due_on = term_end(started_on, days=self.days)
        nominal = started_on + timedelta(days=self.days)
        clock_id = clock_id or self.clock
        return Clock(self.clock, clock_id, started_on, due_on, self.counting, self.legal_basis, nominal_due=nominal)


PERSONAL_PLAN = Term("personal_plan", 7, "Wmo 2015 art. 2.3.2 lid 2")
INVESTIGATION = Term("investigation", 42, "Wmo 2015 art. 2.3.2 lid 1")
DECISION = {
    "wmo": Term("decision", 14, "Wmo 2015 art. 2.3.5 lid 2"),
    "youth": Term("decision", 56, "Awb art. 4:13 lid 1 and 4:14 lid 3 (Jeugdwet sets no decision term)"),
    "special_assistance": Term(
        "decision", 56, "Awb art. 4:13 lid 1 and 4:14 lid 3 (Participatiewet sets no decision term)"
    ),
}


def melding_clocks(received_on: date) -> list[Clock]:
    """The clocks a melding starts: the resident's personal plan and the investigation."""
    return [PERSONAL_PLAN.start(received_on), INVESTIGATION.start(received_on)]


def decision_clock(domain: str, application_id: str, received_on: date) -> Clock:
    """The decision term (beslistermijn) of an aanvraag in a provision domain."""
    try:
        term = DECISION[domain]
    except KeyError:
        raise Refused(f"domain must be one of {', '.join(DECISION)}") from None
    return term.start(received_on, f"decision:{application_id}")
