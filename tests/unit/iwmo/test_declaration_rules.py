"""A declaration (323) is judged line by line: the valid lines are approved and published, the bad ones rejected
with their own retour code, and the 325 that says so validates against its XSD."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from kernel.clock import today
from kernel.iwmo import codec
from kernel.iwmo.messages.blocks import BedragMetDC, GeslotenPeriode
from kernel.iwmo.messages.declaratie import DeclaratieClient, Prestatie, Wmo323, Wmo325
from services.iwmo.domain.declaratie import answer_323
from services.iwmo.domain.volume import allowed
from services.iwmo.xml.schemas import Schemas
from tests.unit.iwmo.files import context, digest, events_of, lookup_of, sent_file
from tests.unit.iwmo.samples import BSN, prestatie, wmo323

pytestmark = pytest.mark.unit
DAY = today() - timedelta(days=3)


def declaration(*lines: Prestatie, bsn: str = BSN) -> Wmo323:
    example = wmo323(today())
    period = GeslotenPeriode(begindatum=today() - timedelta(days=30), einddatum=today())
    body = dataclasses.replace(
        example.declaratie, declaratie_periode=period, clienten=[DeclaratieClient(bsn=bsn, prestaties=list(lines))]
    )
    return Wmo323(header=example.header, declaratie=body)


def line(reference: str, **changes: object) -> Prestatie:
    return dataclasses.replace(prestatie(DAY, reference), **changes)  # type: ignore[arg-type]


def codes_per_line(answer: Wmo325) -> dict[str, list[str]]:
    assert answer.declaratie_antwoord is not None and answer.declaratie_antwoord.clienten is not None
    return {
        p.product_referentie.referentie_nummer: p.retour_codes
        for c in answer.declaratie_antwoord.clienten
        for p in c.prestaties
    }


def test_one_bad_line_is_rejected_and_the_rest_approved(schemas: Schemas) -> None:
    file = sent_file(today())
    file.collect_events()
    outside = GeslotenPeriode(begindatum=today() + timedelta(days=181), einddatum=today() + timedelta(days=181))
    message = declaration(line("GOOD1"), line("BAD1", product_periode=outside), line("GOOD2"))
    answer = answer_323(message, context(today()), lookup_of(file), digest, declared_before=False)
    assert isinstance(answer.retour, Wmo325)
    assert schemas.validate(codec.to_xml(answer.retour), "325") is None
    assert codes_per_line(answer.retour) == {"GOOD1": ["0200"], "BAD1": ["9307", "9308", "9319"], "GOOD2": ["0200"]}
    assert answer.retour.declaratie_antwoord is not None
    assert answer.retour.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag == 2 * 2 * 3480
    assert events_of(file) == ["LineApproved", "LineApproved"]


def test_a_fully_approved_declaration_is_answered_8001_without_detail(schemas: Schemas) -> None:
    file = sent_file(today())
    answer = answer_323(declaration(line("P1")), context(today()), lookup_of(file), digest, declared_before=False)
    assert isinstance(answer.retour, Wmo325) and answer.retour.declaratie_antwoord is not None
    assert answer.retour.declaratie_antwoord.retour_codes == ["8001"]
    assert answer.retour.declaratie_antwoord.clienten is None
    assert schemas.validate(codec.to_xml(answer.retour), "325") is None


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"toewijzing_nummer": 42}, "9338"),
        ({"product_categorie": "02"}, "9339"),
        ({"product_code": "02A02"}, "9340"),
        ({"eenheid": "14"}, "9341"),
        ({"ingediend_bedrag": BedragMetDC(bedrag=1)}, "9346"),
        ({"geleverd_volume": 3, "ingediend_bedrag": BedragMetDC(bedrag=3 * 3480)}, "9321"),
        ({"ingediend_bedrag": BedragMetDC(bedrag=6960, debet_credit="C")}, "8017"),
    ],
)
def test_each_bad_line_gets_its_own_code(changes: dict[str, object], code: str) -> None:
    file = sent_file(today())
    message = declaration(line("GOOD"), line("BAD", **changes))
    answer = answer_323(message, context(today()), lookup_of(file), digest, declared_before=False)
    assert isinstance(answer.retour, Wmo325)
    assert codes_per_line(answer.retour) == {"GOOD": ["0200"], "BAD": [code]}


def test_a_line_for_another_client_is_8187_and_another_providers_toewijzing_9338() -> None:
    mine, theirs = sent_file(today()), sent_file(today(), agb="98000002", nummer=777)
    message = declaration(line("A", toewijzing_nummer=777))
    answer = answer_323(message, context(today()), lookup_of(mine, theirs), digest, declared_before=False)
    assert isinstance(answer.retour, Wmo325) and codes_per_line(answer.retour) == {"A": ["9338"]}
    other = declaration(line("B"), bsn="999990020")
    answer = answer_323(other, context(today()), lookup_of(mine), digest, declared_before=False)
    assert isinstance(answer.retour, Wmo325) and codes_per_line(answer.retour) == {"B": ["8187"]}


def test_a_client_whose_bsn_fails_the_elfproef_is_refused_and_its_lines_not_assessed() -> None:
    message = declaration(line("C"), bsn="999990018")
    answer = answer_323(message, context(today()), lookup_of(sent_file(today())), digest, declared_before=False)
    assert isinstance(answer.retour, Wmo325) and answer.retour.declaratie_antwoord is not None
    assert answer.retour.declaratie_antwoord.clienten is not None
    assert answer.retour.declaratie_antwoord.clienten[0].retour_codes == ["0001"]
    assert codes_per_line(answer.retour) == {"C": ["0233"]} and not answer.touched


def test_a_repeated_reference_is_8021_and_the_sum_above_the_toewijzing_9322() -> None:
    file = sent_file(today())
    first = declaration(line("R1"))
    answer_323(first, context(today()), lookup_of(file), digest, declared_before=False)
    again = declaration(line("R1"))
    answer = answer_323(again, context(today()), lookup_of(file), digest, declared_before=False)
    assert isinstance(answer.retour, Wmo325) and codes_per_line(answer.retour) == {"R1": ["8021"]}
    toewijzing = file.toewijzingen[123456789]
    toewijzing.declared_volume = allowed(2, "2", toewijzing.ingangsdatum, toewijzing.einddatum) - 1  # one hour left
    answer = answer_323(declaration(line("R2")), context(today()), lookup_of(file), digest, declared_before=False)
    assert isinstance(answer.retour, Wmo325) and codes_per_line(answer.retour) == {"R2": ["9322"]}


def test_a_declaration_number_used_before_rejects_the_whole_declaration(schemas: Schemas) -> None:
    file = sent_file(today())
    answer = answer_323(declaration(line("P1")), context(today()), lookup_of(file), digest, declared_before=True)
    assert isinstance(answer.retour, Wmo325) and answer.retour.declaratie_antwoord is not None
    assert answer.retour.declaratie_antwoord.retour_codes == ["9333"]
    assert answer.retour.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag == 0
    assert schemas.validate(codec.to_xml(answer.retour), "325") is None
    assert not answer.touched
