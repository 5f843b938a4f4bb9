"""Verification: check an archive (integrity and tariff registers, verify.md §F) and the
transparency function on AR 2418-6 files (device + supplier, verify.md §E)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from trudi_py.errors import Cancelled
from trudi_py.gui import i18n
from trudi_py.gui.format import count_text
from trudi_py.gui.session import Session
from trudi_py.gui.verify_text import (
    CHECKED_RIGHT,
    PeriodRow,
    period_row,
    problem_text,
    worst,
)
from trudi_py.gui.widgets import Banner, html_escape, page_layout
from trudi_py.gui.worker import TaskHandle
from trudi_py.jobs.base import CancelToken, Progress
from trudi_py.jobs.verify_archive import verify_archive_file
from trudi_py.verify import evaluate_transparency, render_text
from trudi_py.verify.archive_report import verify_source
from trudi_py.verify.archive_text import render_archive_text


class CheckedSource:
    """Wraps a DataSource: reports progress per readings call and honours cancel."""

    def __init__(self, source: Any, progress: Callable[[Progress], None],
                 cancel: CancelToken) -> None:
        self._source, self._progress, self._cancel = source, progress, cancel
        self.kind = getattr(source, "kind", "")
        self._done = 0
        self._total = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._source, name)

    def usage_points(self) -> Any:
        """The contracts; counts the readings requests for the progress bar."""
        points = self._source.usage_points()
        self._total = sum(len(self._source.usage_point_info(p.usage_point_id).databases)
                          for p in points)
        return points

    def readings(self, *args: Any) -> Any:
        """One readings request: cancel checked before, progress reported after."""
        self._cancel.raise_if_cancelled()
        result = self._source.readings(*args)
        self._done += 1
        self._progress(Progress(self._done, self._total, "readings"))
        return result


class VerifyPage(QWidget):
    """Both checks run on a worker; results appear as a table or text."""

    started = Signal()
    verified = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyPage")
        self.session = session
        layout, _ = page_layout(self, self.tr("Verification"))
        box = QGroupBox(self.tr("Check your billing data"))
        bl = QGridLayout(box)
        text = QLabel(self.tr(
            "Recomputes the billing registers of every closed billing period from your "
            "meter readings and compares them with the gateway's registers; for an archive "
            "also its integrity (hashes, completeness). The explanation of each row says "
            "which values were used. Reads all values of every contract: this can take a "
            "few minutes."))
        text.setWordWrap(True)
        bl.addWidget(text, 0, 0, 1, 4)
        self.verify_button = QPushButton(self.tr("&Check now"))
        self.verify_button.clicked.connect(self.verify_current)
        self.file_button = QPushButton(self.tr("Check an &archive file…"))
        self.file_button.clicked.connect(self.verify_archive_dialog)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(320)
        self.progress.hide()
        bl.addWidget(self.verify_button, 1, 0)
        bl.addWidget(self.file_button, 1, 1)
        bl.addWidget(self.cancel_button, 1, 2)
        bl.addWidget(self.progress, 1, 3)
        self.archive_note = QLabel()
        self.archive_note.setWordWrap(True)
        bl.addWidget(self.archive_note, 2, 0, 1, 4)
        layout.addWidget(box)
        self.banner = Banner()
        self.banner.setObjectName("verifyBanner")
        layout.addWidget(self.banner)
        self.periods = QTableWidget(0, 5)
        self.periods.setObjectName("verifyTable")
        self.periods.setHorizontalHeaderLabels([
            self.tr("Contract"), self.tr("Billing period"), self.tr("Result"),
            self.tr("Amounts (computed / gateway)"), self.tr("Explanation")])
        self.periods.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.periods.verticalHeader().hide()
        self.periods.verticalHeader().setDefaultSectionSize(22)
        self.periods.setAlternatingRowColors(True)
        self.periods.setWordWrap(True)  # the explanation is a sentence: wrap, never cut
        self.periods.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.periods.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.periods.horizontalHeader()
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.periods.setColumnWidth(3, 270)
        header.setStretchLastSection(True)
        header.sectionResized.connect(lambda *_a: self.periods.resizeRowsToContents())
        self.report = QPlainTextEdit()
        self.report.setObjectName("verifyReport")
        self.report.setReadOnly(True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.show_report = QCheckBox(self.tr("Show the &technical report"))
        self.show_report.setToolTip(self.tr("Every register with its OBIS code and raw "
                                            "values, as the command line prints it"))
        self.show_report.toggled.connect(self.report.setVisible)
        self.report.hide()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.periods)
        splitter.addWidget(self.report)
        layout.addWidget(splitter, 3)
        layout.addWidget(self.show_report)
        self._handle: TaskHandle | None = None
        self._cancelling = False
        self.rows: list[PeriodRow] = []

        tbox = QGroupBox(self.tr("Transparency function (AR 2418-6 files)"))
        tbox.setObjectName("transparencyBox")
        tbox.hide()  # folded by default: the billing check needs the room
        self.show_transparency = QCheckBox(self.tr("Show the trans&parency function "
                                                   "(AR 2418-6 files)"))
        self.show_transparency.setToolTip(self.tr(
            "Compute the billing registers from a device file and a supplier file, as "
            "TRuDI's transparency function does"))
        self.show_transparency.toggled.connect(tbox.setVisible)
        tl = QGridLayout(tbox)
        self.device, self.supplier = QLineEdit(), QLineEdit()
        for row, (label, edit) in enumerate(((self.tr("&Device file (readings):"),
                                              self.device),
                                             (self.tr("&Supplier file (tariff):"),
                                              self.supplier))):
            lab = QLabel(label)
            lab.setBuddy(edit)
            browse = QPushButton(self.tr("Browse…"))
            browse.clicked.connect(lambda _c=False, e=edit: self._browse_xml(e))
            tl.addWidget(lab, row, 0)
            tl.addWidget(edit, row, 1)
            tl.addWidget(browse, row, 2)
        buttons = QHBoxLayout()
        self.compute_button = QPushButton(self.tr("&Compute billing registers"))
        self.compute_button.clicked.connect(self.run_transparency)
        buttons.addWidget(self.compute_button)
        buttons.addStretch(1)
        tl.addLayout(buttons, 2, 0, 1, 3)
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.output.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.output.setMaximumHeight(180)
        tl.addWidget(self.output, 3, 0, 1, 3)
        layout.addWidget(self.show_transparency)
        layout.addWidget(tbox)
        self.transparency_box = tbox
        session.state_changed.connect(lambda _s: self.update_availability())
        session.source_changed.connect(self._source_changed)
        self.update_availability()

    def _source_changed(self, _source: object) -> None:
        """Another gateway or archive: the results shown belong to the old data."""
        if self._handle is not None:
            return  # a running check reports into the page; its data source is fixed
        self.rows = []
        self.periods.setRowCount(0)
        self.report.clear()
        self.banner.clear_message()
        self.banner.setToolTip("")
        self.update_availability()

    def activate(self) -> None:
        """Refresh what can be checked when the page is shown."""
        self.update_availability()

    def update_availability(self) -> None:
        """Enable the buttons and say what will be checked."""
        running = self._handle is not None
        self.verify_button.setEnabled(self.session.source is not None and not running)
        self.file_button.setEnabled(not running)
        if self.session.state == "archive" and self.session.archive_path is not None:
            self.archive_note.setText(self.tr("Checks the opened archive {0}.").format(
                self.session.archive_path.name))
        elif self.session.state == "history" and self.session.history_path is not None:
            self.archive_note.setText(self.tr("Checks everything in the local history {0} "
                                              "(offline).").format(
                self.session.history_path.name))
        elif self.session.is_gateway:
            self.archive_note.setText(self.tr("Checks the data of the connected gateway."))
        else:
            self.archive_note.setText(self.tr("Connect to a gateway or open an archive."))
        if not running and not self.rows and self.session.source is not None and \
                not self.banner.isVisibleTo(self):
            self.banner.show_message("info", html_escape(self.tr(
                "Not checked yet: click »Check now« to check every closed billing period.")))

    # -- billing check ----------------------------------------------------------------------
    def verify_current(self) -> None:
        """Check the current data source (gateway: on the serial gateway queue)."""
        if self.session.source is None or self._handle is not None:
            return
        path = self.session.archive_path if self.session.state == "archive" else None
        self._start(self.tr("Checking…"))
        def work(source: Any, progress: Callable[[Progress], None], cancel: CancelToken) -> Any:
            if path is not None:  # the opened archive: the same job as `trudi-py verify`
                return verify_archive_file(
                    path, wrap=lambda archive: CheckedSource(archive, progress, cancel))
            return verify_source(CheckedSource(source, progress, cancel), None)

        self._handle = self.session.run(work, on_done=self._show_report,
                                        on_error=self._failed, on_progress=self._progress)

    def verify_archive_dialog(self) -> None:
        """Ask for an archive file and check it."""
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Check archive"), "",
                                                self.tr("ZIP archives (*.zip)"))
        if chosen:
            self.verify_archive(Path(chosen))

    def verify_archive(self, path: Path) -> None:
        """Check an archive file without opening it in the pages (on the compute queue)."""
        def work(progress: Callable[[Progress], None], cancel: CancelToken) -> Any:
            return verify_archive_file(
                path, wrap=lambda archive: CheckedSource(archive, progress, cancel))

        self._start(self.tr("Checking {0}…").format(path.name))
        self._handle = self.session.compute.submit(work, on_done=self._show_report,
                                                   on_error=self._failed,
                                                   on_progress=self._progress)

    def _start(self, text: str) -> None:
        self.banner.show_message("info", html_escape(text))
        self.periods.setRowCount(0)
        self.report.clear()
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Checking…"))
        self.progress.show()
        self._cancelling = False
        self.cancel_button.setEnabled(True)
        self.verify_button.setEnabled(False)
        self.file_button.setEnabled(False)
        self.started.emit()

    def _progress(self, p: Progress) -> None:
        if self._cancelling:
            return
        if p.total > 0:
            self.progress.setRange(0, p.total)
            self.progress.setValue(min(p.done, p.total))
            self.progress.setFormat(self.tr("Request {0} of {1}").format(p.done, p.total))

    def cancel(self) -> None:
        """Answer at once; the check stops at its next request boundary."""
        if self._handle is not None:
            self._handle.cancel()
            self._cancelling = True
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("Cancelling…"))
            self.banner.show_message("info", html_escape(self.tr("Cancelling…")))

    def _end(self) -> None:
        self._handle = None
        self._cancelling = False
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        self.update_availability()

    def _show_report(self, result: Any) -> None:
        self._end()
        lang = i18n.current_language()
        self.report.setPlainText(render_archive_text(result, lang))
        names = {p.usage_point_id: p.name for p in
                 (self.session.snapshot.usage_points if self.session.snapshot else [])}
        rows: list[PeriodRow] = []
        for point in result.usage_points:
            contract = f"{names.get(point.usage_point_id) or point.name or point.usage_point_id}" \
                       f" (TAF-{point.taf})"
            source = point.readings_source
            source_name = (names.get(source) or source
                           if source and source != point.usage_point_id else None)
            rows.extend(period_row(contract, period, source_name) for period in point.periods)
        self.rows = rows
        self.periods.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate((row.contract, row.period, row.verdict, row.amounts,
                                      row.explanation)):
                item = QTableWidgetItem(text)
                item.setToolTip(row.sentence if c != 3 else text)
                self.periods.setItem(r, c, item)
        self.periods.resizeRowsToContents()
        self.banner.show_message(*self.summary(result, rows))
        archive = result.archive  # every problem in full, in the UI language, on hover
        details = [archive.message(i, i18n.current_language())
                   for i in range(len(archive.problems))] if archive is not None else []
        self.banner.setToolTip("\n".join(details[:30]))
        self.verified.emit(result.to_dict())

    def summary(self, result: Any, rows: list[PeriodRow]) -> tuple[str, str]:
        """(banner kind, html): counts of every outcome; the colour is the worst finding."""
        lang = i18n.current_language()
        verdicts = Counter(row.severity for row in rows)
        lines = [self.tr("{0} billing periods: {1} match, {2} differ, {3} still open, "
                         "{4} not checkable.").format(
            count_text(len(rows)), count_text(verdicts["ok"]), count_text(verdicts["error"]),
            count_text(verdicts["info"]), count_text(verdicts["warning"]))]
        if verdicts["info"]:
            lines.append(self.tr("Open periods are checked once they have ended."))
        severities = [row.severity for row in rows]
        passed: list[str] = []
        archive = result.archive
        if archive is not None:
            if not archive.complete:
                lines.append(self.tr("The archive is incomplete."))
                severities.append("error")
            by_code = Counter((p.get("severity", "error"), p.get("code", ""))
                              for p in archive.problems)
            for (severity, code), n in sorted(by_code.items()):
                if code in CHECKED_RIGHT:  # a check that passed, not a problem: listed last
                    passed.append(self.tr("Archive: {0}.").format(problem_text(code)))
                    continue
                lines.append(self.tr("Archive: {0} ({1}×)").format(problem_text(code),
                                                                   count_text(n)))
                severities.append(severity if severity != "info" else "warning")
        for finding in result.findings:
            if finding.code in ("period-incomplete", "archive-integrity"):
                continue  # already counted above
            if finding.severity in ("error", "warning"):
                severities.append(finding.severity)
                lines.append(finding.text(lang))
        kind = worst([s for s in severities if s != "info"])
        html = "<br>".join(html_escape(line) for line in (lines + passed)[:8])
        return kind, html

    def _failed(self, exc: BaseException) -> None:
        self._end()
        if isinstance(exc, Cancelled):
            self.banner.show_message("info", html_escape(self.tr("Check cancelled.")))
        else:
            self.banner.show_message("error", html_escape(i18n.error_text(exc)))

    # -- transparency function --------------------------------------------------------------
    def _browse_xml(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose file"), edit.text(),
                                              self.tr("XML files (*.xml);;All files (*)"))
        if path:
            edit.setText(path)

    def run_transparency(self) -> None:
        """Compute the billing registers from the two AR 2418-6 files (in the background)."""
        evaluate, render = evaluate_transparency, render_text
        device, supplier = Path(self.device.text().strip()), Path(self.supplier.text().strip())
        lang = i18n.current_language()
        self.compute_button.setEnabled(False)

        def work(_p, _c) -> tuple[str, int]:  # noqa: ANN001
            result = evaluate(device.read_bytes(), supplier.read_bytes())
            return render(result, lang), int(getattr(result, "exit_code", 0))

        def done(value: tuple[str, int]) -> None:
            self.compute_button.setEnabled(True)
            self.output.setPlainText(value[0])
            self.verified.emit(value)

        def failed(exc: BaseException) -> None:
            self.compute_button.setEnabled(True)
            text = i18n.error_text(exc) if not isinstance(exc, OSError) else \
                self.tr("Cannot read the file: {0}").format(exc.strerror or str(exc))
            self.output.setPlainText(text)

        self.session.compute.submit(work, on_done=done, on_error=failed)
