"""The matrix in docs/identity.md is the data in config/rights.json, not a copy that drifts."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijk.auth.rights import load_rights, matrix_markdown

pytestmark = pytest.mark.unit
DOC = Path(__file__).resolve().parents[3] / "docs" / "identity.md"


def test_the_documented_matrix_is_the_rights_data() -> None:
    assert matrix_markdown(load_rights()) in DOC.read_text(encoding="utf-8"), "regenerate the table in identity.md"
