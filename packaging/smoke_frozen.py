r"""Smoke test of a frozen trudi_py (PyInstaller onedir), on Linux and on Windows.

    python packaging/smoke_frozen.py build/linux/dist/trudi-py/trudi-py
    python packaging/smoke_frozen.py dist/frozen/trudi_py/trudi-py.exe      (Windows CI)
    python packaging/smoke_frozen.py \
        "$LOCALAPPDATA/Programs/trudi_py/Python/python.exe" -P -m trudi_py

--version; ``simulate --port 0`` (reads ``listening on URL sha256:FP`` and the consumer1
password from its output); ``info`` against it with the pin (exit 0) and with a wrong pin
(exit 5); the GUI starts offscreen and keeps running for 8 s. Used by packaging/check.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path


def run(cmd, **kw):
    """Run ``cmd`` (echoed), never raising on a non-zero exit."""
    print("  $ " + " ".join(map(str, cmd)), flush=True)
    return subprocess.run(cmd, check=False, **kw)


def smoke(frozen: Path | list[str], ok, expected_version: str) -> None:
    """Run the checks; ok(condition, text) records each result. ``frozen`` is the frozen
    executable, or a command list such as [python.exe, -P, -m, trudi_py]."""
    app = [str(frozen)] if isinstance(frozen, Path) else list(frozen)
    if not ok(Path(app[0]).exists() or bool(shutil.which(app[0])), f"{app[0]} exists"):
        return
    if isinstance(frozen, Path):
        size = sum(p.lstat().st_size for p in frozen.parent.rglob("*")
                   if p.is_file() and not p.is_symlink())
        ok(True, f"frozen onedir: {size / 1e6:.0f} MB")
    data_dir = tempfile.mkdtemp(prefix="trudi-smoke-")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRUDI_DATA_DIR=data_dir,
               TRUDI_LANG="en")
    env.pop("TRUDI_URL", None)
    r = run([*app, "--version"], env=env, capture_output=True, text=True, timeout=60)
    ok(r.returncode == 0 and expected_version in r.stdout,
       f"frozen --version -> {r.stdout.strip()!r} (exit {r.returncode})")
    sim = subprocess.Popen([*app, "simulate", "--port", "0"], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    # drain the simulator's output in the background (no blocking read, no full pipe)
    threading.Thread(target=lambda: [lines.put(x) for x in sim.stdout], daemon=True).start()
    try:
        url = fp = password = None
        seen = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (url and password):
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if sim.poll() is not None:
                    break
                continue
            seen.append(line.rstrip())
            m = re.search(r"listening on (https://\S+) (sha256:[0-9a-fA-F]+)", line)
            if m:
                url, fp = m.groups()
            m = re.search(r"digest user consumer1 password (\S+)", line)
            if m:
                password = m.group(1)
        if not ok(bool(url and fp and password), f"frozen simulator is listening ({url})"):
            print("\n".join(seen))
            return
        env_info = dict(env, TRUDI_PASSWORD=password)
        r = run([*app, "info", "--url", url, "--user", "consumer1", "--pin", fp],
                env=env_info, capture_output=True, text=True, timeout=120)
        ok(r.returncode == 0 and "Gateway" in r.stdout,
           f"frozen info against the simulator exits {r.returncode}")
        if r.returncode:
            print(r.stdout, r.stderr)
        r = run([*app, "info", "--url", url, "--user", "consumer1", "--pin",
                 "sha256:" + "0" * 64], env=env_info, capture_output=True, text=True,
                timeout=120)
        ok(r.returncode == 5, f"a wrong pin is refused with exit 5 (got {r.returncode})")
    finally:
        sim.terminate()
        try:
            sim.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sim.kill()
    # the GUI starts offscreen and keeps running (no import error, no crash) for 8 s
    gui = subprocess.Popen([*app, "gui"], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    try:
        code = gui.wait(timeout=8)
        output = gui.stdout.read()
        ok(False, f"frozen GUI exited early with {code}: {output[-500:]}")
    except subprocess.TimeoutExpired:
        ok(True, "frozen GUI starts offscreen and runs (stopped after 8 s)")
    finally:
        if gui.poll() is None:
            gui.terminate()
            try:
                gui.wait(timeout=10)
            except subprocess.TimeoutExpired:
                gui.kill()
    shutil.rmtree(data_dir, ignore_errors=True)



def main() -> int:
    """Smoke-test a frozen build (path or command); exit code 0 when every check passed."""
    frozen: Path | list[str] = (Path(sys.argv[1]).resolve() if len(sys.argv) == 2
                                else sys.argv[1:])
    root = Path(__file__).resolve().parent.parent
    expected = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    failures = []

    def ok(cond, text):
        print(f"  [{'ok' if cond else 'FAIL'}] {text}", flush=True)
        if not cond:
            failures.append(text)
        return bool(cond)

    smoke(frozen, ok, expected)
    print(f"frozen smoke test: {'FAILED' if failures else 'passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
