"""The source distribution carries every file the test suite needs (README: the tests run
from a git checkout or from the unpacked sdist), plus the licence texts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from helpers import REPO

#: end-to-end and long: still run by default (CI runs everything); -m 'not slow' skips
pytestmark = pytest.mark.slow

SKIPPED_PARTS = {"__pycache__", ".hypothesis", ".pytest_cache"}
#: Files outside tests/ that tests read (translations, packaging inputs, metadata).
NEEDED_ELSEWHERE = ("LICENSE", "README.md", "pyproject.toml", "MANIFEST.in",
                    "resources/translations/trudi_py_de.ts", "resources/icons/trudi_py.svg",
                    "packaging/windows/build.py", "packaging/windows-lock.txt",
                    "packaging/windows/constraints.txt", "trudi_py/verify/schemata/xml.xsd",
                    "trudi_py/gui/i18n/trudi_py_de.qm", "resources/translations/core_catalog.py",
                    "trudi_py/locale/de/LC_MESSAGES/trudi_py.po",
                    "trudi_py/locale/de/LC_MESSAGES/trudi_py.mo")


def test_sdist_contains_the_tests_their_data_and_licences(tmp_path: Path) -> None:
    # built from a copy without build leftovers: setuptools would otherwise reuse a stale
    # *.egg-info/SOURCES.txt (from `pip install -e`) and hide a gap in MANIFEST.in
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "*.egg-info", "build", "dist", "cache", *SKIPPED_PARTS, "*.pyc"))
    code = ("import sys; from setuptools import build_meta; "
            "print(build_meta.build_sdist(sys.argv[1]))")
    built = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=source,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    (sdist,) = tmp_path.glob("trudi_py-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    wanted = [str(p.relative_to(REPO).as_posix()) for p in (REPO / "tests").rglob("*")
              if p.is_file() and not SKIPPED_PARTS & set(p.parts) and p.suffix != ".pyc"]
    assert "tests/data/trudi/cases.json" in wanted and "tests/data/trudi/LICENSE-TRuDI.txt" \
        in wanted and "tests/data/field/readings.field-v3.87.json" in wanted
    missing = sorted(set(wanted) - names) + [n for n in NEEDED_ELSEWHERE if n not in names]
    assert missing == []
    assert not any(n.startswith("packaging/cache/") for n in names)
