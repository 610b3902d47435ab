"""The shape of every report section, as the JSON API returns it and the yearly report prints it.

Money is integer euro cents; shares are fractions from 0 to 1 (None when there is nothing to divide by); days
are whole calendar days.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from services.reporting.report import BudgetLineSummary, MunicipalitySummary, TeamSummary
from services.reporting.sections_cycle import CycleSection


class TeamBudgetLine(BudgetLineSummary):
    team_id: str
    districts: list[str] = Field(default_factory=list, description="The districts the team serves.")


class MonthFigures(BaseModel):
    year: int
    month: int = Field(ge=1, le=12)
    spent_cents: int
    reserved_cents: int
    cumulative_spent_cents: int


class BudgetSection(BaseModel):
    lines: list[TeamBudgetLine]
    totals: list[BudgetLineSummary] = Field(description="All teams' lines added up per year and line.")
    months: list[MonthFigures] = Field(description="Spent and reserved per month, for the year's spending curve.")


class ProvisionDecisions(BaseModel):
    provision_code: str
    budget_line: str
    decisions: int
    amount_cents: int
    escalated: int


class MandateDecisions(BaseModel):
    """Decisions per mandate level: the register row they were taken under, never the professional's name."""

    team_id: str
    mandate_ref: str = Field(description="The mandate register row (Awb 10:1); empty when none was given.")
    decisions: int
    deciders: int = Field(description="How many professionals decided under it: a count, not their names.")
    amount_cents: int
    escalated: int


class Deviation(BaseModel):
    """Deviations (afwijkingen) from one catalogue rule, counted: the justification stays with the team."""

    team_id: str
    provision_code: str
    rule_ref: str = Field(description="The catalogue rule departed from.")
    rule_limit: str
    rule_value: int = Field(description="The rule's norm.")
    deviations: int
    approved_on_escalation: int = Field(description="Of these, proposed by one professional and taken by a holder.")
    largest_departure: int = Field(description="The largest difference between the actual value and the norm.")


class DecisionSection(BaseModel):
    decisions: int
    escalated: int = Field(description="Decisions that went to a mandate holder (DecisionEscalated).")
    escalations_approved: int
    by_provision: list[ProvisionDecisions]
    by_mandate: list[MandateDecisions]
    deviations: list[Deviation]


class Term(BaseModel):
    team_id: str | None
    clock: str
    subject_id: str = Field(description="The case (intake's clocks) or debt trajectory.")
    clock_id: str
    started_on: date
    due_on: date
    stopped_on: date | None
    status: str = Field(description="on_time, late, missed (not done by its last day) or running.")
    legal_basis: str


class TermSummary(BaseModel):
    clock: str
    label: str
    started: int
    on_time: int
    late: int
    missed: int
    running: int
    share_on_time: float | None = Field(description="On time / (on time + late + missed).")
    median_days: float | None = Field(description="Median days from start to stop, of the terms that stopped.")
    average_days: float | None


class TermSection(BaseModel):
    reference_day: date = Field(description="A term still running after its last day on this day counts as missed.")
    summaries: list[TermSummary]
    missed: list[Term] = Field(description="Every term not met: stopped late or not stopped in time.")


class DebtTeam(BaseModel):
    team_id: str
    cases: int
    with_debts: int
    share_with_debts: float | None
    threatening: int
    median_days_to_found: float | None = Field(description="Median days from the melding to the debt flag.")
    found: dict[str, int] = Field(description="How early: same_day, within_week, within_six_weeks, later.")


class DebtSection(BaseModel):
    total: DebtTeam
    teams: list[DebtTeam]


class ClientSupportTeam(BaseModel):
    team_id: str
    cases: int
    offered: int
    share_offered: float | None
    volunteer: int
    professional: int
    declined: int


class SignalRow(BaseModel):
    partner_type: str
    partner_id: str
    district: str
    kind: str
    received: int
    new_households: int


class SignalSection(BaseModel):
    received: list[SignalRow]
    per_partner_type: dict[str, int]
    per_district: dict[str, int]
    help_offered: dict[str, int] = Field(description="Hulpaanbod after a signal, per partner type.")
    rejected: dict[str, int] = Field(description="Refused signals per partner type (unregistered sender).")


class FeedbackRow(BaseModel):
    team_id: str
    provider_id: str
    feedback: int
    plan_fits: int
    share_fits: float | None


class SatisfactionTeam(BaseModel):
    team_id: str
    answers: int
    average: float | None = Field(description="Mean score, 1 to 10, one decimal.")
    share_satisfied: float | None = Field(description="Share of answers scoring 7 or more.")
    scores: dict[int, int] = Field(description="Answers per score.")


class SatisfactionSection(BaseModel):
    total: SatisfactionTeam
    teams: list[SatisfactionTeam]


class Accountability(BaseModel):
    """Every figure of the accountability report (verantwoording), for one filter."""

    municipality: str
    as_of: datetime | None
    team_id: str | None
    district: str | None
    period_from: date | None
    period_to: date | None
    summary: MunicipalitySummary
    teams: list[TeamSummary]
    budget: BudgetSection
    decisions: DecisionSection
    terms: TermSection
    debt: DebtSection
    client_support: list[ClientSupportTeam]
    signals: SignalSection
    feedback: list[FeedbackRow]
    satisfaction: SatisfactionSection
    cycle: CycleSection = Field(description="The law cycle: terms met per team, refusals, bezwaren, dwangsommen.")
