"""The dashboard used as a person uses it, in a real headless Chromium driven by Selenium: it loads and shows the
JSON API's figures; choosing a team in the form, then typing a period and pressing "Toon", changes the figures to
the API's for that filter; the filtered address, reloaded, shows the same. A screenshot of the filtered dashboard
is kept under test-artifacts/. No skip: without Chromium or chromedriver the test fails."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.integration.reporting.facts import fact_count, facts_recorded
from tests.integration.reporting.year import HAVEN, a_year, publish_year
from tests.support.bus import Publisher
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
SCREENSHOT = Path(__file__).resolve().parents[3] / "test-artifacts" / "reporting-dashboard.png"
CHROMIUM_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--lang=en-US", "--window-size=1280,1700",
)  # fmt: skip
WAIT_S = 30

SNAPSHOT_JS = """
const figures = {};
for (const e of document.querySelectorAll("[data-figure]")) figures[e.dataset.figure] = e.textContent;
return {state: document.body.dataset.state, query: document.body.dataset.query ?? null, figures: figures};
"""


def expected(report: dict[str, Any]) -> dict[str, str]:
    """What the dashboard must show for an API report, in its Dutch notation."""
    investigation = next(s for s in report["terms"]["summaries"] if s["clock"] == "investigation")
    spent = sum(line["spent_cents"] for line in report["budget"]["lines"])
    return {
        "cases_opened": str(report["summary"]["cases_opened"]),
        "decisions": str(report["decisions"]["decisions"]),
        "deviations": str(sum(d["deviations"] for d in report["decisions"]["deviations"])),
        "spent": f"€ {spent // 100:,}".replace(",", ".") + f",{spent % 100:02d}",
        "investigation_on_time": f"{investigation['share_on_time'] * 100:.1f}%".replace(".", ","),
        "satisfaction": f"{report['satisfaction']['total']['average']:.1f}".replace(".", ","),
        "refusals": str(report["summary"]["refusals"]),
    }


def chromium(profile: Path) -> webdriver.Chrome:
    """Debian's Chromium and chromedriver, named outright so Selenium Manager never looks for (or fetches) any."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in (*CHROMIUM_ARGS, f"--user-data-dir={profile}"):
        options.add_argument(argument)
    # The date fields' typing order follows the UI locale, which Chromium on Linux takes from the environment.
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver", env={**os.environ, "LANGUAGE": "en_US"})
    return webdriver.Chrome(options=options, service=service)


def shown_after(driver: webdriver.Chrome, query: str, before: dict[str, str] | None) -> dict[str, str]:
    """Wait until the page has loaded the report for `query` and its figures differ from `before`; the figures."""

    def settled(d: webdriver.Chrome) -> dict[str, str] | Literal[False]:
        page = d.execute_script(SNAPSHOT_JS)
        done = page["state"] == "loaded" and page["query"] == query and page["figures"] != before
        return {name: str(value) for name, value in page["figures"].items()} if done else False

    message = f"dashboard never showed new figures for {query!r}: {driver.execute_script(SNAPSHOT_JS)}"
    return WebDriverWait(driver, WAIT_S, poll_frequency=0.1).until(settled, message)


def type_date(driver: webdriver.Chrome, field: str, day: str) -> None:
    year, month, date = day.split("-")
    typed = f"{month}{date}{year}"  # keys into a date field, en-US order (month, day, year)
    element = driver.find_element(By.ID, field)
    element.send_keys(typed)  # focuses the field on its first part (a click lands on whichever part it hits)
    assert element.get_property("value") == day, f"typing {typed} into #{field} did not give {day}"


def use_the_dashboard(url: str, profile: Path, period: tuple[str, str]) -> dict[str, Any]:
    """Everything a person does with the dashboard, and what it showed at each step (run in a thread: the
    services under test serve from the test's event loop meanwhile)."""
    driver = chromium(profile)
    try:
        driver.get(url)
        seen: dict[str, Any] = {"all": shown_after(driver, "", None)}

        Select(driver.find_element(By.ID, "team")).select_by_value(HAVEN)  # the team list applies at once
        seen["team"] = shown_after(driver, f"team={HAVEN}", seen["all"])
        seen["team_deviations"] = driver.find_element(By.ID, "deviations").text

        type_date(driver, "period_from", period[0])
        type_date(driver, "period_to", period[1])
        driver.find_element(By.ID, "show").click()
        filtered = f"team={HAVEN}&period_from={period[0]}&period_to={period[1]}"
        seen["team_period"] = shown_after(driver, filtered, seen["team"])
        seen["team_period_deviations"] = driver.find_element(By.ID, "deviations").text
        seen["budget_rows"] = len(driver.find_elements(By.CSS_SELECTOR, "#budget tbody tr"))
        seen["address"] = driver.current_url
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        assert driver.save_screenshot(str(SCREENSHOT))

        driver.refresh()  # the filtered address, as linked or bookmarked, fills the form and shows the same
        seen["reloaded"] = shown_after(driver, filtered, None)
        fields = ("team", "period_from", "period_to")
        seen["reloaded_form"] = {name: driver.find_element(By.ID, name).get_property("value") for name in fields}
        return seen
    finally:
        driver.quit()


async def test_a_person_filters_the_dashboard_by_team_and_period(reporting_stack: Stack, tmp_path: Path) -> None:
    stack, year, before = reporting_stack, a_year(), await fact_count(reporting_stack)
    period = (f"{year}-01-01", f"{year}-06-30")  # the test's own year's spring: its facts alone
    async with Publisher(stack.settings.kafka_bootstrap) as bus:
        await facts_recorded(stack, await publish_year(bus, year), before)
    async with httpx.AsyncClient(base_url=stack.url("reporting")) as client:
        everything = (await client.get("/report")).json()
        haven = (await client.get("/report", params={"team": HAVEN})).json()
        haven_spring = (
            await client.get("/report", params={"team": HAVEN, "period_from": period[0], "period_to": period[1]})
        ).json()
    want = [expected(everything), expected(haven), expected(haven_spring)]
    assert want[0] != want[1] != want[2]  # each filter really changes the figures

    url = f"{stack.url('reporting')}/dashboard"
    seen = await asyncio.to_thread(use_the_dashboard, url, tmp_path / "chromium", period)

    assert [{name: seen[step][name] for name in want[0]} for step in ("all", "team", "team_period")] == want
    assert {name: seen["reloaded"][name] for name in want[0]} == want[2]
    assert seen["reloaded_form"] == {"team": HAVEN, "period_from": period[0], "period_to": period[1]}
    assert seen["address"].endswith(f"/dashboard?team={HAVEN}&period_from={period[0]}&period_to={period[1]}")
    assert seen["budget_rows"] == len(haven_spring["budget"]["lines"]) > 0
    assert "JH02.min_age" in seen["team_deviations"], "deviations are counted per rule"
    assert "JH02.min_age" not in seen["team_period_deviations"]
    assert "Alleenstaande moeder" not in seen["team_deviations"], "and the justification is not shown (issue 18)"
    assert SCREENSHOT.read_bytes().startswith(b"\x89PNG") and SCREENSHOT.stat().st_size > 10_000
