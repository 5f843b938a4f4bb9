"""``trudi-py demo --tour DIR``: visit every page with demo data, save one PNG per page, exit.

Driven by signals (no sleeping): each step starts something and continues when the page
says it is done. A watchdog ends the tour with exit code 1 if a step hangs.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

from trudi_py.errors import PinMismatch
from trudi_py.gui.trust import PinMismatchDialog
from trudi_py.simulator.ppc import PpcSimulator

if TYPE_CHECKING:
    from trudi_py.gui.main_window import MainWindow

log = logging.getLogger("trudi_py.gui")

STEP_TIMEOUT_MS = 120_000


class Tour(QObject):
    """A chain of steps; each step calls ``self.next()`` (possibly after a signal)."""

    def __init__(self, window: MainWindow, out: Path, sim: Any = None) -> None:
        super().__init__(window)
        self.sim = sim  # to drop the demo's realistic latency for the long steps
        self.w = window
        self.out = out
        self.exit_code = 0
        self.saved: list[Path] = []
        self.archive_path: Path | None = None
        #: the PPC portal double: its demo data span two weeks, its self-test would restart
        #: the gateway (shown, not started), and its lock page is shown at the end
        self.ppc = isinstance(sim, PpcSimulator)
        readings: list[Callable[[], None]] = [self.readings_week] if self.ppc else [
            self.readings_week, self.readings_year_daily, self.readings_monthly]
        self._steps: list[Callable[[], None]] = [
            self.start_page, self.connect_page, self.trust, self.overview, self.contracts,
            self.current, *readings, self.logbook,
            self.selftest_ppc if self.ppc else self.selftest, self.archive, self.verify,
            self.settings, self.mismatch, self.open_archive, self.verify_archive,
            *([self.locked] if self.ppc else []), self.help_page, self.finish]
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._timeout)

    # -- machinery --------------------------------------------------------------------------
    def start(self) -> None:
        """Create the output folder and run the first step."""
        self.out.mkdir(parents=True, exist_ok=True)
        self.next()

    def next(self) -> None:
        """Run the next step shortly (layouts settle first), guarded by the watchdog."""
        if not self._steps:
            return
        step = self._steps.pop(0)
        self._watchdog.start(STEP_TIMEOUT_MS)
        log.info("tour: %s", step.__name__)
        QTimer.singleShot(50, step)  # let layouts settle and pending paints happen

    def once(self, signal: SignalInstance, then: Callable[..., None]) -> None:
        """Call ``then`` the next time ``signal`` fires (and only then)."""
        def slot(*args: object) -> None:
            signal.disconnect(slot)
            then(*args)
        signal.connect(slot)

    def shot(self, name: str, widget: QWidget | None = None) -> None:
        """Save a PNG of the window (or ``widget``), numbered in tour order."""
        QApplication.processEvents()
        path = self.out / f"{len(self.saved) + 1:02d}-{name}.png"
        (widget or self.w).grab().save(str(path))
        self.saved.append(path)
        print(f"saved {path}", flush=True)

    def shot_next(self, name: str) -> Callable[..., None]:
        """A slot that saves the PNG ``name`` and goes on with the next step."""
        def slot(*_args: object) -> None:
            self.shot(name)
            self.next()
        return slot

    def _timeout(self) -> None:
        print("tour: a step did not finish in time", flush=True)
        self.exit_code = 1
        QApplication.quit()

    # -- steps ------------------------------------------------------------------------------
    def start_page(self) -> None:
        """The start page, then follow the check job (connect first)."""
        self.w.show_page("start")
        self.shot("start")
        self.w.start_job("check")  # the guide leads: connect first, then the check
        self.next()

    def connect_page(self) -> None:
        """The connect page; connecting asks for trust first."""
        self.w.show_page("connect")
        self.shot("verbinden")
        self.once(self.w.session.trust_required, lambda _e: self.next())
        self.w.connect_page.connect_button.click()

    def trust(self) -> None:
        """The first-connection dialog with its fingerprint; trust and connect."""
        dialog = self.w.trust_dialog
        assert dialog is not None  # the trust_required signal opened it
        dialog.confirm.setChecked(True)
        self.shot("vertrauen", dialog)
        self.once(self.w.session.source_changed, lambda _s: self.next())
        dialog.accept_button.click()

    def overview(self) -> None:
        """The overview; then load the contracts page."""
        self.w.show_page("overview")
        self.shot("uebersicht")
        self.once(self.w.contracts_page.loaded, lambda: self.next())
        self.w.show_page("contracts")
        if self.ppc:  # its details come from the session's cache: they may be there already
            self.w.contracts_page.refresh_details()

    def contracts(self) -> None:
        """The contracts; then load the current values."""
        self.shot("vertraege")
        self.once(self.w.current_page.loaded, lambda: self.next())
        self.w.show_page("current")

    def current(self) -> None:
        """The current values; then choose the TAF-7 contract for readings."""
        self.shot("aktuelle-werte")
        page = self.w.readings_page
        self.w.show_page("readings")
        taf7 = next((i for i, p in enumerate(page._points) if p.taf == "7"), 0)
        if page.contract.currentIndex() != taf7 or page.database.count() == 0:
            self.once(page.databases_ready, lambda: self.next())
            page.contract.setCurrentIndex(taf7)
        else:
            self.next()

    def chart(self, key: str, then: Callable[[], None]) -> None:
        """Show chart ``key`` and continue once it is drawn."""
        charts = self.w.readings_page.charts

        def drawn(done: str) -> None:
            if done == key:
                charts.drawn.disconnect(drawn)
                then()
        charts.drawn.connect(drawn)
        charts.show_chart(key)

    def readings_week(self) -> None:
        """A week of 15-minute values with the load profile chart."""
        page = self.w.readings_page
        page.choose_preset(1)  # last week
        self.once(page.loaded, lambda: self.chart(
            "power", self.shot_next("messwerte-woche")))
        page.load()

    def readings_year_daily(self) -> None:
        """Twelve months with the daily energy chart."""
        page = self.w.readings_page
        page.choose_preset(3)  # last 12 months
        self.once(page.loaded, lambda: self.chart(
            "daily", self.shot_next("tageswerte")))
        page.load()

    def readings_monthly(self) -> None:
        """The monthly energy chart of the same twelve months."""
        self.chart("monthly", self.shot_next("monatswerte"))

    def logbook(self) -> None:
        """The logbook once loaded."""
        page = self.w.logbook_page
        self.once(page.loaded, self.shot_next("logbuch"))
        self.w.show_page("logbook")

    def selftest(self) -> None:
        """Start a self-test and show its result."""
        page = self.w.selftest_page
        page.poll_delay_ms = 500
        self.w.show_page("selftest")
        self.once(page.result_shown, self.shot_next("selbsttest"))
        page.start()

    def selftest_ppc(self) -> None:
        """The self-test page of a PPC gateway (not started: the gateway would restart)."""
        self.w.show_page("selftest")
        self.shot("selbsttest")
        self.next()

    def locked(self) -> None:
        """The portal locked after wrong logins (the double's lock set directly): a real
        login attempt meets the lock page; the connect page shows the remaining time."""
        sim = self.sim
        assert isinstance(sim, PpcSimulator)
        sim.locked_until = sim.config.clock() + 277  # "4 Minuten und 37 Sekunden"
        self.w.show_page("connect")
        self.once(self.w.session.locked_out, lambda *_a: QTimer.singleShot(
            0, self.shot_next("gesperrt")))
        self.w.connect_page.connect_button.click()

    def archive(self) -> None:
        """Write the decommissioning archive (without simulated latency)."""
        if self.sim is not None and not self.ppc:  # screenshots: no simulated latency
            self.sim.set_quirks(",".join(sorted(self.sim.quirk_names)) + ",latency=0")
        page = self.w.archive_page
        self.w.show_page("archive")
        self.archive_path = self.out / "demo-archiv.zip"
        for stale in (self.archive_path, self.archive_path.with_name("demo-archiv.zip.part")):
            stale.unlink(missing_ok=True)

        def finished(_result: object) -> None:
            self.shot("archiv")
            self.next()
        self.once(page.archive_finished, finished)
        page.start_archive(self.archive_path)

    def verify(self) -> None:
        """Check the billing periods of the gateway; the guided job ends here."""
        page = self.w.verify_page
        self.w.show_page("verify")
        def checked(_result: object) -> None:
            self.shot("pruefung")
            self.w.guide.finish()  # the guided job is done; the archive is opened next
            self.next()
        self.once(page.verified, checked)
        page.verify_current()

    def settings(self) -> None:
        """The settings dialog with the trusted gateway."""
        dialog = self.w.open_settings()
        if dialog.pins.rowCount():
            dialog.pins.selectRow(0)
        self.shot("einstellungen", dialog)
        dialog.close()
        self.next()

    def mismatch(self) -> None:
        """The warning shown when a gateway's certificate changed."""
        settings = self.w.session.settings
        assert settings is not None  # connected since the trust step
        url = settings.base_url
        pinned = self.w.session.pin_store.get(url)
        expected = pinned.sha256 if pinned else secrets.token_hex(32)
        dialog = PinMismatchDialog(PinMismatch(url, expected, secrets.token_hex(32)), self.w)
        dialog.show()
        self.shot("zertifikat-geaendert", dialog)
        dialog.close()
        self.next()

    def open_archive(self) -> None:
        """Open the archive just written (offline)."""
        if self.archive_path is None or \
                not self.archive_path.is_file():
            self.next()
            return
        self.once(self.w.session.source_changed, self.shot_next("archiv-offline"))
        self.w.open_archive(self.archive_path)

    def verify_archive(self) -> None:
        """Check the opened archive."""
        if self.w.session.state != "archive":
            self.next()
            return
        page = self.w.verify_page
        self.w.show_page("verify")
        self.once(page.verified, self.shot_next("archiv-pruefung"))
        page.verify_current()

    def help_page(self) -> None:
        """The help and glossary page."""
        self.w.show_page("help")
        self.shot("hilfe")
        self.next()

    def finish(self) -> None:
        """Remove the demo archive and quit."""
        self._watchdog.stop()
        if self.archive_path is not None:
            self.archive_path.unlink(missing_ok=True)
        print(f"tour: {len(self.saved)} screenshots in {self.out}", flush=True)
        QApplication.quit()
