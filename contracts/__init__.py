"""The public event contract of the wijkteam platform.

Partners integrate against this package alone: versioned pydantic models of every published fact, the topics
they travel on, the CloudEvents envelope, and the AsyncAPI / JSON Schema export. It depends on nothing of ours.
"""

from contracts.envelope import CloudEventHeaders
from contracts.events.base import IntegrationEvent
from contracts.registry import REGISTRY, EventRegistry, UnknownEventType

__all__ = ["REGISTRY", "CloudEventHeaders", "EventRegistry", "IntegrationEvent", "UnknownEventType"]
