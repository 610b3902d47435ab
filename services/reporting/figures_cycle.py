"""Pure arithmetic of the law cycle's report sections (issue 17): query rows (mappings) in, section models out.

The terms' rows are those of `queries_terms.TERMS`; each term is judged as `figures_cases.term_status` judges it,
here per team, so the council sees which team meets the statutory terms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from services.reporting.figures_cases import CLOCKS, term_status
from services.reporting.figures_money import share
from services.reporting.sections_cycle import (
    CycleSection,
    ObjectionRow,
    PenaltyTeam,
    RefusalRow,
    TeamTermSummary,
)

Row = Mapping[str, Any]
OUTCOMES = ("gegrond", "gedeeltelijk gegrond", "ongegrond", "niet-ontvankelijk", "open")


def team_terms(rows: Iterable[Row], reference_day: date) -> list[TeamTermSummary]:
    """Per team and term: started, on time, late, missed, running, and the share on time among those judged."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        counts[(row["team_id"] or "", row["clock"])][term_status(row, reference_day)] += 1
    order = {clock: i for i, clock in enumerate(CLOCKS)}
    keys = sorted(counts, key=lambda key: (key[0], order.get(key[1], len(order)), key[1]))
    return [_team_term(team, clock, counts[(team, clock)]) for team, clock in keys]


def _team_term(team_id: str, clock: str, statuses: Counter[str]) -> TeamTermSummary:
    judged = statuses["on_time"] + statuses["late"] + statuses["missed"]
    return TeamTermSummary(
        team_id=team_id,
        clock=clock,
        started=sum(statuses.values()),
        on_time=statuses["on_time"],
        late=statuses["late"],
        missed=statuses["missed"],
        running=statuses["running"],
        share_on_time=share(statuses["on_time"], judged),
    )


def cycle_section(
    terms: Iterable[Row], refusals: Iterable[Row], objections: Iterable[Row], penalties: Iterable[Row], day: date
) -> CycleSection:
    refused = [RefusalRow(**dict(row)) for row in refusals]
    objected = [ObjectionRow(**dict(row)) for row in objections]
    fined = [PenaltyTeam(**dict(row)) for row in penalties]
    per_team: Counter[str] = Counter()
    for row in refused:
        per_team[row.team_id] += row.refusals
    per_outcome = Counter({outcome: 0 for outcome in OUTCOMES})
    for objection in objected:
        per_outcome[objection.outcome] += objection.objections
    return CycleSection(
        team_terms=team_terms(terms, day),
        refusals=refused,
        refusals_per_team=dict(sorted(per_team.items())),
        objections=objected,
        objections_per_outcome={outcome: per_outcome[outcome] for outcome in OUTCOMES},
        penalties=fined,
        penalty_total_cents=sum(p.amount_cents for p in fined),
    )
