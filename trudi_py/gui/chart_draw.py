"""Drawing the charts of readings with matplotlib's object API (in the chart process, one
figure at a time): load profile, energy per day and month, consumption per tariff zone.
Legends name the register, the axis carries the unit; date ticks as people write them.

Nothing here needs Qt: the words come translated in a :class:`ChartTexts` made on the GUI
thread by :func:`chart_texts`, so a child process without a translator draws German charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from trudi_py.gui.chart_data import ChartData, Series

CONSUMPTION, FEED_IN = "#1f6fb5", "#3a9a3a"


@dataclass(frozen=True)
class ChartTexts:
    """Every word the charts show, in the GUI's language (picklable)."""

    language: str = "en"
    decimal_point: str = "."
    consumption: str = "Consumption {0}"
    feed_in: str = "Feed-in {0}"
    months: str = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"
    nothing_loaded: str = "Nothing loaded yet: choose contract and range above, then \"Load\"."
    no_energy: str = "No energy values in this range"
    no_consumption: str = "No consumption in this range"
    power_15min: str = "Average power per 15 minutes"
    power_hour: str = "Average power per hour"
    power_day: str = "Average power per day"
    power_axis: str = "W  (consumption + / feed-in −)"
    per_day: str = "Energy per day"
    energy_axis: str = "kWh  (consumption + / feed-in −)"
    partial: str = "partial"
    per_month: str = "Energy per month"
    per_zone: str = "Consumption per tariff zone"
    zones_profile: str = "zones of the signed tariff profile"
    zones_clock: str = "HT Mon–Fri 06–22, NT otherwise (no tariff profile)"

    def decimal(self, text: str) -> str:
        """An exact decimal string with the language's decimal separator."""
        return text.replace(".", self.decimal_point) if "." in text else text


def chart_texts() -> ChartTexts:
    """The chart words translated now (GUI thread: Qt's translator is installed there)."""
    from PySide6.QtCore import QCoreApplication as QCA
    from PySide6.QtCore import QLocale

    from trudi_py.gui import i18n
    return ChartTexts(
        language=i18n.current_language(), decimal_point=QLocale().decimalPoint(),
        consumption=QCA.translate("Charts", "Consumption {0}"),
        feed_in=QCA.translate("Charts", "Feed-in {0}"),
        months=QCA.translate("Charts", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
        nothing_loaded=QCA.translate("ChartWidget", "Nothing loaded yet: choose contract "
                                                    "and range above, then \"Load\"."),
        no_energy=QCA.translate("ChartWidget", "No energy values in this range"),
        no_consumption=QCA.translate("ChartWidget", "No consumption in this range"),
        power_15min=QCA.translate("ChartWidget", "Average power per 15 minutes"),
        power_hour=QCA.translate("ChartWidget", "Average power per hour"),
        power_day=QCA.translate("ChartWidget", "Average power per day"),
        power_axis=QCA.translate("ChartWidget", "W  (consumption + / feed-in −)"),
        per_day=QCA.translate("ChartWidget", "Energy per day"),
        energy_axis=QCA.translate("ChartWidget", "kWh  (consumption + / feed-in −)"),
        partial=QCA.translate("ChartWidget", "partial"),
        per_month=QCA.translate("ChartWidget", "Energy per month"),
        per_zone=QCA.translate("ChartWidget", "Consumption per tariff zone"),
        zones_profile=QCA.translate("ChartWidget", "zones of the signed tariff profile"),
        zones_clock=QCA.translate("ChartWidget",
                                  "HT Mon–Fri 06–22, NT otherwise (no tariff profile)"))


def _series_label(s: Series, t: ChartTexts) -> str:
    if s.direction > 0:
        return t.consumption.format(s.label)
    if s.direction < 0:
        return t.feed_in.format(s.label)
    return s.label


def warm_up() -> None:
    """Draw one small chart, so the first real one does not pay for fonts and imports."""
    render_rgba("monthly", None, 200, 150, 1.0)


def month_names(t: ChartTexts | None = None) -> list[str]:
    """The twelve month abbreviations in the GUI language."""
    return (t or chart_texts()).months.split()


# -- drawing (chart process: matplotlib's object API, no pyplot, one figure at a time) ------
def build_figure(key: str, data: ChartData | None, width_px: int, height_px: int,
                 dpi: float = 100.0, texts: ChartTexts | None = None) -> Figure:
    """A matplotlib Figure of one chart (``power``, ``daily``, ``monthly`` or ``zones``)."""
    from matplotlib.figure import Figure
    t = texts or ChartTexts()
    fig = Figure(figsize=(max(width_px, 200) / dpi, max(height_px, 150) / dpi), dpi=dpi)
    fig.subplots_adjust(left=max(0.06, 92 / max(width_px, 200)), right=0.98,
                        top=1 - 48 / max(height_px, 150), bottom=52 / max(height_px, 150))
    ax = fig.add_subplot()
    if data is None:  # the empty state before anything was loaded
        ax.set_axis_off()
        ax.text(0.5, 0.5, t.nothing_loaded, ha="center", va="center", transform=ax.transAxes,
                color="#666666")
        return fig
    if data.empty:
        ax.set_axis_off()
        ax.text(0.5, 0.5, t.no_energy, ha="center", va="center", transform=ax.transAxes,
                color="#666666")
        return fig
    if key == "zones" and not data.zones:
        ax.set_axis_off()
        ax.text(0.5, 0.5, t.no_consumption, ha="center", va="center", transform=ax.transAxes,
                color="#666666")
        return fig
    {"power": _plot_power, "daily": _plot_daily, "monthly": _plot_monthly,
     "zones": _plot_zones}[key](ax, data, t)
    return fig


def render_rgba(key: str, data: ChartData | None, width_px: int, height_px: int,
                ratio: float, texts: ChartTexts | None = None) -> tuple[int, int, bytes]:
    """Draw one chart into RGBA bytes of ``width_px × height_px`` logical pixels × ratio."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    fig = build_figure(key, data, width_px, height_px, dpi=100.0 * ratio, texts=texts)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    buffer = canvas.buffer_rgba()
    return buffer.shape[1], buffer.shape[0], bytes(buffer)


def save_png(path: Path, key: str, data: ChartData | None,
             texts: ChartTexts | None = None) -> Path:
    """A chart as a PNG file (1600 × 800 pixels); returns the path."""
    fig = build_figure(key, data, 1067, 533, dpi=150.0, texts=texts)
    fig.savefig(path, dpi=150.0)
    return path


def _style(ax, ylabel: str) -> None:  # noqa: ANN001
    ax.axhline(0, color="#444444", linewidth=0.8)
    ax.set_ylabel(ylabel)
    ax.grid(True, axis="y", alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, fontsize="small",
                  frameon=False, borderaxespad=0.2)


def date_tick(moment: object, span_days: float, german: bool,
              texts: ChartTexts | None = None) -> str:
    """A date tick as people write it: ``01.12.`` / ``Dec 1`` for days, ``Mär 2026`` /
    ``Mar 2026`` for months, ``14:00`` within a day."""
    names = month_names(texts)
    if span_days <= 2:
        return moment.strftime("%H:%M")  # type: ignore[attr-defined]
    if span_days <= 75:
        if german:
            return moment.strftime("%d.%m.")  # type: ignore[attr-defined]
        return f"{names[moment.month - 1]} {moment.day}"  # type: ignore[attr-defined]
    return f"{names[moment.month - 1]} {moment.year}"  # type: ignore[attr-defined]


def _date_axis(ax, t: ChartTexts) -> None:  # noqa: ANN001
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter
    german = t.language == "de"
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=8))

    def tick(value: float, _pos: object) -> str:
        low, high = ax.get_xlim()
        return date_tick(mdates.num2date(value), high - low, german, t)
    ax.xaxis.set_major_formatter(FuncFormatter(tick))


def partial_months(data: ChartData) -> set[object]:
    """Months (``datetime64[M]`` items) that the loaded range covers only in part."""
    days = sorted({d for s in data.series for d in s.days.tolist()})
    if not days:
        return set()
    first, last = days[0], days[-1]
    out = set()
    if first.day != 1:
        out.add(np.datetime64(first, "M").item())
    if (last + timedelta(days=1)).day != 1:  # days are datetime.date
        out.add(np.datetime64(last, "M").item())
    return out


def _look(s: Series) -> tuple[str, float]:
    """Colour and sign of a series: feed-in is drawn green and below the zero line."""
    return (FEED_IN, -1.0) if s.direction < 0 else (CONSUMPTION, 1.0)


def _stairs(ax, values: np.ndarray, edges: np.ndarray, **style: object) -> None:  # noqa: ANN001
    """``ax.stairs(values, edges, fill=True, **style)`` without its cost: ``Axes.add_patch``
    finds a patch's data limits by walking every segment of its path in Python (~0.1 s of
    a year's 0.27 s load-profile drawing); a step outline's limits are known."""
    from matplotlib.patches import StepPatch
    style.setdefault("linewidth", 0)  # as ax.stairs(fill=True): colour only the face
    style["facecolor"] = style.pop("color")
    patch = StepPatch(values, edges, baseline=0, fill=True, **style)  # type: ignore[arg-type]
    ax.add_artist(patch)  # still one of ax.patches: in the legend, clipped to the axes
    low, high = float(min(0.0, np.nanmin(values))), float(max(0.0, np.nanmax(values)))
    ax.update_datalim([(float(edges[0]), low), (float(edges[-1]), high)])
    ax.autoscale_view()


def _plot_power(ax, data: ChartData, t: ChartTexts) -> None:  # noqa: ANN001
    import matplotlib.dates as mdates
    for s in data.series:
        if not s.power_w.size:
            continue
        color, sign = _look(s)
        _stairs(ax, sign * s.power_w, mdates.date2num(s.edges), alpha=0.55, color=color,
                label=_series_label(s, t))
    title = {"15min": t.power_15min, "hour": t.power_hour,
             "day": t.power_day}[data.resolution]
    ax.set_title(title, fontsize="medium", loc="left", y=1.0, pad=TITLE_PAD)
    _date_axis(ax, t)
    _style(ax, t.power_axis)


def _plot_daily(ax, data: ChartData, t: ChartTexts) -> None:  # noqa: ANN001
    import matplotlib.dates as mdates
    for s in data.series:
        if not s.day_kwh.size:
            continue
        color, sign = _look(s)
        x = mdates.date2num(s.days)
        if len(x) <= 62:
            ax.bar(x, sign * s.day_kwh, width=0.8, align="edge", color=color,
                   label=_series_label(s, t))
        else:
            _stairs(ax, sign * s.day_kwh, np.append(x, x[-1] + 1), color=color,
                    label=_series_label(s, t))
    ax.set_title(t.per_day, fontsize="medium", loc="left", y=1.0, pad=TITLE_PAD)
    _date_axis(ax, t)
    _style(ax, t.energy_axis)


#: Titles sit this many points above the axes, placed there directly: matplotlib's automatic
#: title position measures every tick label's extent first (~50 ms of a chart's ~0.14 s) to
#: clear labels on top of the axes, which these charts do not have.
TITLE_PAD = 6.0


#: Above this many months the monthly chart is one filled outline per series with a tick per
#: year (hundreds of separate bars and labelled ticks take most of a second to draw).
MONTH_BARS_UP_TO = 36


def _plot_monthly(ax, data: ChartData, t: ChartTexts) -> None:  # noqa: ANN001
    names = month_names(t)
    months = sorted({m for s in data.series for m in s.months.tolist()})
    positions = {m: i for i, m in enumerate(months)}
    partial = partial_months(data)
    many = len(months) > MONTH_BARS_UP_TO
    for s in data.series:
        color, sign = _look(s)
        x = [positions[m] for m in s.months.tolist()]
        if many and x:
            _stairs(ax, sign * s.month_kwh, np.append(np.array(x) - 0.5, x[-1] + 0.5),
                    color=color, label=_series_label(s, t))
            continue
        bars = ax.bar(x, sign * s.month_kwh, width=0.7, color=color,
                      label=_series_label(s, t))
        cut = [(i, v) for i, v, m in zip(x, s.month_kwh, s.months.tolist(), strict=True)
               if m in partial]
        if cut:  # a month the range covers only in part: hatched over (not in the legend)
            ax.bar([i for i, _ in cut], [sign * v for _, v in cut], width=0.7, fill=False,
                   hatch="//", edgecolor="white", linewidth=0)
        if len(months) <= 16:
            ax.bar_label(bars, labels=[t.decimal(f"{v:.0f}") for v in s.month_kwh],
                         fontsize="x-small", padding=2)
    word = t.partial
    if many:  # one tick per year, at its January (or the first month shown)
        ticks = [i for i, m in enumerate(months) if m.month == 1 or (i == 0 and m.month < 7)]
        step = max(1, len(ticks) // 12)
        ax.set_xticks(ticks[::step], [str(months[i].year) for i in ticks[::step]],
                      fontsize="small")
    else:
        ax.set_xticks(range(len(months)),
                      [f"{names[m.month - 1]}\n{m.year}" + (f"\n({word})" if m in partial
                                                             else "")
                       for m in months], fontsize="small")
    ax.margins(y=0.12)
    ax.set_title(t.per_month, fontsize="medium", loc="left", y=1.0, pad=TITLE_PAD)
    _style(ax, t.energy_axis)


def _plot_zones(ax, data: ChartData, t: ChartTexts) -> None:  # noqa: ANN001
    names = sorted(data.zones)
    values = [data.zones[n] for n in names]
    total = sum(values) or 1.0
    bars = ax.bar(range(len(names)), values, width=0.6, color=CONSUMPTION)
    ax.bar_label(bars, labels=[f"{t.decimal(f'{v:.1f}')} kWh ({v / total:.0%})"
                               for v in values],
                 fontsize="small", padding=2)
    ax.set_xticks(range(len(names)), names)
    ax.margins(y=0.15)
    title = t.per_zone + " — " + (t.zones_profile if data.zone_source == "profile"
                                  else t.zones_clock)
    ax.set_title(title, fontsize="medium", loc="left", y=1.0, pad=TITLE_PAD)
    _style(ax, "kWh")
