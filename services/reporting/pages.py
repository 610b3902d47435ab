"""Reporting's pages for people: the figures per team, the live dashboard, and the yearly report as HTML and CSV
(the PDF is printed by `wijk report`, which needs Chromium)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from kernel.clock import today
from services.reporting.api import Filter
from services.reporting.assemble import Reports
from services.reporting.document import render_document
from services.reporting.export import to_csv
from services.reporting.filters import ReportFilter
from services.reporting.page import render_page
from wijk.auth.routes import require

STATIC = Path(__file__).parent / "static"


def options(values: list[str]) -> str:
    return "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)


def router(reports: Reports) -> APIRouter:
    api = APIRouter(tags=["pages"], dependencies=[require("reporting.read")])
    context = reports.context
    dashboard = (
        (STATIC / "dashboard.html")
        .read_text(encoding="utf-8")
        .replace("{municipality}", escape(context.name))
        .replace("{team_options}", options(context.teams))
        .replace("{district_options}", options(sorted(context.district_team)))
    )
    script = (STATIC / "dashboard.js").read_text(encoding="utf-8")

    @api.get("/", response_class=HTMLResponse, summary="A page with the figures per team")
    async def page(where: Filter) -> str:
        return render_page(await reports.teams(where), where.as_of)

    @api.get("/dashboard", response_class=HTMLResponse, summary="The live dashboard (filters: team, district, period)")
    async def show_dashboard() -> str:
        return dashboard

    @api.get("/dashboard.js", include_in_schema=False)
    async def dashboard_script() -> Response:
        return Response(script, media_type="text/javascript; charset=utf-8")

    @api.get("/report.html", response_class=HTMLResponse, summary="The yearly accountability report, in Dutch")
    async def report_html(where: Filter) -> str:
        """Without a period: the current year. The same document `wijk report` writes and prints to PDF."""
        where = _a_year(where)
        report = await reports.accountability(where)
        return render_document(report, where.period_from.year if where.period_from else today().year)

    @api.get("/report.csv", response_class=PlainTextResponse, summary="The report's figures as CSV")
    async def report_csv(where: Filter) -> Response:
        """One figure per row: section, team_id, item, figure, value."""
        report = await reports.accountability(where)
        headers = {"Content-Disposition": 'attachment; filename="verantwoording.csv"'}
        return Response(to_csv(report), media_type="text/csv; charset=utf-8", headers=headers)

    return api


def _a_year(where: ReportFilter) -> ReportFilter:
    """The filter as given, or the current year when it names no period."""
    if where.period_from or where.period_to:
        return where
    return ReportFilter.of_year(today().year, as_of=where.as_of, team_id=where.team_id, district=where.district)
