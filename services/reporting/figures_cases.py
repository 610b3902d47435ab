"""Pure arithmetic of the case sections: lead times against statutory terms, debts found, client support,
signals, provider feedback and satisfaction. Query rows (mappings) in, section models out."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from statistics import mean, median
from typing import Any

from services.reporting.figures_money import share
from services.reporting.sections import (
    ClientSupportTeam,
    DebtSection,
    DebtTeam,
    FeedbackRow,
    SatisfactionSection,
    SatisfactionTeam,
    SignalRow,
    SignalSection,
    Term,
    TermSection,
    TermSummary,
)

Row = Mapping[str, Any]
CLOCKS = {
    "personal_plan": "Persoonlijk plan: 7 dagen na de melding (Wmo 2015 art. 2.3.2 lid 2)",
    "investigation": "Melding tot onderzoek: 6 weken (Wmo 2015 art. 2.3.2 lid 1)",
    "decision": "Aanvraag tot beschikking (Wmo 2015 art. 2.3.5 lid 2; Awb 4:13)",
    "debt_first_conversation": "Aanmelding tot eerste gesprek schuldhulp (Wgs: 4 weken, 3 werkdagen bij dreiging)",
}
SATISFIED = 7
"""A score of 7 or more counts as satisfied (the usual cut-off of a Dutch report mark)."""


def term_status(row: Row, reference_day: date) -> str:
    """on_time or late when it stopped (as the publisher judged); missed when it did not stop by its last day (the
    latest one, after a resumption or extension); running while suspended (Awb 4:15) or before its last day."""
    if row["stopped_on"] is not None:
        return "on_time" if row["in_time"] else "late"
    if row.get("suspended"):
        return "running"
    if row["missed_recorded"] or row["due_on"] < reference_day:
        return "missed"
    return "running"


def term_section(rows: Iterable[Row], reference_day: date) -> TermSection:
    terms = [Term(status=term_status(row, reference_day), **_term_fields(row)) for row in rows]
    by_clock: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        by_clock[term.clock].append(term)
    order = [*CLOCKS, *sorted(set(by_clock) - set(CLOCKS))]
    summaries = [_term_summary(clock, by_clock[clock]) for clock in order if by_clock[clock]]
    missed = [term for term in terms if term.status in ("late", "missed")]
    return TermSection(reference_day=reference_day, summaries=summaries, missed=missed)


def _term_fields(row: Row) -> dict[str, Any]:
    names = ("team_id", "clock", "subject_id", "clock_id", "started_on", "due_on", "stopped_on", "legal_basis")
    return {name: row[name] for name in names}


def _term_summary(clock: str, terms: list[Term]) -> TermSummary:
    statuses = Counter(term.status for term in terms)
    days = [(term.stopped_on - term.started_on).days for term in terms if term.stopped_on is not None]
    judged = statuses["on_time"] + statuses["late"] + statuses["missed"]
    return TermSummary(
        clock=clock,
        label=CLOCKS.get(clock, clock),
        started=len(terms),
        on_time=statuses["on_time"],
        late=statuses["late"],
        missed=statuses["missed"],
        running=statuses["running"],
        share_on_time=share(statuses["on_time"], judged),
        median_days=_round(median(days)) if days else None,
        average_days=_round(mean(days)) if days else None,
    )


def _round(value: float) -> float:
    return round(float(value), 1)


def how_early(days: int) -> str:
    """The bucket of days between the melding and the debt flag."""
    if days <= 0:
        return "same_day"
    if days <= 7:
        return "within_week"
    return "within_six_weeks" if days <= 42 else "later"


def debt_section(rows: Iterable[Row]) -> DebtSection:
    by_team: dict[str, list[Row]] = defaultdict(list)
    every = list(rows)
    for row in every:
        by_team[row["team_id"]].append(row)
    return DebtSection(total=_debt_team("", every), teams=[_debt_team(team, by_team[team]) for team in sorted(by_team)])


def _debt_team(team_id: str, rows: list[Row]) -> DebtTeam:
    flagged = [row for row in rows if row["flagged_on"] is not None]
    days = [(row["flagged_on"] - row["melding_on"]).days for row in flagged]
    found = Counter(how_early(d) for d in days)
    return DebtTeam(
        team_id=team_id,
        cases=len(rows),
        with_debts=len(flagged),
        share_with_debts=share(len(flagged), len(rows)),
        threatening=sum(1 for row in flagged if row["threatening"]),
        median_days_to_found=_round(median(days)) if days else None,
        found={bucket: found[bucket] for bucket in ("same_day", "within_week", "within_six_weeks", "later")},
    )


def client_support(rows: Iterable[Row]) -> list[ClientSupportTeam]:
    return [ClientSupportTeam(share_offered=share(row["offered"], row["cases"]), **dict(row)) for row in rows]


def signal_section(
    received: Iterable[Row], help_offered: Iterable[Row], rejected: Iterable[Row], partner_type: Callable[[str], str]
) -> SignalSection:
    rows = [SignalRow(partner_type=partner_type(row["partner_id"]), **dict(row)) for row in received]
    per_type: Counter[str] = Counter()
    per_district: Counter[str] = Counter()
    for row in rows:
        per_type[row.partner_type] += row.received
        per_district[row.district or "onbekend"] += row.received
    offers: Counter[str] = Counter()
    for offer in help_offered:
        offers[partner_type(offer["partner_id"])] += offer["offers"]
    refused: Counter[str] = Counter()
    for refusal in rejected:
        refused[topic_partner_type(refusal["signal_topic"], partner_type)] += refusal["rejected"]
    return SignalSection(
        received=rows,
        per_partner_type=dict(sorted(per_type.items())),
        per_district=dict(sorted(per_district.items())),
        help_offered=dict(sorted(offers.items())),
        rejected=dict(sorted(refused.items())),
    )


TOPIC_TYPES = ("school", "gp", "housing", "energy", "water", "insurer")
"""Before each partner had its own topic, partners of one type shared `nl.wijkteam.partner.<type>.signals`."""


def topic_partner_type(topic: str, partner_type: Callable[[str], str] = lambda _: "unknown") -> str:
    """The partner type of a signal topic: `nl.wijkteam.partner.<partner-id>.signals` by the partner's registration,
    a former per-type topic by its name; anything else is `unknown`."""
    parts = topic.split(".")
    if len(parts) != 5 or parts[2] != "partner":
        return "unknown"
    found = partner_type(parts[3])
    return parts[3] if found == "unknown" and parts[3] in TOPIC_TYPES else found


def feedback(rows: Iterable[Row]) -> list[FeedbackRow]:
    return [FeedbackRow(share_fits=share(row["plan_fits"], row["feedback"]), **dict(row)) for row in rows]


def satisfaction_section(rows: Iterable[Row]) -> SatisfactionSection:
    by_team: dict[str, Counter[int]] = defaultdict(Counter)
    for row in rows:
        by_team[row["team_id"]][row["score"]] += row["answers"]
    total: Counter[int] = sum(by_team.values(), Counter())
    teams = [_satisfaction(team, by_team[team]) for team in sorted(by_team)]
    return SatisfactionSection(total=_satisfaction("", total), teams=teams)


def _satisfaction(team_id: str, scores: Counter[int]) -> SatisfactionTeam:
    answers = sum(scores.values())
    points = sum(score * n for score, n in scores.items())
    satisfied = sum(n for score, n in scores.items() if score >= SATISFIED)
    return SatisfactionTeam(
        team_id=team_id,
        answers=answers,
        average=round(points / answers, 1) if answers else None,
        share_satisfied=share(satisfied, answers),
        scores=dict(sorted(scores.items())),
    )
