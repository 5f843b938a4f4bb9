"""Every field fact of IF_GW_CON.md "Field evidence", on the simulator's default gateway
(real TLS on 127.0.0.1); each test fails if the handling of its fact is removed."""

from __future__ import annotations

import json
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from cryptography import x509
from helpers import NOW, settings_for

from trudi_py.cli import main
from trudi_py.m2m import GatewayClient
from trudi_py.m2m.client import last_reading_form
from trudi_py.model.certificate import certificate_der, read_certificate
from trudi_py.model.gateway import firmware_numbers, self_test_interval_h
from trudi_py.model.logbook import SYSLOG_LEVELS
from trudi_py.simulator import Simulator, SimulatorConfig
from trudi_py.simulator.pki import ECDSA_SHA256_WITH_NULL

NULL_ALG = ECDSA_SHA256_WITH_NULL


@pytest.fixture(scope="module")
def field(sim_state: Path):  # type: ignore[no-untyped-def]
    with Simulator(SimulatorConfig(scenario="two-consumers", now=NOW, state_dir=sim_state,
                                   latency_ms=0)) as sim:
        yield sim


@pytest.fixture(scope="module")
def description(sim_state: Path):  # type: ignore[no-untyped-def]
    with Simulator(SimulatorConfig(scenario="two-consumers", now=NOW, state_dir=sim_state,
                                   latency_ms=0, gateway="description")) as sim:
        yield sim


def test_han_certificate_null_parameter_over_tls(field) -> None:  # type: ignore[no-untyped-def]
    with GatewayClient(settings_for(field)) as client:
        info = client.smgw_info()
        served = client.pin.last_der
    assert served.count(NULL_ALG) == 2  # TBS and outer certificate
    with pytest.raises(ValueError):  # cryptography >= 49 refuses it
        x509.load_der_x509_certificate(served)
    facts = read_certificate(info.han_tls_pem)
    assert facts is not None and facts.reader == "asn1crypto"
    assert facts.der == served and facts.sha256 == field.fingerprint
    assert facts.subject == "CN=ETHE0300004261.SMGW,C=DE,OU=THE,O=SMGW"
    assert facts.serial == 1 and facts.key_type == "ECDSA secp384r1"
    assert facts.not_before is not None and facts.not_after > facts.not_before


def test_reader_uses_cryptography_when_it_can(description) -> None:  # type: ignore[no-untyped-def]
    facts = read_certificate(description.data.han_tls_pem)
    assert facts is not None and facts.reader == "cryptography"
    assert certificate_der(facts.pem) == facts.der
    assert certificate_der(facts.pem.encode().hex()) == facts.der  # hex-encoded PEM
    assert read_certificate(b"not a certificate") is None
    assert read_certificate(b"\x30\x03\x02\x01\x01") is None


def test_info_shows_the_null_parameter_certificate(field, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    c = field.data.consumers[0]
    monkeypatch.setenv("TRUDI_PASSWORD", c.password)
    monkeypatch.setenv("TRUDI_LANG", "en")
    code = main(["info", "--url", field.url, "--user", c.user, "--pin",
                 f"sha256:{field.fingerprint}"])
    out = capsys.readouterr().out
    assert code == 0
    assert "HAN certificate:  CN=ETHE0300004261.SMGW,C=DE,OU=THE,O=SMGW" in out
    assert "serial 1 (01), ECDSA secp384r1" in out
    assert "the one this connection uses" in out and "DIFFERS" not in out
    assert "Self-test:        automatic at start-up and every 24 hours" in out
    code = main(["info", "--url", field.url, "--user", c.user, "--pin",
                 f"sha256:{field.fingerprint}", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and doc["han-certificate"]["serial"] == "1"
    assert doc["han-certificate"]["sha256"] == doc["tls-sha256"] == field.fingerprint
    assert doc["han-certificate"]["subject"] == "CN=ETHE0300004261.SMGW,C=DE,OU=THE,O=SMGW"


def test_firmware_version_compared_numerically(field) -> None:  # type: ignore[no-untyped-def]
    assert field.data.firmware_version == "v3.87.0-cc"
    with GatewayClient(settings_for(field)) as client:
        fw = client.smgw_info().firmware
    assert fw.version == "v3.87.0-cc" and fw.numbers == (3, 87, 0)
    assert firmware_numbers("v3.80.0-cc") < firmware_numbers("v3.87.0-cc")
    assert firmware_numbers("v3.9.0") < firmware_numbers("v3.80.0")  # not as strings
    assert self_test_interval_h("v3.87.0-cc") == 24 and self_test_interval_h("v3.80.0-cc") == 4


def test_wan_certificates_brainpool_three_indices(field) -> None:  # type: ignore[no-untyped-def]
    with GatewayClient(settings_for(field)) as client:
        wan = client.smgw_info().wan
    assert [w.cert_index for w in wan] == ["0", "1", "2"]
    subs = [read_certificate(w.sub_ca_der) for w in wan]
    sigs = [read_certificate(w.sig_der) for w in wan]
    assert {s.key_type for s in sigs} == {"ECDSA brainpoolP256r1"}
    assert {s.key_type for s in subs} == {"ECDSA brainpoolP384r1"}
    assert {s.subject for s in subs} == {"O=trudi_py simulator,CN=Theben-AG.CA1",
                                         "O=trudi_py simulator,CN=GWAdriga-SmartEnergy.CA1"}
    from trudi_py.verify.cms import certificate_signed_by
    assert all(certificate_signed_by(w.sig_der, w.sub_ca_der) for w in wan)


def test_billing_periods_monthly_then_daily(field) -> None:  # type: ignore[no-untyped-def]
    with GatewayClient(settings_for(field)) as client:
        points = client.user_info()
    taf7 = next(p for p in points if p.taf == "7")
    days = [round((bp.end - bp.start) / timedelta(days=1))
            for bp in taf7.billing_periods if bp.end]
    assert days[-1] == 1 and days[0] >= 28
    first_daily = days.index(1)
    assert set(days[first_daily:]) == {1} and all(d >= 28 for d in days[:first_daily])
    starts = [bp.start for bp in taf7.billing_periods]
    assert starts == sorted(starts)
    assert all(a.end == b.start for a, b in pairwise(taf7.billing_periods))


def test_readings_bare_obis_and_64_byte_signatures(field, description) -> None:  # type: ignore[no-untyped-def]
    for sim, bare in ((field, True), (description, False)):
        with GatewayClient(settings_for(sim)) as client:
            points = client.user_info()
            taf7 = next(p for p in points if p.taf == "7")
            answer = client.last_reading(taf7.usage_point_id)
        ch = answer.channels[0]
        assert (ch.meter_id == "") is bare
        assert ch.obis == "0100010800ff"
        r = ch.readings[0]
        assert len(r.cosem_status) == 16
        assert r.signature is None or len(r.signature) == 128
        assert r.target_time.minute % 15 == 0 and r.capture_time < r.target_time


def test_last_reading_400_retries_other_form_and_remembers(field) -> None:  # type: ignore[no-untyped-def]
    field.set_quirks("last-reading-string-only")
    try:
        with GatewayClient(settings_for(field)) as client:
            points = client.user_info()
            taf7 = next(p for p in points if p.taf == "7")
            first = client.last_reading(taf7.usage_point_id)
            assert first.channels and last_reading_form(field.url) == "true"
            before = len(field.requests)
            again = client.last_reading(taf7.usage_point_id)
            assert len(field.requests) - before == 1  # remembered: no 400 round
            assert again.channels
        field.set_quirks("last-reading-boolean-only")  # a firmware that wants the boolean
        with GatewayClient(settings_for(field)) as client:
            assert client.last_reading(taf7.usage_point_id).channels
        assert last_reading_form(field.url) is True
    finally:
        field.set_quirks("")


def test_taf1_only_derived_no_profile_taf2_signed(field, description) -> None:  # type: ignore[no-untyped-def]
    c2 = field.data.consumers[1]
    with GatewayClient(settings_for(field, 1)) as client:
        taf1 = next(p for p in client.user_info() if p.taf == "1")
        info = client.usage_point_info(taf1.usage_point_id)
    assert [db.name for db in info.databases] == ["derived"]
    assert info.taf_profile in (None, b"") and info.transparency_bit is False
    with GatewayClient(settings_for(field, 0)) as client:
        taf2 = next(p for p in client.user_info() if p.taf == "2")
        info2 = client.usage_point_info(taf2.usage_point_id)
    assert info2.taf_profile and info2.transparency_bit is True
    assert c2.usage_points  # the description keeps TAF-1 with origin and a profile:
    with GatewayClient(settings_for(description, 1)) as client:
        d1 = next(p for p in client.user_info() if p.taf == "1")
        dinfo = client.usage_point_info(d1.usage_point_id)
    assert "origin" in [db.name for db in dinfo.databases] and dinfo.taf_profile


def _log(sim):  # type: ignore[no-untyped-def]
    with GatewayClient(settings_for(sim)) as client:
        return client.log()


def test_log_levels_one_scale(field, description) -> None:  # type: ignore[no-untyped-def]
    """The GUI and the CLI read the syslog scale; the field gateway sends it, so ordinary
    entries read "informational" — read on the description's scale they would be alarms."""
    from trudi_py.gui.pages.logbook import level_number
    field_log, desc_log = _log(field), _log(description)
    assert len(field_log) > 10 and len(desc_log) > 10
    levels = [e.level for e in field_log]
    ordinary = max(set(levels), key=levels.count)
    assert ordinary == "6" and SYSLOG_LEVELS[int(ordinary)] == "informational"
    d_levels = [e.level for e in desc_log]
    assert max(set(d_levels), key=d_levels.count) == "1"  # description scale: 1 = informational
    # GUI and CLI share one reading (syslog): the field's ordinary entry is no alarm there
    entry = next(e for e in field_log if e.level == "6")
    assert level_number(entry) == 6 and entry.level_name == "informational"
    alarm = next(e for e in desc_log if e.level == "1")
    assert alarm.level_name == "alert"  # what the description's scale would have shown


def test_simulate_and_demo_serve_the_same_gateway() -> None:
    import argparse

    from trudi_py.cli.local_commands import _sim_config
    args = argparse.Namespace(quirks=None, latency_ms=None, scenario="household", port=0,
                              state_dir=None, seed=1, gateway="field", years=None)
    sim, demo = _sim_config(args, realistic=False), _sim_config(args, realistic=True)
    assert sim.quirks == demo.quirks and sim.gateway == demo.gateway == "field"
    assert sim.latency_ms == 0 and demo.latency_ms is None  # demo only adds latency


def test_taf1_without_any_readings_is_not_checkable_never_open(field) -> None:  # type: ignore[no-untyped-def]
    """Field TAF-1 (no profile, only `derived`): with the TAF-7 readings it is compared; with
    only its own registers the closed periods are "not checkable", never "open", exit 0."""
    from helpers import MemorySource

    from trudi_py.m2m.source import GatewaySource
    from trudi_py.verify.archive_report import verify_source
    with GatewayClient(settings_for(field, 1)) as client:
        full = MemorySource.fetch(GatewaySource(client))
    compared = verify_source(full)
    (check,) = compared.usage_points
    assert check.readings_source is not None and check.readings_source.endswith("taf7-1.sm")
    assert {p.status for p in check.periods[:-1]} == {"match"}
    only_taf1 = MemorySource.__new__(MemorySource)
    only_taf1.info, only_taf1.details, only_taf1.data = full.info, full.details, full.data
    only_taf1.points = [p for p in full.points if p.taf == "1"]
    alone = verify_source(only_taf1)
    (check,) = alone.usage_points
    assert check.readings_source is None
    statuses = [p.status for p in check.periods]
    assert statuses[-1] == "open" and set(statuses[:-1]) == {"not-computable"}
    assert alone.exit_code == 0 and verify_source(only_taf1, strict=True).exit_code == 8
    assert not [v for v in alone.verdicts if v.outcome == "wrong"]
