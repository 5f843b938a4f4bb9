"""Logbook: the consumer logbook with filters (level, time range, text); the special-functions
entry (THE.19013.0) and self-test results are highlighted."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from trudi_py.gui import i18n
from trudi_py.gui.follow import follow_source
from trudi_py.gui.format import (
    SEVERITY_COLORS,
    count_text,
    event_word,
    level_scale,
    level_severity,
    severity_word,
)
from trudi_py.gui.session import Session
from trudi_py.gui.widgets import Banner, html_escape, local_time_text, page_layout
from trudi_py.m2m.selftest import is_self_test, self_test_failed
from trudi_py.model import LogEntry
from trudi_py.model.times import BERLIN, local_day_start

SPECIAL_COLOR, SELFTEST_OK, SELFTEST_BAD = "#e6f0fb", "#e3f4e1", "#fde7e9"
_ROOT = QModelIndex()  # the invisible root: a table has no children


def level_number(entry: LogEntry) -> int | None:
    """The level as a number, or None when the gateway sent no number."""
    try:
        return int(entry.level)
    except ValueError:
        return None


#: filter value → the worst severities it keeps
SEVERITY_FILTERS = {3: ("critical", "error"), 4: ("critical", "error", "warning"),
                    5: ("critical", "error", "warning", "notice")}


def level_text(entry: LogEntry, scale: str = "syslog") -> str:
    """The level as a word (the number is in the tooltip)."""
    return severity_word(level_severity(entry.level, scale))


class LogModel(QAbstractTableModel):
    """Columns: time, level, event, message, index."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.entries: list[LogEntry] = []
        self.scale = "syslog"

    def set_entries(self, entries: list[LogEntry]) -> None:
        """Show these entries (newest first); the level scale is taken from them."""
        self.beginResetModel()
        self.entries = sorted(entries, key=lambda e: e.index, reverse=True)  # newest first
        self.scale = level_scale([e.level for e in entries])
        self.endResetModel()

    def severity(self, entry: LogEntry) -> str | None:
        """The entry's severity class on this logbook's level scale."""
        return level_severity(entry.level, self.scale)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        """One row per entry."""
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        """Time, level, event, message, number."""
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """The column titles."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Time (Berlin)"), self.tr("Level"), self.tr("Event"),
                self.tr("Message"), self.tr("No."))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Words in the cells; codes and full messages as tooltips; colours by severity."""
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (local_time_text(e.time), level_text(e, self.scale),
                    event_word(e.event_key, e.message), e.message, str(e.index))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 1:
                scale = (self.tr("syslog scale 0–7") if self.scale == "syslog"
                         else self.tr("scale 1–4 of the interface description"))
                return self.tr("Level {0} ({1})").format(e.level, scale)
            if col == 2:
                return self.tr("Event {0}: manufacturer {1}, event number {2}, sub-number "
                               "{3}").format(e.event_key, e.vendor_id, e.event_id,
                                             e.event_sub_id)
            if col == 3:
                return e.message
        if role == Qt.ItemDataRole.BackgroundRole:
            if e.is_special_functions:
                return QBrush(QColor(SPECIAL_COLOR))
            if is_self_test(e):
                return QBrush(QColor(SELFTEST_BAD if self_test_failed(e) else SELFTEST_OK))
            color = SEVERITY_COLORS.get(self.severity(e) or "", "")
            if color:
                return QBrush(QColor(color))
        if role == Qt.ItemDataRole.FontRole and e.is_special_functions:
            font = QFont()
            font.setBold(True)
            return font
        return None


class LogFilter(QSortFilterProxyModel):
    """Level, time range, text and "only highlighted" filters."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.max_level: int | None = None
        self.start: datetime | None = None
        self.end: datetime | None = None
        self.text = ""
        self.only_highlighted = False

    def update(self, **values: object) -> None:
        """Set filter values and filter the rows again."""
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
        for key, value in values.items():
            setattr(self, key, value)
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        """Keep an entry that passes every active filter."""
        e: LogEntry = self.sourceModel().entries[row]  # type: ignore[attr-defined]
        if self.max_level is not None:
            keep = SEVERITY_FILTERS.get(self.max_level, ())
            if self.sourceModel().severity(e) not in keep:  # type: ignore[attr-defined]
                return False
        if self.start is not None and e.time < self.start:
            return False
        if self.end is not None and e.time >= self.end:
            return False
        if self.only_highlighted and not (e.is_special_functions or is_self_test(e)):
            return False
        if self.text:
            hay = f"{e.message} {e.event_key} {event_word(e.event_key, e.message)} " \
                  f"{e.level}".lower()
            return self.text in hay
        return True


class LogbookPage(QWidget):
    """The whole logbook is loaded once; filters apply locally."""

    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logbookPage")
        self.session = session
        layout, _ = page_layout(self, self.tr("Logbook"))
        row = QHBoxLayout()
        self.level = QComboBox()
        for text, value in ((self.tr("All levels"), None),
                            (self.tr("Errors and worse"), 3),
                            (self.tr("Warnings and worse"), 4),
                            (self.tr("Notices and worse"), 5)):
            self.level.addItem(text, value)
        self.period = QComboBox()
        for text, days in ((self.tr("Whole logbook"), None), (self.tr("Last 24 hours"), 1),
                           (self.tr("Last 7 days"), 7), (self.tr("Last 30 days"), 30),
                           (self.tr("From – to"), -1)):
            self.period.addItem(text, days)
        self.from_date, self.to_date = QDateEdit(), QDateEdit()
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy" if i18n.current_language() == "de" else "yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(self.apply_filters)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search text…"))
        self.search.setClearButtonEnabled(True)
        self.highlighted = QCheckBox(self.tr("Only &special functions and self-tests"))
        for text, widget in ((self.tr("&Level:"), self.level), (self.tr("&Period:"),
                                                                 self.period)):
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
        row.addWidget(self.from_date)
        row.addWidget(QLabel("–"))
        row.addWidget(self.to_date)
        search_label = QLabel(self.tr("Sea&rch:"))
        search_label.setBuddy(self.search)
        row.addWidget(search_label)
        row.addWidget(self.search, 1)
        layout.addLayout(row)
        row2 = QHBoxLayout()
        row2.addWidget(self.highlighted)
        self.count = QLabel()
        row2.addWidget(self.count, 1)
        self.reload_button = QPushButton(self.tr("&Reload"))
        self.reload_button.clicked.connect(self.reload)
        row2.addWidget(self.reload_button)
        layout.addLayout(row2)
        self.legend = QLabel(self._legend(True))
        layout.addWidget(self.legend)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.model = LogModel(self)
        self.proxy = LogFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("logTable")
        self.view.setModel(self.proxy)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for col, width in enumerate((150, 130, 250)):
            self.view.setColumnWidth(col, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.view, 1)
        self.level.currentIndexChanged.connect(self.apply_filters)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.search.textChanged.connect(self.apply_filters)
        self.highlighted.toggled.connect(self.apply_filters)
        self._stale = True
        self._loading = False
        # a hidden page fills itself a turn later (the shown one paints first)
        self.follower = follow_source(self, session.source_changed, self._source_changed, 2)

    def _legend(self, conexa: bool) -> str:
        """The colour key; the special-functions entry is the CONEXA's (THE.19013.0)."""
        if not conexa:
            return self.tr(
                "<span style='background:{0}'>&nbsp;red&nbsp;</span> error &nbsp; "
                "<span style='background:{1}'>&nbsp;yellow&nbsp;</span> warning").format(
                SEVERITY_COLORS["error"], SEVERITY_COLORS["warning"])
        return self.tr(
            "<span style='background:{0}'>&nbsp;blue&nbsp;</span> active special functions "
            "(THE.19013.0) &nbsp; <span style='background:{1}'>&nbsp;green&nbsp;</span> "
            "self-test passed &nbsp; <span style='background:{2}'>&nbsp;red&nbsp;</span> "
            "self-test failed or error &nbsp; <span style='background:{3}'>&nbsp;yellow&nbsp;"
            "</span> warning").format(SPECIAL_COLOR, SELFTEST_OK, SELFTEST_BAD,
                                      SEVERITY_COLORS["warning"])

    def _source_changed(self, source: object) -> None:
        conexa = self.session.data_vendor == "theben"
        self.legend.setText(self._legend(conexa))
        self.highlighted.setVisible(conexa)
        if not conexa:
            self.highlighted.setChecked(False)
        self.model.set_entries([])
        self._stale = True
        self.count.setText("")
        self.banner.clear_message()
        today = self.session.gateway_now().astimezone(BERLIN)
        self.to_date.setDate(QDate(today.year, today.month, today.day))
        self.from_date.setDate(self.to_date.date().addDays(-7))

    def activate(self) -> None:
        """Load the logbook the first time the page is shown for a data source."""
        if self._stale and self.session.source is not None:
            self.reload()

    def reload(self) -> None:
        """Fetch the whole logbook again (in the background)."""
        if self._loading:
            return
        self._loading = True
        self._stale = False
        self.reload_button.setEnabled(False)
        self.count.setText(self.tr("Loading the logbook…"))
        self.session.run(lambda source, _p, _c: source.logbook(), on_done=self._loaded,
                         on_error=self._failed)

    def _loaded(self, entries: list[LogEntry]) -> None:
        self._loading = False
        self.reload_button.setEnabled(True)
        self.model.set_entries(entries)
        self.apply_filters()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.reload_button.setEnabled(True)
        self.count.setText("")
        self.banner.show_message("error", html_escape(i18n.error_text(exc)))

    def _period_changed(self) -> None:
        custom = self.period.currentData() == -1
        self.from_date.setEnabled(custom)
        self.to_date.setEnabled(custom)
        self.apply_filters()

    def apply_filters(self) -> None:
        """Apply the level, period, text and highlight filters; update the count."""
        days = self.period.currentData()
        start = end = None
        if days == -1:
            first: date = self.from_date.date().toPython()  # type: ignore[assignment]
            last: date = self.to_date.date().toPython()  # type: ignore[assignment]
            start = local_day_start(first)
            end = local_day_start(last + timedelta(days=1))
        elif days:
            end = self.session.gateway_now() + timedelta(minutes=1)
            start = end - timedelta(days=days)
        self.proxy.update(max_level=self.level.currentData(), start=start, end=end,
                          text=self.search.text().strip().lower(),
                          only_highlighted=self.highlighted.isChecked())
        self.count.setText(self.tr("{0} of {1} entries").format(
            count_text(self.proxy.rowCount()), count_text(self.model.rowCount())))

    def entries_shown(self) -> list[LogEntry]:
        """The entries that pass the filters, in table order."""
        return [self.model.entries[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]
                for r in range(self.proxy.rowCount())]
