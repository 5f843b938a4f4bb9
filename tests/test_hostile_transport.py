"""A hostile or broken gateway on the wire: slow drip, cut-off bodies, redirects elsewhere.

All against the simulator over real TLS; the answers come from ``Simulator.inject``.
"""

from __future__ import annotations

import json
import socket
import time
from typing import Any

import httpcore
import pytest
from helpers import settings_for

from trudi_py.errors import ConnectError, GatewayError, GatewayTimeout
from trudi_py.m2m import GatewayClient

EVIL = "evil.example"


def info_body(sim: Any) -> bytes:
    """A valid smgw-info answer (fetched once from the simulator itself)."""
    with GatewayClient(settings_for(sim)) as client:
        answer = client.call({"method": "smgw-info"})
    sim.reset_counters()
    return json.dumps(answer).encode()


@pytest.fixture()
def hosts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every host name the process resolves or connects to while the test runs."""
    seen: list[str] = []
    real_connect = httpcore.SyncBackend.connect_tcp
    real_resolve = socket.getaddrinfo

    def connect_tcp(self: Any, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        seen.append(host)
        return real_connect(self, host, port, *args, **kwargs)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(host.decode() if isinstance(host, bytes) else str(host))
        return real_resolve(host, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return seen


# -- slow drip ---------------------------------------------------------------------------------

@pytest.mark.parametrize("drip", [(1, 0.05), (48, 0.05)], ids=["head-too", "body-only"])
def test_slow_drip_hits_the_request_deadline(sim: Any, drip: tuple[int, float]) -> None:
    """Bytes keep coming (so no single read times out), but the request as a whole ends
    after about ``timeout_s``: headers dripped a byte at a time, or a body dripped after a
    quick head."""
    body = info_body(sim) + b" " * 4000  # ≥ 6 s of dripping in either mode
    with GatewayClient(settings_for(sim, timeout_s=1.0, retries=0)) as client:
        client.connect()
        sim.inject(200, body, drip=drip)
        started = time.monotonic()
        with pytest.raises(GatewayTimeout) as err:
            client.smgw_info()
        elapsed = time.monotonic() - started
    print(f"slow drip {drip}: GatewayTimeout after {elapsed:.2f} s (timeout 1.0 s)")
    assert err.value.exit_code == 3 and "in time" in str(err.value)
    # ended at the request deadline, long before the whole answer would have dripped in
    # (bounds from the injected drip, not from the machine's speed)
    whole_drip_s = len(body) / drip[0] * drip[1]
    assert 0.9 <= elapsed < whole_drip_s / 2


def test_slow_drip_is_retried_like_a_reset(sim: Any) -> None:
    body = info_body(sim) + b" " * 4000
    with GatewayClient(settings_for(sim, timeout_s=1.0)) as client:
        client.connect()
        sim.inject(200, body, drip=(1, 0.05))
        started = time.monotonic()
        info = client.smgw_info()  # the retry gets a normal answer
        elapsed = time.monotonic() - started
    assert info.smgw_id == sim.data.smgw_id
    assert elapsed < len(body) * 0.05 / 2  # not the whole drip: cut off, then retried
    assert len([r for r in sim.requests if r.method == "smgw-info"]) == 2


# -- cut-off body ------------------------------------------------------------------------------

def test_truncated_body_is_retried_as_a_reset(sim: Any) -> None:
    body = info_body(sim)
    with GatewayClient(settings_for(sim)) as client:
        client.connect()
        sim.inject(200, body[: len(body) // 2], declared_length=len(body))
        assert client.smgw_info().smgw_id == sim.data.smgw_id
        assert client.handshakes == 2  # the cut-off connection was replaced
    assert len([r for r in sim.requests if r.method == "smgw-info"]) == 2


def test_truncated_body_every_time_is_a_clear_error(sim: Any) -> None:
    body = info_body(sim)
    with GatewayClient(settings_for(sim)) as client:
        client.connect()
        sim.inject(200, body[:20], times=3, declared_length=len(body))
        with pytest.raises(ConnectError) as err:
            client.smgw_info()
    assert err.value.exit_code == 3 and "cut off" in str(err.value)
    assert "abgeschnitten" in err.value.text("de")
    assert len([r for r in sim.requests if r.method == "smgw-info"]) == 3  # 1 + 2 retries


# -- redirects ---------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_redirect_on_a_data_request_is_never_followed(sim: Any, hosts: list[str],
                                                      status: int) -> None:
    with GatewayClient(settings_for(sim)) as client:
        client.connect()
        sim.inject(status, b"", headers={"Location": f"https://{EVIL}/smgw/m2m/x.sm/json"})
        with pytest.raises(GatewayError) as err:
            client.smgw_info()
    assert err.value.status == status and err.value.exit_code == 6
    assert "never follows" in str(err.value) and "nie" in err.value.text("de")
    assert set(hosts) == {"127.0.0.1"}  # no lookup of, no connection to another host
    assert [r.method for r in sim.requests if r.method != "discovery"] == ["smgw-info"]


@pytest.mark.parametrize("location", [
    f"https://{EVIL}/smgw/m2m/{{userid}}/json",
    f"https://{EVIL}:8443/smgw/m2m/{{userid}}",
    f"//{EVIL}/smgw/m2m/{{userid}}/json",
])
def test_discovery_location_elsewhere_yields_only_the_userid(sim: Any, hosts: list[str],
                                                            location: str) -> None:
    """SECURITY.md: the host of a discovery Location is ignored; only the userid is read
    from its path and every request stays on the pinned gateway."""
    userid = sim.data.consumers[0].userid
    sim.inject(307, b"", discovery=True, headers={"Location": location.format(userid=userid)})
    with GatewayClient(settings_for(sim)) as client:
        assert client.connect() == userid
        assert client.smgw_info().smgw_id == sim.data.smgw_id
        assert client.handshakes == 1
    assert set(hosts) == {"127.0.0.1"}
    assert [r.method for r in sim.requests if r.status != 401] == ["discovery", "smgw-info"]
