"""The simulated clock is a simulation mode, never a deployment's: compose and the image do not set it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kernel.clock import SIMULATED_CLOCK_ENV

pytestmark = pytest.mark.contract
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["docker-compose.yml", "Dockerfile"])
def test_no_deployment_file_sets_the_simulated_clock(name: str) -> None:
    assert SIMULATED_CLOCK_ENV not in (ROOT / name).read_text()
