"""TAF-7 load profile statistics, the daily-values check and the AR 2418-6 export, on data
fetched from the simulated gateway over real TLS (once per module)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from helpers import MemorySource

from trudi_py.model import ChannelReadings
from trudi_py.simulator.household import GAP_QUARTERS
from trudi_py.verify import compute_transparency, evaluate_transparency, parse_device
from trudi_py.verify.ar2418 import parse_supplier
from trudi_py.verify.ar2418_write import write_device_xml
from trudi_py.verify.archive_report import verify_source
from trudi_py.verify.checks import file_findings, pair_findings
from trudi_py.verify.cms import verify_signed_profile
from trudi_py.verify.gateway_check import (
    gateway_amounts,
    origin_value_lists,
    period_profile,
)
from trudi_py.verify.loadprofile import (
    ClockRule,
    ProfileZones,
    check_daily,
    load_profile_stats,
)
from trudi_py.verify.schema import schema_finding
from trudi_py.verify.timeline import BERLIN


@pytest.fixture(scope="module")
def fetched(household_fetch: MemorySource) -> MemorySource:
    return household_fetch.only("7", "2")


def _db(source: MemorySource, taf: str, database: str) -> list[ChannelReadings]:
    point = next(p for p in source.points if p.taf == taf)
    return source.data[(point.usage_point_id, database)]


def _profile_xml(source: MemorySource) -> bytes:
    point = next(p for p in source.points if p.taf == "2")
    container = source.details[point.usage_point_id].taf_profile
    checked = verify_signed_profile(container or b"", source.info.wan[0].sig_der)
    assert checked.status == "valid" and checked.content
    return checked.content


def test_taf7_statistics_are_sane(fetched: MemorySource) -> None:
    channel = _db(fetched, "7", "origin")[0]
    stats = load_profile_stats(channel, scaler=-1, unit=30, zones=ClockRule())
    rs = channel.readings
    assert stats.total == rs[-1].raw - rs[0].raw == sum(stats.days.values())
    assert sum(stats.months.values()) == stats.total == sum(stats.zones.values())
    assert set(stats.zones) == {"HT", "NT"}
    midnights = {r.target_time.astimezone(BERLIN).date(): r.raw for r in rs
                 if r.target_time.astimezone(BERLIN).time().isoformat() == "00:00:00"}
    checked = 0
    for day, value in midnights.items():
        nxt = midnights.get(day + timedelta(days=1))
        if nxt is not None:
            assert stats.days[day] == nxt - value, day
            checked += 1
    assert checked >= 450
    assert len(stats.gaps) == 1 and stats.gaps[0].missing == GAP_QUARTERS
    assert stats.incomplete_days == {stats.gaps[0].after.astimezone(BERLIN).date()}
    deltas = [(b.raw - a.raw, b.target_time) for a, b in pairwise(rs)
              if b.target_time - a.target_time == timedelta(minutes=15)]
    best = max(deltas, key=lambda d: d[0])
    assert stats.peak is not None and (stats.peak.amount, stats.peak.end) == best
    assert stats.peak.power == Decimal(best[0]) * Decimal("0.4") and stats.peak.unit == 27
    assert stats.decreases == 0
    assert all(p.amount <= best[0] for p in stats.monthly_peaks.values())
    assert len(stats.monthly_peaks) == len(stats.months)


def test_profile_zones_equal_the_gateway_taf2_registers(fetched: MemorySource) -> None:
    point = next(p for p in fetched.points if p.taf == "2")
    profile = parse_supplier(_profile_xml(fetched)).analysis_profile
    assert profile is not None
    period = point.billing_periods[4]
    origin = _db(fetched, "2", "origin")[0]
    inside = [r for r in origin.readings if period.start <= r.target_time <= period.end]
    stats = load_profile_stats(inside, scaler=-1, unit=30, zones=ProfileZones(profile))
    amounts = gateway_amounts(_db(fetched, "2", "calculated"), period.start, period.end)
    assert stats.zones == {"NT": amounts["0100010801ff"], "HT": amounts["0100010802ff"]}


def test_daily_values_check(fetched: MemorySource) -> None:
    daily, origin = _db(fetched, "7", "daily"), _db(fetched, "7", "origin")
    clean = check_daily(daily, origin)
    assert clean.ok and clean.compared == clean.equal == sum(len(c.readings) for c in daily)
    target = daily[1].readings[100]
    changed = target.replace(value=str(target.raw + 5))
    bad_daily = [daily[0], ChannelReadings(daily[1].obis, daily[1].meter_id, tuple(
        changed if r is target else r for r in daily[1].readings))]
    bad = check_daily(bad_daily, origin)
    assert not bad.ok and len(bad.differences) == 1
    diff = bad.differences[0]
    assert (diff.obis, diff.time, diff.daily - diff.origin) == (daily[1].obis,
                                                                target.target_time, 5)
    finding = next(f for f in bad.findings if f.code == "daily-value-differs")
    assert "1-0:2.8.0*255" in finding.message and "+5" in finding.message
    assert "Tageswert" in finding.text("de")
    point = next(p for p in fetched.points if p.taf == "7")
    key = (point.usage_point_id, "daily")
    saved = fetched.data[key]
    fetched.data[key] = bad_daily
    try:
        result = verify_source(fetched)
    finally:
        fetched.data[key] = saved
    assert any(f.code == "daily-value-differs" and point.usage_point_id in f.message
               for f in result.findings)


def test_ar2418_export_round_trip(fetched: MemorySource) -> None:
    point = next(p for p in fetched.points if p.taf == "2")
    info = fetched.details[point.usage_point_id]
    origin = _db(fetched, "2", "origin")
    period = point.billing_periods[4]
    xml = write_device_xml(point, origin, gateway=fetched.info, info=info,
                           start=period.start - timedelta(days=1),
                           end=period.end + timedelta(days=1))
    finding = schema_finding(xml, "device")  # the shipped AR_2418-6.xsd, offline
    assert finding is None, finding.message
    device = parse_device(xml)
    supplier_xml = _profile_xml(fetched)
    supplier = parse_supplier(supplier_xml)
    assert file_findings(device, "device") == []
    assert not [f for f in pair_findings(device, supplier) if f.code == "files-do-not-match"]
    # per WAN entry its sub-CA and sig, plus the HAN TLS certificate (certType 3) — the
    # field's one cannot be parsed by cryptography >= 49 and must not be dropped
    assert device.smgw_id == fetched.info.smgw_id.upper()
    assert len(device.certificates) == 2 * len(fetched.info.wan) + 1
    assert [c.cert_type for c in device.certificates].count(3) == 1
    (vl,) = device.value_lists
    assert vl.is_original and vl.scaler == -1 and vl.uom == 72 and vl.measurement_period == 900
    readings = vl.blocks[0].readings
    inside = [r for r in origin[0].readings
              if period.start - timedelta(days=1) <= r.target_time
              <= period.end + timedelta(days=1)]
    assert [(r.value, r.target, r.capture, r.signature) for r in readings] == [
        (x.raw, x.target_time, x.capture_time, x.signature) for x in inside]
    assert [r.status_fnn for r in readings] == [x.cosem_status.upper() for x in inside]
    assert supplier.analysis_profile is not None
    billing = period_profile(supplier.analysis_profile, period.start, period.end)
    from_file = compute_transparency(device.value_lists, billing)
    from_gateway = compute_transparency(origin_value_lists(point, info, origin), billing)
    assert from_file.registers == from_gateway.registers
    amounts = gateway_amounts(_db(fetched, "2", "calculated"), period.start, period.end)
    assert {r.obis: r.amount for r in from_file.registers} == amounts


def test_trudi_pair_for_the_profiles_own_billing_period(fetched: MemorySource) -> None:
    """The profile's billingPeriod is the first monthly period: export + profile is a
    device/supplier pair the transparency function computes like TRuDI."""
    point = next(p for p in fetched.points if p.taf == "2")
    first = point.billing_periods[0]
    xml = write_device_xml(point, _db(fetched, "2", "origin"), gateway=fetched.info,
                           info=fetched.details[point.usage_point_id], end=first.end)
    result = evaluate_transparency(xml, _profile_xml(fetched))
    assert result.refusal is None and not [f for f in result.findings if f.severity != "info"]
    amounts = gateway_amounts(_db(fetched, "2", "calculated"), first.start, first.end)
    assert {r.obis: r.amount for r in result.registers} == amounts
