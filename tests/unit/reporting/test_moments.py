"""Moments: `as_of` without a zone is Amsterdam wall-clock time; a fact's time without a zone is UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from services.reporting.projection import occurred_at
from services.reporting.report import as_of_instant

pytestmark = pytest.mark.unit


def test_a_naive_as_of_is_read_in_amsterdam_summer_and_winter() -> None:
    assert as_of_instant(datetime(2025, 1, 15, 12, 0)) == datetime(2025, 1, 15, 11, 0, tzinfo=UTC)
    assert as_of_instant(datetime(2025, 7, 15, 12, 0)) == datetime(2025, 7, 15, 10, 0, tzinfo=UTC)


def test_an_as_of_with_a_zone_is_kept_and_none_means_everything() -> None:
    moment = datetime(2025, 1, 15, 12, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert as_of_instant(moment) is moment
    assert as_of_instant(None) is None


def test_a_fact_time_without_a_zone_is_utc() -> None:
    assert occurred_at(datetime(2025, 3, 3, 9, 0)) == datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    aware = datetime(2025, 3, 3, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    assert occurred_at(aware) is aware
