"""Every setting the code reads is documented for operators, with its environment variable name."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijk.settings import PlatformSettings, ServiceSettings

pytestmark = pytest.mark.contract
DEPLOYMENT = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"


@pytest.mark.parametrize("field", sorted(PlatformSettings.model_fields))
def test_platform_setting_is_in_the_deployment_guide(field: str) -> None:
    assert f"`WIJK_{field.upper()}`" in DEPLOYMENT.read_text()


@pytest.mark.parametrize("field", sorted(ServiceSettings.model_fields))
def test_service_setting_is_in_the_deployment_guide(field: str) -> None:
    assert f"`WIJK_<SERVICE>_{field.upper()}`" in DEPLOYMENT.read_text()


def test_every_setting_has_a_description() -> None:
    fields = {**PlatformSettings.model_fields, **ServiceSettings.model_fields}
    assert all(f.description for f in fields.values())
