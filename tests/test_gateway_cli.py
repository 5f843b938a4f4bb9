"""The reading CLI commands against both simulators, no vendor option given: the vendor is
found from the certificate, the commands go through the gateway contract."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from helpers import stop_process, truth_readings
from ppc_util import PASSWORD, USER

from trudi_py.simulator.loadshape import BERLIN
from trudi_py.simulator.ppc import PpcConfig, PpcSimulator
from trudi_py.vendors.ppc.mapping import obis_hex


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.pop("TRUDI_VENDOR", None)
    return subprocess.run([sys.executable, "-m", "trudi_py", *args], capture_output=True,
                          text=True, env=full_env, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def ppc() -> Iterator[PpcSimulator]:
    with PpcSimulator(PpcConfig()) as running:
        yield running


@pytest.fixture(params=["theben", "ppc"])
def gateway(request: pytest.FixtureRequest, sim, ppc: PpcSimulator  # noqa: ANN001
            ) -> tuple[str, list[str], dict[str, str]]:
    """(vendor, connection arguments, environment) for each simulator."""
    if request.param == "ppc":
        return "ppc", ["--url", ppc.url, "--user", USER, "--pin", f"sha256:{ppc.fingerprint}"], \
            {"TRUDI_PASSWORD": PASSWORD}
    c = sim.data.consumers[0]
    return "theben", ["--url", sim.url, "--user", c.user, "--pin",
                      f"sha256:{sim.fingerprint}"], {"TRUDI_PASSWORD": c.password}


def test_info(gateway) -> None:  # noqa: ANN001
    vendor, args, env = gateway
    result = run("info", *args, "--json", env=env)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["vendor"] == vendor
    assert doc["smgw-id"].upper().startswith("ETHE" if vendor == "theben" else "EPPC")
    text = run("info", *args, env=env)
    assert text.returncode == 0, text.stderr
    assert "TLS SHA-256:" in text.stdout and "Firmware:" in text.stdout


def test_contracts(gateway) -> None:  # noqa: ANN001
    vendor, args, env = gateway
    result = run("contracts", *args, "--json", env=env)
    assert result.returncode == 0, result.stderr
    points = json.loads(result.stdout)["usage-points"]
    assert points and any(p["taf-number"] == "7" for p in points)
    assert run("contracts", *args, env=env).returncode == 0


def _first_taf7(args: list[str], env: dict[str, str]) -> dict[str, str]:
    points = json.loads(run("contracts", *args, "--json", env=env).stdout)["usage-points"]
    return next(p for p in points if p["taf-number"] == "7")


def test_readings(gateway, ppc: PpcSimulator, sim) -> None:  # noqa: ANN001
    """One local day of a TAF-7 contract, exactly the simulator's valid values."""
    vendor, args, env = gateway
    point = _first_taf7(args, env)
    if vendor == "ppc":
        day = date(2026, 10, 21)
    else:
        day = datetime.fromisoformat(point["start-time"]).date() + timedelta(days=1)
    result = run("readings", point["usage-point-id"], *args, "--from", day.isoformat(),
                 "--to", day.isoformat(), env=env)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    got = {(r["obis"], datetime.fromisoformat(r["target_time"]), r["value"]) for r in rows}
    start = datetime.combine(day, time(), BERLIN).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(), BERLIN).astimezone(UTC)  # 24:00
    if vendor == "ppc":
        truth = {(obis_hex(o), x.target, str(x.raw)) for o, xs in ppc.rows.items()
                 for x in xs if x.valid == 1 and start <= x.target <= end}
        assert {r["scaler"] for r in rows} == {"-1"} and {r["unit"] for r in rows} == {"30"}
    else:
        truth = truth_readings(next(p for p in sim.data.consumers[0].usage_points
                                    if p.usage_point_id == point["usage-point-id"]),
                               "origin", start, end)
    assert got and got == truth
    last = run("readings", point["usage-point-id"], *args, "--last", "--json", env=env)
    assert last.returncode == 0, last.stderr
    assert json.loads(last.stdout)["channels"]


def test_log(gateway) -> None:  # noqa: ANN001
    vendor, args, env = gateway
    extra = ["--from", "2026-10-21", "--to", "2026-10-22"] if vendor == "ppc" else []
    result = run("log", *args, *extra, "--json", env=env)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)["entries"]
    assert entries


def test_self_test(gateway, ppc: PpcSimulator) -> None:  # noqa: ANN001
    vendor, args, env = gateway
    before = ppc.self_tests
    result = run("self-test", *args, "--json", env=env)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["started"] is True and doc["vendor"] == vendor
    assert ppc.self_tests == before + (vendor == "ppc")


def test_ppc_wrong_password_is_one_login(ppc: PpcSimulator) -> None:
    before = ppc.login_attempts
    result = run("info", "--url", ppc.url, "--user", USER, "--pin",
                 f"sha256:{ppc.fingerprint}", env={"TRUDI_PASSWORD": "wrong"})
    assert result.returncode == 4, result.stderr
    assert ppc.login_attempts == before + 1


def test_simulate_gateway_ppc_serves_the_portal(tmp_path) -> None:  # noqa: ANN001
    env = dict(os.environ)
    env.pop("TRUDI_VENDOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "trudi_py", "simulate", "--gateway", "ppc"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            stdin=subprocess.DEVNULL)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().split()
        assert first[:2] == ["listening", "on"], first
        url, pin = first[2], first[3]
        users = [proc.stdout.readline().split() for _ in range(3)]
        user, password = users[0][2].rstrip(":"), users[0][4]
        result = run("info", "--url", url, "--user", user, "--pin", pin, "--json",
                     env={"TRUDI_PASSWORD": password})
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["vendor"] == "ppc"
    finally:
        assert stop_process(proc) == 0


def test_ppc_lock_out_via_the_cli_is_the_portals_own_and_shown_with_its_time() -> None:
    """Three wrong passwords: three login requests, no more; the fourth call (right password)
    meets the lock page and says how long it lasts, without a retry."""
    with PpcSimulator(PpcConfig(lock_after=3)) as sim:
        args = ["info", "--url", sim.url, "--user", USER, "--pin", f"sha256:{sim.fingerprint}"]
        for attempt in range(1, 4):
            wrong = run(*args, env={"TRUDI_PASSWORD": f"wrong-{attempt}"})
            assert wrong.returncode == 4, wrong.stderr
            assert sim.login_attempts == attempt
        locked = run(*args, env={"TRUDI_PASSWORD": PASSWORD, "LANG": "C"})
        assert locked.returncode == 4
        assert "locked" in locked.stderr and " min " in locked.stderr
        assert sim.login_attempts == 4 and sim.session is None


def test_certificate_login_without_vendor_option(sim) -> None:  # noqa: ANN001
    """A PKCS#12 login: the vendor is found (the client certificate offered in the CONEXA's
    handshake), the login is the certificate's."""
    c = sim.data.consumers[0]
    result = run("info", "--url", sim.url, "--p12", str(c.p12_path), "--pin",
                 f"sha256:{sim.fingerprint}", "--json",
                 env={"TRUDI_P12_PASSWORD": c.p12_password or ""})
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["vendor"] == "theben" and doc["userid"] == c.userid
