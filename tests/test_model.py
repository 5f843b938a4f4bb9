"""Parsers over the recorded gateway answers (tests/data/field) and hostile variants."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from helpers import FIELD_ANSWERS

from trudi_py.errors import MalformedAnswer, TrudiError
from trudi_py.model import (
    GatewayInfo,
    LogAnswer,
    ReadingsAnswer,
    StatusWord,
    UsagePointInfo,
    parse_user_info,
)
from trudi_py.model.readings import format_decimal, physical_value
from trudi_py.model.times import parse_time, parse_user_time
from trudi_py.model.units import Obis, unit_name

FIELD = FIELD_ANSWERS
UTC = UTC


def load(name: str) -> dict:
    return json.loads((FIELD / name).read_text(encoding="utf-8"))


def test_field_reading_v387_bare_obis_and_exact_value() -> None:
    answer = ReadingsAnswer.from_json(load("readings.field-v3.87.json"))
    (channel,) = answer.channels
    assert channel.obis == "0100010800ff" and channel.meter_id == ""
    (reading,) = channel.readings
    assert reading.target_time == datetime(2026, 8, 14, 18, 30, tzinfo=UTC)
    assert reading.capture_time == datetime(2026, 8, 14, 18, 29, 57, tzinfo=UTC)
    assert reading.value == "171165808"
    assert reading.physical(-1) == Decimal("17116580.8")
    sent = load("readings.field-v3.87.json")["readings"]["channels"][0]["readings"][0]
    assert reading.signature == sent["signature"]  # kept exactly as sent
    assert reading.ptb_status == 0
    assert answer.records == 1


def test_spec_reading_qualified_obis_and_null_signature() -> None:
    answer = ReadingsAnswer.from_json(load("readings.spec-example.json"))
    (channel,) = answer.channels
    assert (channel.obis, channel.meter_id) == ("0100010800ff", "0551010038180402")
    assert channel.readings[0].signature is None
    assert channel.readings[0].owner_number == "taf1-1.sm"


def test_user_info_example() -> None:
    (point,) = parse_user_info(load("user-info.spec-example.json"))
    assert point.usage_point_id == "01005e318021.taf1-1.sm" and point.taf == "1"
    assert point.end is None  # "end-time": ""
    assert point.start == datetime(2019, 4, 18, 10, 45, tzinfo=UTC)
    assert point.meters == ("0551010038180402",)
    assert point.on_demand_profile is True
    assert [p.start.minute for p in point.billing_periods] == [30, 45]


def test_usage_point_info_example_keeps_placeholder_profile_as_error() -> None:
    # The spec example's taf-profile is shortened with "..." — not hex: a clear error.
    with pytest.raises(MalformedAnswer) as err:
        UsagePointInfo.from_json(load("usage-point-info.spec-example.json"))
    assert "taf-profile" in str(err.value)
    data = load("usage-point-info.spec-example.json")
    data["usage-point-info"]["taf-profile"] = "3082"
    info = UsagePointInfo.from_json(data)
    (db,) = info.databases
    assert db.name == "origin" and db.channels[0].scaler == -1 and db.channels[0].unit == 30
    assert info.channel("origin", "0100010800ff").label == "1.8.0 (Wh)"
    assert info.transparency_bit is True and info.taf_profile == b"\x30\x82"


def test_smgw_info_example_placeholder_certificates_named() -> None:
    with pytest.raises(MalformedAnswer) as err:
        GatewayInfo.from_json(load("smgw-info.spec-example.json"))
    assert "certificates" in err.value.field
    data = load("smgw-info.spec-example.json")
    data["smgw-info"]["certificates"] = {"han": {"tls": b"-----BEGIN".hex()}, "wan": []}
    info = GatewayInfo.from_json(data)
    assert info.display_id == "ETHE0300004261"
    assert info.time == datetime(2019, 5, 3, 10, 55, 44, tzinfo=UTC)  # no zone = UTC
    assert info.han_tls_pem.startswith("-----BEGIN")
    assert info.state_flags == []  # a0000000: identification only


def test_log_example() -> None:
    answer = LogAnswer.from_json(load("log.spec-example.json"))
    (entry,) = answer.entries
    assert entry.index == 1830 and entry.level_name == "informational"
    assert entry.event_key == "BSI.16001.0"


def test_log_accepts_record_number_instead_of_index() -> None:
    data = load("log.spec-example.json")
    entry = data["log"]["entries"][0]
    entry["record-number"] = entry.pop("index")
    parsed = LogAnswer.from_json(data).entries[0]
    assert parsed.index == 1830 and parsed.record_number == "1830"


@pytest.mark.parametrize("text, expected", [
    ("2019-05-03T10:55:44", datetime(2019, 5, 3, 10, 55, 44, tzinfo=UTC)),
    ("2019-05-03T10:55:44Z", datetime(2019, 5, 3, 10, 55, 44, tzinfo=UTC)),
    ("2019-08-23T12:09:10+02:00", datetime(2019, 8, 23, 10, 9, 10, tzinfo=UTC)),
    ("2019-08-23T12:09:10+2:00", datetime(2019, 8, 23, 10, 9, 10, tzinfo=UTC)),
    ("2019-01-23T12:09:10+1:00", datetime(2019, 1, 23, 11, 9, 10, tzinfo=UTC)),
    ("2019-01-23T12:09:10.250-0130", datetime(2019, 1, 23, 13, 39, 10, 250000, tzinfo=UTC)),
])
def test_time_forms(text: str, expected: datetime) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("bad", ["", "yesterday", "2019-13-01T00:00:00Z", "2019-05-03T25:00:00",
                                 "2019-05-03T10:00:00+25:00"])
def test_bad_times_name_the_field(bad: str) -> None:
    with pytest.raises(MalformedAnswer) as err:
        parse_time(bad, "readings.channels[0].readings[3].target-time")
    assert err.value.field.endswith("target-time")


def test_user_dates_are_local_days() -> None:
    assert parse_user_time("2026-01-01") == datetime(2025, 12, 31, 23, tzinfo=UTC)
    assert parse_user_time("2026-01-31", end=True) == datetime(2026, 1, 31, 23, tzinfo=UTC)
    assert parse_user_time("2026-07-01") == datetime(2026, 6, 30, 22, tzinfo=UTC)


def test_wrong_types_give_our_error_naming_the_field() -> None:
    data = load("readings.field-v3.87.json")
    data["readings"]["channels"][0]["readings"][0]["value"] = {"x": 1}
    with pytest.raises(MalformedAnswer) as err:
        ReadingsAnswer.from_json(data)
    assert err.value.field == "readings.channels[0].readings[0].value"
    data["readings"]["channels"][0]["readings"][0]["value"] = "12.5"
    with pytest.raises(MalformedAnswer):
        ReadingsAnswer.from_json(data)
    data["readings"]["channels"] = "nope"
    with pytest.raises(MalformedAnswer):
        ReadingsAnswer.from_json(data)
    with pytest.raises(TrudiError):
        ReadingsAnswer.from_json({"method": "readings"})


def test_numbers_as_json_numbers_are_tolerated() -> None:
    data = load("log.spec-example.json")
    data["log"]["entries"][0]["index"] = 1830
    data["log"]["records"] = 1
    assert LogAnswer.from_json(data).entries[0].index == 1830


def test_exact_physical_values() -> None:
    assert format_decimal(physical_value("12345", -1)) == "1234.5"
    assert format_decimal(physical_value("5", -3)) == "0.005"
    assert format_decimal(physical_value("12", 2)) == "1200"
    assert format_decimal(physical_value("-7", 0)) == "-7"


def test_units_and_obis() -> None:
    assert unit_name(30) == "Wh" and unit_name(99) == "unit 99"
    assert str(Obis.parse("0100010800FF")) == "1-0:1.8.0*255"


@pytest.mark.parametrize("word, ptb", [("A084000020000000", 4), ("A004000020000000", 2),
                                       ("A000000020000000", 0), ("A008000020000000", 1),
                                       ("A002000020000000", 3), ("a0000000208c3800", 0)])
def test_status_vectors(word: str, ptb: int) -> None:
    status = StatusWord.parse(word)
    assert status.ptb == ptb and status.well_formed


def test_status_render_round_trip() -> None:
    assert StatusWord(0x2105, 0x4).render() == "A084000020000000"
    flags = StatusWord.parse("a0000000208c3800").flags
    assert "meter:voltage-l1" in flags and "meter:l1-direction-negative" in flags
    assert StatusWord.parse("a0000000208c3800").notable_flags == []  # normal with PV feed-in
    assert StatusWord.parse("A008000020000000").notable_flags == ["smgw:ptb-warning"]


def test_window_planner_covers_exactly() -> None:
    from trudi_py.m2m.windows import plan_windows
    start = datetime(2025, 1, 1, tzinfo=UTC)
    end = start + timedelta(days=95)
    windows = plan_windows(start, end)
    assert len(windows) == 4
    assert windows[0].after == start - timedelta(seconds=1)
    assert windows[-1].until == end
    for a, b in pairwise(windows):
        assert a.until == b.after
    assert all(w.until - w.after <= timedelta(days=31) for w in windows)
    quarter_hours = [start + timedelta(minutes=15 * i) for i in range(95 * 96 + 1)]
    counts = [sum(w.contains(t) for w in windows) for t in quarter_hours]
    assert set(counts) == {1}
