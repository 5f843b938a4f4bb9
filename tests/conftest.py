"""Shared fixtures: Qt offscreen, isolated user data, the simulator over real TLS."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

#: One temp folder per test session that stands in for every per-user folder: the suite
#: (and every subprocess it starts: they inherit os.environ) never writes into the real
#: user's data, log, config or cache folders. Set before anything imports trudi_py,
#: platformdirs, matplotlib or Qt. Individual tests narrow TRUDI_DATA_DIR/TRUDI_LOG_DIR
#: further (see ``_isolated_user_data``).
SANDBOX = Path(tempfile.mkdtemp(prefix="trudi-tests-"))
atexit.register(shutil.rmtree, SANDBOX, ignore_errors=True)
SANDBOX_ENV = {
    "TRUDI_DATA_DIR": str(SANDBOX / "data"),
    "TRUDI_LOG_DIR": str(SANDBOX / "logs"),
    "MPLCONFIGDIR": str(SANDBOX / "matplotlib"),
    # platformdirs and Qt's QStandardPaths on Linux/BSD; fontconfig's cache
    "XDG_DATA_HOME": str(SANDBOX / "xdg-data"),
    "XDG_CONFIG_HOME": str(SANDBOX / "xdg-config"),
    "XDG_CACHE_HOME": str(SANDBOX / "xdg-cache"),
    "XDG_STATE_HOME": str(SANDBOX / "xdg-state"),
}
os.environ.update(SANDBOX_ENV)

import pytest  # noqa: E402

#: POSIX-only facts (file modes, clean exit on SIGTERM/SIGINT) are asserted only there;
#: on Windows a mode is not a permission and Popen.terminate() is TerminateProcess (exit 1).
POSIX = os.name == "posix"
POSIX_ONLY = "POSIX file modes and signals; Windows has neither"


def stop_process(proc, sig: int | None = None) -> int | None:  # noqa: ANN001
    """Stop a child as a user would (``sig``, default SIGTERM) and wait for it. Returns its
    exit code on POSIX, None on Windows (forced stop: the exit code says nothing)."""
    import signal
    if POSIX:
        proc.send_signal(signal.SIGTERM if sig is None else sig)
    else:
        proc.terminate()
    code = proc.wait(timeout=30)
    return code if POSIX else None

REPO = Path(__file__).resolve().parents[1]
#: Reference data carried by the repository (each folder has its licence/notice file).
DATA = Path(__file__).resolve().parent / "data"
TRUDI_CASES = DATA / "trudi"
FIELD_ANSWERS = DATA / "field"


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user's pins or settings."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("TRUDI_DATA_DIR", str(data))
    monkeypatch.setenv("TRUDI_LOG_DIR", str(data / "logs"))
    return data


# -- the simulated gateway -------------------------------------------------------------------
from datetime import UTC, datetime  # noqa: E402

#: A fixed gateway "now" so the generated data are the same in every run.
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


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


@pytest.fixture(scope="session")
def two_consumer_archive(tmp_path_factory: pytest.TempPathFactory, sim_state: Path) -> Path:
    """A clean, complete archive of the two-consumers gateway (consumer 2: TAF-1), built once
    for the hostile-archive and fuzz tests, which only read it."""
    from trudi_py.jobs.archive import archive
    from trudi_py.simulator import Simulator, SimulatorConfig
    out = tmp_path_factory.mktemp("two-consumers-archive")
    with Simulator(SimulatorConfig(scenario="two-consumers", now=NOW, state_dir=sim_state,
                                   latency_ms=0)) as sim:
        result = archive(settings_for(sim, 1), out / "clean.zip", excel=False, report=False)
    assert result.complete
    return result.path


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
