"""The field gateway (the simulator's default, firmware v3.87.0-cc) end to end: archive over
real TLS, then `verify X.zip` must not raise a false alarm (IF_GW_CON.md "Field evidence")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import NOW, settings_for

from trudi_py.cli import main
from trudi_py.jobs.archive import archive
from trudi_py.simulator import Simulator, SimulatorConfig
from trudi_py.simulator.scenarios import CORRUPT_CALCULATED, corrupted_period


@pytest.fixture(scope="module")
def field_archives(tmp_path_factory: pytest.TempPathFactory, sim_state: Path):  # type: ignore[no-untyped-def]
    """The default (field) household archived once; the field two-consumers scenario (3
    months, consumer1 with TAF-7 and TAF-2) with a corrupted TAF-2 register."""
    out = tmp_path_factory.mktemp("field")
    with Simulator(SimulatorConfig(now=NOW, state_dir=sim_state, latency_ms=0)) as sim:
        good = archive(settings_for(sim), out / "good.zip", excel=False, report=False)
        data = sim.data
    with Simulator(SimulatorConfig(scenario="two-consumers", now=NOW, state_dir=sim_state,
                                   latency_ms=0, corrupt_calculated=True)) as sim:
        bad = archive(settings_for(sim), out / "bad.zip", excel=False, report=False)
        bad_data = sim.data
    assert good.complete and bad.complete
    yield data, good.path, bad_data, bad.path


def _verify(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["verify", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_default_gateway_verifies_clean(field_archives, capsys) -> None:  # type: ignore[no-untyped-def]
    data, good, _, _ = field_archives
    code, out, err = _verify(capsys, str(good), "--json")
    doc = json.loads(out)
    assert code == 0, (err, doc["findings"])
    # no certificate finding although cryptography cannot parse the HAN certificate
    assert not doc["archive"]["problems"] or all(
        "certificate" not in p["code"] for p in doc["archive"]["problems"])
    ups = {u["taf"]: u for u in doc["usage-points"]}
    taf7 = next(up.usage_point_id for c in data.consumers for up in c.usage_points
                if up.taf == "7")
    # TAF-1: no profile, not checkable as such; periods compared via the TAF-7 readings
    assert ups["1"]["profile"]["present"] is False
    assert ups["1"]["readings-source"] == taf7
    statuses = [p["status"] for p in ups["1"]["billing-periods"]]
    assert statuses[-1] == "open" and set(statuses[:-1]) == {"match"}
    assert len(statuses) > 20  # monthly then daily periods
    # TAF-2: signed profile, every closed period matches
    assert ups["2"]["profile"]["signature"] == "valid"
    statuses2 = [p["status"] for p in ups["2"]["billing-periods"]]
    assert set(statuses2[:-1]) == {"match"} and statuses2[-1] == "open"
    verdicts = doc["verdicts"]
    assert not [v for v in verdicts if v["outcome"] == "wrong"]
    profile = next(v for v in verdicts if v["subject"].startswith("taf1")
                   and "tariff profile" in v["subject"])
    assert profile["outcome"] == "not-checkable"
    assert profile["reason"] == "the gateway offers no tariff profile for this contract"
    periods = next(v for v in verdicts if v["subject"].startswith("taf1")
                   and "billing period" in v["subject"])
    assert periods["outcome"] == "right" and f"origin of {taf7}" in periods["evidence"][0]


def test_text_names_source_and_note(field_archives, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data, good, _, _ = field_archives
    page = tmp_path / "verdicts.html"
    code, out, _ = _verify(capsys, str(good), "--html", str(page), "--lang", "de")
    html = page.read_text(encoding="utf-8")
    assert code == 0 and "nicht prüfbar" in html and "geprüft und richtig" in html
    assert "Das Gateway bietet für diesen Vertrag kein Tarifprofil an" in html
    assert "geprüft und FALSCH" not in html
    assert "Zählerstände: origin von" in html and "meter readings" not in html  # one language
    code, out, _ = _verify(capsys, str(good), "--lang", "en")
    taf7 = next(up.usage_point_id for c in data.consumers for up in c.usage_points
                if up.taf == "7")
    assert code == 0
    assert f"meter readings from: {taf7} (origin)" in out
    assert "[?] taf1 (TAF-1): tariff profile: not checkable — the gateway offers no tariff " \
           "profile for this contract" in out
    assert "Note: not everything could be checked" in out


def test_strict_makes_not_checkable_exit_8(field_archives, capsys) -> None:  # type: ignore[no-untyped-def]
    _, good, _, _ = field_archives
    code, out, _ = _verify(capsys, str(good), "--strict", "--lang", "en")
    assert code == 8 and "--strict was given (exit 8)" in out


def test_corrupted_calculated_register_exit_7(field_archives, capsys) -> None:  # type: ignore[no-untyped-def]
    _, _, bad_data, bad = field_archives
    up_id, obis, start, end = corrupted_period(bad_data)
    code, out, err = _verify(capsys, str(bad), "--json")
    assert code == 7
    doc = json.loads(out)
    z = "%Y-%m-%dT%H:%M:%SZ"
    wrong = [(u["usage-point-id"], p["start"], p["end"], r["obis"])
             for u in doc["usage-points"] for p in u["billing-periods"]
             for r in p["registers"] if r["difference"] not in ("0", None)]
    assert wrong == [(up_id, start.strftime(z), end.strftime(z), obis)]
    assert f"mismatch: usage point {up_id}, billing period {start.strftime(z)} – " \
           f"{end.strftime(z)}, register {obis}" in err
    assert CORRUPT_CALCULATED.obis == obis
