"""The `trudi-py` command line against the simulator (separate processes, real TLS)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from helpers import NOW, point, stop_process, truth_readings

from trudi_py.model.times import format_utc


def run(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "trudi_py", *args], capture_output=True,
                          text=True, env=full_env, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture()
def conn(sim) -> tuple[list[str], dict]:
    c = sim.data.consumers[0]
    return (["--url", sim.url, "--user", c.user, "--pin", f"sha256:{sim.fingerprint}"],
            {"TRUDI_PASSWORD": c.password})


def test_info_json(sim, conn) -> None:
    args, env = conn
    result = run("info", *args, "--json", env=env)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["smgw-id"] == sim.data.smgw_id
    assert doc["tls-sha256"] == sim.fingerprint
    assert doc["userid"] == sim.data.consumers[0].userid
    assert doc["smgw-time"].endswith("Z") and isinstance(doc["state-flags"], list)
    assert set(doc["firmware-info"]) == {"component", "version", "hash"}


def test_contracts_json(sim, conn) -> None:
    args, env = conn
    result = run("contracts", *args, "--json", env=env)
    assert result.returncode == 0, result.stderr
    points = json.loads(result.stdout)["usage-points"]
    truth = sim.data.consumers[0].usage_points
    assert [p["usage-point-id"] for p in points] == [p.usage_point_id for p in truth]
    taf2 = next(p for p in points if p["taf-number"] == "2")
    calculated = next(d for d in taf2["databases"] if d["database"] == "calculated")
    assert {c["obis"] for c in calculated["channels"]} >= {"0100010801ff", "0100010802ff"}
    assert all(isinstance(c["scaler"], str) for c in calculated["channels"])
    assert taf2["start-time"].endswith("Z")


def test_readings_csv_and_json(sim, conn, tmp_path) -> None:
    args, env = conn
    taf7 = point(sim, "7")
    start, end = NOW - timedelta(days=40), NOW - timedelta(days=1)
    window = ["--from", format_utc(start), "--to", format_utc(end)]
    out = tmp_path / "r.csv"
    result = run("readings", taf7.usage_point_id, *args, *window, "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    from trudi_py.model.times import parse_time
    got = {(r["obis"], parse_time(r["target_time"]), r["value"]) for r in rows}
    assert got == truth_readings(taf7, "origin", start, end)
    assert len(got) == len(rows)
    first = rows[0]
    assert first["scaler"] == "-1" and first["unit"] == "30"
    assert first["physical_value"] == str(int(first["value"]) / 10) or \
        first["physical_value"].startswith(first["value"][:-1])
    result = run("readings", "taf7", *args, *window, "--json", env=env)
    doc = json.loads(result.stdout)
    times = [r["target-time"] for r in doc["channels"][0]["readings"]]
    assert times == sorted(times) and len(times) == len(set(times))
    assert doc["usage-point-id"] == taf7.usage_point_id and doc["database"] == "origin"


def test_local_dates_are_whole_days(sim, conn) -> None:
    args, env = conn
    taf7 = point(sim, "7")
    result = run("readings", taf7.usage_point_id, *args, "--from", "2026-11-01", "--to",
                 "2026-11-01", "--json", env=env)
    doc = json.loads(result.stdout)
    times = [r["target-time"] for r in doc["channels"][0]["readings"]]
    assert times[0] == "2026-10-31T23:00:00Z" and times[-1] == "2026-11-01T23:00:00Z"


def test_log_filters(sim, conn) -> None:
    args, env = conn
    result = run("log", *args, "--json", "--grep", "Messwerte", env=env)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)["entries"]
    assert entries and all("Messwerte" in e["message"] for e in entries)
    indices = [int(e["index"]) for e in entries]
    assert indices == sorted(indices)


def test_self_test_then_locked(sim, conn) -> None:
    args, env = conn
    first = run("self-test", *args, env=env)
    assert first.returncode == 0, first.stderr
    second = run("self-test", *args, env=env)
    assert second.returncode == 6 and "locked" in second.stderr


def test_no_pin_non_interactive_exit_5_prints_fingerprint(sim) -> None:
    c = sim.data.consumers[0]
    result = run("info", "--url", sim.url, "--user", c.user, env={"TRUDI_PASSWORD": c.password})
    assert result.returncode == 5
    assert sim.fingerprint in result.stderr
    assert sim.requests == []


@pytest.mark.parametrize("change, code", [({"pin": "11" * 32}, 5), ({"password": "bad"}, 4)])
def test_exit_codes(sim, change, code) -> None:
    c = sim.data.consumers[0]
    pin = change.get("pin", sim.fingerprint)
    result = run("info", "--url", sim.url, "--user", c.user, "--pin", pin,
                 env={"TRUDI_PASSWORD": change.get("password", c.password)})
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors() -> None:
    assert run("info").returncode == 2
    result = run("readings", "x", "--url", "https://127.0.0.1:1", "--user", "u", "--from",
                 "not-a-date", env={"TRUDI_PASSWORD": "p", "TRUDI_URL": ""})
    assert result.returncode in (2, 3) and "Traceback" not in result.stderr


def test_password_never_printed(sim, conn) -> None:
    args, env = conn
    result = run("-v", "info", *args, env=env)
    assert env["TRUDI_PASSWORD"] not in result.stdout + result.stderr


def test_simulate_prints_listening_line(tmp_path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "trudi_py", "simulate", "--state-dir",
                             str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("listening on https://127.0.0.1:") and " sha256:" in line
    finally:
        code = stop_process(proc)
    assert code in (0, None)  # None: Windows, no signals (conftest.POSIX_ONLY)


def test_demo_no_gui_then_commands_from_a_second_terminal(tmp_path) -> None:
    """The README's demo with realistic latency and field quirks, used as a user would."""
    import re
    import signal
    proc = subprocess.Popen([sys.executable, "-m", "trudi_py", "demo", "--no-gui",
                             "--state-dir", str(tmp_path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        url, pin = re.search(r"listening on (\S+) sha256:(\w+)", lines[0]).groups()
        password = re.search(r"TRUDI_PASSWORD=(\S+)", "".join(lines) + proc.stdout.readline()
                             ).group(1)
        env = {"TRUDI_URL": url, "TRUDI_PASSWORD": password}
        info = run("info", "--user", "consumer1", "--pin", pin, "--json", env=env)
        assert info.returncode == 0, info.stderr
        assert json.loads(info.stdout)["tls-sha256"] == pin
        log = run("log", "--user", "consumer1", "--pin", pin, "--from", "2026-11-01",
                  "--json", env=env)
        assert log.returncode == 0, log.stderr
    finally:
        code = stop_process(proc, signal.SIGINT)
    assert code in (0, None)  # None: Windows, no signals (conftest.POSIX_ONLY)
