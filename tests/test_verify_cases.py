"""Every TRuDI case of tests/data/trudi/cases.json (docs/verification.md)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from helpers import TRUDI_CASES

from trudi_py.errors import CannotCompute
from trudi_py.verify import verify_transparency

DATA = TRUDI_CASES
#: A missing reference file fails the collection (never a skip).
CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict) -> None:
    device = (DATA / case["device"]).read_bytes()
    supplier = (DATA / case["supplier"]).read_bytes()
    if "expected" not in case:
        with pytest.raises(CannotCompute) as info:
            verify_transparency(device, supplier)
        assert info.value.rule == case["rule"]
        doc = json.loads(info.value.result.to_json())  # type: ignore[attr-defined]
        assert doc["registers"] == [] and doc["begin"] is None
        assert doc["findings"][-1] == {"severity": "error", "code": case["rule"],
                                       "message": info.value.message}
        return
    result = verify_transparency(device, supplier)
    expected = case["expected"]
    doc = json.loads(result.to_json())
    assert doc["taf"] == case["taf"]
    assert datetime.fromisoformat(doc["begin"]) == datetime.fromisoformat(expected["begin"])
    assert datetime.fromisoformat(doc["end"]) == datetime.fromisoformat(expected["end"])
    got = [(r["obis"], r["tariff"], r["amount"]) for r in doc["registers"]]
    want = [(r["obis"], r["tariff"], r["amount"]) for r in expected["registers"]]
    assert got == want
