"""Verification: check an archive (integrity and tariff registers, verify.md §F) and the
transparency function on AR 2418-6 files (device + supplier, verify.md §E)."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QGridLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QWidget)

from trudi_py.gui import i18n
from trudi_py.gui.session import Session
from trudi_py.gui.widgets import Banner, html_escape, page_layout

#: where the archive check may live (the verify package is being finished in parallel)
ARCHIVE_VERIFIERS = (("trudi_py.verify.archive", "verify_archive"),
                     ("trudi_py.verify.archive_check", "verify_archive"),
                     ("trudi_py.jobs.verify", "verify_archive"))


def archive_verifier() -> Callable[..., Any] | None:
    for module, name in ARCHIVE_VERIFIERS:
        try:
            fn = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if callable(fn):
            return fn
    return None


def transparency_api() -> tuple[Callable[..., Any], Callable[..., str]] | None:
    try:
        from trudi_py.verify import evaluate_transparency, render_text
    except ImportError:
        return None
    return evaluate_transparency, render_text


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
        box = QGroupBox(self.tr("Check an archive"))
        bl = QGridLayout(box)
        text = QLabel(self.tr(
            "Recomputes the billing registers of every closed billing period from your 15-minute "
            "values and the signed tariff profile, compares them with the gateway's registers, "
            "and checks the archive's integrity (hashes, completeness, signatures)."))
        text.setWordWrap(True)
        bl.addWidget(text, 0, 0, 1, 3)
        self.verify_button = QPushButton(self.tr("Check &archive…"))
        self.verify_button.clicked.connect(self.verify_archive_dialog)
        bl.addWidget(self.verify_button, 1, 0)
        self.archive_note = QLabel()
        bl.addWidget(self.archive_note, 1, 1, 1, 2)
        layout.addWidget(box)
        self.banner = Banner()
        self.banner.setObjectName("verifyBanner")
        layout.addWidget(self.banner)
        self.periods = QTableWidget(0, 5)
        self.periods.setObjectName("verifyTable")
        self.periods.setHorizontalHeaderLabels([
            self.tr("Contract"), self.tr("Billing period"), self.tr("Result"),
            self.tr("Registers (computed / gateway)"), self.tr("Notes")])
        self.periods.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.periods.verticalHeader().hide()
        self.periods.setAlternatingRowColors(True)
        self.periods.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.periods.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.periods, 2)

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
        has_archive_check = archive_verifier() is not None
        self.verify_button.setEnabled(has_archive_check)
        if not has_archive_check:
            self.archive_note.setText(self.tr("Not available yet in this version."))
        elif self.session.archive_path is not None:
            self.archive_note.setText(self.tr("Opened archive: {0}").format(
                self.session.archive_path.name))
        else:
            self.archive_note.setText(self.tr("Choose an archive file (made with \"Archive "
                                              "everything\")."))
        self.compute_button.setEnabled(transparency_api() is not None)

    # -- archive check ----------------------------------------------------------------------
    def verify_archive_dialog(self) -> None:
        path = self.session.archive_path
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Check archive"), "",
                                                    self.tr("ZIP archives (*.zip)"))
            if not chosen:
                return
            path = Path(chosen)
        self.verify_archive(path)

    def verify_archive(self, path: Path) -> None:
        fn = archive_verifier()
        if fn is None:
            return
        self.verify_button.setEnabled(False)
        self.banner.show_message("info", html_escape(self.tr("Checking {0}…").format(path.name)))
        self.session.compute.submit(lambda _p, _c: fn(path), on_done=self._show_report,
                                    on_error=self._failed)

    def _show_report(self, result: Any) -> None:
        self.update_availability()
        doc = report_dict(result)
        rows = []
        for point in doc.get("usage-points", []):
            for period in point.get("billing-periods", []):
                regs = "; ".join(f"{r.get('obis', '')}: {r.get('computed', '?')} / "
                                 f"{r.get('gateway', '?')}" for r in period.get("registers", []))
                notes = "; ".join(f.get("message", "") for f in period.get("findings", []))
                rows.append((point.get("usage-point-id", ""),
                             f"{period.get('start', '')} – {period.get('end', '')}",
                             period.get("status", ""), regs, notes))
        self.periods.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.periods.setItem(r, c, QTableWidgetItem(self._status_text(text) if c == 2
                                                            else str(text)))
        archive = doc.get("archive", {})
        statuses = [row[2] for row in rows]
        problems = archive.get("problems", []) + doc.get("findings", [])
        bad = [s for s in statuses if s in ("mismatch", "not-computable")]
        ok = archive.get("complete", False) and not bad and not [
            p for p in problems if p.get("severity") == "error"]
        summary = self.tr("{0} billing periods checked: {1} match, {2} differ or cannot be "
                          "computed.").format(len(rows), statuses.count("match"), len(bad))
        if not archive.get("complete", True):
            summary += " " + self.tr("The archive is incomplete.")
        for p in problems[:5]:
            summary += "<br>• " + html_escape(str(p.get("message", "")))
        self.banner.show_message("ok" if ok else "warning", summary)
        self.verified.emit(doc)

    def _status_text(self, status: str) -> str:
        return {"match": self.tr("✔ matches"), "mismatch": self.tr("✘ differs"),
                "open": self.tr("open (period not over)"),
                "incomplete": self.tr("incomplete"),
                "not-computable": self.tr("cannot be computed")}.get(status, status)

    def _failed(self, exc: BaseException) -> None:
        self.update_availability()
        self.banner.show_message("error", html_escape(i18n.error_text(exc)))

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
