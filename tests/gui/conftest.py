"""GUI fixtures: one simulated gateway per session (real TLS, no latency, fixed clock) and a
main window with its own pin store. German is installed, as on a German household's PC."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import connect

from trudi_py.gui import i18n
from trudi_py.gui.main_window import MainWindow
from trudi_py.gui.session import Session
from trudi_py.m2m import PinStore
from trudi_py.simulator import Simulator, SimulatorConfig

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Simulator]:
    config = SimulatorConfig(latency_ms=0, now=NOW,
                             state_dir=tmp_path_factory.mktemp("gui-sim"))
    with Simulator(config) as simulator:
        yield simulator


@pytest.fixture(autouse=True)
def german(qapp) -> Iterator[None]:  # noqa: ANN001
    i18n.install(qapp, "de")
    yield


@pytest.fixture
def pins(tmp_path: Path) -> PinStore:
    return PinStore(tmp_path / "pins.json")


@pytest.fixture
def window(qtbot, pins: PinStore, sim: Simulator) -> Iterator[MainWindow]:  # noqa: ANN001
    win = MainWindow(Session(pin_store=pins))
    qtbot.addWidget(win)
    consumer = sim.data.consumers[0]
    win.connect_page.prefill(sim.url, user=consumer.user, password=consumer.password,
                             p12_path=consumer.p12_path, p12_password=consumer.p12_password,
                             use_cert=False)
    win.show()
    yield win
    win.close()


@pytest.fixture
def offline(qtbot, pins: PinStore) -> Iterator[MainWindow]:  # noqa: ANN001
    """A main window without a gateway: for opening archive files."""
    win = MainWindow(Session(pin_store=pins))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


@pytest.fixture
def connected(qtbot, window: MainWindow, sim: Simulator) -> MainWindow:  # noqa: ANN001
    connect(qtbot, window, sim)
    return window
