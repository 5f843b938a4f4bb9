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
    monkeypatch.setenv("TRUDI_LOG_DIR", str(data / "logs"))
    return data


# -- the simulated gateway -------------------------------------------------------------------
from datetime import datetime, timezone  # noqa: E402

#: A fixed gateway "now" so the generated data are the same in every run.
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def sim_state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One simulator state dir (certificates, keys) for the session: pins stay stable."""
    return tmp_path_factory.mktemp("simstate")


@pytest.fixture(scope="session")
def household(sim_state: Path):
    """The household scenario over real TLS on 127.0.0.1, no latency, no quirks."""
    from trudi_py.simulator import Simulator, SimulatorConfig
    with Simulator(SimulatorConfig(scenario="household", now=NOW, state_dir=sim_state,
                                   latency_ms=0)) as sim:
        yield sim


@pytest.fixture()
def sim(household):
    """The household simulator with clean counters and quirks; restored after the test."""
    household.set_quirks(())
    household.reset_counters()
    household.reset_self_test()
    yield household
    household.set_quirks(())
    household.latency_ms = 0
    household.idle_timeout_s = 600


def settings_for(sim, consumer: int = 0, **overrides):
    """Digest settings for a simulator consumer, pinned, with fast retries."""
    from trudi_py.m2m import ConnectionSettings
    c = sim.data.consumers[consumer]
    values = dict(url=sim.url, user=c.user, password=c.password, pin=sim.fingerprint,
                  retry_backoff_s=0.01, timeout_s=10.0)
    values.update(overrides)
    return ConnectionSettings(**values)
