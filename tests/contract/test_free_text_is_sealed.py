"""No fact about a household carries free text in the clear (issue 18, finding 4; ADR 0006).

A string field long enough for prose (2,000 characters or more: `Text`, `Motivation`) in a fact about a household
must accept the sealed shape (`FreeText`, `FreeMotivation`), so the service that publishes it can seal it with the
household's text key. The few that remain plain hold what a service composes itself from codes, never what a person
typed: each is listed here with why.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
from annotated_types import MaxLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from contracts import REGISTRY
from contracts.bounds import Motivation, Text
from contracts.events.base import HouseholdEvent
from contracts.sealed import FreeText, SealedText

pytestmark = pytest.mark.contract
PROSE = 2000
COMPOSED = {
    ("nl.wijkteam.budget.funds-refused.v1", "reason"): "budget's own words: which line could not carry it",
    ("nl.wijkteam.budget.funds-released.v1", "reason"): "composed from the stop's or cancellation's codes and dates",
    ("nl.wijkteam.backoffice.declaration-answered.v1", "reason"): "a declaration's return code and its text",
}


def plain_prose(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """The paths of fields that take long plain text and not the sealed shape, nested models included."""
    for name, field in model.model_fields.items():
        options = _options(field.annotation)
        longest = max([_max_length(field.metadata), *(_max_length(_metadata(o)) for o in options)])
        if SealedText not in options and str in map(_bare, options) and longest >= PROSE:
            yield prefix + name
        for option in options:
            for inner in (option, *get_args(option)):
                if isinstance(inner, type) and issubclass(inner, BaseModel) and inner is not SealedText:
                    yield from plain_prose(inner, f"{prefix}{name}.")


def _options(annotation: Any) -> tuple[Any, ...]:
    return get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else (annotation,)


def _bare(option: Any) -> Any:
    """`str` for `Annotated[str, ...]` (a bound inside a union), the option itself otherwise."""
    return get_args(option)[0] if get_origin(option) is Annotated else option


def _metadata(option: Any) -> list[Any]:
    """The constraints of an `Annotated` option, from its `Field(...)`s and its annotated-types alike."""
    found: list[Any] = []
    for item in get_args(option)[1:] if get_origin(option) is Annotated else ():
        found.extend(item.metadata if isinstance(item, FieldInfo) else [item])
    return found


def _max_length(metadata: list[Any]) -> int:
    return max((m.max_length for m in metadata if isinstance(m, MaxLen)), default=0)


HOUSEHOLD_FACTS = [m for m in REGISTRY.models() if issubclass(m, HouseholdEvent)]


@pytest.mark.parametrize("model", HOUSEHOLD_FACTS, ids=lambda m: m.type)
def test_free_text_about_a_household_can_only_travel_sealed(model: type[HouseholdEvent]) -> None:
    plain = [path for path in plain_prose(model) if (model.type, path) not in COMPOSED]
    assert plain == [], f"{model.type}: seal {plain} with FreeText (contracts/sealed.py, ADR 0006)"


def test_the_walk_finds_plain_prose_and_passes_the_sealed_kind() -> None:
    from contracts.events.care import PlanFeedbackGiven
    from contracts.events.planning import PlanEvaluated

    assert list(plain_prose(PlanFeedbackGiven)) == [] and list(plain_prose(PlanEvaluated)) == []
    found = {path for model in REGISTRY.models() for path in plain_prose(model) if (model.type, path) in COMPOSED}
    assert found == {path for _, path in COMPOSED}, "every listed exception still exists"

    class Probe(BaseModel):
        note: Text = ""
        optional: Motivation | None = None
        sealed: FreeText = ""

    assert list(plain_prose(Probe)) == ["note", "optional"]
