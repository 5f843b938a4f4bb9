"""Charts of readings: the data preparation (Qt-free, runs on a worker) and a widget that
embeds matplotlib (``backend_qtagg``) and draws only the visible chart.

Energy registers (Wh) are cumulative: the difference of two consecutive values divided by
their time distance is the average power of that interval (W). Daily and monthly bars are
the energy per local (Europe/Berlin) day/month. Consumption (x.8.x with C = 1) points up,
feed-in (C = 2) down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication as QCA
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from trudi_py.model import Channel, ChannelReadings
from trudi_py.model.units import Obis

#: Load-profile resolution by loaded range: keep the number of drawn points below ~1500 so a
#: draw stays well under 50 ms on a slow machine.
HOURLY_ABOVE_DAYS = 14
DAILY_ABOVE_DAYS = 60
CONSUMPTION, FEED_IN = "#1f6fb5", "#3a9a3a"


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
    series: list[Series]
    resolution: str  # "15min", "hour" or "day"

    @property
    def empty(self) -> bool:
        return not any(s.power_w.size for s in self.series)


def _direction(obis: str) -> int:
    try:
        c = Obis.parse(obis).groups[2]
    except ValueError:
        return 0
    return {1: 1, 2: -1}.get(c, 0)


def prepare_chart_data(channels: list[ChannelReadings], meta: dict[str, Channel]) -> ChartData:
    """Average power and daily/monthly energy of every Wh channel (runs on a worker)."""
    import pandas as pd  # imported here: the worker pays for it, not the GUI thread

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
        m = meta[ch.obis]
        times = pd.DatetimeIndex([r.target_time for r in ch.readings])
        values = np.array([int(r.value) for r in ch.readings], dtype=np.float64)
        wh = values * 10.0 ** m.scaler
        delta = np.diff(wh)  # energy of the interval ending at times[1:]
        seconds = np.diff(times.asi8) / 1e9
        ends = times[1:].tz_convert("Europe/Berlin")
        starts = times[:-1].tz_convert("Europe/Berlin")
        series = Series(ch.obis, m.label, _direction(ch.obis))
        energy_s = pd.Series(delta, index=ends - pd.Timedelta(seconds=1))
        if resolution == "15min":
            series.edges = np.concatenate([starts[:1].tz_localize(None).values,
                                           ends.tz_localize(None).values])
            series.power_w = np.where(seconds > 0, delta / np.maximum(seconds, 1) * 3600, 0.0)
        else:
            rule = "h" if resolution == "hour" else "D"
            sums = energy_s.resample(rule).sum()
            if len(sums):
                bucket_edges = sums.index.append(sums.index[-1:] + pd.tseries.frequencies
                                                 .to_offset(rule))
                hours = np.diff(bucket_edges.asi8) / 3.6e12
                series.edges = bucket_edges.tz_localize(None).values
                series.power_w = sums.to_numpy() / hours
        daily = energy_s.resample("D").sum()
        series.days = daily.index.tz_localize(None).values.astype("datetime64[D]")
        series.day_kwh = daily.to_numpy() / 1000
        monthly = energy_s.resample("MS").sum()
        series.months = monthly.index.tz_localize(None).values.astype("datetime64[M]")
        series.month_kwh = monthly.to_numpy() / 1000
        out.append(series)
    return ChartData(out, resolution)


def _series_label(s: Series) -> str:
    if s.direction > 0:
        return QCA.translate("Charts", "Consumption {0}").format(s.label)
    if s.direction < 0:
        return QCA.translate("Charts", "Feed-in {0}").format(s.label)
    return s.label


def month_names() -> list[str]:
    return QCA.translate("Charts", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec").split()


class ChartWidget(QTabWidget):
    """Three tabs (load profile, days, months); each is drawn when it is first shown."""

    drawn = Signal(str)  # the key of the chart just drawn

    KEYS = ("power", "daily", "monthly")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure
        self.setObjectName("charts")
        self.data: ChartData | None = None
        self._dirty: set[str] = set()
        self.figures: dict[str, Figure] = {}
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        titles = (self.tr("Load profile"), self.tr("Daily energy"), self.tr("Monthly energy"))
        for key, title in zip(self.KEYS, titles):
            figure = Figure(figsize=(8, 4), dpi=100, layout="constrained")
            canvas = FigureCanvasQTAgg(figure)
            canvas.setMinimumHeight(240)
            canvas.mpl_connect("draw_event", lambda _e, k=key: self.drawn.emit(k))
            page = QWidget()
            QVBoxLayout(page).addWidget(canvas)
            page.layout().setContentsMargins(0, 0, 0, 0)
            self.addTab(page, title)
            self.figures[key], self.canvases[key] = figure, canvas
        self.currentChanged.connect(lambda _i: self._render_current())

    @property
    def current_key(self) -> str:
        return self.KEYS[max(0, self.currentIndex())]

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        self._dirty = set(self.KEYS)
        self._render_current()

    def _render_current(self) -> None:
        key = self.current_key
        if key not in self._dirty:
            return
        self._dirty.discard(key)
        figure = self.figures[key]
        figure.clear()
        ax = figure.add_subplot()
        data = self.data
        if data is None or data.empty:
            ax.set_axis_off()
            ax.text(0.5, 0.5, self.tr("No energy values in this range"), ha="center",
                    va="center", transform=ax.transAxes, color="#666666")
        else:
            getattr(self, f"_plot_{key}")(ax, data)
        self.canvases[key].draw_idle()

    def _style(self, ax, ylabel: str) -> None:  # noqa: ANN001
        ax.axhline(0, color="#444444", linewidth=0.8)
        ax.set_ylabel(ylabel)
        ax.grid(True, axis="y", alpha=0.3)
        if any(s.direction < 0 for s in (self.data.series if self.data else [])):
            ax.legend(loc="upper left", fontsize="small", frameon=False)

    def _date_axis(self, ax) -> None:  # noqa: ANN001
        import matplotlib.dates as mdates
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        formatter = mdates.ConciseDateFormatter(
            locator, formats=["%Y", "%m/%Y", "%d.%m.", "%H:%M", "%H:%M", "%S"],
            zero_formats=["", "%Y", "%m/%Y", "%d.%m.", "%H:%M", "%H:%M"],
            offset_formats=["", "%Y", "%m/%Y", "%d.%m.%Y", "%d.%m.%Y", "%d.%m.%Y %H:%M"])
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(formatter)

    def _plot_power(self, ax, data: ChartData) -> None:  # noqa: ANN001
        import matplotlib.dates as mdates
        for s in data.series:
            if not s.power_w.size:
                continue
            color = FEED_IN if s.direction < 0 else CONSUMPTION
            sign = -1.0 if s.direction < 0 else 1.0
            ax.stairs(sign * s.power_w, mdates.date2num(s.edges), fill=True, alpha=0.55,
                      color=color, label=_series_label(s))
        title = {"15min": self.tr("Average power per 15 minutes"),
                 "hour": self.tr("Average power per hour"),
                 "day": self.tr("Average power per day")}[data.resolution]
        ax.set_title(title, fontsize="medium")
        self._date_axis(ax)
        self._style(ax, self.tr("W  (consumption + / feed-in −)"))

    def _plot_daily(self, ax, data: ChartData) -> None:  # noqa: ANN001
        import matplotlib.dates as mdates
        for s in data.series:
            if not s.day_kwh.size:
                continue
            color = FEED_IN if s.direction < 0 else CONSUMPTION
            sign = -1.0 if s.direction < 0 else 1.0
            x = mdates.date2num(s.days)
            if len(x) <= 62:
                ax.bar(x, sign * s.day_kwh, width=0.8, align="edge", color=color,
                       label=_series_label(s))
            else:
                ax.stairs(sign * s.day_kwh, np.append(x, x[-1] + 1), fill=True, color=color,
                          label=_series_label(s))
        ax.set_title(self.tr("Energy per day"), fontsize="medium")
        self._date_axis(ax)
        self._style(ax, self.tr("kWh  (consumption + / feed-in −)"))

    def _plot_monthly(self, ax, data: ChartData) -> None:  # noqa: ANN001
        names = month_names()
        months = sorted({m for s in data.series for m in s.months.tolist()})
        positions = {m: i for i, m in enumerate(months)}
        for s in data.series:
            color = FEED_IN if s.direction < 0 else CONSUMPTION
            sign = -1.0 if s.direction < 0 else 1.0
            x = [positions[m] for m in s.months.tolist()]
            bars = ax.bar(x, sign * s.month_kwh, width=0.7, color=color,
                          label=_series_label(s))
            if len(months) <= 16:
                ax.bar_label(bars, fmt="%.0f", fontsize="x-small", padding=2)
        ax.set_xticks(range(len(months)),
                      [f"{names[m.month - 1]}\n{m.year}" for m in months], fontsize="small")
        ax.margins(y=0.12)
        ax.set_title(self.tr("Energy per month"), fontsize="medium")
        self._style(ax, self.tr("kWh  (consumption + / feed-in −)"))

    def render_now(self, key: str) -> None:
        """Draw ``key`` synchronously (for exports and the tour)."""
        self.setCurrentIndex(self.KEYS.index(key))
        self._render_current()
        self.canvases[key].draw()

    def save_png(self, path: Path, key: str | None = None) -> None:
        key = key or self.current_key
        if key in self._dirty:
            self.render_now(key)
        self.figures[key].savefig(path, dpi=150)
