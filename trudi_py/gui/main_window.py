"""The main window: navigation on the left, one page at a time, connection state below."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trudi_py import __version__
from trudi_py.errors import AuthError, LockedOut, PinMismatch, UnknownCertificate
from trudi_py.gateway import VendorUnknown
from trudi_py.gui import i18n, prefs
from trudi_py.gui.pages.archive import ArchivePage
from trudi_py.gui.pages.connect import ConnectPage
from trudi_py.gui.pages.contracts import ContractsPage
from trudi_py.gui.pages.current import CurrentValuesPage
from trudi_py.gui.pages.glossary import GlossaryPage
from trudi_py.gui.pages.history import HistoryPage
from trudi_py.gui.pages.logbook import LogbookPage
from trudi_py.gui.pages.overview import OverviewPage
from trudi_py.gui.pages.readings import ReadingsPage
from trudi_py.gui.pages.selftest import SelfTestPage
from trudi_py.gui.pages.start import Guide, StartPage, attach_guide
from trudi_py.gui.pages.verify import VerifyPage
from trudi_py.gui.session import Session
from trudi_py.gui.settings_dialog import SettingsDialog
from trudi_py.gui.trust import PinMismatchDialog, TrustDialog
from trudi_py.gui.widgets import html_escape
from trudi_py.m2m import ConnectionSettings
from trudi_py.m2m.netcheck import NetCheck

#: pages that need a live gateway (hidden for an opened archive or history)
GATEWAY_ONLY = ("current", "selftest")
#: pages that need data (a gateway or an archive)
NEEDS_DATA = ("overview", "contracts", "current", "readings", "logbook", "selftest", "verify")


class MainWindow(QMainWindow):
    """Holds the session and the pages."""

    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Your Smart Meter Gateway"))  # Qt appends "— trudi_py"
        self.session = session or Session(self)
        self.trust_dialog: TrustDialog | None = None
        self.mismatch_dialog: PinMismatchDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        #: remember successful connections in gateways.json (off for the demo)
        self.remember_recent = True
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Pages"))
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(200)
        self.nav.setStyleSheet("QListWidget#navigation { border: none; "
                               "background: palette(window); font-size: 11pt; }"
                               "QListWidget#navigation::item { padding: 8px 10px; }")
        self.stack = QStackedWidget()
        layout.addWidget(self.nav)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)

        s = self.session
        self.guide = Guide.of(s)
        self.replaying = False
        self.start_page = StartPage(s)
        self.glossary_page = GlossaryPage()
        self.connect_page = ConnectPage()
        self.overview_page = OverviewPage(s)
        self.contracts_page = ContractsPage(s)
        self.current_page = CurrentValuesPage(s)
        self.readings_page = ReadingsPage(s)
        self.logbook_page = LogbookPage(s)
        self.selftest_page = SelfTestPage(s)
        self.verify_page = VerifyPage(s)
        self.archive_page = ArchivePage(s)
        self.history_page = HistoryPage(s)
        self.pages: dict[str, QWidget] = {}
        for key, page, title in (
                ("start", self.start_page, self.tr("Start")),
                ("connect", self.connect_page, self.tr("Connect")),
                ("overview", self.overview_page, self.tr("Overview")),
                ("contracts", self.contracts_page, self.tr("Contracts")),
                ("current", self.current_page, self.tr("Current values")),
                ("readings", self.readings_page, self.tr("Readings")),
                ("logbook", self.logbook_page, self.tr("Logbook")),
                ("selftest", self.selftest_page, self.tr("Self-test")),
                ("verify", self.verify_page, self.tr("Verification")),
                ("archive", self.archive_page, self.tr("Archive")),
                ("history", self.history_page, self.tr("History")),
                ("help", self.glossary_page, self.tr("Help and glossary"))):
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.guide_bar = attach_guide(self, right)

        self.status_text = QLabel()
        self.status_text.setObjectName("connectionState")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.busy)
        self._build_menu()

        self.start_page.job_chosen.connect(self.start_job)
        self.connect_page.connect_requested.connect(self.connect_gateway)
        self.connect_page.open_archive_requested.connect(self.open_archive_dialog)
        self.overview_page.disconnect_requested.connect(self.session.disconnect_gateway)
        self.archive_page.open_archive_requested.connect(self.open_archive_dialog)
        s.state_changed.connect(self._state_changed)
        s.trust_required.connect(self._trust_required)
        s.pin_mismatch.connect(self._pin_mismatch)
        s.connect_failed.connect(self._connect_failed)
        s.locked_out.connect(self._locked_out)
        self.selftest_page.gateway_restarting.connect(self._gateway_restarting)
        s.source_changed.connect(self._source_changed)
        s.busy_changed.connect(self.busy.setVisible)
        self._state_changed("disconnected")
        self.nav.setCurrentRow(0)
        self.resize(1180, 760)

    # -- menu -------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_archive_action = QAction(self.tr("&Open archive…"), self)
        self.open_archive_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_archive_action.triggered.connect(self.open_archive_dialog)
        file_menu.addAction(self.open_archive_action)
        disconnect = QAction(self.tr("&Disconnect"), self)
        disconnect.triggered.connect(self.session.disconnect_gateway)
        file_menu.addAction(disconnect)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_action = QAction(self.tr("&Settings and trusted gateways…"), self)
        settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        settings_action.triggered.connect(self.open_settings)
        settings_menu.addAction(settings_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About trudi_py"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About trudi_py"), self.tr(
            "<b>trudi_py {0}</b><br>Read, check and archive your own meter data from a "
            "Smart Meter Gateway (CONEXA 3.0) over the HAN port.<br>Passwords are never "
            "stored; the gateway's certificate is pinned by its fingerprint.").format(
            __version__))

    def open_settings(self) -> SettingsDialog:
        """Open the settings dialog; a language change applies when it closes."""
        dialog = SettingsDialog(self.session.pin_store, self)
        dialog.finished.connect(lambda _r: self._language_maybe_changed())
        dialog.open()
        self.settings_dialog = dialog
        return dialog

    # -- navigation -------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        """Select page ``key`` in the sidebar."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
                return

    def current_page_key(self) -> str:
        """The key of the page shown now ("" if none)."""
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def _nav_changed(self, row: int) -> None:
        item = self.nav.item(row)
        if item is None:
            return
        page = self.pages[item.data(Qt.ItemDataRole.UserRole)]
        self.stack.setCurrentWidget(page)
        activate = getattr(page, "activate", None)
        if callable(activate):
            activate()

    def _update_nav(self) -> None:
        state = self.session.state
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            available = True
            if key in NEEDS_DATA:
                available = state in ("connected", "archive", "history")
            if key in GATEWAY_ONLY:
                available = state == "connected"
            item.setHidden(key in GATEWAY_ONLY and state in ("archive", "history"))
            flags = item.flags()
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if available
                          else flags & ~Qt.ItemFlag.ItemIsEnabled)

    def start_job(self, key: str) -> None:
        """A job of the start page: the guide follows it and shows the page of its next
        step (connect first when there is no data yet)."""
        self.show_page(self.guide.choose(key))

    # -- session events ---------------------------------------------------------------------
    def connect_gateway(self, settings: ConnectionSettings) -> None:
        """Connect with ``settings`` in the background; the connect page shows it is busy."""
        self.connect_page.set_busy(True)
        self.session.connect_gateway(settings, self.connect_page.chosen_vendor(),
                                     second=self.connect_page.second_login())

    def _state_changed(self, state: str) -> None:
        settings = self.session.settings
        url = settings.base_url if settings else ""
        texts = {"disconnected": self.tr("Not connected"),
                 "connecting": self.tr("Connecting to {0}…").format(url),
                 "connected": self.tr("Connected to {0} (certificate pinned)").format(url),
                 "archive": self.tr("Archive opened (offline): {0}").format(
                     self.session.archive_path.name if self.session.archive_path else ""),
                 "history": self.tr("Local history opened (offline): {0}").format(
                     self.session.history_path.name if self.session.history_path else "")}
        self.status_text.setText(texts.get(state, state))
        if state != "connecting":
            self.connect_page.set_busy(False)
        self._update_nav()

    def _source_changed(self, source: object) -> None:
        if source is None:
            self.show_page("connect")
            return
        if self.replaying:
            return
        if self.remember_recent and self.session.is_gateway and \
                self.session.settings is not None:
            prefs.remember(self.connect_page.recent_entry(self.session.settings))
            self.connect_page.reload_recent()
        if self.session.is_gateway and self.session.settings is not None:
            problem = self.connect_page.remember_password(self.session.settings)
            if problem:
                self.statusBar().showMessage(problem, 10000)
        self.connect_page.banner.clear_message()
        self.guide.source_replaced()
        job = self.guide.active
        if job and self.guide.has_source(job):
            self.show_page(self.guide.next_page(job))
        else:
            self.show_page("overview")

    def _trust_required(self, exc: UnknownCertificate) -> None:
        self.connect_page.banner.clear_message()
        dialog = TrustDialog(exc, self)
        self.trust_dialog = dialog

        def finished(result: int) -> None:
            self.trust_dialog = None
            if result == TrustDialog.DialogCode.Accepted:
                self.connect_page.set_busy(True)
                self.session.trust_and_reconnect(exc)
            else:
                self.connect_page.show_error(self.tr(
                    "Not connected: the certificate was not trusted."))

        dialog.finished.connect(finished)
        dialog.open()

    def _pin_mismatch(self, exc: PinMismatch) -> None:
        self.connect_page.show_error(i18n.error_text(exc))
        dialog = PinMismatchDialog(exc, self)
        self.mismatch_dialog = dialog
        dialog.open()

    def _connect_failed(self, exc: BaseException, check: NetCheck | None) -> None:
        self.show_page("connect")
        settings = self.session.settings
        if isinstance(exc, VendorUnknown):
            self.connect_page.ask_for_vendor()
        elif isinstance(exc, AuthError) and settings is not None:
            self.connect_page.show_refused(i18n.error_text(exc),
                                           self.session.refused_count(settings),
                                           self.session.attempted_vendor)
        else:
            self.connect_page.show_error(i18n.error_text(exc), check)

    def _gateway_restarting(self) -> None:
        """A PPC gateway restarts for its self-test: the connection has ended."""
        self.session.disconnect_gateway()
        self.connect_page.banner.show_message("info", html_escape(self.tr(
            "The gateway restarts for its self-test. Connect again in a few minutes; the "
            "logbook then shows the restart.")))

    def _locked_out(self, _exc: LockedOut, until: float) -> None:
        self.show_page("connect")
        settings = self.session.settings
        self.connect_page.show_locked(until, settings.base_url if settings else "")

    # -- archives ---------------------------------------------------------------------------
    def open_archive_dialog(self) -> None:
        """Ask for an archive file and open it (after confirming to drop a live connection)."""
        if self.session.is_gateway and not self.confirm_drop_connection():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open archive"), "",
                                              self.tr("trudi_py archives (*.zip);;"
                                                      "All files (*)"))
        if path:
            self.open_archive(Path(path))

    def confirm_drop_connection(self) -> bool:
        """Opening an archive ends the gateway connection: ask first."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Open archive"), self.tr(
            "Opening an archive ends the connection to the gateway. Continue?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.drop_question = box
        return box.exec() == QMessageBox.StandardButton.Yes

    def open_archive(self, path: Path) -> None:
        """Open an archive offline; a failure is shown in a message box."""
        def failed(exc: BaseException) -> None:
            QMessageBox.warning(self, self.tr("Open archive"), i18n.error_text(exc))
        self.session.open_archive(path, failed)

    # -- language -----------------------------------------------------------------------------
    def _language_maybe_changed(self) -> None:
        wanted = i18n.resolve_language()
        if wanted != i18n.current_language():
            QTimer.singleShot(0, lambda: self.switch_language(wanted))

    def switch_language(self, language: str) -> MainWindow | None:
        """Switch the language without a restart: a new window in the new language takes
        over the session (connection or archive stay open). While a job runs, the switch
        waits for the next start (its progress lives in this window)."""
        if self.session.runner.busy or self.session.compute.busy:
            self.statusBar().showMessage(self.tr(
                "The language changes after the running job (or at the next start)."), 10000)
            return None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        i18n.install(app, language)
        s = self.session
        for signal in (s.state_changed, s.source_changed, s.trust_required, s.pin_mismatch,
                       s.connect_failed, s.locked_out, s.busy_changed):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect()
        page = self.current_page_key()
        successor = MainWindow(s)
        if s.parent() is self:
            s.setParent(successor)
        successor.remember_recent = self.remember_recent
        successor.setGeometry(self.geometry())
        if s.source is not None:
            successor._state_changed(s.state)
            successor.replaying = True  # pages refill; nothing is remembered again
            s.source_changed.emit(s.source)
            successor.replaying = False
        successor.show_page(page)
        successor.show()
        self.successor = successor
        self._handed_over = True
        self.close()  # kept (not deleted): the caller may still hold and close it
        return successor

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop every page's timers and work, then the session, before the window closes."""
        for page in self.pages.values():
            stop = getattr(page, "shutdown", None)
            if callable(stop):
                stop()
        if not getattr(self, "_handed_over", False):  # else the session lives on elsewhere
            self.session.shutdown()
        super().closeEvent(event)
