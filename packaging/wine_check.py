"""The Windows installer, really run: under Wine in a fresh prefix (Windows 10 mode).

Used by packaging/check (``--only wine``). What .github/workflows/windows.yml does on a real
Windows is done here too: a silent per-user install, the installed command line against the
simulator (running on Linux, in this process), a wrong pin (exit 5), a silent uninstall that
keeps the user's data. In addition: the installer refuses Windows 10 1809 (build 17763), and
build.py's file handling runs on the embedded Windows CPython (portability of the build).

Wine 8.0 (Debian 12) lacks ``bcryptprimitives.dll`` (every Windows 8+ has it; Rust's standard
library in cryptography's ``_rust.pyd`` imports ``ProcessPrng`` from it): the check places a
stand-in that forwards to ``advapi32.SystemFunction036`` in the Wine prefix only, never in the
installer, and says so. Not covered under Wine, and why: the GUI (Wine has no ``icuuc.dll``,
which Qt 6 loads from Windows 10 1903+: ``ImportError: DLL load failed while importing
QtCore``) and numpy (Wine's ``ucrtbase`` lacks ``crealf``: ``import numpy`` aborts the whole
process). So the archive is written with ``--no-report`` (the report's charts need numpy),
``verify`` (its daily-values statistic uses numpy) and the simulator stay on Linux; that the
CLI's start-up, ``info`` ... ``archive`` and ``pins`` run at all proves they load no numpy.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINE_TIMEOUT = 900  # seconds per Windows command (the install compiles ~200 MB of modules)

Ok = Callable[[bool, str], bool]


class Wine:
    """Runs Windows programs in one Wine prefix."""

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.env = dict(os.environ, WINEPREFIX=str(prefix), WINEARCH="win64",
                        WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=")
        for var in ("DISPLAY", "WAYLAND_DISPLAY", "TRUDI_DATA_DIR", "TRUDI_LOG_DIR",
                    "TRUDI_URL", "TRUDI_PASSWORD", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
            self.env.pop(var, None)

    def run(self, args: list[str], show: bool = True, env: dict[str, str] | None = None,
            timeout: float = WINE_TIMEOUT) -> subprocess.CompletedProcess[str]:
        """Run a Windows program in the prefix (echoed unless ``show`` is False), bounded by
        ``timeout``."""
        if show:
            print("  $ wine " + " ".join(args), flush=True)
        t0 = time.monotonic()
        r = subprocess.run(["wine", *args], env={**self.env, **(env or {})},
                           stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           errors="replace", timeout=timeout)
        if show:
            print(f"    -> exit {r.returncode} ({time.monotonic() - t0:.0f} s)", flush=True)
        return r

    def windows_path(self, path: Path) -> str:
        """C:\\... inside the prefix (the uninstaller cannot delete through Z:), else Z:\\..."""
        drive_c = (self.prefix / "drive_c").resolve()
        if path.resolve().is_relative_to(drive_c):
            return "C:\\" + str(path.resolve().relative_to(drive_c)).replace("/", "\\")
        return "Z:" + str(path).replace("/", "\\")

    def unix_path(self, windows: str) -> Path:
        """The Unix path of a Windows path in this prefix."""
        r = subprocess.run(["winepath", "-u", windows], env=self.env, capture_output=True,
                           text=True, check=True)
        return Path(r.stdout.strip())

    def set_build(self, build: int) -> None:
        """The Windows build number as Windows keeps it: in the 64- and the 32-bit view."""
        key = r"HKLM\Software\Microsoft\Windows NT\CurrentVersion"
        for name in ("CurrentBuildNumber", "CurrentBuild"):
            for view in ("/reg:64", "/reg:32"):
                self.run(["reg", "add", key, "/v", name, "/d", str(build), "/f", view],
                         show=False)


# System DLLs every supported Windows (10 1903+) has and Debian's Wine 8.0 lacks, as
# stand-ins placed in the Wine prefix only (never in the installer). Rust's standard library
# (cryptography's _rust.pyd) imports ProcessPrng from bcryptprimitives.dll (Windows 8+).
STAND_INS = {"bcryptprimitives.dll": {"ProcessPrng": "advapi32.SystemFunction036"}}


def forwarder_dll(dll_name: str, exports: dict[str, str]) -> bytes:
    """A minimal PE32+ (x64) DLL without code whose exports forward to another DLL, e.g.
    ``{"ProcessPrng": "advapi32.SystemFunction036"}`` (both fill a buffer with random bytes)."""
    rva = 0x1000
    names = sorted(exports)
    n = len(names)
    # layout inside the section: export directory, EAT, name pointers, ordinals, strings
    eat = 40
    npt = eat + 4 * n
    ords = npt + 4 * n
    strings = bytearray()
    str_base = ords + 2 * n

    def add(s: str) -> int:
        off = str_base + len(strings)
        strings.extend(s.encode("ascii") + b"\0")
        return rva + off

    name_rva = add(dll_name)
    fwd_rvas = [add(exports[k]) for k in names]
    name_rvas = [add(k) for k in names]
    edata = struct.pack("<IIHHIIIIIII", 0, 0, 0, 0, name_rva, 1, n, n, rva + eat, rva + npt,
                        rva + ords)
    edata += b"".join(struct.pack("<I", r) for r in fwd_rvas)
    edata += b"".join(struct.pack("<I", r) for r in name_rvas)
    edata += b"".join(struct.pack("<H", i) for i in range(n))
    edata += bytes(strings)
    size = len(edata)
    raw = (size + 0x1FF) & ~0x1FF
    dos = b"MZ" + bytes(58) + struct.pack("<I", 0x40)
    coff = struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 240, 0x2022)
    opt = struct.pack("<HBBIIIII", 0x20B, 14, 0, 0, raw, 0, 0, 0x1000)
    opt += struct.pack("<QIIHHHHHHIIIIHHQQQQII", 0x180000000, 0x1000, 0x200, 6, 0, 0, 0, 6, 0,
                       0, 0x1000 + ((size + 0xFFF) & ~0xFFF), 0x200, 0, 3, 0x0100,
                       0x100000, 0x1000, 0x100000, 0x1000, 0, 16)
    dirs = [(rva, size)] + [(0, 0)] * 15
    opt += b"".join(struct.pack("<II", a, b) for a, b in dirs)
    assert len(opt) == 240, len(opt)
    section = struct.pack("<8sIIIIIIHHI", b".edata", size, rva, raw, 0x200, 0, 0, 0, 0,
                          0x40000040)
    headers = dos + b"PE\0\0" + coff + opt + section
    headers += bytes(0x200 - len(headers))
    return headers + edata + bytes(raw - size)


def ensure_wine() -> bool:
    """True if Wine is installed (installs it with apt-get when running as root on Debian)."""
    if shutil.which("wine"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["dpkg", "--add-architecture", "i386"], check=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wine",
                        "wine64", "wine32:i386"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    return bool(shutil.which("wine"))


def fresh_prefix(prefix: Path, ok: Ok) -> Wine | None:
    """A new, initialised Wine prefix at ``prefix`` (None, reported, if wineboot fails)."""
    shutil.rmtree(prefix, ignore_errors=True)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    wine = Wine(prefix)
    r = subprocess.run(["wineboot", "-i"], env=wine.env, stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=WINE_TIMEOUT)
    release = subprocess.run(["wine", "--version"], capture_output=True, text=True).stdout
    if not ok(r.returncode == 0, f"fresh Wine prefix ({release.strip()})"):
        return None
    subprocess.run(["winecfg", "-v", "win10"], env=wine.env, stdin=subprocess.DEVNULL,
                   capture_output=True, timeout=WINE_TIMEOUT)
    system32 = prefix / "drive_c" / "windows" / "system32"
    for name, exports in STAND_INS.items():
        if not (system32 / name).exists():
            (system32 / name).write_bytes(forwarder_dll(name, exports))
            wine.env["WINEDLLOVERRIDES"] += f";{name.removesuffix('.dll')}=n"
            forwards = ", ".join(f"{k} -> {v}" for k, v in exports.items())
            ok(True, f"stand-in {name} in the Wine prefix only (Wine 8.0 lacks it; every "
                     f"Windows 10 has it): forwards {forwards}")
    r = wine.run(["reg", "query", r"HKLM\Software\Microsoft\Windows NT\CurrentVersion", "/v",
                  "CurrentBuildNumber", "/reg:64"], show=False)
    ok("18362" in r.stdout, "Wine in Windows 10 mode (CurrentBuildNumber 18362 = 1903)")
    return wine


def check_refuses_old_windows(wine: Wine, installer: Path, app: Path, ok: Ok) -> None:
    """The installer refuses Windows 10 1809 with exit code 3 and installs nothing."""
    wine.set_build(17763)  # Windows 10 1809
    r = wine.run([str(installer), "/S"])
    ok(r.returncode == 3 and not app.exists(),
       f"Windows 10 1809 (build 17763): the installer refuses (exit {r.returncode}, "
       f"nothing installed)")
    wine.set_build(18362)


def check_build_file_handling(wine: Wine, python: Path, ok: Ok) -> None:
    """build.py's normalise_times (and its import) on the embedded Windows CPython."""
    work = Path(tempfile.mkdtemp(prefix="trudi-wine-build-"))
    (work / "stage" / "pkgs" / "sub").mkdir(parents=True)
    (work / "stage" / "pkgs" / "sub" / "a.py").write_text("x = 1\n")
    (work / "stage" / "trudi-py.cmd").write_text("@echo off\n")
    (work / "nsis").mkdir()
    code = ("import sys, os; from pathlib import Path; "
            f"sys.path.insert(0, r'{wine.windows_path(ROOT / 'packaging' / 'windows')}'); "
            "import build; stage, nsis = Path(sys.argv[1]), Path(sys.argv[2]); "
            "build.normalise_times(stage, 1767225600); "
            "times = {int(p.stat().st_mtime) for p in [stage, *stage.rglob('*')]}; "
            "print('MTIMES', sorted(times)); "
            "print('BYTES', build.write_file_lists(stage, nsis))")
    r = wine.run([str(python), "-P", "-c", code, wine.windows_path(work / "stage"),
                  wine.windows_path(work / "nsis")])
    files_nsh = (work / "nsis" / "files.nsh").read_text("utf-8") \
        if (work / "nsis" / "files.nsh").exists() else ""
    ok(r.returncode == 0 and "MTIMES [1767225600]" in r.stdout
       and 'SetOutPath "$INSTDIR\\pkgs\\sub"' in files_nsh,
       "build.py's file handling (normalise_times, write_file_lists) runs on the embedded "
       f"Windows CPython (exit {r.returncode}"
       f"{': ' + r.stderr.strip()[-300:] if r.returncode else ''})")
    shutil.rmtree(work, ignore_errors=True)


def run_cli(wine: Wine, cli: Path, args: list[str], env: dict[str, str], expect: int,
            ok: Ok, what: str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``trudi-py.cmd`` with ``args``; report whether it exits ``expect``."""
    r = wine.run(["cmd", "/c", wine.windows_path(cli), *args], env=env)
    good = ok(r.returncode == expect, f"{what}: trudi-py {args[0]} exits {r.returncode} "
                                      f"(expected {expect})")
    if not good:
        print((r.stdout[-1500:] + "\n" + r.stderr[-1500:]).strip())
    return r


def check_cli(wine: Wine, app: Path, data: Path, version: str, ok: Ok) -> None:
    """The installed CLI works under Wine: version, help, and the commands against a simulator."""
    from trudi_py.simulator import Simulator, SimulatorConfig

    cli = app / "trudi-py.cmd"
    r = run_cli(wine, cli, ["--version"], {}, 0, ok, "--version")
    ok(version in r.stdout, f"--version prints {r.stdout.strip()!r}")
    with Simulator(SimulatorConfig(scenario="household", latency_ms=0)) as sim:
        consumer = sim.data.consumers[0]
        up_id = consumer.usage_points[0].usage_point_id
        base = ["--url", sim.url, "--user", consumer.user]
        env = {"TRUDI_PASSWORD": consumer.password, "TRUDI_LANG": "en"}
        ok(True, f"simulator on Linux: {sim.url} (consumer {consumer.user})")
        # pin the gateway the way a user's first contact does, with the installed app's own
        # PinStore: the pin lands in %LOCALAPPDATA%\trudi_py\pins.json
        python = app / "Python" / "python.exe"
        r = wine.run([str(python), "-P", "-c",
                      "import sys; from trudi_py.m2m import PinStore; "
                      "PinStore().set(sys.argv[1], sys.argv[2], 'simulator')",
                      sim.url, sim.fingerprint])
        ok(r.returncode == 0 and (data / "pins.json").is_file(),
           f"pin stored by the installed app in %LOCALAPPDATA%\\trudi_py\\pins.json "
           f"(exit {r.returncode})")
        r = run_cli(wine, cli, ["info", *base], env, 0, ok, "the stored pin")
        ok("Gateway" in r.stdout or "smgw" in r.stdout.lower(), "info shows the gateway")
        r = run_cli(wine, cli, ["contracts", *base], env, 0, ok, "contracts")
        ok(up_id in r.stdout, f"contracts lists usage point {up_id}")
        r = run_cli(wine, cli, ["readings", up_id, "--last", *base], env, 0, ok, "readings")
        ok(len(r.stdout.strip().splitlines()) >= 2, "readings prints CSV rows")
        r = run_cli(wine, cli, ["log", *base], env, 0, ok, "log")
        ok(len(r.stdout.strip().splitlines()) >= 2, "log prints logbook entries")
        out = Path(tempfile.mkdtemp(prefix="trudi-wine-archive-"))
        t0 = time.monotonic()
        # --no-report: the report's charts need numpy, which aborts the process under Wine
        r = run_cli(wine, cli, ["archive", *base, "--no-report", "--out",
                                wine.windows_path(out)], env, 0, ok, "archive")
        archives = list(out.glob("*.zip"))
        if ok(len(archives) == 1, f"archive written in {time.monotonic() - t0:.0f} s: "
                                  f"{[a.name for a in archives]}"):
            with zipfile.ZipFile(archives[0]) as z:
                manifest = json.loads(z.read("manifest.json"))
            got = {u: {d: n for d, n in dbs.items() if n}
                   for u, dbs in manifest["counts"]["readings"].items()}
            want = {up.usage_point_id: {db.name: sum(len(c.readings) for c in db.channels)
                                        for db in up.databases if db.channels}
                    for up in consumer.usage_points}
            total_got = sum(n for dbs in got.values() for n in dbs.values())
            total_want = sum(n for dbs in want.values() for n in dbs.values())
            ok(got == want, f"archive holds {total_got} readings, the simulator has "
                            f"{total_want} (per usage point and database: "
                            f"{'equal' if got == want else f'{got} != {want}'})")
            ok(manifest["complete"] is True, "archive manifest: complete")
        shutil.rmtree(out, ignore_errors=True)
        r = run_cli(wine, cli, ["pins", "list"], env, 0, ok, "pins")
        listed = "".join(r.stdout.split()).lower()
        ok(sim.url in r.stdout and sim.fingerprint.lower() in listed,
           "pins list shows the stored pin")
        r = run_cli(wine, cli, ["info", *base, "--pin", "sha256:" + "0" * 64], env, 5, ok,
                    "a wrong pin")
        ok("Traceback" not in r.stderr, "a wrong pin: a message, no traceback")


def check_gui_failure_not_silent(wine: Wine, app: Path, data: Path, ok: Ok) -> None:
    """Wine has no icuuc.dll, so Qt cannot load: exactly a GUI start-up failure as on a
    Windows without it. The Start-menu command (pythonw) must log it and open a message box."""
    log = data / "Logs" / "trudi_py.log"
    env = {"WINEDEBUG": "-all,err+winediag"}  # shows the window the message box tries to open
    r = wine.run([str(app / "Python" / "pythonw.exe"), "-P", "-m", "trudi_py", "gui"], env=env)
    text = log.read_text("utf-8", errors="replace") if log.exists() else ""
    ok(r.returncode == 1 and "the GUI could not start: ImportError" in text
       and "Traceback" in text,
       f"GUI start under pythonw without Qt's icuuc.dll: exit {r.returncode}, the error and "
       f"its traceback are in %LOCALAPPDATA%\\trudi_py\\Logs\\trudi_py.log")
    after = r.stderr.split("the GUI could not start", 1)[-1]
    ok("could not start" in r.stderr and "nodrv_CreateWindow" in after,
       "then the message box is opened (Wine, headless: 'Application tried to create a "
       "window' after the error)")


def check_uninstall(wine: Wine, app: Path, data: Path, ok: Ok) -> None:
    """The uninstaller removes the program and keeps the user's data (pins)."""
    before = (data / "pins.json").read_bytes() if (data / "pins.json").exists() else None
    # _?= runs the uninstaller in place, so this waits for it (as in the Windows workflow)
    r = wine.run([wine.windows_path(app / "uninstall.exe"), "/S",
                  "_?=" + wine.windows_path(app)])
    ok(r.returncode == 0 and not (app / "Python").exists() and not (app / "pkgs").exists(),
       f"silent uninstall removes the program (exit {r.returncode})")
    ok(before is not None and (data / "pins.json").read_bytes() == before,
       "pins.json in %LOCALAPPDATA%\\trudi_py survives the uninstall, unchanged")


def check_under_wine(installer: Path, prefix: Path, version: str, ok: Ok) -> None:
    """Install into a fresh prefix and run every installed-app check."""
    if not ok(ensure_wine(), "wine is installed (Debian: wine wine64 wine32:i386)"):
        return
    wine = fresh_prefix(prefix, ok)
    if wine is None:
        return
    r = wine.run(["cmd", "/c", "echo %LOCALAPPDATA%"], show=False)
    local = wine.unix_path(r.stdout.strip()).resolve()
    app, data = local / "Programs" / "trudi_py", local / "trudi_py"
    check_refuses_old_windows(wine, installer, app, ok)
    t0 = time.monotonic()
    r = wine.run([str(installer), "/S"])
    if not ok(r.returncode == 0 and (app / "uninstall.exe").is_file(),
              f"silent install (per user) into %LOCALAPPDATA%\\Programs\\trudi_py "
              f"(exit {r.returncode}, {time.monotonic() - t0:.0f} s)"):
        return
    files = [p for p in app.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    pyc = sum(1 for p in files if p.suffix == ".pyc")
    ok(pyc > 1000, f"installed: {len(files)} files, {size / 1e6:.0f} MB "
                   f"({size / 2**20:.0f} MiB), {pyc} .pyc compiled at install time")
    check_build_file_handling(wine, app / "Python" / "python.exe", ok)
    check_cli(wine, app, data, version, ok)
    check_gui_failure_not_silent(wine, app, data, ok)
    check_uninstall(wine, app, data, ok)
