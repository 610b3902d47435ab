"""The law cycle's figures: the share of terms met per team (which changes as clocks stop from their facts),
refusals per team and provision, bezwaren per outcome, and the dwangsommen per team."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from services.reporting.figures_cycle import cycle_section, team_terms

pytestmark = pytest.mark.unit
DAY = date(2026, 6, 1)


def term(
    team: str, clock: str, stopped: date | None = None, in_time: bool | None = None, due: date = date(2026, 4, 28)
) -> dict[str, Any]:
    return {
        "team_id": team, "clock": clock, "subject_id": "c", "clock_id": clock, "started_on": date(2026, 4, 14),
        "due_on": due, "stopped_on": stopped, "in_time": in_time, "missed_recorded": False, "legal_basis": "",
    }  # fmt: skip


def test_each_team_has_its_own_share_of_terms_met() -> None:
    rows = [
        term("haven", "decision", date(2026, 4, 27), True),
        term("haven", "decision"),  # never stopped, past its day: missed
        term("poort", "decision", date(2026, 4, 20), True),
        term("poort", "investigation", due=date(2026, 7, 1)),  # still running: not judged
    ]
    summaries = {(s.team_id, s.clock): s for s in team_terms(rows, DAY)}
    assert summaries[("haven", "decision")].share_on_time == 0.5
    assert summaries[("poort", "decision")].share_on_time == 1.0
    assert (summaries[("poort", "investigation")].running, summaries[("poort", "investigation")].share_on_time) == (
        1, None,
    )  # fmt: skip


def test_a_clock_stopped_by_its_fact_turns_a_missed_term_into_one_met() -> None:
    before = team_terms([term("haven", "decision")], DAY)[0]
    after = team_terms([term("haven", "decision", date(2026, 4, 27), True)], DAY)[0]
    assert (before.missed, before.share_on_time, after.on_time, after.share_on_time) == (1, 0.0, 1, 1.0)


def test_refusals_bezwaren_and_penalties_add_up_per_team_and_outcome() -> None:
    refusals = [
        {"team_id": "haven", "provision_code": "hh", "legal_ground": "own_strength", "refusals": 3},
        {"team_id": "haven", "provision_code": "bg", "legal_ground": "no_need", "refusals": 1},
        {"team_id": "poort", "provision_code": "hh", "legal_ground": "own_strength", "refusals": 2},
    ]
    objections = [
        {"team_id": "haven", "provision_code": "hh", "contested_kind": "refusal", "outcome": "gegrond",
         "objections": 2, "decided_in_time": 2},
        {"team_id": "haven", "provision_code": "hh", "contested_kind": "refusal", "outcome": "open",
         "objections": 1, "decided_in_time": 0},
        {"team_id": "poort", "provision_code": "hh", "contested_kind": "award", "outcome": "niet-ontvankelijk",
         "objections": 1, "decided_in_time": 1},
    ]  # fmt: skip
    penalties = [
        {"team_id": "haven", "notices": 2, "penalties": 1, "days": 18, "amount_cents": 46_200, "determined_late": 0}
    ]
    section = cycle_section([], refusals, objections, penalties, DAY)
    assert section.refusals_per_team == {"haven": 4, "poort": 2}
    assert section.objections_per_outcome == {
        "gegrond": 2, "gedeeltelijk gegrond": 0, "ongegrond": 0, "niet-ontvankelijk": 1, "open": 1,
    }  # fmt: skip
    assert section.penalty_total_cents == 46_200 and section.penalties[0].notices == 2
