"""Every published event type, found by its CloudEvents type name."""

from __future__ import annotations

from collections.abc import Iterable

from contracts.events import (
    backoffice,
    backoffice_cycle,
    budget,
    care,
    debt,
    intake,
    intake_terms,
    iwmo,
    planning,
    planning_cycle,
)
from contracts.events.base import IntegrationEvent


class UnknownEventType(LookupError):
    """A `ce_type` no model is registered for."""


class EventRegistry:
    def __init__(self, models: Iterable[type[IntegrationEvent]]) -> None:
        self._by_type = {m.type: m for m in models}

    def model(self, event_type: str) -> type[IntegrationEvent]:
        try:
            return self._by_type[event_type]
        except KeyError:
            raise UnknownEventType(f"unknown event type {event_type!r}") from None

    def models(self) -> list[type[IntegrationEvent]]:
        return sorted(self._by_type.values(), key=lambda m: (m.topic, m.type))

    def on_topic(self, topic: str) -> list[type[IntegrationEvent]]:
        return [m for m in self.models() if m.topic == topic]


def _models_of(*modules: object) -> list[type[IntegrationEvent]]:
    found = []
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, IntegrationEvent) and "type" in vars(value):
                found.append(value)
    return found


REGISTRY = EventRegistry(
    _models_of(intake, intake_terms, planning, planning_cycle, budget, backoffice, backoffice_cycle, care, debt, iwmo)
)
