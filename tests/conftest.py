"""Shared fixtures: Qt offscreen, isolated user data, the simulator over real TLS."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The read-only shared/ folder beside the checkout (``TRUDI_SHARED`` overrides)."""
    env = os.environ.get("TRUDI_SHARED")
    return Path(env) if env else REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user's pins or settings."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("TRUDI_DATA_DIR", str(data))
    return data
