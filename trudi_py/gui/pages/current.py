"""Current values: the newest reading per channel of every contract.

Refreshed on demand, and on its own at most every 15 minutes (the gateway makes new values
every 15 minutes; polling more often only loads it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from trudi_py.gui import i18n
from trudi_py.gui.format import physical_text, register_name, register_tooltip
from trudi_py.gui.pages.readings_model import status_sentence, status_text
from trudi_py.gui.session import Session
from trudi_py.gui.widgets import Banner, html_escape, local_time_text, page_layout
from trudi_py.model import Channel, Reading
from trudi_py.model.readings import format_decimal

AUTO_REFRESH_MS = 15 * 60 * 1000


@dataclass(frozen=True)
class CurrentRow:
    """One row of the table: the newest value of one channel."""
    contract: str
    taf: str
    channel: Channel | None
    obis: str
    reading: Reading


def fetch_current(source, _progress, cancel) -> list[CurrentRow]:  # noqa: ANN001
    """On the worker: usage-point-info and last-reading of each contract (TAF-14 has none)."""
    rows: list[CurrentRow] = []
    for point in source.usage_points():
        cancel.raise_if_cancelled()
        if point.taf == "14":
            continue
        info = source.usage_point_info(point.usage_point_id)
        db = info.database("origin") or (info.databases[0] if info.databases else None)
        if db is None:
            continue
        for ch in source.last_readings(point.usage_point_id, db.name):
            meta = info.channel(db.name, ch.obis)
            for reading in ch.readings[-1:]:
                rows.append(CurrentRow(point.name or point.usage_point_id, point.taf, meta,
                                       ch.obis, reading))
    return rows


class CurrentValuesPage(QWidget):
    """One row per contract and channel."""

    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("currentPage")
        self.session = session
        layout, _ = page_layout(self, self.tr("Current values"))
        self.note = note = QLabel(self._note(True))
        note.setWordWrap(True)
        layout.addWidget(note)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("&Refresh now"))
        self.refresh_button.clicked.connect(self.refresh)
        self.updated = QLabel()
        row.addWidget(self.refresh_button)
        row.addWidget(self.updated, 1)
        layout.addLayout(row)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("currentTable")
        self.table.setHorizontalHeaderLabels([self.tr("Contract"), self.tr("Channel"),
                                              self.tr("Time (Berlin)"), self.tr("Value"),
                                              self.tr("Status")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.last_refresh: datetime | None = None
        self._busy = False
        self._stale = True
        session.source_changed.connect(self._source_changed)

    def _note(self, auto: bool) -> str:
        if not auto:  # PPC: its HAN port is reported to die under frequent polling
            return self.tr(
                "The newest value of every register. This gateway (PPC) is not asked by "
                "itself: frequent requests are reported to make its HAN port fail. \"Refresh "
                "now\" reads the values.")
        return self.tr(
            "The newest value of every channel. The gateway produces a new value every 15 "
            "minutes; this page refreshes itself at most every 15 minutes. Contracts TAF 9 "
            "and TAF 10 keep no history — only their current value is shown here.")

    def _source_changed(self, source: object) -> None:
        auto = self.session.offers("auto-refresh")
        self.note.setText(self._note(auto))
        self.table.setRowCount(0)
        self.updated.setText("")
        self.banner.clear_message()
        self._stale = True
        self.timer.stop()
        if self.session.is_gateway and auto:
            self.timer.start()

    def activate(self) -> None:
        """Called when the page is shown: load once per connection."""
        if self._stale and self.session.is_gateway:
            self.refresh()

    def refresh(self) -> None:
        """Fetch the newest value of every channel again."""
        if self._busy or not self.session.is_gateway:
            return
        self._busy = True
        self._stale = False
        if self.session.offers("auto-refresh"):
            self.timer.start()  # the automatic refresh counts from the latest refresh
        self.refresh_button.setEnabled(False)
        self.updated.setText(self.tr("Reading current values…"))
        self.session.run(fetch_current, on_done=self._show, on_error=self._failed)

    def _show(self, rows: list[CurrentRow]) -> None:
        self._busy = False
        self.refresh_button.setEnabled(True)
        self.banner.clear_message()
        self.last_refresh = datetime.now(UTC)
        self.updated.setText(self.tr("Updated {0}").format(local_time_text(self.last_refresh)))
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            scaler = row.channel.scaler if row.channel else 0
            unit = row.channel.unit_name if row.channel else ""
            label = register_name(row.obis)
            raw = i18n.decimal_text(format_decimal(row.reading.physical(scaler)))
            status, notable = status_text(row.reading)
            cells = (f"{row.contract} (TAF-{row.taf})", label,
                     local_time_text(row.reading.target_time),
                     physical_text(row.reading.physical(scaler), unit), status)
            tips = ("", register_tooltip(row.obis), "",
                    self.tr("Raw value {0}, scaler {1}: {2} {3}").format(
                        row.reading.value, scaler, raw, unit),
                    status_sentence(row.reading.cosem_status))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if tips[col]:
                    item.setToolTip(tips[col])
                if col == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight |
                                          Qt.AlignmentFlag.AlignVCenter)
                if notable and col == 4:
                    item.setBackground(QBrush(QColor("#fff4ce")))
                self.table.setItem(i, col, item)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.refresh_button.setEnabled(True)
        self.updated.setText("")
        self.banner.show_message("error", html_escape(i18n.error_text(exc)))

    def shutdown(self) -> None:
        """Stop the refresh timer when the window closes."""
        self.timer.stop()
