"""providers.json: each provider's acceptance policy and tariffs, validated with clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kernel.municipality import DEFAULT_CONFIG, ConfigError
from services.care.providers import load_policies, providers_path

pytestmark = pytest.mark.unit


def test_almere_serves_an_auto_and_a_manual_provider_with_their_tariffs() -> None:
    policies = load_policies(providers_path(""))
    assert providers_path("") == DEFAULT_CONFIG.parent / "providers.json"
    auto, manual = policies["zorg-flevoland"], policies["thuiszorg-almere"]
    assert not auto.manual_acceptance and auto.start_on_acceptance
    assert manual.manual_acceptance and not manual.start_on_acceptance
    assert auto.tariff("01A01", "04") == 3480 and auto.tariff("01A01", "14") is None


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps({"providers": []}),
        json.dumps({"providers": [{"id": "x", "name": "X", "acceptance": "sometimes"}]}),
        json.dumps({"providers": [{"id": "x", "name": "X", "acceptance": "auto"}] * 2}),
        json.dumps(
            {
                "providers": [
                    {
                        "id": "x",
                        "name": "X",
                        "acceptance": "auto",
                        "tariffs": [{"product_code": "01A01", "unit": "04", "cents_per_unit": -1}],
                    }
                ]
            }
        ),
    ],
)
def test_an_invalid_provider_configuration_is_refused_with_its_path(tmp_path: Path, content: str) -> None:
    path = tmp_path / "providers.json"
    path.write_text(content)
    with pytest.raises(ConfigError, match=r"providers\.json"):
        load_policies(path)
    with pytest.raises(ConfigError, match="does not exist"):
        load_policies(tmp_path / "missing.json")
