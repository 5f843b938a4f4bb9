"""The archive of a PPC gateway and its verification, against the PPC portal simulator over
real TLS on loopback — in every variant of the simulator's guesses."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ppc_util import IDS, PASSWORD, USER, VARIANTS, settings

from trudi_py.archive.integrity import check_archive
from trudi_py.cli import main
from trudi_py.errors import Cancelled
from trudi_py.jobs.archive import archive
from trudi_py.jobs.base import CancelToken, Progress
from trudi_py.simulator.ppc import PpcConfig, PpcSimulator
from trudi_py.simulator.ppc.data import obis_hex

BEZUG, EINSPEISUNG = ("han-bezug", "demo-ppc-bezug"), ("han-einspeisung", "demo-ppc-einspeisung")


@pytest.fixture(params=VARIANTS, ids=IDS)
def sim(request: pytest.FixtureRequest) -> Iterator[PpcSimulator]:
    with PpcSimulator(PpcConfig(variant=request.param)) as running:
        yield running


@pytest.fixture
def one_sim() -> Iterator[PpcSimulator]:
    with PpcSimulator(PpcConfig()) as running:
        yield running


def cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """``trudi-py …`` in this process; stdout captured."""
    mp = pytest.MonkeyPatch()
    for key, value in (env or {}).items():
        mp.setenv(key, value)
    buffer = io.StringIO()
    mp.setattr("sys.stdout", buffer)
    try:
        code = main(list(args))
    finally:
        mp.undo()
    return code, buffer.getvalue()


def truth(sim: PpcSimulator, obis: tuple[str, ...] = ("1-0:1.8.0", "1-0:2.8.0")
          ) -> dict[str, dict[str, str]]:
    """The simulator's valid values per register (hex OBIS → target text → raw value)."""
    return {obis_hex(o): {r.target.strftime("%Y-%m-%dT%H:%M:%SZ"): str(r.raw)
                          for r in sim.rows[o] if r.valid == 1} for o in obis}


def readings(path: Path) -> dict[str, dict[str, str]]:
    """The archive's readings CSV of the one meter: OBIS → target → value."""
    with zipfile.ZipFile(path) as zf:
        text = zf.read("readings/meter-1lgz0072999211/origin.csv").decode("utf-8")
    out: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        assert row["target_time"] not in out.get(row["obis"], {})
        out.setdefault(row["obis"], {})[row["target_time"]] = row["value"]
    return out


def manifest_of(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))


def rewrite(path: Path, member: str, change: Any) -> None:
    """Change one member and re-hash it in the manifest (only a deeper check can notice)."""
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members[member] = change(members[member])
    manifest = json.loads(members["manifest.json"])
    for entry in manifest["files"]:
        if entry["path"] == member:
            entry["bytes"] = len(members[member])
            entry["sha256"] = hashlib.sha256(members[member]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def test_cli_archive_then_verify_without_vendor_option(sim: PpcSimulator, tmp_path: Path
                                                       ) -> None:
    code, out = cli("archive", "--url", sim.url, "--user", USER, "--pin",
                    f"sha256:{sim.fingerprint}", "--out", str(tmp_path), "--json",
                    env={"TRUDI_PASSWORD": PASSWORD})
    result = json.loads(out)
    assert code == 0 and result["complete"], result
    path = Path(result["path"])
    assert path.name.startswith("smgw-EPPC0000012345-")
    assert readings(path) == truth(sim)
    manifest = manifest_of(path)
    assert manifest["gateway"]["vendor"] == "ppc"
    assert manifest["gateway"]["smgw-id"] == "EPPC0000012345"
    assert manifest["counts"]["log-entries"] == len(sim.log)
    assert manifest["counts"]["exports"] == len(sim.exports) > 0
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        cms = [zf.read(n) for n in sorted(names) if n.endswith(".cms")]
        metas = [json.loads(zf.read(n)) for n in names if n.endswith(".meta.json")]
        blob = b"".join(zf.read(n) for n in names)
    assert cms == sim.exports  # the signed containers byte-exact
    # every HTTP request is in raw/; the Digest challenge answered inside one is counted
    assert len(metas) + sum(m["digest-challenges"] for m in metas) == len(sim.requests)
    assert all("tkn" not in m["fields"] for m in metas)
    assert PASSWORD.encode() not in blob
    assert sim.session is None and sim.count("logout") == 1  # logged out
    assert sim.login_attempts == 1
    code, text = cli("verify", str(path), "--json")
    verdicts = json.loads(text)
    assert code == 0, text
    assert verdicts["archive"]["problems"] == [] or all(
        p["severity"] != "error" for p in verdicts["archive"]["problems"])


def test_verdicts_name_the_exports_and_the_register_check_honestly(one_sim: PpcSimulator,
                                                                   tmp_path: Path) -> None:
    result = archive(settings(one_sim), tmp_path, vendor="ppc", excel=False)
    code, text = cli("verify", str(result.path), "--lang", "en")
    assert code == 0, text
    assert "Signed exports of the PPC portal (CMS): checked and right" in text
    assert "Signed exports against the portal's pages (values, logbook): checked and right" in text
    assert "Bezug Monat (TAF-1): billing period" in text


def test_a_changed_value_is_found_by_re_deriving_the_csv(one_sim: PpcSimulator,
                                                         tmp_path: Path) -> None:
    path = archive(settings(one_sim), tmp_path, vendor="ppc", report=False).path
    member = "readings/meter-1lgz0072999211/origin.csv"
    rewrite(path, member, lambda b: b.replace(b",-1,30,", b",-1,30,1", 1))
    report = check_archive(path)
    assert {(p.code, p.path) for p in report.problems if p.severity == "error"} == {
        ("csv-mismatch", member)}
    code, _ = cli("verify", str(path))
    assert code == 7


def test_a_changed_export_fails_its_signature(one_sim: PpcSimulator, tmp_path: Path) -> None:
    path = archive(settings(one_sim), tmp_path, vendor="ppc", report=False).path
    with zipfile.ZipFile(path) as zf:
        exports = json.loads(zf.read("exports.json"))["exports"]
    assert {e["kind"] for e in exports} == {"values", "log", "tariff-profile", "comm-profile"}
    member = next(e["raw"] for e in exports if e["kind"] == "values" and e["raw"])
    rewrite(path, member, lambda b: b.replace(b"<ns2:long64>", b"<ns2:long64>9", 1))
    codes = {p.code for p in check_archive(path).problems if p.severity == "error"}
    assert codes == {"export-signature"}
    code, text = cli("verify", str(path), "--lang", "en")
    assert code == 7
    assert "Signed exports of the PPC portal (CMS): checked and WRONG" in text


def test_two_han_users_become_one_gateway(one_sim: PpcSimulator, tmp_path: Path) -> None:
    user, password = BEZUG
    code, out = cli("archive", "--url", one_sim.url, "--user", user, "--also-user",
                    EINSPEISUNG[0], "--pin", f"sha256:{one_sim.fingerprint}", "--out",
                    str(tmp_path), "--json", "--no-excel",
                    env={"TRUDI_PASSWORD": password, "TRUDI_PASSWORD_2": EINSPEISUNG[1]})
    result = json.loads(out)
    assert code == 0 and result["complete"], result
    path = Path(result["path"])
    assert readings(path) == truth(one_sim)  # 1.8.0 of one user, 2.8.0 of the other
    manifest = manifest_of(path)
    assert manifest["users"] == ["han-bezug", "han-einspeisung"]
    assert one_sim.login_attempts == 2 and one_sim.count("logout") == 2
    with zipfile.ZipFile(path) as zf:
        points = json.loads(zf.read("user-info.json"))["usage-points"]
    assert [p["usage-point-id"] for p in points] == ["21", "27", "meter-1lgz0072999211"]
    assert check_archive(path).ok
    assert cli("verify", str(path))[0] == 0


def test_one_user_sees_only_its_direction(one_sim: PpcSimulator, tmp_path: Path) -> None:
    path = archive(settings(one_sim, *EINSPEISUNG), tmp_path, vendor="ppc",
                   report=False).path
    assert readings(path) == truth(one_sim, ("1-0:2.8.0",))
    assert check_archive(path).ok


def test_resume_after_a_cancel_completes_the_same_archive(one_sim: PpcSimulator,
                                                          tmp_path: Path) -> None:
    cancel = CancelToken()

    def stop_midway(p: Progress) -> None:
        if p.done == 30:
            cancel.cancel()

    out = tmp_path / "ppc.zip"
    with pytest.raises(Cancelled):
        archive(settings(one_sim), out, vendor="ppc", progress=stop_midway, cancel=cancel,
                report=False)
    assert not out.exists() and (tmp_path / "ppc.zip.part").exists()
    assert one_sim.session is None  # logged out on the way out
    result = archive(settings(one_sim), out, resume=True, report=False)  # vendor: journal
    assert result.complete and result.resumed and result.path == out
    assert readings(out) == truth(one_sim)
    assert check_archive(out).ok
    assert one_sim.login_attempts == 2


MONTH_END = dict(start=datetime(2026, 10, 28, tzinfo=UTC), end=datetime(2026, 11, 4, tzinfo=UTC))


@pytest.mark.parametrize("offset", [0, 1], ids=["agree", "differ"])
def test_tariff_registers_against_the_meter_readings(offset: int, tmp_path: Path) -> None:
    # the data holds the end of October: the October period's end register is checkable
    with PpcSimulator(PpcConfig(register_offset=offset, **MONTH_END)) as ppc:
        path = archive(settings(ppc), tmp_path, vendor="ppc", excel=False).path
    problems = {p.code: p for p in check_archive(path).problems}
    code, text = cli("verify", str(path), "--lang", "en")
    subject = "Tariff registers shown by the PPC portal against the meter readings"
    if offset == 0:
        assert code == 0, text
        assert "ppc-registers-agree" in problems and "ppc-register-differs" not in problems
        assert f"{subject}: checked and right" in text
    else:
        assert code == 7
        assert problems["ppc-register-differs"].severity == "error"
        assert f"{subject}: checked and WRONG" in text


def test_no_register_shown_is_not_checkable_and_no_failure(one_sim: PpcSimulator,
                                                           tmp_path: Path) -> None:
    # the default data (20–28 October) holds no billing period boundary
    path = archive(settings(one_sim), tmp_path, vendor="ppc", excel=False).path
    code, text = cli("verify", str(path), "--lang", "en")
    assert code == 0
    assert ("Tariff registers shown by the PPC portal against the meter readings: not "
            "checkable") in text


def test_an_export_refused_for_an_empty_window_is_no_gap(tmp_path: Path) -> None:
    # the billing periods start in August, the values on 20 October: early windows are empty
    with PpcSimulator(PpcConfig(empty_export="error")) as ppc:
        result = archive(settings(ppc), tmp_path, vendor="ppc", report=False, excel=False)
    assert result.complete and result.missing == []
    with zipfile.ZipFile(result.path) as zf:
        exports = json.loads(zf.read("exports.json"))["exports"]
    values = [e for e in exports if e["kind"] == "values"]
    assert any(e["raw"] is None and "Keine Daten" in e["note"] for e in values)
    assert any(e["raw"] for e in values)
    assert check_archive(result.path).ok


def test_a_register_two_users_see_is_archived_once(one_sim: PpcSimulator,
                                                   tmp_path: Path) -> None:
    result = archive(settings(one_sim), tmp_path, vendor="ppc", report=False, excel=False,
                     users=[BEZUG])  # han-user sees both directions, han-bezug 1.8.0 again
    assert result.complete
    assert readings(result.path) == truth(one_sim)  # no row twice (readings() asserts it)
    assert check_archive(result.path).ok
