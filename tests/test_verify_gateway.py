"""§F: the simulator's TAF-1/TAF-2 contracts recomputed from `origin` and compared with the
gateway's `derived`/`calculated` registers — data fetched over real TLS, once per module."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from helpers import NOW, MemorySource, settings_for

from trudi_py.cli.archive_verify import print_result
from trudi_py.m2m import GatewayClient
from trudi_py.m2m.source import GatewaySource
from trudi_py.model import ChannelReadings, Reading, UsagePoint
from trudi_py.simulator import Simulator, SimulatorConfig
from trudi_py.simulator.scenarios import CORRUPT_CALCULATED, corrupted_period
from trudi_py.verify.archive_report import ArchiveVerification, verify_source
from trudi_py.verify.archive_text import render_archive_text
from trudi_py.verify.gateway_check import check_profile, check_usage_point


@pytest.fixture(scope="module")
def description(sim_state):  # type: ignore[no-untyped-def]
    """The interface description's gateway: TAF-1 with its own `origin` and a signed profile
    (the recomputation from profiles is what these tests are about; the field gateway's
    TAF-1 is covered by test_field_verify.py)."""
    with Simulator(SimulatorConfig(scenario="household", now=NOW, state_dir=sim_state,
                                   latency_ms=0, gateway="description")) as sim:
        yield sim


@pytest.fixture(scope="module")
def fetched(description) -> MemorySource:  # type: ignore[no-untyped-def]
    with GatewayClient(settings_for(description)) as client:
        return MemorySource.fetch(GatewaySource(client))


@pytest.fixture(scope="module")
def clean(fetched: MemorySource) -> ArchiveVerification:
    return verify_source(fetched)


@pytest.fixture(scope="module")
def corrupt(sim_state):  # type: ignore[no-untyped-def]
    with Simulator(SimulatorConfig(scenario="household", now=NOW, state_dir=sim_state,
                                   latency_ms=0, corrupt_calculated=True,
                                   gateway="description")) as sim:
        with GatewayClient(settings_for(sim)) as client:
            source = MemorySource.fetch(GatewaySource(client), only_tafs=("2",))
        yield sim.data, source, verify_source(source)


def _point(source: MemorySource, taf: str) -> UsagePoint:
    return next(p for p in source.points if p.taf == taf)


def test_taf1_and_taf2_verify_clean(clean: ArchiveVerification, fetched: MemorySource) -> None:
    assert {up.taf for up in clean.usage_points} == {"1", "2"}
    for up in clean.usage_points:
        assert up.profile.signature == "valid" and up.profile.signer_cert_index == "0"
        point = next(p for p in fetched.points if p.usage_point_id == up.usage_point_id)
        assert len(up.periods) == len(point.billing_periods) == 15
        assert [p.status for p in up.periods] == ["match"] * 14 + ["open"]
        for period in up.periods[:-1]:
            assert all(r.difference == 0 and r.computed is not None for r in period.registers)
            assert not [f for f in period.findings if f.severity != "info"]
        obis = [r.obis for r in up.periods[0].registers]
        assert obis == (["0100010801ff"] if up.taf == "1" else
                        ["0100010801ff", "0100010802ff", "010001083fff"])
    assert [c.sig_signed_by_sub_ca for c in clean.certificates] == [True, True]
    assert clean.exit_code == 0 and not clean.failed_checks and not clean.mismatches()


def test_json_is_the_f3_document(clean: ArchiveVerification, fetched: MemorySource) -> None:
    doc = json.loads(clean.to_json())
    assert list(doc) == ["archive", "usage-points", "certificates", "reading-signatures",
                         "findings", "verdicts"]
    assert doc["archive"] is None  # a live source has no archive integrity
    up = next(u for u in doc["usage-points"] if u["taf"] == "2")
    assert list(up) == ["usage-point-id", "taf", "profile", "readings-source",
                        "billing-periods"]
    assert up["readings-source"] == up["usage-point-id"]  # its own origin
    assert up["profile"] == {"present": True, "signature": "valid", "signer-cert-index": "0"}
    first = up["billing-periods"][0]
    assert list(first) == ["start", "end", "status", "registers", "findings"]
    assert first["start"] == "2025-08-31T22:00:00Z" and first["end"] == "2025-09-30T22:00:00Z"
    reg = first["registers"][0]
    assert list(reg) == ["obis", "tariff", "computed", "gateway", "difference"]
    assert reg["computed"] == reg["gateway"] and reg["difference"] == "0"
    assert isinstance(reg["tariff"], int)
    truth = sum(1 for chs in fetched.data.values() for c in chs for r in c.readings)
    sigs = doc["reading-signatures"]
    assert sigs["present"] + sigs["null"] == truth and sigs["checked"] == 0
    assert sigs["null"] > 0  # the simulator nulls ~0.4 %
    assert doc["certificates"] == [{"cert-index": "0", "sig-signed-by-sub-ca": True},
                                   {"cert-index": "1", "sig-signed-by-sub-ca": True}]
    note = next(f for f in doc["findings"] if f["code"] == "reading-signatures")
    assert "not checkable: the signing rule is not published" in note["message"]
    assert "valid" not in note["message"]


def test_open_period_shows_registers_so_far(clean: ArchiveVerification,
                                            fetched: MemorySource) -> None:
    for up in clean.usage_points:
        last = up.periods[-1]
        assert last.status == "open" and last.end is not None and last.end > NOW
        assert last.registers and all(r.computed is not None and r.gateway is None
                                      for r in last.registers)
        origin = fetched.data[(up.usage_point_id, "origin")][0].readings
        at_start = next(r.raw for r in origin if r.target_time == last.start)
        assert sum(r.computed or 0 for r in last.registers) == origin[-1].raw - at_start
        assert any(f.code == "period-open" and f.text("de") for f in last.findings)


def test_corrupted_period_is_the_only_mismatch(corrupt) -> None:  # type: ignore[no-untyped-def]
    data, source, result = corrupt
    up_id, obis, start, end = corrupted_period(data)
    assert obis == CORRUPT_CALCULATED.obis
    assert result.mismatches() == [(up_id, start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                    end.strftime("%Y-%m-%dT%H:%M:%SZ"), obis)]
    assert result.exit_code == 7
    check = result.usage_points[0]
    bad = [p for p in check.periods if p.status == "mismatch"]
    assert len(bad) == 1 and (bad[0].start, bad[0].end) == (start, end)
    reg = next(r for r in bad[0].registers if r.obis == obis)
    assert reg.gateway is not None and reg.computed is not None
    assert reg.gateway - reg.computed == CORRUPT_CALCULATED.delta and reg.difference == -7
    assert [p.status for p in check.periods].count("match") == 13
    finding = next(f for f in result.findings if f.code == "register-mismatch")
    assert up_id in finding.message and "1-0:1.8.2*255" in finding.message
    assert "0.7 Wh (raw 7) higher" in finding.message
    assert "0,7 Wh (roh 7) höher" in finding.text("de") and up_id in finding.text("de")
    assert finding.severity == "error"


def test_cli_output_names_the_mismatch(corrupt, capsys) -> None:  # type: ignore[no-untyped-def]
    data, _, result = corrupt
    up_id, obis, start, _ = corrupted_period(data)
    print_result(result, as_json=True)
    out, err = capsys.readouterr()
    doc = json.loads(out)
    periods = doc["usage-points"][0]["billing-periods"]
    assert [p["status"] for p in periods].count("mismatch") == 1
    assert f"mismatch: usage point {up_id}" in err and obis in err
    assert start.strftime("%Y-%m-%dT%H:%M:%SZ") in err
    print_result(result, as_json=False, lang="de")
    text, _ = capsys.readouterr()
    assert "ABWEICHUNG" in text and "Prüfungen fehlgeschlagen (Exit 7)" in text


def test_text_report_clean(clean: ArchiveVerification) -> None:
    text = render_archive_text(clean, "en")
    assert "everything checked is in order (exit 0)" in text
    assert text.count("  match") == 28 and "not checkable" in text
    assert "Signatur gültig" in render_archive_text(clean, "de")


def _with_origin(source: MemorySource, taf: str,
                 change: Callable[[list[Reading]], list[Reading]]
                 ) -> tuple[UsagePoint, list[ChannelReadings]]:
    point = _point(source, taf)
    origin = source.data[(point.usage_point_id, "origin")]
    return point, [ChannelReadings(c.obis, c.meter_id, tuple(change(list(c.readings))))
                   for c in origin]


def test_gap_and_critical_status_are_explained(fetched: MemorySource) -> None:
    point = _point(fetched, "2")
    period = point.billing_periods[3]
    # a weekday in that period, local 06:00 = tariff switch NT → HT
    day = next(period.start + timedelta(days=k) for k in range(2, 9)
               if (period.start + timedelta(days=k, hours=1)).weekday() < 5)
    switch = day + timedelta(hours=6)  # 06:00 local: day is a local midnight
    gap_from, gap_to = day + timedelta(hours=14), day + timedelta(hours=15, minutes=30)

    def change(readings):  # type: ignore[no-untyped-def]
        out = []
        for r in readings:
            if gap_from <= r.target_time <= gap_to:
                continue
            if r.target_time == switch:
                r = r.replace(cosem_status="a0020000" + r.cosem_status[8:])
            out.append(r)
        return out
    point, origin = _with_origin(fetched, "2", change)
    info = fetched.details[point.usage_point_id]
    regs = fetched.data[(point.usage_point_id, "calculated")]
    check = check_usage_point(point, info, fetched.info, origin, regs)
    target = check.periods[3]
    assert target.status == "mismatch"
    assert all(p.status == "match" for p in check.periods[:3] + check.periods[4:-1])
    codes = [f.code for f in target.findings]
    assert "register-mismatch" in codes and "gap" in codes and "unusable-reading" in codes
    gap = next(f for f in target.findings if f.code == "gap")
    assert "no readings from" in gap.message and "7 missing values" in gap.message
    assert "Lücke" in gap.text("de")
    bad = next(f for f in target.findings if f.code == "unusable-reading")
    assert "critical (3)" in bad.message and "tariff switch at 06:00" in bad.message
    assert "Tarifwechsel um 06:00" in bad.text("de")
    error_reg = next(r for r in target.registers if r.tariff == 63)
    assert error_reg.computed != 0  # TRuDI books the bridged gap to the error register


def test_missing_gateway_value_is_incomplete(fetched: MemorySource) -> None:
    point = _point(fetched, "1")
    info = fetched.details[point.usage_point_id]
    regs = fetched.data[(point.usage_point_id, "derived")]
    boundary = point.billing_periods[5].end
    cut = [ChannelReadings(c.obis, c.meter_id,
                           tuple(r for r in c.readings if r.target_time != boundary))
           for c in regs]
    origin = fetched.data[(point.usage_point_id, "origin")]
    check = check_usage_point(point, info, fetched.info, origin, cut)
    assert [p.status for p in check.periods][5:7] == ["incomplete", "incomplete"]
    assert check.periods[5].registers[0].gateway is None
    assert any(f.code == "gateway-value-missing" for f in check.periods[5].findings)


def test_incomplete_is_not_checkable_exit_8_only_with_strict(fetched: MemorySource) -> None:
    point = _point(fetched, "1")
    boundary = point.billing_periods[2].end
    key = (point.usage_point_id, "derived")
    saved = fetched.data[key]
    fetched.data[key] = [ChannelReadings(c.obis, c.meter_id, tuple(
        r for r in c.readings if r.target_time != boundary)) for c in saved]
    try:
        lenient = verify_source(fetched)
        assert lenient.exit_code == 0
        unknown = [v for v in lenient.verdicts
                   if v.outcome == "not-checkable" and "billing period" in v.subject.text()]
        assert len(unknown) == 2  # the two periods sharing the missing boundary
        strict = verify_source(fetched, strict=True)
        assert strict.exit_code == 8 and not strict.failed_checks
        assert any(f.code == "period-incomplete" for f in strict.findings)
    finally:
        fetched.data[key] = saved


def test_profile_signature_states(fetched: MemorySource) -> None:
    point = _point(fetched, "2")
    container = fetched.details[point.usage_point_id].taf_profile
    assert container is not None
    assert check_profile(container, fetched.info).signature == "valid"
    pos = container.index(b"<tariffUseCase>")
    tampered = container[:pos] + b"<tariffUseCasf>" + container[pos + 15:]
    bad = check_profile(tampered, fetched.info)
    assert bad.signature == "invalid" and bad.findings[0].severity == "error"
    assert check_profile(b"\x30\x03junk", fetched.info).signature == "unreadable"
    absent = check_profile(None, fetched.info)
    assert (absent.present, absent.signature) == (False, "absent")
    other = dataclasses.replace(fetched.info, wan=fetched.info.wan[1:])
    assert check_profile(container, other).signature == "invalid"


def test_archive_integrity_problems_fail() -> None:
    from trudi_py.verify.archive_report import archive_section
    report = type("R", (), {"complete": False, "members_checked": 3, "problems": [
        {"severity": "error", "code": "sha256", "message": "hash differs", "path": "x.csv"}]})()
    section = archive_section(report)
    assert section.failed and section.to_dict() == {
        "complete": False, "members-checked": 3,
        "problems": [{"severity": "error", "code": "sha256", "message": "hash differs",
                      "path": "x.csv"}]}
