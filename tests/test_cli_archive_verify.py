"""`trudi-py verify FILE.zip` end to end: archive the simulated gateway (real TLS), then check
the ZIP offline — integrity, tariff registers per billing period, signatures (verify.md §F)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from helpers import NOW, settings_for

from trudi_py.cli import main
from trudi_py.jobs.archive import archive
from trudi_py.simulator import Simulator, SimulatorConfig
from trudi_py.simulator.scenarios import CORRUPT_CALCULATED, corrupted_period


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory,
             sim_state: Path):  # type: ignore[no-untyped-def]
    """two-consumers with a corrupted TAF-2 register: consumer1 (TAF-7, TAF-2) and
    consumer2 (TAF-7, TAF-1), each archived once."""
    out = tmp_path_factory.mktemp("archives")
    with Simulator(SimulatorConfig(scenario="two-consumers", now=NOW, state_dir=sim_state,
                                   latency_ms=0, corrupt_calculated=True)) as sim:
        first = archive(settings_for(sim, 0), out / "c1.zip", excel=False, report=False)
        second = archive(settings_for(sim, 1), out / "c2.zip", excel=False, report=False)
        assert first.complete and second.complete
        yield sim.data, first.path, second.path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["verify", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_corrupted_register_is_named(archives, capsys) -> None:  # type: ignore[no-untyped-def]
    data, c1, _ = archives
    up_id, obis, start, end = corrupted_period(data)
    code, out, err = _run(capsys, str(c1), "--json")
    assert code == 7
    doc = json.loads(out)
    assert doc["archive"]["complete"] is True and doc["archive"]["members-checked"] > 10
    assert not [p for p in doc["archive"]["problems"] if p["severity"] == "error"]
    (up,) = doc["usage-points"]
    assert up["usage-point-id"] == up_id and up["taf"] == "2"
    assert up["profile"]["signature"] == "valid"
    statuses = [p["status"] for p in up["billing-periods"]]
    assert statuses[-1] == "open" and statuses.count("mismatch") == 1
    bad = next(p for p in up["billing-periods"] if p["status"] == "mismatch")
    z = "%Y-%m-%dT%H:%M:%SZ"
    assert (bad["start"], bad["end"]) == (start.strftime(z), end.strftime(z))
    reg = next(r for r in bad["registers"] if r["obis"] == obis)
    assert reg["difference"] == str(-CORRUPT_CALCULATED.delta)
    assert all(r["difference"] == "0" for r in bad["registers"] if r["obis"] != obis)
    assert any(f["code"] == "register-mismatch" and up_id in f["message"]
               for f in doc["findings"])
    assert f"mismatch: usage point {up_id}, billing period {start.strftime(z)}" in err
    assert obis in err
    assert doc["reading-signatures"]["present"] > 0 and doc["reading-signatures"]["checked"] == 0
    assert doc["certificates"] and all(c["sig-signed-by-sub-ca"] for c in doc["certificates"])


def test_clean_taf1_archive_exits_0(archives, capsys) -> None:  # type: ignore[no-untyped-def]
    _, _, c2 = archives
    code, out, err = _run(capsys, str(c2), "--json")
    assert code == 0, err
    (up,) = json.loads(out)["usage-points"]
    assert up["taf"] == "1"
    statuses = [p["status"] for p in up["billing-periods"]]
    # the field gateway: 3 monthly periods, then daily ones; TAF-1 without profile and
    # origin is compared via the same meter's TAF-7 readings
    assert statuses == ["match"] * (len(statuses) - 1) + ["open"] and len(statuses) > 4
    assert up["readings-source"].endswith(".taf7-1.sm")


def test_tampered_member_fails_the_integrity_check(  # type: ignore[no-untyped-def]
        archives, capsys, tmp_path) -> None:
    _, _, c2 = archives
    bad = tmp_path / "tampered.zip"
    with zipfile.ZipFile(c2) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.endswith("/derived.csv"):
                lines = body.decode("utf-8").splitlines(keepends=True)
                cols = lines[2].split(",")
                cols[4] = str(int(cols[4]) + 1)
                lines[2] = ",".join(cols)
                body = "".join(lines).encode("utf-8")
            dst.writestr(item.filename, body)
    code, out, err = _run(capsys, str(bad), "--json")
    assert code == 7
    doc = json.loads(out)
    assert any(p["severity"] == "error" and "derived.csv" in (p.get("path") or "")
               for p in doc["archive"]["problems"])
    assert any(f["code"] == "archive-integrity" for f in doc["findings"])
    assert "derived.csv" in err


def test_not_an_archive_gives_a_document_and_exit_7(  # type: ignore[no-untyped-def]
        tmp_path, capsys) -> None:
    bad = tmp_path / "empty.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("hello.txt", "not an archive")
    code, out, err = _run(capsys, str(bad), "--json")
    assert code == 7 and "Traceback" not in err
    doc = json.loads(out)
    assert doc["usage-points"] == [] and doc["archive"]["problems"]
    assert doc["findings"][0]["code"] == "archive-not-readable"
