"""Every setting of the gateway is in docs/iwmo.md, with its environment variable, and has a description."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.iwmo.settings import IwmoSettings

pytestmark = pytest.mark.contract
DOC = Path(__file__).resolve().parents[3] / "docs" / "iwmo.md"


@pytest.mark.parametrize("field", sorted(IwmoSettings.model_fields))
def test_gateway_setting_is_documented(field: str) -> None:
    assert f"`WIJK_IWMO_{field.upper()}`" in DOC.read_text()
    assert IwmoSettings.model_fields[field].description
