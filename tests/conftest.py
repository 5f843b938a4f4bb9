"""Shared fixtures: isolated user data, the simulator over real TLS, data fetched once per
session, an in-memory keyring. Plain helpers live in ``helpers.py``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

# helpers sets up the per-user sandbox on import, before anything imports trudi_py or Qt
# (the standard library above does not look at those folders)
import keyring
import pytest
from helpers import NOW, MemoryKeyring, MemorySource, settings_for, without_members
from keyring.backends import fail


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user's pins or settings."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("TRUDI_DATA_DIR", str(data))
    monkeypatch.setenv("TRUDI_LOG_DIR", str(data / "logs"))
    return data


# -- the simulated gateway -------------------------------------------------------------------

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
def household_archive(household, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: ANN001
    """The household gateway archived once per session (no Excel, no report), for tests
    that only read the archive."""
    from trudi_py.jobs.archive import archive
    out = tmp_path_factory.mktemp("household-archive") / "household.zip"
    result = archive(settings_for(household, 0), out, excel=False, report=False)
    assert result.complete
    return result.path


@pytest.fixture(scope="session")
def archive_before_columns(household_archive: Path,
                           tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The household's archive as written before the column store existed (no
    ``columns/``): its ranges come from raw/ and the CSV (the GUI's chart process)."""
    out = tmp_path_factory.mktemp("household-before-columns") / "household.zip"
    return without_members(household_archive, out, "columns/")


@pytest.fixture(scope="session")
def three_years(sim_state: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The household with three years of history archived once per session (the
    multi-year case of the day summary and the column store)."""
    from trudi_py.jobs.archive import archive
    from trudi_py.simulator import Simulator, SimulatorConfig
    out = tmp_path_factory.mktemp("household-3y") / "three.zip"
    with Simulator(SimulatorConfig(scenario="household", now=NOW, state_dir=sim_state,
                                   latency_ms=0, years=3)) as sim:
        result = archive(settings_for(sim, 0), out, excel=False, report=False)
    assert result.complete
    return result.path


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



@pytest.fixture(scope="session")
def household_fetch(household) -> MemorySource:  # noqa: ANN001
    """Every contract of the household gateway, fetched over TLS once per session."""
    from trudi_py.m2m import GatewayClient
    from trudi_py.m2m.source import GatewaySource
    with GatewayClient(settings_for(household)) as client:
        return MemorySource.fetch(GatewaySource(client))


# -- keyring ----------------------------------------------------------------------------------
@pytest.fixture()
def memory() -> Iterator[MemoryKeyring]:
    """An in-memory keyring installed for the test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture()
def no_backend() -> Iterator[None]:
    """No usable keyring (as on a headless Linux)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)
