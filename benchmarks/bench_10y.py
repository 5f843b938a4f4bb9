"""Benchmark: how archive and verify grow from 1 to 10 years of history (the real CLI path).

For each history length N (default 1 and 10 years) it starts ``trudi-py simulate --years N``
(no latency: the client's own cost), runs ``trudi-py archive --out DIR`` against it and then
``trudi-py verify FILE.zip``, each as a child process, and prints per step the wall time, the
CPU time and the peak RSS of that child (``os.wait4``: the child's ``rusage``, which on Linux
includes the processes it waited for: ``verify``'s check child and ``archive``'s report
check; the peak RSS is the largest single process), then how each figure grows from the
first to the last length.

Goals of issue 16 for 10 years (≈ 1.4 M readings): archive written; ``verify`` < 15 s and
< 1 GB peak RSS.

Usage: ``python3 benchmarks/bench_10y.py [--years 1 10] [--no-excel] [--keep]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

CLI = [sys.executable, "-m", "trudi_py"]


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    max_rss_mb: float
    exit_code: int
    stderr_tail: str


def measure(args: list[str], env: dict[str, str], cwd: Path) -> Run:
    """Run one child to its end: wall, user+sys CPU and peak RSS of that child alone."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               proc.returncode, " | ".join(tail))


def start_simulator(years: int, env: dict[str, str], state: Path
                    ) -> tuple[subprocess.Popen, str, str, str, str, float]:
    """``trudi-py simulate --years N``: (process, url, fingerprint, user, password,
    seconds until it listened)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([*CLI, "simulate", "--years", str(years), "--state-dir",
                             str(state)], env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline().split()  # listening on URL sha256:FP
    ready = time.perf_counter() - t0
    if len(first) < 4 or first[0] != "listening":
        proc.kill()
        raise SystemExit(f"simulator did not start: {first}")
    creds = proc.stdout.readline().split()  # consumer ID: digest user U password P
    return proc, first[2], first[3], creds[4], creds[6], ready


def readings_in(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    return sum(n for dbs in manifest["counts"]["readings"].values() for n in dbs.values())


def one_length(years: int, work: Path, base_env: dict[str, str], extra: list[str]
               ) -> dict[str, object]:
    env = dict(base_env, TRUDI_DATA_DIR=str(work / "data"), TRUDI_LOG_DIR=str(work / "log"))
    sim, url, pin, user, password, ready = start_simulator(years, env, work / "sim")
    try:
        out = work / "out"
        out.mkdir()
        archive = measure([*CLI, "archive", "--url", url, "--user", user, "--pin", pin,
                           "--out", str(out), *extra], dict(env, TRUDI_PASSWORD=password),
                          work)
    finally:
        sim.terminate()
        sim.wait(timeout=30)
    zips = sorted(out.glob("*.zip"))
    if not zips:
        raise SystemExit(f"{years} y: no archive written (exit {archive.exit_code}: "
                         f"{archive.stderr_tail})")
    verify = measure([*CLI, "verify", str(zips[0])], env, work)
    return {"years": years, "simulator_ready_s": ready, "readings": readings_in(zips[0]),
            "zip_mb": zips[0].stat().st_size / 1e6, "archive": archive, "verify": verify}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--no-excel", action="store_true", help="archive without excel/")
    parser.add_argument("--keep", action="store_true", help="keep the archives")
    args = parser.parse_args()
    extra = ["--no-excel"] if args.no_excel else []
    base_env = dict(os.environ, PYTHONUNBUFFERED="1")
    results = []
    for years in args.years:
        work = Path(tempfile.mkdtemp(prefix=f"trudi-bench-{years}y-"))
        try:
            r = one_length(years, work, base_env, extra)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        results.append(r)
        a, v = r["archive"], r["verify"]
        print(f"{years:>2} y: {r['readings']:>9} readings, zip {r['zip_mb']:.1f} MB, "
              f"simulator ready after {r['simulator_ready_s']:.1f} s", flush=True)
        for name, run in (("archive", a), ("verify", v)):
            print(f"      {name:<8} wall {run.wall_s:7.1f} s  CPU {run.cpu_s:7.1f} s  "
                  f"peak RSS {run.max_rss_mb:7.0f} MB  exit {run.exit_code}"
                  + (f"  ({run.stderr_tail})" if run.exit_code not in (0,) else ""),
                  flush=True)
    if len(results) > 1:
        first, last = results[0], results[-1]
        span = f"{first['years']} -> {last['years']} y"
        print(f"growth {span}: readings x{last['readings'] / first['readings']:.1f}")
        for name in ("archive", "verify"):
            a, b = first[name], last[name]
            print(f"  {name:<8} wall x{b.wall_s / a.wall_s:.1f}  CPU x{b.cpu_s / a.cpu_s:.1f}  "
                  f"peak RSS x{b.max_rss_mb / a.max_rss_mb:.1f}")
        v = last["verify"]
        print(f"goal verify {last['years']} y < 15 s and < 1 GB: wall {v.wall_s:.1f} s, "
              f"peak RSS {v.max_rss_mb:.0f} MB -> "
              f"{'met' if v.wall_s < 15 and v.max_rss_mb < 1024 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
