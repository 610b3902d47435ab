"""The official iWmo/iJw 3.2 code lists, checked against the XSD's enumerations where the XSD has them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from services.backoffice.domain import codelists
from services.backoffice.domain.codelists import InvalidCode

pytestmark = pytest.mark.unit
XSD = Path(__file__).resolve().parents[3].parent / "shared" / "iwmo-xsd" / "basisschema.xsd"


def enumeration(name: str) -> set[str]:
    block = re.search(rf'<xs:simpleType name="{name}">(.*?)</xs:simpleType>', XSD.read_text(encoding="utf-8"), re.S)
    assert block is not None
    return set(re.findall(r'<xs:enumeration value="([^"]+)"', block.group(1)))


@pytest.mark.skipif(not XSD.exists(), reason="the shared iWmo XSDs are not beside the project")
@pytest.mark.parametrize(
    ("xsd_type", "codes"),
    [
        ("LDT_Eenheid", codelists.UNITS),
        ("LDT_Frequentie", codelists.FREQUENCIES),
        ("LDT_RedenBeeindiging", codelists.END_REASONS),
        ("LDT_ProductCategorie", codelists.PRODUCT_CATEGORIES_WMO),
    ],
)
def test_the_lists_equal_the_iwmo_32_schema(xsd_type: str, codes: dict[str, str]) -> None:
    assert set(codes) == enumeration(xsd_type)


def test_valid_codes_pass_and_others_name_their_list() -> None:
    assert codelists.check_product_category("01") == "01" and codelists.check_product_category("45") == "45"
    assert codelists.check_unit("83") == "83" and codelists.check_frequency("6") == "6"
    assert codelists.check_end_reason("20") == "20" and codelists.check_product_code("01A01") == "01A01"
    for check, bad, name in [
        (codelists.check_product_category, "99", "Productcategorie"),
        (codelists.check_unit, "02", "WJ756"),
        (codelists.check_frequency, "3", "WMO757"),
        (codelists.check_end_reason, "01", "WMO588"),
        (codelists.check_product_code, "123456", "LDT_ProductCode"),
        (codelists.check_product_code, "   ", "LDT_ProductCode"),
    ]:
        with pytest.raises(InvalidCode, match=name):
            check(bad)
    with pytest.raises(InvalidCode, match="LDT_Volume"):
        codelists.check_volume(100_000_000)


def test_the_extent_reads_as_dutch() -> None:
    assert codelists.describe_extent(2, "04", "2") == "2 uur per week"
