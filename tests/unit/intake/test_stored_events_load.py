"""Cases and signals stored before their clock and signal became value objects still load, and still publish the
same facts and partner outcomes (`stored/*_v1.json`, recorded from the code before class version 2)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.utils import get_topic

from services.intake.application import VALUE_OBJECTS
from services.intake.domain.case import Case
from services.intake.domain.signal import Signal, TakenSignal, signal_id
from services.intake.domain.survey import SurveyAnswer
from services.intake.outcomes import outcome_of
from services.intake.terms import melding_clocks
from services.intake.translator import translate
from tests.support.stored_events import golden, loaded, mapper, published, read, state

pytestmark = pytest.mark.unit
STORED = Path(__file__).parent / "stored"
CASE_V1, SIGNALS_V1 = golden(STORED / "case_v1.json"), golden(STORED / "signal_v1.json")


def fact_and_outcome(event: Any) -> list[Any]:
    return [translate(event), outcome_of("woon")(event)]


ADDED_SINCE_V1 = {"defaults": {}, "penalties": {}}
"""Attributes a case gained later (the dwangsom, issue 17): empty on a case stored before."""
CLOCK_FIELDS_SINCE_V1 = ", nominal_due=None, suspended_from=None)"
"""Fields a clock gained later, with their defaults (ADR 0004: a field may be added with a default)."""


def as_in_version_1(case: Case) -> Any:
    now = state(case)
    assert {k: now.pop(k) for k in set(now) - set(CASE_V1["state"])} == ADDED_SINCE_V1
    now["clocks"] = {k: v.replace(CLOCK_FIELDS_SINCE_V1, ")") for k, v in now["clocks"].items()}
    return now


def test_a_case_stored_in_version_1_loads_with_its_clocks() -> None:
    case = loaded(read(CASE_V1["events"], VALUE_OBJECTS))
    assert isinstance(case, Case) and as_in_version_1(case) == CASE_V1["state"]


def test_signals_stored_in_version_1_load_as_they_were() -> None:
    events = read(SIGNALS_V1["events"], VALUE_OBJECTS)
    arrears, concern = loaded(events[:2]), loaded(events[2:])
    assert isinstance(arrears, Signal) and [state(arrears), state(concern)] == SIGNALS_V1["state"]


@pytest.mark.parametrize("recorded", [CASE_V1, SIGNALS_V1], ids=["case", "signals"])
def test_version_1_events_publish_byte_for_byte_the_same_facts_and_outcomes(recorded: dict[str, Any]) -> None:
    events = read(recorded["events"], VALUE_OBJECTS)
    assert published(events, fact_and_outcome) == [e["fact"] for e in recorded["events"]]


def test_a_clock_is_stored_whole_in_version_2() -> None:
    case = loaded(read(CASE_V1["events"][:1], VALUE_OBJECTS))
    clock = melding_clocks(case.opened_on)[0]
    case.start_clock(clock)
    stored = mapper(VALUE_OBJECTS).to_stored_event(case.collect_events()[0])
    assert json.loads(stored.state)["class_version"] == 2
    assert mapper(VALUE_OBJECTS).to_domain_event(stored).clock == clock  # type: ignore[attr-defined]


def test_a_signal_and_its_offer_of_help_are_stored_whole_in_version_2() -> None:
    taken = TakenSignal(
        "ce-9", "woon", "payment_arrears", uuid4(), uuid4(), "wijkteam-haven", date(2026, 3, 2), True, 99
    )
    signal = Signal(signal_id("urn:woon", "ce-9"), taken)
    signal.offer_help(date(2026, 3, 3))
    roundtrip = mapper(VALUE_OBJECTS)
    stored = [roundtrip.to_stored_event(e) for e in signal.collect_events()]
    assert [json.loads(s.state)["class_version"] for s in stored] == [2, 2]
    received, offered = (roundtrip.to_domain_event(s) for s in stored)
    assert received.signal == taken and offered.offer.arrears_cents == 99  # type: ignore[attr-defined]
    assert state(loaded([received, offered])) == state(signal)


def test_a_survey_answer_stored_before_the_aggregate_moved_to_the_domain_loads() -> None:
    recorded = golden(STORED / "survey_answer_v1.json")
    assert {e["topic"] for e in recorded["events"]} == {"services.intake.survey:SurveyAnswer.Recorded"}
    answer = loaded(read(recorded["events"]))
    assert isinstance(answer, SurveyAnswer) and state(answer) == recorded["state"]
    assert published(read(recorded["events"]), translate) == [e["fact"] for e in recorded["events"]]
    assert get_topic(type(answer)) == "services.intake.domain.survey:SurveyAnswer"
