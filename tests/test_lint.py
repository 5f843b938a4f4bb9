"""ruff and mypy gate the suite (issue 15): the test command CI runs fails, listing every
finding, when the code base is not clean. Configuration: ``[tool.ruff]`` and ``[tool.mypy]``
in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=600, check=False)


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", "--output-format", "concise", ".")
    assert result.returncode == 0, "ruff findings:\n" + result.stdout + result.stderr


def test_mypy_finds_nothing(tmp_path: Path) -> None:
    result = _run("mypy", "--cache-dir", str(tmp_path / "mypy-cache"))
    assert result.returncode == 0, "mypy findings:\n" + result.stdout + result.stderr
