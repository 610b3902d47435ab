"""The dashboard's page and script are served, and the API it calls is documented. Using the dashboard in a real
browser is tested in test_dashboard_in_chromium.py."""

from __future__ import annotations

import pytest

from tests.support.stack import Stack

pytestmark = pytest.mark.integration


async def test_the_dashboard_page_and_script_are_served(reporting_stack: Stack) -> None:
    async with reporting_stack.client("reporting") as client:
        page = await client.get("/dashboard")
        script = await client.get("/dashboard.js")
        openapi = (await client.get("/openapi.json")).json()
    assert page.status_code == 200 and 'value="wijkteam-haven"' in page.text and "Almere" in page.text
    assert script.headers["content-type"].startswith("text/javascript") and "fetch(`/report?" in script.text
    routes = ["/report", "/report/budget", "/report/decisions", "/report/terms", "/report/debt",
              "/report/client-support", "/report/signals", "/report/feedback", "/report/satisfaction", "/teams",
              "/report/cycle", "/summary", "/facts/count", "/report.csv", "/report.html", "/dashboard"]  # fmt: skip
    assert set(routes) <= set(openapi["paths"])
    parameters = {p["name"] for p in openapi["paths"]["/report"]["get"]["parameters"]}
    assert parameters == {"as_of", "team", "district", "period_from", "period_to", "year"}
    assert {"Accountability", "BudgetSection", "TermSection", "Deviation", "CycleSection"} <= set(
        openapi["components"]["schemas"]
    )
