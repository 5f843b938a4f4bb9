"""The readings table: a QAbstractTableModel over the loaded readings' columns (no item and
no Python object per reading: a row's record is made when the view asks for it)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtCore import QCoreApplication as QCA
from PySide6.QtGui import QBrush, QColor

from trudi_py.gui import i18n
from trudi_py.gui.format import physical_text, register_name, register_tooltip
from trudi_py.gui.pages.readings_table import FEED_IN_FLAGS, ReadingsTable
from trudi_py.gui.widgets import local_time_text
from trudi_py.model import Reading, StatusWord
from trudi_py.model.readings import format_decimal

#: the invalid (root) index, the default parent of the model's methods
_ROOT = QModelIndex()
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
                    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole})
PTB_COLORS = {1: "#fff4ce", 2: "#ffe0b2", 3: "#fde7e9", 4: "#f8c4c9"}
__all__ = ["FEED_IN_FLAGS", "ReadingsModel", "ReadingsTable", "status_text"]


def flag_name(flag: str) -> str:
    """A status flag (``meter:manipulation``) in plain words."""
    names = {
        "smgw:fatal-error": QCA.translate("Status", "gateway: fatal error"),
        "smgw:system-time-invalid": QCA.translate("Status", "gateway: time invalid"),
        "smgw:ptb-warning": QCA.translate("Status", "gateway: warning"),
        "smgw:ptb-temporary-error-signed-invalid": QCA.translate(
            "Status", "gateway: temporary error (signed, invalid)"),
        "smgw:ptb-temporary-error-invalid": QCA.translate("Status",
                                                          "gateway: temporary error (invalid)"),
        "meter:magnetic-influence": QCA.translate("Status", "meter: magnetic influence"),
        "meter:manipulation": QCA.translate("Status", "meter: manipulation detected"),
        "meter:energy-direction-negative": QCA.translate("Status", "meter: energy direction "
                                                                   "negative"),
        "meter:l1-direction-negative": QCA.translate("Status", "L1 feeding in"),
        "meter:l2-direction-negative": QCA.translate("Status", "L2 feeding in"),
        "meter:l3-direction-negative": QCA.translate("Status", "L3 feeding in"),
        "meter:phase-sequence-wrong": QCA.translate("Status", "meter: phase sequence wrong"),
        "meter:backstop-active": QCA.translate("Status", "meter: backstop active"),
        "meter:fatal-error": QCA.translate("Status", "meter: fatal error"),
    }
    return names.get(flag, flag)


def ptb_name(ptb: int) -> str:
    """The PTB level of a status word in words (OK, warning, … fatal)."""
    return {0: QCA.translate("Status", "OK"), 1: QCA.translate("Status", "warning"),
            2: QCA.translate("Status", "temporary error"),
            3: QCA.translate("Status", "critical (not billable)"),
            4: QCA.translate("Status", "fatal (not billable)")}.get(ptb, str(ptb))


_STATUS_CACHE: dict[tuple[str, str], tuple[str, bool, int]] = {}


def _status(cosem: str) -> tuple[str, bool, int]:
    key = (i18n.current_language(), cosem)
    cached = _STATUS_CACHE.get(key)
    if cached is None:
        try:
            word = StatusWord.parse(cosem) if cosem else None
        except ValueError:
            word = None
        if word is None:
            cached = (QCA.translate("Status", "unreadable status") if cosem else "—",
                      bool(cosem), 3 if cosem else 0)
        else:
            notable = word.notable_flags
            text = ptb_name(word.ptb)
            if notable:
                text += ": " + ", ".join(flag_name(f) for f in notable)
            alarming = [f for f in notable if f not in FEED_IN_FLAGS]
            cached = (text, bool(alarming) or word.ptb > 0, word.ptb)
        _STATUS_CACHE[key] = cached
    return cached


def status_sentence(cosem: str) -> str:
    """The status word decoded into a sentence, with the raw word for experts."""
    text, notable, ptb = _status(cosem)
    if not cosem:
        return QCA.translate("Status", "The gateway sent no status word for this value.")
    if not notable:
        sentence = QCA.translate("Status", "Value is fine ({0}): the gateway and the meter "
                                           "report no problem.").format(text)
    elif ptb >= 3:
        sentence = QCA.translate("Status", "Value must not be used for billing: {0}.").format(
            text)
    else:
        sentence = QCA.translate("Status", "Value is usable, but note: {0}.").format(text)
    return sentence + "\n" + QCA.translate("Status", "Status word {0}").format(cosem)


def status_text(reading: Reading) -> tuple[str, bool]:
    """(text, notable) of a reading's status word."""
    text, notable, _ = _status(reading.cosem_status)
    return text, notable


class ReadingsModel(QAbstractTableModel):
    """Columns: time, channel, physical value, unit, status, raw value, capture time,
    source (the gateway now, the archive, or the history fetch that delivered the value)."""

    COLUMNS = 8

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.table: ReadingsTable | None = None
        self.only_notable = False
        self._labels: list[str] = []
        self._scalers: list[int] = []
        self._units: list[str] = []
        self._obis: list[str] = []
        self._cached: tuple[int, tuple[int, Reading]] | None = None  # the last row asked for

    def set_table(self, table: ReadingsTable | None) -> None:
        """Show ``table`` (None: empty)."""
        self.beginResetModel()
        self.table = table
        self._cached = None
        self._labels, self._scalers, self._units = [], [], []
        self._obis = [ch.obis for ch in table.channels] if table is not None else []
        if table is not None:
            for ch in table.channels:
                meta = table.meta.get(ch.obis)
                self._labels.append(register_name(ch.obis, table.tariff_names))
                self._scalers.append(meta.scaler if meta else 0)
                self._units.append(meta.unit_name if meta else "")
        self.endResetModel()

    def set_only_notable(self, on: bool) -> None:
        """Show only the values whose status is notable."""
        if on == self.only_notable:
            return  # (a reset of a decade's rows costs a relayout and a repaint)
        self.beginResetModel()
        self.only_notable = on
        self._cached = None
        self.endResetModel()

    def _row(self, n: int) -> tuple[int, Reading]:
        """Shown row ``n`` as ``(channel index, Reading)`` (the view asks per cell and role:
        the last row's record is kept)."""
        assert self.table is not None
        if self._cached is not None and self._cached[0] == n:
            return self._cached[1]
        row = self.table.row(self.table.notable[n] if self.only_notable else n)
        self._cached = (n, row)
        return row

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        """Rows shown (all values, or only the notable ones)."""
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.notable) if self.only_notable else self.table.count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        """The fixed columns (see the class text)."""
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column titles."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Time (Berlin)"), self.tr("Channel"), self.tr("Value"),
                self.tr("Unit"), self.tr("Status"), self.tr("Raw value"),
                self.tr("Captured (Berlin)"), self.tr("Source"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text, alignment, colour of notable values and tooltips."""
        if role not in _ROLES or not index.isValid() or self.table is None:
            return None  # (the view asks ~8 roles per cell and paint: most are not ours)
        ch, reading = self._row(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return local_time_text(reading.target_time)
            if col == 1:
                return self._labels[ch]
            if col == 2:
                return physical_text(reading.physical(self._scalers[ch]), self._units[ch])
            if col == 3:
                return self._units[ch]
            if col == 4:
                return _status(reading.cosem_status)[0]
            if col == 5:
                return reading.value
            if col == 6:
                return local_time_text(reading.capture_time) if reading.capture_time else ""
            if col == 7:
                return self.origin_text(ch, reading)
        elif role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.BackgroundRole:
            _, notable, ptb = _status(reading.cosem_status)
            if notable:
                return QBrush(QColor(PTB_COLORS.get(ptb, "#fff4ce")))
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col == 1:
                return register_tooltip(self._obis[ch])
            if col == 2:
                return QCA.translate("Status", "Raw value {0} × 10^{1} {2} = {3} {2}").format(
                    reading.value, self._scalers[ch], self._units[ch],
                    i18n.decimal_text(format_decimal(reading.physical(self._scalers[ch]))))
            if col == 4:
                return status_sentence(reading.cosem_status)
            if col == 7:
                return self.origin_tooltip(ch, reading)
        return None

    def _origin(self, ch: int, reading: Reading) -> tuple[datetime, int] | None:
        assert self.table is not None
        origin = self.table.origins.get(self._obis[ch])
        return origin.of(reading.target_time) if origin is not None else None

    def origin_text(self, ch: int, reading: Reading) -> str:
        """Where a value came from, short: "fetched 03.12.2026 14:05" (history)."""
        assert self.table is not None
        kind = self.table.source_kind
        if kind == "history":
            found = self._origin(ch, reading)
            return self.tr("fetched {0}").format(
                local_time_text(found[0], seconds=False)) if found else self.tr("history")
        return {"gateway": self.tr("gateway, now"), "archive": self.tr("archive")}.get(kind,
                                                                                      kind)

    def origin_tooltip(self, ch: int, reading: Reading) -> str:
        """Where a value came from, as a sentence."""
        assert self.table is not None
        kind = self.table.source_kind
        if kind == "history":
            found = self._origin(ch, reading)
            if found:
                return self.tr("Fetched from the gateway on {0} (sync no. {1}) and kept in the "
                               "local history together with the gateway's answer and its "
                               "SHA-256.").format(local_time_text(found[0]), found[1])
            return self.tr("From the local history.")
        if kind == "gateway":
            return self.tr("Read from the connected gateway just now.")
        return self.tr("From the opened archive (its raw answers are inside the file).")

