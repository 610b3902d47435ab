"""`StateIndex`: an aggregate is listed under the key its latest indexed event gave, an event whose key is None
leaves it where it was, and an index built later from the log agrees with one that followed it."""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from wijk.log_index import StateIndex

pytestmark = pytest.mark.unit


class Letter(Aggregate):
    @event("Drafted")
    def __init__(self) -> None:
        self.state = "draft"

    @event("Noted")
    def note(self, text: str) -> None:
        pass

    @event("Sent")
    def send(self) -> None:
        self.state = "sent"


def state_after(e: Any) -> str | None:
    return {"Drafted": "waiting", "Sent": "sent"}.get(type(e).__qualname__.split(".")[-1])


EVENTS = (Letter.Drafted, Letter.Noted, Letter.Sent)  # type: ignore[attr-defined]


def test_an_aggregate_moves_to_the_key_of_its_latest_event_and_a_none_key_leaves_it() -> None:
    app: Application[Any] = Application()
    index = StateIndex(app, EVENTS, key=state_after)
    first, second = Letter(), Letter()
    app.save(first, second)
    assert index.ids("waiting") == [first.id, second.id]
    first.send()
    second.note("a remark changes no state")
    app.save(first, second)
    assert (index.ids("waiting"), index.ids("sent")) == ([second.id], [first.id])
    later = StateIndex(app, EVENTS, key=state_after)  # after a restart: rebuilt from the log
    assert (later.ids("waiting"), later.ids("sent")) == ([second.id], [first.id])
