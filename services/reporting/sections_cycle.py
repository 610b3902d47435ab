"""The shape of the law cycle's report sections (issue 17): on-time shares per team and term, refusals per team
and provision, bezwaren per outcome, team and provision, and the dwangsommen. Counts, codes and cents only: no
free text, no professionals' names."""

from __future__ import annotations

from pydantic import BaseModel, Field


class TeamTermSummary(BaseModel):
    team_id: str
    clock: str
    started: int
    on_time: int
    late: int
    missed: int
    running: int
    share_on_time: float | None = Field(description="On time among the terms judged (stopped, or past their day).")


class RefusalRow(BaseModel):
    team_id: str
    provision_code: str
    legal_ground: str
    refusals: int


class ObjectionRow(BaseModel):
    team_id: str
    provision_code: str
    contested_kind: str
    outcome: str = Field(description="gegrond, gedeeltelijk gegrond, ongegrond, niet-ontvankelijk, or open.")
    objections: int
    decided_in_time: int


class PenaltyTeam(BaseModel):
    team_id: str
    notices: int = Field(description="Notices of default received (Awb 4:17).")
    penalties: int = Field(description="Penalties determined (Awb 4:18), nothing due ones included.")
    days: int
    amount_cents: int
    determined_late: int = Field(description="Determined after the two weeks of Awb 4:18.")


class CycleSection(BaseModel):
    team_terms: list[TeamTermSummary]
    refusals: list[RefusalRow]
    refusals_per_team: dict[str, int]
    objections: list[ObjectionRow]
    objections_per_outcome: dict[str, int]
    penalties: list[PenaltyTeam]
    penalty_total_cents: int
