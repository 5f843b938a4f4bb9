"""Parser rules (verify.md §A.8), safety and findings of the AR 2418-6 reader."""

from __future__ import annotations

import pytest
from helpers import TRUDI_CASES

from trudi_py.errors import CannotCompute
from trudi_py.verify import InvalidDocument, evaluate_transparency, parse_device, parse_supplier

HEAD = ('<UsagePoints xmlns="http://vde.de/AR_2418-6.xsd" xmlns:espi="http://naesb.org/espi">'
        '<UsagePoint><espi:ServiceCategory><espi:kind>0</espi:kind></espi:ServiceCategory>'
        '<usagePointId>UP</usagePointId><InvoicingParty><invoicingPartyId>I</invoicingPartyId>'
        '</InvoicingParty><SMGW><smgwId>G</smgwId></SMGW><tariffName>T</tariffName>')
TAIL = "</UsagePoint></UsagePoints>"


def supplier(day_profiles: str, specials: str, use_case: int = 2) -> bytes:
    return (HEAD + f"<AnalysisProfile><tariffUseCase>{use_case}</tariffUseCase>"
            "<billingPeriod><duration>86400</duration><start>2017-11-04T00:00:00+01:00</start>"
            "</billingPeriod><TariffStage><tariffNumber>1</tariffNumber>"
            "<obisCode>0100010801ff</obisCode></TariffStage><TariffChangeTrigger><TimeTrigger>"
            + day_profiles + specials + "</TimeTrigger></TariffChangeTrigger></AnalysisProfile>"
            + TAIL).encode()


DP = ("<DayProfile><dayId>1</dayId><DayTimeProfile><startTime><hour>0</hour><minute>0</minute>"
      "</startTime><tariffNumber>1</tariffNumber></DayTimeProfile></DayProfile>")


def sdp(day_id: int, date: str = "<year>2017</year><month>11</month><day_of_month>4"
        "</day_of_month>") -> str:
    return f"<SpecialDayProfile><specialDayDate>{date}</specialDayDate><dayId>{day_id}</dayId>" \
           "</SpecialDayProfile>"


def test_special_day_with_unknown_day_id() -> None:
    with pytest.raises(CannotCompute) as info:
        parse_supplier(supplier(DP, sdp(2)))
    assert info.value.rule == "special-day-unknown-day-profile"


def test_duplicate_day_id() -> None:
    with pytest.raises(CannotCompute) as info:
        parse_supplier(supplier(DP.replace("<dayId>1</dayId>", "<dayId>1</dayId><dayId>2</dayId>"),
                                sdp(1)))
    assert info.value.rule == "duplicate-day-id"


def test_incomplete_special_day_date() -> None:
    with pytest.raises(CannotCompute) as info:
        parse_supplier(supplier(DP, sdp(1, "<year>2017</year><month>11</month>")))
    assert info.value.rule == "special-day-date-incomplete"


@pytest.mark.parametrize("value", ["", "ABC", "A00000002000000G"])
def test_invalid_status_fnn(value: str) -> None:
    doc = (HEAD + "<MeterReading><IntervalBlock><IntervalReading><espi:value>1</espi:value>"
           f"<statusFNN>{value}</statusFNN></IntervalReading></IntervalBlock></MeterReading>"
           + TAIL).encode()
    with pytest.raises(CannotCompute) as info:
        parse_device(doc)
    assert info.value.rule == "invalid-status-fnn"


def test_invalid_cert_content() -> None:
    doc = (HEAD + "<Certificate><certId>1</certId><certType>1</certType>"
           "<certContent>ABC</certContent></Certificate>" + TAIL).encode()
    with pytest.raises(CannotCompute) as info:
        parse_device(doc)
    assert info.value.rule == "invalid-cert-content"


@pytest.mark.parametrize("data", [b"", b"<not xml", b"<a><b/></a>", b"\x00\x01"])
def test_not_an_ar2418_document(data: bytes) -> None:
    with pytest.raises(InvalidDocument) as info:
        parse_device(data)
    assert info.value.exit_code == 2


def test_entities_are_never_expanded(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    doc = (f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">'
           '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
           + HEAD.replace("<usagePointId>UP", "<usagePointId>&x;&b;") + TAIL).encode()
    parsed = parse_device(doc)
    assert "TOPSECRET" not in (parsed.usage_point_id or "")
    assert "aaaa" not in (parsed.usage_point_id or "")


def test_unsupported_element_and_multiple_usage_points_are_warnings() -> None:
    doc = (HEAD + TAIL.replace("</UsagePoints>", "") + HEAD.replace(
        '<UsagePoints xmlns="http://vde.de/AR_2418-6.xsd" xmlns:espi="http://naesb.org/espi">',
        "") + "<Foo>1</Foo>" + TAIL).encode()
    parsed = parse_device(doc)
    assert parsed.usage_points == 2 and parsed.unsupported == ("Foo",)


def test_missing_analysis_profile_and_use_case() -> None:
    device = (HEAD + TAIL).encode()
    result = evaluate_transparency(device, device)
    assert result.exit_code == 8 and result.refusal.rule == "no-analysis-profile"
    result = evaluate_transparency(device, supplier(DP, sdp(1), use_case=7))
    assert result.refusal.rule == "unsupported-tariff-use-case"
    assert result.to_dict()["taf"] == "7" and result.to_dict()["registers"] == []


def test_schema_violation_is_a_warning_naming_the_line() -> None:
    """verify.md §D.2: validated offline against AR_2418-6.xsd; a violation is reported
    (first violation, with its line) but never refuses the computation."""
    import json as _json

    from trudi_py.verify import evaluate_transparency
    from trudi_py.verify.schema import schema_finding
    data = TRUDI_CASES
    device = (data / "taf2" / "result_single_day.xml").read_bytes()
    supplier = (data / "taf2" / "supplier_single_day.xml").read_bytes()
    assert schema_finding(device, "device") is None
    assert schema_finding(supplier, "supplier") is None
    bad = supplier.replace(b"<usagePointId>", b"<remark>x</remark><usagePointId>", 1)
    finding = schema_finding(bad, "supplier")
    assert finding is not None and finding.code == "schema" and "line 7" in finding.message
    result = evaluate_transparency(device, bad)
    assert result.exit_code == 0 and any(f.code == "schema" for f in result.findings)
    assert [str(r.amount) for r in result.registers] == ["360", "600", "0"]
    assert _json.loads(result.to_json())["registers"]
