"""Every field of every fact, partner signal and envelope has a bound, visible in its JSON Schema (issue 18, #1, #2).

An unbounded `amount_cents` let one decision of 10^19 cents break every council report for good; unbounded strings
let a 1 MB `team_id` through. Here the generated schemas are walked: a string has a maxLength (or is an enum, a
uuid or a date), an integer a minimum and a maximum, a date a formatMinimum and formatMaximum, a list maxItems.
"""

from __future__ import annotations

import pytest

from contracts import REGISTRY
from contracts.envelope import CloudEventHeaders
from contracts.partner_signals import PARTNER_SIGNALS, SignalOutcome
from tests.support.schema_bounds import unbounded

pytestmark = pytest.mark.contract
MODELS = [*REGISTRY.models(), *PARTNER_SIGNALS.models(), SignalOutcome, CloudEventHeaders]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: getattr(m, "type", m.__name__))
def test_every_field_has_a_bound(model: type) -> None:
    schema = model.model_json_schema()  # type: ignore[attr-defined]
    assert list(unbounded(schema, schema.get("$defs", {}), model.__name__)) == []


def test_the_walk_finds_an_unbounded_field() -> None:
    schema = {"type": "object", "properties": {"amount": {"type": "integer", "minimum": 0}}}
    assert list(unbounded(schema, {}, "Probe")) == ["Probe.amount: an integer without minimum and maximum"]
