"""Charts of readings: data preparation and drawing both run on worker threads.

matplotlib draws with its Agg renderer on a dedicated chart thread (a figure of one chart
takes 60–120 ms to draw on a slow machine — too long for the GUI thread, whose stalls must
stay below 50 ms); the widget only shows the finished image and asks for a new one when it
is resized. Only the visible chart is drawn.

Energy registers (Wh) are cumulative: the difference of two consecutive values divided by
their time distance is the average power of that interval (W). Daily and monthly bars are
the energy per local (Europe/Berlin) day/month. Consumption (x.8.x with C = 1) points up,
feed-in (C = 2) down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QTabWidget, QWidget

from trudi_py.gui.chart_draw import render_rgba, save_png
from trudi_py.gui.format import obis_short
from trudi_py.gui.worker import Runner
from trudi_py.model import Channel, ChannelReadings
from trudi_py.model import energy as energy_mod
from trudi_py.model.units import Obis
from trudi_py.verify.loadprofile import ZoneRule, load_profile_stats

#: Load-profile resolution by loaded range: keep the number of drawn points below ~1500 so a
#: draw stays well under 50 ms on a slow machine.
HOURLY_ABOVE_DAYS = 14
DAILY_ABOVE_DAYS = 60


@dataclass
class Series:
    """One energy channel, prepared: interval power and daily/monthly energy."""

    obis: str
    label: str
    direction: int  # +1 consumption, -1 feed-in, 0 other
    edges: np.ndarray = field(default_factory=lambda: np.array([], "datetime64[s]"))
    power_w: np.ndarray = field(default_factory=lambda: np.array([]))
    days: np.ndarray = field(default_factory=lambda: np.array([], "datetime64[D]"))
    day_kwh: np.ndarray = field(default_factory=lambda: np.array([]))
    months: np.ndarray = field(default_factory=lambda: np.array([], "datetime64[M]"))
    month_kwh: np.ndarray = field(default_factory=lambda: np.array([]))


@dataclass
class ChartData:
    """Everything the four charts draw, prepared on a worker from one loaded range."""
    series: list[Series]
    resolution: str  # "15min", "hour" or "day"
    zones: dict[str, float] = field(default_factory=dict)  # consumption kWh per tariff zone
    zone_source: str = ""  # "profile" (the signed TAF profile) or "clock" (HT 6–22 weekdays)

    @property
    def empty(self) -> bool:
        """True when there is no value to draw."""
        return not any(s.power_w.size for s in self.series)


def _direction(obis: str) -> int:
    try:
        c = Obis.parse(obis).groups[2]
    except ValueError:
        return 0
    return {1: 1, 2: -1}.get(c, 0)


def zone_totals(channels: list[ChannelReadings], meta: dict[str, Channel],
                rule: ZoneRule) -> dict[str, float]:
    """Consumption (1.8.x, Wh channels) in kWh per tariff zone of ``rule``."""
    totals: dict[str, float] = {}
    for ch in channels:
        m = meta.get(ch.obis)
        if m is None or m.unit != 30 or _direction(ch.obis) <= 0:
            continue
        stats = load_profile_stats(ch, scaler=m.scaler, unit=m.unit, zones=rule)
        for zone, amount in stats.zones.items():
            totals[zone] = totals.get(zone, 0.0) + float(stats.physical(amount)) / 1000
    return totals


def prepare_chart_data(channels: list[ChannelReadings], meta: dict[str, Channel],
                       zone_rule: ZoneRule | None = None, zone_source: str = "") -> ChartData:
    """Average power and daily/monthly energy of every Wh channel (runs on a worker).

    The energy of the interval ending at a reading is booked to the local hour/day/month
    of that end minus one second (the 23:45-00:00 quarter belongs to the day before); empty
    buckets between the first and the last are 0. Sums of raw register differences are
    exact integers (:mod:`trudi_py.model.energy`); only the result is scaled to float."""
    energy = [c for c in channels if (m := meta.get(c.obis)) is not None and m.unit == 30
              and len(c.readings) >= 2]
    span_days = 0.0
    for ch in energy:
        span_days = max(span_days, (ch.readings[-1].target_time -
                                    ch.readings[0].target_time).total_seconds() / 86400)
    resolution = "15min" if span_days <= HOURLY_ABOVE_DAYS else (
        "hour" if span_days <= DAILY_ABOVE_DAYS else "day")
    out = []
    for ch in sorted(energy, key=lambda c: (-_direction(c.obis), c.obis)):
        factor = 10.0 ** meta[ch.obis].scaler  # raw -> Wh
        epoch = np.array([int(r.target_time.timestamp()) for r in ch.readings], np.int64)
        raw = np.array([int(r.value) for r in ch.readings], dtype=np.int64)
        delta = np.diff(raw)  # raw energy of the interval ending at epoch[1:]
        seconds = np.diff(epoch).astype(np.float64)
        book = epoch[1:] - 1
        series = Series(ch.obis, f"({obis_short(ch.obis)})", _direction(ch.obis))
        if resolution == "15min":
            series.edges = energy_mod.wall_seconds(epoch).astype("datetime64[s]")
            series.power_w = np.where(seconds > 0, delta * factor / np.maximum(seconds, 1)
                                      * 3600, 0.0)
        elif resolution == "hour":
            hours, sums = energy_mod.per_hour(book, delta)
            bounds = np.append(hours, hours[-1] + 1) * energy_mod.HOUR_S
            series.edges = energy_mod.wall_seconds(bounds).astype("datetime64[s]")
            series.power_w = sums * factor
        else:
            days, sums = energy_mod.per_day(book, delta, dense=True)
            bounds = energy_mod.midnights(np.append(days, days[-1] + 1))
            series.edges = (np.append(days, days[-1] + 1) * energy_mod.DAY_S
                            ).astype("datetime64[s]")
            series.power_w = sums * factor / (np.diff(bounds) / 3600.0)
        days, day_sums = energy_mod.per_day(book, delta, dense=True)
        series.days = days.astype("datetime64[D]")
        series.day_kwh = day_sums * factor / 1000
        months, month_sums = energy_mod.per_month(book, delta, dense=True)
        series.months = months.astype("datetime64[M]")
        series.month_kwh = month_sums * factor / 1000
        out.append(series)
    zones = zone_totals(channels, meta, zone_rule) if zone_rule is not None else {}
    return ChartData(out, resolution, zones, zone_source if zones else "")


# -- widgets (GUI thread: only shows finished images) -----------------------------------------
class ChartView(QWidget):
    """Paints the last finished image; asks for a new one after a resize (debounced)."""

    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.placeholder = ""  # shown while there is no image (empty state or drawing)
        self.setMinimumHeight(240)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.resized)

    def set_image(self, image: QImage | None) -> None:
        """Show a newly rendered chart image (None: blank)."""
        self.image = image
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Re-render after the size settles (debounced)."""
        super().resizeEvent(event)
        self._debounce.start()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Draw the rendered image scaled into the widget on a white background."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(self.rect()), self.image)
        else:
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        painter.end()


class ChartWidget(QTabWidget):
    """Four tabs (load profile, days, months, tariff zones); each is drawn when first shown."""

    drawn = Signal(str)  # the key of the chart just drawn
    saved = Signal(object)  # the path of an exported PNG (or an exception)

    KEYS = ("power", "daily", "monthly", "zones")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("charts")
        self.data: ChartData | None = None
        self.runner = Runner(threads=1, parent=self)
        self._generation = 0
        self._dirty: set[str] = set()
        self._pending: set[str] = set()
        self.views: dict[str, ChartView] = {}
        titles = (self.tr("Load profile"), self.tr("Daily energy"), self.tr("Monthly energy"),
                  self.tr("Tariff zones"))
        for key, title in zip(self.KEYS, titles, strict=True):
            view = ChartView()
            view.placeholder = self._empty_text()
            view.resized.connect(lambda k=key: self._resized(k))
            self.addTab(view, title)
            self.views[key] = view
        self.currentChanged.connect(lambda _i: self._render_current())

    @property
    def current_key(self) -> str:
        """The key of the chart tab shown now."""
        return self.KEYS[max(0, self.currentIndex())]

    def set_data(self, data: ChartData | None) -> None:
        """New data: every chart is re-rendered when next shown."""
        self.data = data
        self._generation += 1
        self._dirty = set(self.KEYS)
        for view in self.views.values():
            view.placeholder = self._empty_text() if data is None else self.tr("Drawing…")
            view.set_image(None)
        self._render_current()

    def _empty_text(self) -> str:
        """What an empty chart says before any values are loaded."""
        return self.tr("No values loaded yet: choose a contract and a period, then »Load«.")

    def show_chart(self, key: str) -> None:
        """Switch to chart ``key`` and render it if needed."""
        self.setCurrentIndex(self.KEYS.index(key))
        self._render_current()

    def showEvent(self, event: object) -> None:  # noqa: N802
        """Render the current chart when the widget becomes visible."""
        super().showEvent(event)  # type: ignore[arg-type]
        self._render_current()

    def _resized(self, key: str) -> None:
        image = self.views[key].image
        if image is not None and image.size() / image.devicePixelRatio() != \
                self.views[key].size():
            self._dirty.add(key)
            self._render_current()

    def _render_current(self) -> None:
        key = self.current_key
        view = self.views[key]
        if key not in self._dirty or key in self._pending or not self.isVisible():
            return  # drawn when shown; never more than one drawing per chart at a time
        self._dirty.discard(key)
        self._pending.add(key)
        data, generation = self.data, self._generation
        width, height, ratio = view.width(), view.height(), view.devicePixelRatioF()
        self.runner.submit(lambda _p, _c: render_rgba(key, data, width, height, ratio),
                           on_done=lambda r: self._rendered(key, generation, ratio, r),
                           on_error=lambda _e: self._pending.discard(key))

    def _rendered(self, key: str, generation: int, ratio: float,
                  result: tuple[int, int, bytes]) -> None:
        self._pending.discard(key)
        if generation != self._generation:
            self._render_current()  # data changed meanwhile: draw the new data
            return
        width, height, pixels = result
        image = QImage(pixels, width, height, QImage.Format.Format_RGBA8888).copy()
        image.setDevicePixelRatio(ratio)
        self.views[key].set_image(image)
        self.drawn.emit(key)
        self._render_current()  # a resize may have made it dirty again

    def save_png(self, path: Path, key: str | None = None) -> None:
        """Export a chart on the chart thread; ``saved`` tells when it is written."""
        key, data = key or self.current_key, self.data
        def write(_p: object, _c: object) -> Path:
            save_png(path, key, data)
            return path
        self.runner.submit(write, on_done=self.saved.emit, on_error=self.saved.emit)
