"""Verification: check an archive (integrity and tariff registers, verify.md §F) and the
transparency function on AR 2418-6 files (device + supplier, verify.md §E)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QGridLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
                               QProgressBar, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QWidget)
from PySide6.QtCore import QCoreApplication as QCA
from PySide6.QtCore import Qt

from trudi_py.errors import Cancelled, TrudiError
from trudi_py.gui import i18n
from trudi_py.gui.session import Session, archive_support
from trudi_py.jobs.base import CancelToken, Progress
from trudi_py.gui.widgets import Banner, html_escape, local_date_text, page_layout
from trudi_py.model.times import parse_time
from trudi_py.model.units import Obis

def verifier() -> Callable[..., Any] | None:
    """``verify_source(source, integrity=None)`` once the verify package offers it."""
    try:
        from trudi_py.verify.archive_report import verify_source
    except ImportError:
        return None
    return verify_source


def text_renderer() -> Callable[..., str] | None:
    try:
        from trudi_py.verify.archive_text import render_archive_text
    except ImportError:
        return None
    return render_archive_text


def integrity_check(path: Path) -> Any | None:
    """The archive's own integrity check (hashes, completeness), when available."""
    try:
        from trudi_py.archive.integrity import check_archive
    except ImportError:
        return None
    return check_archive(path)


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
        points = self._source.usage_points()
        self._total = sum(len(self._source.usage_point_info(p.usage_point_id).databases)
                          for p in points)
        return points

    def readings(self, *args: Any) -> Any:
        self._cancel.raise_if_cancelled()
        result = self._source.readings(*args)
        self._done += 1
        self._progress(Progress(self._done, self._total, "readings"))
        return result


def transparency_api() -> tuple[Callable[..., Any], Callable[..., str]] | None:
    try:
        from trudi_py.verify import evaluate_transparency, render_text
    except ImportError:
        return None
    return evaluate_transparency, render_text


def _date(text: str | None) -> str:
    """A §F.3 UTC time as a local date (billing periods start at local midnight)."""
    if not text or text == "open":
        return QCA.translate("Verify", "open")
    try:
        return local_date_text(parse_time(text))
    except TrudiError:
        return text


def _short(obis: str) -> str:
    try:
        return Obis.parse(obis).short
    except ValueError:
        return obis


def report_dict(result: Any) -> dict[str, Any]:
    """The verify.md §F.3 document of a result object (or the dict itself)."""
    if isinstance(result, dict):
        return result
    to_json = getattr(result, "to_json", None)
    if callable(to_json):
        value = to_json()
        return json.loads(value) if isinstance(value, str) else dict(value)
    return {}


class VerifyPage(QWidget):
    """Both checks run on a worker; results appear as a table or text."""

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
            "15-minute values and the signed tariff profile and compares them with the "
            "gateway's registers; for an archive also its integrity (hashes, completeness). "
            "Reads all values of every contract: this can take a few minutes."))
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
            self.tr("Registers raw (computed / gateway)"), self.tr("Notes")])
        self.periods.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.periods.verticalHeader().hide()
        self.periods.verticalHeader().setDefaultSectionSize(22)
        self.periods.setAlternatingRowColors(True)
        self.periods.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.periods.horizontalHeader().setStretchLastSection(True)
        self.report = QPlainTextEdit()
        self.report.setObjectName("verifyReport")
        self.report.setReadOnly(True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.periods)
        splitter.addWidget(self.report)
        layout.addWidget(splitter, 3)
        self._handle = None

        tbox = QGroupBox(self.tr("Transparency function (AR 2418-6 files)"))
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
        layout.addWidget(tbox, 1)
        session.state_changed.connect(lambda _s: self.update_availability())
        self.update_availability()

    def activate(self) -> None:
        self.update_availability()

    def update_availability(self) -> None:
        available = verifier() is not None
        running = self._handle is not None
        self.verify_button.setEnabled(available and self.session.source is not None
                                      and not running)
        self.file_button.setEnabled(available and archive_support() and not running)
        if not available:
            self.archive_note.setText(self.tr("Not available yet in this version."))
        elif self.session.state == "archive" and self.session.archive_path is not None:
            self.archive_note.setText(self.tr("Checks the opened archive {0}.").format(
                self.session.archive_path.name))
        elif self.session.is_gateway:
            self.archive_note.setText(self.tr("Checks the data of the connected gateway."))
        else:
            self.archive_note.setText(self.tr("Connect to a gateway or open an archive."))
        self.compute_button.setEnabled(transparency_api() is not None)

    # -- billing check ----------------------------------------------------------------------
    def verify_current(self) -> None:
        """Check the current data source (gateway: on the serial gateway queue)."""
        fn = verifier()
        if fn is None or self.session.source is None:
            return
        path = self.session.archive_path if self.session.state == "archive" else None
        self._start(self.tr("Checking…"))
        self._handle = self.session.run(
            lambda source, progress, cancel: fn(
                CheckedSource(source, progress, cancel),
                integrity_check(path) if path is not None else None),
            on_done=self._show_report, on_error=self._failed, on_progress=self._progress)

    def verify_archive_dialog(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Check archive"), "",
                                                self.tr("ZIP archives (*.zip)"))
        if chosen:
            self.verify_archive(Path(chosen))

    def verify_archive(self, path: Path) -> None:
        """Check an archive file without opening it in the pages (on the compute queue)."""
        fn = verifier()
        if fn is None:
            return

        def work(progress: Callable[[Progress], None], cancel: CancelToken) -> Any:
            from trudi_py.archive.reader import ArchiveSource
            integrity = integrity_check(path)
            return fn(CheckedSource(ArchiveSource(path), progress, cancel), integrity)

        self._start(self.tr("Checking {0}…").format(path.name))
        self._handle = self.session.compute.submit(work, on_done=self._show_report,
                                                   on_error=self._failed,
                                                   on_progress=self._progress)

    def _start(self, text: str) -> None:
        self.banner.show_message("info", html_escape(text))
        self.periods.setRowCount(0)
        self.report.clear()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.verify_button.setEnabled(False)
        self.file_button.setEnabled(False)

    def _progress(self, p: Progress) -> None:
        if p.total > 0:
            self.progress.setRange(0, p.total)
            self.progress.setValue(min(p.done, p.total))

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()

    def _end(self) -> None:
        self._handle = None
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        self.update_availability()

    def _show_report(self, result: Any) -> None:
        self._end()
        render = text_renderer()
        if render is not None and not isinstance(result, dict):
            self.report.setPlainText(render(result, i18n.current_language()))
        doc = report_dict(result)
        names = {p.usage_point_id: p.name for p in
                 (self.session.snapshot.usage_points if self.session.snapshot else [])}
        lang = i18n.current_language()
        objects = list(getattr(result, "usage_points", ()) or ())
        rows = []
        for n, point in enumerate(doc.get("usage-points", [])):
            upid = point.get("usage-point-id", "")
            periods = list(objects[n].periods) if n < len(objects) else []
            for m, period in enumerate(point.get("billing-periods", [])):
                regs = "; ".join(f"{_short(r.get('obis', ''))}: {r.get('computed', '?')} / "
                                 f"{r.get('gateway', '?')}" for r in period.get("registers", []))
                if m < len(periods):  # the objects carry the German text too
                    notes = "; ".join(f.text(lang) for f in periods[m].findings)
                else:
                    notes = "; ".join(f.get("message", "") for f in period.get("findings", []))
                rows.append((f"{names.get(upid, upid)} (TAF {point.get('taf', '?')})",
                             f"{_date(period.get('start'))} – {_date(period.get('end'))}",
                             period.get("status", ""), regs, notes))
        self.periods.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.periods.setItem(r, c, QTableWidgetItem(self._status_text(text) if c == 2
                                                            else str(text)))
        archive = doc.get("archive") or {}
        statuses = [row[2] for row in rows]
        general = getattr(result, "findings", None)
        messages = [p.get("message", "") for p in archive.get("problems", [])]
        messages += [f.text(lang) for f in general] if general is not None else [
            f.get("message", "") for f in doc.get("findings", [])]
        problems = archive.get("problems", []) + doc.get("findings", [])
        bad = [s for s in statuses if s in ("mismatch", "not-computable")]
        ok = archive.get("complete", True) and not bad and not [
            p for p in problems if p.get("severity") == "error"]
        summary = self.tr("{0} billing periods checked: {1} match, {2} differ or cannot be "
                          "computed.").format(len(rows), statuses.count("match"), len(bad))
        if not archive.get("complete", True):
            summary += " " + self.tr("The archive is incomplete.")
        verdicts = list(getattr(result, "verdicts", ()) or ())
        if verdicts:  # right / wrong / not checkable, each with its reason (verdict.py)
            wrong = [v for v in verdicts if v.outcome == "wrong"]
            unknown = [v for v in verdicts if v.outcome == "not-checkable"]
            summary = self.tr("{0} checked and right, {1} checked and wrong, {2} not "
                              "checkable.").format(len(verdicts) - len(wrong) - len(unknown),
                                                   len(wrong), len(unknown))
            for verdict in (wrong + unknown)[:6]:
                summary += "<br>• " + html_escape(verdict.text(lang))
            # per-reading signatures are never checkable (rule not published): shown, but no
            # reason to colour the result
            kind = "error" if wrong else "info" if any(v.strict_counts for v in unknown) \
                else "ok"
            self.banner.show_message(kind, summary)
            self.verified.emit(doc)
            return
        for message in messages[:5]:
            summary += "<br>• " + html_escape(message)
        self.banner.show_message("ok" if ok else "warning", summary)
        self.verified.emit(doc)

    def _status_text(self, status: str) -> str:
        return {"match": self.tr("✔ matches"), "mismatch": self.tr("✘ differs"),
                "open": self.tr("open (period not over)"),
                "incomplete": self.tr("not checkable"),
                "not-computable": self.tr("cannot be computed")}.get(status, status)

    def _failed(self, exc: BaseException) -> None:
        self._end()
        kind = "info" if isinstance(exc, Cancelled) else "error"
        self.banner.show_message(kind, html_escape(i18n.error_text(exc)))

    # -- transparency function --------------------------------------------------------------
    def _browse_xml(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose file"), edit.text(),
                                              self.tr("XML files (*.xml);;All files (*)"))
        if path:
            edit.setText(path)

    def run_transparency(self) -> None:
        api = transparency_api()
        if api is None:
            return
        evaluate, render = api
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
