"""The check behind `wijk simulate --iwmo-out`: a folder of valid messages passes; a message that breaks its XSD
and a document of another standard are each named with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from kernel.clock import today
from kernel.iwmo import codec
from tests.unit.iwmo.samples import SAMPLES
from tooling.iwmo_export import check

pytestmark = pytest.mark.unit


def test_valid_messages_pass_and_broken_ones_are_named(tmp_path: Path) -> None:
    for code, sample in SAMPLES.items():
        (tmp_path / f"WMO{code}.xml").write_bytes(codec.to_bytes(sample(today())))
    assert check(tmp_path) == []

    broken = codec.to_bytes(SAMPLES["301"](today())).replace(b"BerichtCode>414<", b"BerichtCode>999<")
    assert b"BerichtCode>999<" in broken
    (tmp_path / "broken.xml").write_bytes(broken)
    (tmp_path / "other.xml").write_bytes(b'<Bericht xmlns="http://www.istandaarden.nl/ijw/3_2/jw301/schema"/>')
    problems = check(tmp_path)
    assert [p.split(":")[0] for p in problems] == ["broken.xml", "other.xml"]
    assert "not an iWmo 3.2 message" in problems[1]
