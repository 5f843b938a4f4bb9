"""Settings: language, trusted gateways (pins: list, forget one), recent gateways."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trudi_py.errors import TrudiError
from trudi_py.gui import i18n, prefs
from trudi_py.gui.widgets import local_time_text
from trudi_py.m2m import PinStore, grouped
from trudi_py.model.times import parse_time


def _since(stamp: str) -> str:
    """The pin's ISO time stamp on the local (Berlin) wall clock; as stored if unreadable."""
    try:
        return local_time_text(parse_time(stamp), seconds=False)
    except TrudiError:
        return stamp


class SettingsDialog(QDialog):
    """Deliberate actions live here, never in a connection error."""

    def __init__(self, pin_store: PinStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.pin_store = pin_store
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox()
        for code, text in (("auto", self.tr("Automatic (system language)")),
                           ("de", "Deutsch"), ("en", "English")):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.load_language())))
        self.language.currentIndexChanged.connect(self._language_changed)
        form.addRow(self.tr("&Language:"), self.language)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        form.addRow("", self.language_note)
        layout.addLayout(form)

        box = QGroupBox(self.tr("Trusted gateways (pinned certificates)"))
        box_layout = QVBoxLayout(box)
        explain = QLabel(self.tr(
            "A gateway is trusted by the fingerprint of its certificate. Forget a pin only if "
            "your meter operator has told you that the certificate was replaced; the next "
            "connection then asks you to compare the new fingerprint."))
        explain.setWordWrap(True)
        box_layout.addWidget(explain)
        self.pins = QTableWidget(0, 4)
        self.pins.setHorizontalHeaderLabels([self.tr("Address"), self.tr("SHA-256 fingerprint"),
                                             self.tr("Trusted since"), self.tr("Subject")])
        self.pins.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pins.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pins.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pins.verticalHeader().hide()
        self.pins.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.pins.horizontalHeader().setStretchLastSection(True)
        box_layout.addWidget(self.pins)
        row = QHBoxLayout()
        self.forget_button = QPushButton(self.tr("&Forget selected pin…"))
        self.forget_button.clicked.connect(self.forget_selected)
        self.forget_button.setEnabled(False)
        self.pins.itemSelectionChanged.connect(
            lambda: self.forget_button.setEnabled(bool(self.pins.selectedItems())))
        row.addWidget(self.forget_button)
        row.addStretch(1)
        self.clear_recent = QPushButton(self.tr("Clear &recently used gateways"))
        self.clear_recent.clicked.connect(self._clear_recent)
        row.addWidget(self.clear_recent)
        box_layout.addLayout(row)
        layout.addWidget(box, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 420)
        self.reload_pins()

    def reload_pins(self) -> None:
        """Fill the table with the pinned certificates."""
        pins = self.pin_store.all()
        self.pins.setRowCount(len(pins))
        for row, pin in enumerate(pins):
            short = grouped(pin.sha256).split("\n")[0] + " …"
            for col, text in enumerate((pin.url, short, _since(pin.first_seen), pin.subject)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, pin.url)
                if col == 1:
                    item.setToolTip(grouped(pin.sha256))
                self.pins.setItem(row, col, item)
        self.forget_button.setEnabled(False)

    def selected_url(self) -> str | None:
        """The URL of the selected pin, or None."""
        items = self.pins.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def forget_selected(self, *, confirm: bool = True) -> bool:
        """Forget the selected pin (after asking, unless ``confirm`` is False); True if removed."""
        url = self.selected_url()
        if url is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Forget pin"), self.tr(
                    "Really forget the trusted certificate of {0}? Do this only if your meter "
                    "operator confirmed a new certificate.").format(url),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.pin_store.forget(url)
        self.reload_pins()
        return True

    def _clear_recent(self) -> None:
        for entry in prefs.load_recent():
            prefs.forget_recent(entry.url)

    def _language_changed(self) -> None:
        code = str(self.language.currentData())
        prefs.save_language(code)
        if i18n.resolve_language(code) != i18n.current_language():
            self.language_note.setText(self.tr("The language changes when you close this "
                                               "window."))
        else:
            self.language_note.setText("")
