"""The units `make test` hands its xdist workers: a shared stack's tests together, the rest by module or one by
one, the longest kinds first."""

from __future__ import annotations

import pytest

from tests.support.scheduling import first_to_last, unit_of

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("nodeid", "unit"),
    [
        ("tests/fault/test_exactly_once.py::test_a", "fault"),
        ("tests/fault/test_bus_is_derivable.py::test_b", "fault"),
        ("tests/integration/reporting/test_rebuild.py::test_c", "reporting"),
        ("tests/integration/iwmo/test_file_drop.py::test_d[x]", "iwmo"),
        ("tests/integration/budget/test_year_end_close.py::test_e", "integration/budget/test_year_end_close.py"),
        ("tests/integration/test_embedded_runtime.py::test_f", "integration/test_embedded_runtime.py"),
        ("tests/e2e/test_commands.py::test_g", "tests/e2e/test_commands.py::test_g"),
        ("tests/unit/budget/test_ledger.py::test_h", "tests/unit/budget/test_ledger.py::test_h"),
        (
            "tests/application/test_budget.py::TestBudgetOnPostgres::test_i",
            "tests/application/test_budget.py::TestBudgetOnPostgres::test_i",
        ),
    ],
)
def test_a_test_runs_in_the_unit_of_the_stack_it_shares(nodeid: str, unit: str) -> None:
    assert unit_of(nodeid) == unit


def test_the_longest_kinds_of_test_come_first() -> None:
    ids = [
        "tests/unit/budget/test_ledger.py::t",
        "tests/integration/reporting/test_rebuild.py::t",
        "tests/fault/test_exactly_once.py::t",
        "tests/e2e/test_commands.py::t",
        "tests/e2e/test_scale_out.py::t",
        "tests/application/test_budget.py::t",
    ]
    assert sorted(ids, key=first_to_last)[:4] == [
        "tests/e2e/test_scale_out.py::t",
        "tests/e2e/test_commands.py::t",
        "tests/fault/test_exactly_once.py::t",
        "tests/integration/reporting/test_rebuild.py::t",
    ]
