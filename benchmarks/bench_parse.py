"""Benchmark: parsing `readings` answers, the fast decoder against the stdlib path.

Builds real answers the way the simulated gateway sends them (the household's TAF-7 origin
values, one answer per 31-day window, field form: bare OBIS, 64-byte signatures) until
``--readings`` values are reached, then times in the same run

- old: ``json.loads`` + ``ReadingsAnswer.from_json`` (the stdlib path, still the fallback),
- new: ``ReadingsAnswer.from_bytes`` (msgspec straight into the typed records),
- the archive's CSV rows: ``window_rows(parse_json(..))`` against ``window_rows(bytes)``,

checks that old and new give identical results and prints seconds and the ratio (best of
``--repeat``). Target: 100 000 readings < 0.15 s with the new path.

Usage: ``python3 benchmarks/bench_parse.py [--readings 100000] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def build_answers(wanted: int, *, years: int | None) -> list[bytes]:
    """Answer bodies of consecutive 31-day windows of the household's TAF-7 origin data."""
    from trudi_py.model.times import format_utc
    from trudi_py.simulator.scenarios import build_scenario, find_usage_point
    data = build_scenario("household", now=NOW, state_dir=Path(tempfile.mkdtemp()),
                          years=years)
    up = find_usage_point(data, "taf7")
    origin = next(db for db in up.databases if db.name == "origin")
    owner = origin.channels[0].owner_number
    answers: list[bytes] = []
    total = 0
    after = origin.channels[0].readings[0].target_time - timedelta(minutes=15)
    while total < wanted and after < NOW:
        until = after + timedelta(days=31)
        channels = []
        for ch in origin.channels:
            chosen = [r for r in ch.readings if after < r.target_time <= until]
            chosen = chosen[:max(0, wanted - total)]
            total += len(chosen)
            channels.append({"obis": ch.obis, "readings": [
                {"capture-time": format_utc(r.capture_time), "cosem-status": r.cosem_status,
                 "meter-status": r.meter_status, "owner-number": owner,
                 "signature": r.signature, "smgw-status": r.smgw_status,
                 "target-time": format_utc(r.target_time), "value": str(r.value)}
                for r in chosen]})
        body = {"elapsed-time": "66 miliseconds", "method": "readings",
                "readings": {"channels": channels,
                             "records": str(sum(len(c["readings"]) for c in channels))},
                "version": "1.3.0"}
        answers.append(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())
        after = until
    return answers


def best(func, repeat: int) -> tuple[float, float]:
    """(wall, CPU) seconds, each the best of ``repeat`` runs (CPU: this process only — on a
    shared machine the wall time also counts waiting for a core)."""
    walls, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return min(walls), min(cpus)


def report(label: str, old: tuple[float, float], new: tuple[float, float], per: float,
           target: float | None = None) -> None:
    for kind, o, n in (("wall", old[0], new[0]), ("CPU ", old[1], new[1])):
        goal = "" if target is None else (
            f"  target < {target:.3f} s: {'met' if n * per < target else 'NOT met'}")
        print(f"{label} {kind}  old {o * per:7.3f} s  new {n * per:7.3f} s  per 100 000 "
              f"readings  ratio {o / n:5.1f}x{goal}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from trudi_py.archive.csvformat import window_rows
    from trudi_py.model import Channel, ReadingsAnswer
    from trudi_py.model.jsonbody import parse_json

    years = max(1, -(-args.readings // 70_000))  # two channels, 35 040 values a year each
    answers = build_answers(args.readings, years=years)
    count = sum(ReadingsAnswer.from_bytes(a).count for a in answers)
    megabytes = sum(len(a) for a in answers) / 1e6
    print(f"{count} readings in {len(answers)} answers, {megabytes:.1f} MB")

    def old() -> list[ReadingsAnswer]:
        return [ReadingsAnswer.from_json(json.loads(a)) for a in answers]

    def new() -> list[ReadingsAnswer]:
        return [ReadingsAnswer.from_bytes(a) for a in answers]

    if old() != new():
        raise SystemExit("old and new parsers disagree")
    per = 100_000 / count
    report("model (json.loads + from_json -> from_bytes)", best(old, args.repeat),
           best(new, args.repeat), per, 0.15)

    meta = {"0100010800ff": Channel("0100010800ff", -1, 30),
            "0100020800ff": Channel("0100020800ff", -1, 30)}

    def csv_old() -> list:
        return [window_rows(parse_json(a, "readings"), meta, None, None).rows for a in answers]

    def csv_new() -> list:
        return [window_rows(a, meta, None, None).rows for a in answers]

    if csv_old() != csv_new():
        raise SystemExit("old and new CSV rows disagree")
    report("csv rows (parse_json + window_rows -> window_rows(bytes))",
           best(csv_old, args.repeat), best(csv_new, args.repeat), per)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
