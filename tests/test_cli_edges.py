"""The CLI's rough edges of the first hour (issue 12): ports, displays, temporary folders.

Separate processes where the behaviour is about a process (exit code, signals, stderr)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import stop_process

from trudi_py.cli.display import debian_package, display_problem, plugin_problem
from trudi_py.m2m.tls import KEY_DIR

_DISPLAY_VARS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _env(tmp: Path | None = None, drop: tuple[str, ...] = (), **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in drop}
    if tmp is not None:
        env["TMPDIR"] = str(tmp)
    env.update(extra)
    return env


def run(*args: str, env: dict[str, str] | None = None,
        timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trudi_py", *args], capture_output=True,
                          text=True, env=env if env is not None else _env(), timeout=timeout,
                          stdin=subprocess.DEVNULL)


def _leftovers(tmp: Path) -> list[str]:
    """Temp entries of ours left behind. The private key folder (m2m/tls.py, KEY_DIR) stays
    on purpose, so that a later run can sweep keys of killed runs; it must be empty."""
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("trudi")
                  and not (p.name.startswith(KEY_DIR) and not any(p.iterdir())))


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "internal error" not in stderr and "Traceback" not in stderr
    return lines[0]


# -- ports -----------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["simulate"], ["demo", "--no-gui"]])
@pytest.mark.parametrize("port", ["70000", "-1"])
def test_port_out_of_range_is_a_usage_error(command: list[str], port: str,
                                            tmp_path: Path) -> None:
    result = run(*command, f"--port={port}", env=_env(tmp_path))
    assert result.returncode == 2
    assert "--port must be between 0 and 65535" in _one_line(result.stderr)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("command", [["simulate"], ["demo", "--no-gui"]])
def test_port_in_use_is_one_line_exit_3_and_leaves_nothing(command: list[str],
                                                           tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(*command, "--port", str(port), env=_env(tmp_path))
    assert result.returncode == 3
    assert f"Port {port} is in use already" in _one_line(result.stderr)
    assert _leftovers(tmp_path) == []  # the exception path removed keys and .p12 files


# -- temporary folders on every way out ------------------------------------------------------

def _start(args: list[str], tmp: Path, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "trudi_py", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(tmp, **extra),
                            stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("command", [["simulate"], ["demo", "--no-gui"]])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_headless_runs_remove_their_temp_folders(command: list[str], signum: int,
                                                 tmp_path: Path) -> None:
    proc = _start(command, tmp_path)
    try:
        assert proc.stdout.readline().startswith("listening on ")
        made = _leftovers(tmp_path)
        assert made, "the run keeps its keys in a temporary folder"
        keys = [f for name in made for f in (tmp_path / name).rglob("*") if f.is_file()]
        assert any(f.suffix == ".p12" for f in keys), keys
    finally:
        code = stop_process(proc, signum)
    if code is None:  # Windows: no signals, a forced stop cleans nothing (POSIX_ONLY)
        return
    assert code == 0, proc.stderr.read()
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("delay_s", [0.05, 2.0])  # before and after the event loop runs
def test_demo_gui_removes_its_temp_folders_on_sigterm(delay_s: float, tmp_path: Path) -> None:
    proc = _start(["demo"], tmp_path, QT_QPA_PLATFORM="offscreen")
    try:
        deadline = time.monotonic() + 60
        while not any(n.startswith("trudi-demo-pins-") for n in _leftovers(tmp_path)):
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the demo GUI did not start"
            time.sleep(0.2)
        time.sleep(delay_s)
    finally:
        code = stop_process(proc, signal.SIGTERM)
    if code is None:  # Windows: no signals, a forced stop cleans nothing (POSIX_ONLY)
        return
    assert code == 0, proc.stderr.read()
    assert _leftovers(tmp_path) == []


def test_a_given_state_dir_is_kept(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    proc = _start(["simulate", "--state-dir", str(state)], tmp_path)
    try:
        assert proc.stdout.readline().startswith("listening on ")
    finally:
        code = stop_process(proc, signal.SIGTERM)
    assert code in (0, None)  # None: Windows, no signals (POSIX_ONLY)
    assert any(state.iterdir()), "the user's own folder and its keys stay"


# -- no display ------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [[], ["gui"], ["demo"]])
def test_no_display_is_a_clear_message_not_a_qt_abort(command: list[str],
                                                      tmp_path: Path) -> None:
    result = run(*command, env=_env(tmp_path, drop=_DISPLAY_VARS), timeout=60)
    assert result.returncode == 3, result.stderr
    line = _one_line(result.stderr)
    assert "trudi-py demo --no-gui" in line and "xvfb-run" in line
    assert "DISPLAY" in line and "libxcb-cursor" not in line
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("env, problem", [
    ({}, True),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "minimal"}, False),
    ({"DISPLAY": ":0"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"QT_QPA_PLATFORM": "xcb"}, True),
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, True),
    ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, False),
    ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":1"}, True),
    ({"QT_QPA_PLATFORM": "wayland;xcb", "WAYLAND_DISPLAY": "w"}, False),
])
def test_display_rule(env: dict[str, str], problem: bool) -> None:
    assert (display_problem(env, platform="linux") is not None) is problem
    assert display_problem(env, platform="win32") is None


def _fake_ldd(folder: Path, missing: list[str]) -> Path:
    script = folder / "ldd"
    lines = "".join(f"echo '\t{lib} => not found'\n" for lib in missing)
    script.write_text("#!/bin/sh\necho '\tlibc.so.6 => /lib/libc.so.6 (0x1)'\n" + lines)
    script.chmod(0o755)
    return script


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux only")
def test_missing_xcb_libraries_are_named(tmp_path: Path) -> None:
    ldd = _fake_ldd(tmp_path, ["libxcb-icccm.so.4", "libxkbcommon-x11.so.0"])
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    problem = plugin_problem({"DISPLAY": ":0"}, plugin=plugin, ldd=str(ldd))
    assert problem is not None and problem.exit_code == 3
    assert "libxcb-icccm.so.4, libxkbcommon-x11.so.0" in problem.message
    assert "apt install libxcb-icccm4 libxkbcommon-x11-0" in problem.message
    assert "fehlen" in problem.text("de")
    assert plugin_problem({"DISPLAY": ":0"}, plugin=plugin,
                          ldd=str(_fake_ldd(tmp_path, []))) is None
    assert plugin_problem({"QT_QPA_PLATFORM": "offscreen"}, plugin=plugin, ldd=str(ldd)) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux only")
def test_gui_with_missing_xcb_libraries_says_so(tmp_path: Path) -> None:
    """Without the check Qt would abort (exit 134) blaming libxcb-cursor0."""
    _fake_ldd(tmp_path, ["libxcb-keysyms.so.1"])
    env = _env(tmp_path, drop=_DISPLAY_VARS, DISPLAY=":77", QT_QPA_PLATFORM="xcb",
               PATH=f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    result = run("gui", env=env)
    assert result.returncode == 3, result.stderr
    line = _one_line(result.stderr)
    assert "libxcb-keysyms.so.1" in line and "libxcb-keysyms1" in line


def test_debian_package_names() -> None:
    assert debian_package("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert debian_package("libEGL.so.1") == "libegl1"
    assert debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
