"""`wijk report` for the demo municipality: HTML, PDF (printed by headless Chromium) and CSV, whose numbers are
the JSON API's; the service serves the same HTML and CSV."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import sys
from pathlib import Path

import httpx
import pytest

from services.reporting.pdf import page_count
from services.reporting.tables import money, number, percent
from tests.integration.reporting.facts import fact_count, facts_recorded
from tests.integration.reporting.year import HAVEN, STAD, a_year, publish_year
from tests.support.bus import Publisher
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def cli_env(stack: Stack) -> dict[str, str]:
    s = stack.settings
    return {
        **os.environ,
        "WIJK_KAFKA_BOOTSTRAP": s.kafka_bootstrap,
        "WIJK_PG_HOST": s.pg_host,
        "WIJK_PG_PORT": str(s.pg_port),
        "WIJK_PG_USER": s.pg_user,
        "WIJK_PG_PASSWORD": s.pg_password,
        "WIJK_PG_DBNAME": s.pg_dbname,
    }


async def test_the_year_report_opens_as_pdf_html_and_csv_with_the_apis_numbers(
    reporting_stack: Stack, tmp_path: Path
) -> None:
    stack, year, before = reporting_stack, a_year(), await fact_count(reporting_stack)
    async with Publisher(stack.settings.kafka_bootstrap) as bus:
        await facts_recorded(stack, await publish_year(bus, year), before)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tooling.cli", "report", "--year", str(year), "--out", str(tmp_path), env=cli_env(stack),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), timeout=180)
    assert process.returncode == 0, err.decode()
    html, pdf, table = (tmp_path / f"verantwoording-almere-{year}.{ext}" for ext in ("html", "pdf", "csv"))
    assert out.decode().split() == [str(html), str(pdf), str(table)]
    async with httpx.AsyncClient(base_url=stack.url("reporting")) as client:
        api = (await client.get("/report", params={"year": year})).json()
        served_html = (await client.get("/report.html", params={"year": year})).text
        served_csv = (await client.get("/report.csv", params={"year": year})).text

    document = html.read_text(encoding="utf-8")
    assert document.startswith("<!doctype html>") and '<html lang="nl">' in document and document.count("<svg") >= 4
    assert served_html == document and served_csv == table.read_text(encoding="utf-8")
    lines = {(line["team_id"], line["budget_line"]): line for line in api["budget"]["lines"]}
    for team in (HAVEN, STAD):
        assert money(lines[(team, "wmo")]["spent_cents"]) in document
        assert money(lines[(team, "wmo")]["remaining_cents"]) in document
    investigation = next(s for s in api["terms"]["summaries"] if s["clock"] == "investigation")
    assert (
        percent(investigation["share_on_time"]) in document
        and number(api["satisfaction"]["total"]["average"]) in document
    )
    assert "JH02.min_age" in document and f"Verantwoording sociale wijkteams {year}" in document
    assert "Alleenstaande moeder" not in document, "a deviation is counted per rule, its justification not shown"

    rows = {
        (r["section"], r["team_id"], r["item"], r["figure"]): r["value"]
        for r in csv.DictReader(io.StringIO(served_csv))
    }
    assert rows[("budget", HAVEN, f"{year}/wmo", "spent_cents")] == str(lines[(HAVEN, "wmo")]["spent_cents"])
    assert rows[("summary", "", "", "cases_opened")] == str(api["summary"]["cases_opened"])
    assert rows[("terms", "", "investigation", "share_on_time")] == str(investigation["share_on_time"])
    assert rows[("satisfaction", "", "", "average")] == str(api["satisfaction"]["total"]["average"])
    [deviation] = [d for d in api["decisions"]["deviations"] if d["team_id"] == HAVEN]
    assert rows[("deviations", HAVEN, f"{deviation['provision_code']}/JH02.min_age", "deviations")] == "1"
    assert "Alleenstaande moeder" not in served_csv and "lead-1" not in served_csv and "prof-1" not in served_csv
    assert rows[("debt", "", "", "with_debts")] == str(api["debt"]["total"]["with_debts"])

    pages = page_count(pdf.read_bytes())
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "reporting-verantwoording-almere.pdf").write_bytes(pdf.read_bytes())
    (ARTIFACTS / "reporting-verantwoording-almere.pages").write_text(f"{pages}\n")
    assert pdf.read_bytes().startswith(b"%PDF") and pages >= 2
