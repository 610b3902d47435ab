"""The README's demo and the benchmark, run as a user runs them: a process with its own embedded stack.

`wijk up --exit-after-demo` plays a small scenario and prints the council's figures; `wijk bench` writes a
results file whose pipeline figures are ratios to raw limits measured in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.infra import TEST_FETCH_WAIT_MS
from tooling.iwmo_export import check
from wijk.settings import SERVICES

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def wijk(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    # The embedded broker makes every consumer-group join wait half the session timeout: 1 s instead of 5 s for
    # each of the seven services, and holds an idle fetch for the whole fetch wait (CONTRIBUTING.md); documented
    # settings, as a user may set them.
    env = {**os.environ, "WIJK_LOG_LEVEL": "WARNING", "WIJK_CONSUMER_SESSION_TIMEOUT_MS": "2000",
           "WIJK_CONSUMER_FETCH_WAIT_MS": str(TEST_FETCH_WAIT_MS)}  # fmt: skip
    env.pop("WIJK_MUNICIPALITY_CONFIG", None)
    return subprocess.run(
        [sys.executable, "-m", "tooling.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_the_demo_plays_a_small_scenario_and_prints_the_councils_figures(tmp_path: Path) -> None:
    done = wijk("up", "--exit-after-demo", "--households", "4", "--data", str(tmp_path / "demo"), timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "demo: Almere, 4 households of a simulated year (seed 2026)" in out
    assert "the council's report, per team" in out
    assert "wijkteam-" in out and "discretionary" in out  # Almere's teams and their own budget lines
    summary = out.split("the municipality (GET /summary):")[1]
    cases = int(summary.split("cases opened")[1].split()[0])
    assert cases == 4
    assert "stopped; data kept in" in out


def test_a_simulated_year_writes_its_iwmo_messages_every_one_valid(tmp_path: Path) -> None:
    """`wijk simulate --iwmo-out`: households registered with residents, so the gateway composes their 301s; care
    speaks XML for zorg-flevoland and answers each 301 (302); the simulator starts, stops and declares through
    care's /iwmo routes (305/306, 307/308, 323/325). Seed 3 gives two such households, both stopped early."""
    out = tmp_path / "iwmo"
    args = ("--municipality", "almere", "--households", "3", "--seed", "3", "--year", "2026")
    done = wijk("simulate", *args, "--iwmo-out", str(out), "--data", str(tmp_path / "sim"), timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    files = list(out.glob("*.xml"))
    types = {f.name.split("-")[3] for f in files}
    assert {"WMO301", "WMO302", "WMO305", "WMO306", "WMO307", "WMO308", "WMO323", "WMO325"} <= types, types
    assert check(out) == []  # every file against its official XSD, read back from disk
    assert "every file validates against its official XSD" in done.stdout
    assert "care started on assignment (provider policy)" in done.stdout  # the tallies count the XML provider


def test_an_unknown_municipality_is_refused_before_anything_starts(tmp_path: Path) -> None:
    done = wijk("up", "--municipality", "atlantis", "--data", str(tmp_path / "x"), timeout=60)
    assert done.returncode == 2
    assert "no configuration set for 'atlantis'" in done.stderr
    assert not (tmp_path / "x").exists()


def test_the_bench_writes_every_figure_and_its_ratio_to_the_raw_limits(tmp_path: Path) -> None:
    small = ("--households", "6", "--messages", "500", "--rebuild-facts", "5000")  # the figures, not their size
    done = wijk("bench", *small, "--out", str(tmp_path), timeout=400)
    assert done.returncode == 0, done.stderr[-3000:]
    [results] = list(tmp_path.glob("*.json"))
    figures = json.loads(results.read_text())
    assert figures["pipeline"]["care_started"] == 6
    assert 0 < figures["pipeline"]["latency_p50_s"] <= figures["pipeline"]["latency_p99_s"]
    assert figures["reporting_rebuild"]["equal_to_live"] is True
    assert figures["reporting_rebuild"]["facts"] >= 6 * 10
    assert figures["rebuild_at_scale"]["equal_to_live"] is True
    assert figures["rebuild_at_scale"]["facts"] >= 5000
    assert set(SERVICES) | {"postgres", "broker", "driver", "total"} <= set(figures["cpu_ms_per_household"])
    assert all(value > 0 for value in figures["ratios"].values())
    assert "pipeline_facts_per_s_vs_pg_one_per_txn" in done.stdout
