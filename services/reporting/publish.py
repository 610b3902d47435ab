"""`wijk report`: the yearly accountability report of the municipality or one team, written as HTML, PDF and CSV."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from services.reporting.assemble import Reports
from services.reporting.context import load_context
from services.reporting.document import render_document
from services.reporting.export import to_csv
from services.reporting.filters import ReportFilter
from services.reporting.pdf import html_to_pdf
from services.reporting.sections import Accountability
from wijk.db import create_pool
from wijk.settings import PlatformSettings


async def year_report(
    settings: PlatformSettings, year: int, team: str | None, as_of: datetime | None
) -> Accountability:
    pool = await create_pool(settings)
    try:
        reports = Reports(pool, load_context(settings))
        return await reports.accountability(ReportFilter.of_year(year, as_of=as_of, team_id=team))
    finally:
        await pool.close()


async def write_report(
    settings: PlatformSettings,
    year: int,
    team: str | None,
    as_of: datetime | None,
    out: Path,
    formats: tuple[str, ...] = ("html", "pdf", "csv"),
) -> list[Path]:
    """Write `verantwoording-<scope>-<year>.{html,pdf,csv}` into `out`; returns the files written."""
    report = await year_report(settings, year, team, as_of)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"verantwoording-{team or report.municipality.lower()}-{year}"
    html = stem.with_suffix(".html")
    html.write_text(render_document(report, year), encoding="utf-8")
    written = [html] if "html" in formats else []
    if "pdf" in formats:
        written.append(html_to_pdf(html, stem.with_suffix(".pdf")))
    if "html" not in formats:
        html.unlink()
    if "csv" in formats:
        csv_file = stem.with_suffix(".csv")
        csv_file.write_text(to_csv(report), encoding="utf-8")
        written.append(csv_file)
    return written
