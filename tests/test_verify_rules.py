"""Focused tests of the tricky TAF-2/TAF-1 rules of verify.md on small synthetic inputs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from verify_synth import BERLIN, amounts, berlin, day_profile, ovl, profile, series

from trudi_py.errors import CannotCompute
from trudi_py.verify import TariffStage, ValueList, compute_transparency
from trudi_py.verify.inputs import IntervalBlock, IntervalReading
from trudi_py.verify.registers import build_registers
from trudi_py.verify.timeline import (
    align,
    instant,
    keys,
    match_period,
    measuring_period,
    prepare,
    wall_key_naive,
)

R1, R2, RE = "0100010801ff", "0100010802ff", "010001083fff"


def test_plain_day() -> None:
    start = berlin(2017, 11, 4)
    res = compute_transparency([ovl(series(start, berlin(2017, 11, 5)))], profile(start, 1))
    assert amounts(res) == {R1: 360, R2: 600, RE: 0}


def test_dst_october_day_has_96_wall_slots_and_the_extra_hour_in_its_zone() -> None:
    start = berlin(2017, 10, 29)
    res = compute_transparency([ovl(series(start, berlin(2017, 10, 30)))], profile(start, 1))
    # 25 h: 00:00→06:00 wall is 7 h (28 periods) of NT, 06:00→21:00 HT, 21:00→24:00 NT
    assert amounts(res) == {R1: 280 + 120, R2: 600, RE: 0}
    assert res.begin.isoformat() == "2017-10-29T00:00:00+02:00"
    assert res.end.isoformat() == "2017-10-30T00:00:00+01:00"


def test_dst_march_day() -> None:
    start = berlin(2017, 3, 26)
    res = compute_transparency([ovl(series(start, berlin(2017, 3, 27)))], profile(start, 1))
    assert amounts(res) == {R1: 200 + 120, R2: 600, RE: 0}


def test_single_missing_switch_reading_books_two_periods_to_error_register() -> None:
    start = berlin(2017, 11, 4)
    readings = series(start, berlin(2017, 11, 5), missing={"11-04 06:00"})
    res = compute_transparency([ovl(readings)], profile(start, 1))
    assert amounts(res) == {R1: 350, R2: 590, RE: 20}


def test_gap_across_switch_goes_from_last_to_first_usable_reading() -> None:
    start = berlin(2017, 11, 4)
    gap = {f"11-04 {h:02d}:{m:02d}" for h in (5, 6) for m in (0, 15, 30, 45)}
    res = compute_transparency([ovl(series(start, berlin(2017, 11, 5), missing=gap))],
                               profile(start, 1))
    # NT to 04:45 (190), 04:45 → 07:00 error (90), HT from 07:00 (560), NT evening (120)
    assert amounts(res) == {R1: 310, R2: 560, RE: 90}


def test_status_3_is_treated_like_missing() -> None:
    start = berlin(2017, 11, 4)
    bad = {f"11-04 {h:02d}:{m:02d}" for h in (5, 6) for m in (0, 15, 30, 45)}
    res = compute_transparency([ovl(series(start, berlin(2017, 11, 5), status3=bad))],
                               profile(start, 1))
    assert amounts(res) == {R1: 310, R2: 560, RE: 90}


def test_gap_over_midnight_uses_carried_value_and_sticky_error_tariff() -> None:
    start = berlin(2017, 11, 4)
    gap = {"11-04 23:45"} | {f"11-05 {h:02d}:{m:02d}" for h in range(6) for m in (0, 15, 30, 45)}
    res = compute_transparency([ovl(series(start, berlin(2017, 11, 6), missing=gap))],
                               profile(start, 2))
    # day 1: 240 + 600 + [21:00, 23:30] 100; day 2 bridges 23:30 → 06:00 into 63 (1200 - 940)
    assert amounts(res) == {R1: 240 + 100 + 120, R2: 1200, RE: 260}


def test_bridge_without_switch_keeps_carried_tariff() -> None:
    start = berlin(2017, 11, 4)
    gap = {"11-05 00:00", "11-05 00:15"}
    res = compute_transparency([ovl(series(start, berlin(2017, 11, 6), missing=gap))],
                               profile(start, 2))
    assert amounts(res) == {R1: 720, R2: 1200, RE: 0}


def test_unusable_first_reading_books_whole_meter_value_quirk() -> None:
    start = berlin(2017, 11, 4)
    readings = series(start, berlin(2017, 11, 5), first_value=1000, missing={"11-04 00:00"})
    readings.insert(0, IntervalReading(1000, start, None, 4))
    res = compute_transparency([ovl(readings)], profile(start, 1))
    assert res.begin == start  # Begin ignores status
    # V starts at 0 and K at 63: the bridge books 1010 - 0 into the error register
    assert amounts(res) == {R1: 230 + 120, R2: 600, RE: 1010}


def test_thirty_minute_data_with_missing_switch_reading() -> None:
    start = berlin(2017, 11, 4)
    readings = series(start, berlin(2017, 11, 5), step_s=1800, first_value=10000,
                      missing={"11-04 06:00"})
    res = compute_transparency([ovl(readings)], profile(start, 1))
    assert amounts(res) == {R1: 170, R2: 290, RE: 20}


def test_daily_readings_with_switches_go_to_error_register() -> None:
    start = berlin(2017, 11, 1)
    readings = series(start, berlin(2017, 11, 4), step_s=86400)
    res = compute_transparency([ovl(readings)], profile(start, 3))
    assert amounts(res) == {R1: 0, R2: 0, RE: 30}


def test_no_usable_reading_at_all_is_calculation_undefined() -> None:
    start = berlin(2017, 11, 4)
    readings = [IntervalReading(r.value, r.capture, None, 4)
                for r in series(start, berlin(2017, 11, 5))]
    with pytest.raises(CannotCompute) as info:
        compute_transparency([ovl(readings)], profile(start, 1))
    assert info.value.rule == "calculation-undefined"


def test_no_readings_in_billing_period() -> None:
    start = berlin(2017, 11, 4)
    with pytest.raises(CannotCompute) as info:
        compute_transparency([ovl(series(start, berlin(2017, 11, 5)))],
                             profile(berlin(2018, 1, 1), 1))
    assert info.value.rule == "no-readings-in-billing-period"


def test_off_raster_alignment_3_percent() -> None:
    def target(text: str, period: int = 900) -> str:
        moment = datetime.fromisoformat(text)
        a, w = align(*keys(moment), period, 3)
        return instant(a).isoformat()
    assert target("2017-10-26T08:44:58+02:00") == "2017-10-26T08:45:00+02:00"
    assert target("2017-10-28T23:59:59+02:00") == "2017-10-29T00:00:00+02:00"
    assert target("2017-10-26T08:45:49+02:00") == "2017-10-26T08:45:49+02:00"
    assert target("2017-10-29T03:13:42+01:00") == "2017-10-29T03:13:42+01:00"
    assert target("2017-10-26T06:01:00+02:00") == "2017-10-26T06:01:00+02:00"
    assert target("2017-10-26T06:00:27+02:00") == "2017-10-26T06:00:00+02:00"
    assert target("2017-11-03T00:40:00+01:00", 86400) == "2017-11-03T00:00:00+01:00"
    assert target("2017-11-03T23:20:00+01:00", 86400) == "2017-11-04T00:00:00+01:00"


def test_measuring_period_inference() -> None:
    assert match_period(899) == 900 and match_period(880) == 0 and match_period(3590) == 3600
    t0 = datetime(2017, 11, 4, tzinfo=UTC)
    def rs(*offsets_and_status):
        return tuple(IntervalReading(0, t0 + timedelta(seconds=o), None, s)
                     for o, s in offsets_and_status)
    # one 900 and one 1800 difference: tie → the one first seen latest (1800) wins
    block = IntervalBlock(t0, 10000, rs((0, 0), (900, 0), (2700, 0)))
    vl = ValueList("0100010800FF", (block,), meter_id="M", qualified_logical_name="x.M.sm")
    assert measuring_period(vl, vl.blocks) == 1800
    # pairs with statusPTB >= 3 are ignored in the first pass
    block = IntervalBlock(t0, 10000, rs((0, 0), (900, 0), (1800, 3), (3600, 3), (5400, 0)))
    assert measuring_period(vl, (block,)) == 900


def test_lookup_first_block_wins_and_aligned_block_span() -> None:
    t0 = datetime(2017, 11, 4, 7, 59, 55, tzinfo=UTC)  # 08:59:55 Berlin, aligned 09:00
    first = IntervalBlock(t0, 3600, (IntervalReading(1, t0, t0 + timedelta(seconds=5), 0),))
    t1 = t0 + timedelta(seconds=3605)
    second = IntervalBlock(t1, 3600, (IntervalReading(2, t1, t1, 0),))
    vl = ValueList("0100010800FF", (second, first), meter_id="M", qualified_logical_name="x.M.sm")
    prepared = prepare(vl)
    key = wall_key_naive(datetime(2017, 11, 4, 10, 0))
    # 10:00 lies in the first block's aligned span (09:00–10:00): its reading is not found there
    assert prepared.lookup(key) is None
    assert prepared.lookup(wall_key_naive(datetime(2017, 11, 4, 9, 0))).value == 1


def test_error_register_creation_order() -> None:
    stages = [TariffStage(1, R1), TariffStage(2, R2), TariffStage(3, "0100020801ff"),
              TariffStage(4, "0100020802ff")]
    regs = build_registers(stages, error_registers=True)
    assert [(r.obis, r.tariff) for r in regs] == [
        (R1, 1), (R2, 2), ("0100020801ff", 3), ("0100020802ff", 4), (RE, 63),
        ("010002083fff", 63)]
    own = build_registers([TariffStage(1, R1), TariffStage(9, "010001083FFF")],
                          error_registers=True)
    assert [(r.obis, r.tariff) for r in own] == [(R1, 1), (RE, 63)]


def test_last_slot_switch_bills_previous_tariff_to_midnight() -> None:
    start = berlin(2017, 11, 4)
    alt = day_profile(1, lambda h, m: 1 + (h * 4 + m // 15) % 2)
    res = compute_transparency([ovl(series(start, berlin(2017, 11, 5)))],
                               profile(start, 1, profiles=[alt]))
    # τ alternates 1, 2, 1, …; the switch at 23:45 bills [23:30, 24:00] with τ(23:30) = 1
    assert amounts(res) == {R1: 490, R2: 470, RE: 0}


def test_taf1_month_and_invalid_length() -> None:
    start = berlin(2017, 10, 1)
    one = [day_profile(1, lambda h, m: 1)]
    stages = [TariffStage(1, R1)]
    readings = series(start, berlin(2017, 11, 1), step_s=3600, increment=1)
    res = compute_transparency([ovl(readings)], profile(start, 31, use_case=1, profiles=one,
                                                        stages=stages))
    assert amounts(res) == {R1: 31 * 24 + 1}
    assert res.begin == start and res.end == berlin(2017, 11, 1)
    with pytest.raises(CannotCompute) as info:
        compute_transparency([ovl(readings)], profile(start, 31, use_case=1, profiles=one,
                                                      stages=stages, duration=86400 * 31))
    assert info.value.rule == "taf1-billing-period-length"


def test_zone_independent_wall_keys() -> None:
    moment = datetime(2017, 10, 29, 1, 15, tzinfo=UTC)  # 02:15+01:00
    assert keys(moment)[1] == wall_key_naive(datetime(2017, 10, 29, 2, 15))
    assert keys(moment.astimezone(BERLIN))[1] == keys(moment)[1]
