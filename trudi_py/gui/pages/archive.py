"""Archive: "archive everything" (decommissioning archive, with progress, ETA and cancel) and
"open archive" (look at an archive offline in the same pages)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication as QCA
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trudi_py.errors import Cancelled
from trudi_py.gui import i18n
from trudi_py.gui.format import count_text, size_text
from trudi_py.gui.session import Session
from trudi_py.gui.widgets import Banner, duration_text, html_escape, page_layout
from trudi_py.gui.worker import TaskHandle
from trudi_py.jobs import archive as archive_job
from trudi_py.jobs.base import Progress


def phase_text(phase: str) -> str:
    """A phase of the archive job in words, for the progress line."""
    return {"connect": QCA.translate("Phases", "connecting"),
            "smgw-info": QCA.translate("Phases", "gateway information"),
            "user-info": QCA.translate("Phases", "contracts"),
            "usage-point-info": QCA.translate("Phases", "contract details"),
            "readings": QCA.translate("Phases", "readings"),
            "log": QCA.translate("Phases", "logbook"),
            "write": QCA.translate("Phases", "writing the archive"),
            "finish": QCA.translate("Phases", "finishing")}.get(phase, phase)


class ArchivePage(QWidget):
    """Both directions: gateway → archive file, archive file → the pages."""

    open_archive_requested = Signal()
    archive_started = Signal()
    archive_finished = Signal(object)  # ArchiveResult or an exception

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archivePage")
        self.session = session
        layout, _ = page_layout(self, self.tr("Archive"))
        make = QGroupBox(self.tr("Archive everything"))
        ml = QVBoxLayout(make)
        text = QLabel(self.tr(
            "Before your gateway is taken out of service you must fetch and keep all your "
            "readings and the logbook. \"Archive everything\" writes them into one ZIP file — "
            "the gateway's answers byte for byte, plus CSV tables and a summary — that can be "
            "checked years later without the gateway. An interrupted archive can be "
            "continued."))
        text.setWordWrap(True)
        ml.addWidget(text)
        row = QHBoxLayout()
        self.archive_button = QPushButton(self.tr("&Archive everything…"))
        self.archive_button.clicked.connect(self.archive_dialog)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.resume = QCheckBox(self.tr("&Continue an interrupted archive"))
        self.resume_button = QPushButton(self.tr("C&ontinue the archive"))
        self.resume_button.setToolTip(self.tr("Fetch only what is still missing and finish the "
                                              "interrupted archive file"))
        self.resume_button.clicked.connect(self.resume_last)
        self.resume_button.hide()
        row.addWidget(self.archive_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.resume_button)
        row.addWidget(self.resume)
        row.addStretch(1)
        ml.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(420)
        self.progress.hide()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        ml.addWidget(self.progress)
        ml.addWidget(self.detail)
        self.availability = QLabel()
        ml.addWidget(self.availability)
        layout.addWidget(make)
        self.banner = Banner()
        self.banner.setObjectName("archiveBanner")
        layout.addWidget(self.banner)
        open_box = QGroupBox(self.tr("Open an archive"))
        ol = QVBoxLayout(open_box)
        otext = QLabel(self.tr(
            "Look at an archive without a gateway: its readings, logbook and verification "
            "appear in the same pages as a live connection."))
        otext.setWordWrap(True)
        ol.addWidget(otext)
        orow = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open archive…"))
        self.open_button.clicked.connect(self.open_archive_requested)
        orow.addWidget(self.open_button)
        orow.addStretch(1)
        ol.addLayout(orow)
        layout.addWidget(open_box)
        layout.addStretch(1)
        self._handle: TaskHandle | None = None
        self._cancelling = False
        self._last_out: Path | None = None
        self._run_started = 0.0
        #: seconds spent on each archive file in this session (all runs, also cancelled ones)
        self._spent: dict[Path, float] = {}
        self._runs: dict[Path, int] = {}
        self.result: Any = None
        session.state_changed.connect(lambda _s: self.update_availability())
        self.update_availability()

    def activate(self) -> None:
        """Refresh what can be done when the page is shown."""
        self.update_availability()

    def update_availability(self) -> None:
        """Enable the buttons that fit the connection state and a running job."""
        connected = self.session.is_gateway
        running = self._handle is not None
        self.archive_button.setEnabled(connected and not running)
        self.resume.setEnabled(not running)
        if not connected:
            self.availability.setText(self.tr("Connect to your gateway first."))
        else:
            self.availability.setText("")

    # -- archiving --------------------------------------------------------------------------
    def default_name(self) -> str:
        """A file name for the archive: gateway id and today's date."""
        snap = self.session.snapshot
        if snap is None:
            return "smgw-archive.zip"
        return archive_job.default_name(snap.info.smgw_id, self.session.gateway_now())

    def archive_dialog(self) -> None:
        """Ask where to save (and whether to continue a part file), then start."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save archive as"),
                                              self.default_name(),
                                              self.tr("ZIP archives (*.zip)"))
        if not path:
            return
        out, resume = Path(path), self.resume.isChecked()
        part = out.with_name(out.name + ".part")
        if not resume and part.exists():
            resume = QMessageBox.question(
                self, self.tr("Continue archive"),
                self.tr("An incomplete archive {0} exists. Continue it?").format(part.name)
            ) == QMessageBox.StandardButton.Yes
        self.start_archive(out, resume=resume)

    def start_archive(self, out: Path, *, resume: bool = False) -> None:
        """Run the archive job on the gateway queue (one request at a time)."""
        job = archive_job
        settings = self.session.settings
        if settings is None or self._handle is not None:
            return
        self.banner.clear_message()
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Starting…"))
        self.progress.show()
        self.detail.setText(self.tr("Starting…"))
        self.cancel_button.setEnabled(True)
        self.resume_button.hide()
        self._cancelling = False
        self._last_out = out
        if not resume:
            self._spent.pop(out, None)
            self._runs.pop(out, None)
        self._run_started = time.monotonic()
        store = self.session.pin_store
        vendor = self.session.data_vendor  # as the connection found it (PPC: + its users)
        users = self.session.extra_users
        self._handle = self.session.run_own_session(
            lambda progress, cancel: job.archive(settings, out, progress=progress,
                                                 cancel=cancel, resume=resume,
                                                 pin_store=store, vendor=vendor,
                                                 users=users),
            on_done=self._done, on_error=self._failed, on_progress=self._progress)
        self.update_availability()
        self.archive_started.emit()

    def cancel(self) -> None:
        """Answer at once (no later overwrite); the job stops at its next request boundary."""
        if self._handle is not None:
            self._handle.cancel()
            self._cancelling = True
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("Cancelling…"))
            self.detail.setText(self.tr("Cancelling after the current request…"))

    def resume_last(self) -> None:
        """Continue the last interrupted archive of this session."""
        if self._last_out is not None:
            self.start_archive(self._last_out, resume=True)

    def _progress(self, p: Progress) -> None:
        if self._cancelling:
            return
        if p.total > 0:
            self.progress.setRange(0, p.total)
            self.progress.setValue(min(p.done, p.total))
        short = self.tr("Request {0} of {1}").format(count_text(p.done),
                                                     count_text(p.total) if p.total else "?")
        if p.eta_s is not None and p.total and p.done < p.total:
            short += " — " + self.tr("{0} left").format(duration_text(p.eta_s))
        self.progress.setFormat(short)
        text = short + " — " + phase_text(p.phase)
        if p.bytes_received:
            text += " — " + self.tr("{0} received").format(size_text(p.bytes_received))
        self.detail.setText(text)

    def _end(self) -> None:
        self._handle = None
        self._cancelling = False
        if self._last_out is not None:
            spent = time.monotonic() - self._run_started
            self._spent[self._last_out] = self._spent.get(self._last_out, 0.0) + spent
            self._runs[self._last_out] = self._runs.get(self._last_out, 0) + 1
        self.cancel_button.setEnabled(False)
        self.progress.hide()
        self.update_availability()

    def _done(self, result: Any) -> None:
        self._end()
        self.result = result
        counts = getattr(result, "counts", {}) or {}
        readings = counts.get("readings", {})
        n_readings = sum(sum(v.values()) for v in readings.values()
                         if isinstance(v, dict)) if isinstance(readings, dict) else 0
        path = Path(getattr(result, "path", "") or "")
        size = path.stat().st_size if path.is_file() else 0
        lines = [self.tr("Archive written: {0} ({1})").format(str(path), size_text(size)),
                 self.tr("{0} readings, {1} logbook entries, {2} requests.").format(
                     count_text(n_readings), count_text(counts.get("log-entries", 0)),
                     count_text(counts.get("requests", 0)))]
        runs = self._runs.get(self._last_out, 1) if self._last_out else 1
        total = self._spent.get(self._last_out, 0.0) if self._last_out else 0.0
        if getattr(result, "resumed", False) and runs < 2:
            lines.append(self.tr("Time of this run: {0} (the interrupted run before it was not "
                                 "in this window, its time is not known).").format(
                duration_text(getattr(result, "elapsed_s", 0.0))))
        elif runs >= 2:
            lines.append(self.tr("Time for the whole archive: {0} in {1} runs.").format(
                duration_text(total), runs))
        else:
            lines.append(self.tr("Time: {0}.").format(
                duration_text(getattr(result, "elapsed_s", 0.0))))
        if getattr(result, "complete", False):
            kind = "ok"
            lines.append(self.tr("The archive is complete."))
        else:
            kind = "warning"
            missing = getattr(result, "missing", []) or []
            lines.append(self.tr("The archive is NOT complete: {0} parts are missing. Run it "
                                 "again with \"Continue an interrupted archive\".")
                         .format(len(missing)))
        self.detail.setText("")
        self.banner.show_message(kind, "<br>".join(html_escape(x) for x in lines))
        self.archive_finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._end()
        self.detail.setText("")
        kind = "warning" if isinstance(exc, Cancelled) else "error"
        self.banner.show_message(kind, html_escape(i18n.error_text(exc)))
        if isinstance(exc, Cancelled):
            self.resume.setChecked(True)
            self.resume_button.setVisible(self._last_out is not None)
            self.banner.show_message("warning", html_escape(self.tr(
                "Archiving was cancelled. What was fetched is kept; \"Continue the archive\" "
                "fetches only what is still missing.")))
        self.archive_finished.emit(exc)

    def shutdown(self) -> None:
        """Cancel a running archive job when the window closes."""
        if self._handle is not None:
            self._handle.cancel()

