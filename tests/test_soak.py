"""Soak: archive runs against a gateway with random transport faults lose nothing.

The simulator's quirk ``random-faults=P`` answers a data request with probability P with a
reset mid-body, a 500, an empty 200, an idle drop (normal answer, then the connection is
closed without notice) or a 300-800 ms latency spike, seeded (``fault-seed=N``). Each run
must end in an archive equal to the simulator's truth — via the client's retries, or after
the run stopped resumable and was resumed (the first run always meets an outage of resets
that stops it). ``TRUDI_SOAK_RUNS`` raises the number of runs,
``TRUDI_SOAK_FAULTS`` the probability. The figures are printed to the terminal.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from helpers import NOW, settings_for
from helpers import archive_truth as truth

from trudi_py.archive.integrity import check_archive
from trudi_py.errors import ConnectError, GatewayError
from trudi_py.jobs.archive import archive
from trudi_py.jobs.base import Progress, no_progress
from trudi_py.m2m import GatewayClient
from trudi_py.model.times import parse_time
from trudi_py.simulator import Simulator, SimulatorConfig
from trudi_py.simulator.faults import (
    EMPTY_200,
    FAULT_KINDS,
    HTTP_500,
    IDLE_DROP,
    LATENCY,
    RESET,
    RandomFaults,
)

#: end-to-end and long: still run by default (CI runs everything); -m 'not slow' skips
pytestmark = pytest.mark.slow

RUNS = int(os.environ.get("TRUDI_SOAK_RUNS", "3"))
PROBABILITY = float(os.environ.get("TRUDI_SOAK_FAULTS", "0.2"))
SEED = 4261
MAX_ATTEMPTS = 10  # archive() calls per run (first + resumes/re-runs) before giving up


def archive_rows(path: Path) -> tuple[list[tuple], list[tuple], dict[str, Any]]:
    """Every reading row (up, db, obis, target, value) and log row, duplicates kept."""
    readings: list[tuple] = []
    log: list[tuple] = []
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None  # every member's CRC is right
        manifest = json.loads(zf.read("manifest.json"))
        for name in zf.namelist():
            if name.startswith("readings/"):
                _, up, db = name.removesuffix(".csv").split("/")
                for row in csv.DictReader(io.StringIO(zf.read(name).decode())):
                    readings.append((up, db, row["obis"], row["target_time"], row["value"]))
        for row in csv.DictReader(io.StringIO(zf.read("logbook.csv").decode())):
            log.append((int(row["index"]), row["time"], row["message"]))
    return readings, log, manifest


def in_gap(row: tuple, missing: list[dict[str, Any]]) -> bool:
    up, db, _, target, _ = row
    return any(m["what"] == "readings" and m["usage-point-id"] == up and m["database"] == db
               and (m["from"] is None or m["from"] < target)
               and (m["to"] is None or target <= m["to"]) for m in missing)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Simulator(SimulatorConfig("two-consumers", now=NOW, latency_ms=0,
                                   state_dir=tmp_path_factory.mktemp("soak-sim"))) as sim:
        yield sim


def one_run(sim: Any, out: Path, stats: Counter, quirks: str, outage_after: int | None
            ) -> Path:
    """Archive until complete: resume a kept .part, re-run after an honest incomplete end.

    ``outage_after``: after that many readings windows of the first attempt every request
    is reset (an outage), which must stop the run resumable; the faults go back to
    ``quirks`` for the resume."""
    settings = settings_for(sim, timeout_s=10.0)
    resume = False
    sim.set_quirks(quirks)

    def outage(p: Progress) -> None:
        if p.phase == "readings" and p.done == outage_after:
            sim.set_quirks("random-faults=1")
            sim.random_faults.kinds = (RESET,)

    for attempt in range(MAX_ATTEMPTS):
        stats["archive calls"] += 1
        progress = outage if attempt == 0 and outage_after else no_progress
        try:
            result = archive(settings, out, resume=resume, excel=False, report=False,
                             progress=progress)
        except (ConnectError, GatewayError) as exc:  # a meta step failed 3 times
            part = out.with_name(out.name + ".part")
            assert not out.exists()
            sim.set_quirks(quirks)  # the outage (if any) is over
            resume = part.exists()
            if resume:
                assert "--resume" in str(exc)
                stats["stopped resumable"] += 1
            else:  # failed before anything was written (smgw-info): nothing to resume
                stats["failed before the .part"] += 1
            continue
        if resume:
            stats["resumed to the end"] += 1
        if result.complete:
            return result.path
        # finished, but a window stayed out of reach: it must be named, never silent
        readings, _, manifest = archive_rows(result.path)
        assert manifest["complete"] is False and manifest["missing"] == result.missing
        report = check_archive(result.path)
        assert not report.complete and any(p.code == "incomplete" for p in report.problems)
        want = truth(sim, parse_time(manifest["archive-until"]))[0]
        assert set(readings) <= want
        assert all(in_gap(r, result.missing) for r in want - set(readings))
        stats["honest incomplete (re-run)"] += 1
        out = out.with_name(out.stem + "-again.zip")
        resume = False
    raise AssertionError(f"no complete archive after {MAX_ATTEMPTS} attempts")


def test_soak_archive_under_random_faults(faulty: Any, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str],
                                          record_property: Any) -> None:
    sim = faulty
    stats: Counter = Counter()
    faults: Counter = Counter()
    started = time.monotonic()
    for run in range(RUNS):
        sim.reset_counters()
        path = one_run(sim, tmp_path / f"run{run}.zip", stats,
                       f"random-faults={PROBABILITY},fault-seed={SEED + run}",
                       outage_after=3 if run == 0 else None)
        sim.set_quirks(())
        faults.update(sim.faults)
        stats["requests"] += len(sim.requests)
        readings, log, manifest = archive_rows(path)
        want_readings, want_log, _ = truth(sim, parse_time(manifest["archive-until"]))
        assert manifest["complete"] and manifest["missing"] == []
        assert len(readings) == len(set(readings)), "duplicate reading rows"
        assert len(log) == len(set(log)), "duplicate logbook rows"
        assert set(readings) == want_readings
        assert set(log) == want_log
        report = check_archive(path)
        assert report.ok and report.complete, report.problems
        assert not Path(f"{path}.part").exists()
        stats["readings compared"] += len(readings)
        stats["log entries compared"] += len(log)
    elapsed = time.monotonic() - started
    figures = {"runs": RUNS, "probability": PROBABILITY, "seed": SEED,
               "faults": {k: faults[k] for k in FAULT_KINDS}, **dict(stats),
               "seconds": round(elapsed, 1)}
    for key, value in figures.items():
        record_property(key, value)
    with capsys.disabled():
        print(f"\nsoak figures: {json.dumps(figures)}")
    assert sum(faults.values()) > 0


# -- the fault generator and each kind of fault on its own ------------------------------------

def test_random_faults_are_deterministic_per_seed() -> None:
    def draws(seed: int) -> list[Any]:
        gen = RandomFaults(0.3, seed)
        return [gen.draw() for _ in range(200)]

    first = draws(7)
    assert first == draws(7) and first != draws(8)
    assert {f.kind for f in first if f} == set(FAULT_KINDS)
    spikes = [f.delay_s for f in first if f and f.kind == LATENCY]
    assert spikes and all(0.3 <= d <= 0.8 for d in spikes)


@pytest.mark.parametrize("text", ["random-faults=1.5", "random-faults=x", "fault-seed=x"])
def test_bad_fault_quirks_are_usage_errors(sim: Any, text: str) -> None:
    from trudi_py.errors import UsageError
    with pytest.raises(UsageError):
        sim.set_quirks(text)


@pytest.mark.parametrize("kind, error", [(RESET, ConnectError), (HTTP_500, GatewayError),
                                         (EMPTY_200, GatewayError)])
def test_failing_kinds_are_retried_then_reported(sim: Any, kind: str, error: type) -> None:
    sim.set_quirks("random-faults=1")
    sim.random_faults.kinds = (kind,)
    with GatewayClient(settings_for(sim)) as client:
        client.connect()
        with pytest.raises(error):
            client.smgw_info()
    assert sim.faults[kind] == 3  # first attempt + 2 retries
    assert len([r for r in sim.requests if r.method == "smgw-info"]) == 3


@pytest.mark.parametrize("kind", [IDLE_DROP, LATENCY])
def test_harmless_kinds_cost_only_time_or_a_reconnect(sim: Any, kind: str) -> None:
    sim.set_quirks("random-faults=1")
    sim.random_faults.kinds = (kind,)
    with GatewayClient(settings_for(sim, timeout_s=5.0)) as client:
        client.connect()
        started = time.monotonic()
        assert client.smgw_info().smgw_id == sim.data.smgw_id
        elapsed = time.monotonic() - started
        sim.set_quirks(())
        time.sleep(0.1)  # the dropped connection's close has arrived
        assert client.user_info()
        handshakes = client.handshakes
    assert sim.faults[kind] == 1
    if kind == LATENCY:
        assert elapsed >= 0.3 and handshakes == 1  # the spike was waited out
    else:
        assert handshakes == 2  # a new, again pinned, connection after the silent close


# -- the archive job's answers to faults that outlast the client's retries ----------------------

def failing_first(monkeypatch: pytest.MonkeyPatch, method: str, times: int,
                  match: Any = lambda body: True) -> dict[str, int]:
    """The simulator answers ``method`` (where ``match``) with 500 the first ``times`` times."""
    from trudi_py.simulator import methods as sim_methods
    from trudi_py.simulator.methods import MethodResult
    real = sim_methods.HANDLERS[method]
    seen = {"failed": 0}

    def handler(body: dict[str, Any], ctx: Any) -> MethodResult:
        if match(body) and seen["failed"] < times:
            seen["failed"] += 1
            return MethodResult({"error": "internal error"}, status=500)
        return real(body, ctx)

    monkeypatch.setitem(sim_methods.HANDLERS, method, handler)
    return seen


def check_equals_truth(sim: Any, path: Path) -> None:
    readings, log, manifest = archive_rows(path)
    want_readings, want_log, _ = truth(sim, parse_time(manifest["archive-until"]))
    assert manifest["complete"] and set(readings) == want_readings and set(log) == want_log
    assert len(readings) == len(set(readings)) and check_archive(path).ok


def test_window_failing_after_retries_gets_a_second_pass(faulty: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    sim = faulty
    sim.set_quirks(())
    seen = failing_first(monkeypatch, "readings", 3,
                         lambda body: body.get("database") == "origin"
                         and not body.get("last-reading"))
    result = archive(settings_for(sim), tmp_path / "second.zip", excel=False, report=False)
    assert seen["failed"] == 3 and result.complete and result.missing == []
    check_equals_truth(sim, result.path)


def test_meta_step_failing_after_retries_keeps_part_for_resume(
        faulty: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sim = faulty
    sim.set_quirks(())
    out = tmp_path / "meta.zip"
    failing_first(monkeypatch, "usage-point-info", 3)
    with pytest.raises(GatewayError) as err:
        archive(settings_for(sim), out, excel=False, report=False)
    assert "--resume" in str(err.value) and "--resume" in err.value.text("de")
    assert err.value.status == 500 and Path(f"{out}.part").exists() and not out.exists()
    result = archive(settings_for(sim), out, resume=True, excel=False, report=False)
    assert result.complete and result.resumed
    check_equals_truth(sim, out)
