"""Trust: a changed certificate is never accepted, also not on a silent reconnect."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import NOW, settings_for

from trudi_py.errors import PinMismatch
from trudi_py.m2m import GatewayClient, PinStore
from trudi_py.simulator import Simulator, SimulatorConfig


def test_different_certificate_on_reconnect_is_refused(tmp_path) -> None:
    first = Simulator(SimulatorConfig(now=NOW, state_dir=tmp_path / "a", latency_ms=0)).start()
    port = first.port
    client = GatewayClient(settings_for(first))
    try:
        assert client.smgw_info().smgw_id == first.data.smgw_id
        first.stop()
        # a fake gateway takes over the same address with its own certificate
        with Simulator(SimulatorConfig(now=NOW, state_dir=tmp_path / "b", latency_ms=0,
                                       port=port)) as fake:
            assert fake.fingerprint != first.fingerprint
            with pytest.raises(PinMismatch):
                client.smgw_info()
            assert fake.requests == []  # not one HTTP byte reached the impostor
    finally:
        client.close()
        first.stop()


def test_pin_store_is_atomic_json_and_forgettable(sim) -> None:
    store = PinStore()
    store.set(sim.url, sim.fingerprint, "CN=x")
    assert store.get(sim.url).sha256 == sim.fingerprint
    assert list(store.path.parent.glob(".pins-*")) == []  # no temp file left behind
    listed = subprocess.run([sys.executable, "-m", "trudi_py", "pins", "list"],
                            capture_output=True, text=True, timeout=30)
    assert sim.url.replace("https://", "") in listed.stdout
    forgot = subprocess.run([sys.executable, "-m", "trudi_py", "pins", "forget", sim.url],
                            capture_output=True, text=True, timeout=30)
    assert forgot.returncode == 0 and PinStore().get(sim.url) is None


def test_damaged_pin_store_is_refused_not_re_trusted(sim) -> None:
    from trudi_py.errors import TrustError
    store = PinStore()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{not json", encoding="utf-8")
    with pytest.raises(TrustError) as err:
        GatewayClient(settings_for(sim, pin=None), pin_store=store)
    assert "damaged" in str(err.value)
