"""Verlauf / History: the local history on this PC — sync it with the gateway (now or every
N hours while open), open it offline in all pages, export a period (CSV or Excel)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trudi_py.errors import Cancelled, SyncDeferred
from trudi_py.gui import i18n
from trudi_py.gui.format import count_text
from trudi_py.gui.pages.history_export import ExportBox
from trudi_py.gui.session import Session
from trudi_py.gui.sync_timer import HOURS_CHOICES, HistorySync
from trudi_py.gui.widgets import Banner, html_escape, local_date_text, local_time_text, page_layout
from trudi_py.history import store_path
from trudi_py.history.summary import StoreSummary, local_stores, summarise
from trudi_py.jobs.base import Progress
from trudi_py.jobs.sync import SyncResult


def history_folder() -> Path:
    """Where the stores live (``<data folder>/history``)."""
    return store_path("x").parent


class HistoryPage(QWidget):
    """Sync box on top, the stores on this PC below, the period export at the bottom."""

    synced = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        self.session = session
        self.syncer = HistorySync(session, self)
        layout, _ = page_layout(self, self.tr("Local history"))
        intro = QLabel(self.tr(
            "trudi_py keeps every value your gateway ever sent in a history on this PC — "
            "also when the gateway itself has long forgotten them. A sync fetches only what "
            "is new. Open the history to see readings, charts and the bill check without a "
            "connection."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        box = QGroupBox(self.tr("Sync with the gateway"))
        bl = QVBoxLayout(box)
        self.sync_state = QLabel()
        self.sync_state.setWordWrap(True)
        bl.addWidget(self.sync_state)
        row = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.clicked.connect(lambda: self.syncer.sync_now())
        self.cancel_button = QPushButton(self.tr("Ca&ncel"))
        self.cancel_button.clicked.connect(self.syncer.cancel)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        row.addWidget(self.sync_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 3)
        row.addStretch(1)
        bl.addLayout(row)
        auto = QHBoxLayout()
        self.auto_check = QCheckBox(self.tr("Sync &automatically every"))
        self.hours = QComboBox()
        for h in HOURS_CHOICES:
            self.hours.addItem(self.tr("{0} h").format(h), h)
        auto.addWidget(self.auto_check)
        auto.addWidget(self.hours)
        auto.addWidget(QLabel(self.tr("while trudi_py is open")))
        auto.addStretch(1)
        bl.addLayout(auto)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        bl.addWidget(self.next_label)
        self.banner = Banner()
        bl.addWidget(self.banner)
        layout.addWidget(box)

        stores = QGroupBox(self.tr("Histories on this PC"))
        sl = QVBoxLayout(stores)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("historyStores")
        self.table.setHorizontalHeaderLabels([
            self.tr("Gateway"), self.tr("Values"), self.tr("Period"), self.tr("Last sync"),
            self.tr("Notes")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        sl.addWidget(self.table)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open history (offline)"))
        self.open_button.clicked.connect(self.open_selected)
        self.reload_button = QPushButton(self.tr("&Refresh list"))
        self.reload_button.clicked.connect(self.reload)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        sl.addLayout(buttons)
        self.list_banner = Banner()
        sl.addWidget(self.list_banner)
        layout.addWidget(stores, 1)
        self.export_box = ExportBox(session)
        layout.addWidget(self.export_box)

        self.summaries: list[StoreSummary] = []
        saved = self.syncer.hours
        self.auto_check.setChecked(bool(saved))
        self.hours.setCurrentIndex(HOURS_CHOICES.index(saved) if saved else
                                   HOURS_CHOICES.index(6))
        self.auto_check.toggled.connect(lambda _on: self._auto_changed())
        self.hours.currentIndexChanged.connect(lambda _i: self._auto_changed())
        self.syncer.started.connect(self._sync_started)
        self.syncer.progress.connect(self._sync_progress)
        self.syncer.finished.connect(self._sync_done)
        self.syncer.failed.connect(self._sync_failed)
        self.syncer.schedule_changed.connect(lambda _n: self._show_plan())
        session.state_changed.connect(lambda _s: self._update_state())
        self._update_state()
        self.reload()

    def activate(self) -> None:
        """Shown: refresh the list and the state."""
        self.reload()
        self._update_state()

    def shutdown(self) -> None:
        """The window closes: no automatic sync any more."""
        self.syncer.stop()

    # -- the stores ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the summaries of the stores in the history folder."""
        selected = self.selected_path()
        self.summaries, problems = [], []
        for path in local_stores(history_folder()):
            try:
                self.summaries.append(summarise(path))
            except Exception as exc:  # noqa: BLE001 - one unreadable store must not hide the rest
                problems.append(f"{path.name}: {i18n.error_text(exc)}")
        self.table.setRowCount(len(self.summaries))
        for row, s in enumerate(self.summaries):
            period = "—" if s.first is None or s.last is None else \
                f"{local_date_text(s.first)} – {local_date_text(s.last)}"
            cells = (s.smgw_id, count_text(s.values), period,
                     self._sync_text(s), self._notes(s))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(str(s.path) if col == 0 else text)
                self.table.setItem(row, col, item)
        paths = [s.path for s in self.summaries]
        self.table.selectRow(paths.index(selected) if selected in paths else 0)
        if problems:
            self.list_banner.show_message("warning", html_escape("\n".join(problems)))
        elif not self.summaries:
            self.list_banner.show_message("info", html_escape(self.tr(
                "No history on this PC yet. Connect to your gateway and press \"Sync now\".")))
        else:
            self.list_banner.clear_message()
        self._selection_changed()

    def _sync_text(self, s: StoreSummary) -> str:
        if s.last_sync is None:
            return "—"
        state = {"ok": self.tr("complete"), "incomplete": self.tr("incomplete"),
                 "interrupted": self.tr("interrupted"), "running": self.tr("running")}
        status = state.get(s.last_status, s.last_status)
        return f"{local_time_text(s.last_sync, seconds=False)} ({status})"

    def _notes(self, s: StoreSummary) -> str:
        notes = []
        if s.open_gaps:
            notes.append(self.tr("gaps fetched at the next sync: {0}").format(s.open_gaps))
        if s.permanent_gaps:
            notes.append(self.tr("gaps the gateway no longer had: {0}").format(
                s.permanent_gaps))
        if s.conflicts:
            notes.append(self.tr("values the gateway changed later (the first is kept): "
                                 "{0}").format(s.conflicts))
        notes.append(self.tr("logbook entries: {0}").format(count_text(s.log_entries)))
        return "; ".join(notes)

    def selected_path(self) -> Path | None:
        """The store chosen in the list."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        if rows and 0 <= rows[0].row() < len(self.summaries):
            return self.summaries[rows[0].row()].path
        return None

    def _selection_changed(self) -> None:
        path = self.selected_path()
        self.open_button.setEnabled(path is not None)
        self.export_box.set_store(path)

    def open_selected(self) -> None:
        """Show the chosen history offline in every page."""
        path = self.selected_path()
        if path is None:
            return
        self.open_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.open_button.setEnabled(True)
            self.list_banner.show_message("error", html_escape(i18n.error_text(exc)))

        self.session.open_history(path, failed)

    # -- syncing ------------------------------------------------------------------------------
    def _auto_changed(self) -> None:
        self.syncer.set_hours(int(self.hours.currentData()) if self.auto_check.isChecked()
                              else 0)

    def _update_state(self) -> None:
        settings = self.session.sync_settings
        running = self.syncer.running
        if self.session.state == "connected" and not self.session.offers("history-sync"):
            text = self.tr("trudi_py keeps a history only of CONEXA gateways. Keep the data of "
                           "this gateway with an archive (page \"Archive\"). The histories "
                           "below can be opened without a connection.")
        elif settings is None:
            text = self.tr("To sync, connect to your gateway first (page \"Connect\"). The "
                           "history below can be opened without a connection.")
        elif self.session.state == "connected":
            text = self.tr("Connected to {0}. A sync fetches everything new since the last "
                           "one into the history on this PC.").format(settings.base_url)
        else:
            text = self.tr("Syncs use the last connection ({0}) — the password stays in "
                           "memory only until trudi_py is closed.").format(settings.base_url)
        self.sync_state.setText(text)
        self.sync_button.setEnabled(settings is not None and not running)
        self.cancel_button.setEnabled(running)
        self._show_plan()

    def _show_plan(self) -> None:
        s = self.syncer
        if s.next_run is not None:
            self.next_label.setText(self.tr("Next automatic sync: {0}.").format(
                local_time_text(s.next_run, seconds=False)))
        elif s.retry_at is not None and s.last_error is not None:
            self.next_label.setText(self.tr("Next try not before {0}.").format(
                local_time_text(s.retry_at, seconds=False)))
        elif s.hours and not s.can_sync:
            self.next_label.setText(self.tr("Automatic syncs start after you have connected "
                                            "to the gateway once."))
        else:
            self.next_label.setText("")

    def _sync_started(self) -> None:
        self.banner.clear_message()
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Syncing…"))
        self.progress.show()
        self._update_state()

    def _sync_progress(self, p: Progress) -> None:
        self.progress.setRange(0, max(p.total, 0))
        self.progress.setValue(min(p.done, p.total))
        self.progress.setFormat(self.tr("Request {0} of {1}").format(p.done, p.total))

    def _sync_done(self, result: SyncResult) -> None:
        self.progress.hide()
        kind = "ok" if result.status == "ok" else "warning"
        text = self.tr("Synced: {0} new values, {1} new logbook entries, {2} requests "
                       "(the minimum is {3}).").format(
            count_text(result.new_values), count_text(result.new_log_entries),
            result.requests, result.minimum)
        if result.conflicts:
            text += " " + self.tr("Values that differ from the stored ones: {0} (the first "
                                  "is kept).").format(result.conflicts)
        if result.failed:
            text += " " + self.tr("Not everything could be fetched; the next sync tries "
                                  "again.")
        self.banner.show_message(kind, html_escape(text))
        self._update_state()
        self.reload()
        self.synced.emit()

    def _sync_failed(self, exc: BaseException) -> None:
        self.progress.hide()
        if isinstance(exc, Cancelled):
            self.banner.show_message("info", html_escape(self.tr(
                "Sync cancelled; everything fetched so far is kept.")))
        elif isinstance(exc, SyncDeferred) and self.syncer.retry_at is not None:
            self.banner.show_message("info", html_escape(self.tr(
                "Not synced now: trudi_py asks the gateway at most once per 15 minutes, and "
                "waits after the gateway refused. Next try not before {0}.").format(
                local_time_text(self.syncer.retry_at, seconds=False))))
        else:
            kind = "info" if isinstance(exc, SyncDeferred) else "error"
            self.banner.show_message(kind, html_escape(i18n.error_text(exc)))
        self._update_state()
        self.reload()

    def next_run(self) -> datetime | None:
        """The planned automatic sync (for tests and the status bar)."""
        return self.syncer.next_run

