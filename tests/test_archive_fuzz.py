"""Mutation fuzzing of a real archive (made from the simulator over real TLS): members
flipped, truncated, duplicated, inflated, dropped, the ZIP file itself damaged. ``verify`` in
a fresh interpreter must terminate within the time limit, exit with 0, 2, 7 or 8 (never 1,
an internal error), and stay below the memory bound of SECURITY.md.

By default a bounded number of cases runs (about 1-2 minutes on a loaded machine);
``TRUDI_FUZZ_CASES`` raises it, and the ``slow`` variant runs 200.
"""

from __future__ import annotations

import os
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_util import RSS_LIMIT_MB, brace_bomb, rewrite, run_verify

TIME_LIMIT_S = 120.0
ALLOWED = {0, 2, 7, 8}


@pytest.fixture(scope="module")
def seed_archive(two_consumer_archive: Path) -> Path:
    return two_consumer_archive


def _flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return b"\xff"
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _inflate(data: bytes, rng: random.Random) -> Iterator[bytes]:
    kind = rng.choice(("braces", "line", "repeat", "nest"))
    if kind == "braces":
        yield from brace_bomb(rng.randint(20, 130), rng.randrange(1000))
    elif kind == "line":
        yield data[: rng.randrange(len(data) + 1)]
        for _ in range(rng.randint(20, 60)):
            yield b"7" * (1024 * 1024)
    elif kind == "nest":
        depth = rng.randint(1000, 300_000)
        yield b"[" * depth + b"]" * depth
    else:
        for _ in range(rng.randint(50, 400)):
            yield data


def mutate(src: Path, dst: Path, rng: random.Random) -> str:
    """One random mutation of ``src`` written to ``dst``; returns its description."""
    with zipfile.ZipFile(src) as zf:
        names = zf.namelist()
    target = rng.choice(names)
    op = rng.choice(("flip", "truncate", "duplicate", "inflate", "drop", "zipbytes",
                     "ziptruncate", "rename", "csv-quote"))
    if op == "zipbytes":
        data = _flip(src.read_bytes(), rng)
        dst.write_bytes(data)
        return "flip bytes of the ZIP file"
    if op == "ziptruncate":
        data = src.read_bytes()
        dst.write_bytes(data[: rng.randrange(len(data))])
        return "truncate the ZIP file"

    def change(name: str, data: bytes):  # type: ignore[no-untyped-def]
        if name != target:
            return [(name, data)]
        if op == "flip":
            return [(name, _flip(data, rng))]
        if op == "truncate":
            return [(name, data[: rng.randrange(len(data) + 1)])]
        if op == "duplicate":
            return [(name, data), (name, _flip(data, rng))]
        if op == "inflate":
            return [(name, _inflate(data, rng))]
        if op == "drop":
            return []
        if op == "rename":
            return [(rng.choice(("../evil.json", "/abs.json", "raw/999999-readings.json",
                                 "a\\b.csv", name + "x")), data)]
        return [(name, data + b'0100010800ff,"open quote\n' + b"x" * rng.randint(0, 99))]

    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we want
        rewrite(src, dst, change)
    return f"{op} {target}"


def _fuzz(seed_archive: Path, tmp_path: Path, cases: int, seed: int) -> None:
    rng = random.Random(seed)
    runs, failures = [], []
    for i in range(cases):
        bad = tmp_path / f"case{i}.zip"
        what = mutate(seed_archive, bad, rng)
        run = run_verify(bad, timeout=TIME_LIMIT_S)
        runs.append((what, run))
        if run.code not in ALLOWED or run.rss_mb >= RSS_LIMIT_MB or run.rss_mb <= 0:
            failures.append((what, run.code, run.rss_mb, run.stderr[-800:]))
            print(f"\nfuzz case {i} failed: {failures[-1]}", flush=True)
        bad.unlink()
    exits = sorted({r.code for _, r in runs})
    print(f"\nfuzz: {len(runs)} cases, max time {max(r.seconds for _, r in runs):.1f} s, "
          f"max RSS {max(r.rss_mb for _, r in runs):.0f} MiB, exits seen {exits}")
    assert not failures, failures


def test_fuzzed_archives_end_cleanly(seed_archive: Path, tmp_path: Path) -> None:
    _fuzz(seed_archive, tmp_path, int(os.environ.get("TRUDI_FUZZ_CASES", "12")), seed=13)


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("TRUDI_SLOW"), reason="200 cases (~15 min): set "
                    "TRUDI_SLOW=1")
def test_fuzzed_archives_end_cleanly_many(seed_archive: Path, tmp_path: Path) -> None:
    _fuzz(seed_archive, tmp_path, 200, seed=int(os.environ.get("TRUDI_FUZZ_SEED", "2026")))
