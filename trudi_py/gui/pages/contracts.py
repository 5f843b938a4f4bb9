"""Contracts: the usage points (TAF, name, state, meters, metering point, delivery id) and
the billing periods and channels of the selected one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication as QCA
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trudi_py.gateway.source import ContractSource
from trudi_py.gui import i18n
from trudi_py.gui.follow import follow_source
from trudi_py.gui.format import database_name, obis_short, register_name
from trudi_py.gui.session import Session
from trudi_py.gui.widgets import Banner, html_escape, local_time_text, page_layout
from trudi_py.model import UsagePoint, UsagePointInfo
from trudi_py.model.source import DataSource


def _emt(name: str) -> str:
    """``emt1.sm`` → ``emt1`` (the recipient, as the contract table shows it)."""
    return name[:-3] if name.endswith(".sm") else name


def taf_text(taf: str) -> str:
    """``TAF 7`` with what it means for a household."""
    meaning = {
        "1": QCA.translate("Taf", "billing-relevant data, fixed tariff"),
        "2": QCA.translate("Taf", "time-variable tariff"),
        "6": QCA.translate("Taf", "readings on demand"),
        "7": QCA.translate("Taf", "load profile (15-minute values)"),
        "9": QCA.translate("Taf", "current value (no history)"),
        "10": QCA.translate("Taf", "current values for the consumer (no history)"),
        "14": QCA.translate("Taf", "high-frequency values (not stored)"),
    }.get(taf)
    return f"TAF-{taf}" + (f" – {meaning}" if meaning else "")


def state_text(state: str) -> str:
    """A contract's state in words (active, ready, archived), in the UI language."""
    return {"running": QCA.translate("Taf", "active"),
            "ready": QCA.translate("Taf", "ready"),
            "archive": QCA.translate("Taf", "archived")}.get(state, state)


def _details(source: DataSource, upid: str
             ) -> tuple[UsagePointInfo, dict[str, str] | None]:
    """On the worker: a contract's databases and, from a portal gateway, its profile rows."""
    info = source.usage_point_info(upid)
    if isinstance(source, ContractSource):
        profile = source.contract(upid).profile
        return info, (dict(profile) if profile else None)
    return info, None


class ContractsPage(QWidget):
    """Usage points of the consumer; details load on selection."""

    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractsPage")
        self.session = session
        layout, _ = page_layout(self, self.tr("Contracts"))
        self.points = QTableWidget(0, 7)
        self.points.setObjectName("usagePoints")
        self.points.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Tariff use case"), self.tr("State"), self.tr("Meters"),
            self.tr("Metering point"), self.tr("Delivery to"), self.tr("Usage point id")])
        self._table_defaults(self.points)
        tips = {1: self.tr("How your supplier bills you (TAF-1 fixed price, TAF-2 time-variable, "
                           "TAF-7 load profile …); see Help and glossary"),
                4: self.tr("The number of your metering point (Messlokation), as on your bill"),
                5: self.tr("The market participant the gateway sends this contract's values to"),
                6: self.tr("The gateway's internal name of the contract")}
        for col, tip in tips.items():
            header_item = self.points.horizontalHeaderItem(col)
            if header_item is not None:
                header_item.setToolTip(tip)
        self.points.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.points, 2)
        self.banner = Banner()
        layout.addWidget(self.banner)
        details = QHBoxLayout()
        periods_box = QGroupBox(self.tr("Billing periods"))
        pl = QVBoxLayout(periods_box)
        self.periods = QTableWidget(0, 2)
        self.periods.setObjectName("billingPeriods")
        self.periods.setHorizontalHeaderLabels([self.tr("Start"), self.tr("End")])
        self._table_defaults(self.periods)
        pl.addWidget(self.periods)
        details.addWidget(periods_box, 1)
        channels_box = QGroupBox(self.tr("Databases and channels"))
        cl = QVBoxLayout(channels_box)
        self.channels = QLabel()
        self.channels.setWordWrap(True)
        self.channels.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.channels.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cl.addWidget(self.channels, 1)
        details.addWidget(channels_box, 1)
        layout.addLayout(details, 3)
        self._points: list[UsagePoint] = []
        # a hidden page fills itself a turn later (the shown one paints first)
        self.follower = follow_source(self, session.source_changed, self._source_changed, 0)

    @staticmethod
    def _table_defaults(table: QTableWidget) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)

    def _source_changed(self, source: object) -> None:
        snapshot = self.session.snapshot
        self._points = list(snapshot.usage_points) if snapshot else []
        self.points.setRowCount(len(self._points))
        for row, p in enumerate(self._points):
            cells = (p.name, taf_text(p.taf), state_text(p.state) or "—",
                     ", ".join(p.meters), p.metering_point_id or "—", p.delivery_id or "—",
                     p.usage_point_id)
            for col, text in enumerate(cells):
                self.points.setItem(row, col, QTableWidgetItem(text))
        self.periods.setRowCount(0)
        self.channels.setText("")
        if self._points:
            self.points.selectRow(0)

    def refresh_details(self) -> None:
        """Load the selected contract's details again (``loaded`` follows)."""
        self._selected()

    def _selected(self) -> None:
        rows = {i.row() for i in self.points.selectedItems()}
        if not rows:
            return
        point = self._points[min(rows)]
        periods = list(point.billing_periods)
        self.periods.setRowCount(len(periods))
        for row, bp in enumerate(periods):
            self.periods.setItem(row, 0, QTableWidgetItem(local_time_text(bp.start, False)))
            end = local_time_text(bp.end, False) if bp.end else self.tr("open")
            self.periods.setItem(row, 1, QTableWidgetItem(end))
        if not periods:
            self.periods.setRowCount(1)
            self.periods.setItem(0, 0, QTableWidgetItem(self.tr("none (no values are kept)")
                                                       if not point.keeps_history
                                                       else self.tr("none listed")))
        self.channels.setText(self.tr("Loading…"))
        upid = point.usage_point_id
        self.session.run(lambda source, _p, _c: _details(source, upid),
                         on_done=lambda found: self._show_info(upid, *found),
                         on_error=self._failed)

    def _show_info(self, upid: str, info: UsagePointInfo,
                   profile: dict[str, str] | None = None) -> None:
        current = self.points.currentRow()
        if not (0 <= current < len(self._points)) or \
                self._points[current].usage_point_id != upid:
            return
        lines = []
        for db in info.databases:
            chans = ", ".join(html_escape(f"{register_name(c.obis)} ({obis_short(c.obis)})")
                              for c in db.channels) or "—"
            lines.append(f"<b>{html_escape(database_name(db.name))}</b>: {chans}")
        if profile is not None:  # a portal's tariff profile (PPC): its own rows, as shown
            rows = "".join(f"<tr><td>{html_escape(k)}</td><td style='padding-left:8px'>"
                           f"{html_escape(v)}</td></tr>" for k, v in profile.items())
            note = html_escape(self.tr(
                "The tariff profile as the gateway's portal shows it. The portal names no "
                "recipient, no transparency bit and no signed tariff profile here."))
            self.channels.setText("<br>".join(lines) + f"<br><table>{rows}</table>{note}")
            self.loaded.emit()
            return
        extra = [self.tr("Data goes to: {0}").format(", ".join(_emt(e) for e in info.emts)
                                                     or "—"),
                 self.tr("Transparency bit: {0}").format(
                     self.tr("set") if info.transparency_bit else self.tr("not set")),
                 self.tr("Signed tariff profile: {0}").format(
                     self.tr("present") if info.taf_profile else self.tr("not supplied"))]
        self.channels.setText("<br>".join(lines + [html_escape(e) for e in extra]))
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.channels.setText("")
        self.banner.show_message("error", html_escape(i18n.error_text(exc)))
