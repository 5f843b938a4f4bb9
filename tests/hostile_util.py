"""Helpers for tests with damaged or hostile archives: rewrite members, run ``verify`` in a
subprocess with a time limit and report its exit code and peak RSS (VmHWM, Linux)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: Peak RSS that ``verify`` must stay under for any input (SECURITY.md states the bound).
RSS_LIMIT_MB = 400

# Peak RSS from /proc/self/status (VmHWM belongs to the image after exec; ru_maxrss would
# include the forked pytest parent's memory).
_RUNNER = """
import sys
from trudi_py.cli import main
try:
    code = main(["verify", sys.argv[1], "--json"])
finally:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    sys.stderr.write("\\nMAXRSS_KB=%d\\n" % peak)
sys.exit(code)
"""


@dataclass(frozen=True)
class VerifyRun:
    code: int
    rss_mb: float
    seconds: float
    stdout: str
    stderr: str


def run_verify(path: Path, timeout: float = 120.0) -> VerifyRun:
    """``trudi-py verify PATH --json`` in a fresh interpreter; a hang fails the test."""
    import time
    env = dict(os.environ, PYTHONPATH=str(REPO))
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _RUNNER, str(path)], capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=REPO)
    seconds = time.monotonic() - t0
    rss = next((int(line.split("=")[1]) for line in proc.stderr.splitlines()
                if line.startswith("MAXRSS_KB=")), -1024)
    return VerifyRun(proc.returncode, rss / 1024, seconds, proc.stdout, proc.stderr)


def rewrite(src: Path, dst: Path,
            change: Callable[[str, bytes], Iterable[tuple[str, bytes | Iterable[bytes]]]]
            ) -> None:
    """Copy ``src`` to ``dst``, each member through ``change(name, data)``, which yields the
    members (name, bytes or chunks) to write in its place (none: dropped)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            for name, data in change(info.filename, zin.read(info)):
                if isinstance(data, (bytes, bytearray)):
                    zout.writestr(name, data)
                else:
                    big = zipfile.ZipInfo(name, info.date_time)
                    big.compress_type = zipfile.ZIP_DEFLATED
                    with zout.open(big, "w", force_zip64=True) as out:
                        for chunk in data:
                            out.write(chunk)


def first(names: Iterable[str], prefix: str, suffix: str = "") -> str:
    return next(n for n in sorted(names) if n.startswith(prefix) and n.endswith(suffix)
                and not n.endswith(".meta.json"))


def brace_bomb(mib: int, seed: int = 13) -> Iterator[bytes]:
    """``[{},{},…]`` of about ``mib`` MiB, with a little random whitespace so that it deflates
    about 160 : 1 (below the ZIP reader's ratio guard, like the 348 KB reported case)."""
    import random
    rng = random.Random(seed)
    parts = [b"{}," * 128 + b" " * rng.randint(0, 3) + b"\n" * rng.randint(0, 1)
             for _ in range(1024 * 1024 // 3 // 128)]
    chunk = b"".join(parts)
    yield b"["
    for _ in range(mib):
        yield chunk
    yield b"{}]"
