"""The yearly report's pieces: SVG charts with escaped labels, Dutch number formats, the document and its CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from services.reporting import charts
from services.reporting.document import render_document
from services.reporting.export import HEADER, to_csv
from services.reporting.figures_cases import debt_section, satisfaction_section, signal_section, term_section
from services.reporting.figures_cycle import cycle_section
from services.reporting.figures_money import budget_section, decision_section
from services.reporting.report import municipality
from services.reporting.sections import Accountability
from services.reporting.tables import number, percent, table

pytestmark = pytest.mark.unit


def a_report() -> Accountability:
    line = {"team_id": "<b>haven</b>", "year": 2025, "budget_line": "wmo", "allocated_cents": 1_000_000,
            "reserved_cents": 0, "spent_cents": 250_000}  # fmt: skip
    return Accountability(
        municipality="Almere", as_of=None, team_id=None, district=None, period_from=None, period_to=None,
        summary=municipality([]), teams=[],
        budget=budget_section([line], [{"year": 2025, "month": 4, "spent_cents": 250_000, "reserved_cents": 0}], {}),
        decisions=decision_section([], [], {"escalated": 0, "approved": 0}, []),
        terms=term_section([], date(2025, 12, 31)),
        debt=debt_section([]), client_support=[], signals=signal_section([], [], [], str), feedback=[],
        satisfaction=satisfaction_section([{"team_id": "<b>haven</b>", "score": 8, "answers": 3}]),
        cycle=cycle_section(
            [], [{"team_id": "haven", "provision_code": "hh", "legal_ground": "own_strength", "refusals": 2}],
            [{"team_id": "haven", "provision_code": "hh", "contested_kind": "refusal", "outcome": "gegrond",
              "objections": 1, "decided_in_time": 1}],
            [{"team_id": "haven", "notices": 1, "penalties": 1, "days": 16, "amount_cents": 40_200,
              "determined_late": 0}],
            date(2025, 12, 31),
        ),
    )  # fmt: skip


def test_charts_are_svg_with_escaped_labels_and_say_when_empty() -> None:
    svg = charts.bars("Afwijkingen <per> regel", [("<script>", 2.0), ("b", 1.0)])
    assert svg.startswith("<svg") and "&lt;script&gt;" in svg and "<script>" not in svg
    assert "Geen gegevens" in charts.bars("leeg", [])
    curve = charts.spending("Besteding", [0, 0, 0, 250_000, *[250_000] * 8], 1_000_000)
    assert "<polyline" in curve and "budget € 10.000" in curve and "besteed € 2.500" in curve


def test_dutch_numbers() -> None:
    assert (percent(0.875), percent(None), number(12345), number(20.25), number(None)) == (
        "87,5%", "-", "12.345", "20,2", "-",
    )  # fmt: skip
    assert "Geen gegevens" in table(("a",), [])


def test_the_document_is_dutch_html_with_charts_and_escaped_values() -> None:
    page = render_document(a_report(), 2025)
    assert page.startswith("<!doctype html>") and '<html lang="nl">' in page
    assert "Verantwoording sociale wijkteams 2025" in page and "Gemeente Almere" in page
    assert "<b>haven</b>" not in page and "&lt;b&gt;haven&lt;/b&gt;" in page
    assert page.count("<svg") >= 4 and "€ 2.500,00" in page and "€ 7.500,00" in page
    cycle = page[page.index("Beschikkingen, bezwaar en dwangsom") :]
    assert "Eigen kracht, gebruikelijke hulp of netwerk" in cycle and "gegrond" in cycle and "€ 402,00" in cycle


def test_the_csv_has_one_figure_per_row() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(a_report()))))
    assert tuple(rows[0]) == HEADER
    figures = {(r[0], r[1], r[2], r[3]): r[4] for r in rows[1:]}
    assert figures[("budget", "<b>haven</b>", "2025/wmo", "remaining_cents")] == "750000"
    assert figures[("satisfaction", "", "", "average")] == "8.0"
    assert figures[("summary", "", "", "cases_opened")] == "0"
    assert figures[("refusals", "haven", "hh/own_strength", "refusals")] == "2"
    assert figures[("objections_per_outcome", "", "gegrond", "objections")] == "1"
    assert figures[("penalties", "haven", "", "amount_cents")] == "40200"


def test_decisions_show_mandate_levels_and_deviations_per_rule_never_names_or_free_text() -> None:
    """Issue 18: the council sees aggregates and rule references, not a professional's name or a justification."""
    by_mandate = [{"team_id": "haven", "mandate_ref": "ALM-M-02", "decisions": 3, "deciders": 2,
                   "amount_cents": 90_000, "escalated": 1}]  # fmt: skip
    per_rule = [{"team_id": "haven", "provision_code": "JH02", "rule_ref": "JH02.min_age", "rule_limit": "min_age",
                 "rule_value": 18, "deviations": 2, "approved_on_escalation": 1, "largest_departure": 2}]  # fmt: skip
    report = a_report().model_copy(
        update={"decisions": decision_section([], by_mandate, {"escalated": 1, "approved": 1}, per_rule)}
    )
    section = render_document(report, 2025)
    section = section[section.index("Besluiten, mandaat en afwijkingen") :]
    assert "ALM-M-02" in section and "JH02.min_age" in section and "Beslissers" in section
    assert "Besluit door" not in section and "Onderbouwing" not in section
    figures = {(r[0], r[1], r[2], r[3]): r[4] for r in csv.reader(io.StringIO(to_csv(report)))}
    assert figures[("decisions_by_mandate", "haven", "ALM-M-02", "deciders")] == "2"
    assert figures[("deviations", "haven", "JH02/JH02.min_age", "deviations")] == "2"
    assert set(report.decisions.model_dump()["by_mandate"][0]) == {
        "team_id", "mandate_ref", "decisions", "deciders", "amount_cents", "escalated",
    }  # fmt: skip
