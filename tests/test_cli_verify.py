"""`trudi-py verify --device --supplier` on TRuDI's cases: JSON on stdout, exit 0 / 8."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from helpers import TRUDI_CASES

from trudi_py.cli import main

DATA = TRUDI_CASES
CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_through_the_cli(case: dict, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["verify", "--device", str(DATA / case["device"]), "--supplier",
                 str(DATA / case["supplier"]), "--json"])
    out, err = capsys.readouterr()
    doc = json.loads(out)
    if "expected_error" in case:
        assert code == 8
        assert f"rule {case['rule']}:" in err
        assert any(f["code"] == case["rule"] and f["severity"] == "error"
                   for f in doc["findings"])
        return
    assert code == 0, err
    expected = case["expected"]
    assert datetime.fromisoformat(doc["begin"]) == datetime.fromisoformat(expected["begin"])
    assert datetime.fromisoformat(doc["end"]) == datetime.fromisoformat(expected["end"])
    got = [(r["obis"], r["tariff"], r["amount"]) for r in doc["registers"]]
    assert got == [(r["obis"], r["tariff"], r["amount"]) for r in expected["registers"]]


def test_unreadable_file_is_a_usage_error(tmp_path, capsys) -> None:
    bad = tmp_path / "x.xml"
    bad.write_text("<not-closed", encoding="utf-8")
    code = main(["verify", "--device", str(bad), "--supplier", str(bad)])
    assert code == 2 and "Traceback" not in capsys.readouterr().err
