"""The AsyncAPI document and JSON Schemas in the repo are generated from the models, and nothing else."""

from __future__ import annotations

import json
import re

import pytest

from contracts import REGISTRY, export
from contracts.topics import PARTNER_SIGNALS_ADDRESS, facts

pytestmark = pytest.mark.contract
TYPE_NAME = re.compile(r"^nl\.wijkteam\.(?P<service>[a-z]+)\.[a-z]+(-[a-z]+)*\.v[1-9][0-9]*$")


def test_committed_schemas_are_what_the_models_generate() -> None:
    assert export.drift() == [], "run `wijk contracts export` and commit contracts/schemas"


def test_drift_is_detected_when_a_committed_schema_is_edited(tmp_path) -> None:
    export.write(tmp_path)
    schema = tmp_path / "json" / "nl.wijkteam.intake.case-opened.v1.json"
    document = json.loads(schema.read_text())
    document["properties"].pop("team_id")
    schema.write_text(json.dumps(document))
    (tmp_path / "json" / "nl.wijkteam.intake.retired.v1.json").write_text("{}")
    assert export.drift(tmp_path) == [
        "json/nl.wijkteam.intake.case-opened.v1.json",
        "json/nl.wijkteam.intake.retired.v1.json",
    ]


@pytest.mark.parametrize("model", REGISTRY.models(), ids=lambda m: m.type)
def test_every_type_is_versioned_reverse_dns_on_its_publishers_topic(model) -> None:
    match = TYPE_NAME.match(model.type)
    assert match, model.type
    assert model.topic == facts(match["service"])


def test_asyncapi_lists_every_event_on_its_channel() -> None:
    document = export.asyncapi()
    assert document["asyncapi"] == "3.0.0"
    listed = {
        (channel["address"], message) for channel in document["channels"].values() for message in channel["messages"]
    }
    assert {(m.topic, m.__name__) for m in REGISTRY.models()} <= listed
    assert "ce_subject" in document["components"]["schemas"]["CloudEventHeaders"]["required"]


def test_partners_find_their_signal_and_outcome_channels() -> None:
    listed = {
        (channel["address"], message)
        for channel in export.asyncapi()["channels"].values()
        for message in channel["messages"]
    }
    assert PARTNER_SIGNALS_ADDRESS == "nl.wijkteam.partner.{partnerId}.signals"
    assert (PARTNER_SIGNALS_ADDRESS, "ConcernSignal") in listed
    assert (PARTNER_SIGNALS_ADDRESS, "PaymentArrearsSignal") in listed
    assert ("nl.wijkteam.partner.{partnerId}.outcomes", "SignalOutcome") in listed


def test_the_asyncapi_document_resolves_inside_itself_and_says_how_clients_authenticate() -> None:
    """What the official parser (`make asyncapi-check`) refused before: a `$defs` ref in components.schemas, and a
    header schema with `anyOf` integer/null beside `type: string`."""
    document = export.asyncapi()
    text = json.dumps(document)
    assert "#/$defs/" not in text and "$defs" not in text
    assert document["components"]["schemas"]["PlanEvaluated"]["properties"]["results"]["items"]["$ref"] == (
        "#/components/schemas/GoalEvaluation"
    )
    headers = document["components"]["schemas"]["CloudEventHeaders"]["properties"]
    assert all(h["type"] == "string" and "anyOf" not in h for h in headers.values())
    assert headers["ce_sequence"]["pattern"] == r"^[0-9]{1,19}$" and "ce_epoch" in headers
    assert document["components"]["securitySchemes"]["scram"]["type"] == "scramSha512"
    assert document["servers"]["production"]["security"] == [{"$ref": "#/components/securitySchemes/scram"}]
