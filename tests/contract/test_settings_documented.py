"""Every setting the code reads is documented for operators, with its environment variable name: the table in
docs/deployment.md is generated from the settings classes, the platform's and each service's own (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tooling.settings_doc import documented, every_setting, service_settings, table
from wijk.settings import PlatformSettings, ServiceSettings

pytestmark = pytest.mark.contract
DEPLOYMENT = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"
VARIABLES = [variable for variable, _, _ in every_setting()]


@pytest.mark.parametrize("variable", VARIABLES)
def test_every_setting_is_in_the_deployment_guide(variable: str) -> None:
    assert f"`{variable}`" in DEPLOYMENT.read_text()


def test_the_deployment_guide_shows_the_table_the_classes_generate() -> None:
    assert documented(DEPLOYMENT.read_text()) == table(), "run `wijk settings-doc --write`"


def test_every_setting_has_a_description() -> None:
    assert all(field.description for _, _, field in every_setting())


def test_a_services_own_settings_live_with_it_not_in_the_platform() -> None:
    own = {"intake": {"blind_index_secret", "key_encryption_key", "term_check_seconds"}, "debt": {"term_check_seconds"}}
    classes = service_settings()
    for service, names in own.items():
        assert names <= set(classes[service].model_fields), service
        assert classes[service].model_config["env_prefix"] == f"WIJK_{service.upper()}_"
    shared = set(PlatformSettings.model_fields) | set(ServiceSettings.model_fields)
    assert not {"blind_index_secret", "term_check_seconds"} & shared


def test_the_docs_name_no_command_or_page_that_does_not_exist() -> None:
    text = DEPLOYMENT.read_text()
    assert "docs/configuration.md" not in text or (DEPLOYMENT.parent / "configuration.md").exists()
