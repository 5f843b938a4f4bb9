"""Benchmark: TAF-2 over a year of 15-minute readings (35 040 values, 2 tariffs).

Run: ``python3 benchmarks/bench_taf2.py``. Prints the time of the computation (including the
preparation of the readings: target times, lookup tables), the time of a baseline (merely
iterating over the readings and summing their values), their ratio, and whether the 0.5 s
target is met.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from trudi_py.verify.inputs import (
    AnalysisProfile,
    DayProfile,
    IntervalBlock,
    IntervalReading,
    Slot,
    SpecialDay,
    TariffStage,
    ValueList,
)
from trudi_py.verify.taf2 import compute_taf2

TARGET_S = 0.5
BERLIN = ZoneInfo("Europe/Berlin")


def build(readings_count: int = 35040) -> tuple[ValueList, AnalysisProfile]:
    """One original value list of a year (2023) and an NT/HT supplier profile."""
    start = datetime(2023, 1, 1, tzinfo=BERLIN).astimezone(UTC)
    step = timedelta(minutes=15)
    readings = tuple(IntervalReading(10 * i, start + i * step, None, 0)
                     for i in range(readings_count + 1))
    meter = "1LGZ0038895402"
    block = IntervalBlock(start, readings_count * 900, readings)
    vl = ValueList("0100010800FF", (block,), -1, 0, 72, meter, f"0100010800FF.{meter}.sm")
    slots = tuple(Slot(k // 4, k % 4 * 15, 0, 2 if 24 <= k < 84 else 1) for k in range(96))
    days = tuple(SpecialDay(date(2023, 1, 1) + timedelta(days=i), 1) for i in range(365))
    profile = AnalysisProfile(2, start, readings_count * 900,
                              (TariffStage(1, "0100010801ff"), TariffStage(2, "0100010802ff")),
                              (DayProfile(1, slots),), days)
    return vl, profile


def baseline(vl: ValueList) -> int:
    """Iterate over the readings and sum their values."""
    total = 0
    for block in vl.blocks:
        for reading in block.readings:
            total += reading.value or 0
    return total


def best_of(func, repeat: int = 5) -> float:  # noqa: ANN001
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    vl, profile = build()
    outcome = compute_taf2([vl], profile)
    regs = {r.obis: r.amount for r in outcome.registers}
    n = sum(len(b.readings) for b in vl.blocks)
    assert sum(regs.values()) == 10 * (n - 1), regs
    base = best_of(lambda: baseline(vl))
    taf2 = best_of(lambda: compute_taf2([vl], profile))
    print(f"readings: {n}, registers: {regs}")
    print(f"baseline (iterate + sum): {base:.4f} s")
    print(f"TAF-2 computation:        {taf2:.4f} s")
    print(f"ratio:                    {taf2 / base:.1f}x baseline")
    print(f"target < {TARGET_S} s:           {'met' if taf2 < TARGET_S else 'NOT met'}")


if __name__ == "__main__":
    main()
