"""The decommissioning archive against the simulator over real TLS (127.0.0.1)."""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import archive_cli
from helpers import archive_truth as truth

from trudi_py.archive.integrity import check_archive
from trudi_py.archive.reader import ArchiveSource
from trudi_py.archive.writer import ArchiveWriter
from trudi_py.cli import main
from trudi_py.errors import Cancelled, ConnectError
from trudi_py.jobs.archive import archive
from trudi_py.jobs.base import CancelToken, Progress
from trudi_py.m2m import ConnectionSettings
from trudi_py.model.source import DataSource
from trudi_py.model.times import parse_time
from trudi_py.simulator import Simulator, SimulatorConfig
from trudi_py.simulator import methods as sim_methods
from trudi_py.simulator.methods import MethodResult

UTC = UTC
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
QUIRKS = frozenset({"digest-sha256-empty-body", "strict-content-type", "bare-obis",
                    "syslog-levels", "plus-1-offsets", "empty-body-once", "http-500-once",
                    "reset-mid-body-once"})
TABLES = ("readings/", "logbook.csv")


def settings_for(sim: Simulator) -> ConnectionSettings:
    c = sim.data.consumers[0]
    return ConnectionSettings(url=sim.url, user=c.user, password=c.password,
                              pin=sim.fingerprint, retry_backoff_s=0.01)


def archived(path: Path) -> tuple[set[tuple], set[tuple], dict[str, Any]]:
    """(readings as (up, db, obis, target, value), log as (index, time, message), manifest)."""
    readings, log = set(), set()
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        for name in zf.namelist():
            if name.startswith("readings/"):
                _, up, db = name.removesuffix(".csv").split("/")
                for row in csv.DictReader(io.StringIO(zf.read(name).decode())):
                    readings.add((up, db, row["obis"], row["target_time"], row["value"]))
        for row in csv.DictReader(io.StringIO(zf.read("logbook.csv").decode())):
            log.add((int(row["index"]), row["time"], row["message"]))
    return readings, log, manifest


def raw_metas(path: Path) -> list[dict[str, Any]]:
    with zipfile.ZipFile(path) as zf:
        return [json.loads(zf.read(n)) for n in sorted(zf.namelist())
                if n.startswith("raw/") and n.endswith(".meta.json")]


def tables(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith(TABLES)}


def codes_for(report: Any, path: str) -> set[str]:
    return {p.code for p in report.problems if p.path == path and p.severity == "error"}


def test_household_with_quirks_is_complete_and_exact(tmp_path: Path) -> None:
    with Simulator(SimulatorConfig("household", now=NOW, quirks=QUIRKS)) as sim:
        result = archive(settings_for(sim), tmp_path, excel=False, report=False)
        handshakes = sim.handshakes
        assert result.path.name == "smgw-ETHE0300004261-20261128.zip"
        readings, log, manifest = archived(result.path)
        until = parse_time(manifest["archive-until"])
        want_readings, want_log, minimal = truth(sim, until)
        secret = sim.data.consumers[0].password.encode()
    assert result.complete and manifest["complete"] and manifest["missing"] == []
    assert readings == want_readings
    assert log == want_log
    metas = raw_metas(result.path)
    reads = [m for m in metas if m["method"] == "readings"]
    failed = [m for m in reads if m["status"] != 200 or m.get("error")]
    assert len(failed) == 1  # reset-mid-body-once: one retry, numbered like the others
    assert len(reads) == minimal + len(failed)
    assert handshakes == 2  # the reset forced the only reconnect
    assert manifest["counts"]["requests"] == len(metas)
    with zipfile.ZipFile(result.path) as zf:
        assert not any(secret in zf.read(n) for n in zf.namelist())
    report = check_archive(result.path)
    assert report.ok and report.complete, report.problems
    assert [p.code for p in report.problems if p.severity != "info"] == []
    assert any(p.code == "gap" for p in report.problems)  # the scenario's real gap


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An uninterrupted two-consumers archive made through the CLI, and the simulator state."""
    base = tmp_path_factory.mktemp("small")
    with Simulator(SimulatorConfig("two-consumers", now=NOW, state_dir=base / "sim")) as sim:
        code, summary = archive_cli(sim, base / "a.zip")
        until = parse_time(archived(base / "a.zip")[2]["archive-until"])
        want = truth(sim, until)
    return {"code": code, "summary": summary, "path": base / "a.zip", "sim": base / "sim",
            "truth": want}


def test_cli_archive_and_reader(small: dict[str, Any]) -> None:
    assert small["code"] == 0 and small["summary"]["complete"]
    readings, log, manifest = archived(small["path"])
    assert readings == small["truth"][0] and log == small["truth"][1]
    with zipfile.ZipFile(small["path"]) as zf:
        names = zf.namelist()
        report = zf.read("report.html").decode()
        excel = zf.read("excel/logbook.csv")
    assert names[-1] == "manifest.json" and "report.html" in names
    assert "data:image/png;base64," in report and "http" not in report.replace(
        manifest["gateway"]["url"], "")
    assert excel.startswith("\ufeff".encode()) and b";" in excel.splitlines()[0]
    with ArchiveSource(small["path"]) as src:
        assert isinstance(src, DataSource) and src.kind == "archive"
        up = src.usage_points()[0]
        day = src.readings(up.usage_point_id, "origin", datetime(2026, 10, 1, tzinfo=UTC),
                           datetime(2026, 10, 2, tzinfo=UTC))
        assert [len(c.readings) for c in day] == [97, 97]
        assert len(src.logbook()) == len(log)
        assert src.gateway_info().smgw_id == manifest["gateway"]["smgw-id"]


def _rewrite(src: Path, dst: Path, change: Any) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info, data, compresslevel=1)


def _flip(data: bytes) -> bytes:
    i = len(data) // 2
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]


def test_tampering_is_detected_and_named(small: dict[str, Any], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    src = small["path"]
    with zipfile.ZipFile(src) as zf:
        csv_name = next(n for n in zf.namelist() if n.endswith("/origin.csv")
                        and n.startswith("readings/"))
        raw_name = next(n for n in zf.namelist() if n.endswith("-readings.json"))
    cases = {"csv": (csv_name, lambda n, d: _flip(d) if n == csv_name else d),
             "raw": (raw_name, lambda n, d: _flip(d) if n == raw_name else d),
             "removed": ("logbook.csv", lambda n, d: None if n == "logbook.csv" else d)}
    for label, (name, change) in cases.items():
        path = tmp_path / f"{label}.zip"
        _rewrite(src, path, change)
        report = check_archive(path)
        assert not report.ok and codes_for(report, name), (label, report.problems)
    # one byte of the ZIP file itself, inside a member's compressed data
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo(csv_name)
    data[info.header_offset + 30 + len(csv_name) + info.compress_size // 2] ^= 0x40
    (tmp_path / "bytes.zip").write_bytes(bytes(data))
    assert codes_for(check_archive(tmp_path / "bytes.zip"), csv_name)
    capsys.readouterr()
    assert main(["verify", str(tmp_path / "csv.zip")]) == 7
    assert csv_name in capsys.readouterr().err


def test_cancel_crash_and_resume_give_identical_tables(small: dict[str, Any], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "b.zip"
    with Simulator(SimulatorConfig("two-consumers", now=NOW, state_dir=small["sim"])) as sim:
        token = CancelToken()
        seen: list[Progress] = []

        def cancel_after_five(p: Progress) -> None:
            seen.append(p)
            if sum(x.phase == "readings" for x in seen) == 5:
                token.cancel()

        with pytest.raises(Cancelled, match="--resume"):
            archive(settings_for(sim), out, progress=cancel_after_five, cancel=token)
        assert Path(f"{out}.part").exists() and not out.exists()
        # a hard crash in the middle of the resumed run: no central directory, torn state
        calls = {"n": 0}
        real_store = ArchiveWriter.store_window

        def crashing_store(self: ArchiveWriter, *args: Any) -> Any:
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("simulated crash")
            return real_store(self, *args)

        def hard_abandon(self: ArchiveWriter) -> None:
            self.zip._zf.fp = None  # the process dies: nothing more is written
            self.zip._fp.close()

        monkeypatch.setattr(ArchiveWriter, "store_window", crashing_store)
        monkeypatch.setattr(ArchiveWriter, "abandon", hard_abandon)
        with pytest.raises(RuntimeError, match="simulated crash"):
            archive(settings_for(sim), out, resume=True)
        monkeypatch.undo()
        result = archive(settings_for(sim), out, resume=True)
    assert result.complete and result.resumed
    assert tables(out) == tables(small["path"])
    windows = [(m["request"]["usage-point-id"], m["request"]["database"],
                m["request"].get("fromtime")) for m in raw_metas(out)
               if m["method"] == "readings" and m["status"] == 200]
    assert len(windows) == len(set(windows)) == small["truth"][2]
    report = check_archive(out)
    assert report.ok and report.complete, report.problems


def test_unreachable_window_gives_incomplete_archive(small: dict[str, Any], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    real = sim_methods.HANDLERS["readings"]
    bad: dict[str, Any] = {"after": None, "up": None}

    def failing(body: dict[str, Any], ctx: Any) -> MethodResult:
        if body.get("usage-point-id") == bad["up"] and body.get("database") == "origin" \
                and body.get("fromtime") == bad["after"]:
            return MethodResult({"error": "internal error"}, status=500)
        return real(body, ctx)

    monkeypatch.setitem(sim_methods.HANDLERS, "readings", failing)
    with Simulator(SimulatorConfig("two-consumers", now=NOW, state_dir=small["sim"])) as sim:
        up = sim.data.consumers[0].usage_points[0]
        bad["up"] = up.usage_point_id
        start = parse_time(up.user_info["start-time"])
        bad["after"] = (start - timedelta(seconds=1) + timedelta(days=31)).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        result = archive(settings_for(sim), tmp_path / "c.zip", excel=False, report=False)
    assert not result.complete
    (gap,) = result.missing
    assert gap["usage-point-id"] == up.usage_point_id and gap["database"] == "origin"
    assert gap["from"] == bad["after"] and "500" in gap["reason"]
    readings, _, manifest = archived(result.path)
    lost = {r for r in small["truth"][0] if r[0] == up.usage_point_id and r[1] == "origin"
            and bad["after"] < r[3] <= gap["to"]}
    assert lost and readings == small["truth"][0] - lost
    assert all(not (bad["after"] < g["from"] < gap["to"]) for g in manifest["gaps"])
    report = check_archive(result.path)
    assert not report.complete and any(p.code == "incomplete" for p in report.problems)


def test_connection_lost_keeps_part_and_resume_finishes(small: dict[str, Any],
                                                        tmp_path: Path) -> None:
    out = tmp_path / "d.zip"
    cfg = SimulatorConfig("two-consumers", now=NOW, state_dir=small["sim"])
    with Simulator(cfg) as sim:
        def stop_mid_run(p: Progress) -> None:
            if p.phase == "readings" and p.done == 4:
                sim.stop()

        with pytest.raises(ConnectError, match="--resume"):
            archive(settings_for(sim), out, progress=stop_mid_run, excel=False, report=False)
    assert Path(f"{out}.part").exists()
    with Simulator(cfg) as sim:  # the gateway is back (on another port)
        result = archive(settings_for(sim), out, resume=True, excel=False, report=False)
    assert result.complete
    assert archived(out)[0] == small["truth"][0]
    assert check_archive(out).ok


def test_idle_timeout_reconnects_once_and_loses_nothing(small: dict[str, Any],
                                                        tmp_path: Path) -> None:
    # The idle timeout is long enough that no ordinary pause between two requests (a busy
    # writer, a loaded machine: seen with 0.3 s) reaches it; only the deliberate one does.
    cfg = SimulatorConfig("two-consumers", now=NOW, state_dir=small["sim"], idle_timeout_s=2.0)
    with Simulator(cfg) as sim:
        def pause_once(p: Progress) -> None:
            if p.phase == "readings" and p.done == 3:
                time.sleep(2.6)  # longer than the gateway's idle timeout

        result = archive(settings_for(sim), tmp_path / "e.zip", progress=pause_once,
                         excel=False, report=False)
        handshakes = sim.handshakes
    assert result.complete and handshakes == 2 == result.handshakes
    assert archived(result.path)[0] == small["truth"][0]
    report = check_archive(result.path)
    assert report.ok and report.complete, report.problems
