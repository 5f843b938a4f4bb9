"""Benchmark: the decommissioning archive against the simulator with realistic latency.

Runs the simulated gateway (household scenario, ``latency_ms=None``) in a child process so
that the client's CPU time is measured alone, archives everything once and prints

- wall time versus the floor: the sum of the simulator's modelled per-request latency
  (``realistic_latency_ms(method, records)``) over the requests actually sent — with no
  faults injected that is the minimal request sequence; target ratio ≤ 1.05. The simulator
  builds each answer within that latency; what it needs beyond it (the gateway's measured
  service time above the floor, e.g. on a loaded machine) is printed as "gateway overrun"
  and the ratio against floor + overrun too;
- client CPU time per 100 000 readings.

Usage: ``python3 benchmarks/bench_archive.py [--scenario household] [--no-excel]
[--no-report]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _serve(scenario: str, conn: mp.connection.Connection) -> None:
    from trudi_py.simulator import Simulator, SimulatorConfig
    with Simulator(SimulatorConfig(scenario, now=NOW, latency_ms=None)) as sim:
        c = sim.data.consumers[0]
        conn.send((sim.url, sim.fingerprint, c.user, c.password))
        conn.recv()  # wait for "stop"
        conn.send((len(sim.requests), sim.handshakes, sim.overrun_s))


def floor_ms(path: Path) -> tuple[float, int, int]:
    """(Σ modelled latency of every request in raw/, requests, readings archived)."""
    from trudi_py.simulator.config import realistic_latency_ms
    total, requests = 0.0, 0
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        for name in names:
            if not (name.startswith("raw/") and name.endswith(".meta.json")):
                continue
            meta = json.loads(zf.read(name))
            records = 0
            if meta["status"] == 200 and meta["method"] in ("readings", "log"):
                body = json.loads(zf.read(name.replace(".meta.json", ".json")) or b"{}")
                records = int(body.get(meta["method"], {}).get("records", 0) or 0)
            total += realistic_latency_ms(meta["method"], records)
            requests += 1
    readings = sum(n for dbs in manifest["counts"]["readings"].values() for n in dbs.values())
    return total, requests, readings


def print_breakdown(timings: dict[str, float], floor_s: float, wall: float,
                    imports_s: float) -> None:
    """Where the wall time above the floor goes (jobs/timeline.py)."""
    if not timings:
        return
    print("breakdown (s; above the floor = wall - floor)")
    print(f"  imports (before the job, not in wall)   {imports_s:7.3f}")
    print(f"  start: job start → first request        {timings['start']:7.3f}")
    print(f"  in flight Σ (request out → answer in)   {timings['in-flight']:7.3f}   "
          f"of which above the floor {timings['in-flight'] - floor_s:7.3f}")
    print(f"  gaps Σ (answer in → next request out)   {timings['gaps']:7.3f}   "
          f"longest {timings['gap-max'] * 1000:.0f} ms")
    skip = {"start", "in-flight", "gaps", "gap-max", "total", "check-child-cpu"}
    finish = 0.0
    for name, seconds in timings.items():
        if name.startswith("beside:") and not name.endswith(":n"):
            print(f"  beside the requests: {name[7:]:<19} {seconds:7.3f}   "
                  f"({timings[name + ':n']:.0f} times, in the writer thread)")
        elif name not in skip and not name.startswith("beside:"):
            finish += seconds
            print(f"  finish: {name:<31} {seconds:7.3f}")
    print(f"  finish Σ (last answer → archive renamed) {finish:6.3f}")
    rest = wall - timings["total"]
    print(f"  outside the job's timeline               {rest:7.3f}")
    print(f"  above the floor Σ                        {wall - floor_s:7.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="household")
    parser.add_argument("--no-excel", action="store_true")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--switch-ms", type=float, default=None,
                        help="experiment: sys.setswitchinterval in ms for the client")
    args = parser.parse_args()

    import sys
    imports0 = time.perf_counter()
    from trudi_py.jobs.archive import archive
    from trudi_py.m2m import ConnectionSettings
    imports_s = time.perf_counter() - imports0
    if args.switch_ms is not None:
        sys.setswitchinterval(args.switch_ms / 1000)
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_serve, args=(args.scenario, child), daemon=True)
    proc.start()
    url, pin, user, password = parent.recv()
    out = Path(tempfile.mkdtemp(prefix="trudi-bench-"))
    settings = ConnectionSettings(url=url, user=user, password=password, pin=pin)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    result = archive(settings, out, excel=not args.no_excel, report=not args.no_report)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    parent.send("stop")
    server_requests, handshakes, overrun = parent.recv()
    proc.join(timeout=10)
    floor, requests, readings = floor_ms(result.path)
    print(f"scenario            {args.scenario} (excel={not args.no_excel}, "
          f"report={not args.no_report})")
    print(f"requests            {requests} archived, {server_requests} seen by the server, "
          f"{handshakes} TLS handshake(s)")
    print(f"readings            {readings}")
    print(f"wall                {wall:8.2f} s")
    print(f"floor (Σ latency)   {floor / 1000:8.2f} s")
    print(f"wall / floor        {wall / (floor / 1000):8.3f}   (target ≤ 1.05)")
    print(f"gateway overrun     {overrun:8.3f} s  (the simulator's time beyond the modelled "
          f"latency until an answer was written: its service time, on this machine's cores)")
    print(f"wall / (floor + overrun) {wall / (floor / 1000 + overrun):6.3f}")
    print(f"client CPU          {cpu:8.2f} s  = {cpu / readings * 100_000:.2f} s per 100 000 "
          f"readings")
    print(f"check child CPU     {result.timings.get('check-child-cpu', 0.0):8.2f} s  (the "
          f"report's verification in its own process; not in client CPU)")
    print(f"writer thread busy  {result.writer_busy_s:8.2f} s  (it copies the archive for "
          f"each precheck; the child checks the copy)")
    print_breakdown(result.timings, floor / 1000, wall, imports_s)
    print(f"archive             {result.path} ({result.path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
