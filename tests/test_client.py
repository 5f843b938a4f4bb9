"""The M2M client against the simulated gateway over real TLS on 127.0.0.1."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import NOW, client_readings, point, settings_for, truth_readings

from trudi_py.errors import (
    AuthError,
    ConnectError,
    GatewayError,
    PinMismatch,
    SelfTestLocked,
    UnknownCertificate,
)
from trudi_py.m2m import GatewayClient, PinStore


def test_every_method(sim) -> None:
    with GatewayClient(settings_for(sim)) as client:
        userid = client.connect()
        assert userid == sim.data.consumers[0].userid
        info = client.smgw_info()
        assert info.smgw_id == sim.data.smgw_id
        assert info.han_tls_pem.startswith("-----BEGIN CERTIFICATE")
        assert [w.cert_index for w in info.wan] == [w[0] for w in sim.data.wan]
        points = client.user_info()
        truth_ids = [p.usage_point_id for p in sim.data.consumers[0].usage_points]
        assert [p.usage_point_id for p in points] == truth_ids
        taf2 = point(sim, "2")
        detail = client.usage_point_info(taf2.usage_point_id)
        assert {d.name for d in detail.databases} == {d.name for d in taf2.databases}
        assert detail.taf_profile == taf2.taf_profile_der
        only = client.usage_point_info(taf2.usage_point_id, "calculated")
        assert [d.name for d in only.databases] == ["calculated"]
        last = client.last_reading(taf2.usage_point_id)
        origin = next(d for d in taf2.databases if d.name == "origin")
        assert last.channels[0].readings[-1].value == str(origin.channels[0].readings[-1].value)
        day = client.readings(taf2.usage_point_id, "origin", NOW - timedelta(days=1), NOW)
        assert client_readings(day) == sorted(truth_readings(taf2, "origin",
                                                             NOW - timedelta(days=1), NOW))
        entries = client.log(NOW - timedelta(days=20), NOW)
        assert entries and all(NOW - timedelta(days=20) <= e.time < NOW for e in entries)
        client.self_test()
        with pytest.raises(SelfTestLocked) as locked:
            client.self_test()
        assert locked.value.remaining_s is not None and 0 < locked.value.remaining_s <= 600
        assert locked.value.exit_code == 6
    assert sim.handshakes == 1  # one keep-alive connection for all of it


def test_95_days_exactly_the_simulators_values(sim) -> None:
    taf7 = point(sim, "7")
    end = NOW - timedelta(days=3)
    start = end - timedelta(days=95)
    with GatewayClient(settings_for(sim)) as client:
        got = client_readings(client.readings(taf7.usage_point_id, "origin", start, end))
    expected = truth_readings(taf7, "origin", start, end)
    assert len(got) == len(set(got)), "a value came twice"
    assert set(got) == expected
    readings_requests = [r for r in sim.requests if r.method == "readings"]
    assert len(readings_requests) == 4  # ceil(95 days / 31 days)


def test_value_at_contract_start_is_included(sim) -> None:
    taf1 = point(sim, "1")
    with GatewayClient(settings_for(sim)) as client:
        start = next(p for p in client.user_info() if p.taf == "1").start
        got = client.readings(taf1.usage_point_id, "derived", start, start + timedelta(days=40))
    first_times = [ch.readings[0].target_time for ch in got]
    assert first_times and all(t == start for t in first_times)


def test_logbook_over_several_pages_complete(sim) -> None:
    truth = sim.data.consumers[0].log
    assert len(truth) > 2 * 1500  # three pages (v3.87 self-tests only every 24 h)
    with GatewayClient(settings_for(sim)) as client:
        entries = client.log()
    assert [e.index for e in entries] == [e.index for e in truth]
    assert len([r for r in sim.requests if r.method == "log"]) == -(-len(truth) // 1500)


def test_p12_login(sim) -> None:
    c = sim.data.consumers[0]
    settings = settings_for(sim, user=None, password=None, p12_path=c.p12_path,
                            p12_password=c.p12_password)
    with GatewayClient(settings) as client:
        assert client.connect() == c.userid
        assert client.smgw_info().smgw_id == sim.data.smgw_id
    assert not any(r.status == 401 for r in sim.requests)


def test_p12_wrong_password_is_a_clear_error(sim) -> None:
    c = sim.data.consumers[0]
    with pytest.raises(AuthError) as err:
        GatewayClient(settings_for(sim, user=None, p12_path=c.p12_path,
                                   p12_password="wrong"))
    assert "password" in str(err.value) and "wrong" not in err.value.text("de").split(":")[0]


def test_digest_sha256_accepted_without_quirk(sim) -> None:
    with GatewayClient(settings_for(sim)) as client:
        client.connect()
        client.smgw_info()
        assert client._auth is not None and client._auth.algorithm_used == "SHA-256"


def test_digest_falls_back_to_md5_on_empty_200(sim) -> None:
    from trudi_py.m2m import auth
    sim.set_quirks("digest-sha256-empty-body")
    auth._MD5_GATEWAYS.clear()
    with GatewayClient(settings_for(sim)) as client:
        assert client.connect() == sim.data.consumers[0].userid
        assert client.smgw_info().smgw_id == sim.data.smgw_id
        assert client._auth.algorithm_used == "MD5"
    assert auth.needs_md5(settings_for(sim).base_url)  # remembered for this gateway
    auth._MD5_GATEWAYS.clear()


def test_wrong_password_refused(sim) -> None:
    with pytest.raises(AuthError) as err:
        with GatewayClient(settings_for(sim, password="wrong")) as client:
            client.connect()
    assert err.value.exit_code == 4


def test_bad_login_dropping_the_connection_is_named(sim) -> None:
    sim.set_quirks("bad-login-drops-connection")
    with pytest.raises(AuthError) as err:
        with GatewayClient(settings_for(sim, password="wrong")) as client:
            client.connect()
    assert "dropped the connection after the login" in str(err.value)
    assert "check user and password" in str(err.value)


def test_bad_login_without_answer_says_so(sim) -> None:
    """Field: a wrong password may be ignored — the request hangs. The client names that,
    not a bare timeout."""
    sim.set_quirks("bad-login-hangs,idle-timeout=3")
    try:
        with pytest.raises(AuthError) as err:
            with GatewayClient(settings_for(sim, password="wrong", timeout_s=0.5,
                                            retries=0)) as client:
                client.connect()
    finally:
        sim.set_quirks("")
    assert err.value.message == ("The gateway did not answer after the login; some firmware "
                                 "ignores wrong passwords — check user and password.")
    assert "nicht geantwortet" in err.value.text("de")


def test_first_contact_offers_the_fingerprint(sim) -> None:
    with pytest.raises(UnknownCertificate) as err:
        with GatewayClient(settings_for(sim, pin=None), pin_store=PinStore()) as client:
            client.connect()
    assert err.value.fingerprint == sim.fingerprint and err.value.exit_code == 5
    assert sim.requests == []  # nothing was sent before the user confirmed
    store = PinStore()
    store.set(sim.url, err.value.fingerprint, err.value.subject)
    with GatewayClient(settings_for(sim, pin=None), pin_store=store) as client:
        assert client.connect()


def test_pin_mismatch_refused_before_any_request(sim) -> None:
    wrong = "00" * 32
    with pytest.raises(PinMismatch) as err:
        with GatewayClient(settings_for(sim, pin=wrong)) as client:
            client.connect()
    assert err.value.fingerprint == sim.fingerprint and err.value.exit_code == 5
    assert sim.requests == []


def test_stored_pin_mismatch_refused(sim) -> None:
    store = PinStore()
    store.set(sim.url, "ab" * 32)
    with pytest.raises(PinMismatch):
        with GatewayClient(settings_for(sim, pin=None), pin_store=store) as client:
            client.connect()
    assert sim.requests == []


@pytest.mark.parametrize("override, words", [
    ({"tls_version": "1.3"}, "TLS 1.2"),
    ({"curves": ("prime256v1",)}, "secp384r1"),
])
def test_wrong_tls_settings_in_plain_words(sim, override, words) -> None:
    with pytest.raises(ConnectError) as err:
        with GatewayClient(settings_for(sim, **override)) as client:
            client.connect()
    assert words in str(err.value) and err.value.exit_code == 3


def test_unreachable_port_is_a_connect_error(sim) -> None:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ConnectError) as err:
        with GatewayClient(settings_for(sim, url=f"https://127.0.0.1:{port}")) as client:
            client.connect()
    assert "refused" in str(err.value)


def test_two_consumers_see_only_their_own(tmp_path) -> None:
    from trudi_py.simulator import Simulator, SimulatorConfig
    with Simulator(SimulatorConfig(scenario="two-consumers", now=NOW, state_dir=tmp_path,
                                   latency_ms=0)) as sim2:
        seen = []
        for i, consumer in enumerate(sim2.data.consumers):
            with GatewayClient(settings_for(sim2, consumer=i)) as client:
                assert client.connect() == consumer.userid
                ids = {p.usage_point_id for p in client.user_info()}
                assert ids == {p.usage_point_id for p in consumer.usage_points}
                logs = {e.index for e in client.log()}
                assert logs == {e.index for e in consumer.log}
                seen.append((ids, logs))
                other = sim2.data.consumers[1 - i].usage_points[0].usage_point_id
                with pytest.raises(GatewayError):
                    client.usage_point_info(other)
        assert not seen[0][0] & seen[1][0]
