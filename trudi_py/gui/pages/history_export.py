"""The period export of the history page: contract, database (or the logbook), from–to as
local days, CSV or the German Excel copy — written on the compute worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QWidget,
)

from trudi_py.gui import i18n
from trudi_py.gui.format import count_text, database_name
from trudi_py.gui.session import Session
from trudi_py.gui.widgets import Banner, html_escape
from trudi_py.history.source import HistorySource
from trudi_py.jobs.base import CancelToken, ProgressCallback
from trudi_py.jobs.history_export import ExportRequest, export_period
from trudi_py.model.times import BERLIN, parse_time, parse_user_time

LOGBOOK = "\x00logbook"


def choice_key(usage_point_id: str, database: str) -> str:
    """The combo box data of one export choice."""
    return f"{usage_point_id}\x1f{database}"


def _qdate(moment: object) -> QDate:
    local = moment.astimezone(BERLIN)  # type: ignore[attr-defined]
    return QDate(local.year, local.month, local.day)


class ExportBox(QGroupBox):
    """Export a period of the chosen store (readings of one database, or the logbook)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Export a period"))
        self.session = session
        self.store: Path | None = None
        grid = QGridLayout(self)
        self.what = QComboBox()
        self.what.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.start_edit, self.end_edit = QDateEdit(), QDateEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy" if i18n.current_language() == "de"
                                  else "yyyy-MM-dd")
        self.format = QComboBox()
        self.format.addItem(self.tr("CSV (archive columns, UTC)"), "csv")
        self.format.addItem(self.tr("Excel (semicolons, decimal comma, Berlin time)"), "excel")
        for col, (text, widget) in enumerate(((self.tr("&What:"), self.what),
                                              (self.tr("&From:"), self.start_edit),
                                              (self.tr("&To:"), self.end_edit),
                                              (self.tr("F&ormat:"), self.format))):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, 0, 2 * col)
            grid.addWidget(widget, 0, 2 * col + 1)
        grid.setColumnStretch(1, 3)
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.clicked.connect(self.export_dialog)
        grid.addWidget(self.export_button, 0, 8)
        self.banner = Banner()
        grid.addWidget(self.banner, 1, 0, 1, 9)
        self.set_store(None)

    def set_store(self, path: Path | None) -> None:
        """Fill the choices from the store ``path`` (None: nothing to export)."""
        self.store = path
        self.what.clear()
        self.banner.clear_message()
        if path is not None:
            try:
                self._fill(path)
            except Exception as exc:  # noqa: BLE001 - shown, never a traceback
                self.banner.show_message("error", html_escape(i18n.error_text(exc)))
        self.export_button.setEnabled(self.what.count() > 0)

    def _fill(self, path: Path) -> None:
        source = HistorySource(path)
        try:
            first = last = None
            for point in source.usage_points():
                info = source.usage_point_info(point.usage_point_id)
                for db in info.databases:
                    self.what.addItem(f"{point.name} (TAF-{point.taf}) — "
                                      f"{database_name(db.name)}",
                                      choice_key(point.usage_point_id, db.name))
            row = source.store.conn.execute("SELECT MIN(target_time), MAX(target_time) FROM "
                                            "readings").fetchone()
            if row and row[0]:
                first, last = parse_time(row[0]), parse_time(row[1])
        finally:
            source.close()
        self.what.addItem(self.tr("Logbook"), choice_key(LOGBOOK, ""))
        today = QDate.currentDate()
        self.start_edit.setDate(_qdate(first) if first else today)
        self.end_edit.setDate(_qdate(last) if last else today)

    def request(self, out: Path) -> ExportRequest:
        """The export the form describes, written to ``out``."""
        assert self.store is not None
        upid, database = str(self.what.currentData()).split("\x1f")
        start = parse_user_time(self.start_edit.date().toString("yyyy-MM-dd"))
        end = parse_user_time(self.end_edit.date().toString("yyyy-MM-dd"), end=True)
        logbook = upid == LOGBOOK
        return ExportRequest(self.store, out, None if logbook else upid, database or "origin",
                             logbook, start, end, self.format.currentData() == "excel")

    def default_name(self) -> str:
        """``<contract>-<database>-<from>-<to>.csv`` (or ``logbook-…``)."""
        upid, database = str(self.what.currentData() or "\x1f").split("\x1f")
        first = self.start_edit.date().toString("yyyyMMdd")
        last = self.end_edit.date().toString("yyyyMMdd")
        head = "logbook" if upid == LOGBOOK else f"{upid}-{database}"
        suffix = "-excel.csv" if self.format.currentData() == "excel" else ".csv"
        return f"{head}-{first}-{last}{suffix}"

    def export_dialog(self) -> None:
        """Ask for the file, then export."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export a period"),
                                              self.default_name(),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export(Path(path))

    def export(self, out: Path) -> None:
        """Write the export on the compute worker; the result shows in the banner."""
        if self.store is None or self.what.count() == 0:
            return
        if self.end_edit.date() < self.start_edit.date():
            self.banner.show_message("error", html_escape(self.tr(
                "The end of the period must not be before its start.")))
            return
        request = self.request(out)
        self.export_button.setEnabled(False)

        def work(_p: ProgressCallback, cancel: CancelToken) -> int:
            return export_period(request, cancel)

        def done(n: int) -> None:
            self.export_button.setEnabled(True)
            self.banner.show_message("ok", html_escape(self.tr(
                "{0} rows written to {1}.").format(count_text(n), str(out))))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.banner.show_message("error", html_escape(i18n.error_text(exc)))

        self.session.compute.submit(work, on_done=done, on_error=failed)
