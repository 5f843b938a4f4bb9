"""Readings: choose contract, database and range; a table and charts; export CSV / PNG."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication as QCA
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)

from trudi_py.errors import Cancelled
from trudi_py.gui import archive_worker, i18n
from trudi_py.gui.chart_data import ChartData
from trudi_py.gui.charts import ChartWidget
from trudi_py.gui.export import write_readings_csv
from trudi_py.gui.follow import follow_source
from trudi_py.gui.format import count_text, database_name
from trudi_py.gui.pages.readings_archive import ArchivePrefetch
from trudi_py.gui.pages.readings_load import Loaded, load_readings
from trudi_py.gui.pages.readings_model import ReadingsModel
from trudi_py.gui.session import Session
from trudi_py.gui.widgets import (
    Banner,
    ElidedLabel,
    duration_text,
    html_escape,
    local_date_text,
    page_layout,
)
from trudi_py.gui.worker import ProcessHandle, TaskHandle, process_runner
from trudi_py.i18n import msg
from trudi_py.jobs.base import Progress
from trudi_py.model import UsagePoint
from trudi_py.model.times import BERLIN, UTC


def database_text(name: str) -> str:
    """A database in words (its code is in the tooltip)."""
    return database_name(name)


def _to_edit(moment: datetime) -> QDateTime:
    local = moment.astimezone(BERLIN)  # Berlin wall clock shown as-is (zone UTC, no shifts)
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute), QTimeZone.utc())


def _from_edit(edit: QDateTimeEdit) -> datetime:
    d, t = edit.dateTime().date(), edit.dateTime().time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(),
                    tzinfo=BERLIN).astimezone(UTC)


class ReadingsPage(QWidget):
    """Table and charts of one contract's database over a range."""

    loaded = Signal()
    databases_ready = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingsPage")
        self.session = session
        layout, _ = page_layout(self, self.tr("Readings"))
        grid = QGridLayout()
        self.contract = QComboBox()
        self.contract.currentIndexChanged.connect(self._contract_changed)
        self.database = QComboBox()
        self.database.activated.connect(lambda _i: self._prefetch())
        self.preset = QComboBox()
        self.preset.activated.connect(self._preset_chosen)
        self.start_edit, self.end_edit = QDateTimeEdit(), QDateTimeEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setTimeZone(QTimeZone.utc())
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy HH:mm" if i18n.current_language() == "de"
                                  else "yyyy-MM-dd HH:mm")
            edit.dateTimeChanged.connect(self._custom_range)
        labels = (self.tr("&Contract:"), self.tr("&Database:"), self.tr("&Range:"),
                  self.tr("&From:"), self.tr("&To:"))
        widgets = (self.contract, self.database, self.preset, self.start_edit, self.end_edit)
        for i, (text, widget) in enumerate(zip(labels, widgets, strict=True)):
            label = QLabel(text)
            label.setBuddy(widget)
            row, col = (0, 2 * i) if i < 3 else (1, 2 * (i - 1))
            grid.addWidget(label, row, col)
            grid.addWidget(widget, row, col + 1)
        for col in (1, 3, 5):  # contract, database ("Originalwerte (15 Minuten)"), range
            grid.setColumnStretch(col, 2)
        self.load_button = QPushButton(self.tr("&Load"))
        self.load_button.setDefault(True)
        self.load_button.clicked.connect(self.load)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        grid.addWidget(self.load_button, 1, 0, 1, 2)
        layout.addLayout(grid)
        status_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setMinimumWidth(300)
        self.progress.hide()
        self.summary = ElidedLabel()
        self.only_notable = QCheckBox(self.tr("Only &notable values"))
        self.only_notable.toggled.connect(self._notable_toggled)
        self.raw = QCheckBox(self.tr("Ra&w data"))
        self.raw.setToolTip(self.tr("Also show the unit and the raw integer exactly as the "
                                    "gateway sent it"))
        self.raw.toggled.connect(self._raw_toggled)
        self.csv_button = QPushButton(self.tr("Export C&SV…"))
        self.csv_button.clicked.connect(self.export_csv_dialog)
        self.png_button = QPushButton(self.tr("Export &PNG…"))
        self.png_button.clicked.connect(self.export_png_dialog)
        progress_row = QHBoxLayout()  # its own row: the bar is wide enough for its text
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        grid.addLayout(progress_row, 1, 2, 1, 2)
        status_row.addWidget(self.summary, 1)
        for w in (self.only_notable, self.raw, self.csv_button, self.png_button):
            status_row.addWidget(w)
        layout.addLayout(status_row)
        self.banner = Banner()
        layout.addWidget(self.banner)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = ReadingsModel(self)
        self.view = QTableView()
        self.view.setObjectName("readingsTable")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((140, 160, 130, 45, 160, 100, 140)):
            self.view.setColumnWidth(col, width)
        self._raw_toggled(False)
        self.charts = ChartWidget()
        self.charts.saved.connect(self._png_saved)
        splitter.addWidget(self.view)
        splitter.addWidget(self.charts)
        splitter.setSizes([260, 380])
        layout.addWidget(splitter, 1)
        self._points: list[UsagePoint] = []
        self._presets: list[tuple[str, datetime, datetime]] = []
        now = session.gateway_now()
        self._range: tuple[datetime, datetime] = (now - timedelta(days=7), now)
        self._handle: TaskHandle | ProcessHandle | None = None
        self._archive: Path | None = None  # the archive the chart process may hold open
        self._cancelling = False
        self._load_no = 0  # the archive load in progress (its two steps check it)
        self._read_ahead = ArchivePrefetch(self)
        self.result: Loaded | None = None
        self._set_export_enabled(False)
        # a hidden page fills itself a turn later (the shown one paints first)
        self.follower = follow_source(self, session.source_changed, self._source_changed, 1)

    # -- choices ----------------------------------------------------------------------------
    def _source_changed(self, source: object) -> None:
        snapshot = self.session.snapshot
        self._points = [p for p in (snapshot.usage_points if snapshot else []) if
                        p.keeps_history]
        self.contract.blockSignals(True)
        self.contract.clear()
        for p in self._points:
            self.contract.addItem(f"{p.name} (TAF-{p.taf})", p.usage_point_id)
        self.contract.blockSignals(False)
        self.model.set_table(None)
        self.charts.set_data(None)
        self.result = None
        self.summary.setText("")
        self.banner.clear_message()
        self._set_export_enabled(False)
        archive = self.session.archive_path if self.session.state == "archive" else None
        self._read_ahead.switch(self._archive, archive)
        self._archive = archive
        if self._points:
            self._contract_changed(0)

    def selected_point(self) -> UsagePoint | None:
        """The contract chosen in the combo box (None when there is none)."""
        i = self.contract.currentIndex()
        return self._points[i] if 0 <= i < len(self._points) else None

    def _contract_changed(self, _index: int) -> None:
        point = self.selected_point()
        self.database.clear()
        if point is None:
            return
        self._fill_presets(point)
        upid = point.usage_point_id
        self.session.run(lambda source, _p, _c: source.usage_point_info(upid),
                         on_done=lambda info: self._fill_databases(upid, info),
                         on_error=self._failed)

    def _fill_databases(self, upid: str, info: object) -> None:
        point = self.selected_point()
        if point is None or point.usage_point_id != upid:
            return
        self.database.clear()
        for db in info.databases:  # type: ignore[attr-defined]
            self.database.addItem(database_text(db.name), db.name)
            self.database.setItemData(self.database.count() - 1, QCA.translate(
                "Databases", "Database \"{0}\" on the gateway").format(db.name),
                Qt.ItemDataRole.ToolTipRole)
        self._prefetch()
        self.databases_ready.emit()

    def _prefetch(self) -> None:
        """An archive: read the chosen database into columns in the chart process now, while
        the user picks the range (a decade's CSV takes seconds; every range is then quick)."""
        point, database = self.selected_point(), self.database.currentData()
        if self._archive is not None and point is not None and database:
            self._read_ahead.choose(self._archive, point.usage_point_id, database)

    def _fill_presets(self, point: UsagePoint) -> None:
        now = self.session.gateway_now()
        start = point.start or now - timedelta(days=365)
        presets: list[tuple[str, datetime, datetime]] = [
            (self.tr("Last day"), now - timedelta(days=1), now),
            (self.tr("Last week"), now - timedelta(days=7), now),
            (self.tr("Last month (30 days)"), now - timedelta(days=30), now),
            (self.tr("Last 12 months"), max(start, now - timedelta(days=365)), now),
            (self.tr("Whole contract"), start, min(point.end or now, now)),
        ]
        for bp in sorted(point.billing_periods, key=lambda b: b.start, reverse=True):
            end = min(bp.end or now, now)
            presets.append((self.tr("Billing period {0} – {1}").format(
                local_date_text(bp.start), local_date_text(end)), bp.start, end))
        self._presets = presets
        self.preset.blockSignals(True)
        self.preset.clear()
        for text, _s, _e in presets:
            self.preset.addItem(text)
        self.preset.addItem(self.tr("Custom"))
        self.preset.blockSignals(False)
        self.choose_preset(1)

    def choose_preset(self, index: int) -> None:
        """Pick a range preset by its index (last day, week, month, …)."""
        self.preset.setCurrentIndex(index)
        self._preset_chosen(index)

    def _preset_chosen(self, index: int) -> None:
        if 0 <= index < len(self._presets):
            _, start, end = self._presets[index]
            for edit, value in ((self.start_edit, start), (self.end_edit, end)):
                edit.blockSignals(True)
                edit.setDateTime(_to_edit(value))
                edit.blockSignals(False)
            self._range = (start, end)

    def _custom_range(self) -> None:
        self.preset.setCurrentIndex(self.preset.count() - 1)
        self._range = (_from_edit(self.start_edit), _from_edit(self.end_edit))

    # -- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        """Load the chosen range on the worker (gateway: window by window; cancellable)."""
        point = self.selected_point()
        database = self.database.currentData()
        if point is None or not database or self._handle is not None:
            return
        start, end = self._range
        if end <= start:
            self.banner.show_message("error", html_escape(self.tr(
                "The end of the range must be after its start.")))
            return
        self.banner.clear_message()
        self.load_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Loading…"))
        self.progress.show()
        upid = point.usage_point_id
        if self._archive is not None:  # read and prepared in the chart process
            path, self._load_no = self._archive, self._load_no + 1
            no = self._load_no

            def window() -> None:  # the table and the rest of the charts
                if no != self._load_no:
                    return  # cancelled or replaced meanwhile
                self._handle = process_runner().submit(
                    archive_worker.load_window, path, upid, database, start, end,
                    on_done=lambda window: self._loaded(Loaded.from_archive(
                        path, upid, database, start, end, window)),
                    on_error=self._failed)

            # first the charts from the archive's energy per day (at once, without its CSV)
            self._handle = process_runner().submit(
                archive_worker.summary_window, path, upid, database, start, end,
                on_done=lambda chart: self._early_charts(no, chart, window),
                on_error=lambda _exc: window())
            return
        self._handle = self.session.run(
            lambda source, progress, cancel: load_readings(source, progress, cancel, upid,
                                                           database, start, end),
            on_done=self._loaded, on_error=self._failed, on_progress=self._progress)

    def _early_charts(self, no: int, chart: ChartData | None,
                      then: Callable[[], None]) -> None:
        """Show the charts drawn from an archive's day summary; the range's readings are
        asked for once they are drawn (one task at a time in the chart process)."""
        if no != self._load_no:
            return
        if chart is None:
            then()
            return
        self.charts.set_data(chart)
        self.summary.setText(self.tr("Charts from the archive's energy per day; the values "
                                     "are being read…"))
        self.charts.when_drawn(then)

    def cancel(self) -> None:
        """Answer at once; the job stops at its next request boundary."""
        self._load_no += 1  # an archive's load waiting for its first charts: not continued
        if isinstance(self._handle, ProcessHandle):  # its result is dropped
            self._handle.cancel()
            self._failed(Cancelled(msg("Cancelled by the user.")))
        elif self._handle is not None:
            self._handle.cancel()
            self._cancelling = True
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("Cancelling…"))

    def _progress(self, p: Progress) -> None:
        if self._cancelling:
            return
        if p.phase == "prepare" or p.total <= 0:
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("Preparing table and charts…"))
            return
        self.progress.setRange(0, p.total)
        self.progress.setValue(p.done)
        text = self.tr("Request {0} of {1}").format(p.done, p.total)
        if p.eta_s is not None and p.done < p.total:
            text += " — " + self.tr("{0} left").format(duration_text(p.eta_s))
        self.progress.setFormat(text)

    def _finish(self) -> None:
        self._handle = None
        self._cancelling = False
        self.load_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.hide()

    def _loaded(self, result: Loaded) -> None:
        self._finish()
        self.result = result
        self.model.set_table(result.table)
        self.model.set_only_notable(self.only_notable.isChecked())
        self.charts.set_data(result.chart)
        n = result.table.count
        self.summary.setText(self.tr("{0} values in {1} channels, {2} notable").format(
            count_text(n), len(result.table.series), count_text(len(result.table.notable))))
        self._set_export_enabled(n > 0)
        if n == 0:
            self.banner.show_message("info", html_escape(
                self.tr("The local history has no values in this range.")
                if self.session.state == "history" else
                self.tr("The gateway has no values in this range.")))
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, Cancelled):
            self.banner.show_message("info", html_escape(self.tr("Loading cancelled.")))
        else:
            self.banner.show_message("error", html_escape(i18n.error_text(exc)))

    def _raw_toggled(self, on: bool) -> None:
        for col in (3, 5):
            self.view.setColumnHidden(col, not on)

    def _notable_toggled(self, on: bool) -> None:
        self.model.set_only_notable(on)

    # -- export -----------------------------------------------------------------------------
    def _set_export_enabled(self, on: bool) -> None:
        self.csv_button.setEnabled(on)
        self.png_button.setEnabled(on)

    def default_name(self, suffix: str) -> str:
        """A file name for an export: ``<contract>-<database>-<from>-<to>.<suffix>``."""
        r = self.result
        if r is None:
            return f"readings.{suffix}"
        day = lambda t: t.astimezone(BERLIN).strftime("%Y%m%d")  # noqa: E731
        return f"{r.usage_point_id}-{r.database}-{day(r.start)}-{day(r.end)}.{suffix}"

    def export_csv_dialog(self) -> None:
        """Ask for a file and write the loaded values as CSV."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export CSV"),
                                              self.default_name("csv"),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        """Write the loaded readings in the archive's CSV format (on a worker)."""
        r = self.result
        if r is None:
            return

        def written(n: int) -> None:
            self.banner.show_message("ok", html_escape(
                self.tr("{0} values written to {1}.").format(n, str(path))))

        channels = r.channels
        if channels is None and r.archive_path is not None:  # streamed from the archive
            process_runner().submit(archive_worker.export_csv, r.archive_path,
                                    r.usage_point_id, r.database, r.start, r.end, path,
                                    on_done=written, on_error=self._failed)
            return

        def work(_p, _c) -> int:  # noqa: ANN001
            return write_readings_csv(path, channels or [], r.meta)

        self.session.compute.submit(work, on_done=written, on_error=self._failed)

    def export_png_dialog(self) -> None:
        """Ask for a file and save the chart as PNG."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart as PNG"),
                                              self.default_name("png"),
                                              self.tr("PNG images (*.png)"))
        if path:
            self.charts.save_png(Path(path))

    def _png_saved(self, result: object) -> None:
        if isinstance(result, BaseException):
            self.banner.show_message("error", html_escape(i18n.error_text(result)))
        else:
            self.banner.show_message("ok", html_escape(self.tr("Chart saved to {0}.")
                                                       .format(str(result))))
