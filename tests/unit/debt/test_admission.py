"""The Wgs beschikking after the intake conversation: admission, or refusal with its ground and reasons; bezwaar
open for six weeks; a refused applicant's trajectory goes no further than closure as not admitted."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from eventsourcing.application import Application

from contracts.events.debt import DebtAdmissionDecided
from services.debt.application import DebtApplication
from services.debt.domain.admission import Admission, AdmissionRefused
from services.debt.domain.trajectory import DebtTrajectory, StepOutOfOrder
from services.debt.letter import render_admission
from services.debt.terms import objection_deadline
from services.debt.translator import translate

pytestmark = pytest.mark.unit
HELD, DECIDED = date(2026, 3, 10), date(2026, 3, 12)
WHY = "De vaste lasten passen binnen het inkomen en er zijn geen achterstanden boven de drempel."


def held(collect: bool = True) -> DebtTrajectory:
    trajectory = DebtTrajectory(
        referral_id=uuid4(), source="intake", household_id=uuid4(), team_id="wijkteam-haven",
        received_on=date(2026, 3, 2), threatening=False, first_conversation_due=date(2026, 3, 30),
    )  # fmt: skip
    trajectory.hold_intake(HELD, HELD)
    if collect:
        trajectory.collect_events()
    return trajectory


def admission(admitted: bool, ground: str = "", reasons: str = "") -> Admission:
    return Admission(uuid4(), admitted, ground, reasons, "s.bakker", DECIDED, objection_deadline(DECIDED))


def test_admission_after_the_intake_is_a_beschikking_with_bezwaar_open() -> None:
    trajectory = held()
    trajectory.decide_admission(admission(True), DECIDED)
    fact = translate(trajectory.collect_events()[-1])
    assert isinstance(fact, DebtAdmissionDecided) and fact.admitted and fact.refusal_ground is None
    assert fact.objection_deadline == date(2026, 4, 23)  # six weeks from Friday 13 March 2026
    text = " ".join(render_admission(trajectory.admission, "Almere").split())  # type: ignore[arg-type]
    assert "heeft besloten u toe te laten tot de schuldhulpverlening" in text
    assert "Namens het college van burgemeester en wethouders van Almere, s.bakker" in text
    assert "De termijn eindigt op 23 april 2026." in text


def test_a_refusal_names_its_ground_and_reasons_and_ends_the_trajectory() -> None:
    trajectory = held()
    with pytest.raises(AdmissionRefused, match="names its ground"):
        trajectory.decide_admission(admission(False, "", WHY), DECIDED)
    with pytest.raises(AdmissionRefused, match="Awb 3:46"):
        trajectory.decide_admission(admission(False, "no_problematic_debts", "nee"), DECIDED)
    trajectory.decide_admission(admission(False, "no_problematic_debts", WHY), DECIDED)
    fact = translate(trajectory.collect_events()[-1])
    assert isinstance(fact, DebtAdmissionDecided) and fact.refusal_ground == "no_problematic_debts"
    text = " ".join(render_admission(trajectory.admission, "Almere").split())  # type: ignore[arg-type]
    assert "af te wijzen, omdat er is geen sprake van (dreigende) problematische schulden" in text
    assert f"Motivering {WHY}" in text
    with pytest.raises(StepOutOfOrder, match="admission was refused"):
        trajectory.stabilise(date(2026, 3, 20), date(2026, 3, 20))
    trajectory.close("not_admitted", date(2026, 3, 20), date(2026, 3, 20))


def test_admission_is_decided_once_and_only_after_the_intake() -> None:
    trajectory = held()
    trajectory.decide_admission(admission(True), DECIDED)
    with pytest.raises(StepOutOfOrder, match="was decided on"):
        trajectory.decide_admission(admission(True), DECIDED)
    early = DebtTrajectory(
        referral_id=uuid4(), source="intake", household_id=uuid4(), team_id="t", received_on=date(2026, 3, 2),
        threatening=False, first_conversation_due=date(2026, 3, 30),
    )  # fmt: skip
    with pytest.raises(StepOutOfOrder, match="after the intake"):
        early.decide_admission(admission(True), DECIDED)


class InMemoryDebt(DebtApplication):
    def __init__(self) -> None:
        self.on_recorded = []
        self.municipality = "Almere"
        Application.__init__(self, env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def test_the_application_decides_and_renders_the_letter_from_the_store() -> None:
    app, trajectory = InMemoryDebt(), held(collect=False)
    app.save(trajectory)
    app.decide_admission(trajectory.id, False, "recent_trajectory", WHY, "s.bakker", DECIDED)
    assert app.trajectory(trajectory.id)["admitted"] is False
    assert "omdat u had kort geleden een schuldhulptraject" in " ".join(app.admission_letter(trajectory.id).split())
