"""`wijk deadletters --data` names what is wrong with a folder that holds no embedded stack, instead of a driver's
error about a database that does not exist."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tooling.deadletters import _command

pytestmark = pytest.mark.unit


def test_a_folder_without_a_stack_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(action="list", data=tmp_path, service=None, all=False)
    assert _command(args) == 1
    error = capsys.readouterr().err
    assert "holds no embedded stack" in error and "--data" in error
