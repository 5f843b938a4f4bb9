"""Benchmark: building the simulator's household scenario (formerly a 3 s test assertion).

Run: ``python3 benchmarks/bench_sim_build.py``. Builds the household scenario a few times
(fresh seed and state folder each time, so no cache helps; the certificates are created in
the first build only, as in a real `trudi-py simulate` start they are reused), prints the
median build time, a baseline measured in the same run (formatting as many decimal strings
as the scenario has readings), their ratio, and whether the 3 s target is met.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from trudi_py.simulator.scenarios import build_scenario

TARGET_S = 3.0
NOW = datetime(2026, 8, 14, 18, 30, tzinfo=UTC)
RUNS = 3


def count_readings(data) -> int:  # noqa: ANN001
    return sum(len(ch.readings) for c in data.consumers for up in c.usage_points
               for db in up.databases for ch in db.channels)


def baseline(count: int) -> float:
    """Seconds to format ``count`` integers as decimal strings (machine speed reference)."""
    started = time.perf_counter()
    _ = [str(10 * i) for i in range(count)]
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-sim-") as tmp:
        state = Path(tmp)
        times = []
        readings = 0
        build_scenario("household", seed=999, now=NOW, state_dir=state)  # certificates
        for run in range(RUNS):
            started = time.perf_counter()
            data = build_scenario("household", seed=4242 + run, now=NOW, state_dir=state)
            times.append(time.perf_counter() - started)
            readings = count_readings(data)
    median = statistics.median(times)
    base = baseline(readings)
    print(f"household scenario: {readings} readings, build median {median:.3f} s "
          f"(runs: {', '.join(f'{t:.3f}' for t in times)})")
    print(f"baseline (format {readings} ints): {base:.3f} s; ratio {median / base:.1f}")
    print(f"target < {TARGET_S:.1f} s: {'met' if median < TARGET_S else 'NOT met'}")


if __name__ == "__main__":
    main()
