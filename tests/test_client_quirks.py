"""Each field quirk of the simulator, and how the client copes with it."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from helpers import NOW, client_readings, point, settings_for, truth_readings

from trudi_py.m2m import GatewayClient

DAY_START = NOW - timedelta(days=2)


def fetch_day(sim, taf: str = "7"):
    p = point(sim, taf)
    with GatewayClient(settings_for(sim)) as client:
        channels = client.readings(p.usage_point_id, "origin", DAY_START, NOW)
        return client, channels, truth_readings(p, "origin", DAY_START, NOW)


def test_strict_content_type_is_satisfied(sim) -> None:
    sim.set_quirks("strict-content-type")
    _, channels, truth = fetch_day(sim)
    assert set(client_readings(channels)) == truth
    assert all(r.status in (200, 307, 401) for r in sim.requests)


@pytest.mark.parametrize("quirk, meter_expected", [("bare-obis", False),
                                                   ("qualified-obis", True)])
def test_obis_forms(sim, quirk: str, meter_expected: bool) -> None:
    sim.set_quirks(quirk)
    _, channels, truth = fetch_day(sim)
    assert set(client_readings(channels)) == truth
    assert all(len(c.obis) == 12 for c in channels)
    assert all(bool(c.meter_id) is meter_expected for c in channels)


def test_syslog_levels(sim) -> None:
    truth = {e.index: e.level for e in sim.data.consumers[0].log}
    sim.set_quirks("syslog-levels")
    with GatewayClient(settings_for(sim)) as client:
        syslog = {e.index: e.level for e in client.log(NOW - timedelta(days=60), NOW)}
    assert syslog and all(truth[i] == level for i, level in syslog.items())
    sim.set_quirks(())  # the field gateway (default) sends the syslog scale
    with GatewayClient(settings_for(sim)) as client:
        default = {e.index: e.level for e in client.log(NOW - timedelta(days=60), NOW)}
    assert default == syslog
    sim.set_quirks("spec-levels")
    with GatewayClient(settings_for(sim)) as client:
        spec_scale = {e.index: e.level for e in client.log(NOW - timedelta(days=60), NOW)}
    assert set(spec_scale.values()) <= {"1", "2", "3", "4"}


def test_plus_1_offsets_denote_the_same_instants(sim) -> None:
    sim.set_quirks("plus-1-offsets")
    _, channels, truth = fetch_day(sim)
    assert set(client_readings(channels)) == truth
    with GatewayClient(settings_for(sim)) as client:
        entries = client.log(NOW - timedelta(days=30), NOW)
    times = {e.index: e.time for e in sim.data.consumers[0].log}
    assert entries and all(times[e.index] == e.time for e in entries)


@pytest.mark.parametrize("quirk", ["empty-body-once", "http-500-once", "reset-mid-body-once"])
def test_one_fault_is_retried(sim, quirk: str) -> None:
    sim.set_quirks(quirk)
    _, channels, truth = fetch_day(sim)
    assert set(client_readings(channels)) == truth
    readings = [r for r in sim.requests if r.method == "readings"]
    assert len(readings) == 2  # one window, one retry


def test_idle_timeout_reconnects_transparently(sim) -> None:
    sim.set_quirks("idle-timeout=0.3")
    with GatewayClient(settings_for(sim)) as client:
        client.smgw_info()
        time.sleep(0.8)  # the gateway drops the idle connection
        assert client.smgw_info().smgw_id == sim.data.smgw_id
        assert client.handshakes == 2
    assert sim.handshakes == 2


def test_latency_is_applied_per_request(sim) -> None:
    sim.set_quirks("latency=150")
    with GatewayClient(settings_for(sim)) as client:
        client.connect()
        started = time.monotonic()
        client.smgw_info()
        client.smgw_info()
        assert time.monotonic() - started >= 0.3
