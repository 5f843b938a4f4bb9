"""Benchmark: store size and sync time per year of data (issue 18).

Against the simulator (household scenario, 14 months, no latency, in-process): one first
sync of everything, then 30 incremental syncs two simulated days apart. Prints per year of
data the store size and the first-sync time, the incremental sync time, and as baseline
measured in the same run the decommissioning archive of the same gateway (time and ZIP size)
— ratios against it.

Usage: ``python3 benchmarks/bench_history.py``
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-history-"))
    os.environ["TRUDI_DATA_DIR"] = str(tmp / "data")
    from trudi_py.history import HistoryStore
    from trudi_py.jobs.archive import archive
    from trudi_py.jobs.sync import sync
    from trudi_py.m2m import ConnectionSettings
    from trudi_py.simulator import Simulator, SimulatorConfig

    t0 = datetime(2026, 11, 28, 12, 7, tzinfo=UTC)
    config = SimulatorConfig(now=t0, data_until=t0 + timedelta(days=62), state_dir=tmp / "sim",
                             latency_ms=0)
    with Simulator(config) as sim:
        c = sim.data.consumers[0]
        settings = ConnectionSettings(url=sim.url, user=c.user, password=c.password,
                                      pin=sim.fingerprint, timeout_s=30.0)
        start = time.perf_counter()
        result = archive(settings, tmp / "a.zip", excel=False, report=False)
        archive_s = time.perf_counter() - start
        archive_bytes = result.path.stat().st_size
        db = tmp / "h.sqlite"
        start = time.perf_counter()
        first = sync(settings, store=db, force=True)
        first_s = time.perf_counter() - start
        with HistoryStore(db) as store:
            (oldest, newest), = store.conn.execute(
                "SELECT MIN(target_time), MAX(target_time) FROM readings")
            values = store.counts()["readings"]
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        years = (datetime.fromisoformat(newest.replace("Z", "+00:00"))
                 - datetime.fromisoformat(oldest.replace("Z", "+00:00"))).days / 365.25
        size_first = db.stat().st_size
        times = []
        for _ in range(30):
            sim.advance_clock(timedelta(days=2))
            start = time.perf_counter()
            sync(settings, store=db, force=True)
            times.append(time.perf_counter() - start)
    with HistoryStore(db) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        live = store.conn.execute("SELECT SUM(length(body)) FROM raw").fetchone()[0]
        superseded, delta_bytes, original = store.conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(length(body)), 0), COALESCE(SUM(size), 0) FROM raw "
            "WHERE superseded_by IS NOT NULL").fetchone()
    size = db.stat().st_size
    print(f"data: {values} values over {years:.2f} years ({first.requests} requests)")
    print(f"baseline archive (no Excel/report): {archive_s:.2f} s, {archive_bytes / 1e6:.1f} MB")
    print(f"first sync: {first_s:.2f} s = {first_s / years:.2f} s per year of data "
          f"(ratio to the archive {first_s / archive_s:.2f})")
    print(f"store after first sync: {size_first / 1e6:.1f} MB = "
          f"{size_first / 1e6 / years:.1f} MB per year (ratio to the archive ZIP "
          f"{size_first / archive_bytes:.2f})")
    print(f"incremental sync (2 days new): median {sorted(times)[15]:.2f} s, "
          f"max {max(times):.2f} s; store after 30 more: {size / 1e6:.1f} MB "
          f"(raw bodies {live / 1e6:.1f} MB compressed; {superseded} superseded answers "
          f"kept exactly as deltas: {delta_bytes / 1e3:.1f} kB for {original / 1e6:.1f} MB "
          f"of answers)")


if __name__ == "__main__":
    main()
