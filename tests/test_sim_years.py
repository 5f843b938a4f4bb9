"""Ten years of history from the simulator (`--years`): consistent, gapless but for the
designed gap, registers equal to the sum of their intervals; served over TLS."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from helpers import settings_for

from trudi_py.cli import build_parser
from trudi_py.cli.local_commands import _sim_config
from trudi_py.errors import UsageError
from trudi_py.m2m import GatewayClient
from trudi_py.m2m.windows import Window
from trudi_py.simulator import Simulator, SimulatorConfig
from trudi_py.simulator.data import GatewayData, SimUsagePoint
from trudi_py.simulator.household import GAP_QUARTERS
from trudi_py.simulator.scenarios import build_scenario, channel, find_usage_point, history_start

#: end-to-end and long: still run by default (CI runs everything); -m 'not slow' skips
pytestmark = pytest.mark.slow

UTC = UTC
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 8, 14, 18, 30, tzinfo=UTC)
QUARTER = timedelta(minutes=15)
YEARS = 10


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sim10")


@pytest.fixture(scope="module")
def ten(state: Path) -> GatewayData:
    # the description's gateway: TAF-1 keeps its own origin and monthly periods only, so the
    # registers can be summed per month (the field's daily tail is tested in test_sim_data)
    return build_scenario("household", now=NOW, state_dir=state, years=YEARS,
                          variant="description")


def _boundaries(up: SimUsagePoint) -> list[datetime]:
    periods = up.user_info["billing-Periods"]
    ends = [datetime.fromisoformat(p["end-time"]) for p in periods]
    return [datetime.fromisoformat(periods[0]["start-time"])] + [e for e in ends if e <= NOW]


def test_ten_years_of_quarter_hours_with_only_the_designed_gap(ten: GatewayData) -> None:
    up = find_usage_point(ten, "taf7")
    start = history_start(NOW, 12 * YEARS)
    assert start.astimezone(BERLIN).timetz() == time(0, 0, tzinfo=BERLIN)
    assert start.astimezone(BERLIN).date() == datetime(2016, 8, 1).date()
    steps = []
    for obis in ("0100010800ff", "0100020800ff"):
        rs = channel(up, "origin", obis).readings
        assert rs[0].target_time == start and rs[-1].target_time == NOW
        t = np.array([r.target_time.timestamp() for r in rs], dtype=np.int64)
        v = np.array([r.value for r in rs], dtype=np.int64)
        c = np.array([r.capture_time.timestamp() for r in rs], dtype=np.int64)
        diff = np.diff(t)
        odd = np.flatnonzero(diff != 900)
        steps.append([(rs[i].target_time, int(diff[i])) for i in odd])
        assert np.all(np.diff(v) >= 0)  # a register never runs backwards
        assert np.all((t - c >= 1) & (t - c <= 5))
        expected = int((NOW - start) / QUARTER) + 1 - GAP_QUARTERS
        assert len(rs) == expected
    assert steps[0] == steps[1] and len(steps[0]) == 1  # exactly the designed gap
    assert steps[0][0][1] == 900 * (GAP_QUARTERS + 1)
    # realistic over the whole decade: each full year 2-6 MWh import
    cons = channel(up, "origin", "0100010800ff").readings
    by_year = {}
    for r in cons:
        by_year.setdefault(r.target_time.year, []).append(r.value)
    for year in range(2017, 2026):
        assert 20_000_000 < by_year[year][-1] - by_year[year][0] < 60_000_000, year


def test_daily_values_are_the_origin_values_at_local_midnight(ten: GatewayData) -> None:
    up = find_usage_point(ten, "taf7")
    for obis in ("0100010800ff", "0100020800ff"):
        origin = {r.target_time: r.value for r in channel(up, "origin", obis).readings}
        daily = channel(up, "daily", obis).readings
        assert len(daily) >= 365 * YEARS
        assert all(r.target_time.astimezone(BERLIN).time() == time(0, 0) for r in daily)
        assert all(origin[r.target_time] == r.value for r in daily)


@pytest.mark.parametrize("name,database,registers", [
    ("taf1", "derived", ("0100010801ff",)),
    ("taf2", "calculated", ("0100010801ff", "0100010802ff", "010001083fff")),
])
def test_tariff_registers_equal_the_sum_of_their_intervals(ten: GatewayData, name: str,
                                                         database: str,
                                                         registers: tuple[str, ...]) -> None:
    up = find_usage_point(ten, name)
    origin = {r.target_time: r.value for r in channel(up, "origin", "0100010800ff").readings}
    rs = channel(up, "origin", "0100010800ff").readings
    assert all(b.target_time - a.target_time == QUARTER for a, b in pairwise(rs))
    bounds = _boundaries(up)
    assert len(bounds) - 1 == 12 * YEARS  # closed monthly periods of ten years
    values = {obis: channel(up, database, obis).readings for obis in registers}
    for obis, regs in values.items():
        assert [r.target_time for r in regs] == bounds, obis
    for k, (a, b) in enumerate(pairwise(bounds)):
        total = sum(values[o][k + 1].value - values[o][k].value for o in registers)
        assert total == origin[b] - origin[a], (name, a)
    if "010001083fff" in values:
        assert {r.value for r in values["010001083fff"]} == {0}


def test_logbook_spans_the_decade(ten: GatewayData) -> None:
    log = ten.consumers[0].log
    assert [e.index for e in log] == list(range(1, len(log) + 1))
    assert all(a.time <= b.time for a, b in pairwise(log))
    start = history_start(NOW, 12 * YEARS)
    assert log[0].time < start + timedelta(days=1) and log[-1].time <= NOW
    assert len([e for e in log if e.event_id == "1001"]) >= 100  # gateway starts
    sent = [e for e in log if e.event_id == "16001"]
    assert len(sent) >= 2 * 365 * YEARS - 2


def test_years_out_of_range(tmp_path: Path) -> None:
    for years in (0, -1, 31):
        with pytest.raises(UsageError, match="between 1 and 30"):
            build_scenario("household", now=NOW, state_dir=tmp_path, years=years)


def test_simulate_years_flag() -> None:
    args = build_parser().parse_args(["simulate", "--years", "10"])
    assert _sim_config(args, realistic=False).years == 10
    args = build_parser().parse_args(["simulate"])
    assert _sim_config(args, realistic=False).years is None


def test_served_over_tls_from_the_first_year(ten: GatewayData, state: Path) -> None:
    with Simulator(SimulatorConfig("household", now=NOW, state_dir=state, latency_ms=0,
                                   years=YEARS, gateway="description")) as sim:
        assert sim.data is ten  # the same build (cached per now, seed, state dir, years)
        up = find_usage_point(sim.data, "taf7")
        start = history_start(NOW, 12 * YEARS)
        window = Window(start - QUARTER, start + timedelta(days=31) - QUARTER)
        with GatewayClient(settings_for(sim)) as client:
            answer = client.readings_window(up.usage_point_id, "origin", window)
        truth = channel(up, "origin", "0100010800ff").readings[:31 * 96]
        got = next(c for c in answer.channels if c.obis == "0100010800ff").readings
        assert [(r.target_time, int(r.value), r.signature) for r in got] == \
            [(r.target_time, r.value, r.signature) for r in truth]
