"""The simulator's data side: scenarios, PKI, TAF profiles, tariff registers, logbook."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12
from helpers import POSIX
from lxml import etree

from trudi_py.errors import UsageError
from trudi_py.model.status import StatusWord
from trudi_py.simulator import pki
from trudi_py.simulator.data import GatewayData, SimChannel, SimUsagePoint
from trudi_py.simulator.scenarios import (
    CORRUPT_CALCULATED,
    build_scenario,
    channel,
    corrupted_period,
    find_usage_point,
    period_amounts,
    readings_between,
)
from trudi_py.verify.schema import schema_finding

UTC = UTC
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 8, 14, 18, 30, tzinfo=UTC)
HEX128 = re.compile(r"[0-9a-f]{128}")


@pytest.fixture(scope="module")
def state_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("simstate")


@pytest.fixture(scope="module")
def household(state_dir: Path) -> GatewayData:
    """The interface description's gateway (these tests are about its data)."""
    return build_scenario("household", now=NOW, state_dir=state_dir, variant="description")


@pytest.fixture(scope="module")
def corrupt(state_dir: Path) -> GatewayData:
    return build_scenario("household", now=NOW, state_dir=state_dir, corrupt_calculated=True,
                          variant="description")


# ---------------------------------------------------------------------------------------------
# helpers: a minimal DER walker for the CMS container, the profile, a TRuDI-style walk


def _tlv(buf: bytes, pos: int) -> tuple[int, int, int, int]:
    """(tag, header start, content start, end) of the DER element at pos."""
    tag = buf[pos]
    length = buf[pos + 1]
    start = pos + 2
    if length & 0x80:
        n = length & 0x7F
        length = int.from_bytes(buf[start:start + n], "big")
        start += n
    return tag, pos, start, start + length


def _children(buf: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    out, pos = [], start
    while pos < end:
        el = _tlv(buf, pos)
        out.append(el)
        pos = el[3]
    return out


def verify_cms(der: bytes, cert: x509.Certificate) -> bytes:
    """Check the single signer's signature with ``cert``; return the included content."""
    _, _, s, e = _tlv(der, 0)
    content_info = _children(der, s, e)
    _, _, s, e = content_info[1]  # [0] EXPLICIT
    _, _, s, e = _tlv(der, s)  # SignedData SEQUENCE
    sd = _children(der, s, e)
    encap = _children(der, sd[2][2], sd[2][3])
    _, _, s, e = _tlv(der, encap[1][2])  # [0] EXPLICIT → OCTET STRING
    content = der[s:e]
    signer_infos = _children(der, sd[-1][2], sd[-1][3])
    si = _children(der, signer_infos[0][2], signer_infos[0][3])
    attrs = next(el for el in si if el[0] == 0xA0)
    signature = next(el for el in si if el[0] == 0x04)
    signed = b"\x31" + der[attrs[1] + 1:attrs[3]]
    cert.public_key().verify(der[signature[2]:signature[3]], signed, ec.ECDSA(hashes.SHA256()))
    assert hashlib.sha256(content).digest() in signed  # messageDigest attribute
    return content


def _local(el: etree._Element, name: str) -> list[etree._Element]:
    return el.xpath(f".//*[local-name()='{name}']")


def _text(el: etree._Element, name: str) -> str:
    return _local(el, name)[0].text


def parse_profile(xml: bytes) -> dict:
    root = etree.fromstring(xml)
    days = {}
    for dp in _local(root, "DayProfile"):
        slots = [(int(_text(d, "hour")), int(_text(d, "minute")), int(_text(d, "tariffNumber")))
                 for d in _local(dp, "DayTimeProfile")]
        days[_text(dp, "dayId")] = slots
    special = {date(int(_text(s, "year")), int(_text(s, "month")), int(_text(s, "day_of_month"))):
               _text(s, "dayId") for s in _local(root, "SpecialDayProfile")}
    stages = [(int(_text(s, "tariffNumber")), _text(s, "obisCode"))
              for s in _local(root, "TariffStage")]
    return {"use_case": int(_text(root, "tariffUseCase")), "days": days, "special": special,
            "stages": stages, "billing_start": _text(root, "start")}


def wall_lookup(ch: SimChannel) -> dict[datetime, int]:
    """Wall time → value of the first reading (absolute order) with that wall time (§A.7)."""
    out: dict[datetime, int] = {}
    for r in ch.readings:
        out.setdefault(r.target_time.astimezone(BERLIN).replace(tzinfo=None), r.value)
    return out


def trudi_taf2(lookup: dict[datetime, int], prof: dict, start: datetime,
               end: datetime) -> dict[int, int]:
    """verify.md §C.2-§C.5 for gapless usable data (no gap branch needed)."""
    begin = start.astimezone(BERLIN).replace(tzinfo=None)
    stop = end.astimezone(BERLIN).replace(tzinfo=None)
    amounts: dict[int, int] = defaultdict(int)
    day = begin.date()
    while day <= stop.date():
        slots = [(datetime.combine(day, time(h, m)), tariff)
                 for h, m, tariff in prof["days"][prof["special"][day]]]
        slots = [s for s in slots if begin <= s[0] <= stop]
        anchor = slots[0][0] if slots else None
        for p in range(1, len(slots)):
            last = p == len(slots) - 1
            if slots[p][1] != slots[p - 1][1] or last:
                close = slots[p][0]
                if last and close.time() == time(23, 45):
                    close += timedelta(minutes=15)
                amounts[slots[p - 1][1]] += lookup[close] - lookup[anchor]
                anchor = close
        day += timedelta(days=1)
    return amounts


def closed_periods(up: SimUsagePoint) -> list[tuple[datetime, datetime]]:
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    periods = [(parse(p["start-time"]), parse(p["end-time"]))
               for p in up.user_info["billing-Periods"]]
    return [(a, b) for a, b in periods if b <= NOW]


# ---------------------------------------------------------------------------------------------
# scenario shape


def test_unknown_scenario(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="household.*two-consumers"):
        build_scenario("nope", now=NOW, state_dir=tmp_path)


def test_gateway_and_consumer(household: GatewayData, state_dir: Path) -> None:
    g = household
    assert g.smgw_id == "ethe0300004261" and g.firmware_version == "v3.87.0"
    assert re.fullmatch(r"[0-9a-f]{64}", g.firmware_hash) and g.smgw_state == "a0000000"
    assert g.han_tls_pem.startswith("-----BEGIN CERTIFICATE-----")
    assert [w[0] for w in g.wan] == ["0", "1"]
    (c,) = g.consumers
    assert (c.userid, c.user) == ("01005e318011.consumer1.sm", "consumer1") and c.password
    p12 = Path(c.p12_path)
    assert p12.parent == state_dir.resolve()
    _key, cert, _ = pkcs12.load_key_and_certificates(p12.read_bytes(), c.p12_password.encode())
    assert hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest() \
        == c.client_cert_sha256
    assert sorted(up.taf for up in c.usage_points) == ["1", "10", "2", "7"]
    assert g.consumer(c.userid) is c
    assert build_scenario("household", now=NOW + timedelta(minutes=7),
                          state_dir=state_dir, variant="description") is g  # cached, floored


def test_taf7_origin(household: GatewayData) -> None:
    up = find_usage_point(household, "taf7")
    assert up.usage_point_id.endswith(".taf7-1.sm")
    cons = channel(up, "origin", "0100010800ff")
    feed = channel(up, "origin", "0100020800ff")
    for ch in (cons, feed):
        assert (ch.scaler, ch.unit, ch.owner_number) == (-1, 30, "1lgz0000012345.sm")
    first = cons.readings[0].target_time
    assert first.astimezone(BERLIN).timetz() == time(0, 0, tzinfo=BERLIN) \
        and first.astimezone(BERLIN).day == 1
    assert NOW - first >= timedelta(days=14 * 30.4) and cons.readings[-1].target_time == NOW
    gaps = []
    for ch in (cons, feed):
        rs = ch.readings
        assert all(r.target_time.minute % 15 == 0 and r.target_time.second == 0 for r in rs)
        assert all(timedelta(seconds=1) <= r.target_time - r.capture_time <= timedelta(seconds=5)
                   for r in rs)
        assert all(a.value <= b.value for a, b in pairwise(rs))
        steps = [(a.target_time, b.target_time - a.target_time) for a, b in pairwise(rs)
                 if b.target_time - a.target_time != timedelta(minutes=15)]
        gaps.append(steps)
        sigs = [r.signature for r in rs]
        assert all(s is None or HEX128.fullmatch(s) for s in sigs)
        assert 0 < sigs.count(None) < len(sigs) // 50
        ptb = [StatusWord.parse(r.cosem_status).ptb for r in rs]
        assert set(ptb) == {0, 1} and 0 < ptb.count(1) < 40
        assert all(StatusWord.parse(r.cosem_status).well_formed for r in rs)
    assert gaps[0] == gaps[1] and len(gaps[0]) == 1
    assert timedelta(hours=2) <= gaps[0][0][1] <= timedelta(hours=8)
    # realistic magnitudes: ~2-6 MWh/a import, PV export in summer, none at night
    year = readings_between(cons, NOW - timedelta(days=365), NOW)
    assert 20_000_000 < year[-1].value - year[0].value < 60_000_000
    june_night = [r for r in feed.readings if r.target_time.month == 6 and
                  r.target_time.hour in (0, 1)]
    assert june_night and all(a.value == b.value for a, b in pairwise(june_night)
                              if b.target_time - a.target_time == timedelta(minutes=15))


def test_daily_and_readings_between(household: GatewayData) -> None:
    up = find_usage_point(household, "taf7")
    for obis in ("0100010800ff", "0100020800ff"):
        origin = {r.target_time: r.value for r in channel(up, "origin", obis).readings}
        daily = channel(up, "daily", obis).readings
        assert len(daily) > 420
        for r in daily:
            assert r.target_time.astimezone(BERLIN).time() == time(0, 0)
            assert origin[r.target_time] == r.value
    ch = channel(up, "origin", "0100010800ff")
    a, b = ch.readings[10].target_time, ch.readings[20].target_time
    assert readings_between(ch, a, b) == ch.readings[11:21]


def test_user_info_billing_periods(household: GatewayData) -> None:
    for up in household.consumers[0].usage_points:
        info = up.user_info
        assert all(isinstance(v, str) for k, v in info.items() if k not in (
            "billing-Periods", "meter"))
        assert len(info["metering-point-id"]) == 33 and info["metering-point-id"].startswith("DE")
        periods = info["billing-Periods"]
        if up.taf == "10":
            assert periods == [] and len(up.databases[0].channels[0].readings) == 1
            continue
        assert periods[0]["start-time"] == info["start-time"]
        for p, q in pairwise(periods):
            assert p["end-time"] == q["start-time"]
        assert all(p["start-time"][11:] in ("22:00:00Z", "23:00:00Z") for p in periods)
        assert periods[-1]["end-time"] == "2026-08-31T22:00:00Z"  # running period, future end


# ---------------------------------------------------------------------------------------------
# TAF-1 / TAF-2 registers and profiles


@pytest.mark.parametrize("name", ["taf1", "taf2"])
def test_profile_cms_and_schema(household: GatewayData, state_dir: Path, name: str) -> None:
    up = find_usage_point(household, name)
    wan = pki.load_or_create_wan_pki(state_dir, field=False)
    assert pkcs7.load_der_pkcs7_certificates(up.taf_profile_der) == [wan.seal_cert]
    xml = verify_cms(up.taf_profile_der, wan.seal_cert)
    with pytest.raises(InvalidSignature):  # another key
        verify_cms(up.taf_profile_der, wan.chains["1"][0][0])
    prof = parse_profile(xml)
    assert prof["use_case"] == int(name[-1])
    assert all(len(slots) == 96 for slots in prof["days"].values())
    first = date(2025, 6, 1)
    assert sorted(prof["special"]) == [first + timedelta(days=k) for k in range(458)]
    assert prof["billing_start"] == "2025-06-01T00:00:00+02:00"
    finding = schema_finding(xml, "supplier")  # the shipped AR_2418-6.xsd, offline
    assert finding is None, finding.message


def test_taf2_calculated_matches_trudi_walk(household: GatewayData, state_dir: Path) -> None:
    up = find_usage_point(household, "taf2")
    prof = parse_profile(verify_cms(up.taf_profile_der, pki.load_or_create_wan_pki(
        state_dir, field=False).seal_cert))
    assert prof["stages"] == [(1, "0100010801ff"), (2, "0100010802ff")]
    origin = channel(up, "origin", "0100010800ff")
    assert all(b.target_time - a.target_time == timedelta(minutes=15)
               for a, b in pairwise(origin.readings))
    lookup = wall_lookup(origin)
    regs = {obis: period_amounts(channel(up, "calculated", obis))
            for obis in ("0100010801ff", "0100010802ff", "010001083fff")}
    periods = closed_periods(up)
    assert len(periods) == 14
    assert [r.target_time for r in channel(up, "calculated", "0100010801ff").readings] == \
        [a for a, _ in periods] + [periods[-1][1]]
    for a, b in periods:
        expected = trudi_taf2(lookup, prof, a, b)
        got = {1: regs["0100010801ff"][a], 2: regs["0100010802ff"][a]}
        assert got == {1: expected[1], 2: expected[2]}, (a, b)
        assert regs["010001083fff"][a] == 0
        assert sum(got.values()) == lookup[b.astimezone(BERLIN).replace(tzinfo=None)] - \
            lookup[a.astimezone(BERLIN).replace(tzinfo=None)]


def test_taf1_derived(household: GatewayData) -> None:
    up = find_usage_point(household, "taf1")
    origin = channel(up, "origin", "0100010800ff")
    lookup = wall_lookup(origin)
    reg = channel(up, "derived", "0100010801ff")
    assert reg.owner_number == "taf1-1.sm" and reg.readings[0].value == 0
    amounts = period_amounts(reg)
    wall = lambda t: t.astimezone(BERLIN).replace(tzinfo=None)  # noqa: E731
    for a, b in closed_periods(up):
        assert amounts[a] == lookup[wall(b)] - lookup[wall(a)]
    assert parse_profile(verify_cms(up.taf_profile_der, x509.load_der_x509_certificate(
        household.wan[0][1])))["stages"] == [(1, "0100010801ff")]


def test_corrupt_calculated_changes_one_amount(household: GatewayData,
                                               corrupt: GatewayData) -> None:
    good = find_usage_point(household, "taf2")
    bad = find_usage_point(corrupt, "taf2")
    diffs = []
    for obis in ("0100010801ff", "0100010802ff", "010001083fff"):
        ga = period_amounts(channel(good, "calculated", obis))
        ba = period_amounts(channel(bad, "calculated", obis))
        diffs += [(obis, k, ba[k] - ga[k]) for k in ga if ba[k] != ga[k]]
    up_id, obis, start, end = corrupted_period(corrupt)
    assert diffs == [(CORRUPT_CALCULATED.obis, start, CORRUPT_CALCULATED.delta)]
    assert up_id == bad.usage_point_id and obis == "0100010802ff" and end <= NOW
    assert [r.value for r in channel(bad, "origin", "0100010800ff").readings] == \
        [r.value for r in channel(good, "origin", "0100010800ff").readings]


# ---------------------------------------------------------------------------------------------
# logbook, two consumers, PKI, speed


def test_logbook(household: GatewayData) -> None:
    log = household.consumers[0].log
    assert len(log) >= 2500
    # cyclic self-tests: every 4 h on the old firmware, every 24 h from v3.87 on
    update = next(e.time for e in log if e.message.startswith("Firmware-Update auf Version"))
    cyclic = [e.time for e in log if e.event_id == "10001"]
    per_day_before = len([t for t in cyclic if t < update - timedelta(days=1)])
    per_day_after = len([t for t in cyclic if t > update + timedelta(days=1)])
    days_before = (update - timedelta(days=1) - log[0].time).days
    days_after = (log[-1].time - update - timedelta(days=1)).days
    assert abs(per_day_before / days_before - 6) < 0.2
    assert abs(per_day_after / days_after - 1) < 0.1
    assert all(a.index < b.index for a, b in pairwise(log))
    assert all(a.time <= b.time for a, b in pairwise(log)) and log[-1].time <= NOW
    assert {e.vendor_id for e in log} == {"BSI", "THE"}
    assert {e.level for e in log} <= {"3", "4", "5", "6"} and {"3", "4"} <= {e.level for e in log}
    starts = [e for e in log if (e.vendor_id, e.event_id) == ("BSI", "1001")]
    special = [e for e in log if (e.vendor_id, e.event_id, e.event_sub_id) ==
               ("THE", "19013", "0")]
    assert len(starts) == len(special) >= 10
    sent = [e for e in log if e.event_id == "16001"]
    assert any("+02:00" in e.message for e in sent) and any("+01:00" in e.message for e in sent)
    assert all(e.message.startswith("Es wurden ") for e in sent)
    assert all(e.user_identity == "01005e318011.consumer1.sm" for e in log)


def test_two_consumers(state_dir: Path) -> None:
    g = build_scenario("two-consumers", now=NOW, state_dir=state_dir)
    c1, c2 = g.consumers
    assert (c1.userid, c2.userid) == ("01005e318011.consumer1.sm", "01005e318012.consumer2.sm")
    assert c1.user != c2.user and c1.password != c2.password
    assert c1.client_cert_sha256 != c2.client_cert_sha256
    ids1 = {up.usage_point_id for up in c1.usage_points}
    ids2 = {up.usage_point_id for up in c2.usage_points}
    assert ids1 and ids2 and not ids1 & ids2
    assert c1.log and c2.log and not {id(e) for e in c1.log} & {id(e) for e in c2.log}
    for c in (c1, c2):
        for up in c.usage_points:
            first = up.databases[0].channels[0].readings[0].target_time
            assert timedelta(days=85) < NOW - first < timedelta(days=130)


def test_pki(tmp_path: Path) -> None:
    a = pki.load_or_create_server_identity(tmp_path, "ethe0300004261", field=False)
    b = pki.load_or_create_server_identity(tmp_path, "ethe0300004261", field=False)
    assert a == b and re.fullmatch(r"[0-9a-f]{64}", a.fingerprint)
    cert = x509.load_pem_x509_certificate(a.cert_pem)
    assert cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value \
        == "ETHE0300004261"
    assert isinstance(cert.public_key().curve, ec.SECP384R1)
    assert cert.not_valid_after_utc - cert.not_valid_before_utc > timedelta(days=3600)
    cert.verify_directly_issued_by(cert)
    key_file = next((tmp_path / "pki").glob("han-tls-*.pem"))
    if POSIX:  # else: POSIX_ONLY (a Windows file mode is no permission)
        assert key_file.stat().st_mode & 0o777 == 0o600

    path, fp = pki.issue_client_p12(tmp_path, "alice", "s3cret")
    assert pki.issue_client_p12(tmp_path, "alice", "s3cret") == (path, fp)
    data = path.read_bytes()
    key, client, extra = pkcs12.load_key_and_certificates(data, b"s3cret")
    assert isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP384R1)
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(data, b"wrong")
    ca = x509.load_pem_x509_certificate(pki.client_ca_pem(tmp_path))
    client.verify_directly_issued_by(ca)
    assert extra == [ca]

    wan = pki.load_or_create_wan_pki(tmp_path, field=False)
    assert pki.load_or_create_wan_pki(tmp_path, field=False).entries == wan.entries
    for _idx, sig_der, sub_der in wan.entries:
        sig = x509.load_der_x509_certificate(sig_der)
        sig.verify_directly_issued_by(x509.load_der_x509_certificate(sub_der))
        assert isinstance(sig.public_key().curve, ec.SECP256R1)
    assert wan.seal_cert.public_bytes(serialization.Encoding.DER) == wan.entries[0][1]
    raw = wan.seal_key.sign(b"x", ec.ECDSA(hashes.SHA256()))
    assert len(raw) <= 72  # DER of r,s of 32 bytes each: 64 bytes raw r‖s



def test_field_pki(tmp_path: Path) -> None:
    """The field gateway's certificates: the HAN one kept across restarts (same DER, key
    file 0600), the WAN chains Brainpool with cert-index 0-2."""
    a = pki.load_or_create_server_identity(tmp_path, "ethe0300004261")
    b = pki.load_or_create_server_identity(tmp_path, "ethe0300004261")
    assert a == b and a.cert_der.count(pki.ECDSA_SHA256_WITH_NULL) == 2
    key_file = next((tmp_path / "pki").glob("han-tls-field-*.pem"))
    if POSIX:  # Windows has no 0600 mode
        assert key_file.stat().st_mode & 0o777 == 0o600
    wan = pki.load_or_create_wan_pki(tmp_path)
    assert [e[0] for e in wan.entries] == ["0", "1", "2"]
    assert pki.load_or_create_wan_pki(tmp_path).entries == wan.entries
    for _idx, sig_der, sub_der in wan.entries:
        sig = x509.load_der_x509_certificate(sig_der)
        sig.verify_directly_issued_by(x509.load_der_x509_certificate(sub_der))
        assert isinstance(sig.public_key().curve, ec.BrainpoolP256R1)


def test_field_scenario(state_dir: Path) -> None:
    """The default (field) household: firmware v3.87.0-cc, TAF-1 only `derived` without a
    profile, monthly then daily billing periods whose boundaries the registers carry."""
    g = build_scenario("household", now=NOW, state_dir=state_dir)
    assert g.firmware_version == "v3.87.0-cc" and [w[0] for w in g.wan] == ["0", "1", "2"]
    taf1 = find_usage_point(g, "taf1")
    assert [db.name for db in taf1.databases] == ["derived"]
    assert taf1.taf_profile_der is None and taf1.transparency_bit is False
    taf2 = find_usage_point(g, "taf2")
    assert taf2.taf_profile_der and taf2.transparency_bit is True
    periods = taf2.user_info["billing-Periods"]
    lengths = [(datetime.fromisoformat(p["end-time"].replace("Z", "+00:00"))
                - datetime.fromisoformat(p["start-time"].replace("Z", "+00:00"))).days
               for p in periods]
    assert lengths[0] >= 28 and lengths[-1] in (0, 1) and 1 in lengths
    first_daily = lengths.index(1)
    assert all(x >= 28 for x in lengths[:first_daily])
    reg = channel(taf2, "calculated", "0100010801ff")
    closed = [p for p in periods
              if datetime.fromisoformat(p["end-time"].replace("Z", "+00:00")) <= NOW]
    assert len(reg.readings) == len(closed) + 1
