"""Counts on the command line are whole numbers of at least 1: anything else is refused before a stack starts."""

from __future__ import annotations

import pytest

from tooling.cli import main

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["up", "--households", "0"], "argument --households: must be at least 1, got 0"),
        (["simulate", "--households", "-3"], "argument --households: must be at least 1, got -3"),
        (["bench", "--messages", "many"], "argument --messages: 'many' is not a whole number"),
        (["bench", "--households", "2.5"], "argument --households: '2.5' is not a whole number"),
        (["simulate", "--year", "27"], "argument --year: a year from 2000 to 2999, got 27"),
        (["simulate", "--year", "next"], "argument --year: 'next' is not a whole number"),
    ],
)
def test_a_count_below_one_or_not_a_number_is_a_usage_error(
    argv: list[str], problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert problem in capsys.readouterr().err
