"""Entry points: ``run_gui()`` (``trudi-py`` / ``trudi-py gui``) and ``run_demo()``
(``trudi-py demo``: the GUI against the built-in simulated gateway; ``--tour DIR`` saves one
screenshot per page and exits)."""

from __future__ import annotations

import contextlib
import gc
import logging
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from trudi_py.gui import i18n

log = logging.getLogger("trudi_py.gui")

ICON = Path(__file__).resolve().parent / "icons" / "trudi_py.svg"


def create_app(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication (reused if one exists) with icon and translators installed."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("trudi_py")
    app.setApplicationDisplayName("trudi_py")
    app.setOrganizationName("trudi_py")
    app.setDesktopFileName("trudi_py")
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    i18n.install(app, i18n.resolve_language(language))
    return app


def _preload(_progress: object, _cancel: object) -> None:
    """Import what the first table and chart data need (on a worker, while the user is still
    reading); matplotlib is loaded by the chart process only (gui/worker.py)."""
    import numpy  # noqa: F401

    import trudi_py.gui.chart_data  # noqa: F401


def warm_up(window: object) -> None:
    """Preload the plotting stack, then move everything that lives as long as the process
    (modules, classes, the window) out of the garbage collector's sight: a full collection
    then only walks the objects of the current data and stays short (measured: ~100 ms GUI
    stalls from full collections over all of Qt, numpy and matplotlib without it)."""
    gc.freeze()
    window.session.compute.submit(_preload,  # type: ignore[attr-defined]
                                  on_done=lambda _r: gc.freeze())
    warm_pages(window)


#: Pause between two pages painted by :func:`warm_pages` (the user's clicks come first).
WARM_PAGE_GAP_MS = 30


def warm_pages(window: object) -> None:
    """Lay out and paint every hidden page once into a pixmap, one page per turn of the
    event loop, soon after the window opens: Qt's first paint of a page shapes its texts and
    rasterises the glyphs of its fonts (bold, italic, monospace) — measured ~110 ms for the
    overview when an archive opened, ~40 ms with the page painted once before; the user
    waits for neither at start-up, where nothing is being loaded."""
    stack = window.stack  # type: ignore[attr-defined]
    pages = [p for p in window.pages.values()  # type: ignore[attr-defined]
             if p is not stack.currentWidget()]
    # the status bar's busy indicator too (hidden until a job runs; its first paint, when
    # an archive opened, cost ~17 ms)
    pages.append(window.busy)  # type: ignore[attr-defined]

    def paint_next() -> None:
        while pages:
            page = pages.pop(0)
            if page.isVisible():  # the user went there already
                continue
            if page.parent() is stack:
                page.resize(stack.size())
            page.grab()
            QTimer.singleShot(WARM_PAGE_GAP_MS, window, paint_next)  # type: ignore[call-overload]
            return

    QTimer.singleShot(WARM_PAGE_GAP_MS, window, paint_next)  # type: ignore[call-overload]


@contextlib.contextmanager
def quit_on_signals(app: QApplication) -> Iterator[None]:
    """While inside: SIGINT/SIGTERM end the event loop normally, so every ``finally``
    (temporary folders, the demo gateway) still runs. A short timer lets Python see the signal
    while Qt waits. The previous handlers come back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    def request_quit(*_: object) -> None:  # also before exec() runs: queued for the loop
        app.quit()
        QTimer.singleShot(0, app.quit)

    previous = {signum: signal.signal(signum, request_quit)
                for signum in (signal.SIGINT, signal.SIGTERM)}
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(200)
    try:
        yield
    finally:
        wake.stop()
        wake.deleteLater()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_gui() -> int:
    """Open the main window; returns the exit code."""
    from trudi_py.gui.main_window import MainWindow
    app = create_app()
    with quit_on_signals(app):
        window = MainWindow()
        window.show()
        warm_up(window)
        return int(app.exec())


def run_demo(config: object, tour_dir: Path | None = None) -> int:
    """Start the simulated gateway, open the GUI prefilled with the demo login and connect.

    The trust dialog appears as for a real gateway (the demo's pins are kept in a temporary
    store, never in the user's). With ``tour_dir`` every page is visited with demo data, one
    PNG per page is written there, and the application exits.
    """
    app = create_app()
    pins_dir = Path(tempfile.mkdtemp(prefix="trudi-demo-pins-"))
    try:
        with quit_on_signals(app):
            return _run_demo_window(app, config, pins_dir, tour_dir)
    finally:
        shutil.rmtree(pins_dir, ignore_errors=True)


def _run_demo_window(app: QApplication, config: object, pins_dir: Path,
                     tour_dir: Path | None) -> int:
    from trudi_py.gui.main_window import MainWindow
    from trudi_py.gui.session import Session
    from trudi_py.m2m import PinStore
    from trudi_py.simulator import Simulator
    from trudi_py.simulator.ppc import PpcConfig, PpcSimulator

    server = PpcSimulator(config) if isinstance(config, PpcConfig) else \
        Simulator(config)  # type: ignore[arg-type]
    with server as sim:
        session = Session(pin_store=PinStore(pins_dir / "pins.json"))
        window = MainWindow(session)
        window.remember_recent = False
        prefill_demo(window, sim)
        window.show()
        warm_up(window)
        if tour_dir is not None:
            from trudi_py.gui.tour import Tour
            tour = Tour(window, Path(tour_dir), sim)
            QTimer.singleShot(0, tour.start)
            app.exec()
            window.close()
            return tour.exit_code
        QTimer.singleShot(300, window.connect_page.connect_button.click)
        code = int(app.exec())
        window.close()
        return code


def prefill_demo(window: object, sim: object) -> None:
    """Fill the connect page with the demo consumer's login (certificate if it has one; the
    PPC portal's first HAN user)."""
    from trudi_py.simulator.ppc import PpcSimulator
    if isinstance(sim, PpcSimulator):
        user = sim.config.users[0]
        window.connect_page.prefill(sim.url, user=user.name,  # type: ignore[attr-defined]
                                    password=user.password, use_cert=False)
        return
    consumer = sim.data.consumers[0]  # type: ignore[attr-defined]
    window.connect_page.prefill(  # type: ignore[attr-defined]
        sim.url, user=consumer.user, password=consumer.password,  # type: ignore[attr-defined]
        p12_path=consumer.p12_path or "", p12_password=consumer.p12_password or "",
        use_cert=bool(consumer.p12_path))
