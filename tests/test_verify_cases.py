"""Every TRuDI case of shared/data/trudi/cases.json (verify.md; hidden cases are alike)."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from trudi_py.errors import CannotCompute
from trudi_py.verify import verify_transparency


def _data_dir() -> Path:
    candidate = Path(__file__).resolve().parents[2] / "shared" / "data" / "trudi"
    if (candidate / "cases.json").is_file():
        return candidate
    env = os.environ.get("TRUDI_SHARED")
    if env:
        for path in (Path(env), Path(env) / "data" / "trudi"):
            if (path / "cases.json").is_file():
                return path
    return candidate


DATA = _data_dir()
CASES = json.loads((DATA / "cases.json").read_text()) if (DATA / "cases.json").is_file() else []


@pytest.mark.skipif(not CASES, reason="shared TRuDI data not found")
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
