"""The simulated gateway's HTTPS server over real TLS: auth, methods, boundaries, quirks."""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import re
import socket
import ssl
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from helpers import stop_process

from trudi_py.errors import UsageError
from trudi_py.model.times import parse_time
from trudi_py.simulator import Simulator, SimulatorConfig, parse_quirks, pki
from trudi_py.simulator.data import (
    GatewayData,
    SimChannel,
    SimConsumer,
    SimDatabase,
    SimLogEntry,
    SimReading,
    SimUsagePoint,
)

UTC = UTC
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
START = NOW - timedelta(days=60)
UPID = "01005e318021.taf1-1.sm"
USERID = "01005e318011.consumer1.sm"
USER, PASSWORD = "consumer1", "demo-secret-1"
N_LOG = 4000


def make_data(p12_fingerprint: str | None = None) -> GatewayData:
    """A small hand-built gateway: one consumer, one TAF-1 point, 60 days of 15-min values."""
    def channel(obis: str, step: int) -> SimChannel:
        values = []
        t, v = START, 1_000_000
        while t <= NOW:
            v += step
            values.append(SimReading(t, t - timedelta(seconds=3), v, signature="ab" * 64))
            t += timedelta(minutes=15)
        return SimChannel(obis, -1, 30, "1lgz0000012345", "1lgz0000012345.sm", values)

    info = {"usage-point-id": UPID, "usage-point-name": "taf1", "taf-number": "1",
            "taf-state": "running", "start-time": "2026-01-01T00:00:00Z", "end-time": "",
            "capture-time": "00:00:00", "meter": [{"meter-id": "1lgz0000012345"}],
            "metering-point-id": "DE0000000000000000000000000000001", "delivery-id": "emt1",
            "on-demand-profile-configured": "false",
            "billing-Periods": [{"start-time": "2026-01-31T23:00:00Z",
                                 "end-time": "2026-02-28T23:00:00Z"}]}
    point = SimUsagePoint(UPID, info, [
        SimDatabase("origin", [channel("0100010800ff", 7), channel("0100020800ff", 2)]),
        SimDatabase("derived", [channel("0100010801ff", 5)])],
        emts=["emt1.sm"], taf_profile_der=b"\x30\x03\x02\x01\x01")
    levels = ["6", "4", "3", "1"]
    log = [SimLogEntry(i, START + timedelta(minutes=10 * i), levels[i % 4], "16001", "0",
                       "BSI", "0", f"Eintrag {i}", UPID, USERID) for i in range(1, N_LOG + 1)]
    consumer = SimConsumer(USERID, USER, PASSWORD, client_cert_sha256=p12_fingerprint,
                           usage_points=[point], log=log)
    other = SimConsumer("01005e318012.consumer2.sm", "consumer2", "pw2")
    return GatewayData("ethe0300004261", "Firmware", "v3.87.0", "00" * 32, "a0000000", "",
                       [("0", b"\x30\x01", b"\x30\x02")], [consumer, other])


@pytest.fixture(scope="module")
def state_dir():
    with tempfile.TemporaryDirectory(prefix="trudi-sim-test-") as tmp:
        yield Path(tmp)


@pytest.fixture(scope="module")
def identity(state_dir):
    return pki.load_or_create_server_identity(state_dir, "ethe0300004261", field=False)


@pytest.fixture(scope="module")
def p12(state_dir):
    return pki.issue_client_p12(state_dir, "consumer1", "p12pw")


def new_sim(state_dir, identity, p12=None, **kw) -> Simulator:
    """A simulator on the interface description's gateway (these tests are about its wire
    format: qualified OBIS, levels 1-4), unless ``gateway=`` says otherwise."""
    cfg = SimulatorConfig(state_dir=state_dir, now=NOW, **{"gateway": "description", **kw})
    return Simulator(cfg, data=make_data(p12[1] if p12 else None), identity=identity,
                     client_ca_pem=pki.client_ca_pem(state_dir)).start()


@pytest.fixture(scope="module")
def sim(state_dir, identity, p12):
    s = new_sim(state_dir, identity, p12)
    yield s
    s.stop()


@pytest.fixture(autouse=True)
def _clean(request):
    yield
    if "sim" in request.fixturenames:
        s = request.getfixturevalue("sim")
        s.set_quirks("")
        s.reset_self_test()


def tls_ctx(sim: Simulator, *, tls13: bool = False, curve: str | None = None,
            cert_file: str | None = None) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    version = ssl.TLSVersion.TLSv1_3 if tls13 else ssl.TLSVersion.TLSv1_2
    ctx.minimum_version = ctx.maximum_version = version
    ctx.check_hostname = False
    ctx.load_verify_locations(cadata=ssl.DER_cert_to_PEM_cert(sim.cert_der))
    if curve:
        ctx.set_ecdh_curve(curve)
    if cert_file:
        ctx.load_cert_chain(cert_file)
    return ctx


def client(sim: Simulator, user: str = USER, password: str = PASSWORD, **kw) -> httpx.Client:
    return httpx.Client(base_url=sim.url, verify=tls_ctx(sim), timeout=5,
                        auth=httpx.DigestAuth(user, password), **kw)


def call(c: httpx.Client, body: dict, userid: str = USERID) -> httpx.Response:
    return c.post(f"/smgw/m2m/{userid}/json", json=body)


def _params(header: str) -> dict[str, str]:
    return {k.lower(): v1 or v2 for k, v1, v2 in
            re.findall(r'(\w+)=(?:"([^"]*)"|([^,\s]+))', header.split(" ", 1)[1])}


def digest_auth(challenge: str, method: str, uri: str, alg: str = "MD5",
                user: str = USER, password: str = PASSWORD) -> str:
    """A Digest Authorization header computed by hand (MD5 or SHA-256)."""
    p = _params(challenge)
    h = (lambda s: hashlib.md5(s.encode()).hexdigest()) if alg == "MD5" else \
        (lambda s: hashlib.sha256(s.encode()).hexdigest())
    ha1, ha2 = h(f"{user}:{p['realm']}:{password}"), h(f"{method}:{uri}")
    resp = h(f"{ha1}:{p['nonce']}:00000001:c0ffee:auth:{ha2}")
    return (f'Digest username="{user}", realm="{p["realm"]}", nonce="{p["nonce"]}", '
            f'uri="{uri}", algorithm={alg}, qop=auth, nc=00000001, cnonce="c0ffee", '
            f'response="{resp}", opaque="{p["opaque"]}"')


def raw_request(sim: Simulator, method: str, path: str, body: bytes = b"", alg: str = "MD5",
                headers: dict | None = None) -> tuple[int, dict, bytes]:
    """Challenge + manual Digest on one http.client connection."""
    conn = http.client.HTTPSConnection("127.0.0.1", sim.port, context=tls_ctx(sim), timeout=5)
    try:
        hdrs = {"Content-Type": "application/json", **(headers or {})}
        conn.request(method, path, body=body, headers=hdrs)
        first = conn.getresponse()
        first.read()
        assert first.status == 401
        hdrs["Authorization"] = digest_auth(first.getheader("WWW-Authenticate"), method, path,
                                            alg)
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def all_strings(obj, path="") -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "signature" and v is None:
                continue
            all_strings(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            all_strings(v, f"{path}[{i}]")
    else:
        assert isinstance(obj, str), f"{path} is {obj!r}"


# ------------------------------------------------------------------ auth and discovery

def test_challenge_and_discovery_sha256(sim):
    with httpx.Client(base_url=sim.url, verify=tls_ctx(sim), timeout=5) as c:
        r = c.get("/smgw/m2m")
        assert r.status_code == 401
        ch = r.headers["WWW-Authenticate"]
        assert ch.startswith("Digest ") and 'qop="auth"' in ch and "algorithm=SHA-256" in ch
        assert {"realm", "nonce", "opaque"} <= set(_params(ch))
    with client(sim) as c:
        for verb in ("GET", "POST"):
            r = c.request(verb, "/smgw/m2m")
            assert r.status_code == 307 and r.content == b""
            assert r.headers["Location"] == f"/smgw/m2m/{USERID}/json"


def test_discovery_and_data_with_md5(sim):
    status, headers, body = raw_request(sim, "GET", "/smgw/m2m", alg="MD5")
    assert status == 307 and headers["Location"] == f"/smgw/m2m/{USERID}/json"
    status, _, body = raw_request(sim, "POST", f"/smgw/m2m/{USERID}/json",
                                  json.dumps({"method": "smgw-info"}).encode(), alg="MD5")
    assert status == 200 and json.loads(body)["method"] == "smgw-info"


def test_wrong_password_wrong_userid_paths_and_verbs(sim):
    with client(sim, password="nope") as c:
        assert c.get("/smgw/m2m").status_code == 401
    with client(sim) as c:
        assert call(c, {"method": "smgw-info"}, "01005e318012.consumer2.sm").status_code == 401
        assert c.post("/smgw/other", json={}).status_code == 404
        assert c.get(f"/smgw/m2m/{USERID}/json").status_code == 405
        assert c.delete("/smgw/m2m").status_code == 405
        r = c.post(f"/smgw/m2m/{USERID}/json", content=b"{not json",
                   headers={"Content-Type": "application/json"})
        assert r.status_code == 400
        assert call(c, {"method": "nope"}).status_code == 400
        assert call(c, {"method": "smgw-info"}).status_code == 200  # connection still fine


def test_client_certificate_authenticates(sim, state_dir, p12, tmp_path):
    key, cert, _ = pkcs12.load_key_and_certificates(p12[0].read_bytes(), b"p12pw")
    pem = tmp_path / "client.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    with httpx.Client(base_url=sim.url, verify=tls_ctx(sim, cert_file=str(pem))) as c:
        r = c.get("/smgw/m2m")
        assert r.status_code == 307 and r.headers["Location"].endswith(f"{USERID}/json")
        assert call(c, {"method": "smgw-info"}).status_code == 200


# ------------------------------------------------------------------ methods

def test_smgw_user_and_usage_point_info(sim, identity):
    with client(sim) as c:
        a = call(c, {"method": "smgw-info"})
        assert a.headers["Content-Type"] == "application/json"
        doc = a.json()
        all_strings(doc)
        assert re.fullmatch(r"\d+ miliseconds", doc["elapsed-time"])
        assert doc["version"] == "1.3.0"
        info = doc["smgw-info"]
        assert bytes.fromhex(info["certificates"]["han"]["tls"]) == identity.cert_pem
        assert info["certificates"]["wan"] == [{"cert-index": "0", "sig": "3001",
                                                "sub-ca": "3002"}]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", info["smgw-time"])
        assert info["smgw-time"].startswith("2026-03-01T12:0")
        ui = call(c, {"method": "user-info"}).json()["user-info"]
        assert ui["usage-points"] == [sim.data.consumers[0].usage_points[0].user_info]
        upi = call(c, {"method": "usage-point-info", "usage-point-id": UPID}).json()
        all_strings(upi)
        upi = upi["usage-point-info"]
        assert [d["database"] for d in upi["databases"]] == ["origin", "derived"]
        assert upi["databases"][0]["channels"][0] == {"obis": "0100010800ff", "scaler": "-1",
                                                     "unit": "30"}
        assert upi["taf-profile"] == "3003020101" and upi["transparency-bit"] == "true"
        assert (upi["usage-point-id"], upi["usage-point-name"]) == (UPID, "taf1")
        one = call(c, {"method": "usage-point-info", "usage-point-id": UPID,
                       "database": "derived"}).json()["usage-point-info"]
        assert [d["database"] for d in one["databases"]] == ["derived"]
        assert call(c, {"method": "usage-point-info", "usage-point-id": "x.sm"}
                    ).status_code == 400


def test_readings_boundaries_and_limits(sim):
    ch = sim.data.consumers[0].usage_points[0].databases[0].channels[0]
    frm, to = ch.readings[100].target_time, ch.readings[200].target_time
    q = {"method": "readings", "usage-point-id": UPID, "database": "origin",
         "fromtime": frm.strftime("%Y-%m-%dT%H:%M:%SZ"),
         "totime": to.strftime("%Y-%m-%dT%H:%M:%SZ")}
    with client(sim) as c:
        doc = call(c, q).json()
        all_strings(doc)
        chans = doc["readings"]["channels"]
        assert [x["obis"] for x in chans] == ["0100010800ff.1lgz0000012345.sm",
                                             "0100020800ff.1lgz0000012345.sm"]
        got = chans[0]["readings"]
        assert len(got) == 100 and doc["readings"]["records"] == "200"
        assert got[0]["target-time"] == format(ch.readings[101].target_time, "%Y-%m-%dT%H:%M:%SZ")
        assert got[-1]["target-time"] == format(to, "%Y-%m-%dT%H:%M:%SZ")
        r0 = ch.readings[101]
        assert got[0] == {"capture-time": format(r0.capture_time, "%Y-%m-%dT%H:%M:%SZ"),
                          "cosem-status": "a0000000208c3800", "meter-status": "208c3800",
                          "owner-number": "1lgz0000012345.sm", "signature": "ab" * 64,
                          "smgw-status": "a0000000",
                          "target-time": format(r0.target_time, "%Y-%m-%dT%H:%M:%SZ"),
                          "value": str(r0.value)}
        # exactly 31 days is fine, one second more is refused
        q31 = dict(q, fromtime="2026-01-15T00:00:00Z", totime="2026-02-15T00:00:00Z")
        r = call(c, q31)
        assert r.status_code == 200 and r.json()["readings"]["records"] == str(2 * 31 * 96)
        assert call(c, dict(q31, totime="2026-02-15T00:00:01Z")).status_code == 400
        assert call(c, {k: v for k, v in q.items() if k != "totime"}).status_code == 400
        assert call(c, dict(q, database="calculated")).status_code == 400
        assert call(c, dict(q, fromtime="yesterday")).status_code == 400
        # offsets in requests denote the same instant
        q_off = dict(q, fromtime=(frm + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S+1:00"))
        assert call(c, q_off).json()["readings"]["records"] == "200"


def test_readings_last_reading_and_channel_filter(sim):
    chans = sim.data.consumers[0].usage_points[0].databases[0].channels
    base = {"method": "readings", "usage-point-id": UPID, "database": "origin"}
    with client(sim) as c:
        for flag in (True, "true"):
            doc = call(c, dict(base, **{"last-reading": flag})).json()["readings"]
            assert doc["records"] == "2"
            assert [x["readings"][0]["value"] for x in doc["channels"]] == \
                [str(ch.readings[-1].value) for ch in chans]
        for filt in ([{"channel": "0100020800ff"}],
                     [{"obis": "0100020800ff", "scaler": "-1", "unit": "30"}]):
            doc = call(c, dict(base, channels=filt, **{"last-reading": True})).json()
            assert [x["obis"][:12] for x in doc["readings"]["channels"]] == ["0100020800ff"]
        assert call(c, dict(base, **{"last-reading": "yes"})).status_code == 400


def test_log_paging_boundaries_and_combinations(sim):
    entries = sim.data.consumers[0].log
    with client(sim) as c:
        doc = call(c, {"method": "log"}).json()
        all_strings(doc)
        assert doc["log"]["records"] == "1500"
        first = doc["log"]["entries"]
        assert [e["index"] for e in first] == [str(i) for i in range(1, 1501)]
        seen = [int(e["index"]) for e in first]
        while True:
            page = call(c, {"method": "log", "fromindex": seen[-1] + 1, "count": 1500}).json()
            seen += [int(e["index"]) for e in page["log"]["entries"]]
            if int(page["log"]["records"]) < 1500:
                break
        assert seen == list(range(1, N_LOG + 1))
        t0, t1 = entries[9].time, entries[19].time
        win = call(c, {"method": "log", "fromtime": format(t0, "%Y-%m-%dT%H:%M:%SZ"),
                       "totime": format(t1, "%Y-%m-%dT%H:%M:%SZ")}).json()["log"]["entries"]
        assert [int(e["index"]) for e in win] == list(range(10, 20))  # [from, to)
        assert call(c, {"method": "log", "count": 5000}).json()["log"]["records"] == "1500"
        assert call(c, {"method": "log", "count": 3}).json()["log"]["records"] == "3"
        for bad in ({"totime": "2026-02-01T00:00:00Z", "count": 5},
                    {"fromindex": 1, "fromtime": "2026-02-01T00:00:00Z"},
                    {"fromindex": "x"}):
            assert call(c, {"method": "log", **bad}).status_code == 400
        levels = [e["level"] for e in first[:4]]
        assert levels == ["2", "3", "4", "1"]  # syslog 4,3,1,6 (index 1..4) → spec table
        sim.set_quirks("syslog-levels")
        syslog = call(c, {"method": "log", "count": 4}).json()["log"]["entries"]
        assert [e["level"] for e in syslog] == ["4", "3", "1", "6"]


def test_self_test_then_locked(sim):
    with client(sim) as c:
        before = len(sim.data.consumers[0].log)
        r = call(c, {"method": "self-test"})
        assert r.status_code == 200 and r.json()["method"] == "self-test"
        log = sim.data.consumers[0].log
        assert len(log) == before + 1 and log[-1].vendor_id == "THE"
        assert log[-1].index == log[-2].index + 1
        locked = call(c, {"method": "selfTest"})
        assert locked.status_code == 403
        assert 590 <= int(locked.headers["Retry-After"]) <= 600
        newest = call(c, {"method": "log", "fromindex": log[-1].index}).json()["log"]
        assert newest["records"] == "1"
    del sim.data.consumers[0].log[-1]


# ------------------------------------------------------------------ quirks

def test_quirk_sha256_empty_body_md5_works(sim):
    sim.set_quirks("digest-sha256-empty-body")
    with client(sim) as c:
        r = c.get("/smgw/m2m")
        assert r.status_code == 200 and r.content == b""
        r = call(c, {"method": "smgw-info"})
        assert r.status_code == 200 and r.content == b""
    status, headers, _ = raw_request(sim, "GET", "/smgw/m2m", alg="MD5")
    assert status == 307
    status, _, body = raw_request(sim, "POST", f"/smgw/m2m/{USERID}/json",
                                  b'{"method": "user-info"}', alg="MD5")
    assert status == 200 and json.loads(body)["user-info"]


def test_quirk_strict_content_type(sim):
    def chunks():
        yield b'{"method": '
        yield b'"smgw-info"}'
    path = f"/smgw/m2m/{USERID}/json"
    with client(sim) as c:
        cs = {"Content-Type": "application/json; charset=utf-8"}
        assert c.post(path, content=b'{"method":"smgw-info"}', headers=cs).status_code == 200
        assert c.post(path, content=chunks(), headers={"Content-Type": "application/json"}
                      ).status_code == 200
        sim.set_quirks("strict-content-type")
        assert c.post(path, content=b'{"method":"smgw-info"}', headers=cs).status_code == 400
        assert c.post(path, content=chunks(), headers={"Content-Type": "application/json"}
                      ).status_code == 400
        assert c.post(path, content=b'{"method":"smgw-info"}').status_code == 400
        assert call(c, {"method": "smgw-info"}).status_code == 200


def test_quirk_bare_obis_and_plus_1_offsets(sim):
    ch = sim.data.consumers[0].usage_points[0].databases[0].channels[0]
    q = {"method": "readings", "usage-point-id": UPID, "database": "origin",
         "fromtime": "2026-02-01T00:00:00Z", "totime": "2026-02-01T01:00:00Z"}
    sim.set_quirks("bare-obis,plus-1-offsets")
    with client(sim) as c:
        doc = call(c, q).json()["readings"]["channels"]
        assert doc[0]["obis"] == "0100010800ff"
        got = doc[0]["readings"]
        assert got[0]["target-time"] == "2026-02-01T01:15:00+1:00"
        want = [r.target_time for r in ch.readings
                if datetime(2026, 2, 1, tzinfo=UTC) < r.target_time
                <= datetime(2026, 2, 1, 1, tzinfo=UTC)]
        assert [parse_time(r["target-time"]) for r in got] == want
        entry = call(c, {"method": "log", "count": 1}).json()["log"]["entries"][0]
        assert re.search(r"[+-]\d:\d\d$", entry["time"])
        assert parse_time(entry["time"]) == sim.data.consumers[0].log[0].time
        ui = call(c, {"method": "user-info"}).json()["user-info"]["usage-points"][0]
        assert ui["start-time"] == "2026-01-01T01:00:00+1:00" and ui["end-time"] == ""


def test_quirks_once(sim):
    sim.set_quirks("empty-body-once,http-500-once")
    with client(sim) as c:
        assert c.get("/smgw/m2m").status_code == 307  # discovery is not a data request
        assert call(c, {"method": "smgw-info"}).status_code == 500
        r = call(c, {"method": "smgw-info"})
        assert r.status_code == 200 and r.content == b""
        assert call(c, {"method": "smgw-info"}).json()["method"] == "smgw-info"


def test_quirk_reset_mid_body_once(sim):
    sim.set_quirks("reset-mid-body-once")
    q = {"method": "readings", "usage-point-id": UPID, "database": "origin",
         "fromtime": "2026-02-01T00:00:00Z", "totime": "2026-02-10T00:00:00Z"}
    with client(sim) as c:
        assert call(c, {"method": "smgw-info"}).status_code == 200
        with pytest.raises(httpx.TransportError):
            call(c, q).read()
    with client(sim) as c:
        assert call(c, q).json()["readings"]["records"] == str(2 * 9 * 96)


def test_quirk_bad_login_drops_connection(sim):
    sim.set_quirks("bad-login-drops-connection")
    with client(sim, password="wrong") as c, pytest.raises(httpx.RemoteProtocolError):
        c.get("/smgw/m2m")
    assert sim.requests[-1].status == 0


def test_quirk_latency_and_request_log(sim):
    sim.set_quirks("latency=120")
    sim.reset_counters()
    with client(sim) as c:
        t = time.monotonic()
        doc = call(c, {"method": "smgw-info"}).json()
        assert time.monotonic() - t >= 0.24  # challenge + answer
        assert int(doc["elapsed-time"].split()[0]) >= 120
    sim.set_quirks("latency=0")
    recs = sim.requests
    assert [(r.method, r.status, r.userid) for r in recs] == [
        ("smgw-info", 401, None), ("smgw-info", 200, USERID)]
    assert recs[1].body == {"method": "smgw-info"}
    assert recs[0].connection_id == recs[1].connection_id and recs[1].seq == 2


def test_idle_timeout_closes(state_dir, identity):
    with new_sim(state_dir, identity, quirks=frozenset({"idle-timeout=0.3"})) as s:
        assert s.idle_timeout_s == 0.3
        sock = tls_ctx(s).wrap_socket(socket.create_connection(("127.0.0.1", s.port)))
        sock.settimeout(3)
        sock.sendall(b"GET /smgw/m2m HTTP/1.1\r\nHost: x\r\n\r\n")
        data = b""
        while b"\r\n\r\n" not in data:
            data += sock.recv(4096)
        assert data.startswith(b"HTTP/1.1 401")
        t = time.monotonic()
        while sock.recv(4096):
            pass
        # the close came after the idle time (an earlier timeout of the 3 s read would
        # have raised): no upper bound on the machine's speed is asserted
        assert time.monotonic() - t > 0.2
        sock.close()


# ------------------------------------------------------------------ TLS

def test_tls_policy_and_handshake_counting(sim):
    sim.reset_counters()
    for _ in range(2):
        with client(sim) as c:
            for _ in range(3):
                assert call(c, {"method": "smgw-info"}).status_code == 200
    for ctx in (tls_ctx(sim, tls13=True), tls_ctx(sim, curve="prime256v1")):
        with pytest.raises(ssl.SSLError):
            with socket.create_connection(("127.0.0.1", sim.port)) as raw:
                ctx.wrap_socket(raw)
    deadline = time.monotonic() + 2
    while sim.handshake_failures < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert (sim.handshakes, sim.handshake_failures, sim.connections) == (2, 2, 4)
    assert len(sim.requests) == 8
    with socket.create_connection(("127.0.0.1", sim.port)) as raw:
        with tls_ctx(sim).wrap_socket(raw) as tls:
            assert tls.version() == "TLSv1.2"
            assert tls.cipher()[0].startswith("ECDHE-ECDSA-")


def test_start_stop_many_with_open_connections(state_dir, identity):
    """stop() aborts open keep-alive connections instead of waiting for them (its speed
    is not asserted here; only that nothing is left open or listening)."""
    for _ in range(5):
        s = new_sim(state_dir, identity)
        port = s.port
        c = client(s)
        assert c.get("/smgw/m2m").status_code == 307  # keep-alive connection stays open
        s.stop()
        assert not s._open and not s._thread.is_alive()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        c.close()


def test_parse_quirks():
    names, over = parse_quirks("bare-obis, idle-timeout=5,latency=50,corrupt-calculated")
    assert names == {"bare-obis", "corrupt-calculated"}
    assert over == {"idle_timeout_s": 5.0, "latency_ms": 50, "corrupt_calculated": True}
    assert parse_quirks("latency=realistic")[1] == {"latency_ms": None}
    for bad in ("nope", "latency=x", "bare-obis,qualified-obis", "idle-timeout=0"):
        with pytest.raises(UsageError):
            parse_quirks(bad)


def test_serve_forever_cli_with_real_scenario(tmp_path):
    """`simulate` path: one URL line, credentials, Digest and p12 logins, clean SIGTERM."""
    import signal
    import subprocess
    import sys
    code = ("import sys; from pathlib import Path; "
            "from trudi_py.simulator import SimulatorConfig, serve_forever; "
            f"sys.exit(serve_forever(SimulatorConfig(state_dir=Path({str(tmp_path)!r}))))")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[1])
    try:
        first = proc.stdout.readline()
        m = re.fullmatch(r"listening on (https://127\.0\.0\.1:\d+) sha256:([0-9a-f]{64})\n", first)
        assert m, first
        lines = [proc.stdout.readline() for _ in range(2)]
        user, password = re.search(r"digest user (\S+) password (\S+)", lines[0]).groups()
        p12_path, p12_pw = re.search(r"p12 (\S+) password (\S+)", lines[1]).groups()
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        with httpx.Client(verify=ctx, auth=httpx.DigestAuth(user, password), timeout=5) as c:
            r = c.get(m.group(1) + "/smgw/m2m")
            assert r.status_code == 307
            der = r.extensions["network_stream"].get_extra_info("ssl_object").getpeercert(True)
            assert hashlib.sha256(der).hexdigest() == m.group(2)
            info = c.post(m.group(1) + r.headers["Location"], json={"method": "smgw-info"})
            assert info.json()["smgw-info"]["smgw-id"]
        key, cert, _ = pkcs12.load_key_and_certificates(Path(p12_path).read_bytes(),
                                                        p12_pw.encode())
        pem = tmp_path / "client.pem"
        pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        ctx.load_cert_chain(str(pem))
        with httpx.Client(verify=ctx, timeout=5) as c:
            assert c.get(m.group(1) + "/smgw/m2m").status_code == 307
        assert stop_process(proc, signal.SIGTERM) in (0, None)  # None: Windows (POSIX_ONLY)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_bad_input_never_crashes(sim):
    sim.reset_counters()
    with socket.create_connection(("127.0.0.1", sim.port)) as raw:  # plain HTTP on TLS port
        raw.sendall(b"GET /smgw/m2m HTTP/1.1\r\n\r\n")
        raw.settimeout(3)
        with contextlib.suppress(OSError):
            raw.recv(100)
    for request in (b"\x00garbage\r\n\r\n",
                    b"POST /smgw/m2m/x/json HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n",
                    b"POST /smgw/m2m/x/json HTTP/1.1\r\nContent-Length: abc\r\n\r\n"):
        with socket.create_connection(("127.0.0.1", sim.port)) as raw:
            with tls_ctx(sim).wrap_socket(raw) as tls:
                tls.settimeout(3)
                tls.sendall(request)
                assert tls.recv(100)  # an error answer (HTTP/0.9 style for garbage), no hang
    with client(sim) as c:
        for body in ([1, 2], {"method": 5}, {"method": "readings", "usage-point-id": UPID,
                                             "database": "origin", "channels": "all",
                                             "last-reading": True},
                     {"method": "log", "fromtime": 7}):
            assert call(c, body).status_code == 400
        assert call(c, {"method": "smgw-info"}).status_code == 200
    assert sim.handshake_failures >= 1


def test_realistic_latency_model():
    from trudi_py.simulator.config import realistic_latency_ms
    assert realistic_latency_ms("user-info") == 1500
    assert realistic_latency_ms("smgw-info") == 300
    assert 200 <= realistic_latency_ms("readings", 0) < realistic_latency_ms("readings", 2688)
    assert realistic_latency_ms("readings", 100000) == 600


@pytest.mark.parametrize("payload", [
    {"smgw-info": {"smgw-id": "ethe0300004261", "note": "Zählerstand ü €"}},
    {"readings": {"channels": [{"obis": "0100010800ff", "readings": []}], "records": "0"}},
    {"error": ""},
    {"method": "spoofed", "x": 1},  # an envelope key in the payload: built whole
    {},
])
def test_answer_envelope_is_byte_exact(payload):
    """The answer serialised in two parts (payload first, envelope after the latency) is
    byte for byte what one json.dumps of the whole answer object gives."""
    from trudi_py.simulator.handler import _envelope, _payload_members
    whole = json.dumps({"elapsed-time": "312 miliseconds", "method": "readings", **payload,
                        "version": "1.3.0"}, ensure_ascii=False,
                       separators=(",", ":")).encode()
    inner = _payload_members(payload)
    assert _envelope("312 miliseconds", "readings", payload, inner, "1.3.0") == whole


def test_answer_built_inside_the_latency(sim, monkeypatch):
    """The simulator serialises an answer's payload before it waits out the modelled
    latency (a gateway's answer time includes producing the answer), so only the small
    envelope is left after it; what an answer needs beyond its latency is summed up."""
    from trudi_py.simulator import handler
    order: list[str] = []
    members, sleep = handler._payload_members, handler.GatewayHandler._sleep_latency

    def payload_members(payload):
        order.append("payload")
        return members(payload)

    def sleep_latency(self, label, records, started):
        order.append(f"latency {label}")
        return sleep(self, label, records, started)

    monkeypatch.setattr(handler, "_payload_members", payload_members)
    monkeypatch.setattr(handler.GatewayHandler, "_sleep_latency", sleep_latency)
    sim.reset_counters()
    with client(sim) as c:
        doc = call(c, {"method": "smgw-info"}).json()
    assert doc["smgw-info"]["smgw-id"] and doc["method"] == "smgw-info"
    assert order[-2:] == ["payload", "latency smgw-info"]
    assert sim.overrun_s >= 0.0
